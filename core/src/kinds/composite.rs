//! Composite types: their IR and the `create_composite`/`drop_composite`/`alter_composite`
//! changes.

use crate::change::{create_drop, from_to, no_hazards, Change, Deps, ObjRef};
use crate::diff::{diff_objects, Kept};
use crate::hazard::Hazard;
use crate::kinds::comment::Commented;
use crate::schema::{QualifiedName, Schema};
use serde::{Deserialize, Serialize};

/// A composite type (`CREATE TYPE … AS (…)`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompositeType {
    pub name: QualifiedName,
    /// Attributes in order: name, canonical type, and the user type it names.
    pub attributes: Vec<Attribute>,
    pub comment: Option<String>,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribute {
    pub name: String,
    pub data_type: String,
    pub type_ref: Option<QualifiedName>,
    pub collation: Option<String>,
}

fn created(t: &CompositeType) -> Deps {
    let types = t.attributes.iter().filter_map(|a| a.type_ref.clone());
    let mut deps = Deps::in_schema(&t.name, types);
    let collations = t.attributes.iter().filter_map(|a| a.collation.as_deref());
    deps.requires
        .extend(collations.map(crate::kinds::used_collation));
    // Each attribute, as a column of the type: a typed table's own options on it are set
    // after the type gains it and taken off before the type loses it (`table/typed.rs`).
    deps.creates.extend(
        t.attributes
            .iter()
            .map(|a| ObjRef::column(t.name.clone(), a.name.clone())),
    );
    deps
}

create_drop! {
    CompositeType, deps created, label |t| format!("type_{}", t.name.name);
    /// `CREATE TYPE … AS (…)`.
    CreateComposite = "create_composite", rank 24, hazards no_hazards;
    /// `DROP TYPE` of a composite type.
    DropComposite = "drop_composite", rank 17, hazards no_hazards;
}

from_to! {
    /// Attributes added, dropped or retyped (`ALTER TYPE … CASCADE`, which changes the
    /// columns of the type's typed tables too).
    AlterComposite {
        from,
        to: Box<CompositeType>,
        /// The typed tables that stay typed by the type: their columns change with it.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        tables: Vec<QualifiedName>,
    } = "alter_composite",
    rank |_| 24,
    label |c| format!("alter_type_{}", c.to.name.name),
    deps |c| {
        let mut deps = Deps::replacing(created(&c.from), created(&c.to));
        if c.reshapes_tables() {
            // What reads the typed tables' rows goes first and comes back after (the
            // cascade takes it off), as around a column retyped or dropped.
            for t in &c.tables {
                deps.creates.push(ObjRef::Columns(t.clone()));
                deps.removes.push(ObjRef::Columns(t.clone()));
            }
        }
        deps
    },
    hazards |c, current| typed_table_hazards(c, current),
}

impl AlterComposite {
    /// The change that turns `from` into `to` in place, with the typed tables of `current`
    /// that stay typed by it in `desired`.
    pub(crate) fn between(
        from: CompositeType,
        to: CompositeType,
        current: &Schema,
        desired: &Schema,
    ) -> Change {
        let stays_typed = |t: &&crate::schema::Table| {
            t.of_type.as_ref() == Some(&from.name)
                && desired
                    .tables
                    .get(&t.name)
                    .is_some_and(|d| d.of_type.as_ref() == Some(&from.name))
        };
        let tables = current
            .tables
            .values()
            .filter(stays_typed)
            .map(|t| t.name.clone())
            .collect();
        AlterComposite {
            from: Box::new(from),
            to: Box::new(to),
            tables,
        }
        .into()
    }

    /// Whether an attribute is dropped or retyped, which drops or retypes the column of
    /// each typed table: what reads those tables must be out of the way (PostgreSQL refuses
    /// to retype a column a view reads, and `CASCADE` drops a view reading a dropped one).
    pub fn reshapes_tables(&self) -> bool {
        !self.reshaped_attributes().is_empty()
    }

    /// The attributes dropped or retyped: the columns of its typed tables that change.
    pub fn reshaped_attributes(&self) -> Vec<&str> {
        self.from
            .attributes
            .iter()
            .filter(|a| {
                self.to
                    .attributes
                    .iter()
                    .all(|b| b.name != a.name || b != *a)
            })
            .map(|a| a.name.as_str())
            .collect()
    }
}

