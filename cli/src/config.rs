//! `migrator.toml`: project defaults for the command-line flags.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The project configuration; every field is optional and a flag always wins.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// One dialect name, or a list for one output directory per dialect.
    pub dialect: Option<OneOrMany>,
    pub schema: Option<PathBuf>,
    pub migrations: Option<PathBuf>,
    pub allow_destructive: Option<bool>,
    /// `--online`.
    pub online: Option<bool>,
    /// `--lock-timeout` (with `online`).
    pub lock_timeout: Option<String>,
    /// `--statement-timeout` (with `online`).
    pub statement_timeout: Option<String>,
    /// `idempotent = false` is `--no-idempotent`.
    pub idempotent: Option<bool>,
    /// `--pg-version`.
    pub pg_version: Option<u32>,
    /// Manage privileges (`--with-privileges`).
    pub with_privileges: Option<bool>,
    /// A template directory whose files replace built-in templates of the same name.
    pub templates: Option<PathBuf>,
    /// The migrations directory format (`golang-migrate`, `goose`, `dbmate`, `flyway`).
    pub dir_format: Option<String>,
    /// Dialect plugins (shared libraries) to load.
    #[serde(default)]
    pub plugins: Vec<PathBuf>,
    /// Filter patterns of the objects managed (`--include`; docs/FILTERS.md).
    #[serde(default)]
    pub include: Vec<String>,
    /// Filter patterns of the objects left alone (`--exclude`).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// The schemas managed (`--schemas`).
    #[serde(default)]
    pub schemas: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

impl Config {
    /// Reads `path` if it exists; a missing file is an empty configuration.
    pub fn load(path: &Path) -> Result<Config, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }
}
