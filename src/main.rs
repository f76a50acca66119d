//! The `redress` binary: parse the command line, start logging, run the command.

use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = redress::cli::Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("REDRESS_LOG").unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    match redress::commands::run(cli).await {
        Ok(code) => code,
        Err(error) => {
            eprintln!("redress: {error:#}");
            ExitCode::FAILURE
        }
    }
}
