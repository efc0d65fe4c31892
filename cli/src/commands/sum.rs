//! `migrator sum --rehash`: rewrites `migrator.sum` from the files as they are, under the
//! directory's lock and through the writer, like the files `generate` writes.

use crate::edge::Console;
use crate::request::Project;
use crate::writer::DirLock;
use crate::Failure;
use migrator_core::workflow::integrity;
use std::path::Path;

/// Replaces the sum file of `dir`.
pub fn rehash(project: &Project, dir: &Path, io: &mut Console) -> Result<(), Failure> {
    // Checked before locking, which would create the directory's parent.
    if !dir.is_dir() {
        return Err(format!("{}: no such migrations directory", dir.display()).into());
    }
    let lock = DirLock::acquire(dir, io.err)?;
    let sum = integrity::rehash(dir, project.format, io).map_err(Failure::workflow)?;
    lock.write_new(&[], Some(&sum))?;
    let _ = writeln!(io.out, "wrote {}", dir.join(&sum.name).display());
    Ok(())
}
