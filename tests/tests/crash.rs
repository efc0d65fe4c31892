//! Crash safety of `generate` (issue 13 §6): the real `migrator` binary is SIGKILLed at every
//! step of writing, and the migrations directory must then hold either nothing of that run
//! or its complete set, or (killed between two links) a prefix of the set that the next run
//! completes; two runs at once must take distinct versions. `migrator.sum` is either the
//! old one or the one of the complete set, never anything else, and `validate` accepts the
//! directory after every completed run.
//!
//! The binary stops at step K with `MIGRATOR_TEST_PAUSE_AT=K` (the writer's test-only hook)
//! and says so on stderr; the test then kills it with SIGKILL (`Child::kill`). No database is
//! needed: every run here is offline.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use migrator_tests::binary::migrator_bin;

const BEFORE: &str = "CREATE TABLE a (id bigint PRIMARY KEY, v int);\n";
/// Two versions with `--online`: the column, then the index built concurrently on its own.
const AFTER: &str =
    "CREATE TABLE a (id bigint PRIMARY KEY, v int, w int);\nCREATE INDEX a_v ON a (v);\n";
const LATER: &str = "CREATE TABLE a (id bigint PRIMARY KEY, v int, w int);\n\
                     CREATE INDEX a_v ON a (v);\nCREATE TABLE c (id bigint PRIMARY KEY);\n";

/// A project: a schema directory and a migrations directory `m` in a temporary directory.
struct Project {
    tmp: tempfile::TempDir,
}

impl Project {
    /// With the initial migration of [`BEFORE`] written, and [`AFTER`] as the schema.
    fn new() -> Project {
        let p = Project {
            tmp: tempfile::tempdir().unwrap(),
        };
        p.schema(BEFORE);
        let o = p.run(&["--name", "init"]);
        assert!(o.status.success(), "{o:?}");
        p.schema(AFTER);
        p
    }

    fn schema(&self, sql: &str) {
        std::fs::create_dir_all(self.tmp.path().join("s")).unwrap();
        std::fs::write(self.tmp.path().join("s/schema.sql"), sql).unwrap();
    }

    fn dir(&self) -> PathBuf {
        self.tmp.path().join("m")
    }

    fn command(&self, extra: &[&str]) -> Command {
        let mut cmd = Command::new(migrator_bin());
        cmd.current_dir(self.tmp.path())
            .args(["generate", "--schema", "s", "--migrations", "m", "--online"])
            .args(extra)
            .env_remove("MIGRATOR_TEST_PAUSE_AT");
        cmd
    }

    fn run(&self, extra: &[&str]) -> std::process::Output {
        self.command(extra).output().unwrap()
    }

    /// Starts `generate` stopping at step `k`.
    fn start(&self, extra: &[&str], k: Option<usize>) -> Running {
        let mut cmd = self.command(extra);
        if let Some(k) = k {
            cmd.env("MIGRATOR_TEST_PAUSE_AT", k.to_string());
        }
        Running::spawn(cmd)
    }

    /// Every migration file of the directory with its contents (not the sum).
    fn files(&self) -> BTreeMap<String, String> {
        files_of(&self.dir())
    }

    /// The text of `migrator.sum`.
    fn sum(&self) -> String {
        std::fs::read_to_string(self.dir().join(SUM)).unwrap()
    }

    /// Asserts that `migrator validate` accepts the directory.
    fn validates(&self) {
        let o = Command::new(migrator_bin())
            .current_dir(self.tmp.path())
            .args(["validate", "--migrations", "m"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{o:?}");
    }

    /// What lies beside the migrations directory (the hidden scratch of killed runs).
    fn beside(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n != "m" && n != "s")
            .collect();
        names.sort();
        names
    }
}

const SUM: &str = "migrator.sum";

fn files_of(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let text = std::fs::read_to_string(e.path()).unwrap();
            (e.file_name().to_string_lossy().to_string(), text)
        })
        .filter(|(n, _)| n != SUM)
        .collect()
}

