//! A plain view's options as PostgreSQL stores them (`reloptions`): `check_option`,
//! `security_barrier`, `security_invoker`, from `CREATE VIEW … WITH (…)`, `WITH [LOCAL |
//! CASCADED] CHECK OPTION` and `ALTER VIEW … SET (…)` / `RESET (…)`. Values are checked as
//! PostgreSQL checks them, so a value it refuses is an error here too.

use crate::load::{altered_options, Loader, R};
use migrator_core::schema::{CheckOption, ViewOptions};
use pg_query::protobuf::{self as pb, Node};

/// The options of `CREATE VIEW … WITH (options) … [WITH … CHECK OPTION]`.
pub(crate) fn create_options(options: &[Node], check: i32) -> R<ViewOptions> {
    let mut out = ViewOptions::default();
    for (name, value) in crate::kinds::table::load::storage_parameters(options) {
        set(&mut out, &name, Some(&value))?;
    }
    if check == pb::ViewCheckOption::LocalCheckOption as i32 {
        out.check_option = Some(CheckOption::Local);
    } else if check == pb::ViewCheckOption::CascadedCheckOption as i32 {
        out.check_option = Some(CheckOption::Cascaded);
    }
    Ok(out)
}

/// Sets the option `name` to `value`, or resets it when `value` is `None`.
fn set(options: &mut ViewOptions, name: &str, value: Option<&str>) -> R<()> {
    match name {
        "check_option" => {
            options.check_option = match value.map(str::to_lowercase).as_deref() {
                None => None,
                Some("local") => Some(CheckOption::Local),
                Some("cascaded") => Some(CheckOption::Cascaded),
                Some(other) => {
                    return Err(format!(
                        "invalid value for enum option \"check_option\": {other} (valid values are \"local\" and \"cascaded\")"
                    ))
                }
            }
        }
        "security_barrier" => options.security_barrier = boolean(name, value)?,
        "security_invoker" => options.security_invoker = boolean(name, value)?,
        other => return Err(format!("unrecognized parameter \"{other}\" of a view")),
    }
    Ok(())
}

/// A boolean option's value as PostgreSQL's `parse_bool` reads it (a unique prefix of
/// `true`, `false`, `yes`, `no`, `on`, `off`, or `1`/`0`); absent (reset) is false.
fn boolean(name: &str, value: Option<&str>) -> R<bool> {
    let Some(value) = value else {
        return Ok(false);
    };
    let v = value.trim().to_lowercase();
    let prefix_of = |word: &str, min: usize| v.len() >= min && word.starts_with(v.as_str());
    if prefix_of("true", 1) || prefix_of("yes", 1) || prefix_of("on", 2) || v == "1" {
        Ok(true)
    } else if prefix_of("false", 1) || prefix_of("no", 1) || prefix_of("off", 2) || v == "0" {
        Ok(false)
    } else {
        Err(format!(
            "invalid value for boolean option \"{name}\": {value}"
        ))
    }
}

impl Loader {
    /// `ALTER VIEW … SET (name = value, …)` / `RESET (name, …)`.
    pub(crate) fn set_view_options(
        &mut self,
        s: &pb::AlterTableStmt,
        cmd: &pb::AlterTableCmd,
    ) -> R<()> {
        let path = self.search_path.as_deref();
        let Some((view, options, reset)) =
            altered_options(path, (s, cmd), &mut self.schema.views, "view")?
        else {
            return Ok(());
        };
        if view.materialized {
            return Err(format!("{} is a materialized view, not a view", view.name));
        }
        for (name, value) in options {
            set(&mut view.options, &name, (!reset).then_some(value.as_str()))?;
        }
        Ok(())
    }
}

/// `Some(options)` as `CREATE VIEW … WITH (…)` writes them, `None` when none is set.
pub(crate) fn with_clause(options: &ViewOptions) -> Option<String> {
    let set: Vec<String> = options
        .entries()
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| format!("{name}={v}")))
        .collect();
    (!set.is_empty()).then(|| format!("({})", set.join(", ")))
}

/// The names of the options `ALTER VIEW` sets (`name=value`) and resets, going from
/// `from` to `to`.
pub(crate) fn set_and_reset(from: &ViewOptions, to: &ViewOptions) -> (Vec<String>, Vec<String>) {
    let mut set = vec![];
    let mut reset = vec![];
    for ((name, old), (_, new)) in from.entries().into_iter().zip(to.entries()) {
        match (old, new) {
            (old, Some(new)) if old != Some(new) => set.push(format!("{name}={new}")),
            (Some(_), None) => reset.push(name.to_string()),
            _ => {}
        }
    }
    (set, reset)
}

#[cfg(test)]
mod tests {
    use crate::load::Loader;
    use migrator_core::schema::{CheckOption, QualifiedName, ViewOptions};

    fn options_of_v(sql: &str) -> Result<ViewOptions, String> {
        let mut l = Loader::default();
        l.load_text("f.sql", sql).map_err(|e| e.to_string())?;
        Ok(l.schema.views[&QualifiedName::new("public", "v")]
            .options
            .clone())
    }

    #[test]
    fn options_read_as_postgresql_reads_them() {
        let t = "CREATE TABLE t (a int);\n";
        let o = options_of_v(&format!(
            "{t}CREATE VIEW v WITH (security_barrier, security_invoker = off) AS SELECT a FROM t WITH CHECK OPTION;"
        ))
        .unwrap();
        assert_eq!(o.check_option, Some(CheckOption::Cascaded));
        assert!(o.security_barrier && !o.security_invoker);
        let o = options_of_v(&format!(
            "{t}CREATE VIEW v WITH (check_option = 'LOCAL') AS SELECT a FROM t;\n\
             ALTER VIEW v SET (security_invoker = y), RESET (check_option);"
        ))
        .unwrap();
        assert_eq!(o.check_option, None);
        assert!(o.security_invoker);
    }

    #[test]
    fn a_value_postgresql_refuses_is_an_error_naming_the_line() {
        let t = "CREATE TABLE t (a int);\n";
        assert_eq!(
            options_of_v(&format!(
                "{t}CREATE VIEW v WITH (check_option = sideways) AS SELECT a FROM t;"
            ))
            .unwrap_err(),
            "f.sql:2: invalid value for enum option \"check_option\": sideways (valid values are \"local\" and \"cascaded\")"
        );
        assert_eq!(
            options_of_v(&format!(
                "{t}CREATE VIEW v AS SELECT a FROM t;\nALTER VIEW v SET (security_barrier = o);"
            ))
            .unwrap_err(),
            "f.sql:3: invalid value for boolean option \"security_barrier\": o"
        );
        assert_eq!(
            options_of_v(&format!(
                "{t}CREATE VIEW v WITH (fillfactor = 70) AS SELECT a FROM t;"
            ))
            .unwrap_err(),
            "f.sql:2: unrecognized parameter \"fillfactor\" of a view"
        );
    }
}
