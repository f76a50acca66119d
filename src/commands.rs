//! What each command line command does, on top of `app` and `service`.

use std::collections::BTreeSet;
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use tokio_util::sync::CancellationToken;

use crate::api::CalculationView;
use crate::api::statistics::StatisticsView;
use crate::app::{self, Application, DatabaseMode};
use crate::cli::{
    AuditCommand, AwardCommand, Cli, Command, DecisionCommand, DecisionCopy, FormsCommand,
    ReportCommand, ReportFormat, UserCommand, WorkflowFormat,
};
use crate::domain::award::{self, AwardRequest};
use crate::domain::claim::Language;
use crate::domain::deadlines::{FilingFacts, explain_filing_deadline};
use crate::domain::diagram::{render_markdown, render_mermaid};
use crate::domain::rules::{JurisdictionId, JurisdictionRules};
use crate::domain::statistics::parse_group_by;
use crate::domain::{FullName, Role};
use crate::explain::word_calculation;
use crate::forms::Jurisdictions;
use crate::json_input::from_value;
use crate::service::SystemClock;
use crate::service::auth::Password;
use crate::service::statistics::StatisticsQuery;
use crate::settings::{Overrides, Settings};

/// The settings the command line, the environment and the settings file give; loaded before
/// the command runs, as they say how to log.
pub fn settings(cli: &Cli) -> anyhow::Result<Settings> {
    let bind = match &cli.command {
        Command::Serve { bind, .. } => *bind,
        _ => None,
    };
    let overrides = Overrides {
        database_url: cli.database_url.clone(),
        bind,
        forms_dir: cli.forms_dir.clone(),
        log_format: cli.log_format,
    };
    Settings::load(cli.config.as_deref(), overrides)
}

pub async fn run(cli: Cli, settings: Settings) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve { demo, .. } => serve(&settings, demo).await,
        Command::Migrate => {
            app::database(&settings, DatabaseMode::CreateAndMigrate).await?;
            println!("The database is migrated.");
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup { out } => back_up(&settings, &out).await,
        Command::User {
            command:
                UserCommand::Add {
                    username,
                    full_name,
                    roles,
                },
        } => add_user(&settings, (&username, &full_name), roles).await,
        Command::Audit {
            command: AuditCommand::Verify,
        } => verify_audit(&settings).await,
        Command::Decision { command } => render_decision(&settings, command).await,
        Command::Workflow { format } => {
            print!(
                "{}",
                if format == WorkflowFormat::Mermaid {
                    render_mermaid()
                } else {
                    render_markdown()
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Forms {
            command: FormsCommand::Check,
        } => check_forms(&settings),
        Command::Award { command } => award(&settings, command),
        Command::Report { command } => report(&settings, command).await,
    }
}

/// Prints a report from the database; exits 2 naming the field when the request is refused.
async fn report(settings: &Settings, command: ReportCommand) -> anyhow::Result<ExitCode> {
    let ReportCommand::Statistics {
        from,
        to,
        group_by,
        format,
    } = command;
    let Ok(group_by) = parse_group_by(group_by.as_deref().unwrap_or_default())
        .inspect_err(|error| eprintln!("redress: --group-by: {error}"))
    else {
        return Ok(ExitCode::from(2));
    };
    let services = app::open_existing(settings, Arc::new(SystemClock))
        .await?
        .with_statistics_threshold(settings.statistics_threshold);
    let query = StatisticsQuery { from, to, group_by };
    let table = match services.statistics_table(&query).await {
        Ok(table) => table,
        Err(error) => {
            eprintln!("redress: {error}");
            return Ok(ExitCode::from(2));
        }
    };
    let view = StatisticsView::new(&query, &table);
    match format {
        ReportFormat::Csv => print!("{}", view.to_csv()),
        ReportFormat::Json => println!("{}", poem_openapi::types::ToJSON::to_json_string(&view)),
    }
    Ok(ExitCode::SUCCESS)
}

/// The demo's synthetic paying account, so a demo batch can be exported without settings.
fn demo_payer() -> anyhow::Result<crate::bank::Debtor> {
    let invalid = |error: crate::domain::payout::PayoutInputError| anyhow::anyhow!("{error}");
    Ok(crate::bank::Debtor {
        name: "Commission for Compensation of Crime Victims (demo)".to_owned(),
        iban: crate::domain::payout::Iban::parse("XK051212012345678906").map_err(invalid)?,
        bic: None,
    })
}

async fn serve(settings: &Settings, demo: bool) -> anyhow::Result<ExitCode> {
    let application = Application::bind(settings.bind).await?;
    let mut services = app::open(settings, Arc::new(SystemClock)).await?;
    if demo && settings.payer.is_none() {
        services = services.with_payer(demo_payer()?);
    }
    if demo {
        match services.seed_demo().await? {
            Some(accounts) => {
                println!("Demo accounts (passwords are shown only now):");
                for account in accounts {
                    let roles: Vec<&str> = account.roles.iter().map(|role| role.as_str()).collect();
                    println!(
                        "  {:<18} {}  ({})",
                        account.username,
                        account.password,
                        roles.join(", ")
                    );
                }
            }
            None => println!("The database already has users; demo data was not seeded again."),
        }
    }
    let application = application.with_web(web_config(settings, demo)?);
    tracing::info!(address = %application.address(), database = settings.database_kind(), "serving");
    println!(
        "Redress is listening on http://{} (web UI at /, API docs at /docs)",
        application.address()
    );
    let stop = CancellationToken::new();
    let scheduler = (settings.scheduler_interval_seconds > 0).then(|| {
        let interval = Duration::from_secs(settings.scheduler_interval_seconds);
        app::spawn_scheduler(services.clone(), interval, stop.clone())
    });
    let notifier = (settings.notification_interval_seconds > 0).then(|| {
        let interval = Duration::from_secs(settings.notification_interval_seconds);
        app::spawn_notifier(services.clone(), interval, stop.clone())
    });
    let served = application.run_until_stopped(services).await;
    stop.cancel();
    if let Some(task) = scheduler {
        app::stop_task(app::DEADLINE_SCHEDULER, task).await;
    }
    if let Some(task) = notifier {
        app::stop_task(app::NOTIFICATION_DISPATCHER, task).await;
    }
    served?;
    Ok(ExitCode::SUCCESS)
}

/// The web UI's configuration: the CSRF key from the settings, or one drawn for this process.
fn web_config(settings: &Settings, demo: bool) -> anyhow::Result<crate::web::WebConfig> {
    let csrf_key = match &settings.csrf_key {
        Some(key) => key.clone(),
        None => {
            tracing::warn!(
                "no CSRF key configured ({} or csrf_key_file): using one for this process only, \
                 so forms open across a restart or on another instance will be refused",
                crate::settings::CSRF_KEY_VARIABLE
            );
            crate::web::CsrfKey::random()?
        }
    };
    if !settings.public_url.starts_with("https://") {
        tracing::warn!(
            "public_url is not https: web UI cookies are sent without Secure and the __Host- prefix"
        );
    }
    Ok(crate::web::WebConfig { csrf_key, demo })
}

/// SQLite only: PostgreSQL has pg_dump, which copies consistently too and which its operators
/// already know.
async fn back_up(settings: &Settings, out: &Path) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        settings.database_kind() == Some("sqlite"),
        "redress backup copies a SQLite database; back up PostgreSQL with `pg_dump -Fc` \
         (see Operations in the README)"
    );
    let services = app::open_existing(settings, Arc::new(SystemClock)).await?;
    let size_bytes = services.back_up(out).await?;
    println!("{} ({size_bytes} bytes)", out.display());
    Ok(ExitCode::SUCCESS)
}

