//! Reading this kind from the live catalog: the explicit ACLs of schemas, relations,
//! sequences, columns and functions (a NULL ACL means the defaults), as privileges that
//! differ from an object's defaults, and the defaults missing from an explicit ACL as
//! `revoked` entries. The owner's own entries are left out, and so are identity columns'
//! sequences (not objects of their own here; default privileges on sequences reach them).

use crate::introspect::{Catalog, CatalogKind, RowExt, Scope};
use migrator_core::dialect::LoadError;
use migrator_core::schema::{Privilege, PrivilegeObject, QualifiedName};
use std::collections::BTreeMap;
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 27);

/// One row per ACL entry other than the owner's, and a row of NULLs for an object whose
/// ACL has no such entry.
fn query(s: &Scope) -> String {
    format!(
        "WITH acl AS ( \
           SELECT 'schema' AS kind, n.nspname::text AS sch, NULL::text AS rel, \
                  NULL::text AS col, NULL::bigint AS fn, n.nspowner AS owner, n.nspacl AS acl \
           FROM pg_namespace n WHERE n.nspacl IS NOT NULL AND {ns} \
           UNION ALL \
           SELECT CASE WHEN c.relkind = 'S' THEN 'sequence' ELSE 'relation' END, \
                  n.nspname, c.relname, NULL, NULL, c.relowner, c.relacl \
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
           WHERE c.relacl IS NOT NULL AND c.relkind IN ('r', 'p', 'v', 'm', 'S') \
             AND {ns} AND {class_member} AND NOT EXISTS ( \
               SELECT 1 FROM pg_depend i WHERE c.relkind = 'S' \
                 AND i.classid = 'pg_class'::regclass AND i.objid = c.oid AND i.deptype = 'i') \
           UNION ALL \
           SELECT 'column', n.nspname, c.relname, a.attname, NULL, c.relowner, a.attacl \
           FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
           JOIN pg_namespace n ON n.oid = c.relnamespace \
           WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped \
             AND c.relkind IN ('r', 'p', 'v', 'm') AND {ns} AND {class_member} \
           UNION ALL \
           SELECT 'function', n.nspname, NULL, NULL, p.oid::bigint, p.proowner, p.proacl \
           FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
           WHERE p.proacl IS NOT NULL AND p.prokind IN ('f', 'p') AND {ns} AND {proc_member}) \
         SELECT acl.kind, acl.sch, acl.rel, acl.col, acl.fn, x.grantee, x.privilege_type, \
                x.grantable \
         FROM acl LEFT JOIN LATERAL ( \
             SELECT CASE WHEN e.grantee = 0 THEN 'public' \
                         ELSE pg_get_userbyid(e.grantee)::text END AS grantee, \
                    e.privilege_type, bool_or(e.is_grantable) AS grantable \
             FROM aclexplode(acl.acl) e WHERE e.grantee <> acl.owner GROUP BY 1, 2 \
         ) x ON true \
         ORDER BY 1, 2, 3, 4, 5, 6, 7",
        ns = s.ns,
        class_member = s.class_member,
        proc_member = s.proc_member
    )
}

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    let mut present: BTreeMap<PrivilegeObject, Vec<(String, String)>> = BTreeMap::new();
    for row in rows {
        let kind: String = row.col("kind")?;
        let schema: String = row.col("sch")?;
        let relation = || -> Result<QualifiedName, LoadError> {
            Ok(QualifiedName::new(
                schema.clone(),
                row.col::<String>("rel")?,
            ))
        };
        let object = match kind.as_str() {
            "schema" => PrivilegeObject::Schema {
                name: schema.clone(),
            },
            "sequence" => PrivilegeObject::Sequence { name: relation()? },
            "relation" => PrivilegeObject::Relation { name: relation()? },
            "column" => PrivilegeObject::Column {
                table: relation()?,
                column: row.col("col")?,
            },
            _ => match cx.function_oids.get(&row.col::<i64>("fn")?) {
                Some((id, procedure)) => PrivilegeObject::Function {
                    id: id.clone(),
                    procedure: *procedure,
                },
                None => continue,
            },
        };
        let seen = present.entry(object.clone()).or_default();
        let Some(grantee) = row.col::<Option<String>>("grantee")? else {
            continue;
        };
        let privilege: String = row.col("privilege_type")?;
        seen.push((grantee.clone(), privilege.clone()));
        if object
            .default_privileges()
            .contains(&(grantee.as_str(), privilege.as_str()))
        {
            continue;
        }
        let p = Privilege {
            object,
            grantee,
            privilege,
            with_grant_option: row.col("grantable")?,
            revoked: false,
        };
        cx.privileges.insert(p.key(), p);
    }
    for (object, seen) in present {
        for (grantee, privilege) in object.default_privileges() {
            if !seen.iter().any(|(g, p)| g == grantee && p == privilege) {
                let p = Privilege {
                    object: object.clone(),
                    grantee: grantee.to_string(),
                    privilege: privilege.to_string(),
                    with_grant_option: false,
                    revoked: true,
                };
                cx.privileges.insert(p.key(), p);
            }
        }
    }
    Ok(())
}
