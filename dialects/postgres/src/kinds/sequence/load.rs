//! Loading this kind from parsed SQL statements.
//!
//! `CREATE SEQUENCE` and `ALTER SEQUENCE` with their options and `OWNED BY` (the same
//! options an identity column's sequence takes), `DROP`, `COMMENT ON` and `RENAME`.
//! Serial columns make their sequences in the column kind.

use crate::load::{drop_and_comment, rename_entry, Loader, Lookup, R};
use crate::normalize::{const_text, strings};
use migrator_core::schema::*;
use pg_query::protobuf::{self as pb, node::Node as N, Node};

impl Loader {
    /// `CREATE SEQUENCE [IF NOT EXISTS]` with its options.
    pub(crate) fn create_sequence(&mut self, s: &pb::CreateSeqStmt) -> R<()> {
        let rv = s
            .sequence
            .as_ref()
            .ok_or("CREATE SEQUENCE without a name")?;
        let name = self.new_name(rv);
        if self.schema.sequences.contains_key(&name) {
            if s.if_not_exists {
                return Ok(());
            }
            return Err(format!("sequence {name} already exists"));
        }
        let mut options = SequenceOptions::defaults("bigint", 1);
        let owned_by = self.sequence_options(&mut options, &s.options, true)?;
        self.schema.sequences.insert(
            name.clone(),
            Sequence {
                name,
                options,
                owned_by: owned_by.flatten(),
                comment: None,
            },
        );
        Ok(())
    }

    /// `ALTER SEQUENCE … [options]`.
    pub(crate) fn alter_sequence(&mut self, s: &pb::AlterSeqStmt) -> R<()> {
        let rv = s.sequence.as_ref().ok_or("ALTER SEQUENCE without a name")?;
        let name = self.resolve(&rv.schemaname, &rv.relname, |q| {
            self.schema.sequences.contains_key(q)
        });
        let mut seq = match self.schema.sequences.existing(&name, "sequence") {
            Ok(seq) => seq.clone(),
            Err(_) if s.missing_ok => return Ok(()),
            Err(e) => return Err(e),
        };
        let owned_by = self.sequence_options(&mut seq.options, &s.options, false)?;
        self.warn_restart(&s.options, &format!("sequence {name}"));
        if let Some(owner) = owned_by {
            seq.owned_by = owner;
        }
        self.schema.sequences.insert(name, seq);
        Ok(())
    }

