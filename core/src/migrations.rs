//! Migration directories: how versions and files are named, read and rendered.
//!
//! This module knows files and formats and nothing about dialects. Reading a directory takes
//! the list of file names (the caller does the I/O); rendering turns built steps into file
//! names and contents with the format's templates.

use crate::dialect::Statement;
use crate::plan::TxRule;
use crate::render::{RenderError, Renderer};
use std::collections::BTreeMap;

pub mod sum;

/// An output directory format: its file-naming rules and its templates
/// (`templates/formats/<name>/`). Nothing else differs between formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirFormat {
    /// `{version}_{name}.up.sql` and `.down.sql`; a file is one `Exec`.
    GolangMigrate,
    /// `{version}_{name}.sql` with `-- +goose Up` / `-- +goose Down` sections.
    Goose,
    /// `{version}_{name}.sql` with `-- migrate:up` / `-- migrate:down` sections.
    Dbmate,
    /// `V{version}__{name}.sql` and the undo migration `U{version}__{name}.sql`.
    Flyway,
}

impl DirFormat {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [DirFormat; 4] = [
        DirFormat::GolangMigrate,
        DirFormat::Goose,
        DirFormat::Dbmate,
        DirFormat::Flyway,
    ];

    pub fn name(self) -> &'static str {
        match self {
            DirFormat::GolangMigrate => "golang-migrate",
            DirFormat::Goose => "goose",
            DirFormat::Dbmate => "dbmate",
            DirFormat::Flyway => "flyway",
        }
    }

    pub fn parse(s: &str) -> Option<DirFormat> {
        DirFormat::ALL.into_iter().find(|f| f.name() == s)
    }

    /// The zero-padded width of an automatic version: the tool's own convention
    /// (`goose create -s` writes five digits, Flyway does not pad).
    pub fn default_width(self) -> usize {
        match self {
            DirFormat::GolangMigrate | DirFormat::Dbmate => 6,
            DirFormat::Goose => 5,
            DirFormat::Flyway => 1,
        }
    }

    /// True when up and down live in one file.
    pub fn single_file(self) -> bool {
        matches!(self, DirFormat::Goose | DirFormat::Dbmate)
    }

    /// The template names this format renders (relative to `templates/`).
    pub fn templates(self) -> Vec<String> {
        let names: &[&str] = match self {
            DirFormat::GolangMigrate => &["up.sql", "down.sql"],
            DirFormat::Goose | DirFormat::Dbmate => &["migration.sql"],
            DirFormat::Flyway => &["up.sql", "down.sql", "script.conf"],
        };
        names
            .iter()
            .map(|n| format!("formats/{}/{n}", self.name()))
            .collect()
    }

    /// Reads a file name as (version, description, is_down); `None` for other files.
    fn read_name(self, file: &str) -> Option<Result<(u64, String, bool), String>> {
        let (stem, down) = match self {
            DirFormat::GolangMigrate => file
                .strip_suffix(".up.sql")
                .map(|s| (s, false))
                .or_else(|| file.strip_suffix(".down.sql").map(|s| (s, true)))?,
            DirFormat::Goose | DirFormat::Dbmate => (file.strip_suffix(".sql")?, false),
            DirFormat::Flyway => {
                let stem = file.strip_suffix(".sql")?;
                let (down, rest) = match stem.as_bytes().first() {
                    Some(b'V') => (false, &stem[1..]),
                    Some(b'U') => (true, &stem[1..]),
                    _ => return None,
                };
                let (v, desc) = rest.split_once("__")?;
                return Some(match v.parse::<u64>() {
                    Ok(n) => Ok((n, desc.to_string(), down)),
                    Err(_) => Err(format!(
                        "`{file}`: version `{v}` is not a whole number; migrator numbers \
                         Flyway versions 1, 2, 3, …"
                    )),
                });
            }
        };
        let (digits, description) = stem.split_once('_').unwrap_or((stem, ""));
        let version = digits.parse::<u64>().ok()?;
        Some(Ok((version, description.to_string(), down)))
    }

    /// The SQL a file contributes when migrations are replayed to build the current
    /// state: the whole file, or the up section of a single-file format.
    pub fn up_sql(self, text: &str) -> String {
        let (start, stop): (&str, &str) = match self {
            DirFormat::GolangMigrate | DirFormat::Flyway => return text.to_string(),
            DirFormat::Goose => ("-- +goose up", "-- +goose down"),
            DirFormat::Dbmate => ("-- migrate:up", "-- migrate:down"),
        };
        let mut out = String::new();
        let mut inside = false;
        for line in text.lines() {
            let marker = line.trim().to_ascii_lowercase();
            if marker.starts_with(start) {
                inside = true;
                // Keep the line count, so errors point at the right line of the file.
                out.push('\n');
                continue;
            }
            if marker.starts_with(stop) {
                inside = false;
            }
            if inside {
                out.push_str(line);
            }
            out.push('\n');
        }
        out
    }
}

