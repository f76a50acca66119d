//! The command line: `serve`, `migrate`, `backup`, `user add`, `audit verify`, `workflow`,
//! `forms check`, `report statistics`.

use std::net::SocketAddr;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::domain::Role;
use crate::domain::claim::Language;
use crate::settings::LogFormat;

#[derive(Debug, Parser)]
#[command(
    name = "redress",
    version,
    about = "Workflow engine of a state compensation scheme for victims of crime"
)]
pub struct Cli {
    /// A TOML settings file; flags and environment variables override it.
    #[arg(long, env = "REDRESS_CONFIG", global = true)]
    pub config: Option<PathBuf>,
    /// Database URL: `sqlite://redress.db` (the default) or `postgres://user@host/db`.
    #[arg(
        long,
        env = "REDRESS_DATABASE_URL",
        global = true,
        hide_env_values = true
    )]
    pub database_url: Option<String>,
    /// The folder of jurisdiction packages (default: ./forms).
    #[arg(long, env = "REDRESS_FORMS_DIR", global = true)]
    pub forms_dir: Option<PathBuf>,
    /// Log lines as `text` (the default) or `json`, one object a line.
    #[arg(long, env = "REDRESS_LOG_FORMAT", global = true, value_enum)]
    pub log_format: Option<LogFormat>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database, then serve the API.
    Serve {
        /// Address to listen on (default 127.0.0.1:8080).
        #[arg(long, env = "REDRESS_BIND")]
        bind: Option<SocketAddr>,
        /// Seed a demo user for every role and a few synthetic claims (once, into an empty database).
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Copy the SQLite database to a new file, consistently, while the server keeps serving.
    /// (PostgreSQL: use pg_dump; see the README.)
    Backup {
        /// The copy; must not exist yet.
        #[arg(long)]
        out: PathBuf,
    },
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Check the audit trail.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Print the claim workflow from its transition table.
    Workflow {
        #[arg(long, value_enum, default_value_t = WorkflowFormat::Mermaid)]
        format: WorkflowFormat,
    },
    /// Award calculations and filing deadlines from the jurisdiction packages.
    Award {
        #[command(subcommand)]
        command: AwardCommand,
    },
    /// Check the jurisdiction packages.
    Forms {
        #[command(subcommand)]
        command: FormsCommand,
    },
    /// Issued decisions.
    Decision {
        #[command(subcommand)]
        command: DecisionCommand,
    },
    /// Reports.
    Report {
        #[command(subcommand)]
        command: ReportCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Anonymised statistics of the claims lodged from --from to --to (both included), with
    /// small cells suppressed, as `GET /api/v1/reports/statistics` gives them.
    Statistics {
        #[arg(long)]
        from: NaiveDate,
        #[arg(long)]
        to: NaiveDate,
        /// Comma-separated: offence_type, age_band, gender, outcome, jurisdiction.
        #[arg(long)]
        group_by: Option<String>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Csv)]
        format: ReportFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Csv,
    /// The same JSON as the API's.
    Json,
}

#[derive(Debug, Subcommand)]
pub enum DecisionCommand {
    /// Render a stored decision as PDF from its frozen content, byte for byte as the API does.
    Render {
        /// The claim's reference, such as KS-2026-000004.
        #[arg(long)]
        claim: String,
        /// The decision version (default: the latest).
        #[arg(long)]
        version: Option<i32>,
        /// sq, sr or en (one the claim's jurisdiction serves).
        #[arg(long, value_parser = parse_language)]
        lang: Language,
        /// The applicant's copy shows a protected identity in full; the circulation copy does not.
        #[arg(long, value_enum, default_value_t = DecisionCopy::Circulation)]
        copy: DecisionCopy,
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DecisionCopy {
    Applicant,
    Circulation,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user. The password is read from standard input, or prompted for on a terminal.
    Add {
        /// 3 to 64 lowercase letters, digits, dots, hyphens or underscores.
        #[arg(long)]
        username: String,
        /// The person's name as documents print it, such as "Arbër Gashi" (1 to 200
        /// characters).
        #[arg(long)]
        full_name: String,
        /// A role; repeat the flag or separate with commas for several.
        #[arg(long = "role", required = true, value_delimiter = ',', value_parser = parse_role)]
        roles: Vec<Role>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AwardCommand {
    /// Calculate an award from claim facts (JSON, as for POST /api/v1/awards/preview) and print
    /// the calculation as JSON, as the API returns it. Exits 2 naming the field when the input is refused.
    Calculate {
        #[arg(long)]
        jurisdiction: String,
        /// A JSON file; standard input when left out.
        #[arg(long)]
        input: Option<PathBuf>,
        /// The language of the explanations: sq, sr or en (the jurisdiction's first when left
        /// out).
        #[arg(long, value_parser = parse_language)]
        lang: Option<Language>,
    },
    /// Print the last filing day and the rule that sets it, as JSON.
    Deadline {
        #[arg(long)]
        jurisdiction: String,
        #[arg(long)]
        crime_date: NaiveDate,
        /// The victim's date of birth (minors have longer).
        #[arg(long)]
        birth_date: Option<NaiveDate>,
        /// When the authority identified the victim as a victim of trafficking.
        #[arg(long)]
        identified_date: Option<NaiveDate>,
        /// When the crime was discovered.
        #[arg(long)]
        discovery_date: Option<NaiveDate>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute every claim's hash chain; exits 1 naming the first broken claim and event.
    Verify,
}

#[derive(Debug, Subcommand)]
pub enum FormsCommand {
    /// Load and validate every package, listing provisional values.
    Check,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WorkflowFormat {
    /// A Mermaid state diagram.
    Mermaid,
    /// A Markdown table with roles, required input and guards.
    Markdown,
}

fn parse_language(text: &str) -> Result<Language, String> {
    text.parse()
        .map_err(|_| "unknown language; one of: sq, sr, en".to_owned())
}

fn parse_role(text: &str) -> Result<Role, String> {
    use strum::IntoEnumIterator;
    text.parse().map_err(|_| {
        let roles: Vec<&str> = Role::iter()
            .filter(|role| *role != Role::System)
            .map(Role::as_str)
            .collect();
        format!("unknown role; one of: {}", roles.join(", "))
    })
}
