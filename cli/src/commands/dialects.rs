//! `migrator dialects`: the known dialects, built-in and loaded plugins, as a table.

use crate::request::Project;
use crate::Failure;
use std::io::Write;

/// One line per dialect: name, base, version, origin and description.
pub fn run(project: &Project, out: &mut dyn Write) -> Result<(), Failure> {
    let _ = writeln!(
        out,
        "{:<12} {:<10} {:<9} {:<9} DESCRIPTION",
        "NAME", "BASE", "VERSION", "KIND"
    );
    for d in project.dialects.all() {
        let _ = writeln!(
            out,
            "{:<12} {:<10} {:<9} {:<9} {}",
            d.name(),
            d.base().unwrap_or("-"),
            d.version(),
            d.origin(),
            d.description()
        );
    }
    Ok(())
}