    /// Applies sequence options to `opts`; returns `Some(owner)` when `OWNED BY` was given.
    /// `fresh` means the sequence is new, so unset bounds take the type's defaults.
    pub(crate) fn sequence_options(
        &self,
        opts: &mut SequenceOptions,
        options: &[Node],
        fresh: bool,
    ) -> R<Option<Option<ColumnRef>>> {
        let mut owned_by = None;
        let (mut min, mut max, mut start) = (None, None, None);
        let mut data_type = None;
        let mut increment = None;
        let mut restart = None;
        let num = |d: &pb::DefElem| -> R<i64> {
            let text = d.arg.as_deref().map(const_text).unwrap_or_default();
            text.parse::<i64>().map_err(|_| {
                format!(
                    "sequence option {}: {text} is not a whole number",
                    d.defname
                )
            })
        };
        for o in options {
            let Some(N::DefElem(d)) = &o.node else {
                continue;
            };
            match d.defname.as_str() {
                "as" => {
                    if let Some(Some(N::TypeName(t))) = d.arg.as_deref().map(|a| &a.node) {
                        data_type = Some(self.type_of(t)?.text);
                    }
                }
                "increment" => increment = Some(num(d)?),
                "minvalue" => min = Some(if d.arg.is_some() { Some(num(d)?) } else { None }),
                "maxvalue" => max = Some(if d.arg.is_some() { Some(num(d)?) } else { None }),
                "start" => start = Some(num(d)?),
                "cache" => opts.cache = num(d)?,
                "cycle" => {
                    opts.cycle = match d.arg.as_deref().map(|a| &a.node) {
                        Some(Some(N::Boolean(b))) => b.boolval,
                        Some(Some(N::Integer(i))) => i.ival != 0,
                        _ => true,
                    }
                }
                "owned_by" => {
                    let parts = match d.arg.as_deref().map(|a| &a.node) {
                        Some(Some(N::List(l))) => strings(&l.items),
                        _ => vec![],
                    };
                    owned_by = Some(match parts.as_slice() {
                        [none] if none == "none" => None,
                        [.., t, c] => {
                            let schema = if parts.len() == 3 {
                                parts[0].as_str()
                            } else {
                                ""
                            };
                            let table =
                                self.resolve(schema, t, |q| self.schema.tables.contains_key(q));
                            Some(ColumnRef {
                                table,
                                column: c.clone(),
                            })
                        }
                        _ => return Err("OWNED BY needs table.column".into()),
                    });
                }
                // RESTART moves the counter, which is data: checked here, and said so by
                // the statements that take it ([`warn_restart`]).
                "restart" => restart = Some(if d.arg.is_some() { Some(num(d)?) } else { None }),
                // The name of an identity column's sequence: the sequence is part of its
                // column and is not modelled apart.
                "sequence_name" => {}
                // `SET GENERATED` on an identity column: its caller reads it.
                "generated" => {}
                other => return Err(format!("sequence option {other} is not supported yet")),
            }
        }
        let type_changed = data_type.is_some();
        if let Some(t) = data_type {
            // An existing sequence's bounds follow the type where they were its limits.
            if fresh {
                opts.data_type = t;
            } else {
                opts.retyped(&t);
            }
        }
        if let Some(i) = increment {
            opts.increment = i;
        }
        if fresh || type_changed || increment.is_some() {
            let defaults = SequenceOptions::defaults(&opts.data_type, opts.increment);
            if fresh {
                opts.min_value = defaults.min_value;
                opts.max_value = defaults.max_value;
            }
            if min == Some(None) || (fresh && min.is_none()) {
                opts.min_value = defaults.min_value;
            }
            if max == Some(None) || (fresh && max.is_none()) {
                opts.max_value = defaults.max_value;
            }
        }
        if let Some(Some(m)) = min {
            opts.min_value = m;
        }
        if let Some(Some(m)) = max {
            opts.max_value = m;
        }
        match start {
            Some(s) => opts.start = s,
            None if fresh => {
                opts.start = if opts.increment > 0 {
                    opts.min_value
                } else {
                    opts.max_value
                }
            }
            None => {}
        }
        check_bounds(opts, restart.flatten())?;
        Ok(owned_by)
    }

    /// A warning for `RESTART` among `options`: the counter is data, which migrations do
    /// not carry.
    pub(crate) fn warn_restart(&mut self, options: &[Node], what: &str) {
        let restarts = options
            .iter()
            .any(|o| matches!(&o.node, Some(N::DefElem(d)) if d.defname == "restart"));
        if restarts {
            self.warn(format!(
                "{what}: RESTART sets the next value, which is data, not schema; it is not carried into migrations"
            ));
        }
    }

    /// `ALTER SEQUENCE … RENAME TO`: the column defaults calling `nextval` on it follow.
    pub(crate) fn rename_sequence(&mut self, s: &pb::RenameStmt) -> R<()> {
        let path = self.search_path.as_deref();
        let mut renamed = None;
        rename_entry(path, s, &mut self.schema.sequences, "sequence", |x, n| {
            renamed = Some((x.name.clone(), n.clone()));
            x.name = n
        })?;
        if let Some((from, to)) = renamed {
            self.follow_sequence_rename(&from, &to);
        }
        Ok(())
    }

