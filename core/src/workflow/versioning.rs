//! The migrations directory as versions, and the version numbers of new migrations.
//!
//! A directory is read before anything is generated, so that a half-written version (a
//! down file without its up file) or two files claiming one version stop the run instead
//! of being replayed wrongly. New versions continue above the highest existing one, or
//! start where `--start-version` or `--prefix` says, never at or below it.

use super::{Edge, WorkflowError};
use crate::migrations::{self, DirError, DirFormat, Existing};
use std::path::{Path, PathBuf};

/// How the first new version is chosen; with neither, it follows the highest existing one.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    /// `<version>_<description>` (e.g. `2_v0.0.2`): the version, its width as written and
    /// the description of every new file.
    pub prefix: Option<String>,
    /// The first version, zero-padded to the format's width.
    pub start_version: Option<u64>,
}

/// The numbers of the new migrations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versions {
    /// The first new version; the following steps count up from it.
    pub first: u64,
    /// The zero-padded width of a version in a file name.
    pub width: usize,
    /// The description `--prefix` gives every file, replacing the derived one.
    pub description: Option<String>,
}

/// A migrations directory that cannot be used, or versions that cannot be numbered.
#[derive(Debug, thiserror::Error)]
pub enum VersionError {
    #[error("{}: {source}", dir.display())]
    Scan {
        dir: PathBuf,
        #[source]
        source: DirError,
    },
    #[error("{}: version {version} has a down file but no up file", dir.display())]
    DownWithoutUp { dir: PathBuf, version: u64 },
    #[error("clashing migration versions: version {version} is not above the highest existing version {highest}")]
    NotAbove { version: u64, highest: u64 },
    #[error("--prefix {0}: must start with a version number, as in 2_v0.0.2")]
    PrefixWithoutVersion(String),
    #[error("--prefix {0}: must not contain a path separator")]
    PrefixWithSeparator(String),
}

/// The versions already in `dir` (none when it does not exist).
pub fn existing(
    dir: &Path,
    format: DirFormat,
    edge: &mut dyn Edge,
) -> Result<Vec<Existing>, WorkflowError> {
    let names = super::dir_file_names(edge, dir)?.unwrap_or_default();
    let found = migrations::scan(format, &names).map_err(|source| VersionError::Scan {
        dir: dir.to_path_buf(),
        source,
    })?;
    if let Some(m) = found.iter().find(|m| m.up.is_none()) {
        return Err(VersionError::DownWithoutUp {
            dir: dir.to_path_buf(),
            version: m.version,
        }
        .into());
    }
    Ok(found)
}

/// The first version, its zero-padded width and (with a prefix) the description.
pub fn number(
    numbering: &Numbering,
    existing: &[Existing],
    format: DirFormat,
) -> Result<Versions, VersionError> {
    let highest = existing.iter().map(|m| m.version).max();
    let above = |version: u64| match highest {
        Some(highest) if version <= highest => Err(VersionError::NotAbove { version, highest }),
        _ => Ok(()),
    };
    if let Some(prefix) = &numbering.prefix {
        let (digits, desc) = prefix.split_once('_').unwrap_or((prefix.as_str(), ""));
        let first: u64 = digits
            .parse()
            .map_err(|_| VersionError::PrefixWithoutVersion(prefix.clone()))?;
        above(first)?;
        if desc.contains('/') || desc.contains('\\') {
            return Err(VersionError::PrefixWithSeparator(prefix.clone()));
        }
        return Ok(Versions {
            first,
            width: digits.len(),
            description: (!desc.is_empty()).then(|| desc.to_string()),
        });
    }
    if let Some(first) = numbering.start_version {
        above(first)?;
        return Ok(Versions {
            first,
            width: format.default_width(),
            description: None,
        });
    }
    Ok(Versions {
        first: highest.map_or(1, |h| h + 1),
        width: format.default_width(),
        description: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(versions: &[u64]) -> Vec<Existing> {
        versions
            .iter()
            .map(|&version| Existing {
                version,
                description: "x".into(),
                up: Some(format!("{version}_x.up.sql")),
                down: None,
            })
            .collect()
    }

    fn numbering(prefix: Option<&str>, start_version: Option<u64>) -> Numbering {
        Numbering {
            prefix: prefix.map(str::to_string),
            start_version,
        }
    }

    #[test]
    fn new_versions_follow_the_highest_existing_one() {
        let v = number(
            &Numbering::default(),
            &at(&[1, 7]),
            DirFormat::GolangMigrate,
        )
        .unwrap();
        assert_eq!(v.first, 8);
        assert_eq!(v.width, DirFormat::GolangMigrate.default_width());
        let v = number(&Numbering::default(), &[], DirFormat::GolangMigrate).unwrap();
        assert_eq!(v.first, 1);
    }

    #[test]
    fn a_prefix_gives_version_width_and_description() {
        let v = number(
            &numbering(Some("002_v0.0.2"), None),
            &at(&[1]),
            DirFormat::Goose,
        );
        assert_eq!(
            v.unwrap(),
            Versions {
                first: 2,
                width: 3,
                description: Some("v0.0.2".into())
            }
        );
        let v = number(&numbering(Some("5"), None), &[], DirFormat::Goose).unwrap();
        assert_eq!(v.description, None);
    }

    #[test]
    fn a_version_at_or_below_the_highest_is_refused() {
        let e = number(
            &numbering(None, Some(3)),
            &at(&[3]),
            DirFormat::GolangMigrate,
        );
        assert_eq!(
            e.unwrap_err().to_string(),
            "clashing migration versions: version 3 is not above the highest existing version 3"
        );
    }

    #[test]
    fn a_prefix_needs_a_version_and_no_path_separator() {
        let e = number(&numbering(Some("v2"), None), &[], DirFormat::GolangMigrate);
        assert!(matches!(e, Err(VersionError::PrefixWithoutVersion(_))));
        let e = number(
            &numbering(Some("2_a/b"), None),
            &[],
            DirFormat::GolangMigrate,
        );
        assert!(matches!(e, Err(VersionError::PrefixWithSeparator(_))));
    }
}
