//! `cargo bench --bench platform`: how close Redress runs to the machine's limits. One run
//! prints one table, every ratio's two sides measured in that run on the same database:
//!
//! - R1 transitions: `accept_for_assessment` through the full REST path (bearer token looked up,
//!   object-level access, guard, audit hash chain, durable commit) at 1 and 16 clients, divided by
//!   the same database doing `BEGIN; UPDATE claims; INSERT claim_events; COMMIT` in a tight loop
//!   over a connection opened with the server's own settings (`store::connect`), so with the
//!   same durability.
//! - R2 framework: `GET /api/v1/me` (authenticated: the bearer session, confirmed from the
//!   database at most every `session_cache_seconds`; no claim) divided by `GET /healthz` (no
//!   authentication, no database), 16 clients each.
//! - R3 audit: events written as a change writes them (the claim's row moved to the event's
//!   version, the event inserted), with the hash chain (SHA-256 over the canonical JSON, linked to
//!   the head the claim's row keeps, which the same update moves) divided by the same writes
//!   without it, one durable commit each as the service commits them, and again 100 to a commit
//!   to show the chain's CPU cost; and events verified per second by the service
//!   `redress audit verify` calls.
//! - R4 documents and R5 awards: the CPU-bound work on one core, beside its baseline.
//! - Latency percentiles for R1 and for `GET /claims` (a page of 50) and `GET /claims/{id}`.
//!
//! Why a harness of its own rather than criterion: the figures are rates of a server under
//! concurrent load and ratios of two such rates, which criterion's per-call statistics do not
//! model; criterion stays where it fits (the `documents` and `awards` benches).
//!
//! The server and its clients share the process and the machine's cores, as a load generator on
//! the same host would; the server logs nothing (no subscriber is installed).
//!
//! Run: `cargo bench --bench platform -- --database both` (`sqlite`, `postgres`; `--quick` for
//! one-second windows). `cargo test --bench platform` runs everything once at tiny size.

// A benchmark that cannot set up should stop loudly, like a test.
#![allow(clippy::expect_used)]

mod support;

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::Utc;
use entity::claim;
use redress::domain::audit::{AuditAction, AuditEvent, GENESIS_HASH, StoredEvent};
use redress::domain::{ClaimAction, ClaimState, Role};
use redress::store;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter};
use serde_json::json;
use support::seed::{self, Mix};
use support::{Backend, Server, Timing, samples};

/// Claims the raw loop updates, one per client (ids 1 to 16).
const RAW_CLAIMS: i64 = 16;
/// The claim the audit benchmark appends to with the chain, and the one without.
const CHAINED_CLAIM: i64 = RAW_CLAIMS + 1;
const UNCHAINED_CLAIM: i64 = RAW_CLAIMS + 2;
/// The first claim the REST transitions accept.
const FIRST_REST_CLAIM: i64 = RAW_CLAIMS + 3;
const CONCURRENCIES: [usize; 2] = [1, 16];

struct Options {
    backends: Vec<Backend>,
    window: Duration,
    /// Submitted claims seeded for the REST transitions, each accepted once.
    claims: u64,
}

impl Options {
    fn parse() -> anyhow::Result<Options> {
        let arguments: Vec<String> = std::env::args().collect();
        let smoke = support::is_smoke_run(&arguments);
        let database = support::argument(&arguments, "--database");
        let backends = match (database, smoke) {
            (Some(list), _) => Backend::parse_list(&list)?,
            // A smoke run reaches PostgreSQL only where the test suite does.
            (None, true) if std::env::var("REDRESS_TEST_POSTGRES_URL").is_err() => {
                vec![Backend::Sqlite]
            }
            (None, _) => Backend::parse_list("both")?,
        };
        let quick = arguments.iter().any(|argument| argument == "--quick");
        let (window, claims) = match (smoke, quick) {
            (true, _) => (Duration::from_millis(50), 200),
            (false, true) => (Duration::from_secs(1), 30_000),
            (false, false) => (Duration::from_secs(3), 80_000),
        };
        Ok(Options {
            backends,
            window,
            claims,
        })
    }
}

