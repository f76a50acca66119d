//! How many decisions one core renders per second (in Albanian, two pages, a ten-line
//! calculation), beside a baseline measured in the same run: a blank one-page printpdf document,
//! the least any PDF costs. Prints the ratio of the two.
//!
//! Run: `cargo bench --bench documents` (add `-- --quick` for a shorter run).

// A benchmark that cannot set up should stop loudly, like a test.
#![allow(clippy::expect_used)]

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use printpdf::{Mm, PdfDocument, PdfPage, PdfSaveOptions};
use redress::domain::claim::Language;
use redress::forms::Jurisdictions;
use redress::pdf::content::{DecisionContent, Recipient};
use redress::pdf::render_decision;

fn blank_page() -> Vec<u8> {
    let page = PdfPage::new(Mm(210.0), Mm(297.0), Vec::new());
    PdfDocument::new("blank")
        .with_pages(vec![page])
        .save(&PdfSaveOptions::default(), &mut Vec::new())
}

/// Calls per second of `work`, over about a second.
fn per_second(mut work: impl FnMut()) -> f64 {
    let start = Instant::now();
    let mut count = 0_u32;
    while start.elapsed() < Duration::from_secs(1) {
        work();
        count += 1;
    }
    f64::from(count) / start.elapsed().as_secs_f64()
}

fn benchmark(criterion: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let jurisdictions = Jurisdictions::load(&root.join("forms")).expect("the shipped forms load");
    let json = std::fs::read_to_string(root.join("benches/decision-sq.json"))
        .expect("the sample decision is there");
    let content: DecisionContent = serde_json::from_str(&json).expect("the sample parses");
    let render = || {
        render_decision(
            &jurisdictions,
            black_box(&content),
            Language::Sq,
            Recipient::Applicant,
        )
        .expect("the sample renders")
    };
    let pages = lopdf::Document::load_mem(&render())
        .expect("the decision reads back")
        .get_pages()
        .len();
    assert_eq!(pages, 2, "the benchmark is for a two-page decision");

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

    let blank_rate = per_second(|| drop(black_box(blank_page())));
    let decision_rate = per_second(|| drop(render()));
    println!(
        "decisions: {decision_rate:.0} a second; blank pages: {blank_rate:.0} a second; \
         a decision costs {:.1} blank pages",
        blank_rate / decision_rate
    );
}

criterion_group!(benches, benchmark);
criterion_main!(benches);
