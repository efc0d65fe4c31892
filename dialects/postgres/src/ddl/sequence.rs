//! Builders for sequences, and the option clause shared with identity columns.

use super::comment::comment_context;
use super::{qname, render, BuildContext, BuildError, Statement};
use crate::quote::quote_ident;
use migrator_core::kinds::*;
use migrator_core::schema::SequenceOptions;
use serde_json::json;

/// The options that differ from PostgreSQL's defaults, as SQL (`AS integer START WITH 10`).
pub fn options_clause(o: &SequenceOptions, include_type: bool) -> String {
    let d = SequenceOptions::defaults(&o.data_type, o.increment);
    let mut parts = Vec::new();
    if include_type && o.data_type != "bigint" {
        parts.push(format!("AS {}", o.data_type));
    }
    if o.increment != 1 {
        parts.push(format!("INCREMENT BY {}", o.increment));
    }
    if o.min_value != d.min_value {
        parts.push(format!("MINVALUE {}", o.min_value));
    }
    if o.max_value != d.max_value {
        parts.push(format!("MAXVALUE {}", o.max_value));
    }
    let default_start = if o.increment > 0 {
        o.min_value
    } else {
        o.max_value
    };
    if o.start != default_start {
        parts.push(format!("START WITH {}", o.start));
    }
    if o.cache != 1 {
        parts.push(format!("CACHE {}", o.cache));
    }
    if o.cycle {
        parts.push("CYCLE".to_string());
    }
    parts.join(" ")
}

/// Every option, explicitly: for `ALTER SEQUENCE`, where defaults are not re-derived.
fn all_options(o: &SequenceOptions) -> String {
    format!(
        "AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} START WITH {} CACHE {} {}",
        o.data_type,
        o.increment,
        o.min_value,
        o.max_value,
        o.start,
        o.cache,
        if o.cycle { "CYCLE" } else { "NO CYCLE" }
    )
}

pub fn create_sequence(
    c: &CreateSequence,
    ctx: &BuildContext,
) -> Result<Vec<Statement>, BuildError> {
    let CreateSequence(s) = c;
    let comments: Vec<_> = s
        .comment
        .iter()
        .map(|t| {
            comment_context(
                &CommentTarget::Sequence {
                    name: s.name.clone(),
                },
                Some(t),
            )
        })
        .collect();
    render(
        ctx,
        c,
        json!({
            "name": qname(&s.name),
            "options": options_clause(&s.options, true),
            "comments": comments,
        }),
    )
}

pub fn drop_sequence(c: &DropSequence, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let DropSequence(s) = c;
    render(ctx, c, json!({ "name": qname(&s.name) }))
}

pub fn alter_sequence(c: &AlterSequence, ctx: &BuildContext) -> Result<Vec<Statement>, BuildError> {
    let AlterSequence { from, to } = c;
    let mut options = all_options(&to.options);
    // Narrowed bounds may exclude the current value, which PostgreSQL refuses: restart.
    let (f, t) = (&from.options, &to.options);
    if t.min_value > f.min_value || t.max_value < f.max_value {
        options.push_str(&format!(" RESTART WITH {}", t.start));
    }
    render(
        ctx,
        c,
        json!({ "name": qname(&to.name), "options": options }),
    )
}

pub fn set_sequence_owner(
    c: &SetSequenceOwner,
    ctx: &BuildContext,
) -> Result<Vec<Statement>, BuildError> {
    let SetSequenceOwner { sequence, to, .. } = c;
    let owner = match to {
        Some(o) => format!("{}.{}", qname(&o.table), quote_ident(&o.column)),
        None => "NONE".to_string(),
    };
    render(ctx, c, json!({ "name": qname(sequence), "owner": owner }))
}