async fn add_user(
    settings: &Settings,
    (username, full_name): (&str, &str),
    roles: Vec<Role>,
) -> anyhow::Result<ExitCode> {
    let full_name = match FullName::parse(full_name) {
        Ok(full_name) => full_name,
        Err(error) => {
            eprintln!("redress: --full-name: {error}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let services = app::open_existing(settings, Arc::new(SystemClock)).await?;
    let password = read_password()?;
    let roles: BTreeSet<Role> = roles.into_iter().collect();
    match services
        .add_user((username, &full_name), password, roles)
        .await
    {
        Ok(user_id) => {
            println!("Added user {username} (id {}).", user_id.0);
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            eprintln!("redress: {error}");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// From a terminal, a hidden prompt; otherwise the first line of standard input.
fn read_password() -> anyhow::Result<Password> {
    let stdin = std::io::stdin();
    let password = if stdin.is_terminal() {
        rpassword::prompt_password("Password: ").context("reading the password")?
    } else {
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .context("reading the password from standard input")?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    Ok(Password::new(password))
}

async fn render_decision(
    settings: &Settings,
    command: DecisionCommand,
) -> anyhow::Result<ExitCode> {
    let DecisionCommand::Render {
        claim,
        version,
        lang,
        copy,
        out,
    } = command;
    let recipient = match copy {
        DecisionCopy::Applicant => crate::pdf::content::Recipient::Applicant,
        DecisionCopy::Circulation => crate::pdf::content::Recipient::Circulation,
    };
    let services = app::open(settings, Arc::new(SystemClock)).await?;
    let bytes = services
        .render_stored_decision(&claim, version, (lang, recipient))
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?;
    std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    println!("{} ({} bytes)", out.display(), bytes.len());
    Ok(ExitCode::SUCCESS)
}

async fn verify_audit(settings: &Settings) -> anyhow::Result<ExitCode> {
    let services = app::open_existing(settings, Arc::new(SystemClock)).await?;
    let report = services.verify_audit_trail().await?;
    let mut stdout = std::io::stdout().lock();
    match report.breaks.first() {
        None => {
            writeln!(
                stdout,
                "audit trail intact: {} claims, {} events verified",
                report.claims, report.events
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Some(first) => {
            writeln!(stdout, "audit trail BROKEN: {first}")?;
            writeln!(
                stdout,
                "{} of {} claims have a broken chain",
                report.breaks.len(),
                report.claims
            )?;
            Ok(ExitCode::FAILURE)
        }
    }
}

fn check_forms(settings: &Settings) -> anyhow::Result<ExitCode> {
    let jurisdictions = Jurisdictions::load(&settings.forms_dir)?;
    for rules in jurisdictions.all() {
        println!("{} ({}, {}): valid", rules.id, rules.name, rules.currency);
        for key in &rules.provisional {
            println!("  provisional: {key}");
        }
        for schedule in jurisdictions.schedules(&rules.id) {
            let heads = schedule.heads.len();
            println!(
                "  schedule {} from {}: {heads} heads",
                schedule.version, schedule.applies_from
            );
            for key in &schedule.provisional {
                println!("    provisional: {key}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Exit code for input the command refuses (2, as for a usage error).
const EXIT_INVALID_INPUT: u8 = 2;

fn award(settings: &Settings, command: AwardCommand) -> anyhow::Result<ExitCode> {
    let jurisdictions = Jurisdictions::load(&settings.forms_dir)?;
    let result = match command {
        AwardCommand::Calculate {
            jurisdiction,
            input,
            lang,
        } => calculate_award(&jurisdictions, &jurisdiction, input.as_deref(), lang),
        AwardCommand::Deadline {
            jurisdiction,
            crime_date,
            birth_date,
            identified_date,
            discovery_date,
        } => {
            let facts = FilingFacts {
                crime_date,
                victim_birth_date: birth_date,
                trafficking_identified_on: identified_date,
                crime_discovered_on: discovery_date,
            };
            filing_deadline(&jurisdictions, &jurisdiction, &facts)
        }
    };
    match result {
        Ok(output) => {
            println!("{output}");
            Ok(ExitCode::SUCCESS)
        }
        Err(CommandInputError(message)) => {
            eprintln!("redress: {message}");
            Ok(ExitCode::from(EXIT_INVALID_INPUT))
        }
    }
}

/// Input a command refuses, with the message that names what is wrong.
struct CommandInputError(String);

fn rules_of<'a>(
    jurisdictions: &'a Jurisdictions,
    id: &str,
) -> Result<&'a JurisdictionRules, CommandInputError> {
    JurisdictionId::parse(id)
        .ok()
        .and_then(|id| jurisdictions.get(&id))
        .ok_or_else(|| {
            CommandInputError(format!(
                "--jurisdiction: {id:?} is not a jurisdiction of the forms folder"
            ))
        })
}

fn filing_deadline(
    jurisdictions: &Jurisdictions,
    id: &str,
    facts: &FilingFacts,
) -> Result<String, CommandInputError> {
    let rules = rules_of(jurisdictions, id)?;
    let today = chrono::Utc::now().date_naive();
    facts.check(today).map_err(|(field, reason)| {
        CommandInputError(format!("--{}: {reason}", field.replace('_', "-")))
    })?;
    let deadline = explain_filing_deadline(&rules.filing, facts).ok_or_else(|| {
        CommandInputError("the dates are outside the calendar's range".to_owned())
    })?;
    let output = serde_json::json!({"last_filing_day": deadline.last_day, "rule": deadline.basis.to_string()});
    Ok(output.to_string())
}

fn calculate_award(
    jurisdictions: &Jurisdictions,
    id: &str,
    input: Option<&Path>,
    lang: Option<Language>,
) -> Result<String, CommandInputError> {
    let rules = rules_of(jurisdictions, id)?;
    let text = match input {
        Some(path) => std::fs::read_to_string(path),
        None => std::io::read_to_string(std::io::stdin()),
    }
    .map_err(|error| CommandInputError(format!("reading the input: {error}")))?;
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|error| CommandInputError(format!("the input is not valid JSON: {error}")))?;
    let request: AwardRequest =
        from_value(&value).map_err(|error| CommandInputError(error.to_string()))?;
    if request.jurisdiction != rules.id {
        let message = format!(
            "jurisdiction: the input is for {}, not {}",
            request.jurisdiction, rules.id
        );
        return Err(CommandInputError(message));
    }
    let calculation =
        award::calculate(jurisdictions.schedules(&rules.id), rules.currency, &request)
            .map_err(|error| CommandInputError(error.to_string()))?;
    let worded = word_calculation(jurisdictions, &calculation, lang)
        .map_err(|error| CommandInputError(format!("--lang: {error}")))?;
    let view = CalculationView::new(&calculation, worded);
    serde_json::to_string_pretty(&view).map_err(|error| CommandInputError(error.to_string()))
}
