//! The `hearsay` binary: parses the command line and hands it to the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = hearsay::cli::Cli::parse();
    match hearsay::cli::run(cli) {
        Ok(outcome) => outcome.exit_code(),
        Err(err) if hearsay::cli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("hearsay: {err:#}");
            ExitCode::from(2)
        }
    }
}
