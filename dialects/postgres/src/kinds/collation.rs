//! Collations: CREATE/DROP COLLATION, COMMENT ON COLLATION and ALTER COLLATION … RENAME.
//!
//! The PostgreSQL side of this object kind's slice, small enough for one file: how it
//! loads from a parsed statement, how it is read from `pg_collation`, and the DDL builders
//! of its change kinds. Its IR, change types and diff live in core
//! (`migrator_core::kinds::collation`).
//!
//! `CREATE COLLATION name FROM source` copies the source's settings: a collation of the
//! files, or a built-in one whose settings are known without a server (`"C"`, `"POSIX"`,
//! `ucs_basic`, and the ICU ones named `<locale>-x-icu`); others (the operating system's
//! locales) are refused with the way out, since their settings depend on the server.
//! A collation that changes is dropped and created; the table columns that use it go to
//! their type's own collation and back around it (core's cascade). PostgreSQL refuses the
//! drop while a generated column, a domain, an attribute or an index key naming it uses it,
//! so the builder refuses those first, with the way out (docs/SUPPORTED.md, known limits).

use crate::ddl::comments::restore_comment;
use crate::ddl::{qname, render};
use crate::define::arg_names;
use crate::introspect::{not_extension_member, Catalog, CatalogKind, RowExt, Scope};
use crate::load::{Loader, R};
use crate::normalize::{const_text, def_elems, strings};
use migrator_core::dialect::{BuildContext, BuildError, LoadError, Registry, Statement};
use migrator_core::kinds::{CreateCollation, DropCollation};
use migrator_core::render::quote_literal;
use migrator_core::schema::{Collation, CollationProvider, Column, QualifiedName, Schema};
use pg_query::protobuf::{self as pb, node::Node as N, ObjectType as Ot};
use serde_json::{json, Value};
use tokio_postgres::Row;

/// This kind's row in the registry ([`crate::kinds::SLICES`]).
pub(crate) const SLICE: super::Slice = super::Slice {
    load: Some(statement),
    catalog: CatalogKind::new(query, read, 1),
    register,
};

/// The statements this kind owns: `CREATE COLLATION` (a `DefineStmt`).
fn statement(l: &mut Loader, node: &N) -> Option<R<()>> {
    match node {
        N::DefineStmt(s) if s.kind == Ot::ObjectCollation as i32 => Some(l.create_collation(s)),
        _ => None,
    }
}

/// A collation named in a `COLLATE` clause (of a column, a domain, an attribute, an index
/// key), as the catalog prints it: by its name alone where it is found without its schema
/// (`pg_catalog`'s and `public`'s).
pub(crate) fn collation_name(names: &[String]) -> String {
    match names {
        [schema, name] if schema == "pg_catalog" || schema == "public" => name.clone(),
        _ => names.join("."),
    }
}

/// Whether `name`, unqualified, is a collation every server has (`"C"`, `"POSIX"`,
/// `ucs_basic`, `default`, and ICU's `<locale>-x-icu`).
pub(crate) fn is_built_in(name: &str) -> bool {
    name == "default" || built_in(name).is_some()
}

/// The settings of a built-in collation that do not depend on the server: `None` for
/// the operating system's locales.
fn built_in(name: &str) -> Option<Collation> {
    let libc = |c: &str| (CollationProvider::Libc, Some(c.to_string()), None);
    let (provider, lc, locale) = match name {
        "C" | "ucs_basic" => libc("C"),
        "POSIX" => libc("POSIX"),
        _ => {
            let locale = name.strip_suffix("-x-icu")?;
            (CollationProvider::Icu, None, Some(locale.to_string()))
        }
    };
    Some(Collation {
        name: QualifiedName::new("pg_catalog", name),
        provider,
        lc_collate: lc.clone(),
        lc_ctype: lc,
        locale,
        deterministic: true,
        comment: None,
    })
}

