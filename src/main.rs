//! The `warmpath` command line: parse, run, map the outcome to an exit code
//! (0 done, 1 nothing genuine found, 2 usage or input error).

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(outcome) => outcome.exit_code(),
        Err(error) => {
            cli::write_error(&error);
            ExitCode::from(2)
        }
    }
}