/// What the type's change does to the rows of its typed tables: an attribute dropped
/// drops their column, one retyped rewrites them.
fn typed_table_hazards(c: &AlterComposite, current: &Schema) -> Vec<Hazard> {
    let typed = current
        .tables
        .values()
        .any(|t| t.of_type.as_ref() == Some(&c.from.name));
    if !typed {
        return vec![];
    }
    let mut h = Vec::new();
    let kept = |a: &Attribute| c.to.attributes.iter().find(|b| b.name == a.name);
    if c.from.attributes.iter().any(|a| kept(a).is_none()) {
        h.extend([Hazard::DeletesData, Hazard::IrreversibleDown]);
    }
    if c.from
        .attributes
        .iter()
        .any(|a| kept(a).is_some_and(|b| b != a))
    {
        h.extend([Hazard::RewritesTable, Hazard::MayFailOnExistingData]);
    }
    if c.from.attributes != c.to.attributes {
        h.push(Hazard::AccessExclusiveLock);
    }
    h
}

/// The diff pass of composite types: attributes added, dropped or retyped in place.
pub(crate) fn diff(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    let altered = |c: &CompositeType, d: &CompositeType, out: &mut Vec<Change>| {
        if c.attributes != d.attributes {
            out.push(AlterComposite::between(
                c.uncommented(),
                d.uncommented(),
                current,
                desired,
            ));
        }
        Kept::InPlace
    };
    diff_objects(&current.composites, &desired.composites, altered, out);
}

/// Whether an attribute that stays is retyped: PostgreSQL refuses that while a table's
/// column (not a typed table's) is of the type (`cannot alter type … because column …
/// uses it`).
fn retypes_attributes(c: &AlterComposite) -> bool {
    c.from
        .attributes
        .iter()
        .any(|a| c.to.attributes.iter().any(|b| b.name == a.name && b != a))
}

/// The columns of the composite types whose attributes are retyped, in the tables that
/// keep them (arrays of the type too): PostgreSQL refuses the retype while they are of the
/// type, so each is turned into `text` before it (`USING col::text`, its default taken
/// off) and back into the type after (`USING col::type`, its default put back), the values
/// going through their text form. Those are column retypes, so the cascade then takes what
/// reads the columns (views, CHECKs, indexes) off and puts it back as for any other. A
/// column the changes already alter or drop is left to them, and so are generated and
/// inherited ones; a domain over the type is not handled.
pub(crate) fn release_columns(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    use crate::kinds::column::{kept_columns_of, through, type_ref, Column};
    let retyped: Vec<QualifiedName> = out
        .iter()
        .filter_map(|c| match c {
            Change::AlterComposite(a) if retypes_attributes(a) => Some(a.to.name.clone()),
            _ => None,
        })
        .collect();
    let text = |c: Column| Column {
        data_type: "text".into(),
        type_ref: None,
        default: None,
        storage: None,
        ..c
    };
    let extra: Vec<Change> =
        kept_columns_of(current, desired, out, type_ref, |r| retyped.contains(r))
            .into_iter()
            .flat_map(|(table, c, dc)| through(table, c, dc, text))
            .collect();
    out.extend(extra);
}

#[cfg(test)]
mod tests {
    use crate::kinds::testkit::*;
    use crate::schema::CompositeType;
    use insta::assert_snapshot;

    #[test]
    fn a_new_composite_is_created() {
        let desired = schema().with(composite("pair", &[("a", "integer"), ("b", "text")]));
        assert_snapshot!(diffed(&schema(), &desired));
    }

    #[test]
    fn an_added_attribute_alters_the_type_in_place() {
        let current = schema().with(composite("pair", &[("a", "integer")]));
        let desired = schema().with(composite("pair", &[("a", "integer"), ("b", "text")]));
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_column_of_a_type_retyping_an_attribute_goes_through_text_around_it() {
        let ty = |t: &str| composite("pair", &[("a", t)]);
        let priced = table(
            "t",
            [crate::schema::Column {
                type_ref: Some(qn("pair")),
                ..col("p", "pair")
            }],
        );
        let current = schema().with(ty("integer")).with(priced.clone());
        let desired = schema().with(ty("bigint")).with(priced);
        let plan = planned(&current, &desired);
        let labels: Vec<&str> = plan.lines().map(|l| l.split(' ').next().unwrap()).collect();
        assert_eq!(
            labels,
            ["alter_column", "alter_composite", "alter_column"],
            "{plan}"
        );
        assert!(
            plan.lines()
                .next()
                .unwrap()
                .contains(r#""data_type":"text""#),
            "{plan}"
        );
    }

    #[test]
    fn a_comment_alone_is_set_without_altering_the_type() {
        let current = schema().with(composite("pair", &[("a", "integer")]));
        let desired = schema().with(CompositeType {
            comment: Some("two things".into()),
            ..composite("pair", &[("a", "integer")])
        });
        assert_snapshot!(diffed(&current, &desired));
    }
}
