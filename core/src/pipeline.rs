//! The pure middle of `generate`: diff, plan and build, from two schemas to built steps.
//!
//! Everything here is deterministic and free of I/O; sources and the writer live at the
//! edges (the dialect crates and the CLI).

use crate::change::Change;
use crate::dialect::{BuildContext, BuildError, BuildOptions, Registry, Statement};
use crate::diff::diff;
use crate::hazard::{hazards, is_destructive};
use crate::kinds::{
    AddColumn, AlterColumn, AlterEnum, CreateTable, DropColumn, DropSequence, DropTable, Generation,
};
use crate::migrations::{slug, BuiltStep};
use crate::plan::{plan, PlanError, TxRule};
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
    pub options: &'a BuildOptions,
}

/// Diffs, plans and builds: the steps that turn `current` into `desired`.
pub fn generate(
    opts: &Generate,
    current: &Schema,
    desired: &Schema,
) -> Result<Vec<BuiltStep>, PipelineError> {
    generate_from(opts, current, desired, diff(current, desired))
}

/// Plans and builds `changes`, the diff of `current` and `desired` (a caller that has
/// already diffed them, for the destructive-change gate, does not diff twice).
pub fn generate_from(
    opts: &Generate,
    current: &Schema,
    desired: &Schema,
    changes: Vec<Change>,
) -> Result<Vec<BuiltStep>, PipelineError> {
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    let base_name = match opts.name {
        Some(n) => slug(n),
        None if current.is_empty() => "initial_schema".to_string(),
        None => describe(&changes),
    };
    let hints = rename_hints(&changes);
    let context = |down| BuildContext::new(opts.renderer, opts.options, (current, desired), down);
    let (up_ctx, down_ctx) = (context(false), context(true));
    let steps = plan(changes, &|c| opts.registry.rule_for(c, &up_ctx.rules))?;
    // Each change's hazards, judged against the state it applies to, go above its SQL.
    let build_one = |c: &Change,
                     state: &Schema,
                     ctx: &BuildContext,
                     stmts: &mut Vec<Statement>|
     -> Result<(), BuildError> {
        let mut built = opts.registry.build(opts.dialect, c, ctx)?;
        let notes: String = hazards(c, state)
            .iter()
            .map(|h| format!("-- hazard: {h}\n"))
            .collect();
        if let Some(first) = built.first_mut() {
            if !notes.is_empty() {
                first.sql.insert_str(0, &notes);
            }
        }
        stmts.extend(built);
        Ok(())
    };
    // Every change of every step, the up file's in order, then the down file's in reverse
    // order, is built on its own (on the machine's cores), and the statements are taken
    // back in that order: the first error in it is the one a build one by one would meet.
    let jobs: Vec<(&Change, bool)> = steps
        .iter()
        .flat_map(|step| {
            let up = step.changes.iter().map(|c| (c, false));
            up.chain(step.changes.iter().rev().map(|c| (c, true)))
        })
        .collect();
    let mut results = crate::parallel::map_ordered(&jobs, |&(c, down)| {
        let mut stmts = Vec::new();
        if down {
            // Inverted one at a time: an inverted table create carries a copy of the
            // whole table, dropped once it is built.
            build_one(&c.invert(), desired, &down_ctx, &mut stmts)?;
        } else {
            build_one(c, current, &up_ctx, &mut stmts)?;
        }
        // The error boxed: a result is kept per job until its step is assembled, and an
        // unboxed `BuildError` made each ~100 bytes (issue 14).
        Ok::<_, Box<BuildError>>(stmts)
    })
    .into_iter();
    drop(jobs);
    let mut built = Vec::with_capacity(steps.len() + 1);
    // `--online`: statements a builder defers (validations) run in one last step, once
    // every constraint they validate exists and every other lock has been released.
    let mut deferred = Vec::new();
    for step in &steps {
        let mut all_up = Vec::new();
        for stmts in results.by_ref().take(step.changes.len()) {
            all_up.extend(stmts.map_err(|e| *e)?);
        }
        let (mut up, later): (Vec<_>, Vec<_>) = all_up.into_iter().partition(|s| s.deferred == 0);
        deferred.extend(later);
        // The changes that undo the step, in reverse order.
        let mut all_down = Vec::new();
        for stmts in results.by_ref().take(step.changes.len()) {
            all_down.extend(stmts.map_err(|e| *e)?);
        }
        // A down file outside a transaction holds one statement too: what its builder
        // defers runs in the down of a step of its own, just before this one.
        let (mut down, down_later): (Vec<_>, Vec<_>) = all_down
            .into_iter()
            .partition(|s| s.deferred == 0 || step.tx == TxRule::InTransaction);
        for s in up.iter_mut().chain(down.iter_mut()) {
            s.deferred = 0;
        }
        if !down_later.is_empty() {
            built.push(Built::down_follow_up(down_later));
        }
        let mut down_notes = Vec::new();
        let lost: Vec<String> = (step.changes.iter())
            .filter_map(|c| data_loss_note(c, current))
            .collect();
        if !lost.is_empty() {
            down_notes.push(
                "This down migration cannot restore data the up migration deleted:".to_string(),
            );
            down_notes.extend(lost.into_iter().map(|l| format!("  - {l}")));
        }
        built.push(Built {
            tx: step.tx,
            up,
            down,
            up_notes: Vec::new(),
            down_notes,
            validate: false,
        });
    }
    if !deferred.is_empty() {
        deferred.sort_by_key(|s| s.deferred);
        for s in &mut deferred {
            s.deferred = 0;
        }
        built.push(Built {
            tx: TxRule::InTransaction,
            up: deferred,
            down: Vec::new(),
            up_notes: Vec::new(),
            down_notes: vec![
                "Validating constraints changes no definition: nothing to undo here.".to_string(),
            ],
            validate: true,
        });
    }
    if opts.options.online {
        add_timeouts(opts, &mut built)?;
    }
    let count = built.len();
    let mut out = Vec::with_capacity(count);
    for (i, mut b) in built.into_iter().enumerate() {
        let description = if count == 1 {
            base_name.clone()
        } else if b.validate {
            slug(&format!("{base_name}_{}_validate", i + 1))
        } else {
            slug(&format!("{base_name}_{}", i + 1))
        };
        if i == 0 {
            b.up_notes.splice(0..0, hints.iter().cloned());
        }
        out.push(BuiltStep {
            description,
            tx: b.tx,
            up: b.up,
            down: b.down,
            up_notes: b.up_notes,
            down_notes: b.down_notes,
        });
    }
    Ok(out)
}

