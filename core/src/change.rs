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
use crate::identity::{ObjectId, ObjectKind};

/// The enum of every change, generated from the change table in [`crate::kinds`].
pub use crate::kinds::Change;
use crate::schema::{Expr, QualifiedName, Schema};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;

/// An object a change creates, removes or depends on; used by the planner to order changes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjRef {
    /// An object by its typed identity: a schema, an extension, a column, a constraint, a
    /// routine by its signature, a trigger, a policy, a dialect object.
    Id(ObjectId),
    /// A relation, type, sequence or routine by its schema-qualified name alone: what an
    /// expression's `refs` name without saying what it is, so these names share one
    /// namespace for ordering purposes.
    Name(QualifiedName),
    /// "Some unique key of this table": FKs to a table wait for its keys. Keys coexist, so
    /// one is never ordered around another's removal by it.
    Key(QualifiedName),
    /// "The primary key of this table": a table has one at a time, so a new one waits for
    /// the removal of the old one (whatever either is named).
    PrimaryKey(QualifiedName),
    /// "Some routine of this name" (a function, procedure or aggregate, or an operator by
    /// its schema and symbol), created and removed by each overload. A call names a
    /// routine without its signature, so what requires or releases the [`ObjRef::Name`]
    /// waits for every overload; overloads never order each other by it, since PostgreSQL
    /// tells them apart by their signatures.
    Routine(QualifiedName),
    /// "The types of this relation's columns", which a column retyped or dropped changes
    /// (it creates and removes this) and which what reads the relation's rows by their
    /// types needs (views, rules, routines with SQL-standard bodies: it requires this).
    /// Those are taken off before the change and put back after it. Many changes make and
    /// unmake it without replacing each other.
    Columns(QualifiedName),
    /// "The tables that inherit from this one": `INHERIT` links a child to it, and a column
    /// added to it reaches the children linked by then, so it waits for the links.
    Inheritors(QualifiedName),
}

impl ObjRef {
    /// A schema (namespace).
    pub fn schema(name: String) -> ObjRef {
        ObjRef::Id(ObjectId::schema(name))
    }

    /// An extension.
    pub fn extension(name: String) -> ObjRef {
        ObjRef::Id(ObjectId::extension(name))
    }

    /// A column of a table.
    pub fn column(table: QualifiedName, column: String) -> ObjRef {
        ObjRef::Id(ObjectId::member(ObjectKind::Column, &table, column))
    }

    /// A constraint of a table.
    pub fn constraint(table: QualifiedName, name: String) -> ObjRef {
        ObjRef::Id(ObjectId::member(ObjectKind::Constraint, &table, name))
    }

    /// A dialect object, by the `{kind, name}` pair of [`DialectObject::name`].
    pub fn dialect(key: QualifiedName) -> ObjRef {
        ObjRef::Id(ObjectId::decode(ObjectKind::Dialect(String::new()), key))
    }

    /// Schemas and extensions: only ever shared, never made or unmade by a change that
    /// must run alone.
    pub fn is_schema_or_extension(&self) -> bool {
        match self {
            ObjRef::Id(id) => matches!(id.kind, ObjectKind::Schema | ObjectKind::Extension),
            ObjRef::Name(_)
            | ObjRef::Key(_)
            | ObjRef::PrimaryKey(_)
            | ObjRef::Routine(_)
            | ObjRef::Columns(_)
            | ObjRef::Inheritors(_) => false,
        }
    }

    /// True for what many changes create and remove without one replacing another's: an
    /// overload does not replace another, nor a column retyped or a child linked another. The
    /// planner never orders their creators after their removers.
    pub fn is_shared(&self) -> bool {
        match self {
            ObjRef::Key(_) | ObjRef::Routine(_) | ObjRef::Columns(_) | ObjRef::Inheritors(_) => {
                true
            }
            ObjRef::Id(_) | ObjRef::Name(_) | ObjRef::PrimaryKey(_) => false,
        }
    }

