//! `migrator.sum`, `migrator validate` and `migrator sum --rehash` end to end, offline, in
//! every directory format: generate records its files in the sum, refuses a directory
//! that no longer matches it, and validate names every problem at its file and line with
//! what to do (issue 15).

use migrator_tests::*;
use std::path::PathBuf;

const FORMATS: [&str; 4] = ["golang-migrate", "goose", "dbmate", "flyway"];

/// The first schema, the second (one more column: one version), and the third (an enum
/// value added outside a transaction, so that Flyway writes `.conf` files too).
const V1: &str = "CREATE TYPE mood AS ENUM ('a');\nCREATE TABLE t (id int PRIMARY KEY);\n";
const V2: &str = "CREATE TYPE mood AS ENUM ('a');\nCREATE TABLE t (id int PRIMARY KEY, c int);\n";
const V3: &str = "CREATE TYPE mood AS ENUM ('a', 'b');\n\
                  CREATE TABLE t (id int PRIMARY KEY, c int);\nCREATE TABLE u (id int);\n";

/// A project in one format: `s.sql` and the migrations directory `m`.
struct Project(FormatProject);

impl std::ops::Deref for Project {
    type Target = FormatProject;
    fn deref(&self) -> &FormatProject {
        &self.0
    }
}

impl Project {
    /// With the migrations of [`V1`] and [`V2`] generated.
    fn new(format: &'static str) -> Project {
        let p = Project(FormatProject::new(format));
        p.generate_ok(V1, "init");
        p.generate_ok(V2, "more");
        p
    }

    fn path(&self, name: &str) -> PathBuf {
        self.m().join(name)
    }

    fn generate_ok(&self, schema: &str, name: &str) -> Outcome {
        let o = self.generate(schema, name);
        assert_eq!(o.code, 0, "{}: {o:?}", self.format);
        o
    }

    fn validate(&self) -> Outcome {
        self.run(&["validate"])
    }

    fn rehash(&self) {
        let o = self.run(&["sum", "--rehash"]);
        assert_eq!(o.code, 0, "{o:?}");
    }

    /// Every file with its contents.
    fn snapshot(&self) -> Vec<(String, String)> {
        self.names()
            .into_iter()
            .map(|n| {
                let text = std::fs::read_to_string(self.path(&n)).unwrap();
                (n, text)
            })
            .collect()
    }

    /// The file of `version` whose name ends with `tail` (e.g. `.up.sql`), as written.
    fn file(&self, version: u64, tail: &str) -> String {
        self.names()
            .into_iter()
            .find(|n| version_of(n) == Some(version) && n.ends_with(tail) && is_up_or_single(n))
            .unwrap_or_else(|| panic!("no file of version {version}: {:?}", self.names()))
    }

    fn sum(&self) -> String {
        std::fs::read_to_string(self.path("migrator.sum")).unwrap()
    }
}

