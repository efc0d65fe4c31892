//! `migrator templates list|export`: the templates statements and files are rendered
//! from, with where each comes from, or written out ready to edit.

use super::renderer_for;
use crate::edge::Console;
use crate::request::Project;
use crate::{templates, Failure};
use std::io::Write;
use std::path::Path;

/// `templates list`: each dialect's chain of templates and the format's.
pub fn list(project: &Project, dialects: &[String], out: &mut dyn Write) -> Result<(), Failure> {
    for name in dialects {
        let (_, renderer) = renderer_for(project, name)?;
        let chain: Vec<String> = project
            .dialects
            .chain(name)?
            .iter()
            .map(|d| d.name().to_string())
            .collect();
        templates::list(&renderer, &chain, project.format.name(), out)?;
    }
    Ok(())
}

/// `templates export DIR`: every built-in template, never replacing a file.
pub fn export(project: &Project, dir: &Path, io: &mut Console) -> Result<(), Failure> {
    templates::export(&project.dialects, dir, io.out, io.err)
}