    /// What reading the rows of the relations `names` needs, besides their names, as
    /// views, rules and SQL-standard bodies read them: the types of their columns.
    pub fn reading(names: impl IntoIterator<Item = QualifiedName>) -> Vec<ObjRef> {
        names.into_iter().map(ObjRef::Columns).collect()
    }

    /// The name an expression uses for this object, when it has one: a routine's shared
    /// name is the [`ObjRef::Name`] calls require.
    pub fn as_name(&self) -> ObjRef {
        match self {
            ObjRef::Routine(name) => ObjRef::Name(name.clone()),
            ObjRef::Id(_)
            | ObjRef::Name(_)
            | ObjRef::Key(_)
            | ObjRef::PrimaryKey(_)
            | ObjRef::Columns(_)
            | ObjRef::Inheritors(_) => self.clone(),
        }
    }
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

    /// The creation of the object `id` that lives on `relation` (a trigger, a policy, a
    /// rule): it needs the relation, then the relations and functions it `uses`.
    pub fn on_relation(
        id: &ObjectId,
        relation: &QualifiedName,
        uses: impl IntoIterator<Item = QualifiedName>,
    ) -> Deps {
        let requires = std::iter::once(relation.clone()).chain(uses);
        Deps::creating(
            vec![ObjRef::Id(id.clone())],
            requires.map(ObjRef::Name).collect(),
        )
    }

    /// The creation of `creates` (a routine's or an operator's names) in `schema`, which
    /// needs that schema and what its `definition` refers to.
    pub fn defining(creates: Vec<ObjRef>, schema: &str, definition: &Expr) -> Deps {
        let mut requires = vec![ObjRef::schema(schema.to_string())];
        requires.extend(definition.refs.iter().cloned().map(ObjRef::Name));
        Deps::creating(creates, requires)
    }

    /// The creation of the object `name`: it needs its schema, then the objects it `uses`.
    pub fn in_schema(name: &QualifiedName, uses: impl IntoIterator<Item = QualifiedName>) -> Deps {
        let requires = std::iter::once(ObjRef::schema(name.schema.clone()));
        Deps::creating(
            vec![ObjRef::Name(name.clone())],
            requires.chain(uses.into_iter().map(ObjRef::Name)).collect(),
        )
    }

    /// A link from `object` to other objects changing (an owner, a parent): it needs the
    /// object and the objects it links `to`, and lets go of those it linked `from`.
    pub fn relinking(
        object: ObjRef,
        to: impl IntoIterator<Item = ObjRef>,
        from: impl IntoIterator<Item = ObjRef>,
    ) -> Deps {
        Deps {
            creates: Vec::new(),
            requires: std::iter::once(object).chain(to).collect(),
            removes: Vec::new(),
            releases: from.into_iter().collect(),
        }
    }

    /// The undoing of a creation whose dependencies are `created`: what it created is
    /// removed, and what it required is released.
    /// An object renamed in place: the new name comes as the old one goes.
    pub fn renaming(from: &QualifiedName, to: &QualifiedName) -> Deps {
        Deps {
            creates: vec![ObjRef::Name(to.clone())],
            requires: vec![ObjRef::Name(from.clone())],
            removes: vec![ObjRef::Name(from.clone())],
            releases: vec![],
        }
    }

    pub fn dropping(created: Deps) -> Deps {
        Deps {
            creates: Vec::new(),
            requires: Vec::new(),
            removes: created.creates,
            releases: created.requires,
        }
    }

