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
use crate::kinds::{
    AddConstraint, CreateIndex, CreateTable, DropConstraint, DropTable, SetPartition,
};
use crate::schema::{ConstraintKind, Table};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap};
use std::sync::Arc;

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
    let rules: Vec<TxRule> = ordered
        .iter()
        .map(|change| tx_rule(change).max_with(tx_rule(&change.invert())))
        .collect();
    if !ordered.is_empty() && rules.iter().all(|r| *r == TxRule::InTransaction) {
        // One step of every change, in order (what the loop below gives): the ordered list
        // as it is, not a copy grown by doubling next to it (issue 14).
        return Ok(vec![Step {
            changes: ordered,
            tx: TxRule::InTransaction,
        }]);
    }
    let mut steps: Vec<Step> = Vec::new();
    for (change, rule) in ordered.into_iter().zip(rules) {
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
        .filter(|r| !r.is_schema_or_extension())
        .map(|r| r.as_name())
        .collect();
    let touched = steps[target + 1..]
        .iter()
        .flat_map(|s| &s.changes)
        .any(|c| all(c.deps()).any(|r| mine.contains(&r.as_name())));
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
            permute(&mut changes, out);
            return Ok(changes);
        }
        let stuck: BTreeSet<usize> = (0..changes.len()).filter(|i| indegree[*i] > 0).collect();
        if !break_fk_cycle(&mut changes, &stuck) {
            let names: Vec<String> = stuck.iter().map(|&i| changes[i].label()).collect();
            return Err(PlanError(names.join(", ")));
        }
    }
}

/// Reorders `items` in place so that `items[k]` becomes the item at `order[k]` (`order` is
/// a permutation of the indexes), one cycle of the permutation at a time. In place: a
/// second list of thousands of changes, grown by doubling, was the run's peak of memory
/// (issue 14).
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = std::mem::replace(&mut order[at], DONE);
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// A change's [`Deps`] with each ref turned into the number of its
/// [`ObjRef::as_name`]; a created or removed ref also says whether it is a
/// [`ObjRef::Routine`], the one kind of ref that differs from its name.
#[derive(Default)]
struct Interned {
    creates: Vec<(u32, bool)>,
    requires: Vec<u32>,
    removes: Vec<(u32, bool)>,
    releases: Vec<u32>,
}

/// Numbers the names of refs by a compact key of each ([`name_key`]): each change's `Deps`
/// lives only while it is numbered. Kept whole for every change, with their ~144-byte refs
/// and their names' strings, they were the run's peak of memory; so was a table of the
/// refs themselves (docs/BENCHMARKS.md).
#[derive(Default)]
struct Names {
    numbers: HashMap<Box<str>, u32>,
    /// Per number: whether the name is an object's identity (not [`ObjRef::is_shared`]),
    /// whose creation waits for the removal of the same object.
    identity: Vec<bool>,
    /// The key being looked up, reused from ref to ref.
    key: String,
}

/// Writes the key of `r`'s name ([`ObjRef::as_name`]) to `out`: each string with its
/// length before it, so that two keys are equal exactly when the names are.
fn name_key(r: &ObjRef, out: &mut String) {
    use std::fmt::Write;
    let (tag, q) = match r {
        ObjRef::Id(id) => {
            // `Debug` escapes any NUL of a dialect kind's name; counts end with `;`.
            let _ = write!(out, "i{:?}\0", id.kind);
            let mut put = |s: &str| {
                let _ = write!(out, "{}:{s}", s.len());
            };
            put(&id.schema);
            put(&id.name);
            if let Some(args) = &id.signature {
                let _ = write!(out, "s{};", args.len());
                args.iter().for_each(|a| {
                    let _ = write!(out, "{}:{a}", a.len());
                });
            }
            if let Some(p) = &id.parent {
                let _ = write!(out, "p{}:{p}", p.len());
            }
            if let Some(n) = id.direct_args {
                let _ = write!(out, "d{n};");
            }
            return;
        }
        // A routine's name is the plain name expressions call it by.
        ObjRef::Name(q) | ObjRef::Routine(q) => ("n", q),
        ObjRef::Key(q) => ("k", q),
        ObjRef::PrimaryKey(q) => ("p", q),
        ObjRef::Columns(q) => ("c", q),
        ObjRef::Inheritors(q) => ("h", q),
    };
    let _ = write!(
        out,
        "{tag}{}:{}{}:{}",
        q.schema.len(),
        q.schema,
        q.name.len(),
        q.name
    );
}

