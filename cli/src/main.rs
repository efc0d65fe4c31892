//! The `migrator` binary: parse arguments, run, report.

fn main() {
    let code = migrator_cli::run(
        std::env::args_os(),
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    );
    std::process::exit(code);
}