/// One step as built, before it is named.
struct Built {
    tx: TxRule,
    up: Vec<Statement>,
    down: Vec<Statement>,
    up_notes: Vec<String>,
    down_notes: Vec<String>,
    /// The last step of `--online`, validating what the others added `NOT VALID`.
    validate: bool,
}

impl Built {
    /// The step before one that runs outside a transaction whose down builds more than its
    /// one statement (an index built `CONCURRENTLY` with its comment): its down runs
    /// those, right after the next step's down; its up does nothing.
    fn down_follow_up(down: Vec<Statement>) -> Built {
        let mut down = down;
        for s in &mut down {
            s.deferred = 0;
        }
        Built {
            tx: TxRule::InTransaction,
            up: Vec::new(),
            down,
            up_notes: vec![
                "Nothing to do here: the down file completes the next version's down, which runs outside a transaction."
                    .to_string(),
            ],
            down_notes: Vec::new(),
            validate: false,
        }
    }
}

/// `--online`: timeouts open every transactional file; `SET LOCAL` ends with the
/// transaction, so nothing leaks into the migration tool's session. A file that runs
/// outside a transaction holds one statement only (a multi-statement Exec is an implicit
/// transaction block, which `CONCURRENTLY` refuses), so it cannot carry them.
fn add_timeouts(opts: &Generate, built: &mut [Built]) -> Result<(), PipelineError> {
    let timeouts = opts
        .renderer
        .render_statement(
            "timeouts",
            &serde_json::json!({
                "lock_timeout": crate::render::quote_literal(&opts.options.lock_timeout),
                "statement_timeout": crate::render::quote_literal(&opts.options.statement_timeout),
            }),
        )
        .map_err(|e| BuildError::Template {
            change: "timeouts".to_string(),
            source: Box::new(e),
        })?;
    opts.registry
        .check_statement("timeouts", "timeouts", &timeouts)?;
    for b in built.iter_mut().filter(|b| b.tx == TxRule::InTransaction) {
        b.up.insert(0, Statement::new(timeouts.clone()));
        b.down.insert(0, Statement::new(timeouts.clone()));
    }
    Ok(())
}

