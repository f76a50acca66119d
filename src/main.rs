//! The `redress` binary: parse the command line, start logging, run the command.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

/// Our own events at info; the migrator's routine chatter only when something is wrong.
const LOG_FILTER_DEFAULT: &str = "info,sea_orm_migration=warn";

#[tokio::main]
async fn main() -> ExitCode {
    let cli = redress::cli::Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("REDRESS_LOG")
                .unwrap_or_else(|_| EnvFilter::new(LOG_FILTER_DEFAULT)),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    match redress::commands::run(cli).await {
        Ok(code) => code,
        Err(error) => {
            eprintln!("redress: {}", redress::app::describe_error(&error));
            ExitCode::FAILURE
        }
    }
}
