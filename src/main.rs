//! The `hearsay` binary: hands its command line to the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    hearsay::cli::main(std::env::args_os().collect())
}
