//! The `redress` binary: parse the command line, load the settings, start logging, run the
//! command.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use redress::settings::LogFormat;
use tracing_subscriber::EnvFilter;

/// Our own events at info; the migrator's routine chatter only when something is wrong.
const LOG_FILTER_DEFAULT: &str = "info,sea_orm_migration=warn";

#[tokio::main]
async fn main() -> ExitCode {
    let cli = redress::cli::Cli::parse();
    let settings = match redress::commands::settings(&cli) {
        Ok(settings) => settings,
        Err(error) => return fail(&error),
    };
    start_logging(settings.log_format);
    match redress::commands::run(cli, settings).await {
        Ok(code) => code,
        Err(error) => fail(&error),
    }
}

fn fail(error: &anyhow::Error) -> ExitCode {
    eprintln!("redress: {}", redress::app::describe_error(error));
    ExitCode::FAILURE
}

/// Log lines go to standard error, as text or one JSON object a line. Every line written while
/// a request is answered carries its `request_id` (the span `src/api/observe.rs` opens).
fn start_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_env("REDRESS_LOG")
        .unwrap_or_else(|_| EnvFilter::new(LOG_FILTER_DEFAULT));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.with_ansi(std::io::stderr().is_terminal()).init(),
        LogFormat::Json => builder.json().init(),
    }
}
