//! The planner: orders changes along their dependencies and cuts them into steps.
//!
//! Ordering is a topological sort (Kahn's algorithm) over edges derived from what each change
//! creates, requires, removes and releases ([`Change::deps`]), with a fixed rank per change
//! kind ([`Change::rank`]) as the deterministic tie-break. A foreign-key cycle between new tables
//! (or tables being dropped) is broken by moving the foreign keys out into separate
//! `ADD/DROP CONSTRAINT` changes. A pure function: no I/O.
//!
//! Steps: every change runs in a transaction unless the dialect says otherwise; a change that
//! cannot (`CREATE INDEX CONCURRENTLY`, …) gets a step of its own, because golang-migrate
//! sends a whole file as one `Exec`.

use crate::change::{Change, Deps, ObjRef};
use crate::kinds::{AddConstraint, CreateTable, DropConstraint, DropTable};
use crate::schema::{ConstraintKind, Table};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

/// Whether a change can share a transaction with others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TxRule {
    /// Runs inside the step's transaction (the default).
    InTransaction,
    /// Must run outside any transaction block, alone in its own migration file.
    Alone,
}

/// One migration version: the changes whose statements share one up and one down file.
#[derive(Debug, Clone)]
pub struct Step {
    pub changes: Vec<Change>,
    pub tx: TxRule,
}

impl Step {
    /// The changes that undo this step, in the order they must run.
    pub fn down_changes(&self) -> Vec<Change> {
        self.changes.iter().rev().map(Change::invert).collect()
    }
}

/// A planning failure: a dependency cycle that cannot be broken.
#[derive(Debug, thiserror::Error)]
#[error("cannot order changes: dependency cycle between {0}")]
pub struct PlanError(pub String);

/// Orders `changes` and groups them into steps; `tx_rule` gives each change's rule.
pub fn plan(
    changes: Vec<Change>,
    tx_rule: &dyn Fn(&Change) -> TxRule,
) -> Result<Vec<Step>, PlanError> {
    let ordered = order(changes)?;
    let mut steps: Vec<Step> = Vec::new();
    for change in ordered {
        let rule = tx_rule(&change).max_with(tx_rule(&change.invert()));
        match (rule, steps.last_mut()) {
            (TxRule::InTransaction, Some(last)) if last.tx == TxRule::InTransaction => {
                last.changes.push(change)
            }
            (TxRule::InTransaction, Some(_)) if matches!(change, Change::CreateIndex(_)) => {
                // An index after a run of steps that stand alone joins the transactional
                // step before them when nothing ties it to them (the index of a new table
                // stays with its CREATE TABLE instead of getting a file after the
                // CONCURRENTLY builds of existing tables).
                match hoist_target(&steps, &change) {
                    Some(i) => steps[i].changes.push(change),
                    None => steps.push(Step {
                        changes: vec![change],
                        tx: rule,
                    }),
                }
            }
            _ => steps.push(Step {
                changes: vec![change],
                tx: rule,
            }),
        }
    }
    Ok(steps)
}

/// The transactional step just before the trailing run of stand-alone steps, if `change`
/// shares no object with any of them (it neither needs what they create or release, nor
/// touches what they use).
fn hoist_target(steps: &[Step], change: &Change) -> Option<usize> {
    let alone = steps
        .iter()
        .rev()
        .take_while(|s| s.tx == TxRule::Alone)
        .count();
    let target = steps.len().checked_sub(alone + 1)?;
    if steps[target].tx != TxRule::InTransaction {
        return None;
    }
    let all = |d: Deps| {
        d.requires
            .into_iter()
            .chain(d.creates)
            .chain(d.removes)
            .chain(d.releases)
    };
    let mine: BTreeSet<ObjRef> = all(change.deps())
        // Schemas and extensions are only ever shared, never made or unmade by a
        // stand-alone change.
        .filter(|r| !matches!(r, ObjRef::Schema(_) | ObjRef::Extension(_)))
        .collect();
    let touched = steps[target + 1..]
        .iter()
        .flat_map(|s| &s.changes)
        .any(|c| all(c.deps()).any(|r| mine.contains(&r)));
    (!touched).then_some(target)
}

impl TxRule {
    fn max_with(self, other: TxRule) -> TxRule {
        if self == TxRule::Alone || other == TxRule::Alone {
            TxRule::Alone
        } else {
            TxRule::InTransaction
        }
    }
}

