//! How many ten-line award calculations one core performs per second, beside a baseline measured
//! in the same run: parsing the same request from JSON, which every preview pays anyway.
//! (`platform` reports the calculation rate, R5, in its table.)
//!
//! Run: `cargo bench --bench awards`.

// A benchmark that cannot set up should stop loudly, like a test.
#![allow(clippy::expect_used)]

mod support;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use redress::domain::award::AwardRequest;
use support::samples::{self, TEN_LINES};

fn benchmark(criterion: &mut Criterion) {
    let jurisdictions = samples::jurisdictions().expect("the shipped forms load");
    let request = samples::award_request(&jurisdictions).expect("the request calculates");

    let mut group = criterion.benchmark_group("awards");
    group.throughput(Throughput::Elements(1));
    group.bench_function("baseline: parse the ten-line request", |bencher| {
        bencher.iter(|| serde_json::from_str::<AwardRequest>(black_box(TEN_LINES)))
    });
    group.bench_function("calculate a ten-line award", |bencher| {
        bencher.iter(|| samples::calculate_award(&jurisdictions, black_box(&request)))
    });
    group.finish();
}

criterion_group!(benches, benchmark);
criterion_main!(benches);
