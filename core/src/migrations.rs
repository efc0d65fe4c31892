//! Migration directories: how versions and files are named, read and rendered.
//!
//! This module knows files and formats and nothing about dialects. Reading a directory takes
//! the list of file names (the caller does the I/O); rendering turns built steps into file
//! names and contents with the format's templates.

use crate::dialect::Statement;
use crate::plan::TxRule;
use crate::render::{RenderError, Renderer};
use std::collections::BTreeMap;

/// An output directory format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirFormat {
    GolangMigrate,
}

impl DirFormat {
    pub fn name(self) -> &'static str {
        match self {
            DirFormat::GolangMigrate => "golang-migrate",
        }
    }

    pub fn parse(s: &str) -> Option<DirFormat> {
        match s {
            "golang-migrate" => Some(DirFormat::GolangMigrate),
            _ => None,
        }
    }
}

/// One migration version found in a directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing {
    pub version: u64,
    pub description: String,
    pub up: Option<String>,
    pub down: Option<String>,
}

/// A directory that cannot be read as migrations.
#[derive(Debug, thiserror::Error)]
pub enum DirError {
    #[error("clashing migration versions: {version} is used by both `{first}` and `{second}`")]
    Clash {
        version: u64,
        first: String,
        second: String,
    },
}

/// Reads golang-migrate file names (`{version}_{description}.{up|down}.sql`) into versions.
/// Other files are ignored.
pub fn scan(format: DirFormat, file_names: &[String]) -> Result<Vec<Existing>, DirError> {
    let DirFormat::GolangMigrate = format;
    let mut by_version: BTreeMap<u64, Existing> = BTreeMap::new();
    let mut names: Vec<&String> = file_names.iter().collect();
    names.sort();
    for file in names {
        let Some((stem, direction)) = file
            .strip_suffix(".up.sql")
            .map(|s| (s, "up"))
            .or_else(|| file.strip_suffix(".down.sql").map(|s| (s, "down")))
        else {
            continue;
        };
        let (digits, description) = stem.split_once('_').unwrap_or((stem, ""));
        let Ok(version) = digits.parse::<u64>() else {
            continue;
        };
        let entry = by_version.entry(version).or_insert_with(|| Existing {
            version,
            description: description.to_string(),
            up: None,
            down: None,
        });
        let slot = if direction == "up" {
            &mut entry.up
        } else {
            &mut entry.down
        };
        if let Some(first) = slot {
            return Err(DirError::Clash {
                version,
                first: first.clone(),
                second: file.clone(),
            });
        }
        if entry.description != description {
            let other = entry.up.clone().or(entry.down.clone()).unwrap_or_default();
            return Err(DirError::Clash {
                version,
                first: other,
                second: file.clone(),
            });
        }
        *slot = Some(file.clone());
    }
    Ok(by_version.into_values().collect())
}

/// A step ready to be written: its statements in both directions.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BuiltStep {
    pub description: String,
    pub tx: TxRule,
    pub up: Vec<Statement>,
    pub down: Vec<Statement>,
    /// Lines written as comments at the top of the up file.
    pub up_notes: Vec<String>,
    /// Lines written as comments at the top of the down file.
    pub down_notes: Vec<String>,
}

/// One file to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub name: String,
    pub contents: String,
}

/// Renders `steps` as files, numbering them from `first_version`, zero-padded to `width`.
pub fn render_files(
    format: DirFormat,
    renderer: &Renderer,
    steps: &[BuiltStep],
    first_version: u64,
    width: usize,
) -> Result<Vec<OutputFile>, RenderError> {
    let mut out = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let version = format!("{:0width$}", first_version + i as u64);
        for (direction, statements, notes) in [
            ("up", &step.up, &step.up_notes),
            ("down", &step.down, &step.down_notes),
        ] {
            let context = serde_json::json!({
                "version": version,
                "name": step.description,
                "direction": direction,
                "transactional": step.tx == TxRule::InTransaction,
                "statements": statements.iter().map(|s| s.sql.as_str()).collect::<Vec<_>>(),
                "notes": notes,
            });
            let template = format!("formats/{}/{direction}.sql", format.name());
            out.push(OutputFile {
                name: format!("{version}_{}.{direction}.sql", step.description),
                contents: renderer.render(&template, &context)?,
            });
        }
    }
    Ok(out)
}

/// Turns free text into a file-name description: lowercase `[a-z0-9_]`, at most 60 chars.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for ch in text.chars().flat_map(char::to_lowercase) {
        let c = if ch.is_ascii_alphanumeric() { ch } else { '_' };
        if c == '_' && (out.is_empty() || out.ends_with('_')) {
            continue;
        }
        out.push(c);
    }
    let mut out: String = out.chars().take(60).collect();
    while out.ends_with('_') {
        out.pop();
    }
    if out.is_empty() {
        "migration".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn scans_versions_and_ignores_other_files() {
        let found = scan(
            DirFormat::GolangMigrate,
            &names(&[
                "000002_b.up.sql",
                "000001_a.down.sql",
                "README.md",
                "000001_a.up.sql",
            ]),
        )
        .unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].version, 1);
        assert_eq!(found[0].up.as_deref(), Some("000001_a.up.sql"));
        assert_eq!(found[1].down, None);
    }

    #[test]
    fn two_files_with_one_version_clash() {
        let err = scan(
            DirFormat::GolangMigrate,
            &names(&["000003_a.up.sql", "000003_b.up.sql"]),
        )
        .unwrap_err();
        assert!(err.to_string().contains("clashing migration versions"));
    }

    #[test]
    fn slug_keeps_safe_characters_only() {
        assert_eq!(slug("Add Orders!"), "add_orders");
        assert_eq!(slug("___"), "migration");
        assert_eq!(slug(&"x".repeat(100)).len(), 60);
    }
}
