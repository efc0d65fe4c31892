//! The `migrator` binary: parse arguments, run on the process's terminal, report.

fn main() {
    let code = migrator_cli::run_with(
        std::env::args_os(),
        &mut std::io::stdout(),
        &mut std::io::stderr(),
        migrator_cli::terminal::Terminal::detect(),
    );
    std::process::exit(code);
}
