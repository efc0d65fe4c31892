//! SQL that a file wrote under its own `search_path`, made to mean the same under any.
//!
//! A file that says `SET search_path = app;` creates its objects in `app` and resolves the
//! unqualified names in them along that path: `CREATE VIEW v AS SELECT … FROM users` reads
//! `app.users`. PostgreSQL fixes those names when it parses a view's query or a SQL-standard
//! function body, and the catalog prints them with their schema. Migration files run
//! without the file's path, so the text kept for them (`Expr::sql`, a view's query, a
//! routine's definition) names each such relation, routine and type with the schema the
//! path found it in. A name the path finds in `public` is left as written (the default
//! path finds it there too), and so is a name found nowhere, a `WITH` query's name, and
//! the text inside a string body (`AS $$…$$`), which PostgreSQL resolves only when called.
//!
//! The names are found in the parse tree's serialised form, which reaches every node kind
//! (pg_query's own walk does not), and the schema is written into the text at each name's
//! location, so nothing else of the statement changes.

use super::{Loader, R};
use crate::quote::quote_ident;
use migrator_core::schema::QualifiedName;
use pg_query::protobuf::node::Node as N;
use serde_json::Value;

/// What one name in the tree names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    Relation,
    Routine,
    Type,
}

/// An unqualified name at a byte offset of the parsed text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Site {
    named: Named,
    name: String,
    location: usize,
    /// Inside a string constant (`nextval('seq')`), just after its opening quote.
    literal: bool,
}

impl Loader {
    /// A statement that names objects only to use them, with the names the search path
    /// resolves written with their schemas; `None` when none changes. Statements that
    /// create a relation under a name that may already be taken elsewhere on the path
    /// (`CREATE OR REPLACE VIEW`) qualify only what they read (their kinds' loaders).
    pub(crate) fn qualified_statement(&self, node: &N) -> R<Option<N>> {
        if self.search_path.is_none() {
            return Ok(None);
        }
        let reads_only = matches!(
            node,
            N::CreateFunctionStmt(_)
                | N::CreateStmt(_)
                | N::AlterTableStmt(_)
                | N::IndexStmt(_)
                | N::CreateDomainStmt(_)
                | N::AlterDomainStmt(_)
                | N::CreatePolicyStmt(_)
                | N::AlterPolicyStmt(_)
                | N::RuleStmt(_)
                | N::CreateTrigStmt(_)
                | N::CreateStatsStmt(_)
                | N::CompositeTypeStmt(_)
                | N::CreateRangeStmt(_)
        );
        if !reads_only {
            return Ok(None);
        }
        // What a statement creates goes to the first schema of the path, whatever the
        // path finds under its name.
        let mut node = node.clone();
        let created = match &mut node {
            N::CreateStmt(c) => c.relation.as_mut(),
            N::CompositeTypeStmt(c) => c.typevar.as_mut(),
            _ => None,
        };
        if let Some(rv) = created.filter(|rv| rv.schemaname.is_empty()) {
            rv.schemaname = self.creation_schema();
        }
        let sql = match &node {
            N::CreateFunctionStmt(f) => crate::kinds::function::canonical::deparse_function(f)?,
            _ => node
                .deparse(Default::default())
                .map_err(|e| e.to_string())?,
        };
        let Some(qualified) = self.qualify_sql(&sql) else {
            return Ok(None);
        };
        let parsed = pg_query::parse(&qualified, 0).map_err(|e| e.to_string())?;
        let first = parsed.protobuf.stmts.into_iter().next();
        Ok(first.and_then(|s| s.stmt).and_then(|s| s.node))
    }

