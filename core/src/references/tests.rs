//! The rename and drop cascade: every reference follows. The rewrite callback stands in for
//! the dialect's parser with a plain text replacement, and records what it was asked.

use super::*;
use crate::identity::{ObjectId, ObjectKind};
use crate::kinds::testkit::*;
use crate::schema::{Column, Index, IndexKey, PartitionOf};
use std::cell::RefCell;

/// A stand-in rewrite: replaces `from` with `to` in the text and the columns, and records
/// the sites it was called at.
struct Replace {
    from: &'static str,
    to: &'static str,
    sites: RefCell<Vec<(Site, String)>>,
}

impl Replace {
    fn new(from: &'static str, to: &'static str) -> Replace {
        Replace {
            from,
            to,
            sites: RefCell::new(Vec::new()),
        }
    }

    fn rewrite(&self, site: Site, e: &Expr) -> Expr {
        self.sites.borrow_mut().push((site, e.sql.clone()));
        Expr {
            sql: e.sql.replace(self.from, self.to),
            key: e.key.replace(self.from, self.to),
            refs: e.refs.clone(),
            columns: e
                .columns
                .iter()
                .map(|c| {
                    if c == self.from {
                        self.to.into()
                    } else {
                        c.clone()
                    }
                })
                .collect(),
        }
    }
}

/// `clients (id, mail)` with a primary key and a CHECK on `mail`, and around it one of
/// everything that names it.
fn around_clients() -> Schema {
    let clients = table("clients", [col("id", "integer"), col("mail", "text")])
        .with(pk("clients_pkey", &["id"]))
        .with(check(
            "clients_mail_check",
            reading("length(mail) > 3", &["mail"]),
        ));
    let orders = table("orders", [col("client_id", "integer")]).with(fk(
        "orders_client_fk",
        &["client_id"],
        "clients",
        &["id"],
    ));
    let mut lower = index("clients_lower_mail_idx", "clients", &[]);
    lower.keys.push(IndexKey {
        def: reading("lower(mail)", &["mail"]),
        column: None,
    });
    lower.predicate = Some(reading("mail IS NOT NULL", &["mail"]));
    let partition = Table {
        partition_of: Some(PartitionOf {
            parent: qn("clients"),
            bound: "DEFAULT".into(),
        }),
        ..table("clients_rest", [col("id", "integer"), col("mail", "text")])
    };
    let child = Table {
        inherits: vec![qn("clients")],
        ..table(
            "vip_clients",
            [Column {
                inherited: true,
                ..col("mail", "text")
            }],
        )
    };
    let seq = crate::schema::Sequence {
        owned_by: owned_by("clients", "id"),
        ..sequence("clients_id_seq")
    };
    let mut commented = clients.clone();
    commented.comment = Some("people".into());
    schema()
        .with(commented)
        .with(orders)
        .with(partition)
        .with(child)
        .with(index("clients_mail_idx", "clients", &["mail"]))
        .with(lower)
        .with(seq)
        .with(view(
            "names",
            sql("SELECT mail FROM clients"),
            &["mail"],
            &["clients"],
        ))
        .with(trigger("clients", "clients_touch", "touch"))
        .with(policy(
            "clients",
            "own",
            reading("mail = current_user", &["mail"]),
        ))
        .with(grant("clients", "app", "SELECT"))
        .with(crate::schema::Privilege {
            object: PrivilegeObject::Column {
                table: qn("clients"),
                column: "mail".into(),
            },
            ..grant("clients", "app", "UPDATE")
        })
}

fn index_of<'a>(s: &'a Schema, name: &str) -> &'a Index {
    &s.indexes[&qn(name)]
}