/// The destructive changes among `changes`, which apply to `current`
/// (`create_orders`-style labels with their hazards), for the gate that
/// `--allow-destructive` opens.
pub fn destructive(changes: &[Change], current: &Schema) -> Vec<String> {
    changes
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
            Change::DropTable(DropTable(old)) => {
                // A table dropped and created under its own name is being recreated.
                let recreated = changes.iter().any(
                    |n| matches!(n, Change::CreateTable(CreateTable(t)) if t.name == old.name),
                );
                let repartitioned = changes.iter().any(|n| {
                    matches!(n, Change::CreateTable(CreateTable(t))
                        if t.name == old.name && t.partition_by != old.partition_by)
                });
                if repartitioned {
                    out.push(format!(
                        "hint: table {} is dropped and created again, because PostgreSQL cannot change how a table is partitioned in place: its rows are lost; copy them out before and back after",
                        old.name
                    ));
                }
                for n in changes.iter().filter(|_| !recreated) {
                    if let Change::CreateTable(CreateTable(new)) = n {
                        if new.name.schema == old.name.schema && types(new) == types(old) {
                            out.push(format!(
                                "hint: table {} is dropped and {} created with the same column types; if it is a rename, put `-- migrator:renamed-from {}` on the line before `CREATE TABLE {}`",
                                old.name, new.name, old.name.name, new.name.name
                            ));
                        }
                    }
                }
            }
            Change::AlterEnum(alter) => {
                let AlterEnum { from, to, .. } = &**alter;
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
            Change::DropColumn(DropColumn { table, column: old }) => {
                // A column dropped and added under its own name is being recreated.
                let recreated = changes.iter().any(|n| {
                    matches!(n, Change::AddColumn(AddColumn { table: t, column }) if t == table && column.name == old.name)
                });
                for n in changes.iter().filter(|_| !recreated) {
                    if let Change::AddColumn(AddColumn {
                        table: t,
                        column: new,
                    }) = n
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

/// What an up change deletes for good, said in the down file. A foreign table holds no
/// rows of its own: nothing done to it deletes any.
fn data_loss_note(c: &Change, current: &Schema) -> Option<String> {
    let foreign = |t: &crate::schema::QualifiedName| crate::kinds::table::is_foreign(current, t);
    match c {
        Change::DropTable(DropTable(t)) if t.foreign.is_some() => None,
        Change::DropColumn(DropColumn { table, .. })
        | Change::AlterColumn(AlterColumn { table, .. })
            if foreign(table) =>
        {
            None
        }
        Change::DropTable(DropTable(t)) => Some(format!("the rows of table {}", t.name)),
        Change::DropColumn(DropColumn { table, column }) => match column.generated {
            Some(_) => None,
            None => Some(format!("the values of column {table}.{}", column.name)),
        },
        Change::AlterGeneration(g) => match g.direction() {
            Generation::Dropped => None,
            Generation::Readded => Some(format!(
                "the values of column {}.{} (added again, generated)",
                g.table, g.to.name
            )),
        },
        Change::DropSequence(DropSequence(s)) => {
            Some(format!("the position of sequence {}", s.name))
        }
        Change::AlterColumn(AlterColumn {
            table, from, to, ..
        }) if from.data_type != to.data_type => Some(format!(
            "values of {table}.{} that do not survive the cast from {} to {}",
            to.name, from.data_type, to.data_type
        )),
        _ => None,
    }
}
