//! Changes: the mechanism every change kind plugs into, and the one table that lists them.
//!
//! Each DDL operation is its own type (`AddColumn`, `CreatePolicy`, …), defined beside its
//! object kind in [`crate::kinds`], and implements [`ChangeKind`]: its stable name, its
//! ordering rank, its inverse, its dependencies and its hazards. Every behaviour-deciding
//! method is required, so a new kind that forgets one does not compile.
//!
//! `change_kinds!`, invoked once in the registry of kinds ([`crate::kinds`]), lists every
//! change type once and derives the rest from that list:
//! `enum Change` (one variant per type, serialised with a `change` tag), [`Change::KINDS`],
//! `From<T> for Change`, the typed borrow [`Variant::from_change`] that builders use instead
//! of a downcast, and the methods of [`Change`] that dispatch to the trait.
//!
//! Every change carries the full state it needs in both directions (a dropped table carries
//! the whole table), so [`Change::invert`] is pure and total: down migrations are the inverted
//! changes in reverse order, and nothing has to be looked up again.
//!
//! [`Change::kind`] is the stable snake_case name that keys the dialect's builder registry and
//! names the builder's template (`add_column` → `templates/<dialect>/add_column.sql`).

use crate::hazard::Hazard;

/// The enum of every change, generated from the change table in [`crate::kinds`].
pub use crate::kinds::Change;
use crate::schema::{QualifiedName, Schema};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;

/// An object a change creates, removes or depends on; used by the planner to order changes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjRef {
    Schema(String),
    Extension(String),
    /// Any named object in a schema (type, sequence, table, function): names share one
    /// namespace for ordering purposes.
    Object(QualifiedName),
    Column(QualifiedName, String),
    /// "Some unique key of this table": FKs to a table wait for its keys.
    Key(QualifiedName),
    Constraint(QualifiedName, String),
    /// A dialect-defined object, by its key.
    Dialect(QualifiedName),
}

/// What a change does to the objects around it; the planner's edges come from these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deps {
    /// Objects that exist (new or in their new form) once the change has run.
    pub creates: Vec<ObjRef>,
    /// Objects that must exist before the change can run.
    pub requires: Vec<ObjRef>,
    /// Objects that no longer exist (or lose their old form) once the change has run.
    pub removes: Vec<ObjRef>,
    /// Objects the removed state referred to: their own drops must wait for this change.
    pub releases: Vec<ObjRef>,
}

impl Deps {
    /// A change that makes `creates` exist and needs `requires`, and takes nothing away.
    pub fn creating(creates: Vec<ObjRef>, requires: Vec<ObjRef>) -> Deps {
        Deps {
            creates,
            requires,
            removes: Vec::new(),
            releases: Vec::new(),
        }
    }

    /// The undoing of a creation whose dependencies are `created`: what it created is
    /// removed, and what it required is released.
    pub fn dropping(created: Deps) -> Deps {
        Deps {
            creates: Vec::new(),
            requires: Vec::new(),
            removes: created.creates,
            releases: created.requires,
        }
    }

    /// An object going from one form to another: the old form's objects are removed and its
    /// references released, the new form's created and required.
    pub fn replacing(from: Deps, to: Deps) -> Deps {
        Deps {
            creates: to.creates,
            requires: to.requires,
            removes: from.creates,
            releases: from.requires,
        }
    }
}

/// One DDL operation's type: what the planner, the inverter and the hazard report need.
///
/// No method has a default that decides behaviour: a new kind states each one.
pub trait ChangeKind:
    Variant + Clone + Debug + PartialEq + Serialize + DeserializeOwned + Into<Change>
{
    /// Stable snake_case name: registry key and template name.
    const KIND: &'static str;

    /// The name the registry looks up: [`Self::KIND`], except for dialect objects, which are
    /// built by their object kind's builder.
    fn kind_name(&self) -> &str {
        Self::KIND
    }

    /// Tie-break rank when dependencies leave a choice: lower runs first.
    fn rank(&self) -> u8;

    /// The change that undoes this one.
    fn invert(&self) -> Change;

    /// True when the change removes an object (and so may lose data).
    fn is_drop(&self) -> bool;

    /// A short label for file names and summaries, e.g. `create_users`, `add_users_email`.
    fn label(&self) -> String;

    /// What the change creates, requires, removes and releases.
    fn deps(&self) -> Deps;

    /// The risks of the change applied to `current`, in any order (see [`crate::hazard`]).
    fn hazards(&self, current: &Schema) -> Vec<Hazard>;
}

/// The link between a change type and its variant of [`Change`]; implemented by
/// `change_kinds!` for every listed type.
pub trait Variant: Sized {
    /// The change as this type, or `None` when it is another kind of change.
    fn from_change(change: &Change) -> Option<&Self>;
}

