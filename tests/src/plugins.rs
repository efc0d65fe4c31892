//! The example and test plugins, built once per test binary with the same cargo and target
//! directory as the tests themselves.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// Every plugin crate the tests load.
pub const PLUGIN_CRATES: &[&str] = &[
    "migrator-plugin-citus",
    "migrator-plugin-template",
    "migrator-test-plugin-panicking",
    "migrator-test-plugin-changed-api",
];

/// The profile directory the tests were built into (`target/debug`): the test executable
/// lives in `target/debug/deps/`.
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    exe.parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>/deps")
        .to_path_buf()
}

/// Builds the plugin crates (a no-op when `cargo test --workspace` already did) and
/// returns the directory holding the libraries.
pub fn plugin_dir() -> PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let dir = profile_dir();
            let target = dir.parent().expect("target dir").to_path_buf();
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
            let mut cmd = Command::new(cargo);
            cmd.arg("build").current_dir(crate::repo_root());
            for c in PLUGIN_CRATES {
                cmd.args(["-p", c]);
            }
            if dir.file_name().is_some_and(|n| n == "release") {
                cmd.arg("--release");
            }
            let out = cmd
                .env("CARGO_TARGET_DIR", &target)
                .output()
                .expect("cargo runs");
            assert!(
                out.status.success(),
                "building the plugins failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            dir
        })
        .clone()
}

/// The path of a plugin library by crate name (`migrator-plugin-citus`).
pub fn plugin(krate: &str) -> String {
    let file = format!(
        "{}{}{}",
        std::env::consts::DLL_PREFIX,
        krate.replace('-', "_"),
        std::env::consts::DLL_SUFFIX
    );
    plugin_dir().join(file).to_string_lossy().to_string()
}