    /// A column default that is `nextval` of a sequence (as serial columns and the catalog
    /// write it) names the sequence by its OID: once the sequence is renamed, the catalog
    /// prints the new name, so the default is rebuilt with it, from its parse tree.
    fn follow_sequence_rename(&mut self, from: &QualifiedName, to: &QualifiedName) {
        for t in self.schema.tables.values_mut() {
            for c in t.columns_mut() {
                let Some(d) = &c.default else { continue };
                if !d.refs.contains(from) {
                    continue;
                }
                if let Some(e) = renamed_nextval(d, from, to) {
                    c.default = Some(e);
                }
            }
        }
    }

    /// `GRANT … ON ALL SEQUENCES IN SCHEMA`: the sequences there now.
    pub(crate) fn sequences_in_schema(
        &self,
        schema: &str,
        _: pb::ObjectType,
    ) -> Vec<PrivilegeObject> {
        self.schema
            .sequences
            .keys()
            .filter(|q| q.schema == schema)
            .map(|q| PrivilegeObject::Sequence { name: q.clone() })
            .collect()
    }
}

statement_hook! {
    CreateSeqStmt => create_sequence,
    AlterSeqStmt => alter_sequence,
}

/// `e` as `nextval` of `to` when it is `nextval` of `from` (`'from'` or `'from'::regclass`),
/// written as a serial column's default is.
fn renamed_nextval(e: &Expr, from: &QualifiedName, to: &QualifiedName) -> Option<Expr> {
    let parsed = pg_query::parse(&format!("SELECT {}", e.sql), 0).ok()?;
    let stmt = parsed.protobuf.stmts.first()?.stmt.as_ref()?;
    let Some(N::SelectStmt(select)) = &stmt.node else {
        return None;
    };
    let Some(N::ResTarget(target)) = &select.target_list.first()?.node else {
        return None;
    };
    let Some(N::FuncCall(f)) = &target.val.as_ref()?.node else {
        return None;
    };
    if strings(&f.funcname).last().map(String::as_str) != Some("nextval") || f.args.len() != 1 {
        return None;
    }
    let arg = match &f.args[0].node {
        Some(N::TypeCast(c)) => c.arg.as_deref()?.node.as_ref(),
        other => other.as_ref(),
    };
    let Some(N::AConst(pb::AConst {
        val: Some(pb::a_const::Val::Sval(name)),
        ..
    })) = arg
    else {
        return None;
    };
    let names = crate::normalize::split_qualified(&name.sval);
    let same = match names.as_slice() {
        [n] => *n == from.name,
        [s, n] => *s == from.schema && *n == from.name,
        _ => false,
    };
    if !same {
        return None;
    }
    let regclass = crate::quote::quote_qualified(&to.schema, &to.name);
    let sql = format!(
        "nextval({}::regclass)",
        migrator_core::render::quote_literal(&regclass)
    );
    crate::normalize::expr_from_sql(&sql, "public").ok()
}

/// The checks PostgreSQL makes of a sequence's options, with its messages: the bounds in
/// order, `START` and `RESTART` within them.
fn check_bounds(o: &SequenceOptions, restart: Option<i64>) -> R<()> {
    if o.min_value >= o.max_value {
        return Err(format!(
            "MINVALUE ({}) must be less than MAXVALUE ({})",
            o.min_value, o.max_value
        ));
    }
    for (what, value) in [("START", Some(o.start)), ("RESTART", restart)] {
        match value {
            Some(v) if v < o.min_value => {
                return Err(format!(
                    "{what} value ({v}) cannot be less than MINVALUE ({})",
                    o.min_value
                ))
            }
            Some(v) if v > o.max_value => {
                return Err(format!(
                    "{what} value ({v}) cannot be greater than MAXVALUE ({})",
                    o.max_value
                ))
            }
            Some(_) | None => {}
        }
    }
    Ok(())
}

drop_and_comment! {
    drop_sequence, comment_sequence: sequences, "sequence",
    key |l, object, names| l.qualified(names, |q| l.schema.sequences.contains_key(q)),
}