/// A running `migrator`, its stderr read line by line.
struct Running {
    child: Child,
    lines: Receiver<String>,
}

impl Running {
    fn spawn(mut cmd: Command) -> Running {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                if tx.send(line.unwrap_or_default()).is_err() {
                    break;
                }
            }
        });
        Running { child, lines }
    }

    /// The first stderr line containing `needle`, or `None` when stderr closes (the process
    /// ended) first.
    fn line_with(&self, needle: &str) -> Option<String> {
        loop {
            match self.lines.recv_timeout(Duration::from_secs(120)) {
                Ok(line) if line.contains(needle) => return Some(line),
                Ok(_) => {}
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return None,
                Err(e) => panic!("no `{needle}` from migrator within 120 s: {e}"),
            }
        }
    }

    /// SIGKILL.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    fn finish(mut self) -> std::process::ExitStatus {
        self.child.wait().unwrap()
    }
}

/// The files the upgrade writes, in the order they are written, with their contents; and
/// the sum before and after it.
fn reference_set() -> (Vec<(String, String)>, [String; 2]) {
    let p = Project::new();
    let old_sum = p.sum();
    let before = p.files();
    let o = p.run(&["--name", "up"]);
    assert!(o.status.success(), "{o:?}");
    let after = p.files();
    let order: Vec<String> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| l.strip_prefix("wrote m/").map(str::to_string))
        .collect();
    assert_eq!(order.len(), 4, "two versions, up and down: {order:?}");
    assert_eq!(order.len(), after.len() - before.len());
    let set = order
        .into_iter()
        .map(|n| {
            let text = after[&n].clone();
            (n, text)
        })
        .collect();
    assert_ne!(p.sum(), old_sum);
    (set, [old_sum, p.sum()])
}

/// The sum is the old one, or the new one once the whole set is visible.
fn sum_is_all_or_nothing(p: &Project, sums: &[String; 2], shown: usize, whole: usize, at: &str) {
    let now = p.sum();
    assert!(
        now == sums[0] || now == sums[1],
        "{at}: a third sum:\n{now}"
    );
    if now == sums[1] {
        assert_eq!(shown, whole, "{at}: the new sum before the whole set");
    }
}

/// What is visible of the run: how many files of `set`, in order, with the right contents;
/// nothing else may have appeared.
fn visible_prefix(
    p: &Project,
    before: &BTreeMap<String, String>,
    set: &[(String, String)],
) -> usize {
    let now = p.files();
    let new: BTreeMap<&String, &String> = now
        .iter()
        .filter(|(n, _)| !before.contains_key(*n))
        .collect();
    let shown = set.iter().take_while(|(n, _)| new.contains_key(n)).count();
    assert_eq!(
        new.len(),
        shown,
        "the visible files are not a prefix of the set in write order: {:?}",
        new.keys()
    );
    for (n, text) in &set[..shown] {
        assert_eq!(new[n], text, "{n} has other contents");
    }
    for (n, text) in before {
        assert_eq!(&now[n], text, "an existing file changed: {n}");
    }
    shown
}