    /// `sql` (one statement) with each unqualified name of a relation, routine or type that
    /// the search path resolves to a schema other than `public` written with that schema;
    /// `None` when the path leaves every name as it is (always without `SET search_path`).
    pub(crate) fn qualify_sql(&self, sql: &str) -> Option<String> {
        self.search_path.as_ref()?;
        let parsed = pg_query::parse(sql, 0).ok()?;
        let tree = serde_json::to_value(&parsed.protobuf).ok()?;
        let (mut sites, mut ctes) = (Vec::new(), Vec::new());
        collect(&tree, &mut sites, &mut ctes);
        let mut inserts: Vec<(usize, bool, String)> = sites
            .into_iter()
            .filter(|s| s.literal || !(s.named == Named::Relation && ctes.contains(&s.name)))
            .filter_map(|s| {
                let schema = self.schema_of(s.named, &s.name)?;
                let mut prefix = format!("{}.", quote_ident(&schema));
                if s.literal {
                    prefix = prefix.replace('\'', "''");
                }
                (schema != "public").then_some((s.location, s.literal, prefix))
            })
            .collect();
        if inserts.is_empty() {
            return None;
        }
        inserts.sort();
        inserts.dedup();
        let mut out = sql.to_string();
        for (at, literal, prefix) in inserts.into_iter().rev() {
            if !out.is_char_boundary(at) {
                continue;
            }
            // Inside a string constant only just after a plain opening quote (not `E'…'`,
            // not a dollar quote).
            let quoted = out[..at].ends_with('\'') && !out[..at].ends_with("E'");
            if !literal || quoted {
                out.insert_str(at, &prefix);
            }
        }
        Some(out)
    }

    /// The schema the search path finds an unqualified `name` in, if it finds it.
    fn schema_of(&self, named: Named, name: &str) -> Option<String> {
        let exists = |q: &QualifiedName| match named {
            Named::Relation => {
                self.schema.tables.contains_key(q)
                    || self.schema.views.contains_key(q)
                    || self.schema.sequences.contains_key(q)
            }
            Named::Routine => {
                self.schema.functions.values().any(|f| f.name == *q)
                    || self.schema.aggregates.values().any(|a| a.name == *q)
            }
            Named::Type => self.is_user_type(q),
        };
        self.names()
            .schemas()
            .map(|s| QualifiedName::new(s, name))
            .find(|q| exists(q))
            .map(|q| q.schema)
    }
}

/// The unqualified names of relations (`RangeVar`), routine calls (`FuncCall`) and types
/// (`TypeName`) in a serialised tree, and the names of its `WITH` queries.
fn collect(v: &Value, sites: &mut Vec<Site>, ctes: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            sites.extend(site(m));
            sites.extend(sequence_literal(m));
            if let Some(Value::String(name)) = m.get("ctename") {
                ctes.push(name.clone());
            }
            m.values().for_each(|x| collect(x, sites, ctes));
        }
        Value::Array(a) => a.iter().for_each(|x| collect(x, sites, ctes)),
        _ => {}
    }
}

/// The name one object of the tree gives, when it is an unqualified one. The node kinds
/// are told apart by their fields, since a node held directly by its parent (a view's
/// `RangeVar`, a cast's `TypeName`) is serialised without its kind's tag.
fn site(m: &serde_json::Map<String, Value>) -> Option<Site> {
    let location = usize::try_from(m.get("location")?.as_i64()?).ok()?;
    let (named, name) = if m.contains_key("relname") && m.contains_key("relpersistence") {
        let schema = m.get("schemaname")?.as_str()?;
        if !schema.is_empty() || m.get("catalogname")?.as_str() != Some("") {
            return None;
        }
        (Named::Relation, m.get("relname")?.as_str()?.to_string())
    } else if m.contains_key("funcname") && m.contains_key("agg_star") {
        (Named::Routine, single(m.get("funcname")?)?)
    } else if m.contains_key("names") && m.contains_key("pct_type") {
        (Named::Type, single(m.get("names")?)?)
    } else {
        return None;
    };
    Some(Site {
        named,
        name,
        location,
        literal: false,
    })
}

/// A relation named by a string constant that PostgreSQL reads as a `regclass` when the
/// statement runs (`nextval('seq')`, `'t'::regclass`): a plain unqualified name in it, at
/// the position just inside its opening quote.
fn sequence_literal(m: &serde_json::Map<String, Value>) -> Option<Site> {
    let arg = if m.contains_key("funcname") && m.contains_key("agg_star") {
        let name = single(m.get("funcname")?)?;
        if !matches!(name.as_str(), "nextval" | "currval" | "setval") {
            return None;
        }
        m.get("args")?.as_array()?.first()?
    } else if m.contains_key("type_name") && m.contains_key("arg") {
        let names = m.get("type_name")?.get("names")?.as_array()?;
        let last = names.last()?.pointer("/node/String/sval")?.as_str()?;
        if last != "regclass" {
            return None;
        }
        m.get("arg")?
    } else {
        return None;
    };
    let text = arg.pointer("/node/AConst/val/Sval/sval")?.as_str()?;
    let location = usize::try_from(arg.pointer("/node/AConst/location")?.as_i64()?).ok()?;
    let plain = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    plain.then(|| Site {
        named: Named::Relation,
        name: text.to_string(),
        location: location + 1,
        literal: true,
    })
}

