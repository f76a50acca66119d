//! `cargo bench --bench scale`: whether the service stays fast with years of claims in it. Seeds
//! one fresh database in steps (10k, then 100k, then 1M claims, each with its two audit events),
//! and after each step times the queries a caseworker's screen and a report make through the
//! real server: the first page of the list, a page deep in it (keyset `after`), a state filter,
//! the overdue filter, a reference search, a claim's detail, and the count by state that
//! statistics are built on (run directly in SQL: the statistics endpoints live on their own
//! branch). Prints one table, with each query's time at the largest size over its time at the
//! smallest.
//!
//! Run: `cargo bench --bench scale -- --database both --sizes 10000,100000,1000000` (add
//! `--without-scale-indexes` to drop migration 000016's indexes first and see what they are for).
//! `cargo test --bench scale` runs it once at tiny sizes.

// A benchmark that cannot set up should stop loudly, like a test.
#![allow(clippy::expect_used)]

mod support;

use std::time::{Duration, Instant};

use redress::domain::Role;
use redress::store;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use support::seed::{self, Mix};
use support::{Backend, Server, Timing};

/// How often each query runs at each size, at most (and for at most `QUERY_WINDOW`).
const QUERY_REPETITIONS: usize = 200;
const QUERY_WINDOW: Duration = Duration::from_secs(2);

struct Options {
    backends: Vec<Backend>,
    sizes: Vec<u64>,
    /// Drops the indexes of migration 000016 before seeding, to show what they are for.
    without_scale_indexes: bool,
}

/// The indexes migration 000016 adds for the list's filters.
const SCALE_INDEXES: [&str; 4] = [
    "idx_claims_state_id",
    "idx_claims_evidence_due_open",
    "idx_claims_decision_due_open",
    "idx_claims_payment_due_open",
];

impl Options {
    fn parse() -> anyhow::Result<Options> {
        let arguments: Vec<String> = std::env::args().collect();
        let smoke = support::is_smoke_run(&arguments);
        let backends = match support::argument(&arguments, "--database") {
            Some(list) => Backend::parse_list(&list)?,
            None if smoke && std::env::var("REDRESS_TEST_POSTGRES_URL").is_err() => {
                vec![Backend::Sqlite]
            }
            None => Backend::parse_list("both")?,
        };
        let sizes = match (support::argument(&arguments, "--sizes"), smoke) {
            (Some(list), _) => list
                .split(',')
                .map(|size| size.trim().parse::<u64>())
                .collect::<Result<Vec<_>, _>>()?,
            (None, true) => vec![300, 1000],
            (None, false) => vec![10_000, 100_000, 1_000_000],
        };
        anyhow::ensure!(
            sizes.windows(2).all(|pair| pair[0] < pair[1]),
            "--sizes must grow"
        );
        let without_scale_indexes = arguments
            .iter()
            .any(|argument| argument == "--without-scale-indexes");
        Ok(Options {
            backends,
            sizes,
            without_scale_indexes,
        })
    }
}

/// The queries, by name: a path on the API, or SQL.
fn queries(size: u64) -> Vec<(&'static str, Query)> {
    let middle = size / 2;
    let detail = middle + 1;
    vec![
        (
            "list: first page of 50",
            Query::Api("/api/v1/claims".to_owned()),
        ),
        (
            "list: page of 50 in the middle",
            Query::Api(format!("/api/v1/claims?after={middle}")),
        ),
        (
            "filter: awaiting evidence",
            Query::Api("/api/v1/claims?state=awaiting_evidence".to_owned()),
        ),
        (
            "overdue: page of 50",
            Query::Api("/api/v1/claims?overdue=true".to_owned()),
        ),
        // One claim in a thousand is overdue, so at 10,000 claims a page of 50 holds only 10:
        // a page of 10 compares full pages at every size.
        (
            "overdue: page of 10",
            Query::Api("/api/v1/claims?overdue=true&limit=10".to_owned()),
        ),
        (
            "search: reference contains",
            Query::Api("/api/v1/claims?reference=2019-00004".to_owned()),
        ),
        ("detail", Query::Api(format!("/api/v1/claims/{detail}"))),
        (
            "statistics: count by state",
            Query::Sql("SELECT state, COUNT(*) FROM claims GROUP BY state"),
        ),
    ]
}