#[test]
fn a_generate_killed_at_any_step_leaves_all_or_nothing_after_the_next_run() {
    let (set, sums) = reference_set();
    let mut seen = BTreeMap::new();
    for k in 1.. {
        assert!(k < 100, "the writer never finished without pausing");
        let p = Project::new();
        let before = p.files();
        let run = p.start(&["--name", "up"], Some(k));
        let Some(pause) = run.line_with("migrator: paused at step") else {
            // Past the last step: the run finished on its own, with the whole set.
            assert!(run.finish().success());
            assert_eq!(visible_prefix(&p, &before, &set), set.len());
            assert_eq!(p.sum(), sums[1]);
            assert!(p.beside().is_empty(), "{:?}", p.beside());
            break;
        };
        run.kill();
        let shown = visible_prefix(&p, &before, &set);
        sum_is_all_or_nothing(&p, &sums, shown, set.len(), &pause);
        let partial = shown > 0 && shown < set.len();
        *seen.entry(shown).or_insert(0) += 1;
        if partial {
            // Between two links: never a down file without its up file (golang-migrate
            // would record such a version as applied without running anything).
            for (n, _) in &set[..shown] {
                if let Some(version) = n.strip_suffix(".down.sql") {
                    let up = format!("{version}.up.sql");
                    assert!(p.files().contains_key(&up), "{pause}: {n} without {up}");
                }
            }
            assert!(
                p.beside()
                    .iter()
                    .any(|n| n.starts_with(".m.migrator-pending-")),
                "{pause}: a partial set without its pending directory: {:?}",
                p.beside()
            );
            // A recovery killed in turn is completed by the run after it.
            let again = p.start(&["--name", "up"], Some(1));
            assert!(again.line_with("migrator: paused at step 1").is_some());
            again.kill();
        }
        let next = p.run(&["--name", "up"]);
        assert!(next.status.success(), "{pause}: {next:?}");
        assert_eq!(
            visible_prefix(&p, &before, &set),
            set.len(),
            "{pause}: the next run did not leave the whole set"
        );
        assert_eq!(p.sum(), sums[1], "{pause}: the next run left another sum");
        p.validates();
        assert!(p.beside().is_empty(), "{pause}: left {:?}", p.beside());
        p.schema(LATER);
        let later = p.run(&["--name", "later"]);
        assert!(later.status.success(), "{later:?}");
        let stdout = String::from_utf8_lossy(&later.stdout);
        assert!(
            stdout.contains("wrote m/000004_later.up.sql"),
            "{pause}: the following generate numbered wrongly: {stdout}"
        );
    }
    assert!(
        seen.contains_key(&0) && seen.contains_key(&set.len()) && seen.len() > 2,
        "kills must have hit before, during and after the links: {seen:?}"
    );
}

#[test]
fn a_second_generate_waits_for_the_first_and_numbers_above_it() {
    let (set, _) = reference_set();
    // The first run is stopped holding the lock, after its first link.
    let p = Project::new();
    let before = p.files();
    let mut first = None;
    for k in 1..100 {
        let run = p.start(&["--name", "up"], Some(k));
        let line = run.line_with("migrator: paused at step").expect("paused");
        if line.contains("linked a file") {
            first = Some(run);
            break;
        }
        run.kill();
        // Undo what the killed attempt left, to stop the next one a step later.
        for (n, _) in &set {
            let _ = std::fs::remove_file(p.dir().join(n));
        }
        for n in p.beside() {
            let path = p.tmp.path().join(n);
            if path.is_dir() {
                std::fs::remove_dir_all(path).unwrap();
            } else {
                std::fs::remove_file(path).unwrap();
            }
        }
    }
    let first = first.expect("a step that links a file");
    p.schema(LATER);
    let second = p.start(&["--name", "later"], None);
    assert!(second
        .line_with("waiting for another migrator run")
        .is_some());
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        visible_prefix(&p, &before, &set),
        1,
        "the second run went ahead"
    );
    first.kill();
    assert!(second.line_with("completed them").is_some());
    assert!(second.finish().success());
    let files = p.files();
    for (n, text) in &set {
        assert_eq!(files.get(n), Some(text), "{n}");
    }
    assert!(files.contains_key("000004_later.up.sql"), "{files:?}");
    assert!(files.contains_key("000004_later.down.sql"), "{files:?}");
    assert!(p.beside().is_empty(), "{:?}", p.beside());
    p.validates();
}

