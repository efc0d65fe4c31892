//! `migrator inspect`: a schema, from a live database or SQL files, printed as JSON (a
//! snapshot `generate --current` reads back) or as the SQL that creates it.

use super::renderer_for;
use crate::args::InspectFormat;
use crate::edge::{read_sql, Console};
use crate::request::{InspectRequest, Project};
use crate::Failure;
use migrator_core::dialect::BuildOptions;
use migrator_core::filter::Exclusion;
use migrator_core::pipeline::{self, Generate};
use migrator_core::schema::Schema;
use migrator_core::workflow::{report, scope};
use std::io::Write;

/// Reads the schema and prints it.
pub fn run(project: &Project, r: &InspectRequest, io: &mut Console) -> Result<(), Failure> {
    let dialect = project.dialects.get(&r.dialect)?;
    let loaded = match (&r.dsn, &r.schema) {
        (Some(dsn), _) => dialect.introspect(dsn),
        (None, Some(path)) => dialect.load_sql(&read_sql(path)?, &r.filter),
        (None, None) => return Err("inspect needs --dsn or --schema".into()),
    };
    let schema = report(loaded?, io);
    let filtered = r.filter.apply(scope(schema, project.with_privileges));
    if r.explain_filters {
        explain(&filtered.excluded, io.err);
    }
    let schema = filtered.schema;
    match r.format {
        InspectFormat::Json => print_json(&schema, io.out)?,
        InspectFormat::Sql => {
            let (registry, renderer) = renderer_for(project, &r.dialect)?;
            let steps = pipeline::generate(
                &Generate {
                    dialect: &r.dialect,
                    registry: &registry,
                    renderer: &renderer,
                    name: None,
                    options: &BuildOptions {
                        idempotent: false,
                        ..BuildOptions::default()
                    },
                },
                &Schema::default(),
                &schema,
            )?;
            for step in steps {
                for s in step.up {
                    let _ = writeln!(io.out, "{}\n", s.sql);
                }
            }
        }
    }
    Ok(())
}

/// The schema as pretty JSON and a newline, written as it is serialised through a buffer
/// rather than built as one string first (48 MB at 10,000 tables, the largest allocation
/// of a run). Like the other output, a failed write (a closed pipe) is not an error.
fn print_json(schema: &Schema, out: &mut dyn Write) -> Result<(), Failure> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    match serde_json::to_writer_pretty(&mut out, schema) {
        Err(e) if !e.is_io() => return Err(e.into()),
        Err(_) => return Ok(()),
        Ok(()) => {}
    }
    let _ = out.write_all(b"\n");
    let _ = out.flush();
    Ok(())
}

/// `--explain-filters`: one line per object left out, with why, then a count.
fn explain(excluded: &[Exclusion], err: &mut dyn Write) {
    for e in excluded {
        let _ = writeln!(err, "excluded {}: {}", e.object, e.reason);
    }
    let _ = match excluded.len() {
        0 => writeln!(err, "filters: nothing excluded"),
        n => writeln!(err, "filters: {n} object(s) excluded"),
    };
}