#[test]
fn a_renamed_table_is_followed_by_everything_that_names_it() {
    let mut s = around_clients();
    let r = Replace::new("clients", "customers");
    s.rename_relation(&qn("clients"), &qn("customers"), &|site, e| {
        r.rewrite(site, e)
    });
    let customers = qn("customers");
    assert!(!s.tables.contains_key(&qn("clients")));
    assert_eq!(s.tables[&customers].name, customers);
    assert_eq!(s.tables[&customers].comment.as_deref(), Some("people"));
    assert_eq!(index_of(&s, "clients_mail_idx").table, customers);
    assert_eq!(index_of(&s, "clients_lower_mail_idx").table, customers);
    let ConstraintKind::ForeignKey { ref_table, .. } =
        &s.tables[&qn("orders")].constraints["orders_client_fk"].kind
    else {
        panic!("not a foreign key");
    };
    assert_eq!(*ref_table, customers);
    let owner = s.sequences[&qn("clients_id_seq")]
        .owned_by
        .as_ref()
        .unwrap();
    assert_eq!(owner.table, customers);
    assert_eq!(s.views[&qn("names")].depends_on, vec![customers.clone()]);
    let t = &s.triggers[&ObjectId::member(ObjectKind::Trigger, &customers, "clients_touch")];
    assert_eq!(t.table, customers);
    assert!(
        t.definition.sql.contains("ON public.customers"),
        "{}",
        t.definition.sql
    );
    assert_eq!(s.triggers.len(), 1);
    assert_eq!(
        s.policies[&ObjectId::member(ObjectKind::Policy, &customers, "own")].table,
        customers
    );
    assert_eq!(s.policies.len(), 1);
    let parent = &s.tables[&qn("clients_rest")]
        .partition_of
        .as_ref()
        .unwrap()
        .parent;
    assert_eq!(*parent, customers);
    assert_eq!(
        s.tables[&qn("vip_clients")].inherits,
        vec![customers.clone()]
    );
    let objects: Vec<&PrivilegeObject> = s.privileges.values().map(|p| &p.object).collect();
    assert_eq!(
        objects,
        [
            &PrivilegeObject::Relation {
                name: customers.clone()
            },
            &PrivilegeObject::Column {
                table: customers.clone(),
                column: "mail".into()
            },
        ]
    );
    // Every expression of the table's own was offered to the dialect, nothing else.
    let sites: Vec<Site> = r.sites.borrow().iter().map(|(s, _)| *s).collect();
    assert_eq!(
        sites,
        [
            Site::Scalar,   // the CHECK
            Site::IndexKey, // clients_lower_mail_idx
            Site::Scalar,   // its predicate
            Site::IndexKey, // clients_mail_idx
            Site::Scalar,   // the policy
            Site::Trigger,
        ]
    );
}

#[test]
fn a_renamed_column_is_followed_into_keys_expressions_and_children() {
    let mut s = around_clients();
    let r = Replace::new("mail", "email");
    s.rename_column(&qn("clients"), "mail", "email", &|site, e| {
        r.rewrite(site, e)
    });
    let clients = &s.tables[&qn("clients")];
    assert!(clients.column("email").is_some() && clients.column("mail").is_none());
    let ConstraintKind::Check { expr, .. } = &clients.constraints["clients_mail_check"].kind else {
        panic!("not a check");
    };
    assert_eq!(expr.sql, "length(email) > 3");
    assert!(expr.reads("email"));
    let plain = &index_of(&s, "clients_mail_idx").keys[0];
    assert_eq!(plain.column.as_deref(), Some("email"));
    let lower = index_of(&s, "clients_lower_mail_idx");
    assert_eq!(lower.keys[0].def.sql, "lower(email)");
    assert_eq!(lower.predicate.as_ref().unwrap().sql, "email IS NOT NULL");
    let p = &s.policies[&ObjectId::member(ObjectKind::Policy, &qn("clients"), "own")];
    assert_eq!(p.using.as_ref().unwrap().sql, "email = current_user");
    // The trigger does not name the column: it is left as it is.
    assert!(!r.sites.borrow().iter().any(|(s, _)| *s == Site::Trigger));
    // Children: the partition and the inheriting table rename it too.
    assert!(s.tables[&qn("clients_rest")].column("email").is_some());
    assert!(s.tables[&qn("vip_clients")].column("email").is_some());
    assert!(s.privileges.values().any(|p| p.object
        == PrivilegeObject::Column {
            table: qn("clients"),
            column: "email".into()
        }));
}

#[test]
fn a_renamed_key_column_is_followed_by_keys_fks_and_owned_sequences() {
    let mut s = around_clients();
    s.rename_column(&qn("clients"), "id", "client_no", &|_, e| e.clone());
    let ConstraintKind::PrimaryKey { columns, .. } =
        &s.tables[&qn("clients")].constraints["clients_pkey"].kind
    else {
        panic!("not a primary key");
    };
    assert_eq!(columns, &["client_no"]);
    let ConstraintKind::ForeignKey { ref_columns, .. } =
        &s.tables[&qn("orders")].constraints["orders_client_fk"].kind
    else {
        panic!("not a foreign key");
    };
    assert_eq!(ref_columns, &["client_no"]);
    let owner = s.sequences[&qn("clients_id_seq")]
        .owned_by
        .as_ref()
        .unwrap();
    assert_eq!(owner.column, "client_no");
}

#[test]
fn a_dropped_table_takes_what_hangs_on_it_and_with_cascade_its_readers() {
    let mut plain = around_clients();
    assert!(plain.drop_relation(&qn("clients"), false));
    assert!(plain.indexes.is_empty() && plain.triggers.is_empty() && plain.policies.is_empty());
    assert!(plain.sequences.is_empty() && plain.privileges.is_empty());
    assert!(plain.views.contains_key(&qn("names")));
    assert!(plain.tables[&qn("orders")]
        .constraints
        .contains_key("orders_client_fk"));

    let mut cascaded = around_clients();
    cascaded.drop_relation(&qn("clients"), true);
    assert!(cascaded.views.is_empty());
    assert!(cascaded.tables[&qn("orders")].constraints.is_empty());
}
