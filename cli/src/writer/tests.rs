use super::*;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

fn file(name: &str) -> OutputFile {
    OutputFile {
        name: name.into(),
        contents: format!("-- {name}\n"),
    }
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

fn write(dir: &Path, files: &[OutputFile]) -> Result<Vec<PathBuf>, String> {
    DirLock::acquire(dir, &mut Vec::new())?.write_new(files, None)
}

/// A pending directory as a run killed after its commit leaves it.
fn killed_after_commit(parent: &Path, files: &[OutputFile]) -> PathBuf {
    let pending = parent.join(".m.migrator-pending-4000000");
    fs::create_dir(&pending).unwrap();
    let mut order = String::new();
    for f in files {
        fs::write(pending.join(&f.name), &f.contents).unwrap();
        order.push_str(&format!("{}\n", f.name));
    }
    fs::write(pending.join(ORDER), order).unwrap();
    pending
}

#[test]
fn creates_a_new_directory_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("a/migrations");
    write(&dir, &[file("1.up.sql"), file("1.down.sql")]).unwrap();
    assert_eq!(names_in(&dir), ["1.down.sql", "1.up.sql"]);
    assert_eq!(
        names_in(&tmp.path().join("a")),
        ["migrations"],
        "no staging directory or lock file left"
    );
}

#[test]
fn adds_to_an_existing_directory_and_leaves_nothing_beside_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("m");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("1.up.sql"), "keep").unwrap();
    let written = write(&dir, &[file("2.up.sql"), file("2.down.sql")]).unwrap();
    assert_eq!(written, [dir.join("2.up.sql"), dir.join("2.down.sql")]);
    assert_eq!(names_in(&dir), ["1.up.sql", "2.down.sql", "2.up.sql"]);
    assert_eq!(
        fs::read_to_string(dir.join("2.up.sql")).unwrap(),
        "-- 2.up.sql\n"
    );
    assert_eq!(names_in(tmp.path()), ["m"]);
}

#[test]
fn refuses_to_overwrite_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("m");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("1.down.sql"), "keep").unwrap();
    let err = write(&dir, &[file("1.up.sql"), file("1.down.sql")]).unwrap_err();
    assert!(err.contains("never overwrites"), "{err}");
    assert_eq!(names_in(&dir), ["1.down.sql"]);
    assert_eq!(fs::read_to_string(dir.join("1.down.sql")).unwrap(), "keep");
    assert_eq!(names_in(tmp.path()), ["m"]);
}

#[test]
fn a_failed_link_undoes_the_files_already_linked() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("m");
    fs::create_dir(&dir).unwrap();
    let files = [file("2.up.sql"), file("2.down.sql")];
    let pending = killed_after_commit(tmp.path(), &files);
    // Another writer's file with the same name appeared after the existence check.
    fs::write(dir.join("2.down.sql"), "theirs").unwrap();
    let err = place(&pending, &dir, tmp.path(), &files, &[], true).unwrap_err();
    assert!(err.to_string().contains("2.down.sql"), "{err}");
    assert_eq!(names_in(&dir), ["2.down.sql"], "2.up.sql was removed again");
    assert!(!pending.exists());
}

#[test]
fn the_next_run_completes_a_set_killed_between_links() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("m");
    fs::create_dir(&dir).unwrap();
    let files = [file("2.up.sql"), file("2.down.sql")];
    let pending = killed_after_commit(tmp.path(), &files);
    fs::hard_link(pending.join("2.up.sql"), dir.join("2.up.sql")).unwrap();
    let mut err = Vec::new();
    let lock = DirLock::acquire(&dir, &mut err).unwrap();
    let err = String::from_utf8(err).unwrap();
    assert!(
        err.contains("half-placed") && err.contains("2.up.sql, 2.down.sql"),
        "{err}"
    );
    assert_eq!(names_in(&dir), ["2.down.sql", "2.up.sql"]);
    assert_eq!(
        fs::read_to_string(dir.join("2.down.sql")).unwrap(),
        "-- 2.down.sql\n"
    );
    drop(lock);
    assert_eq!(names_in(tmp.path()), ["m"]);
}

#[test]
fn a_replacement_removes_the_old_files_after_linking_and_a_killed_one_is_completed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("m");
    fs::create_dir(&dir).unwrap();
    for f in [file("1.up.sql"), file("2.up.sql"), file("3.up.sql")] {
        fs::write(dir.join(&f.name), &f.contents).unwrap();
    }
    let lock = DirLock::acquire(&dir, &mut Vec::new()).unwrap();
    let old = ["1.up.sql".to_string()];
    lock.replace(&[file("1b.up.sql")], &old, None).unwrap();
    drop(lock);
    assert_eq!(names_in(&dir), ["1b.up.sql", "2.up.sql", "3.up.sql"]);
    // Killed after linking the new file, before removing the old ones.
    let pending = killed_after_commit(tmp.path(), &[file("3b.up.sql")]);
    fs::write(pending.join(REMOVE), "2.up.sql\n3.up.sql\n").unwrap();
    fs::hard_link(pending.join("3b.up.sql"), dir.join("3b.up.sql")).unwrap();
    fs::remove_file(dir.join("2.up.sql")).unwrap();
    drop(DirLock::acquire(&dir, &mut Vec::new()).unwrap());
    assert_eq!(names_in(&dir), ["1b.up.sql", "3b.up.sql"]);
    assert_eq!(names_in(tmp.path()), ["m"]);
}

