//! How many decisions one core renders per second (in Albanian, two pages, a ten-line
//! calculation), beside a baseline measured in the same run: a blank one-page printpdf document,
//! the least any PDF costs. Prints the ratio of the two. (`platform` reports the same figure, R4,
//! in its table; this bench adds criterion's statistics.)
//!
//! Run: `cargo bench --bench documents` (add `-- --quick` for a shorter run).

// A benchmark that cannot set up should stop loudly, like a test.
#![allow(clippy::expect_used)]

mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use support::samples::{self, blank_page};

fn benchmark(criterion: &mut Criterion) {
    let jurisdictions = samples::jurisdictions().expect("the shipped forms load");
    let content = samples::decision().expect("the sample decision renders");
    let render =
        || samples::render(&jurisdictions, black_box(&content)).expect("the sample renders");

    let mut group = criterion.benchmark_group("documents");
    group.throughput(Throughput::Elements(1));
    group.bench_function("baseline: a blank one-page PDF", |bencher| {
        bencher.iter(blank_page)
    });
    group.bench_function(
        "a two-page decision with ten lines, in Albanian",
        |bencher| bencher.iter(render),
    );
    group.finish();

    let second = Duration::from_secs(1);
    let blank_rate = support::per_second(second, || drop(black_box(blank_page())));
    let decision_rate = support::per_second(second, || drop(render()));
    println!(
        "decisions: {decision_rate:.0} a second; blank pages: {blank_rate:.0} a second; \
         a decision costs {:.1} blank pages",
        blank_rate / decision_rate
    );
}

criterion_group!(benches, benchmark);
criterion_main!(benches);