    /// An object going from one form to another: the old form's objects are removed and its
    /// references released, the new form's created and required. A column both forms read
    /// is neither: the object holds on to it throughout, so a change of the column (`SET NOT
    /// NULL`) need not wait for it, nor it for that (a policy altered while a column it
    /// keeps reading is altered too would otherwise wait for itself).
    pub fn replacing(from: Deps, to: Deps) -> Deps {
        let is_column = |r: &ObjRef| matches!(r, ObjRef::Id(id) if id.kind == ObjectKind::Column);
        let kept: Vec<ObjRef> = to
            .requires
            .iter()
            .filter(|r| is_column(r) && from.requires.contains(r))
            .cloned()
            .collect();
        Deps {
            creates: to.creates,
            requires: to
                .requires
                .into_iter()
                .filter(|r| !kept.contains(r))
                .collect(),
            removes: from.creates,
            releases: from
                .requires
                .into_iter()
                .filter(|r| !kept.contains(r))
                .collect(),
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

/// An IR type whose create and drop changes [`create_drop!`] declares: what the diff passes
/// push for an object that appears, disappears or is replaced.
pub trait CreateDrop: Sized {
    /// The create change's type.
    type Create: ChangeKind;
    /// The drop change's type.
    type Drop: ChangeKind;
    /// The object a create change carries.
    fn in_create(change: &Self::Create) -> &Self;
    /// The object a drop change carries.
    fn in_drop(change: &Self::Drop) -> &Self;
    /// The change that creates the object.
    fn created(self) -> Change;
    /// The change that drops the object.
    fn dropped(self) -> Change;
    /// The object `change` drops, when it is a drop of this kind.
    fn dropped_in(change: &Change) -> Option<&Self>;
}

/// An IR type that lives in a table (a column, a constraint), whose add and drop changes
/// [`create_drop!`]'s `member` form declares.
pub trait MemberCreateDrop {
    /// The change that adds the object to `table`.
    fn added_to(self, table: &QualifiedName) -> Change;
    /// The change that drops the object from `table`.
    fn dropped_from(self, table: &QualifiedName) -> Change;
}

/// No hazards: for [`create_drop!`] when a change of a pair has none.
pub(crate) fn no_hazards<T>(_: &T, _: &Schema) -> Vec<Hazard> {
    Vec::new()
}

/// The hazards of dropping what holds rows (a table, a column, a schema): the rows go, the
/// down migration cannot bring them back, and the drop takes an `ACCESS EXCLUSIVE` lock.
pub(crate) fn drops_rows<T>(_: &T, _: &Schema) -> Vec<Hazard> {
    vec![
        Hazard::DeletesData,
        Hazard::IrreversibleDown,
        Hazard::AccessExclusiveLock,
    ]
}

/// The verb of a change kind's name (`create` of `create_policy`): a label's first word.
pub(crate) fn verb(kind: &'static str) -> &'static str {
    kind.split('_').next().unwrap_or(kind)
}

/// Declares the create and the drop change of one object kind, and their [`ChangeKind`]
/// impls, and [`CreateDrop`] for the IR type. Each inverts to the other; the create's dependencies are `deps`, the drop's are
/// their [`Deps::dropping`]; a label is the kind's verb (`create`, `drop`), `_` and `label`.
/// Kind names, ranks and hazards are stated per change, where the kind's module uses it.
///
/// Two forms:
/// - `create_drop! { Policy, deps created, label |p| …; CreatePolicy = "create_policy",
///   rank 34, hazards no_hazards; DropPolicy = … }` declares `CreatePolicy(pub Policy)` and
///   `DropPolicy(pub Policy)`. `label …, diff policies recreated when |x, y| …;` also
///   declares the kind's diff pass (`diff`): objects of the `policies` map created, dropped,
///   or dropped and created when the closure says they changed. A third line, `ReplaceView = "replace_view", rank 35, in
///   place;`, adds the change that turns one form of the object into another in place
///   (`from`, `to`): it releases the old form's dependencies for the new one's, has no
///   hazards, and its label is its verb and `label` of the new form;
/// - `create_drop! { member column: Column, …; AddColumn = …; DropColumn = … }` declares
///   `AddColumn { table, column }` and `DropColumn { table, column }` for an object that
///   lives in a table. Its ranks are closures of the object and its drop states its
///   dependencies (`drop_deps`); `deps`, `label` and hazards also receive the table.
macro_rules! create_drop {
    (
        $ir:ty, deps $deps:expr, label $label:expr
        $(, diff $map:ident recreated when $changed:expr)?;
        $(#[$cdoc:meta])* $create:ident = $ckind:literal, rank $crank:literal, hazards $chaz:expr;
        $(#[$ddoc:meta])* $drop:ident = $dkind:literal, rank $drank:literal, hazards $dhaz:expr;
        $($(#[$rdoc:meta])* $replace:ident = $rkind:literal, rank $rrank:literal, in place;)?
    ) => {
        $(
            #[doc = concat!("The diff pass of `", stringify!($map), "`: created, dropped, or ")]
            #[doc = "dropped and created when changed (comments aside)."]
            pub(crate) fn diff(
                current: &$crate::schema::Schema,
                desired: &$crate::schema::Schema,
                out: &mut Vec<$crate::change::Change>,
            ) {
                $crate::diff::diff_by_definition(&current.$map, &desired.$map, $changed, out);
            }
        )?
        $crate::change::create_drop!(@newtype $ir, $drop, false, $deps, $label,
            $(#[$cdoc])* $create = $ckind, $crank, $chaz);
        $crate::change::create_drop!(@newtype $ir, $create, true, $deps, $label,
            $(#[$ddoc])* $drop = $dkind, $drank, $dhaz);
        $(
            $crate::change::from_to! {
                $(#[$rdoc])* $replace { from, to: Box<$ir> } = $rkind,
                rank |_| $rrank,
                label |c| {
                    let label: fn(&$ir) -> String = $label;
                    format!("{}_{}", $crate::change::verb($rkind), label(&c.to))
                },
                deps |c| {
                    let deps: fn(&$ir) -> $crate::change::Deps = $deps;
                    $crate::change::Deps::replacing(deps(&c.from), deps(&c.to))
                },
                hazards |_, _| vec![],
            }

            impl $replace {
                /// The change that turns `from` into `to` in place.
                pub(crate) fn between(from: $ir, to: $ir) -> $crate::change::Change {
                    $replace { from: Box::new(from), to: Box::new(to) }.into()
                }
            }
        )?

        impl $crate::change::CreateDrop for $ir {
            type Create = $create;
            type Drop = $drop;
            fn in_create(change: &$create) -> &Self {
                &change.0
            }
            fn in_drop(change: &$drop) -> &Self {
                &change.0
            }
            fn created(self) -> $crate::change::Change {
                $create(Box::new(self)).into()
            }
            fn dropped(self) -> $crate::change::Change {
                $drop(Box::new(self)).into()
            }
            fn dropped_in(change: &$crate::change::Change) -> Option<&Self> {
                <$drop as $crate::change::Variant>::from_change(change).map(|d| &*d.0)
            }
        }
    };
    (@newtype $ir:ty, $other:ident, $is_drop:literal, $deps:expr, $label:expr,
        $(#[$doc:meta])* $name:ident = $kind:literal, $rank:literal, $haz:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Box<$ir>);

        impl $crate::change::ChangeKind for $name {
            const KIND: &'static str = $kind;
            fn rank(&self) -> u8 {
                $rank
            }
            fn invert(&self) -> $crate::change::Change {
                $other(self.0.clone()).into()
            }
            fn is_drop(&self) -> bool {
                $is_drop
            }
            fn label(&self) -> String {
                let label: fn(&$ir) -> String = $label;
                format!("{}_{}", $crate::change::verb($kind), label(&self.0))
            }
            fn deps(&self) -> $crate::change::Deps {
                let deps: fn(&$ir) -> $crate::change::Deps = $deps;
                let deps = deps(&self.0);
                if $is_drop {
                    $crate::change::Deps::dropping(deps)
                } else {
                    deps
                }
            }
            fn hazards(&self, current: &$crate::schema::Schema) -> Vec<$crate::hazard::Hazard> {
                let hazards: fn(&$ir, &$crate::schema::Schema) -> Vec<$crate::hazard::Hazard> =
                    $haz;
                hazards(&self.0, current)
            }
        }
    };
    (
        member $field:ident: $ir:ty, deps $deps:expr, drop_deps $ddeps:expr, label $label:expr;
        $(#[$cdoc:meta])* $create:ident = $ckind:literal, rank $crank:expr, hazards $chaz:expr;
        $(#[$ddoc:meta])* $drop:ident = $dkind:literal, rank $drank:expr, hazards $dhaz:expr;
    ) => {
        $crate::change::create_drop!(@member $field: $ir, $drop, false, $deps, $label,
            $(#[$cdoc])* $create = $ckind, $crank, $chaz);
        $crate::change::create_drop!(@member $field: $ir, $create, true, $ddeps, $label,
            $(#[$ddoc])* $drop = $dkind, $drank, $dhaz);

        impl $crate::change::MemberCreateDrop for $ir {
            fn added_to(self, table: &$crate::schema::QualifiedName) -> $crate::change::Change {
                $create { table: table.clone(), $field: Box::new(self) }.into()
            }
            fn dropped_from(self, table: &$crate::schema::QualifiedName) -> $crate::change::Change {
                $drop { table: table.clone(), $field: Box::new(self) }.into()
            }
        }
    };
    (@member $field:ident: $ir:ty, $other:ident, $is_drop:literal, $deps:expr, $label:expr,
        $(#[$doc:meta])* $name:ident = $kind:literal, $rank:expr, $haz:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        pub struct $name {
            pub table: $crate::schema::QualifiedName,
            pub $field: Box<$ir>,
        }

        impl $crate::change::ChangeKind for $name {
            const KIND: &'static str = $kind;
            fn rank(&self) -> u8 {
                let rank: fn(&$ir) -> u8 = $rank;
                rank(&self.$field)
            }
            fn invert(&self) -> $crate::change::Change {
                $other {
                    table: self.table.clone(),
                    $field: self.$field.clone(),
                }
                .into()
            }
            fn is_drop(&self) -> bool {
                $is_drop
            }
            fn label(&self) -> String {
                let label: fn(&$crate::schema::QualifiedName, &$ir) -> String = $label;
                format!("{}_{}", $crate::change::verb($kind), label(&self.table, &self.$field))
            }
            fn deps(&self) -> $crate::change::Deps {
                let deps: fn(&$crate::schema::QualifiedName, &$ir) -> $crate::change::Deps =
                    $deps;
                deps(&self.table, &self.$field)
            }
            fn hazards(&self, current: &$crate::schema::Schema) -> Vec<$crate::hazard::Hazard> {
                let hazards: fn(
                    &$crate::schema::QualifiedName,
                    &$ir,
                    &$crate::schema::Schema,
                ) -> Vec<$crate::hazard::Hazard> = $haz;
                hazards(&self.table, &self.$field, current)
            }
        }
    };
}
pub(crate) use create_drop;

/// Declares a change from one form of an object to another (`from` → `to`, plus any other
/// fields, declared first and kept by its inverse) and its [`ChangeKind`] impl: it inverts by swapping
/// `from` and `to`, never drops, and its rank, label, dependencies and hazards are the
/// given closures of the change.
macro_rules! from_to {
    (
        $(#[$doc:meta])* $name:ident { from, to: $ty:ty $(, $(#[$fdoc:meta])* $field:ident: $fty:ty)* $(,)? }
        = $kind:literal, rank $rank:expr, label $label:expr, deps $deps:expr, hazards $haz:expr $(,)?
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        pub struct $name {
            $($(#[$fdoc])* pub $field: $fty,)*
            pub from: $ty,
            pub to: $ty,
        }

        impl $crate::change::ChangeKind for $name {
            const KIND: &'static str = $kind;
            fn rank(&self) -> u8 {
                let rank: fn(&$name) -> u8 = $rank;
                rank(self)
            }
            fn invert(&self) -> $crate::change::Change {
                $name {
                    $($field: self.$field.clone(),)*
                    from: self.to.clone(),
                    to: self.from.clone(),
                }
                .into()
            }
            fn is_drop(&self) -> bool {
                false
            }
            fn label(&self) -> String {
                let label: fn(&$name) -> String = $label;
                label(self)
            }
            fn deps(&self) -> $crate::change::Deps {
                let deps: fn(&$name) -> $crate::change::Deps = $deps;
                deps(self)
            }
            fn hazards(&self, current: &$crate::schema::Schema) -> Vec<$crate::hazard::Hazard> {
                let hazards: fn(&$name, &$crate::schema::Schema) -> Vec<$crate::hazard::Hazard> =
                    $haz;
                hazards(self, current)
            }
        }
    };
}
pub(crate) use from_to;

/// A [`from_to!`] change that renames a whole object (`ALTER … RENAME TO`), labelled
/// `rename_<from>_to_<to>`: it takes the old name away and gives the new one.
macro_rules! renamed {
    ($(#[$doc:meta])* $name:ident = $kind:literal, rank $rank:literal, hazards $haz:expr $(,)?) => {
        $crate::change::from_to! {
            $(#[$doc])*
            $name { from, to: $crate::schema::QualifiedName }
            = $kind,
            rank |_| $rank,
            label |c| format!("rename_{}_to_{}", c.from.name, c.to.name),
            deps |c| $crate::change::Deps::renaming(&c.from, &c.to),
            hazards |_, _| $haz,
        }
    };
}
pub(crate) use renamed;

/// A [`from_to!`] change of one setting of the relation `$on` in place (`ALTER … SET (…)`,
/// `ENABLE ROW LEVEL SECURITY`, …): it needs the relation and nothing else, and its label
/// is `$label` and the relation's name.
macro_rules! relation_setting {
    (
        $(#[$doc:meta])* $name:ident { $on:ident: $ty:ty } = $kind:literal,
        rank $rank:literal, label $label:literal, hazards $haz:expr $(,)?
    ) => {
        $crate::change::from_to! {
            $(#[$doc])*
            $name { from, to: $ty, $on: $crate::schema::QualifiedName }
            = $kind,
            rank |_| $rank,
            label |c| format!(concat!($label, "_{}"), c.$on.name),
            deps |c| $crate::change::Deps::creating(
                vec![],
                vec![$crate::change::ObjRef::Name(c.$on.clone())],
            ),
            hazards |_, _| $haz,
        }
    };
}
pub(crate) use relation_setting;

/// The link between a change type and its variant of [`Change`]; implemented by
/// `change_kinds!` for every listed type.
pub trait Variant: Sized {
    /// The change as this type, or `None` when it is another kind of change.
    fn from_change(change: &Change) -> Option<&Self>;
}

/// A `match` over every variant of [`Change`] that binds the change to `$c`, as its own
/// type, and gives `$call`: how [`Change`] hands each method to its variant's [`ChangeKind`].
macro_rules! on_each_variant {
    ($value:expr, [$($variant:ident),+], |$c:ident| $call:expr) => {{
        // Method calls, so a boxed variant's type is reached through its `Box`.
        use $crate::change::ChangeKind as _;
        match $value {
            $(Change::$variant($c) => $call,)+
        }
    }};
}
pub(crate) use on_each_variant;

/// Generates `enum Change` and everything derived from the list of change types: the
/// built-in kinds (variant named after its type) and the one dialect-object variant.
macro_rules! change_kinds {
    (
        built_in: $($kind:ident),+ $(,)?;
        boxed: $($bkind:ident),+ $(,)?;
        dialect: $dvariant:ident($dtype:ident) $(;)?
    ) => {
        /// One DDL operation.
        ///
        /// A change stays small, since a migration of thousands of tables holds several
        /// lists of its changes at once: the large objects a variant carries (a table, a
        /// column, a function) are boxed by the macros that declare the change types, and
        /// the change types that are large themselves are listed as `boxed:`.
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "change", rename_all = "snake_case")]
        pub enum Change {
            $($kind($kind),)+
            $($bkind(Box<$bkind>),)+
            $dvariant(Box<$dtype>),
        }

        impl Change {
            /// Every built-in change kind, for registry completeness checks.
            pub const KINDS: &'static [&'static str] = &[
                $(<$kind as $crate::change::ChangeKind>::KIND,)+
                $(<$bkind as $crate::change::ChangeKind>::KIND,)+
            ];

            /// The variant names, for the test that each kind's name is its serde tag.
            #[cfg(test)]
            pub(crate) const VARIANTS: &'static [&'static str] =
                &[$(stringify!($kind),)+ $(stringify!($bkind),)+];

            /// Each variant's name and size in bytes, for the test that a change stays small.
            #[cfg(test)]
            pub(crate) const SIZES: &'static [(&'static str, usize)] = &[
                $((stringify!($kind), std::mem::size_of::<$kind>()),)+
                $((stringify!($bkind), std::mem::size_of::<Box<$bkind>>()),)+
                (stringify!($dvariant), std::mem::size_of::<Box<$dtype>>()),
            ];

            /// The stable snake_case name: registry key and template name.
            pub fn kind(&self) -> &str {
                $crate::change::on_each_variant!(self, [$($kind,)+ $($bkind,)+ $dvariant], |c| c.kind_name())
            }

            /// Tie-break rank when dependencies leave a choice: lower runs first.
            pub fn rank(&self) -> u8 {
                $crate::change::on_each_variant!(self, [$($kind,)+ $($bkind,)+ $dvariant], |c| c.rank())
            }

            /// The change that undoes this one.
            pub fn invert(&self) -> Change {
                $crate::change::on_each_variant!(self, [$($kind,)+ $($bkind,)+ $dvariant], |c| c.invert())
            }

            /// True when the change removes an object (and so may lose data).
            pub fn is_drop(&self) -> bool {
                $crate::change::on_each_variant!(self, [$($kind,)+ $($bkind,)+ $dvariant], |c| c.is_drop())
            }

            /// A short label for file names and summaries, e.g. `create_users`.
            pub fn label(&self) -> String {
                $crate::change::on_each_variant!(self, [$($kind,)+ $($bkind,)+ $dvariant], |c| c.label())
            }

            /// What the change creates, requires, removes and releases.
            pub fn deps(&self) -> $crate::change::Deps {
                $crate::change::on_each_variant!(self, [$($kind,)+ $($bkind,)+ $dvariant], |c| c.deps())
            }

            /// The hazards of the change applied to `current`, sorted, each once.
            pub fn hazards(&self, current: &$crate::schema::Schema) -> Vec<$crate::hazard::Hazard> {
                let mut out = $crate::change::on_each_variant!(
                    self,
                    [$($kind,)+ $($bkind,)+ $dvariant],
                    |c| c.hazards(current)
                );
                out.sort();
                out.dedup();
                out
            }
        }

        $crate::change::variant_impls!($($kind($kind)),+);
        $crate::change::variant_impls!(boxed $($bkind($bkind),)+ $dvariant($dtype));
    };
}
pub(crate) use change_kinds;

/// `From` and [`Variant`] for the type of each variant of [`Change`], given as
/// `Variant(Type)`, after `boxed` for the variants that hold their type in a `Box`.
macro_rules! variant_impls {
    ($($variant:ident($ty:ident)),+ $(,)?) => {$(
        $crate::change::variant_impls!(@one $variant, $ty, |c| c, |c| c);
    )+};
    (boxed $($variant:ident($ty:ident)),+ $(,)?) => {$(
        $crate::change::variant_impls!(@one $variant, $ty, |c| Box::new(c), |c| &**c);
    )+};
    (@one $variant:ident, $ty:ident, |$w:ident| $wrap:expr, |$u:ident| $unwrap:expr) => {
        impl From<$ty> for Change {
            fn from($w: $ty) -> Change {
                Change::$variant($wrap)
            }
        }

        impl $crate::change::Variant for $ty {
            fn from_change(change: &Change) -> Option<&Self> {
                match change {
                    Change::$variant($u) => Some($unwrap),
                    _ => None,
                }
            }
        }
    };
}
pub(crate) use variant_impls;

impl Change {
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
}

#[cfg(test)]
mod tests;