#[test]
fn two_generates_at_once_take_distinct_versions() {
    for _ in 0..5 {
        let p = Project::new();
        // Both start from the same directory; whichever runs second sees the first's
        // version and builds on it (dropping the other's table, hence the flag).
        let root = p.tmp.path();
        for (name, table) in [("add_b", "b"), ("add_c", "c")] {
            std::fs::create_dir_all(root.join(name)).unwrap();
            std::fs::write(
                root.join(name).join("schema.sql"),
                format!("{AFTER}CREATE TABLE {table} (id bigint PRIMARY KEY);\n"),
            )
            .unwrap();
        }
        let start = |name: &str| {
            let mut cmd = Command::new(migrator_bin());
            cmd.current_dir(root).args([
                "generate",
                "--schema",
                name,
                "--migrations",
                "m",
                "--name",
                name,
                "--allow-destructive",
            ]);
            Running::spawn(cmd)
        };
        let (b, c) = (start("add_b"), start("add_c"));
        assert!(b.finish().success() && c.finish().success());
        let mut versions: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for n in p.files().keys() {
            let (version, rest) = n.split_once('_').unwrap();
            versions
                .entry(version.to_string())
                .or_default()
                .push(rest.to_string());
        }
        let described = |name: &str| {
            versions
                .values()
                .filter(|files| files.iter().any(|f| f.starts_with(name)))
                .count()
        };
        assert_eq!(described("add_b"), 1, "{versions:?}");
        assert_eq!(described("add_c"), 1, "{versions:?}");
        for (v, files) in &versions {
            let desc = files[0].trim_end_matches(".down.sql");
            let pair = vec![format!("{desc}.down.sql"), format!("{desc}.up.sql")];
            assert_eq!(files, &pair, "version {v}");
        }
        assert_eq!(versions.len(), 3, "{versions:?}");
        p.validates();
    }
}

/// `squash --to 3` on `p`, stopping at step `k`.
fn start_squash(p: &Project, k: Option<usize>) -> Running {
    let mut cmd = Command::new(migrator_bin());
    cmd.current_dir(p.tmp.path())
        .args(["squash", "--to", "3", "--not-applied-anywhere"])
        .args(["--migrations", "m"])
        .env_remove("MIGRATOR_TEST_PAUSE_AT");
    if let Some(k) = k {
        cmd.env("MIGRATOR_TEST_PAUSE_AT", k.to_string());
    }
    Running::spawn(cmd)
}

/// A project with versions 1 to 3 (the initial one, then [`AFTER`]'s two).
fn three_versions() -> Project {
    let p = Project::new();
    let o = p.run(&["--name", "up"]);
    assert!(o.status.success(), "{o:?}");
    p
}

#[test]
fn a_squash_killed_at_any_step_leaves_the_old_versions_or_the_squash_after_the_next_run() {
    let reference = three_versions();
    let (old_files, old_sum) = (reference.files(), reference.sum());
    assert!(start_squash(&reference, None).finish().success());
    let (new_files, new_sum) = (reference.files(), reference.sum());
    assert_eq!(new_files.len(), 2, "{new_files:?}");
    let mut seen = BTreeMap::new();
    for k in 1.. {
        assert!(k < 100, "the writer never finished without pausing");
        let p = three_versions();
        let run = start_squash(&p, Some(k));
        let Some(pause) = run.line_with("migrator: paused at step") else {
            assert!(run.finish().success());
            assert_eq!((p.files(), p.sum()), (new_files.clone(), new_sum.clone()));
            break;
        };
        run.kill();
        // The sum is the old one or the new one; the new one only over the new files.
        let sum = p.sum();
        assert!(sum == old_sum || sum == new_sum, "{pause}: another sum");
        if sum == new_sum {
            assert_eq!(
                p.files(),
                new_files,
                "{pause}: the new sum before the files"
            );
        }
        // The next run (a generate with nothing to do) completes or discards the squash.
        let next = p.run(&[]);
        assert!(next.status.success(), "{pause}: {next:?}");
        let after = (p.files(), p.sum());
        let done = after == (new_files.clone(), new_sum.clone());
        assert!(
            done || after == (old_files.clone(), old_sum.clone()),
            "{pause}: neither the old versions nor the squash: {:?}",
            after.0.keys()
        );
        *seen.entry(done).or_insert(0) += 1;
        p.validates();
        assert!(p.beside().is_empty(), "{pause}: left {:?}", p.beside());
    }
    assert_eq!(
        seen.len(),
        2,
        "kills must hit before and after the commit: {seen:?}"
    );
}