enum Query {
    Api(String),
    Sql(&'static str),
}

fn main() -> anyhow::Result<()> {
    let options = Options::parse()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    for backend in &options.backends {
        runtime.block_on(measure(*backend, &options))?;
    }
    Ok(())
}

async fn measure(backend: Backend, options: &Options) -> anyhow::Result<()> {
    let sizes = &options.sizes;
    let server = Server::start(backend).await?;
    let token = server
        .signed_in("bench.secretariat", Role::Secretariat)
        .await?;
    let database = store::connect(&server.database.url, false).await?;
    if options.without_scale_indexes {
        for index in SCALE_INDEXES {
            database
                .execute_unprepared(&format!("DROP INDEX {index}"))
                .await?;
        }
    }
    let client = reqwest::Client::new();
    let mut seeded = 0;
    // rows[query][size]: median milliseconds.
    let mut medians: Vec<Vec<Timing>> = Vec::new();
    for &size in sizes {
        let started = Instant::now();
        seed::seed(&database, Mix::Years, seeded as i64 + 1, size - seeded).await?;
        let seconds = started.elapsed().as_secs_f64();
        eprintln!(
            "{}: seeded {} claims in {seconds:.1} s ({:.0} claims/s)",
            backend.name(),
            size - seeded,
            (size - seeded) as f64 / seconds
        );
        seeded = size;
        analyze(&database).await?;
        for (index, (_, query)) in queries(size).into_iter().enumerate() {
            let timing = time_query(&server, &client, &token, &database, &query).await?;
            match medians.get_mut(index) {
                Some(row) => row.push(timing),
                None => medians.push(vec![timing]),
            }
        }
    }
    let indexes = match options.without_scale_indexes {
        true => "without the scale indexes",
        false => "with the scale indexes",
    };
    println!("\n{}, {indexes}: median (p99) milliseconds", backend.name());
    print_table(sizes, &medians);
    Ok(())
}

/// Refreshes the planner's statistics, as autovacuum (PostgreSQL) or `PRAGMA optimize` would
/// after a bulk load.
async fn analyze(database: &DatabaseConnection) -> anyhow::Result<()> {
    database.execute_unprepared("ANALYZE").await?;
    Ok(())
}

async fn time_query(
    server: &Server,
    client: &reqwest::Client,
    token: &str,
    database: &DatabaseConnection,
    query: &Query,
) -> anyhow::Result<Timing> {
    let started = Instant::now();
    let mut latencies = Vec::new();
    while latencies.len() < QUERY_REPETITIONS && started.elapsed() < QUERY_WINDOW {
        let sent = Instant::now();
        match query {
            Query::Api(path) => {
                let response = client
                    .get(server.url(path))
                    .bearer_auth(token)
                    .send()
                    .await?;
                anyhow::ensure!(response.status().is_success(), "GET {path}");
                response.bytes().await?;
            }
            Query::Sql(sql) => {
                let backend = database.get_database_backend();
                database
                    .query_all_raw(Statement::from_string(backend, *sql))
                    .await?;
            }
        }
        latencies.push(sent.elapsed());
    }
    Ok(Timing::new(latencies.len(), started.elapsed(), latencies))
}

fn print_table(sizes: &[u64], timings: &[Vec<Timing>]) {
    let names: Vec<&str> = queries(1).iter().map(|(name, _)| *name).collect();
    let header: Vec<String> = sizes.iter().map(|size| format!("{size} claims")).collect();
    println!("| query | {} | largest / smallest |", header.join(" | "));
    println!("|---|{}---|", "---|".repeat(sizes.len()));
    for (name, row) in names.iter().zip(timings) {
        let cells: Vec<String> = row
            .iter()
            .map(|timing| {
                format!(
                    "{:.2} ({:.2})",
                    timing.percentile_ms(50.0),
                    timing.percentile_ms(99.0)
                )
            })
            .collect();
        let growth = match (row.first(), row.last()) {
            (Some(first), Some(last)) => last.percentile_ms(50.0) / first.percentile_ms(50.0),
            _ => f64::NAN,
        };
        println!("| {name} | {} | {growth:.2} |", cells.join(" | "));
    }
}