#[test]
fn a_file_in_the_way_of_completion_stops_the_run_and_keeps_the_set() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("m");
    fs::create_dir(&dir).unwrap();
    let pending = killed_after_commit(tmp.path(), &[file("2.up.sql"), file("2.down.sql")]);
    fs::write(dir.join("2.down.sql"), "someone else's").unwrap();
    let err = DirLock::acquire(&dir, &mut Vec::new()).unwrap_err();
    assert!(
        err.contains("cannot complete") && err.contains("2.down.sql"),
        "{err}"
    );
    assert!(pending.join("2.down.sql").exists(), "the set is kept");
    assert_eq!(
        fs::read_to_string(dir.join("2.down.sql")).unwrap(),
        "someone else's"
    );
}

#[test]
fn the_next_run_removes_staging_directories_of_killed_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("m");
    let staging = tmp.path().join(".m.migrator-tmp-4000000");
    fs::create_dir(&staging).unwrap();
    fs::write(staging.join("1.up.sql"), "half").unwrap();
    // Another directory's leftovers are not this run's business.
    let other = tmp.path().join(".mm.migrator-tmp-4000000");
    fs::create_dir(&other).unwrap();
    let mut err = Vec::new();
    let lock = DirLock::acquire(&dir, &mut err).unwrap();
    assert!(String::from_utf8(err).unwrap().contains("note: removed"));
    assert!(!staging.exists() && other.exists());
    lock.write_new(&[file("1.up.sql")], None).unwrap();
    assert_eq!(names_in(&dir), ["1.up.sql"]);
    assert_eq!(
        fs::read_to_string(dir.join("1.up.sql")).unwrap(),
        "-- 1.up.sql\n"
    );
}

#[test]
fn a_second_run_waits_for_the_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("m");
    let first = DirLock::acquire(&dir, &mut Vec::new()).unwrap();
    let done = Arc::new(AtomicBool::new(false));
    let second = {
        let (dir, done) = (dir.clone(), done.clone());
        std::thread::spawn(move || {
            let mut err = Vec::new();
            let lock = DirLock::acquire(&dir, &mut err).unwrap();
            done.store(true, Ordering::SeqCst);
            lock.write_new(&[file("2.up.sql")], None).unwrap();
            String::from_utf8(err).unwrap()
        })
    };
    std::thread::sleep(Duration::from_millis(300));
    assert!(!done.load(Ordering::SeqCst), "the second run did not wait");
    first.write_new(&[file("1.up.sql")], None).unwrap();
    drop(first);
    let said = second.join().unwrap();
    assert!(said.contains("waiting for another migrator run"), "{said}");
    assert_eq!(names_in(&dir), ["1.up.sql", "2.up.sql"]);
    assert_eq!(names_in(tmp.path()), ["m"], "the lock file is removed");
}

#[test]
fn the_current_directory_is_locked_by_its_real_name() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("m");
    fs::create_dir_all(dir.join("x")).unwrap();
    // Like `.`, `m/x/..` ends in no name of its own.
    let lock = DirLock::acquire(&dir.join("x/.."), &mut Vec::new()).unwrap();
    assert_eq!(names_in(tmp.path()), [".m.migrator.lock", "m"]);
    lock.write_new(&[file("1.up.sql")], None).unwrap();
    assert_eq!(names_in(&dir), ["1.up.sql", "x"]);
}

fn sum_file(text: &str) -> OutputFile {
    OutputFile {
        name: SUM_FILE.into(),
        contents: text.into(),
    }
}

#[test]
fn replaces_the_sum_file_with_the_new_files_and_only_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("m");
    DirLock::acquire(&dir, &mut Vec::new())
        .unwrap()
        .write_new(&[file("1.up.sql")], Some(&sum_file("one\n")))
        .unwrap();
    assert_eq!(names_in(&dir), ["1.up.sql", SUM_FILE]);
    let lock = DirLock::acquire(&dir, &mut Vec::new()).unwrap();
    lock.write_new(&[file("2.up.sql")], Some(&sum_file("two\n")))
        .unwrap();
    assert_eq!(fs::read_to_string(dir.join(SUM_FILE)).unwrap(), "two\n");
    assert_eq!(names_in(&dir), ["1.up.sql", "2.up.sql", SUM_FILE]);
    assert!(lock
        .write_new(&[], Some(&file("3.up.sql")))
        .unwrap_err()
        .contains("not the sum file"));
    drop(lock);
    assert_eq!(names_in(tmp.path()), ["m"]);
}

#[test]
fn recovery_places_the_sum_a_killed_run_committed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("m");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join(SUM_FILE), "old\n").unwrap();
    let pending = killed_after_commit(tmp.path(), &[file("1.up.sql")]);
    fs::write(pending.join(SUM_FILE), "new\n").unwrap();
    let mut err = Vec::new();
    drop(DirLock::acquire(&dir, &mut err).unwrap());
    assert_eq!(fs::read_to_string(dir.join(SUM_FILE)).unwrap(), "new\n");
    assert_eq!(names_in(&dir), ["1.up.sql", SUM_FILE]);
    assert_eq!(names_in(tmp.path()), ["m"]);
}