/// [`ChangeKind`] without its constant and its bounds, so that one `match` can hand any
/// variant out as one trait object.
pub(crate) trait AnyKind {
    fn kind_name(&self) -> &str;
    fn rank(&self) -> u8;
    fn invert(&self) -> Change;
    fn is_drop(&self) -> bool;
    fn label(&self) -> String;
    fn deps(&self) -> Deps;
    fn hazards(&self, current: &Schema) -> Vec<Hazard>;
}

impl<T: ChangeKind> AnyKind for T {
    fn kind_name(&self) -> &str {
        ChangeKind::kind_name(self)
    }
    fn rank(&self) -> u8 {
        ChangeKind::rank(self)
    }
    fn invert(&self) -> Change {
        ChangeKind::invert(self)
    }
    fn is_drop(&self) -> bool {
        ChangeKind::is_drop(self)
    }
    fn label(&self) -> String {
        ChangeKind::label(self)
    }
    fn deps(&self) -> Deps {
        ChangeKind::deps(self)
    }
    fn hazards(&self, current: &Schema) -> Vec<Hazard> {
        ChangeKind::hazards(self, current)
    }
}

/// Generates `enum Change` and everything derived from the list of change types: the
/// built-in kinds (variant named after its type) and the one dialect-object variant.
macro_rules! change_kinds {
    (
        built_in: $($kind:ident),+ $(,)?;
        dialect: $dvariant:ident($dtype:ident) $(;)?
    ) => {
        /// One DDL operation.
        ///
        /// Variants differ in size (a table versus a schema name); changes are few and
        /// short-lived, so boxing them would only add noise.
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "change", rename_all = "snake_case")]
        #[allow(clippy::large_enum_variant)]
        pub enum Change {
            $($kind($kind),)+
            $dvariant($dtype),
        }

        impl Change {
            /// Every built-in change kind, for registry completeness checks.
            pub const KINDS: &'static [&'static str] = &[$(<$kind as $crate::change::ChangeKind>::KIND),+];

            /// The variant names, for the test that each kind's name is its serde tag.
            #[cfg(test)]
            pub(crate) const VARIANTS: &'static [&'static str] = &[$(stringify!($kind)),+];

            pub(crate) fn as_kind(&self) -> &dyn $crate::change::AnyKind {
                match self {
                    $(Change::$kind(c) => c,)+
                    Change::$dvariant(c) => c,
                }
            }
        }

        $(
            impl From<$kind> for Change {
                fn from(c: $kind) -> Change {
                    Change::$kind(c)
                }
            }

            impl $crate::change::Variant for $kind {
                fn from_change(change: &Change) -> Option<&Self> {
                    match change {
                        Change::$kind(c) => Some(c),
                        _ => None,
                    }
                }
            }
        )+

        impl From<$dtype> for Change {
            fn from(c: $dtype) -> Change {
                Change::$dvariant(c)
            }
        }

        impl $crate::change::Variant for $dtype {
            fn from_change(change: &Change) -> Option<&Self> {
                match change {
                    Change::$dvariant(c) => Some(c),
                    _ => None,
                }
            }
        }
    };
}
pub(crate) use change_kinds;

impl Change {
    /// The stable snake_case name: registry key and template name.
    pub fn kind(&self) -> &str {
        self.as_kind().kind_name()
    }

    /// Tie-break rank when dependencies leave a choice: lower runs first.
    pub fn rank(&self) -> u8 {
        self.as_kind().rank()
    }

    /// The change that undoes this one.
    pub fn invert(&self) -> Change {
        self.as_kind().invert()
    }

    /// True when the change removes an object (and so may lose data).
    pub fn is_drop(&self) -> bool {
        self.as_kind().is_drop()
    }

    /// A short label for file names and summaries, e.g. `create_users`, `add_users_email`.
    pub fn label(&self) -> String {
        self.as_kind().label()
    }

    /// What the change creates, requires, removes and releases.
    pub fn deps(&self) -> Deps {
        self.as_kind().deps()
    }

    /// Objects that exist (new or in their new form) once the change has run.
    pub fn creates(&self) -> Vec<ObjRef> {
        self.deps().creates
    }

    /// Objects that must exist before the change can run.
    pub fn requires(&self) -> Vec<ObjRef> {
        self.deps().requires
    }

    /// Objects that no longer exist (or lose their old form) once the change has run.
    pub fn removes(&self) -> Vec<ObjRef> {
        self.deps().removes
    }

    /// Objects the removed state referred to: their own drops must wait for this change.
    pub fn releases(&self) -> Vec<ObjRef> {
        self.deps().releases
    }

    /// The hazards of the change applied to `current`, sorted, each once.
    pub fn hazards(&self, current: &Schema) -> Vec<Hazard> {
        let mut out = self.as_kind().hazards(current);
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests;
