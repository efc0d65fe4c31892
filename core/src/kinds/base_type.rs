//! Base types (`CREATE TYPE name (INPUT = …, OUTPUT = …, …)`) and the shell type each one
//! starts as (`CREATE TYPE name;`): their IR and the `create_shell_type`/`drop_shell_type`,
//! `create_base_type`/`drop_base_type` and `alter_base_type` changes.
//!
//! A base type's input and output functions take or return the type itself, and the type
//! names them: PostgreSQL needs the shell first, then the functions, then the full
//! definition. So a new base type is two changes: its shell, which the I/O functions
//! require (they name it in [`Function::shells`], filled by the dialect), and its
//! definition, which requires them and creates the type's name for everything else. The
//! functions stay ordinary function changes in between.
//!
//! Dropped, the type goes with `DROP TYPE … CASCADE`, which takes its I/O functions along
//! (they depend on the type and it on them, so neither drops alone); their own drops come
//! after it and say `IF EXISTS`, and the shell's drop after them. The down file of a drop
//! is then the create in the right order.
//!
//! PostgreSQL 15 alters `RECEIVE`, `SEND`, `TYPMOD_IN`, `TYPMOD_OUT`, `ANALYZE`,
//! `SUBSCRIPT` and `STORAGE` in place (`ALTER TYPE … SET (…)`): those change in place.
//! Any other option changing drops and creates the type (and the dialect's builder
//! refuses that while a column or domain keeps using it).

use crate::change::{create_drop, from_to, no_hazards, Change, Deps, ObjRef};
use crate::diff::{comment_change, pair_up};
use crate::identity::ObjectId;
use crate::kinds::comment::Commented;
use crate::kinds::{Function, ObjectKind};
use crate::schema::{QualifiedName, Schema};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A base type with the options `pg_type` stores for it. Options left out in the file hold
/// what PostgreSQL fills in, so a file and the catalog compare field by field.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaseType {
    pub name: QualifiedName,
    pub input: QualifiedName,
    pub output: QualifiedName,
    pub receive: Option<QualifiedName>,
    pub send: Option<QualifiedName>,
    pub typmod_in: Option<QualifiedName>,
    pub typmod_out: Option<QualifiedName>,
    pub analyze: Option<QualifiedName>,
    pub subscript: Option<QualifiedName>,
    /// `INTERNALLENGTH`: bytes, or -1 for `VARIABLE` (the default).
    pub internal_length: i16,
    pub passed_by_value: bool,
    /// `ALIGNMENT`: `char`, `int2`, `int4` (the default) or `double`.
    pub alignment: String,
    /// `STORAGE`: `plain` (the default), `external`, `extended` or `main`.
    pub storage: String,
    /// `CATEGORY`: one character, `U` by default.
    pub category: String,
    pub preferred: bool,
    /// `DEFAULT`: the text PostgreSQL keeps (`typdefault`).
    pub default: Option<String>,
    /// `ELEMENT`: canonical type text, with the user type it names for ordering.
    pub element: Option<String>,
    pub element_ref: Option<QualifiedName>,
    /// `DELIMITER`: one character, `,` by default.
    pub delimiter: String,
    pub collatable: bool,
    pub comment: Option<String>,
}

impl BaseType {
    /// The base type `name` over its input and output functions, with every other option
    /// as PostgreSQL fills it in when `CREATE TYPE` leaves it out.
    pub fn new(name: QualifiedName, input: QualifiedName, output: QualifiedName) -> Self {
        BaseType {
            name,
            input,
            output,
            receive: None,
            send: None,
            typmod_in: None,
            typmod_out: None,
            analyze: None,
            subscript: None,
            internal_length: -1,
            passed_by_value: false,
            alignment: "int4".into(),
            storage: "plain".into(),
            category: "U".into(),
            preferred: false,
            default: None,
            element: None,
            element_ref: None,
            delimiter: ",".into(),
            collatable: false,
            comment: None,
        }
    }

    /// Every support function it names.
    pub fn functions(&self) -> impl Iterator<Item = &QualifiedName> {
        [&self.input, &self.output].into_iter().chain(
            [
                &self.receive,
                &self.send,
                &self.typmod_in,
                &self.typmod_out,
                &self.analyze,
                &self.subscript,
            ]
            .into_iter()
            .flatten(),
        )
    }

    /// Whether `other` differs from `self` only in what `ALTER TYPE … SET (…)` can change
    /// (and the comment).
    pub fn alterable_to(&self, other: &BaseType) -> bool {
        let mut o = other.clone();
        o.receive.clone_from(&self.receive);
        o.send.clone_from(&self.send);
        o.typmod_in.clone_from(&self.typmod_in);
        o.typmod_out.clone_from(&self.typmod_out);
        o.analyze.clone_from(&self.analyze);
        o.subscript.clone_from(&self.subscript);
        o.storage.clone_from(&self.storage);
        o.comment.clone_from(&self.comment);
        *self == o
    }

    /// Whether it differs from `other` in more than its comment.
    fn differs(&self, other: &BaseType) -> bool {
        let mut o = other.clone();
        o.comment.clone_from(&self.comment);
        *self != o
    }
}

/// The shell of a base type (`CREATE TYPE name;`): what its I/O functions need to exist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShellType {
    pub name: QualifiedName,
}

/// The ref of the shell of the base type `name`, which its I/O functions require.
pub fn shell_ref(name: &QualifiedName) -> ObjRef {
    ObjRef::Id(ObjectId::named(
        ObjectKind::ShellType,
        name.schema.clone(),
        name.name.clone(),
    ))
}