fn main() -> anyhow::Result<()> {
    let options = Options::parse()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let mut columns = Vec::new();
    for backend in &options.backends {
        eprintln!("measuring on {} ...", backend.name());
        columns.push(runtime.block_on(measure_database(*backend, &options))?);
    }
    eprintln!("measuring documents and awards ...");
    let processor = measure_processor(options.window)?;
    print_table(&columns, &processor);
    Ok(())
}

/// Every figure that depends on the database, for one database.
struct DatabaseFigures {
    backend: Backend,
    transitions: Vec<(usize, Timing, f64)>,
    me: Timing,
    hello: Timing,
    chained: [f64; 2],
    unchained: [f64; 2],
    verified_per_second: f64,
    list: Timing,
    detail: Timing,
}

async fn measure_database(backend: Backend, options: &Options) -> anyhow::Result<DatabaseFigures> {
    let server = Server::start(backend).await?;
    let token = server
        .signed_in("bench.secretariat", Role::Secretariat)
        .await?;
    let database = store::connect(&server.database.url, false).await?;
    let seeded = (FIRST_REST_CLAIM - 1) as u64 + options.claims;
    seed::seed(&database, Mix::Submitted, 1, seeded).await?;
    let client = reqwest::Client::new();
    // Opens the client's and the pool's connections before anything is timed.
    let warm_up = Duration::from_millis(300).min(options.window);
    requests(&server, &client, Some(&token), "/api/v1/me", 16, warm_up).await?;
    let claims = Arc::new(AtomicUsize::new(FIRST_REST_CLAIM as usize));
    let mut transitions = Vec::new();
    for clients in CONCURRENCIES {
        let raw = raw_transitions(&database, clients, options.window).await?;
        let rest =
            rest_transitions(&server, &client, &token, &claims, clients, options.window).await?;
        transitions.push((clients, rest, raw));
    }
    let me = requests(
        &server,
        &client,
        Some(&token),
        "/api/v1/me",
        16,
        options.window,
    )
    .await?;
    let hello = requests(&server, &client, None, "/healthz", 16, options.window).await?;
    let chained = [
        appended(&database, CHAINED_CLAIM, true, 1, options.window).await?,
        appended(&database, CHAINED_CLAIM, true, 100, options.window).await?,
    ];
    let unchained = [
        appended(&database, UNCHAINED_CLAIM, false, 1, options.window).await?,
        appended(&database, UNCHAINED_CLAIM, false, 100, options.window).await?,
    ];
    let verified_per_second = verified_per_second(&server).await?;
    let list = requests(
        &server,
        &client,
        Some(&token),
        "/api/v1/claims",
        1,
        options.window,
    );
    let list = list.await?;
    let detail_path = format!("/api/v1/claims/{FIRST_REST_CLAIM}");
    let detail = requests(
        &server,
        &client,
        Some(&token),
        &detail_path,
        1,
        options.window,
    );
    let detail = detail.await?;
    Ok(DatabaseFigures {
        backend,
        transitions,
        me,
        hello,
        chained,
        unchained,
        verified_per_second,
        list,
        detail,
    })
}

/// Events per second `redress audit verify` checks, over everything this run wrote.
async fn verified_per_second(server: &Server) -> anyhow::Result<f64> {
    let started = Instant::now();
    let report = server.services.verify_audit_trail().await?;
    // The raw loop and the unchained inserts write placeholder hashes on purpose.
    anyhow::ensure!(
        report
            .breaks
            .iter()
            .all(|broken| broken.claim_id < FIRST_REST_CLAIM),
        "the audit trail of the chained claims verifies: {:?}",
        report.breaks
    );
    Ok(report.events as f64 / started.elapsed().as_secs_f64())
}

