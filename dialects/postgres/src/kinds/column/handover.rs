//! A column's numbering carried across an identity traded for a serial's `nextval`
//! default, or back.
//!
//! Core splits such a trade into two `AlterColumn`s (`identity_handover`): the first takes
//! the old generator away (`DROP DEFAULT` or `DROP IDENTITY`), the old sequence is dropped,
//! the second puts the new one in place (`ADD GENERATED … AS IDENTITY` or `SET DEFAULT
//! nextval(…)`). The new sequence would start at 1, and the next insert collide with the
//! rows numbered already. So the first half notes the old sequence's last value in a
//! setting local to the transaction (`set_config(…, true)`), and the second half sets the
//! new sequence to it (`setval`). A sequence never called has no last value: nothing is
//! noted and the new sequence starts where it is declared to.

use crate::ddl::qname;
use migrator_core::kinds::Column;
use migrator_core::render::quote_literal;
use migrator_core::schema::QualifiedName;

/// The sequence a column's default calls (`nextval('s'::regclass)`), if that is what it is.
fn nextval_sequence(c: &Column) -> Option<&QualifiedName> {
    c.default
        .as_ref()
        .filter(|d| d.key.starts_with("nextval("))
        .and_then(|d| d.refs.first())
}

/// Whether the column numbers itself: an identity or a `nextval` default.
fn numbered(c: &Column) -> bool {
    c.identity.is_some() || nextval_sequence(c).is_some()
}

/// Whether the column has no generator at all (the column between the two halves).
fn bare(c: &Column) -> bool {
    c.identity.is_none() && c.default.is_none()
}

/// The name of the transaction's setting that carries the value for `table.column`: a
/// custom setting's name must be an identifier, so the names are hashed (FNV-1a).
fn setting(table: &QualifiedName, column: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in format!("{}\0{}\0{column}", table.schema, table.name).bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("migrator.sequence_{hash:016x}")
}

/// The sequence of `c` as SQL text: the one the column owns (an identity's, a serial's),
/// else the one its default calls.
fn sequence_sql(table: &QualifiedName, c: &Column) -> String {
    let owned = format!(
        "pg_get_serial_sequence({}, {})",
        quote_literal(&qname(table)),
        quote_literal(&c.name)
    );
    match nextval_sequence(c) {
        Some(s) => format!(
            "COALESCE({owned}, {})",
            quote_literal(&crate::quote::quote_qualified(&s.schema, &s.name))
        ),
        None => owned,
    }
}

/// Before `from` loses its generator to a handover (`AlterColumn::handover`, set on both
/// halves): the statement that notes its sequence's last value.
pub(super) fn note(table: &QualifiedName, from: &Column, to: &Column) -> Option<String> {
    (numbered(from) && bare(to)).then(|| {
        format!(
            "SELECT set_config({}, COALESCE(pg_sequence_last_value({}::regclass)::text, ''), true);",
            quote_literal(&setting(table, &from.name)),
            sequence_sql(table, from)
        )
    })
}

/// After `to` gains its generator in a handover: the statement that continues the noted
/// value, if any.
pub(super) fn resume(table: &QualifiedName, from: &Column, to: &Column) -> Option<String> {
    (bare(from) && numbered(to)).then(|| {
        format!(
            "SELECT setval({}::regclass, v::bigint) FROM (SELECT NULLIF(current_setting({}, true), '') AS v) AS noted WHERE v IS NOT NULL;",
            sequence_sql(table, to),
            quote_literal(&setting(table, &to.name))
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use migrator_core::kinds::Identity;
    use migrator_core::schema::Expr;
    use migrator_core::schema::SequenceOptions;

    fn serial() -> Column {
        let mut c = Column::new("id", "integer");
        c.default = Some(Expr {
            sql: "nextval('items_id_seq'::regclass)".into(),
            key: "nextval('items_id_seq')".into(),
            refs: vec![QualifiedName::new("public", "items_id_seq")],
            columns: vec![],
        });
        c
    }

    fn identity() -> Column {
        let mut c = Column::new("id", "integer");
        c.identity = Some(Box::new(Identity {
            always: false,
            options: SequenceOptions::defaults("integer", 1),
        }));
        c
    }

    #[test]
    fn a_serial_made_identity_carries_its_value() {
        let t = QualifiedName::new("public", "Order Items");
        let bare = Column::new("id", "integer");
        let noted = note(&t, &serial(), &bare).unwrap();
        assert!(noted.starts_with("SELECT set_config('migrator.sequence_"));
        assert!(noted.contains(
            "pg_sequence_last_value(COALESCE(pg_get_serial_sequence('public.\"Order Items\"', 'id'), 'public.items_id_seq')::regclass)"
        ));
        let resumed = resume(&t, &bare, &identity()).unwrap();
        assert!(resumed.starts_with(
            "SELECT setval(pg_get_serial_sequence('public.\"Order Items\"', 'id')::regclass, v::bigint)"
        ));
        assert!(resumed.contains(&setting(&t, "id")));
        // And back: the identity's value noted, the serial's sequence set.
        assert!(note(&t, &identity(), &bare).is_some());
        assert!(resume(&t, &bare, &serial()).is_some());
    }

    #[test]
    fn other_changes_note_nothing() {
        let t = QualifiedName::new("public", "items");
        assert_eq!(note(&t, &serial(), &identity()), None);
        assert_eq!(resume(&t, &identity(), &serial()), None);
        let mut plain = Column::new("id", "integer");
        plain.default = Some(Expr {
            sql: "0".into(),
            key: "0".into(),
            refs: vec![],
            columns: vec![],
        });
        assert_eq!(note(&t, &serial(), &plain), None);
        assert_eq!(resume(&t, &plain, &identity()), None);
    }

    #[test]
    fn settings_are_per_column() {
        let t = QualifiedName::new("public", "items");
        assert_ne!(setting(&t, "a"), setting(&t, "b"));
        assert_ne!(
            setting(&QualifiedName::new("a", "b.c"), "d"),
            setting(&QualifiedName::new("a.b", "c"), "d")
        );
    }
}
