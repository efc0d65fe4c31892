//! An object by name, or the error saying it does not exist.
//!
//! Nearly every statement names an object that must be there already; PostgreSQL then
//! says "<kind> <name> does not exist". [`Lookup`] gets the object from its map or returns
//! that error, so a handler only says which kind it looks for.

use super::SearchPath;
use migrator_core::schema::QualifiedName;
use pg_query::protobuf as pb;
use std::collections::BTreeMap;
use std::fmt::Display;

/// What the loader's handlers return: an error is a message shown with file and line.
pub(crate) type R<T> = Result<T, String>;

/// The error for a `what` named `name` that is not there.
pub(crate) fn does_not_exist(what: &str, name: &dyn Display) -> String {
    format!("{what} {name} does not exist")
}

/// Getting an object that must exist from a map of objects.
pub(crate) trait Lookup<K, V> {
    /// The object `key`, or "`what` `key` does not exist".
    fn existing(&self, key: &K, what: &str) -> R<&V>;
    /// The object `key` to change, or "`what` `key` does not exist".
    fn existing_mut(&mut self, key: &K, what: &str) -> R<&mut V>;
    /// The object `key`, removed, or "`what` `key` does not exist".
    fn take_existing(&mut self, key: &K, what: &str) -> R<V>;
}

impl<K: Ord + Display, V> Lookup<K, V> for BTreeMap<K, V> {
    fn existing(&self, key: &K, what: &str) -> R<&V> {
        self.get(key).ok_or_else(|| does_not_exist(what, key))
    }

    fn existing_mut(&mut self, key: &K, what: &str) -> R<&mut V> {
        self.get_mut(key).ok_or_else(|| does_not_exist(what, key))
    }

    fn take_existing(&mut self, key: &K, what: &str) -> R<V> {
        self.remove(key).ok_or_else(|| does_not_exist(what, key))
    }
}

/// `ALTER INDEX | SEQUENCE … RENAME TO new`: moves the object of `map` that the statement
/// names (resolved along `search_path`) to `new` in the same schema.
pub(crate) fn rename_entry<T>(
    search_path: Option<&[String]>,
    s: &pb::RenameStmt,
    map: &mut BTreeMap<QualifiedName, T>,
    what: &str,
    set_name: impl FnOnce(&mut T, QualifiedName),
) -> R<()> {
    let rv = s.relation.as_ref().ok_or("RENAME without a name")?;
    let names = SearchPath::new(search_path);
    let q = names.resolve(&rv.schemaname, &rv.relname, |q| map.contains_key(q));
    let mut x = map.take_existing(&q, what)?;
    let to = QualifiedName::new(q.schema.clone(), &s.newname);
    set_name(&mut x, to.clone());
    map.insert(to, x);
    Ok(())
}

/// What `ALTER INDEX | VIEW … SET (…)` / `RESET (…)` changes: the object of `map` the
/// statement names (resolved along `search_path`), the options as `(name, value)`, and
/// whether they are reset. `None` when the object does not exist and the statement says
/// `IF EXISTS`.
pub(crate) type AlteredOptions<'m, T> = Option<(&'m mut T, Vec<(String, String)>, bool)>;

/// See [`AlteredOptions`].
pub(crate) fn altered_options<'m, T>(
    search_path: Option<&[String]>,
    (s, cmd): (&pb::AlterTableStmt, &pb::AlterTableCmd),
    map: &'m mut BTreeMap<QualifiedName, T>,
    what: &str,
) -> R<AlteredOptions<'m, T>> {
    let rv = s.relation.as_ref().ok_or("ALTER without a name")?;
    let names = SearchPath::new(search_path);
    let q = names.resolve(&rv.schemaname, &rv.relname, |q| map.contains_key(q));
    let Some(object) = map.get_mut(&q) else {
        return if s.missing_ok {
            Ok(None)
        } else {
            Err(does_not_exist(what, &q))
        };
    };
    let items = match cmd.def.as_deref().and_then(|d| d.node.as_ref()) {
        Some(pb::node::Node::List(l)) => l.items.as_slice(),
        _ => &[],
    };
    let options = crate::kinds::table::load::storage_parameters(items);
    let reset = cmd.subtype == pb::AlterTableType::AtResetRelOptions as i32;
    Ok(Some((object, options, reset)))
}