/// What a file the format owns is to its version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A separate up file (golang-migrate `.up.sql`, Flyway `V…`).
    Up,
    /// A separate down file (golang-migrate `.down.sql`, Flyway `U…`).
    Down,
    /// A file holding both directions (goose, dbmate).
    Both,
    /// Flyway's per-script settings, `<script>.conf`.
    Settings,
}

/// A file of a migrations directory that its format owns: a migration or its settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedFile {
    pub name: String,
    /// The version and description its name says, or why the name cannot be read.
    pub version: Result<(u64, String), String>,
    pub role: Role,
}

impl OwnedFile {
    /// The version, when the name has a readable one.
    pub fn number(&self) -> Option<u64> {
        self.version.as_ref().ok().map(|(v, _)| *v)
    }
}

impl DirFormat {
    /// The file as its format sees it; `None` for a file the format does not run (a
    /// README, goose's `.go` migrations, Flyway's repeatable `R__` scripts).
    pub fn owned(self, file: &str) -> Option<OwnedFile> {
        let (script, settings) = match (self, file.strip_suffix(".conf")) {
            (DirFormat::Flyway, Some(script)) => (script, true),
            _ => (file, false),
        };
        let read = self.read_name(script)?;
        let role = match (settings, self.single_file(), &read) {
            (true, _, _) => Role::Settings,
            (false, true, _) => Role::Both,
            (false, false, Ok((_, _, true))) => Role::Down,
            (false, false, _) => Role::Up,
        };
        Some(OwnedFile {
            name: file.to_string(),
            version: read.map(|(v, d, _)| (v, d)),
            role,
        })
    }
}

/// The files of `file_names` the format owns, in version order (names within a version;
/// unreadable versions last).
pub fn owned_files(format: DirFormat, file_names: &[String]) -> Vec<OwnedFile> {
    let mut out: Vec<OwnedFile> = file_names.iter().filter_map(|n| format.owned(n)).collect();
    out.sort_by(|a, b| {
        let key = |f: &OwnedFile| (f.number().unwrap_or(u64::MAX), f.name.clone());
        key(a).cmp(&key(b))
    });
    out
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
    #[error("{0}")]
    Name(String),
}