impl Names {
    /// The number of `r`'s name, and whether `r` is a routine.
    fn number(&mut self, r: ObjRef) -> (u32, bool) {
        let routine = matches!(r, ObjRef::Routine(_));
        self.key.clear();
        name_key(&r, &mut self.key);
        if let Some(&n) = self.numbers.get(self.key.as_str()) {
            return (n, routine);
        }
        let n = u32::try_from(self.numbers.len()).expect("fewer than 2^32 names");
        self.identity.push(!r.as_name().is_shared());
        self.numbers.insert(self.key.as_str().into(), n);
        (n, routine)
    }

    fn intern(&mut self, d: Deps) -> Interned {
        let mut pairs = |v: Vec<ObjRef>| -> Vec<(u32, bool)> {
            v.into_iter().map(|r| self.number(r)).collect()
        };
        let (creates, removes) = (pairs(d.creates), pairs(d.removes));
        let (requires, releases) = (pairs(d.requires), pairs(d.releases));
        let strip = |v: Vec<(u32, bool)>| v.into_iter().map(|(n, _)| n).collect();
        Interned {
            creates,
            requires: strip(requires),
            removes,
            releases: strip(releases),
        }
    }
}

/// Edges `a → b` meaning "a runs before b".
fn edges(changes: &[Change]) -> BTreeMap<usize, BTreeSet<usize>> {
    // Keyed by the name expressions use (`ObjRef::as_name`): a call to a routine waits for,
    // and holds back the removal of, every overload of its name.
    let mut names = Names::default();
    let deps: Vec<Interned> = changes.iter().map(|c| names.intern(c.deps())).collect();
    let Names { identity, .. } = names;
    let mut creators: Vec<Vec<usize>> = vec![Vec::new(); identity.len()];
    let mut removers: Vec<Vec<usize>> = vec![Vec::new(); identity.len()];
    for (i, d) in deps.iter().enumerate() {
        for &(o, _) in &d.creates {
            creators[o as usize].push(i);
        }
        for &(o, _) in &d.removes {
            removers[o as usize].push(i);
        }
    }
    // The partitions attached and detached, by the change doing it, and the parents they
    // are attached to or detached from.
    let links: Vec<(usize, &SetPartition)> = changes
        .iter()
        .enumerate()
        .filter_map(|(j, c)| match c {
            Change::SetPartition(link) => Some((j, link.as_ref())),
            _ => None,
        })
        .collect();
    let relinked: Vec<(usize, &crate::schema::QualifiedName)> = links
        .iter()
        .flat_map(|&(j, l)| l.from.iter().chain(&l.to).map(move |p| (j, &p.parent)))
        .collect();
    let mut edges: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    let mut add = |from: usize, to: usize| {
        if from != to {
            edges.entry(from).or_default().insert(to);
        }
    };
    for (i, d) in deps.iter().enumerate() {
        // What a change needs is created first.
        for &o in &d.requires {
            for &p in &creators[o as usize] {
                add(p, i);
            }
        }
        // What the old state referred to is removed only after the reference is gone. A
        // domain altered in place stays: what lets go of it and holds on to it still need
        // not go first (a column of the domain made NOT NULL while the domain's CHECK
        // changes); what lets go of it for good does (an array of the domain turned into
        // one of its base type while a CHECK is added, which PostgreSQL would refuse).
        for &o in &d.releases {
            for &r in &removers[o as usize] {
                let stays = matches!(changes[r], Change::AlterDomain(_))
                    && deps[r].creates.iter().any(|c| c.0 == o)
                    && d.requires.contains(&o);
                if !stays {
                    add(i, r);
                }
            }
        }
        // A partitioned table's partitions are attached and detached before an index is
        // created on it, so the down file drops the index before it undoes them (a
        // partition detached with the index keeps a copy of it). An index created on a
        // table being attached waits for the attach, which would otherwise take it for its
        // parent's matching index.
        if let Change::CreateIndex(CreateIndex(index)) = &changes[i] {
            for &(j, parent) in &relinked {
                if *parent == index.table {
                    add(j, i);
                }
            }
            for &(j, link) in &links {
                if link.table == index.table && link.to.is_some() {
                    add(j, i);
                }
            }
        }
        // A table's own column changes come after its detach (it keeps the columns its
        // parent has by then) and before its attach (it must have the parent's by then).
        if let Some(table) = own_column_change_table(&changes[i]) {
            for &(j, link) in links.iter().filter(|(_, l)| l.table == *table) {
                match (&link.from, &link.to) {
                    (Some(_), None) => add(j, i),
                    (None, Some(_)) => add(i, j),
                    _ => {}
                }
            }
        }
        // An object is removed before one of the same identity is created. A shared ref
        // (a routine's name, a relation's column types) is no identity, and any other is
        // its own name. A column or a domain changed in place is not replaced: two such
        // changes of one object (a CHECK taken off, then put back) order by what they
        // release and require.
        for &o in d
            .creates
            .iter()
            .filter(|(n, routine)| !routine && identity[*n as usize])
        {
            for &r in &removers[o.0 as usize] {
                // (What such a change only removes, an identity's sequence, it removes.)
                let in_place =
                    matches!(changes[r], Change::AlterColumn(_) | Change::AlterDomain(_))
                        && deps[r].creates.iter().any(|c| c.0 == o.0);
                if !in_place && deps[r].removes.contains(&o) {
                    add(r, i);
                }
            }
        }
    }
    edges
}

