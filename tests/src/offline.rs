//! Offline oracles over the whole pipeline, without a database: what the property test's
//! fast path and the fuzz targets check.
//!
//! For a schema text that the loader accepts:
//! 1. `generate` writes the initial migration without failing;
//! 2. replaying it (the second `generate`, which reads the migrations back) finds no
//!    changes;
//! 3. the up files followed by the down files, in reverse order, load to an empty schema.
//!
//! Everything runs through the command line, in-process ([`crate::migrator`]), as a user's
//! `migrator` would.

use crate::{migration_files, migrator};
use std::path::Path;

/// What the checks found.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The loader refused the text (a located error): nothing to check.
    Refused(String),
    /// Every oracle holds.
    Ok,
}

/// Runs the three offline oracles on `text`; `Err` names the broken one.
pub fn check_text(text: &str) -> Result<Verdict, String> {
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    check_text_in(text, tmp.path())
}

fn check_text_in(text: &str, dir: &Path) -> Result<Verdict, String> {
    let schema = dir.join("schema.sql");
    std::fs::write(&schema, text).map_err(|e| e.to_string())?;
    let m = dir.join("m");
    let (s, ms) = (schema.to_str().unwrap(), m.to_str().unwrap());
    let o = migrator(&["generate", "--schema", s, "--migrations", ms]);
    if o.code != 0 {
        // A refusal must be an error message, never a crash or an empty message.
        if !o.stderr.starts_with("error: ") {
            return Err(format!("generate failed without an error message: {o:?}"));
        }
        return Ok(Verdict::Refused(o.stderr.trim().to_string()));
    }
    let o = migrator(&["generate", "--schema", s, "--migrations", ms]);
    if o.code != 0 {
        return Err(format!(
            "replaying the initial migration failed: {}{}",
            o.stdout, o.stderr
        ));
    }
    if o.stdout.trim() != "no changes" {
        let extra = migration_files(&m, "up")
            .last()
            .map(|f| std::fs::read_to_string(f).unwrap_or_default())
            .unwrap_or_default();
        return Err(format!(
            "a second generate is not empty: {}\n--- it wrote ---\n{extra}",
            o.stdout.trim()
        ));
    }
    // Ups, then downs in reverse: the schema must be empty again.
    let mut all = String::new();
    for f in migration_files(&m, "up")
        .iter()
        .chain(migration_files(&m, "down").iter())
    {
        all.push_str(&std::fs::read_to_string(f).map_err(|e| e.to_string())?);
        all.push('\n');
    }
    let roundtrip = dir.join("updown.sql");
    std::fs::write(&roundtrip, &all).map_err(|e| e.to_string())?;
    let empty = dir.join("empty.sql");
    std::fs::write(&empty, "").map_err(|e| e.to_string())?;
    let got = migrator(&["inspect", "--schema", roundtrip.to_str().unwrap()]);
    let want = migrator(&["inspect", "--schema", empty.to_str().unwrap()]);
    if got.code != 0 {
        return Err(format!(
            "the up and down files do not load back: {}",
            got.stderr
        ));
    }
    if got.stdout != want.stdout {
        return Err(format!(
            "up then down does not give an empty schema:\n{}",
            got.stdout
        ));
    }
    Ok(Verdict::Ok)
}
