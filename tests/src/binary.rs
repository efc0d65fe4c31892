//! The real `migrator` binary, for tests that need a process of its own: to kill it, to run
//! two at once, or to give it a terminal.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The `migrator` binary of this checkout, built with the tests' cargo, profile and target
/// directory (a no-op when `cargo test --workspace` built it already).
pub fn migrator_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let exe = std::env::current_exe().expect("test executable path");
        let profile = exe
            .parent()
            .and_then(|deps| deps.parent())
            .expect("target/<profile>/deps");
        let target = profile.parent().expect("target dir");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "-p", "migrator-cli", "--bin", "migrator"])
            .current_dir(crate::repo_root())
            .env("CARGO_TARGET_DIR", target);
        if profile.file_name().is_some_and(|n| n == "release") {
            cmd.arg("--release");
        }
        let out = cmd.output().expect("cargo runs");
        assert!(
            out.status.success(),
            "building migrator failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        profile.join("migrator")
    })
}