/// Accepts seeded claims for assessment through the REST API from `clients` concurrent
/// clients, each taking the next unused claim, until the window closes.
async fn rest_transitions(
    server: &Server,
    client: &reqwest::Client,
    token: &str,
    next_claim: &Arc<AtomicUsize>,
    clients: usize,
    window: Duration,
) -> anyhow::Result<Timing> {
    let started = Instant::now();
    let tasks: Vec<_> = (0..clients)
        .map(|_| {
            let (client, token) = (client.clone(), token.to_owned());
            let (next_claim, base) = (next_claim.clone(), server.url("/api/v1/claims"));
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                while started.elapsed() < window {
                    let claim = next_claim.fetch_add(1, Ordering::Relaxed);
                    let url = format!("{base}/{claim}/actions/accept_for_assessment");
                    let sent = Instant::now();
                    let response = client.post(url).bearer_auth(&token).send().await?;
                    anyhow::ensure!(
                        response.status() == reqwest::StatusCode::OK,
                        "claim {claim}: {} {}",
                        response.status(),
                        response.text().await.unwrap_or_default()
                    );
                    latencies.push(sent.elapsed());
                }
                anyhow::Ok(latencies)
            })
        })
        .collect();
    collect(tasks, started).await
}

/// `GET path` from `clients` concurrent clients until the window closes.
async fn requests(
    server: &Server,
    client: &reqwest::Client,
    token: Option<&str>,
    path: &str,
    clients: usize,
    window: Duration,
) -> anyhow::Result<Timing> {
    let started = Instant::now();
    let tasks: Vec<_> = (0..clients)
        .map(|_| {
            let (client, url) = (client.clone(), server.url(path));
            let token = token.map(str::to_owned);
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                while started.elapsed() < window {
                    let request = client.get(&url);
                    let request = match &token {
                        Some(token) => request.bearer_auth(token),
                        None => request,
                    };
                    let sent = Instant::now();
                    let response = request.send().await?;
                    anyhow::ensure!(response.status().is_success(), "GET {url}");
                    response.bytes().await?;
                    latencies.push(sent.elapsed());
                }
                anyhow::Ok(latencies)
            })
        })
        .collect();
    collect(tasks, started).await
}

/// The physical limit: `BEGIN; UPDATE claims; INSERT claim_events; COMMIT` in a tight loop,
/// each client on a claim of its own. Returns transactions per second.
async fn raw_transitions(
    database: &DatabaseConnection,
    clients: usize,
    window: Duration,
) -> anyhow::Result<f64> {
    let started = Instant::now();
    let tasks: Vec<_> = (1..=clients as i64)
        .map(|claim_id| {
            let database = database.clone();
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let (mut sequence, _) = chain_end(&database, claim_id).await?;
                while started.elapsed() < window {
                    let sent = Instant::now();
                    let transaction = store::begin_write(&database).await?;
                    let event = unchained(event(claim_id, sequence));
                    write_event(&transaction, &event, false).await?;
                    transaction.commit().await?;
                    latencies.push(sent.elapsed());
                    sequence += 1;
                }
                anyhow::Ok(latencies)
            })
        })
        .collect();
    Ok(collect(tasks, started).await?.per_second)
}

/// Appends events to one claim, `per_commit` to a transaction, with or without the hash chain,
/// each written as a change writes it (`write_event`). Returns events per second.
async fn appended(
    database: &DatabaseConnection,
    claim_id: i64,
    chained: bool,
    per_commit: usize,
    window: Duration,
) -> anyhow::Result<f64> {
    let (mut sequence, mut head) = chain_end(database, claim_id).await?;
    let started = Instant::now();
    let mut count = 0_usize;
    while started.elapsed() < window {
        let transaction = store::begin_write(database).await?;
        for _ in 0..per_commit {
            let event = event(claim_id, sequence);
            let event = match chained {
                true => store::events::link(event, &head)?,
                false => unchained(event),
            };
            write_event(&transaction, &event, chained).await?;
            head = event.hash;
            sequence += 1;
        }
        transaction.commit().await?;
        count += per_commit;
    }
    Ok(count as f64 / started.elapsed().as_secs_f64())
}