/// Reads the file names of a directory in `format` into versions. Other files are ignored.
pub fn scan(format: DirFormat, file_names: &[String]) -> Result<Vec<Existing>, DirError> {
    let mut by_version: BTreeMap<u64, Existing> = BTreeMap::new();
    let mut names: Vec<&String> = file_names.iter().collect();
    names.sort();
    for file in names {
        let Some(read) = format.read_name(file) else {
            continue;
        };
        let (version, description, down) = read.map_err(DirError::Name)?;
        let entry = by_version.entry(version).or_insert_with(|| Existing {
            version,
            description: description.clone(),
            up: None,
            down: None,
        });
        let slot = if down { &mut entry.down } else { &mut entry.up };
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
        if format.single_file() {
            entry.down = Some(file.clone());
        }
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
///
/// The files come in the order the writer places them in an existing directory, so that a
/// directory is consistent between any two of them: version by version, the up file before
/// its down file (golang-migrate runs a version whose up file is missing as an empty one),
/// Flyway's `.conf` before its script.
pub fn render_files(
    format: DirFormat,
    renderer: &Renderer,
    steps: &[BuiltStep],
    first_version: u64,
    width: usize,
) -> Result<Vec<OutputFile>, FileError> {
    let mut out = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let version = format!("{:0width$}", first_version + i as u64);
        let transactional = step.tx == TxRule::InTransaction;
        let section = |statements: &[Statement], notes: &[String]| {
            serde_json::json!({
                "statements": statements.iter().map(|s| s.sql.as_str()).collect::<Vec<_>>(),
                "notes": notes,
            })
        };
        // Made for each file and handed to Tera, so no copy of a direction's statements
        // outlives its file: at 2,000 tables the up file's statements are 2 MB of text.
        let context = |direction: &str| {
            let (statements, notes) = if direction == "down" {
                (&step.down, &step.down_notes)
            } else {
                (&step.up, &step.up_notes)
            };
            serde_json::json!({
                "version": version,
                "name": step.description,
                "direction": direction,
                "transactional": transactional,
                "statements": statements.iter().map(|s| s.sql.as_str()).collect::<Vec<_>>(),
                "notes": notes,
                "up": section(&step.up, &step.up_notes),
                "down": section(&step.down, &step.down_notes),
            })
        };
        let mut render = |template: &str, file: String, direction: &str| {
            let full = format!("formats/{}/{template}", format.name());
            let mut contents = renderer
                .render_owned(&full, context(direction))
                .map_err(|e| FileError {
                    file: file.clone(),
                    source: e,
                })?;
            // Tera's output grew by doubling; the files wait for each other to be written.
            contents.shrink_to_fit();
            out.push(OutputFile {
                name: file,
                contents,
            });
            Ok::<(), FileError>(())
        };
        let desc = &step.description;
        match format {
            DirFormat::GolangMigrate => {
                render("up.sql", format!("{version}_{desc}.up.sql"), "up")?;
                render("down.sql", format!("{version}_{desc}.down.sql"), "down")?;
            }
            DirFormat::Goose | DirFormat::Dbmate => {
                render("migration.sql", format!("{version}_{desc}.sql"), "up")?;
            }
            DirFormat::Flyway => {
                if !transactional {
                    // Flyway reads per-script settings from `<script>.conf` beside it; the
                    // settings come first, so no script is ever seen without them.
                    render("script.conf", format!("V{version}__{desc}.sql.conf"), "up")?;
                    render(
                        "script.conf",
                        format!("U{version}__{desc}.sql.conf"),
                        "down",
                    )?;
                }
                render("up.sql", format!("V{version}__{desc}.sql"), "up")?;
                render("down.sql", format!("U{version}__{desc}.sql"), "down")?;
            }
        }
    }
    Ok(out)
}

/// A file template that failed, naming the file it was rendering.
#[derive(Debug, thiserror::Error)]
#[error("while rendering the file `{file}`: {source}")]
pub struct FileError {
    pub file: String,
    #[source]
    pub source: RenderError,
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
    fn single_file_formats_hold_up_and_down_in_one_file() {
        let found = scan(
            DirFormat::Goose,
            &names(&["00002_b.sql", "00001_a.sql", "00001_a.go", "README.md"]),
        )
        .unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].up.as_deref(), Some("00001_a.sql"));
        assert_eq!(found[0].down.as_deref(), Some("00001_a.sql"));
    }

    #[test]
    fn flyway_versions_and_undo_scripts() {
        let found = scan(
            DirFormat::Flyway,
            &names(&[
                "V2__b.sql",
                "U2__b.sql",
                "V1__a.sql",
                "R__view.sql",
                "V2__b.sql.conf",
            ]),
        )
        .unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].version, 2);
        assert_eq!(found[1].down.as_deref(), Some("U2__b.sql"));
        let err = scan(DirFormat::Flyway, &names(&["V1.1__x.sql"])).unwrap_err();
        assert!(err.to_string().contains("not a whole number"), "{err}");
    }

    #[test]
    fn replay_reads_only_the_up_section_and_keeps_line_numbers() {
        let goose = "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n";
        let up = DirFormat::Goose.up_sql(goose);
        assert!(up.contains("CREATE TABLE a") && !up.contains("DROP TABLE"));
        assert_eq!(up.lines().nth(1), Some("CREATE TABLE a (id int);"));
        let dbmate = "-- migrate:up transaction:false\nSELECT 1;\n-- migrate:down\nSELECT 2;\n";
        let up = DirFormat::Dbmate.up_sql(dbmate);
        assert!(up.contains("SELECT 1") && !up.contains("SELECT 2"));
    }

    #[test]
    fn owned_files_are_the_migrations_and_their_settings_in_version_order() {
        let got = owned_files(
            DirFormat::Flyway,
            &names(&[
                "V10__b.sql",
                "V2__a.sql.conf",
                "V2__a.sql",
                "R__v.sql",
                "x.txt",
            ]),
        );
        let seen: Vec<(&str, Option<u64>, Role)> = got
            .iter()
            .map(|f| (f.name.as_str(), f.number(), f.role))
            .collect();
        assert_eq!(
            seen,
            vec![
                ("V2__a.sql", Some(2), Role::Up),
                ("V2__a.sql.conf", Some(2), Role::Settings),
                ("V10__b.sql", Some(10), Role::Up),
            ]
        );
        let goose = owned_files(DirFormat::Goose, &names(&["00001_a.sql", "00001_a.go"]));
        assert_eq!(goose.len(), 1);
        assert_eq!(goose[0].role, Role::Both);
        let bad = owned_files(DirFormat::Flyway, &names(&["V1.1__x.sql"]));
        assert!(bad[0].version.is_err());
    }

    #[test]
    fn slug_keeps_safe_characters_only() {
        assert_eq!(slug("Add Orders!"), "add_orders");
        assert_eq!(slug("___"), "migration");
        assert_eq!(slug(&"x".repeat(100)).len(), 60);
    }
}
