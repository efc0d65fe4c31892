//! An object by name, or the error saying it does not exist.
//!
//! Nearly every statement names an object that must be there already; PostgreSQL then
//! says "<kind> <name> does not exist". [`Lookup`] gets the object from its map or returns
//! that error, so a handler only says which kind it looks for.

use migrator_core::schema::QualifiedName;
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

/// Moves the object `q` of `map` to the name `new` in the same schema.
pub(crate) fn rename_entry<T>(
    map: &mut BTreeMap<QualifiedName, T>,
    q: &QualifiedName,
    new: String,
    what: &str,
    set_name: impl FnOnce(&mut T, QualifiedName),
) -> R<()> {
    let mut x = map.take_existing(q, what)?;
    let to = QualifiedName::new(q.schema.clone(), new);
    set_name(&mut x, to.clone());
    map.insert(to, x);
    Ok(())
}