/// One event written as `Services` writes a change's: the claim's row moved to the event's
/// state and version (with the chain, also to its hash as the chain's head), then the event
/// inserted. Without the chain the event carries placeholder hashes and the head stays put.
async fn write_event(
    transaction: &DatabaseTransaction,
    stored: &StoredEvent,
    chained: bool,
) -> anyhow::Result<()> {
    let event = &stored.event;
    let mut update = claim::Entity::update_many()
        .col_expr(claim::Column::State, Expr::value(event.to_state.as_str()))
        .col_expr(claim::Column::Version, Expr::value(event.sequence))
        .col_expr(claim::Column::UpdatedAt, Expr::value(event.occurred_at));
    if chained {
        update = update.col_expr(claim::Column::AuditHead, Expr::value(stored.hash.clone()));
    }
    update
        .filter(claim::Column::Id.eq(event.claim_id))
        .exec(transaction)
        .await?;
    store::events::insert(transaction, stored).await
}

fn unchained(event: AuditEvent) -> StoredEvent {
    StoredEvent {
        event,
        prev_hash: GENESIS_HASH.to_owned(),
        hash: GENESIS_HASH.to_owned(),
    }
}

/// The sequence the claim's next event takes, and the hash of its last.
async fn chain_end(database: &DatabaseConnection, claim_id: i64) -> anyhow::Result<(i64, String)> {
    let events = store::events::for_claim(database, claim_id).await?;
    Ok(events.last().map_or((1, GENESIS_HASH.to_owned()), |event| {
        (event.sequence + 1, event.hash.clone())
    }))
}

/// A transition event as the service records one.
fn event(claim_id: i64, sequence: i64) -> AuditEvent {
    AuditEvent {
        claim_id,
        sequence,
        actor_user_id: Some(1),
        role: Role::Secretariat,
        action: AuditAction::Transition(ClaimAction::AcceptForAssessment),
        from_state: Some(ClaimState::Submitted),
        to_state: ClaimState::UnderAssessment,
        payload: json!({}),
        occurred_at: Utc::now(),
    }
}

async fn collect(
    tasks: Vec<tokio::task::JoinHandle<anyhow::Result<Vec<Duration>>>>,
    started: Instant,
) -> anyhow::Result<Timing> {
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await.context("a client task")??);
    }
    Ok(Timing::new(latencies.len(), started.elapsed(), latencies))
}

/// The CPU-bound figures, on one core.
struct ProcessorFigures {
    decisions: f64,
    blank_pages: f64,
    awards: f64,
}

fn measure_processor(window: Duration) -> anyhow::Result<ProcessorFigures> {
    let jurisdictions = samples::jurisdictions()?;
    let decision = samples::decision()?;
    let request = samples::award_request(&jurisdictions)?;
    let blank_pages = support::per_second(window, || drop(black_box(samples::blank_page())));
    let decisions = support::per_second(window, || {
        drop(samples::render(&jurisdictions, black_box(&decision)).expect("the sample renders"))
    });
    let awards = support::per_second(window, || {
        black_box(samples::calculate_award(
            &jurisdictions,
            black_box(&request),
        ))
        .expect("the sample calculates");
    });
    Ok(ProcessorFigures {
        decisions,
        blank_pages,
        awards,
    })
}

/// The table's rows, one column per database.
struct Table<'a> {
    columns: &'a [DatabaseFigures],
}