/// The table of a column added, dropped or altered as the table's own (not a partition's
/// override, which is ordered around its parent's change).
fn own_column_change_table(change: &Change) -> Option<&crate::schema::QualifiedName> {
    match change {
        Change::AddColumn(c) => Some(&c.table),
        Change::DropColumn(c) => Some(&c.table),
        Change::AlterColumn(c) if c.around.is_none() => Some(&c.table),
        _ => None,
    }
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
        .filter_map(|k| Arc::make_mut(&mut table.constraints).remove(k))
        .collect();
    for constraint in moved {
        changes.push(if is_create {
            AddConstraint {
                table: name.clone(),
                constraint: Box::new(constraint),
            }
            .into()
        } else {
            DropConstraint {
                table: name.clone(),
                constraint: Box::new(constraint),
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

#[cfg(test)]
mod tests {
    use super::{order, permute};
    use crate::change::Change;
    use crate::kinds::testkit::*;
    use crate::kinds::{CreateTable, DropTable};
    use crate::schema::{Column, Schema, Table};
    use insta::assert_snapshot;
    use serde_json::json;

    /// Tables `a` and `b`, each with a foreign key to the other.
    fn cycle() -> Schema {
        let a = table("a", [col("id", "integer"), col("b_id", "integer")])
            .with(pk("a_pkey", &["id"]))
            .with(fk("a_b_fk", &["b_id"], "b", &["id"]));
        let b = table("b", [col("id", "integer"), col("a_id", "integer")])
            .with(pk("b_pkey", &["id"]))
            .with(fk("b_a_fk", &["a_id"], "a", &["id"]));
        schema().with(a).with(b)
    }

    fn labels(changes: &[Change]) -> Vec<String> {
        changes.iter().map(Change::label).collect()
    }

    #[test]
    fn permute_puts_each_item_where_the_order_says() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e', 'f'];
        permute(&mut items, vec![3, 0, 4, 1, 2, 5]);
        assert_eq!(items, ['d', 'a', 'e', 'b', 'c', 'f']);
    }

    #[test]
    fn an_fk_cycle_between_new_tables_is_broken() {
        assert_snapshot!(planned(&schema(), &cycle()));
    }

    #[test]
    fn an_fk_cycle_between_dropped_tables_is_broken() {
        assert_snapshot!(planned(&cycle(), &schema()));
    }

    #[test]
    fn drops_come_before_creates_of_the_same_name() {
        let t = table("t", [col("id", "integer")]);
        let changes = vec![
            CreateTable(Box::new(t.clone())).into(),
            DropTable(Box::new(Table {
                columns: vec![col("x", "text")].into(),
                ..t
            }))
            .into(),
        ];
        let ordered = order(changes).unwrap();
        assert_eq!(labels(&ordered), ["drop_t", "create_t"]);
    }

    #[test]
    fn a_drop_runs_before_a_create_of_the_same_name_by_an_edge_not_by_rank_alone() {
        let t = table("t", [col("id", "integer")]);
        let changes: Vec<Change> = vec![
            CreateTable(Box::new(t.clone())).into(),
            DropTable(Box::new(t)).into(),
        ];
        let edges = super::edges(&changes);
        assert!(edges.get(&1).is_some_and(|to| to.contains(&0)), "{edges:?}");
        assert!(
            !edges.get(&0).is_some_and(|to| to.contains(&1)),
            "{edges:?}"
        );
    }

    #[test]
    fn a_parents_index_waits_for_its_partitions_to_be_relinked() {
        use crate::kinds::{CreateIndex, SetPartition};
        use crate::schema::PartitionOf;
        let bound = |b: &str| PartitionOf {
            parent: qn("m"),
            bound: b.into(),
        };
        let changes: Vec<Change> = vec![
            Change::from(SetPartition {
                table: qn("m_eu"),
                from: Some(bound("FOR VALUES IN ('eu')")),
                to: None,
            }),
            CreateIndex(Box::new(index("m_v_idx", "m", &["v"]))).into(),
            Change::from(SetPartition {
                table: qn("m_eu"),
                from: None,
                to: Some(bound("FOR VALUES IN ('eu', 'uk')")),
            }),
        ];
        let ordered = order(changes).unwrap();
        assert_eq!(
            labels(&ordered),
            ["partition_m_eu", "partition_m_eu", "create_m_v_idx"]
        );
    }

    #[test]
    fn a_column_is_added_only_once_its_new_type_exists() {
        let mood = Column {
            type_ref: Some(qn("mood")),
            ..col("m", "public.mood")
        };
        let current = schema().with(table("t", [col("id", "integer")]));
        let desired = schema()
            .with(enum_type("mood", &["sad", "happy"]))
            .with(table("t", [col("id", "integer"), mood]));
        let ordered = order(crate::diff::diff(&current, &desired)).unwrap();
        assert_eq!(labels(&ordered), ["create_type_mood", "add_t_m"]);
    }

    #[test]
    fn overloads_replaced_together_do_not_order_each_other() {
        // Two in place, two dropped and created (their results change): none waits for
        // another, since PostgreSQL tells overloads apart by their signatures.
        let overloads = |returns: &str, body: &str| {
            ["integer", "bigint", "numeric", "text"]
                .into_iter()
                .enumerate()
                .fold(schema(), |s, (i, t)| {
                    let returns = if i < 2 { "integer" } else { returns };
                    s.with(function("f", &format!("x {t}"), returns, body))
                })
        };
        let changes = crate::diff::diff(
            &overloads("integer", "SELECT 1"),
            &overloads("bigint", "SELECT 2"),
        );
        assert_eq!(changes.len(), 4, "{changes:#?}");
        assert!(super::edges(&changes).is_empty(), "{changes:#?}");
        assert_eq!(order(changes).unwrap().len(), 4);
    }

    #[test]
    fn a_call_waits_for_every_overload_of_its_name() {
        let f = |t: &str| function("f", &format!("x {t}"), "integer", "SELECT 1");
        let mut v = view("v", sql("SELECT f(1)"), &["f"], &[]);
        v.query.refs.push(qn("f"));
        let desired = schema().with(f("integer")).with(f("text")).with(v);
        let changes = crate::diff::diff(&schema(), &desired);
        let index = |label: &str| changes.iter().position(|c| c.label() == label).unwrap();
        let edges = super::edges(&changes);
        let functions: Vec<usize> = (0..changes.len())
            .filter(|&i| matches!(changes[i], Change::CreateFunction(_)))
            .collect();
        assert_eq!(functions.len(), 2, "{changes:#?}");
        for i in functions {
            assert!(edges[&i].contains(&index("create_v")), "{edges:?}");
        }
    }

    /// Changes of many kinds, from diffs both ways between schemas that differ in them.
    fn many_changes() -> Vec<Change> {
        let mood = |values: &[&str], default: &str| {
            let m = Column {
                type_ref: Some(qn("mood")),
                default: Some(sql(default)),
                ..col("m", "public.mood")
            };
            schema()
                .with(enum_type("mood", values))
                .with(table("e", [m]))
        };
        let a = cycle()
            .with(namespace("app"))
            .with(view("v", sql("SELECT id FROM a"), &["id"], &["a"]))
            .with(function("f", "", "integer", "SELECT 1"))
            .with(grant("a", "bob", "SELECT"))
            .with(grant("v", "bob", "SELECT"));
        let mut b = schema()
            .with(Table {
                row_security: true,
                ..table("a", [col("id", "bigint")])
            })
            .with(view(
                "v",
                sql("SELECT id, 2 FROM a"),
                &["id", "two"],
                &["a"],
            ))
            .with(function("f", "", "integer", "SELECT 2"))
            .with(grant("a", "alice", "SELECT"))
            .with(grant("v", "bob", "SELECT"));
        b.tables.get_mut(&qn("a")).unwrap().comment = Some("the a".into());
        // Objects changed in place rather than dropped and created.
        let in_place = |version: &str, n: i64, chunk: &str, column: Column| {
            let mut check = domain("positive", "integer");
            check
                .checks
                .insert("c".into(), sql(&format!("VALUE > {n}")));
            let mut s = sequence("s");
            s.options.increment = n;
            s.owned_by = (n == 0).then(|| owned_by("r", "id")).flatten();
            let attributes: &[(&str, &str)] = &[("a", "integer"), ("b", "text")];
            schema()
                .with(crate::schema::Extension {
                    version: Some(version.into()),
                    ..extension("pgcrypto")
                })
                .with(check)
                .with(composite("pair", &attributes[..1 + n as usize]))
                .with(s)
                .with(dialect_object(
                    "hypertable",
                    "public.r",
                    json!({ "chunk": chunk }),
                ))
                .with(table("r", [col("id", "bigint"), column]))
        };
        let c = in_place("1.3", 0, "1 day", col("old", "text"));
        let d = in_place(
            "1.4",
            1,
            "7 days",
            Column {
                renamed_from: Some("old".into()),
                ..col("new", "text")
            },
        );
        let mut out = Vec::new();
        for (x, y) in [
            (&a, &b),
            (&b, &a),
            (&c, &d),
            (&mood(&["x", "y"], "'y'"), &mood(&["x"], "'x'")),
        ] {
            out.extend(crate::diff::diff(x, y));
        }
        out
    }

    #[test]
    fn inverting_twice_gives_the_change_back() {
        let changes = many_changes();
        assert!(changes.len() > 15, "{changes:#?}");
        let before_drop = |c: &Change| matches!(c, Change::RemovePrivilege(r) if r.before_drop);
        assert!(changes.iter().any(before_drop), "{changes:#?}");
        for c in changes {
            // A removal before a drop inverts to an add, whose inverse no longer runs
            // before a drop (down changes are not ordered again, so nothing reads the flag
            // there): the flag is left out of the comparison.
            let c = match c {
                Change::RemovePrivilege(r) => crate::kinds::RemovePrivilege {
                    before_drop: false,
                    ..*r
                }
                .into(),
                c => c,
            };
            assert_eq!(c.invert().invert(), c);
        }
    }

    #[test]
    fn an_inverted_change_undoes_what_the_change_does() {
        for c in many_changes() {
            let (deps, back) = (c.deps(), c.invert().deps());
            if c.is_drop() {
                assert!(!c.invert().is_drop(), "{c:?}");
            }
            // What one creates, the other removes.
            for o in &deps.creates {
                assert!(
                    back.removes.contains(o) || back.creates.contains(o),
                    "{c:?}: {o:?}"
                );
            }
        }
    }
}
