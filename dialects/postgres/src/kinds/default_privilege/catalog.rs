//! Reading this kind from the live catalog: the items of `pg_default_acl` other than the
//! role's own, as default privileges that differ from the defaults, and the built-in
//! defaults missing from a global entry as `revoked` items. An entry of the role that reads
//! the catalog (`current_user`, the role that runs the migrations) has no role (`None`).

use crate::introspect::{Catalog, CatalogKind, RowExt, Scope};
use migrator_core::dialect::LoadError;
use migrator_core::kinds::{DefaultObjectType, DefaultPrivilege};
use std::collections::BTreeMap;
use tokio_postgres::Row;

pub(crate) const KIND: CatalogKind = CatalogKind::new(query, read, 1);

/// One row per ACL item other than the role's own, and a row of NULLs for an entry that
/// has no such item.
fn query(s: &Scope) -> String {
    format!(
        "SELECT CASE WHEN pg_get_userbyid(d.defaclrole) = current_user THEN NULL \
                     ELSE pg_get_userbyid(d.defaclrole)::text END AS role, \
                n.nspname::text AS sch, d.defaclobjtype::text AS objtype, x.grantee, \
                x.privilege_type, x.grantable \
         FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace \
         LEFT JOIN LATERAL ( \
             SELECT CASE WHEN e.grantee = 0 THEN 'public' \
                         ELSE pg_get_userbyid(e.grantee)::text END AS grantee, \
                    e.privilege_type, bool_or(e.is_grantable) AS grantable \
             FROM aclexplode(d.defaclacl) e WHERE e.grantee <> d.defaclrole GROUP BY 1, 2 \
         ) x ON true \
         WHERE d.defaclnamespace = 0 OR ({ns}) \
         ORDER BY 1, 2, 3, 4, 5",
        ns = s.ns
    )
}

fn object_type(c: &str) -> Option<DefaultObjectType> {
    Some(match c {
        "r" => DefaultObjectType::Tables,
        "S" => DefaultObjectType::Sequences,
        "f" => DefaultObjectType::Functions,
        "T" => DefaultObjectType::Types,
        "n" => DefaultObjectType::Schemas,
        _ => return None,
    })
}

type Entry = (Option<String>, Option<String>, DefaultObjectType);

fn read(rows: Vec<Row>, cx: &mut Catalog) -> Result<(), LoadError> {
    let mut present: BTreeMap<Entry, Vec<(String, String)>> = BTreeMap::new();
    for row in rows {
        let Some(on) = object_type(&row.col::<String>("objtype")?) else {
            continue;
        };
        let role: Option<String> = row.col("role")?;
        let schema: Option<String> = row.col("sch")?;
        let seen = present
            .entry((role.clone(), schema.clone(), on))
            .or_default();
        let Some(grantee) = row.col::<Option<String>>("grantee")? else {
            continue;
        };
        let privilege: String = row.col("privilege_type")?;
        seen.push((grantee.clone(), privilege.clone()));
        let with_grant_option: bool = row.col("grantable")?;
        if DefaultPrivilege::is_built_in(schema.as_deref(), on, &grantee, &privilege)
            && !with_grant_option
        {
            continue;
        }
        let d = DefaultPrivilege {
            role,
            schema,
            on,
            grantee,
            privilege,
            with_grant_option,
            revoked: false,
        };
        cx.schema.default_privileges.insert(d.key(), d);
    }
    for ((role, schema, on), seen) in present {
        if schema.is_some() {
            continue;
        }
        for (grantee, privilege) in on.built_in() {
            if !seen.iter().any(|(g, p)| g == grantee && p == privilege) {
                let d = DefaultPrivilege {
                    role: role.clone(),
                    schema: None,
                    on,
                    grantee: grantee.to_string(),
                    privilege: privilege.to_string(),
                    with_grant_option: false,
                    revoked: true,
                };
                cx.schema.default_privileges.insert(d.key(), d);
            }
        }
    }
    Ok(())
}
