//! What a fixture pair needs of the test server beyond plain PostgreSQL 15, read from the
//! pair's `requires` file, one requirement per line (`#` starts a comment):
//!
//! - `extension NAME`: the server must offer the extension (`pg_available_extensions`).
//!   scripts/test's machine set-up installs PostGIS, pg_cron and pg_partman from Debian.
//! - `database-from-setting NAME`: every database of the pair is created under the name the
//!   server setting `NAME` holds, one at a time. pg_cron installs only into the database
//!   `cron.database_name` names (scripts/lib/servers.sh sets it).
//!
//! A requirement the server does not meet fails the pair loudly, naming what to install:
//! a pair is never skipped in silence. `MIGRATOR_TEST_ALLOW_MISSING_EXTENSIONS=1` turns the
//! failure into a skip, said on stderr, for machines that cannot install them.

use crate::tsdb::query_text;
use std::path::Path;

/// A pair's requirements.
#[derive(Debug, Default, Clone)]
pub struct Requirements {
    pub extensions: Vec<String>,
    pub database_setting: Option<String>,
}

/// The requirements in `dir`'s `requires` file (none without one).
pub fn of(dir: &Path) -> Requirements {
    let mut r = Requirements::default();
    let Ok(text) = std::fs::read_to_string(dir.join("requires")) else {
        return r;
    };
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        match line.split_whitespace().collect::<Vec<_>>().as_slice() {
            [] => {}
            ["extension", name] => r.extensions.push(name.to_string()),
            ["database-from-setting", name] => r.database_setting = Some(name.to_string()),
            other => panic!("{}/requires: unknown requirement {other:?}", dir.display()),
        }
    }
    r
}

impl Requirements {
    /// True when the server meets every requirement; false when one is missing and
    /// `MIGRATOR_TEST_ALLOW_MISSING_EXTENSIONS=1` allows skipping; panics otherwise.
    pub fn met(&self, pair: &str) -> bool {
        let mut missing = Vec::new();
        for e in &self.extensions {
            let sql = format!(
                "SELECT count(*)::text FROM pg_available_extensions WHERE name = '{}'",
                e.replace('\'', "''")
            );
            if query_text(&crate::pg_dsn(), &sql) == "0" {
                missing.push(format!(
                    "extension {e} is not available on the test server (scripts/test's set-up \
                     installs postgresql-15-postgis-3, postgresql-15-cron and postgresql-15-partman)"
                ));
            }
        }
        if let Some(s) = &self.database_setting {
            if self.setting(s).is_none() {
                missing.push(format!(
                    "the server has no setting {s} (pg_cron must be in shared_preload_libraries, \
                     which scripts/lib/servers.sh sets when pg_cron is installed)"
                ));
            }
        }
        if missing.is_empty() {
            return true;
        }
        let what = missing.join("; ");
        if std::env::var("MIGRATOR_TEST_ALLOW_MISSING_EXTENSIONS").as_deref() == Ok("1") {
            eprintln!("{pair}: SKIPPED (MIGRATOR_TEST_ALLOW_MISSING_EXTENSIONS=1): {what}");
            return false;
        }
        panic!(
            "{pair} needs what the test server lacks: {what}. Set \
             MIGRATOR_TEST_ALLOW_MISSING_EXTENSIONS=1 to skip such pairs instead."
        );
    }

    /// The one database name the pair must use, if a setting fixes it.
    pub fn database(&self) -> Option<String> {
        self.database_setting.as_ref().map(|s| {
            self.setting(s)
                .unwrap_or_else(|| panic!("the server has no setting {s}"))
        })
    }

    fn setting(&self, name: &str) -> Option<String> {
        let sql = format!(
            "SELECT current_setting('{}', true)",
            name.replace('\'', "''")
        );
        Some(query_text(&crate::pg_dsn(), &sql)).filter(|v| !v.is_empty())
    }
}