impl Loader {
    /// `CREATE COLLATION [IF NOT EXISTS] name (…)` and `CREATE COLLATION name FROM source`.
    pub(crate) fn create_collation(&mut self, s: &pb::DefineStmt) -> R<()> {
        let name = self.qualified(&strings(&s.defnames), |_| false)?;
        if self.schema.collations.contains_key(&name) {
            if s.if_not_exists {
                return Ok(());
            }
            return Err(format!("collation {name} already exists"));
        }
        let mut c = Collation {
            name: name.clone(),
            provider: CollationProvider::Libc,
            lc_collate: None,
            lc_ctype: None,
            locale: None,
            deterministic: true,
            comment: None,
        };
        let mut locale = None;
        for d in def_elems(&s.definition) {
            let arg = d.arg.as_deref();
            let text = || arg.map(const_text).unwrap_or_default();
            match d.defname.to_lowercase().as_str() {
                "from" if s.definition.len() == 1 => c = self.copied_collation(&name, arg)?,
                "from" => return Err(format!("collation {name}: FROM takes no other option")),
                "provider" => {
                    c.provider = match text().to_lowercase().as_str() {
                        "libc" => CollationProvider::Libc,
                        "icu" => CollationProvider::Icu,
                        other => {
                            return Err(format!(
                                "collation {name}: unrecognized collation provider: {other}"
                            ))
                        }
                    }
                }
                "locale" => locale = Some(text()),
                "lc_collate" => c.lc_collate = Some(text()),
                "lc_ctype" => c.lc_ctype = Some(text()),
                "deterministic" => c.deterministic = crate::define::flag(arg),
                // The version PostgreSQL records is the library's: not compared.
                "version" => {}
                other => {
                    return Err(format!(
                        "collation {name}: collation attribute \"{other}\" is not supported \
                         yet (docs/SUPPORTED.md)"
                    ))
                }
            }
        }
        if !s.definition.iter().any(is_from) {
            settle_locale(&mut c, locale)?;
        }
        self.schema.collations.insert(name, c);
        Ok(())
    }

    /// `FROM source`: the settings of a collation of the files or of a built-in one.
    fn copied_collation(&self, name: &QualifiedName, arg: Option<&pb::Node>) -> R<Collation> {
        let names = arg_names(arg);
        let source = self.qualified(&names, |q| self.schema.collations.contains_key(q))?;
        let copied = self.schema.collations.get(&source).cloned().or_else(|| {
            built_in(names.last()?).filter(|_| names.len() == 1 || names[0] == "pg_catalog")
        });
        let Some(copied) = copied else {
            return Err(format!(
                "collation {name}: FROM {}: its settings depend on the server's locales, \
                 which migrator does not read from files; write them instead \
                 (CREATE COLLATION {name} (provider = …, locale = …), docs/SUPPORTED.md)",
                names.join(".")
            ));
        };
        Ok(Collation {
            name: name.clone(),
            comment: None,
            ..copied
        })
    }

    /// `ALTER COLLATION … RENAME TO`: the collation and the columns, domains and attributes
    /// that name it follow (they name it by its OID).
    pub(crate) fn rename_collation(&mut self, s: &pb::RenameStmt) -> R<()> {
        let names = s
            .object
            .as_deref()
            .map(|o| arg_names(Some(o)))
            .unwrap_or_default();
        let from = self.qualified(&names, |q| self.schema.collations.contains_key(q))?;
        let Some(mut c) = self.schema.collations.remove(&from) else {
            return Err(crate::load::does_not_exist("collation", &from));
        };
        let to = QualifiedName::new(from.schema.clone(), s.newname.clone());
        if self.schema.collations.contains_key(&to) {
            return Err(format!("collation {to} already exists"));
        }
        c.name = to.clone();
        self.schema.collations.insert(to.clone(), c);
        if from.schema == "public" {
            rename_uses(&mut self.schema, &from.name, &to.name);
        }
        Ok(())
    }
}

/// Whether a definition element is `FROM source`.
fn is_from(d: &pb::Node) -> bool {
    matches!(&d.node, Some(N::DefElem(e)) if e.defname.eq_ignore_ascii_case("from"))
}

/// Where `LOCALE` goes (both `LC_*` of a libc collation, the ICU locale of an ICU one), and
/// the checks PostgreSQL makes of what is left.
fn settle_locale(c: &mut Collation, locale: Option<String>) -> R<()> {
    let name = &c.name;
    match c.provider {
        CollationProvider::Libc => {
            c.lc_collate = c.lc_collate.take().or_else(|| locale.clone());
            c.lc_ctype = c.lc_ctype.take().or(locale);
            if c.lc_collate.is_none() || c.lc_ctype.is_none() {
                return Err(format!(
                    "collation {name}: parameter \"lc_collate\" and \"lc_ctype\" (or \
                     \"locale\") must be specified"
                ));
            }
            if !c.deterministic {
                return Err(format!(
                    "collation {name}: nondeterministic collations not supported with this \
                     provider"
                ));
            }
        }
        CollationProvider::Icu => {
            c.locale = locale;
            if c.locale.is_none() {
                return Err(format!(
                    "collation {name}: parameter \"locale\" must be specified"
                ));
            }
        }
    }
    Ok(())
}

/// The columns, domains and attributes that name collation `from` of `public` name `to`.
fn rename_uses(schema: &mut Schema, from: &str, to: &str) {
    let follow = |c: &mut Option<String>| {
        if c.as_deref() == Some(from) {
            *c = Some(to.to_string());
        }
    };
    for t in schema.tables.values_mut() {
        for col in t.columns_mut() {
            follow(&mut col.collation);
        }
    }
    for d in schema.domains.values_mut() {
        follow(&mut d.collation);
    }
    for c in schema.composites.values_mut() {
        for a in &mut c.attributes {
            follow(&mut a.collation);
        }
    }
}

