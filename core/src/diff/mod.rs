//! The diff: `diff(current, desired)` lists the changes that turn one schema into the other.
//!
//! A pure, deterministic function: no I/O, and the output order follows the `BTreeMap`s of the
//! IR. The order it returns is not an execution order; [`crate::plan`] decides that.
//!
//! It runs in three stages, each written down here as data:
//! 1. [`kinds::DIFF_PASSES`]: one pass per object kind, each defined beside its kind and
//!    listed in the registry of kinds ([`crate::kinds`]).
//!    A pass compares only its own kind's objects in the two schemas, so the passes are
//!    independent of each other.
//! 2. [`cascade::run`]: the one step that knows about dependents. PostgreSQL refuses to
//!    change or drop an object while others depend on it in certain ways (a view on a
//!    column being retyped, a CHECK calling a function being recreated, a foreign key on a
//!    key being dropped); the cascade takes those dependents off before and puts them back
//!    after, by adding changes for them.
//! 3. [`FOLLOW_UPS`]: passes that follow other changes rather than compare objects on their
//!    own (privileges follow renames, drops and recreations), so they run on the result.

mod cascade;

use crate::change::{Change, CreateDrop};
use crate::kinds::comment::Commented;
use crate::kinds::{self, CommentTarget, SetComment};
use crate::schema::Schema;
use crate::vec_map::VecMap;
use std::collections::BTreeMap;

/// A per-kind diff pass: the changes of one kind's objects between `current` and `desired`.
pub(crate) type Pass = fn(current: &Schema, desired: &Schema, out: &mut Vec<Change>);

/// Passes that run after the cascade, on the changes so far (they read `out`).
const FOLLOW_UPS: &[Pass] = &[kinds::constraint::promote_indexes, kinds::privilege::diff];

/// The changes that turn `current` into `desired`.
pub fn diff(current: &Schema, desired: &Schema) -> Vec<Change> {
    // Enum values renamed with `-- migrator:renamed-from` relabel the current column
    // defaults first, as the catalog will show them after `RENAME VALUE`.
    let relabelled = kinds::enums::relabel_renamed_values(current, desired);
    let current = relabelled.as_ref().unwrap_or(current);
    let mut out = Vec::new();
    for pass in kinds::DIFF_PASSES {
        pass(current, desired, &mut out);
    }
    cascade::run(current, desired, &mut out);
    for pass in FOLLOW_UPS {
        pass(current, desired, &mut out);
    }
    // Grown by doubling, the list can be up to half empty slots, and it lives on through
    // planning next to the graph of its changes (issue 14).
    out.shrink_to_fit();
    out
}

/// Walks two maps in key order, calling `f(current, desired)` for every key in either.
pub(crate) fn pair_up<'a, K: Ord, V>(
    current: &'a BTreeMap<K, V>,
    desired: &'a BTreeMap<K, V>,
    mut f: impl FnMut(Option<&'a V>, Option<&'a V>),
) {
    for (k, c) in current {
        f(Some(c), desired.get(k));
    }
    for (k, d) in desired {
        if !current.contains_key(k) {
            f(None, Some(d));
        }
    }
}

/// [`pair_up`] for [`VecMap`]s (a table's constraints), in the same order.
pub(crate) fn pair_up_small<'a, K: Ord, V>(
    current: &'a VecMap<K, V>,
    desired: &'a VecMap<K, V>,
    mut f: impl FnMut(Option<&'a V>, Option<&'a V>),
) {
    for (k, c) in current {
        f(Some(c), desired.get(k));
    }
    for (k, d) in desired {
        if !current.contains_key(k) {
            f(None, Some(d));
        }
    }
}

/// A `SetComment` when the comment differs.
pub(crate) fn comment_change(
    out: &mut Vec<Change>,
    target: CommentTarget,
    from: &Option<String>,
    to: &Option<String>,
) {
    if from != to {
        out.push(Change::from(SetComment {
            target,
            from: from.clone(),
            to: to.clone(),
        }));
    }
}

/// What a pass makes of an object both schemas have, comments aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kept {
    /// Left as it is, or altered by the changes the pass has pushed.
    InPlace,
    /// Dropped and created (with its comment).
    Recreated,
}

/// Objects created, dropped, or, when both schemas have one, compared by `kept`: it pushes
/// the changes that alter the object in place or asks for drop + create. The comment of an
/// object kept in place is compared after.
pub(crate) fn diff_objects<K: Ord, T: CreateDrop + Commented + Clone>(
    current: &BTreeMap<K, T>,
    desired: &BTreeMap<K, T>,
    mut kept: impl FnMut(&T, &T, &mut Vec<Change>) -> Kept,
    out: &mut Vec<Change>,
) {
    pair_up(current, desired, |c, d| match (c, d) {
        (Some(c), None) => out.push(c.clone().dropped()),
        (None, Some(d)) => out.push(d.clone().created()),
        (Some(c), Some(d)) => match kept(c, d, out) {
            Kept::Recreated => {
                out.push(c.clone().dropped());
                out.push(d.clone().created());
            }
            Kept::InPlace => comment_change(out, d.comment_on(), c.comment(), d.comment()),
        },
        (None, None) => {}
    });
}

/// Objects that change only by drop + create: `changed` decides (comments aside), else
/// only the comment is compared.
pub(crate) fn diff_by_definition<K: Ord, T: CreateDrop + Commented + Clone>(
    current: &BTreeMap<K, T>,
    desired: &BTreeMap<K, T>,
    changed: impl Fn(&T, &T) -> bool,
    out: &mut Vec<Change>,
) {
    let kept = |c: &T, d: &T, _: &mut Vec<Change>| {
        if changed(c, d) {
            Kept::Recreated
        } else {
            Kept::InPlace
        }
    };
    diff_objects(current, desired, kept, out);
}
