//! The planner: orders changes along their dependencies and cuts them into steps.
//!
//! Ordering is a topological sort (Kahn's algorithm) over edges derived from what each change
//! creates, requires, removes and releases ([`Change::creates`] and friends), with a fixed
//! rank per change kind as the deterministic tie-break. A foreign-key cycle between new tables
//! (or tables being dropped) is broken by moving the foreign keys out into separate
//! `ADD/DROP CONSTRAINT` changes. A pure function: no I/O.
//!
//! Steps: every change runs in a transaction unless the dialect says otherwise; a change that
//! cannot (`CREATE INDEX CONCURRENTLY`, …) gets a step of its own, because golang-migrate
//! sends a whole file as one `Exec`.

use crate::change::{Change, ObjRef};
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
    let mine: BTreeSet<ObjRef> = change
        .requires()
        .into_iter()
        .chain(change.creates())
        .chain(change.removes())
        .chain(change.releases())
        // Schemas and extensions are only ever shared, never made or unmade by a
        // stand-alone change.
        .filter(|r| !matches!(r, ObjRef::Schema(_) | ObjRef::Extension(_)))
        .collect();
    let touched = steps[target + 1..]
        .iter()
        .flat_map(|s| &s.changes)
        .any(|c| {
            c.creates()
                .into_iter()
                .chain(c.requires())
                .chain(c.removes())
                .chain(c.releases())
                .any(|r| mine.contains(&r))
        });
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

/// A fixed rank per kind: the order used when dependencies leave a choice.
fn rank(change: &Change) -> u8 {
    use Change::*;
    match change {
        DropTrigger(_) | DropPolicy(_) => 8,
        DropView(_) => 9,
        DropFunction(_) => 16,
        DropAggregate(_) | DropOperator(_) => 16,
        DropIndex(_) => 10,
        DropConstraint { constraint, .. } if constraint.kind.is_foreign_key() => 11,
        DropConstraint { .. } => 12,
        SetSequenceOwner { to: None, .. } => 13,
        DropTable(_) => 14,
        DropColumn { .. } => 15,
        DropSequence(_) => 16,
        DropEnum(_) => 17,
        DropDomain(_) | DropComposite(_) => 17,
        DropSchema(_) => 18,
        DropExtension(_) => 19,
        RenameTable { .. } | RenameColumn { .. } => 19,
        // After column changes on the parent, which reach only attached partitions.
        SetPartition { to: None, .. } => 32,
        // `NO INHERIT` before the child's columns that become its own are dropped;
        // `INHERIT` once the child has the parent's columns.
        SetInherits { to, .. } if to.is_empty() => 12,
        SetInherits { .. } => 33,
        SetPartition { .. } => 33,
        CreateExtension(_) => 20,
        AlterExtension { .. } => 21,
        CreateSchema(_) => 22,
        CreateEnum(_) => 23,
        CreateDomain(_) | AlterDomain { .. } | CreateComposite(_) | AlterComposite { .. } => 24,
        AlterEnum { .. } => 24,
        RenameEnumValue { .. } => 23,
        CreateSequence(_) => 25,
        AlterSequence { .. } => 26,
        CreateTable(_) => 27,
        AddColumn { .. } => 28,
        AlterColumn { .. } => 29,
        AddConstraint { constraint, .. } if constraint.kind.is_foreign_key() => 31,
        AddConstraint { .. } => 30,
        CreateIndex(_) => 32,
        SetSequenceOwner { .. } => 33,
        CreateFunction(_) | ReplaceFunction { .. } => 25,
        CreateAggregate(_) | CreateOperator(_) => 26,
        CreateTrigger(_) | CreatePolicy(_) | SetRowSecurity { .. } => 34,
        CreateView(_) | ReplaceView { .. } => 35,
        SetComment { .. } => 36,
        RemovePrivilege { .. } => 6,
        AddPrivilege(_) => 37,
        // Dialect objects sit on top of the built-in ones: dropped first, created last.
        DialectObject { to: None, .. } => 5,
        DialectObject { .. } => 40,
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
            .map(|i| Reverse((rank(&changes[i]), i)))
            .collect();
        let mut out = Vec::with_capacity(changes.len());
        while let Some(Reverse((_, i))) = ready.pop() {
            out.push(i);
            for &t in edges.get(&i).into_iter().flatten() {
                indegree[t] -= 1;
                if indegree[t] == 0 {
                    ready.push(Reverse((rank(&changes[t]), t)));
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
    let mut creators: BTreeMap<ObjRef, Vec<usize>> = BTreeMap::new();
    let mut removers: BTreeMap<ObjRef, Vec<usize>> = BTreeMap::new();
    for (i, c) in changes.iter().enumerate() {
        for o in c.creates() {
            creators.entry(o).or_default().push(i);
        }
        for o in c.removes() {
            removers.entry(o).or_default().push(i);
        }
    }
    let mut edges: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    let mut add = |from: usize, to: usize| {
        if from != to {
            edges.entry(from).or_default().insert(to);
        }
    };
    for (i, c) in changes.iter().enumerate() {
        // What a change needs is created first.
        for o in c.requires() {
            for &p in creators.get(&o).into_iter().flatten() {
                add(p, i);
            }
        }
        // What the old state referred to is removed only after the reference is gone.
        for o in c.releases() {
            for &d in removers.get(&o).into_iter().flatten() {
                add(i, d);
            }
        }
        // An object is removed before one of the same name is created.
        for o in c.creates() {
            for &d in removers.get(&o).into_iter().flatten() {
                if !matches!(changes[d], Change::AlterColumn { .. }) {
                    add(d, i);
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
            Change::CreateTable(t) | Change::DropTable(t) => has_foreign_table_fk(t),
            _ => false,
        })
        .collect();
    candidates.sort_by_key(|&i| (rank(&changes[i]), i));
    let Some(&i) = candidates.first() else {
        return false;
    };
    let (table, is_create) = match &mut changes[i] {
        Change::CreateTable(t) => (t, true),
        Change::DropTable(t) => (t, false),
        _ => unreachable!(),
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
            Change::AddConstraint {
                table: name.clone(),
                constraint,
            }
        } else {
            Change::DropConstraint {
                table: name.clone(),
                constraint,
            }
        });
    }
    true
}

fn has_foreign_table_fk(t: &Table) -> bool {
    t.constraints.values().any(
        |c| matches!(&c.kind, ConstraintKind::ForeignKey { ref_table, .. } if *ref_table != t.name),
    )
}
