//! Writing migration files atomically, never overwriting.
//!
//! Files are first written into a temporary directory next to their destination. A new
//! migrations directory is then renamed into place as a whole; into an existing one each file
//! is hard-linked, which fails rather than replace a file of the same name. On any failure
//! whatever was placed is removed again, so either every file lands or none does.

use migrator_core::migrations::OutputFile;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Writes `files` into `dir`; returns their paths.
pub fn write_new(dir: &Path, files: &[OutputFile]) -> Result<Vec<PathBuf>, String> {
    let targets: Vec<PathBuf> = files.iter().map(|f| dir.join(&f.name)).collect();
    if let Some(existing) = targets.iter().find(|p| p.exists()) {
        return Err(format!(
            "{} already exists; migrator never overwrites migration files",
            existing.display()
        ));
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    let stem = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = parent.join(format!(".{stem}.migrator-tmp-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    let result = (|| -> io::Result<()> {
        fs::create_dir(&tmp)?;
        for f in files {
            fs::write(tmp.join(&f.name), &f.contents)?;
        }
        if !dir.exists() {
            if fs::rename(&tmp, dir).is_ok() {
                return Ok(());
            }
            fs::create_dir_all(dir)?;
        }
        let mut placed: Vec<PathBuf> = Vec::new();
        for f in files {
            let target = dir.join(&f.name);
            if let Err(e) = fs::hard_link(tmp.join(&f.name), &target) {
                for p in &placed {
                    let _ = fs::remove_file(p);
                }
                return Err(e);
            }
            placed.push(target);
        }
        Ok(())
    })();
    let _ = fs::remove_dir_all(&tmp);
    result.map_err(|e| format!("cannot write migrations into {}: {e}", dir.display()))?;
    Ok(targets)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str) -> OutputFile {
        OutputFile {
            name: name.into(),
            contents: "SELECT 1;\n".into(),
        }
    }

    #[test]
    fn creates_a_new_directory_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/migrations");
        write_new(&dir, &[file("1.up.sql"), file("1.down.sql")]).unwrap();
        assert!(dir.join("1.up.sql").exists());
        assert_eq!(
            fs::read_dir(tmp.path().join("a")).unwrap().count(),
            1,
            "no temp dir left"
        );
    }

    #[test]
    fn refuses_to_overwrite_and_writes_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_path_buf();
        fs::write(dir.join("1.down.sql"), "keep").unwrap();
        let err = write_new(&dir, &[file("1.up.sql"), file("1.down.sql")]).unwrap_err();
        assert!(err.contains("never overwrites"));
        assert!(!dir.join("1.up.sql").exists());
        assert_eq!(fs::read_to_string(dir.join("1.down.sql")).unwrap(), "keep");
    }
}
