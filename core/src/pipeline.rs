//! The pure middle of `generate`: diff, plan and build, from two schemas to built steps.
//!
//! Everything here is deterministic and free of I/O; sources and the writer live at the
//! edges (the dialect crates and the CLI).

use crate::change::Change;
use crate::dialect::{BuildContext, BuildError, Registry, Statement};
use crate::diff::diff;
use crate::hazard::{hazards, is_destructive};
use crate::migrations::{slug, BuiltStep};
use crate::plan::{plan, PlanError};
use crate::render::Renderer;
use crate::schema::Schema;

/// What can go wrong between two schemas and the statements.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Plan(#[from] PlanError),
    #[error(transparent)]
    Build(#[from] BuildError),
}

/// Options of one generation.
pub struct Generate<'a> {
    pub dialect: &'a str,
    pub registry: &'a Registry,
    pub renderer: &'a Renderer,
    /// The description for the files; derived from the changes when `None`.
    pub name: Option<&'a str>,
}

/// Diffs, plans and builds: the steps that turn `current` into `desired`.
pub fn generate(
    opts: &Generate,
    current: &Schema,
    desired: &Schema,
) -> Result<Vec<BuiltStep>, PipelineError> {
    let changes = diff(current, desired);
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    let base_name = match opts.name {
        Some(n) => slug(n),
        None if current.is_empty() => "initial_schema".to_string(),
        None => describe(&changes),
    };
    let hints = rename_hints(&changes);
    let steps = plan(changes, &|c| opts.registry.rule_for(c))?;
    let ctx = BuildContext {
        renderer: opts.renderer,
    };
    let count = steps.len();
    let mut out = Vec::with_capacity(count);
    for (i, step) in steps.into_iter().enumerate() {
        // Each change's hazards, judged against the state it applies to, go above its SQL.
        let build_all =
            |changes: &[Change], state: &Schema| -> Result<Vec<Statement>, BuildError> {
                let mut stmts = Vec::new();
                for c in changes {
                    let mut built = opts.registry.build(opts.dialect, c, &ctx)?;
                    let notes: String = hazards(c, state)
                        .iter()
                        .map(|h| format!("-- hazard: {h}\n"))
                        .collect();
                    if let Some(first) = built.first_mut() {
                        first.sql = format!("{notes}{}", first.sql);
                    }
                    stmts.extend(built);
                }
                Ok(stmts)
            };
        let up = build_all(&step.changes, current)?;
        let down = build_all(&step.down_changes(), desired)?;
        let description = if count == 1 {
            base_name.clone()
        } else {
            slug(&format!("{base_name}_{}", i + 1))
        };
        let mut down_notes = Vec::new();
        let lost: Vec<String> = step.changes.iter().filter_map(data_loss_note).collect();
        if !lost.is_empty() {
            down_notes.push(
                "This down migration cannot restore data the up migration deleted:".to_string(),
            );
            down_notes.extend(lost.into_iter().map(|l| format!("  - {l}")));
        }
        out.push(BuiltStep {
            description,
            tx: step.tx,
            up,
            down,
            up_notes: if i == 0 { hints.clone() } else { Vec::new() },
            down_notes,
        });
    }
    Ok(out)
}

/// The destructive changes between two schemas (`create_orders`-style labels with their
/// hazards), for the gate that `--allow-destructive` opens.
pub fn destructive_changes(current: &Schema, desired: &Schema) -> Vec<String> {
    diff(current, desired)
        .iter()
        .filter(|c| is_destructive(c, current))
        .map(|c| {
            let hs: Vec<&str> = hazards(c, current).iter().map(|h| h.name()).collect();
            format!("{} ({})", c.label(), hs.join(", "))
        })
        .collect()
}

/// Suggestions for drops that look like renames: a table or column disappears and one with
/// the same type(s) appears. migrator never guesses a rename; the annotation makes it one.
fn rename_hints(changes: &[Change]) -> Vec<String> {
    let mut out = Vec::new();
    let types = |t: &crate::schema::Table| -> Vec<String> {
        t.columns.iter().map(|c| c.data_type.clone()).collect()
    };
    for c in changes {
        match c {
            Change::DropTable(old) => {
                // A table dropped and created under its own name is being recreated.
                let recreated = changes
                    .iter()
                    .any(|n| matches!(n, Change::CreateTable(t) if t.name == old.name));
                for n in changes.iter().filter(|_| !recreated) {
                    if let Change::CreateTable(new) = n {
                        if new.name.schema == old.name.schema && types(new) == types(old) {
                            out.push(format!(
                                "hint: table {} is dropped and {} created with the same column types; if it is a rename, put `-- migrator:renamed-from {}` on the line before `CREATE TABLE {}`",
                                old.name, new.name, old.name.name, new.name.name
                            ));
                        }
                    }
                }
            }
            Change::AlterEnum { from, to, .. } => {
                let removed: Vec<&String> = from
                    .values
                    .iter()
                    .filter(|v| !to.values.contains(v))
                    .collect();
                let added: Vec<&String> = to
                    .values
                    .iter()
                    .filter(|v| !from.values.contains(v))
                    .collect();
                if removed.len() == added.len() {
                    for (old, new) in removed.iter().zip(&added) {
                        out.push(format!(
                            "hint: value '{old}' of type {} is removed and '{new}' added; if it is a rename, put `-- migrator:renamed-from '{old}'` after '{new}' in the value list",
                            to.name
                        ));
                    }
                }
            }
            Change::DropColumn { table, column: old } => {
                // A column dropped and added under its own name is being recreated.
                let recreated = changes.iter().any(|n| {
                    matches!(n, Change::AddColumn { table: t, column } if t == table && column.name == old.name)
                });
                for n in changes.iter().filter(|_| !recreated) {
                    if let Change::AddColumn {
                        table: t,
                        column: new,
                    } = n
                    {
                        if t == table && new.data_type == old.data_type {
                            out.push(format!(
                                "hint: column {table}.{} is dropped and {} added with the same type; if it is a rename, put `-- migrator:renamed-from {}` at the end of its line",
                                old.name, new.name, old.name
                            ));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// A description derived from the changes, e.g. `create_orders_add_users_email`.
fn describe(changes: &[Change]) -> String {
    let mut labels: Vec<String> = Vec::new();
    for c in changes {
        let l = c.label();
        if !labels.contains(&l) {
            labels.push(l);
        }
    }
    let mut out = String::new();
    for l in labels {
        if out.len() + l.len() + 1 > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(&l);
    }
    if out.is_empty() {
        out = changes[0].label();
    }
    slug(&out)
}

/// What an up change deletes for good, said in the down file.
fn data_loss_note(c: &Change) -> Option<String> {
    match c {
        Change::DropTable(t) => Some(format!("the rows of table {}", t.name)),
        Change::DropColumn { table, column } => {
            Some(format!("the values of column {table}.{}", column.name))
        }
        Change::DropSequence(s) => Some(format!("the position of sequence {}", s.name)),
        Change::AlterColumn { table, from, to } if from.data_type != to.data_type => Some(format!(
            "values of {table}.{} that do not survive the cast from {} to {}",
            to.name, from.data_type, to.data_type
        )),
        _ => None,
    }
}