impl Table<'_> {
    fn row(&self, name: &str, target: &str, value: impl Fn(&DatabaseFigures) -> String) {
        let values: Vec<String> = self.columns.iter().map(value).collect();
        println!("| {name} | {} | {target} |", values.join(" | "));
    }

    /// A row whose figure does not depend on the database.
    fn same(&self, name: &str, target: &str, value: String) {
        self.row(name, target, |_| value.clone());
    }
}

fn print_table(columns: &[DatabaseFigures], processor: &ProcessorFigures) {
    let header: Vec<&str> = columns.iter().map(|column| column.backend.name()).collect();
    println!("\n| figure | {} | target |", header.join(" | "));
    println!("|---|{}---|", "---|".repeat(columns.len()));
    let table = Table { columns };
    transition_rows(&table);
    framework_and_audit_rows(&table);
    let (decisions, blank_pages) = (processor.decisions, processor.blank_pages);
    table.same(
        "R4 decisions/s (one core)",
        "≥ 100",
        format!("{decisions:.0}"),
    );
    table.same("R4 blank one-page PDFs/s", "", format!("{blank_pages:.0}"));
    let ratio = format!("{:.3}", decisions / blank_pages);
    table.same("R4 ratio decision / blank page", "", ratio);
    let awards = format!("{:.0}", processor.awards);
    table.same("R5 ten-line award calculations/s (one core)", "", awards);
}

fn transition_rows(table: &Table) {
    for (index, clients) in CONCURRENCIES.iter().enumerate() {
        let rest = |figures: &DatabaseFigures| figures.transitions[index].1.clone();
        let raw = |figures: &DatabaseFigures| figures.transitions[index].2;
        let name = |what: &str| format!("R1 {what}, {clients} client(s)");
        table.row(&name("REST transitions/s"), "", |figures| {
            format!("{:.0}", rest(figures).per_second)
        });
        table.row(&name("raw loop transactions/s"), "", |figures| {
            format!("{:.0}", raw(figures))
        });
        let target = if *clients == 1 { "≥ 0.5" } else { "" };
        table.row(&name("ratio REST/raw"), target, |figures| {
            format!("{:.2}", rest(figures).per_second / raw(figures))
        });
        table.row(&name("latency p50 / p99 ms"), "", |figures| {
            rest(figures).percentiles_ms()
        });
    }
    table.row(
        "R1 16 clients / 1 client (REST)",
        "> 1 on PostgreSQL",
        |figures| {
            let rate = |index: usize| figures.transitions[index].1.per_second;
            format!("{:.2}", rate(1) / rate(0))
        },
    );
}

fn framework_and_audit_rows(table: &Table) {
    table.row("R2 GET /me req/s (16 clients)", "", |figures| {
        format!("{:.0}", figures.me.per_second)
    });
    table.row("R2 GET /healthz req/s (16 clients)", "", |figures| {
        format!("{:.0}", figures.hello.per_second)
    });
    table.row("R2 ratio /me / /healthz", "≥ 0.8", |figures| {
        format!("{:.2}", figures.me.per_second / figures.hello.per_second)
    });
    for (index, per_commit) in [1, 100].iter().enumerate() {
        let name = format!("R3 events/s chained / unchained, {per_commit} per commit");
        table.row(&name, "", |figures| {
            format!(
                "{:.0} / {:.0}",
                figures.chained[index], figures.unchained[index]
            )
        });
        let target = if *per_commit == 1 { "≥ 0.8" } else { "" };
        table.row(
            &format!("R3 ratio, {per_commit} per commit"),
            target,
            |figures| format!("{:.2}", figures.chained[index] / figures.unchained[index]),
        );
    }
    table.row("R3 audit verify, events/s", "", |figures| {
        format!("{:.0}", figures.verified_per_second)
    });
    table.row("GET /claims (page of 50) p50 / p99 ms", "", |figures| {
        figures.list.percentiles_ms()
    });
    table.row("GET /claims/{id} p50 / p99 ms", "", |figures| {
        figures.detail.percentiles_ms()
    });
}