/// Orders changes topologically, breaking foreign-key cycles when Kahn's algorithm stalls.
pub fn order(mut changes: Vec<Change>) -> Result<Vec<Change>, PlanError> {
    loop {
        let edges = edges(&changes);
        let mut indegree = vec![0usize; changes.len()];
        for targets in edges.values() {
            for &t in targets {
                indegree[t] += 1;
            }
        }
        let mut ready: BinaryHeap<Reverse<(u8, usize)>> = (0..changes.len())
            .filter(|&i| indegree[i] == 0)
            .map(|i| Reverse((changes[i].rank(), i)))
            .collect();
        let mut out = Vec::with_capacity(changes.len());
        while let Some(Reverse((_, i))) = ready.pop() {
            out.push(i);
            for &t in edges.get(&i).into_iter().flatten() {
                indegree[t] -= 1;
                if indegree[t] == 0 {
                    ready.push(Reverse((changes[t].rank(), t)));
                }
            }
        }
        if out.len() == changes.len() {
            let mut slots: Vec<Option<Change>> = changes.into_iter().map(Some).collect();
            return Ok(out.into_iter().filter_map(|i| slots[i].take()).collect());
        }
        let stuck: BTreeSet<usize> = (0..changes.len()).filter(|i| indegree[*i] > 0).collect();
        if !break_fk_cycle(&mut changes, &stuck) {
            let names: Vec<String> = stuck.iter().map(|&i| changes[i].label()).collect();
            return Err(PlanError(names.join(", ")));
        }
    }
}

/// Edges `a → b` meaning "a runs before b".
fn edges(changes: &[Change]) -> BTreeMap<usize, BTreeSet<usize>> {
    let deps: Vec<Deps> = changes.iter().map(Change::deps).collect();
    let mut creators: BTreeMap<&ObjRef, Vec<usize>> = BTreeMap::new();
    let mut removers: BTreeMap<&ObjRef, Vec<usize>> = BTreeMap::new();
    for (i, d) in deps.iter().enumerate() {
        for o in &d.creates {
            creators.entry(o).or_default().push(i);
        }
        for o in &d.removes {
            removers.entry(o).or_default().push(i);
        }
    }
    let mut edges: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    let mut add = |from: usize, to: usize| {
        if from != to {
            edges.entry(from).or_default().insert(to);
        }
    };
    for (i, d) in deps.iter().enumerate() {
        // What a change needs is created first.
        for o in &d.requires {
            for &p in creators.get(o).into_iter().flatten() {
                add(p, i);
            }
        }
        // What the old state referred to is removed only after the reference is gone.
        for o in &d.releases {
            for &r in removers.get(o).into_iter().flatten() {
                add(i, r);
            }
        }
        // An object is removed before one of the same name is created.
        for o in &d.creates {
            for &r in removers.get(o).into_iter().flatten() {
                if !matches!(changes[r], Change::AlterColumn(_)) {
                    add(r, i);
                }
            }
        }
    }
    edges
}

/// Moves the foreign keys of one stuck table create (or drop) out into separate changes.
/// Returns false when no stuck change has a foreign key to move.
fn break_fk_cycle(changes: &mut Vec<Change>, stuck: &BTreeSet<usize>) -> bool {
    let mut candidates: Vec<usize> = stuck
        .iter()
        .copied()
        .filter(|&i| match &changes[i] {
            Change::CreateTable(CreateTable(t)) | Change::DropTable(DropTable(t)) => {
                has_foreign_table_fk(t)
            }
            _ => false,
        })
        .collect();
    candidates.sort_by_key(|&i| (changes[i].rank(), i));
    let Some(&i) = candidates.first() else {
        return false;
    };
    let (table, is_create) = match &mut changes[i] {
        Change::CreateTable(CreateTable(t)) => (t, true),
        Change::DropTable(DropTable(t)) => (t, false),
        // The candidates are table creates and drops only.
        _ => return false,
    };
    let name = table.name.clone();
    let fks: Vec<_> = table
        .constraints
        .iter()
        .filter(|(_, c)| matches!(&c.kind, ConstraintKind::ForeignKey { ref_table, .. } if *ref_table != name))
        .map(|(k, _)| k.clone())
        .collect();
    let moved: Vec<_> = fks
        .iter()
        .filter_map(|k| table.constraints.remove(k))
        .collect();
    for constraint in moved {
        changes.push(if is_create {
            AddConstraint {
                table: name.clone(),
                constraint,
            }
            .into()
        } else {
            DropConstraint {
                table: name.clone(),
                constraint,
            }
            .into()
        });
    }
    true
}

fn has_foreign_table_fk(t: &Table) -> bool {
    t.constraints.values().any(
        |c| matches!(&c.kind, ConstraintKind::ForeignKey { ref_table, .. } if *ref_table != t.name),
    )
}
