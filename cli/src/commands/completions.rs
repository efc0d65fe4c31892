//! `migrator completions SHELL`: the shell completion script, generated from the clap
//! definitions so that it always lists the subcommands and flags as they are.

use crate::args::Cli;
use crate::Failure;
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;

/// Prints the completion script of `shell`.
pub fn run(shell: Shell, out: &mut dyn Write) -> Result<(), Failure> {
    clap_complete::generate(shell, &mut Cli::command(), "migrator", out);
    Ok(())
}
