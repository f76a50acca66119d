//! How many ten-line award calculations one core performs per second, beside a baseline measured
//! in the same run: parsing the same request from JSON, which every preview pays anyway.
//!
//! Run: `cargo bench --bench awards`.

// A benchmark that cannot set up should stop loudly, like a test.
#![allow(clippy::expect_used)]

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use redress::domain::award::{AwardRequest, calculate};
use redress::forms::Jurisdictions;

/// Ten lines under the UK scheme: four tariff injuries, an exempt injury, loss of earnings,
/// special expenses, a funeral, bereavement and a child payment.
const TEN_LINES: &str = r#"{
    "jurisdiction": "uk-cica-2012", "as_of": "2025-01-31",
    "losses": [
        {"head": "injury", "amount": "3300.00"},
        {"head": "injury", "amount": "1000.00"},
        {"head": "injury", "amount": "1000.00"},
        {"head": "injury", "amount": "500.00"},
        {"head": "exempt_injury", "amount": "2400.00"},
        {"head": "loss_of_earnings", "weeks": 40, "weekly_rate": "99.35"},
        {"head": "special_expenses", "amount": "1250.50"},
        {"head": "funeral", "amount": "6200.00"},
        {"head": "bereavement", "relatives": 2},
        {"head": "child_payment", "years": "2.5"}
    ],
    "offsets": [{"source": "insurance", "amount": "1000.00", "head": "funeral"}],
    "reduction_percent": "10", "interim_paid": "500.00"
}"#;

fn benchmark(criterion: &mut Criterion) {
    let forms = Path::new(env!("CARGO_MANIFEST_DIR")).join("forms");
    let jurisdictions = Jurisdictions::load(&forms).expect("the shipped forms load");
    let request: AwardRequest = serde_json::from_str(TEN_LINES).expect("the request parses");
    let rules = jurisdictions
        .get(&request.jurisdiction)
        .expect("the jurisdiction exists");
    let schedules = jurisdictions.schedules(&rules.id);
    let calculation =
        calculate(schedules, rules.currency, &request).expect("the request calculates");
    assert_eq!(
        calculation.lines.len(),
        10,
        "the benchmark is for ten lines"
    );

    let mut group = criterion.benchmark_group("awards");
    group.throughput(Throughput::Elements(1));
    group.bench_function("baseline: parse the ten-line request", |bencher| {
        bencher.iter(|| serde_json::from_str::<AwardRequest>(std::hint::black_box(TEN_LINES)))
    });
    group.bench_function("calculate a ten-line award", |bencher| {
        bencher.iter(|| calculate(schedules, rules.currency, std::hint::black_box(&request)))
    });
    group.finish();
}

criterion_group!(benches, benchmark);
criterion_main!(benches);
