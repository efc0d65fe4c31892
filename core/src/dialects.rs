//! The set of known dialects and how a dialect's chain (itself, then its bases) resolves.

use crate::dialect::{Dialect, Registry};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Dialects by name: the built-in ones and any loaded plugins.
#[derive(Default, Clone)]
pub struct Dialects {
    by_name: BTreeMap<String, Arc<dyn Dialect>>,
}

/// A dialect name nobody registered, or a base chain that loops.
#[derive(Debug, thiserror::Error)]
pub enum DialectError {
    #[error("unknown dialect `{name}` (known: {known})")]
    Unknown { name: String, known: String },
    #[error("dialect `{0}` has a cycle in its base dialects")]
    Cycle(String),
}

impl Dialects {
    pub fn add(&mut self, d: Arc<dyn Dialect>) {
        self.by_name.insert(d.name().to_string(), d);
    }

    pub fn get(&self, name: &str) -> Result<Arc<dyn Dialect>, DialectError> {
        self.by_name
            .get(name)
            .cloned()
            .ok_or_else(|| DialectError::Unknown {
                name: name.to_string(),
                known: self.by_name.keys().cloned().collect::<Vec<_>>().join(", "),
            })
    }

    pub fn all(&self) -> impl Iterator<Item = &Arc<dyn Dialect>> {
        self.by_name.values()
    }

    /// The dialect and its bases, most specific first.
    pub fn chain(&self, name: &str) -> Result<Vec<Arc<dyn Dialect>>, DialectError> {
        let mut out: Vec<Arc<dyn Dialect>> = Vec::new();
        let mut next = Some(name.to_string());
        while let Some(n) = next {
            if out.iter().any(|d| d.name() == n) {
                return Err(DialectError::Cycle(name.to_string()));
            }
            let d = self.get(&n)?;
            next = d.base().map(str::to_string);
            out.push(d);
        }
        Ok(out)
    }

    /// The object kinds every known dialect defines (`hypertable`), sorted: what filter
    /// patterns may name besides the built-in kinds.
    pub fn object_kinds(&self) -> Vec<String> {
        let mut registry = Registry::default();
        for d in self.all() {
            d.register(&mut registry);
        }
        registry
            .dialect_object_kinds()
            .map(str::to_string)
            .collect()
    }

    /// The registry of `name`: its bases' registrations first, then its own on top.
    pub fn registry(&self, name: &str) -> Result<Registry, DialectError> {
        let mut registry = Registry::default();
        for d in self.chain(name)?.iter().rev() {
            d.register(&mut registry);
        }
        Ok(registry)
    }
}
