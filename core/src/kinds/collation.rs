//! Collations (`CREATE COLLATION`): their IR and the `create_collation`/`drop_collation`
//! changes.
//!
//! PostgreSQL has no `ALTER COLLATION` for a collation's settings (only `RENAME`, `OWNER`,
//! `SCHEMA` and `REFRESH VERSION`), so a changed setting drops and creates it; a comment
//! alone changes in place. Columns, domains, composite attributes, range types and index
//! keys name a collation by its name alone (as the catalog prints it, found along the search path), which is the name it
//! has in `public`: [`used_collation`] is what they require of it, so a collation is
//! created before them and dropped after them. The table columns of a collation dropped
//! and created go to their type's own collation and back around it ([`release_columns`]).

use crate::change::{create_drop, no_hazards, Change, Deps, ObjRef};
use crate::kinds::comment::differs_beyond_comment;
use crate::schema::{QualifiedName, Schema};
use serde::{Deserialize, Serialize};

/// The collation provider (`pg_collation.collprovider`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CollationProvider {
    /// `libc` (`c`): the operating system's locales, named by `LC_COLLATE` and `LC_CTYPE`.
    Libc,
    /// `icu` (`i`): an ICU locale.
    Icu,
}

/// A user collation and the settings `pg_collation` stores for it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collation {
    pub name: QualifiedName,
    pub provider: CollationProvider,
    /// `LC_COLLATE` of a libc collation (`collcollate`).
    pub lc_collate: Option<String>,
    /// `LC_CTYPE` of a libc collation (`collctype`).
    pub lc_ctype: Option<String>,
    /// The ICU locale of an ICU collation (`colliculocale`).
    pub locale: Option<String>,
    /// `DETERMINISTIC` (`collisdeterministic`): false compares strings equal that sort
    /// equal although their bytes differ.
    pub deterministic: bool,
    pub comment: Option<String>,
}

/// What a column, domain, attribute, range type or index key with `COLLATE name` requires: the collation called
/// `name` along the search path, which is `public`'s (the name is written unqualified).
pub fn used_collation(name: &str) -> ObjRef {
    ObjRef::Name(QualifiedName::new("public", name))
}

fn created(c: &Collation) -> Deps {
    Deps::in_schema(&c.name, [])
}

create_drop! {
    Collation, deps created, label |c| format!("collation_{}", c.name.name),
        diff collations recreated when differs_beyond_comment;
    /// `CREATE COLLATION`.
    CreateCollation = "create_collation", rank 23, hazards no_hazards;
    /// `DROP COLLATION`.
    DropCollation = "drop_collation", rank 17, hazards no_hazards;
}

/// The table columns of the `public` collations dropped and created (a setting changes),
/// in the tables that keep them of the collation: PostgreSQL refuses to drop a collation a
/// column uses, so each column goes to its type's own collation before the drop and back
/// after the creation (two `AlterColumn`s, [`through`](crate::kinds::column::through)).
/// Those are column retypes, so the cascade then takes what reads the columns (views,
/// CHECKs, indexes) off and puts it back as for any other; the planner orders the first
/// before the drop (it releases the collation) and the second after the creation (it
/// requires it). A column the changes already alter or drop is left to them, and so are
/// generated and inherited columns; what else uses the collation is refused by the
/// dialect's `DROP COLLATION` builder.
pub(crate) fn release_columns(current: &Schema, desired: &Schema, out: &mut Vec<Change>) {
    use crate::kinds::column::{kept_columns_of, through, Column};
    let recreated = |name: &str| {
        let q = QualifiedName::new("public", name);
        let new = desired.collations.get(&q);
        current
            .collations
            .get(&q)
            .zip(new)
            .is_some_and(|(o, n)| differs_beyond_comment(o, n))
    };
    // A table dropped and created again (its partitioning changes) lets go of it anyway.
    let recreated_tables = crate::kinds::table::recreated(current, desired);
    fn collation(c: &Column) -> Option<&str> {
        c.collation.as_deref()
    }
    let released = |c: Column| Column {
        collation: None,
        ..c
    };
    let extra: Vec<Change> = kept_columns_of(current, desired, out, collation, recreated)
        .into_iter()
        .filter(|(table, _, _)| !recreated_tables.contains(*table))
        .flat_map(|(table, c, dc)| through(table, c, dc, released))
        .collect();
    out.extend(extra);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::testkit::*;
    use crate::schema::{Column, Domain};
    use insta::assert_snapshot;

    fn nocase() -> Collation {
        Collation {
            name: qn("nocase"),
            provider: CollationProvider::Icu,
            lc_collate: None,
            lc_ctype: None,
            locale: Some("und-u-ks-level2".into()),
            deterministic: false,
            comment: None,
        }
    }

    #[test]
    fn a_new_collation_is_created_and_a_dropped_one_dropped() {
        let current = schema().with(Collation {
            name: qn("old"),
            ..nocase()
        });
        let desired = schema().with(nocase());
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_changed_setting_drops_and_creates_the_collation() {
        let current = schema().with(nocase());
        let desired = schema().with(Collation {
            deterministic: true,
            comment: Some("now deterministic".into()),
            ..nocase()
        });
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_comment_alone_is_set_in_place() {
        let current = schema().with(nocase());
        let desired = schema().with(Collation {
            comment: Some("case-insensitive".into()),
            ..nocase()
        });
        assert_snapshot!(diffed(&current, &desired));
    }

    #[test]
    fn a_collation_comes_before_the_columns_and_domains_that_use_it_and_goes_after() {
        let column = Column {
            collation: Some("nocase".into()),
            ..col("name", "text")
        };
        let domain = Domain {
            collation: Some("nocase".into()),
            ..domain("label", "text")
        };
        let used = schema()
            .with(nocase())
            .with(table("t", [column]))
            .with(domain);
        assert_snapshot!(planned(&schema(), &used));
        assert_snapshot!(planned(&used, &schema()));
    }

    #[test]
    fn a_column_of_a_changed_collation_goes_to_its_types_own_around_it() {
        let used = table(
            "t",
            [Column {
                collation: Some("nocase".into()),
                ..col("name", "text")
            }],
        );
        let current = schema().with(nocase()).with(used.clone());
        let desired = schema()
            .with(Collation {
                locale: Some("und-u-ks-level1".into()),
                ..nocase()
            })
            .with(used);
        assert_snapshot!(planned(&current, &desired));
    }
}
