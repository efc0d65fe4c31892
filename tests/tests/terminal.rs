//! The habits of a good CLI (issue 13 §7): shell completions, a spinner on a terminal's
//! stderr and colours in `diff` on a terminal, and not one escape code when the output is
//! a pipe or `NO_COLOR` is set.
//!
//! A terminal is a real pseudo-terminal, from util-linux's `script` (Debian's essential
//! `bsdutils`), around the real binary. No database is needed.

use migrator_tests::binary::migrator_bin;
use migrator_tests::migrator_exact;
use std::path::Path;
use std::process::{Command, Stdio};

/// A project whose `diff` has a destructive step (so hazard notes to colour).
fn project() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let schema = tmp.path().join("s");
    std::fs::create_dir(&schema).unwrap();
    std::fs::write(
        schema.join("schema.sql"),
        "CREATE TABLE a (id bigint PRIMARY KEY, v int);\n",
    )
    .unwrap();
    let o = Command::new(migrator_bin())
        .current_dir(tmp.path())
        .args(["generate", "--schema", "s", "--migrations", "m"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    std::fs::write(
        schema.join("schema.sql"),
        "CREATE TABLE a (id bigint PRIMARY KEY, w int);\n",
    )
    .unwrap();
    tmp
}

/// `migrator ARGS` on a pseudo-terminal (stdout and stderr both), with `env` set; what the
/// terminal showed.
fn on_a_terminal(dir: &Path, args: &str, env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new("script");
    cmd.current_dir(dir)
        .args([
            "-qec",
            &format!("{} {args}", migrator_bin().display()),
            "/dev/null",
        ])
        .env_remove("NO_COLOR")
        .stdin(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let o = cmd
        .output()
        .expect("util-linux `script` runs (Debian: bsdutils)");
    assert!(o.status.success(), "{o:?}");
    String::from_utf8_lossy(&o.stdout).to_string()
}

/// An SGR sequence (a colour or a weight): ESC [ digits and semicolons, then `m`.
fn has_colour(text: &str) -> bool {
    text.split("\x1b[").skip(1).any(|rest| {
        let code: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ';')
            .collect();
        rest[code.len()..].starts_with('m')
    })
}

#[test]
fn completions_list_the_subcommands_and_their_flags() {
    for shell in ["bash", "zsh", "fish"] {
        let o = migrator_exact(&["completions", shell]);
        assert_eq!(o.code, 0, "{o:?}");
        for word in [
            "generate",
            "diff",
            "verify",
            "inspect",
            "templates",
            "completions",
            "allow-destructive",
        ] {
            assert!(o.stdout.contains(word), "{shell}: no `{word}`");
        }
    }
    let o = migrator_exact(&["completions", "tcsh"]);
    assert_eq!(o.code, 2, "{o:?}");
    assert!(o.stderr.contains("bash"), "{}", o.stderr);
}

#[test]
fn diff_on_a_terminal_is_coloured_unless_no_color_is_set() {
    let tmp = project();
    let args = "diff --schema s --migrations m";
    let coloured = on_a_terminal(tmp.path(), args, &[]);
    assert!(coloured.contains("step 1"), "{coloured}");
    assert!(
        has_colour(&coloured),
        "no colour on a terminal: {coloured:?}"
    );
    let plain = on_a_terminal(tmp.path(), args, &[("NO_COLOR", "1")]);
    assert!(plain.contains("-- hazard: deletes_data"), "{plain}");
    assert!(!has_colour(&plain), "colour despite NO_COLOR: {plain:?}");
}

#[test]
fn long_commands_spin_on_a_terminal_only() {
    let tmp = project();
    let args = "generate --schema s --migrations m --allow-destructive --name w";
    let shown = on_a_terminal(tmp.path(), args, &[]);
    assert!(shown.contains("generating"), "no spinner: {shown:?}");
    assert!(shown.contains("wrote m/000002_w.up.sql"), "{shown:?}");
}

#[test]
fn piped_output_has_no_escape_codes() {
    let tmp = project();
    for args in [
        &["diff", "--schema", "s", "--migrations", "m"][..],
        &["inspect", "--schema", "s"][..],
        &[
            "generate",
            "--schema",
            "s",
            "--migrations",
            "m",
            "--allow-destructive",
        ][..],
    ] {
        let o = Command::new(migrator_bin())
            .current_dir(tmp.path())
            .args(args)
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}: {o:?}");
        let (out, err) = (
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr),
        );
        assert!(!out.is_empty(), "{args:?} printed nothing");
        assert!(
            !out.contains('\x1b') && !err.contains('\x1b'),
            "{args:?}: escape codes in {out:?} / {err:?}"
        );
        assert!(!err.contains("generating"), "{args:?}: a spinner on a pipe");
    }
}