/// Marks the I/O functions of `t` among `functions`: each function that `t` names and that
/// takes or returns `t` is created while `t` is a shell ([`Function::shells`]).
pub fn mark_io_functions(t: &BaseType, functions: &mut BTreeMap<ObjectId, Function>) {
    let named: Vec<&QualifiedName> = t.functions().collect();
    for f in functions.values_mut() {
        let uses = f.definition.refs.contains(&t.name);
        if uses && named.contains(&&f.name) && !f.shells.contains(&t.name) {
            f.shells.push(t.name.clone());
        }
    }
}

fn shell_created(s: &ShellType) -> Deps {
    Deps::creating(
        vec![shell_ref(&s.name)],
        vec![ObjRef::schema(s.name.schema.clone())],
    )
}

create_drop! {
    ShellType, deps shell_created, label |s| format!("type_{}", s.name.name);
    /// `CREATE TYPE name;`, the shell a base type's I/O functions are created on.
    CreateShellType = "create_shell_type", rank 23, hazards no_hazards;
    /// Drops the shell of a base type whose drop (`CASCADE`) may already have taken it.
    DropShellType = "drop_shell_type", rank 17, hazards no_hazards;
}

fn created(t: &BaseType) -> Deps {
    let mut deps = Deps::in_schema(&t.name, t.element_ref.clone());
    deps.requires.push(shell_ref(&t.name));
    deps.requires.extend(
        t.functions()
            .filter(|f| f.schema != "pg_catalog")
            .map(|f| ObjRef::Routine(f.clone())),
    );
    deps
}

create_drop! {
    BaseType, deps created, label |t| format!("type_{}", t.name.name);
    /// `CREATE TYPE name (INPUT = …, OUTPUT = …, …)`, completing its shell.
    CreateBaseType = "create_base_type", rank 25, hazards no_hazards;
    /// `DROP TYPE … CASCADE`, which takes its I/O functions along.
    DropBaseType = "drop_base_type", rank 16, hazards no_hazards;
}

from_to! {
    /// `ALTER TYPE … SET (…)` of the options PostgreSQL alters in place.
    AlterBaseType { from, to: Box<BaseType> } = "alter_base_type",
    rank |_| 26,
    label |c| format!("alter_type_{}", c.to.name.name),
    deps |c| Deps::replacing(created(&c.from), created(&c.to)),
    hazards |_, _| vec![],
}

/// The diff pass of base types: a new one is its shell and its definition, a dropped one
/// its definition and its shell; one that changes only alterable options is altered in
/// place, else dropped and created.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let create = |t: &BaseType, out: &mut Vec<Change>| {
        out.push(
            CreateShellType(Box::new(ShellType {
                name: t.name.clone(),
            }))
            .into(),
        );
        out.push(CreateBaseType(Box::new(t.clone())).into());
    };
    let drop = |t: &BaseType, out: &mut Vec<Change>| {
        out.push(DropBaseType(Box::new(t.clone())).into());
        out.push(
            DropShellType(Box::new(ShellType {
                name: t.name.clone(),
            }))
            .into(),
        );
    };
    pair_up(&current.base_types, &desired.base_types, |c, d| {
        match (c, d) {
            (Some(c), None) => drop(c, out),
            (None, Some(d)) => create(d, out),
            (Some(c), Some(d)) if !c.differs(d) => {
                comment_change(out, d.comment_on(), c.comment(), d.comment())
            }
            (Some(c), Some(d)) if c.alterable_to(d) => {
                out.push(AlterBaseType::between(c.clone(), d.clone()));
                comment_change(out, d.comment_on(), c.comment(), d.comment());
            }
            (Some(c), Some(d)) => {
                drop(c, out);
                create(d, out);
            }
            (None, None) => {}
        }
    });
}

impl AlterBaseType {
    /// The change that turns `from` into `to` in place.
    pub(crate) fn between(from: BaseType, to: BaseType) -> Change {
        AlterBaseType {
            from: Box::new(from),
            to: Box::new(to),
        }
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::testkit::*;
    use crate::schema::Column;
    use insta::assert_snapshot;

    pub(crate) fn mytext() -> BaseType {
        BaseType {
            storage: "extended".into(),
            ..BaseType::new(qn("mytext"), qn("mytext_in"), qn("mytext_out"))
        }
    }

    /// `mytext` with its two I/O functions and a table using it.
    fn with_type(t: BaseType) -> Schema {
        let mut s = schema()
            .with(t.clone())
            .with(io("mytext_in", "cstring", "mytext"))
            .with(io("mytext_out", "mytext", "cstring"))
            .with(table(
                "t",
                [Column {
                    type_ref: Some(qn("mytext")),
                    ..col("v", "mytext")
                }],
            ));
        mark_io_functions(&t, &mut s.functions);
        s
    }

    fn io(name: &str, parameters: &str, returns: &str) -> Function {
        let mut f = function(name, parameters, returns, "textin");
        f.definition.refs = vec![qn("mytext")];
        f
    }

    #[test]
    fn a_new_base_type_is_its_shell_then_its_functions_then_its_definition() {
        assert_snapshot!(planned(&schema(), &with_type(mytext())));
    }

    #[test]
    fn a_dropped_base_type_goes_after_its_columns_and_before_its_functions() {
        assert_snapshot!(planned(&with_type(mytext()), &schema()));
    }

    #[test]
    fn alterable_options_change_in_place_and_others_recreate() {
        let current = schema().with(mytext());
        let stored = schema().with(BaseType {
            storage: "main".into(),
            comment: Some("c".into()),
            ..mytext()
        });
        let delimited = schema().with(BaseType {
            delimiter: ";".into(),
            ..mytext()
        });
        assert_snapshot!(format!(
            "{}\n---\n{}",
            diffed(&current, &stored),
            diffed(&current, &delimited)
        ));
    }
}