/// The one part of a one-part name list.
fn single(names: &Value) -> Option<String> {
    match names.as_array()?.as_slice() {
        [one] => Some(one.pointer("/node/String/sval")?.as_str()?.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::load::Loader;

    fn loaded(sql: &str) -> Loader {
        let mut l = Loader::default();
        l.load_text("t.sql", sql).unwrap();
        l
    }

    #[test]
    fn names_the_path_finds_outside_public_take_their_schema() {
        let l = loaded(
            "CREATE SCHEMA app; SET search_path = app, public;\n\
             CREATE TYPE mood AS ENUM ('a');\n\
             CREATE TABLE users (id int, m mood);\n\
             CREATE TABLE public.pt (id int);\n\
             CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS $$ SELECT x $$;",
        );
        let q = |s: &str| l.qualify_sql(s);
        assert_eq!(
            q("SELECT f(u.id), 'a'::mood, lower('x') FROM users u JOIN pt ON true").as_deref(),
            Some("SELECT app.f(u.id), 'a'::app.mood, lower('x') FROM app.users u JOIN pt ON true")
        );
        // Relations named by the constants `regclass` reads.
        assert_eq!(
            q("SELECT nextval('users'), 'users'::regclass, 'pt'::regclass, 'users'").as_deref(),
            Some("SELECT nextval('app.users'), 'app.users'::regclass, 'pt'::regclass, 'users'")
        );
        // A `WITH` query's name, a qualified name and an unknown one stay as written.
        assert_eq!(
            q("WITH users AS (SELECT 1) SELECT * FROM users, public.pt, nowhere"),
            None
        );
        // A string body is the routine's own business; its signature is not.
        assert_eq!(
            q("CREATE FUNCTION g(m mood) RETURNS SETOF mood LANGUAGE sql AS $$ SELECT m FROM users $$")
                .as_deref(),
            Some("CREATE FUNCTION g(m app.mood) RETURNS SETOF app.mood LANGUAGE sql AS $$ SELECT m FROM users $$")
        );
    }

    #[test]
    fn what_a_statement_creates_goes_to_the_first_schema_of_the_path() {
        let l = loaded(
            "CREATE SCHEMA app; CREATE TABLE t (id int);\n\
             SET search_path = app, public; CREATE TABLE a (id int PRIMARY KEY);",
        );
        let stmt = |sql: &str| {
            let parsed = pg_query::parse(sql, 0).unwrap();
            let node = parsed.protobuf.stmts[0].stmt.clone().unwrap().node.unwrap();
            let q = l.qualified_statement(&node).unwrap().unwrap();
            q.deparse(Default::default()).unwrap()
        };
        assert_eq!(
            stmt("CREATE TABLE t (a_id int REFERENCES a (id))"),
            "CREATE TABLE app.t (a_id int REFERENCES app.a (id))"
        );
    }

    #[test]
    fn the_role_s_own_schema_is_not_one_of_the_files() {
        let l = loaded(
            "SET search_path = \"$user\", public; CREATE TABLE a (id int);\n\
             SELECT set_config('search_path', '\"$user\", public', false); CREATE TABLE b (id int);",
        );
        for t in ["a", "b"] {
            let q = migrator_core::schema::QualifiedName::new("public", t);
            assert!(l.schema.tables.contains_key(&q), "{t}");
        }
    }

    #[test]
    fn without_a_path_nothing_changes() {
        let l = loaded("CREATE SCHEMA app; CREATE TABLE app.users (id int);");
        assert_eq!(l.qualify_sql("SELECT * FROM users"), None);
    }
}
