//! `migrator.sum`: the SHA-256 of every file a migrations directory's format owns, so that
//! an edit to a migration that may already have run is seen before anything builds on it.
//!
//! The format (docs/INTEGRITY.md):
//!
//! ```text
//! migrator.sum v1 sha256:<hex of the SHA-256 of every line below, as written>
//! <hex of the SHA-256 of the file>  <file name>
//! …
//! ```
//!
//! The file lines are in version order and in `sha256sum`'s own format, so that
//! `tail -n +2 migrator.sum | sha256sum -c` checks a directory with coreutils alone. The
//! first line makes an edit to the sum file itself visible. SHA-256 (the `sha2` crate, of
//! the RustCrypto project) is the hash every platform's tools can recompute; nothing here
//! needs speed or keys.

use super::{owned_files, DirFormat};
use sha2::{Digest, Sha256};

/// The sum file's name, inside the migrations directory.
pub const SUM_FILE: &str = "migrator.sum";

/// The start of the first line, before the hash of the lines below it.
const HEADER: &str = "migrator.sum v1 sha256:";

/// The lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One file of the sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    /// Lowercase hex SHA-256 of the file's bytes.
    pub hash: String,
}

/// The recorded (or current) hashes of a directory's migration files, in version order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sum {
    pub entries: Vec<Entry>,
}

/// A sum file that cannot be read, at its line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{SUM_FILE}:{line}: {message}")]
pub struct SumError {
    pub line: usize,
    pub message: String,
}

/// How a directory differs from its sum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// The file's contents changed since the sum was written; `line` is its sum line.
    Edited { name: String, line: usize },
    /// The sum lists the file, the directory does not have it.
    Missing { name: String, line: usize },
    /// The directory has the file, the sum does not list it.
    Extra { name: String },
}

impl Sum {
    /// The sum of `files` (name and contents); files the format does not own are left out.
    pub fn of<'a>(format: DirFormat, files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Sum {
        let files: Vec<(&str, &[u8])> = files.into_iter().collect();
        let names: Vec<String> = files.iter().map(|(n, _)| n.to_string()).collect();
        let entries = owned_files(format, &names)
            .into_iter()
            .filter_map(|owned| {
                let (_, bytes) = files.iter().find(|(n, _)| *n == owned.name)?;
                Some(Entry {
                    hash: sha256_hex(bytes),
                    name: owned.name,
                })
            })
            .collect();
        Sum { entries }
    }

    /// The file lines, each ending in a newline.
    fn body(&self) -> String {
        self.entries
            .iter()
            .map(|e| format!("{}  {}\n", e.hash, e.name))
            .collect()
    }

    /// The text of the sum file.
    pub fn render(&self) -> String {
        let body = self.body();
        format!("{HEADER}{}\n{body}", sha256_hex(body.as_bytes()))
    }

    /// Reads a sum file; the first line must match the lines below it.
    pub fn parse(text: &str) -> Result<Sum, SumError> {
        let fail = |line: usize, message: String| SumError { line, message };
        let (first, body) = text.split_once('\n').unwrap_or((text, ""));
        let total = first
            .strip_prefix(HEADER)
            .filter(|h| is_hash(h))
            .ok_or_else(|| {
                fail(
                    1,
                    format!("the first line must be `{HEADER}<64 hex digits>`"),
                )
            })?;
        let mut entries = Vec::new();
        for (i, line) in body.lines().enumerate() {
            let (hash, name) = line
                .split_once("  ")
                .filter(|(h, n)| is_hash(h) && !n.is_empty())
                .ok_or_else(|| {
                    fail(
                        i + 2,
                        "expected `<64 hex digits>  <file name>` (sha256sum's format)".into(),
                    )
                })?;
            entries.push(Entry {
                name: name.to_string(),
                hash: hash.to_string(),
            });
        }
        if sha256_hex(body.as_bytes()) != total {
            return Err(fail(
                1,
                "the file list below does not match the hash on this line: the sum file was \
                 edited by hand"
                    .into(),
            ));
        }
        Ok(Sum { entries })
    }

    /// The line of `name` in the sum file.
    pub fn line_of(&self, name: &str) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.name == name)
            .map(|i| i + 2)
    }

    /// How the directory summed as `now` differs from this recorded sum, in `now`'s order
    /// with the missing files last.
    pub fn compare(&self, now: &Sum) -> Vec<Mismatch> {
        let mut out = Vec::new();
        for e in &now.entries {
            match self.entries.iter().find(|r| r.name == e.name) {
                Some(r) if r.hash != e.hash => out.push(Mismatch::Edited {
                    name: e.name.clone(),
                    line: self.line_of(&e.name).unwrap_or(1),
                }),
                Some(_) => {}
                None => out.push(Mismatch::Extra {
                    name: e.name.clone(),
                }),
            }
        }
        for (i, r) in self.entries.iter().enumerate() {
            if !now.entries.iter().any(|e| e.name == r.name) {
                out.push(Mismatch::Missing {
                    name: r.name.clone(),
                    line: i + 2,
                });
            }
        }
        out
    }
}

fn is_hash(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(files: &[(&str, &str)]) -> Sum {
        Sum::of(
            DirFormat::GolangMigrate,
            files.iter().map(|(n, t)| (*n, t.as_bytes())),
        )
    }

    #[test]
    fn renders_sha256sum_lines_under_a_hash_of_them_and_reads_them_back() {
        let s = sum(&[
            ("000002_b.up.sql", "B"),
            ("README.md", "not a migration"),
            ("000001_a.up.sql", ""),
        ]);
        let text = s.render();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        // SHA-256 of the empty string, as `sha256sum` prints it.
        assert_eq!(
            lines[1],
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  000001_a.up.sql"
        );
        assert!(lines[2].ends_with("  000002_b.up.sql"));
        let body = format!("{}\n{}\n", lines[1], lines[2]);
        assert_eq!(lines[0], format!("{HEADER}{}", sha256_hex(body.as_bytes())));
        assert_eq!(Sum::parse(&text), Ok(s));
    }

    #[test]
    fn a_hand_edited_sum_is_refused_at_its_line() {
        let text = sum(&[("000001_a.up.sql", "A")]).render();
        let dropped = text.lines().next().unwrap().to_string() + "\n";
        assert_eq!(Sum::parse(&dropped).unwrap_err().line, 1);
        let garbled = text.replace("  000001", " 000001");
        assert_eq!(Sum::parse(&garbled).unwrap_err().line, 2);
        assert_eq!(Sum::parse("").unwrap_err().line, 1);
    }

    #[test]
    fn compare_names_edited_missing_and_extra_files() {
        let recorded = sum(&[("000001_a.up.sql", "A"), ("000002_b.up.sql", "B")]);
        let now = sum(&[("000001_a.up.sql", "A!"), ("000003_c.up.sql", "C")]);
        assert_eq!(
            recorded.compare(&now),
            vec![
                Mismatch::Edited {
                    name: "000001_a.up.sql".into(),
                    line: 2
                },
                Mismatch::Extra {
                    name: "000003_c.up.sql".into()
                },
                Mismatch::Missing {
                    name: "000002_b.up.sql".into(),
                    line: 3
                },
            ]
        );
        assert!(recorded.compare(&recorded).is_empty());
    }
}
