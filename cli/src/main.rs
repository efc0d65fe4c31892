//! The `migrator` binary: parse arguments, run on the process's terminal, report.

/// jemalloc, not the system allocator: lower peak memory on large schemas
/// (docs/BENCHMARKS.md).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    let code = migrator_cli::run_with(
        std::env::args_os(),
        &mut std::io::stdout(),
        &mut std::io::stderr(),
        migrator_cli::terminal::Terminal::detect(),
    );
    std::process::exit(code);
}