crate::load::drop_and_comment! {
    drop_collation, comment_collation: collations, "collation",
    key |l, object, names| l.qualified(names, |q| l.schema.collations.contains_key(q)),
}

/// Every user collation (extension members left out).
fn query(s: &Scope) -> String {
    format!(
        "SELECT n.nspname, c.collname::text AS collname, c.collprovider::text AS provider, \
                {deterministic} AS deterministic, c.collcollate::text AS lc_collate, \
                c.collctype::text AS lc_ctype, {locale} AS locale, \
                obj_description(c.oid, 'pg_collation') AS comment \
         FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace \
         WHERE {ns} AND {member} ORDER BY c.oid",
        locale = s.icu_locale,
        deterministic = s.deterministic,
        ns = s.ns,
        member = not_extension_member("pg_collation", "c.oid"),
    )
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    for row in rows {
        let name = row.qualified("collname")?;
        let provider = match row.col::<String>("provider")?.as_str() {
            "c" => CollationProvider::Libc,
            "i" => CollationProvider::Icu,
            other => {
                return Err(LoadError::Other(format!(
                    "collation {name}: provider '{other}' is not supported yet"
                )))
            }
        };
        let c = Collation {
            name: name.clone(),
            provider,
            lc_collate: row.col("lc_collate")?,
            lc_ctype: row.col("lc_ctype")?,
            locale: row.col("locale")?,
            deterministic: row.col("deterministic")?,
            comment: row.col("comment")?,
        };
        cx.schema.collations.insert(name, c);
    }
    Ok(())
}

/// The options of `CREATE COLLATION`: `locale` for a libc collation whose two settings
/// are one, else each.
fn options(c: &Collation) -> Vec<String> {
    let mut out = Vec::new();
    let setting =
        |key: &str, v: &Option<String>| v.as_ref().map(|v| format!("{key} = {}", quote_literal(v)));
    match c.provider {
        CollationProvider::Icu => {
            out.push("provider = icu".to_string());
            out.extend(setting("locale", &c.locale));
        }
        CollationProvider::Libc => out.push("provider = libc".to_string()),
    }
    if c.provider == CollationProvider::Libc && c.lc_collate == c.lc_ctype {
        out.extend(setting("locale", &c.lc_collate));
    } else {
        out.extend(setting("lc_collate", &c.lc_collate));
        out.extend(setting("lc_ctype", &c.lc_ctype));
    }
    if !c.deterministic {
        out.push("deterministic = false".to_string());
    }
    out
}

fn collation_context(c: &Collation) -> Value {
    json!({
        "name": qname(&c.name),
        "options": options(c),
        "comments": restore_comment(c),
    })
}

/// What uses collation `c` in `from` and still uses it in `to`, which the cascade does not
/// move off it: a generated table column (a plain one goes to its type's own collation and
/// back, `collation::release_columns` in core), a domain, a composite type's attribute or
/// an index key naming it, named.
fn kept_user(c: &Collation, from: &Schema, to: &Schema) -> Option<String> {
    let it = |x: &Option<String>| c.name.schema == "public" && x.as_deref() == Some(&c.name.name);
    for t in from.tables.values() {
        let Some(after) = to.tables.get(&t.name) else {
            continue;
        };
        let kept = |n: &str| {
            after
                .columns
                .iter()
                .any(|a| a.name == n && it(&a.collation))
        };
        let stuck = |x: &&Column| x.generated.is_some() && it(&x.collation);
        if let Some(col) = t.columns.iter().find(|x| stuck(x) && kept(&x.name)) {
            return Some(format!("column {}.{}", t.name, col.name));
        }
    }
    for d in from.domains.values() {
        if it(&d.collation) && to.domains.get(&d.name).is_some_and(|a| it(&a.collation)) {
            return Some(format!("domain {}", d.name));
        }
    }
    for t in from.composites.values() {
        let Some(after) = to.composites.get(&t.name) else {
            continue;
        };
        let kept = |n: &str| {
            after
                .attributes
                .iter()
                .any(|a| a.name == n && it(&a.collation))
        };
        if let Some(a) = t
            .attributes
            .iter()
            .find(|x| it(&x.collation) && kept(&x.name))
        {
            return Some(format!("attribute {}.{}", t.name, a.name));
        }
    }
    let uses =
        |i: &migrator_core::schema::Index| i.keys.iter().any(|k| k.def.refs.contains(&c.name));
    for i in from.indexes.values() {
        if uses(i) && to.indexes.get(&i.name).is_some_and(&uses) {
            return Some(format!("index {}", i.name));
        }
    }
    None
}