/// The version of a migration file name in any of the four formats.
fn version_of(name: &str) -> Option<u64> {
    let rest = name.trim_start_matches(['V', 'U']);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// An up file, or a single-file migration (not a down, undo or settings file).
fn is_up_or_single(name: &str) -> bool {
    !name.ends_with(".down.sql") && !name.starts_with('U') && !name.ends_with(".conf")
}

/// Asserts that `o` failed validation and reported `needle` on stdout, with a fix.
fn reports(o: &Outcome, needle: &str) {
    assert_eq!(o.code, 1, "{o:?}");
    let problem = o
        .stdout
        .split("\n  fix: ")
        .find(|chunk| chunk.contains(needle));
    assert!(problem.is_some(), "no `{needle}` in:\n{}", o.stdout);
    assert!(o.stderr.contains("problem"), "{}", o.stderr);
}

#[test]
fn every_format_records_exactly_its_migration_files_and_validates() {
    for format in FORMATS {
        let p = Project::new(format);
        p.generate_ok(V3, "later");
        let sum = p.sum();
        let mut lines = sum.lines();
        assert!(lines.next().unwrap().starts_with("migrator.sum v1 sha256:"));
        let mut listed: Vec<&str> = lines.map(|l| l.split_once("  ").unwrap().1).collect();
        listed.sort();
        let mut files = p.names();
        files.retain(|n| n != "migrator.sum");
        assert_eq!(listed, files, "{format}: {sum}");
        if format == "flyway" {
            assert!(files.iter().any(|n| n.ends_with(".sql.conf")), "{files:?}");
        }
        let o = p.validate();
        assert_eq!(o.code, 0, "{format}: {o:?}");
        assert!(o.stdout.starts_with("ok: "), "{}", o.stdout);
        // A run without changes leaves the sum alone.
        let again = p.generate_ok(V3, "none");
        assert_eq!(again.stdout.trim(), "no changes", "{format}");
        assert_eq!(p.sum(), sum);
    }
}

#[test]
fn an_edited_migration_stops_generate_and_validate_until_rehash() {
    for format in FORMATS {
        let p = Project::new(format);
        let first = p.file(1, ".sql");
        let mut text = std::fs::read_to_string(p.path(&first)).unwrap();
        text.push_str("-- edited after it ran\n");
        std::fs::write(p.path(&first), &text).unwrap();
        reports(
            &p.validate(),
            &format!("{first}:1: edited since migrator.sum"),
        );

        let before = p.snapshot();
        let o = p.generate(V3, "later");
        assert_eq!(o.code, 1, "{format}: {o:?}");
        assert!(
            o.stderr
                .contains(&format!("{first}: edited since migrator.sum"))
                && o.stderr.contains("migrator sum --rehash")
                && o.stderr.contains("nothing was written"),
            "{format}: {}",
            o.stderr
        );
        assert_eq!(p.snapshot(), before, "{format}: generate wrote something");

        p.rehash();
        assert_eq!(p.validate().code, 0, "{format}");
        let o = p.generate_ok(V3, "later");
        assert!(o.stdout.contains("updated"), "{}", o.stdout);
        assert_eq!(p.validate().code, 0, "{format}");
    }
}

#[test]
fn missing_and_unrecorded_files_are_named_with_the_sum_line() {
    let p = Project::new("golang-migrate");
    let down = p.file(2, ".up.sql").replace(".up.sql", ".down.sql");
    let line = p.sum().lines().position(|l| l.ends_with(&down)).unwrap() + 1;
    std::fs::remove_file(p.path(&down)).unwrap();
    std::fs::write(
        p.path("000003_by_hand.up.sql"),
        "CREATE TABLE h (id int);\n",
    )
    .unwrap();
    std::fs::write(p.path("000003_by_hand.down.sql"), "DROP TABLE h;\n").unwrap();
    let o = p.validate();
    reports(
        &o,
        &format!("migrator.sum:{line}: {down}: missing, but listed at migrator.sum:{line}"),
    );
    reports(&o, "000003_by_hand.up.sql:1: not in migrator.sum");
    reports(&o, "000003_by_hand.down.sql:1: not in migrator.sum");
    let o = p.generate(V3, "later");
    assert!(
        o.code == 1 && o.stderr.contains(&format!("{down}: missing")),
        "{o:?}"
    );
}

#[test]
fn an_up_file_without_its_down_file_is_reported_in_both_two_file_formats() {
    for format in ["golang-migrate", "flyway"] {
        let p = Project::new(format);
        let up = p.file(2, ".sql");
        let down = match format {
            "flyway" => up.replacen('V', "U", 1),
            _ => up.replace(".up.sql", ".down.sql"),
        };
        std::fs::remove_file(p.path(&down)).unwrap();
        p.rehash();
        let o = p.validate();
        reports(
            &o,
            &format!("{up}:1: version 2 has an up file but no down file"),
        );
        assert!(o.stdout.contains("write its down file"), "{}", o.stdout);
    }
}

#[test]
fn two_migrations_with_one_version_are_reported() {
    for format in FORMATS {
        let p = Project::new(format);
        let up = p.file(2, ".sql");
        let twin = up.replace("more", "other_branch");
        std::fs::copy(p.path(&up), p.path(&twin)).unwrap();
        let o = p.validate();
        reports(&o, &format!("{twin}:1: version 2 is also used by {up}"));
        reports(&o, &format!("{twin}:1: not in migrator.sum"));
    }
}

#[test]
fn a_branch_merged_below_the_newest_version_is_out_of_order() {
    for format in FORMATS {
        let p = Project(FormatProject::new(format));
        p.generate_ok(V1, "init");
        let s = p.tmp.path().join("s.sql");
        std::fs::write(&s, V2).unwrap();
        let o = p.run(&[
            "generate",
            "--schema",
            s.to_str().unwrap(),
            "--name",
            "main",
            "--start-version",
            "3",
        ]);
        assert_eq!(o.code, 0, "{o:?}");
        // The branch's version 2, as it was generated there.
        let third = p.file(3, ".sql");
        let branch: Vec<String> = p
            .names()
            .into_iter()
            .filter(|n| version_of(n) == Some(3))
            .collect();
        for n in &branch {
            let to = n.replacen('3', "2", 1).replace("main", "branch");
            std::fs::copy(p.path(n), p.path(&to)).unwrap();
        }
        let merged = third.replacen('3', "2", 1).replace("main", "branch");
        let o = p.validate();
        reports(
            &o,
            &format!(
                "{merged}:1: version 2 is new but below 3, the newest version in migrator.sum"
            ),
        );
        assert!(o.stdout.contains("renumber it above 3"), "{}", o.stdout);
    }
}

#[test]
fn a_version_gap_is_reported_where_versions_count_up_by_one() {
    for format in FORMATS {
        let p = Project::new(format);
        for n in p.names() {
            if version_of(&n) == Some(2) {
                let to = n.replacen('2', "5", 1);
                std::fs::rename(p.path(&n), p.path(&to)).unwrap();
            }
        }
        let five = p.file(5, ".sql");
        let o = p.validate();
        reports(
            &o,
            &format!("{five}:1: version 5 leaves a gap after version 1"),
        );
        assert!(o.stdout.contains("renumber it to 2"), "{}", o.stdout);
    }
}

#[test]
fn a_migration_that_does_not_parse_is_named_at_its_line() {
    for format in FORMATS {
        let p = Project::new(format);
        let up = p.file(2, ".sql");
        let text = std::fs::read_to_string(p.path(&up)).unwrap();
        // A broken statement as the up section's last line, wherever that section ends.
        let lines: Vec<&str> = text.lines().collect();
        let at = match format {
            "goose" | "dbmate" => lines
                .iter()
                .position(|l| l.contains("+goose Down") || l.contains("migrate:down"))
                .unwrap(),
            _ => lines.len(),
        };
        let mut broken: Vec<&str> = lines.clone();
        broken.insert(at, "CREATE TABL broken (id int);");
        std::fs::write(p.path(&up), broken.join("\n") + "\n").unwrap();
        p.rehash();
        let o = p.validate();
        reports(&o, &format!("{up}:{}: syntax error", at + 1));
        assert_eq!(o.stdout.matches("\n  fix: ").count(), 1, "{}", o.stdout);
    }
}

#[test]
fn a_directory_from_before_the_sum_gets_one_with_a_note() {
    for format in FORMATS {
        let p = Project::new(format);
        std::fs::remove_file(p.path("migrator.sum")).unwrap();
        reports(&p.validate(), "m/migrator.sum: no migrator.sum");
        let o = p.generate_ok(V2, "none");
        assert_eq!(o.stdout.lines().next(), Some("no changes"), "{o:?}");
        assert!(o.stderr.contains("note: ") && o.stderr.contains("has no migrator.sum yet"));
        assert!(p.path("migrator.sum").exists());
        assert_eq!(p.validate().code, 0, "{format}");
    }
}

#[test]
fn a_hand_edited_sum_is_refused_at_its_line() {
    let p = Project::new("goose");
    let sum = p.sum();
    let edited = sum.replacen("  ", " ", 1);
    std::fs::write(p.path("migrator.sum"), edited).unwrap();
    reports(&p.validate(), "m/migrator.sum:2: expected");
    let o = p.generate(V3, "later");
    assert!(
        o.code == 1 && o.stderr.contains("migrator.sum:2:") && o.stderr.contains("--rehash"),
        "{o:?}"
    );
    let reordered: String = {
        let mut lines: Vec<&str> = sum.lines().collect();
        lines.swap(1, 2);
        lines.join("\n") + "\n"
    };
    std::fs::write(p.path("migrator.sum"), reordered).unwrap();
    reports(
        &p.validate(),
        "m/migrator.sum:1: the file list below does not match",
    );
}

#[test]
fn sum_rewrites_only_with_rehash_and_only_an_existing_directory() {
    let p = Project::new("dbmate");
    let o = p.run(&["sum"]);
    assert_eq!(o.code, 2, "{o:?}");
    assert!(o.stderr.contains("--rehash"), "{}", o.stderr);
    let nowhere = p.tmp.path().join("nowhere/m");
    let nowhere = nowhere.to_str().unwrap();
    let missing = migrator(&["sum", "--rehash", "--migrations", nowhere]);
    assert!(
        missing.code == 1 && missing.stderr.contains("no such migrations directory"),
        "{missing:?}"
    );
    let bad = migrator(&["validate", "--migrations", nowhere]);
    assert_eq!(bad.code, 1, "{bad:?}");
    assert!(
        !p.tmp.path().join("nowhere").exists(),
        "created a directory"
    );
}
