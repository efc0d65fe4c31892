//! Loading this kind from parsed SQL statements.
//!
//! `CREATE EXTENSION` (its schema and version), `ALTER EXTENSION … UPDATE TO`,
//! `ALTER EXTENSION … SET SCHEMA`,
//! `DROP EXTENSION` and `COMMENT ON EXTENSION`. `plpgsql` is always there and not managed.

use crate::load::{drop_and_comment, Loader, Lookup, R};
use crate::normalize::const_text;
use migrator_core::schema::*;
use pg_query::protobuf::{self as pb, node::Node as N};

impl Loader {
    /// `CREATE EXTENSION [IF NOT EXISTS] … [SCHEMA s] [VERSION v]`.
    pub(crate) fn create_extension(&mut self, s: &pb::CreateExtensionStmt) -> R<()> {
        if s.extname == "plpgsql" {
            return Ok(());
        }
        if self.schema.extensions.contains_key(&s.extname) {
            if s.if_not_exists {
                return Ok(());
            }
            return Err(format!("extension {} already exists", s.extname));
        }
        let mut ext = Extension {
            name: s.extname.clone(),
            schema: None,
            version: None,
            comment: None,
        };
        for o in &s.options {
            if let Some(N::DefElem(d)) = &o.node {
                let value = d.arg.as_deref().map(const_text);
                match d.defname.as_str() {
                    "schema" => ext.schema = value,
                    "new_version" => ext.version = value,
                    _ => {}
                }
            }
        }
        // Without `SCHEMA`, PostgreSQL installs it in the first schema of the search path,
        // unless its control file fixes its schema.
        if ext.schema.is_none() && self.search_path.is_some() && !FIXED_SCHEMA.contains(&&*ext.name)
        {
            let first = self.creation_schema();
            ext.schema = (first != "public").then_some(first);
        }
        self.schema.extensions.insert(ext.name.clone(), ext);
        Ok(())
    }

    /// `ALTER EXTENSION … UPDATE [TO version]`.
    pub(crate) fn alter_extension(&mut self, s: &pb::AlterExtensionStmt) -> R<()> {
        let version = s.options.iter().find_map(|o| match &o.node {
            Some(N::DefElem(d)) if d.defname == "new_version" => d.arg.as_deref().map(const_text),
            _ => None,
        });
        self.schema
            .extensions
            .existing_mut(&s.extname, "extension")?
            .version = version;
        Ok(())
    }

    /// `ALTER EXTENSION … SET SCHEMA s` (a migration's own, when it is replayed).
    pub(crate) fn alter_extension_schema(&mut self, s: &pb::AlterObjectSchemaStmt) -> R<()> {
        let name = s.object.as_deref().map(const_text).unwrap_or_default();
        self.schema
            .extensions
            .existing_mut(&name, "extension")?
            .schema = Some(s.newschema.clone());
        Ok(())
    }
}

/// The extensions whose control file names their schema (`schema = pg_catalog`), which
/// the search path does not move.
const FIXED_SCHEMA: &[&str] = &[
    "adminpack",
    "pg_cron",
    "postgis_tiger_geocoder",
    "postgis_topology",
];

statement_hook! {
    CreateExtensionStmt => create_extension,
    AlterExtensionStmt => alter_extension,
    AlterObjectSchemaStmt[object_type = ObjectExtension] => alter_extension_schema,
}

drop_and_comment! {
    drop_extension, comment_extension: extensions, "extension",
    key |l, object, names| R::Ok(names.first().cloned().unwrap_or_default()),
}

#[cfg(test)]
mod tests {
    use crate::load::Loader;

    fn schema_of(sql: &str, name: &str) -> Option<String> {
        let mut l = Loader::default();
        l.load_text("t.sql", sql).unwrap();
        l.schema.extensions[name].schema.clone()
    }

    #[test]
    fn without_a_schema_an_extension_goes_to_the_first_of_the_search_path() {
        let path = "CREATE SCHEMA app; SET search_path = app, public;\n";
        assert_eq!(
            schema_of(&format!("{path}CREATE EXTENSION hstore;"), "hstore").as_deref(),
            Some("app")
        );
        assert_eq!(
            schema_of(
                &format!("{path}CREATE EXTENSION hstore SCHEMA public;"),
                "hstore"
            )
            .as_deref(),
            Some("public")
        );
        // Its control file fixes pg_cron's schema; no path leaves the source's silence.
        assert_eq!(
            schema_of(&format!("{path}CREATE EXTENSION pg_cron;"), "pg_cron"),
            None
        );
        assert_eq!(schema_of("CREATE EXTENSION hstore;", "hstore"), None);
    }
}