/// `DROP COLLATION`, refused while it is dropped to be created again under a column,
/// domain, attribute or index that keeps using it.
fn drop_collation(c: &DropCollation, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let coll = &c.0;
    let (from, to) = (ctx.rules.from, ctx.rules.to);
    if to.collations.contains_key(&coll.name) {
        if let Some(user) = kept_user(coll, from, to) {
            return Err(BuildError::Other(format!(
                "collation {} changes, and PostgreSQL has no ALTER COLLATION for its \
                 settings: it must be dropped and created, which PostgreSQL refuses while \
                 {user} uses it, and migrator does not rebuild what uses a collation \
                 (docs/SUPPORTED.md). Create the new collation under another name, move \
                 what uses it to the new one, then drop the old one",
                coll.name
            )));
        }
    }
    render(ctx, c, collation_context(coll))
}

/// Registers this kind's builders.
fn register(r: &mut Registry) {
    r.builder(crate::ddl::object_builder(
        |c: &CreateCollation| &*c.0,
        collation_context,
    ));
    r.builder(drop_collation);
}

#[cfg(test)]
mod tests {
    use crate::load::Loader;
    use migrator_core::schema::{Collation, CollationProvider, QualifiedName};

    fn load(sql: &str) -> Result<Loader, String> {
        let mut l = Loader::default();
        l.load_text("f.sql", sql).map_err(|e| e.to_string())?;
        Ok(l)
    }

    fn collation(l: &Loader, name: &str) -> Collation {
        l.schema.collations[&QualifiedName::new("public", name)].clone()
    }

    #[test]
    fn locale_settles_as_postgresql_stores_it() {
        let l = load(
            "CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', \
             deterministic = false);\n\
             CREATE COLLATION c_like (locale = 'C');\n\
             CREATE COLLATION mixed (lc_collate = 'C', lc_ctype = 'C.utf8');\n\
             CREATE COLLATION IF NOT EXISTS mixed (locale = 'POSIX');",
        )
        .unwrap();
        let n = collation(&l, "nocase");
        assert_eq!(n.provider, CollationProvider::Icu);
        assert_eq!(n.locale.as_deref(), Some("und-u-ks-level2"));
        assert!(!n.deterministic);
        let c = collation(&l, "c_like");
        assert_eq!(c.provider, CollationProvider::Libc);
        assert_eq!(
            (c.lc_collate.as_deref(), c.lc_ctype.as_deref()),
            (Some("C"), Some("C"))
        );
        let m = collation(&l, "mixed");
        assert_eq!(m.lc_ctype.as_deref(), Some("C.utf8"));
    }

    #[test]
    fn from_copies_a_known_collation_and_refuses_a_server_locale() {
        let l = load(
            "CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', \
             deterministic = false);\n\
             COMMENT ON COLLATION nocase IS 'no case';\n\
             CREATE COLLATION copy FROM nocase;\n\
             CREATE COLLATION c FROM \"C\";\n\
             CREATE COLLATION de FROM \"de-x-icu\";",
        )
        .unwrap();
        let copy = collation(&l, "copy");
        assert_eq!(copy.locale.as_deref(), Some("und-u-ks-level2"));
        assert_eq!(copy.comment, None);
        assert_eq!(collation(&l, "c").lc_collate.as_deref(), Some("C"));
        assert_eq!(collation(&l, "de").locale.as_deref(), Some("de"));
        let err = load("CREATE COLLATION x FROM \"en_US\";").err().unwrap();
        assert!(err.contains("write them instead"), "{err}");
    }

    #[test]
    fn drop_comment_and_rename_reach_it_and_its_columns_follow() {
        let l = load(
            "CREATE COLLATION nocase (provider = icu, locale = 'und', deterministic = false);\n\
             CREATE COLLATION gone (locale = 'C');\n\
             DROP COLLATION gone;\n\
             CREATE TABLE t (a text COLLATE public.nocase);\n\
             ALTER COLLATION nocase RENAME TO ci;\n\
             COMMENT ON COLLATION ci IS 'ci';",
        )
        .unwrap();
        assert!(!l
            .schema
            .collations
            .contains_key(&QualifiedName::new("public", "gone")));
        assert_eq!(collation(&l, "ci").comment.as_deref(), Some("ci"));
        let t = &l.schema.tables[&QualifiedName::new("public", "t")];
        assert_eq!(t.columns[0].collation.as_deref(), Some("ci"));
        let err = load("CREATE COLLATION c (locale = 'C', deterministic = false);")
            .err()
            .unwrap();
        assert!(err.contains("nondeterministic"), "{err}");
    }
}
