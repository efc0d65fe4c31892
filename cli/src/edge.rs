//! The file system and the output streams, as the workflows see them through
//! [`Edge`]: schema files and migrations are read here, warnings go to stderr and
//! progress to stdout.

use crate::Failure;
use migrator_core::dialect::{SourceFile, Warning};
use migrator_core::workflow::Edge;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The command's output streams, and the real file system.
pub struct Console<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

impl Edge for Console<'_> {
    fn read_sql(&mut self, path: &Path) -> Result<Vec<SourceFile>, String> {
        read_sql(path).map_err(|f| f.message)
    }

    fn read_file(&mut self, path: &Path) -> std::io::Result<String> {
        std::fs::read_to_string(path)
    }

    fn file_names(&mut self, dir: &Path) -> std::io::Result<Option<Vec<String>>> {
        match std::fs::read_dir(dir) {
            Ok(rd) => Ok(Some(
                rd.filter_map(|e| e.ok())
                    .filter(|e| e.path().is_file())
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .collect(),
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn warn(&mut self, warning: &Warning) {
        let _ = writeln!(self.err, "warning: {warning}");
    }

    fn progress(&mut self, line: &str) {
        let _ = writeln!(self.out, "{line}");
    }
}

fn read_file(path: &Path) -> Result<SourceFile, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(SourceFile {
        path: path.to_path_buf(),
        text,
    })
}

/// The `.sql` files of `path`: the file itself, or a directory's, recursively in path order.
pub fn read_sql(path: &Path) -> Result<Vec<SourceFile>, Failure> {
    if !path.exists() {
        return Err(format!("the schema path {} does not exist", path.display()).into());
    }
    if path.is_file() {
        return Ok(vec![read_file(path)?]);
    }
    let mut found = Vec::new();
    let sql = |p: &Path| p.is_dir() || p.extension().is_some_and(|x| x == "sql");
    files_under(path, &sql, &mut found)?;
    found.sort();
    if found.is_empty() {
        return Err(format!("no .sql files under {}", path.display()).into());
    }
    found.iter().map(|p| read_file(p)).collect()
}

/// Collects the files under `dir`, recursively, among the entries `keep` accepts (a
/// directory it refuses is not entered).
pub(crate) fn files_under(
    dir: &Path,
    keep: &dyn Fn(&Path) -> bool,
    out: &mut Vec<PathBuf>,
) -> Result<(), Failure> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for e in entries {
        let p = e
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .path();
        if !keep(&p) {
            continue;
        }
        if p.is_dir() {
            files_under(&p, keep, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}
