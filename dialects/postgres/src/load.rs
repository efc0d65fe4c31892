//! SQL → IR: a statement interpreter over pg_query's parse tree.
//!
//! Files are parsed with the real PostgreSQL grammar and each statement is *applied* to a
//! [`Schema`]: CREATE adds an object, ALTER changes it, DROP removes it, COMMENT sets a
//! comment. The same interpreter loads the desired schema files and replays an existing
//! migrations directory. Implicit names (`users_pkey`, `orders_user_id_fkey`) and serial
//! columns are expanded exactly as PostgreSQL does, so the result compares equal to what
//! introspection reads back from a catalog.
//!
//! Statements that are not schema DDL (data, `SET`, transaction control, another dialect's
//! `SELECT create_hypertable(…)`) are skipped, with a warning where a user might care.
//! Statements for objects migrator does not manage yet are errors naming file and line.

use crate::extension::PgExtension;
use crate::names::choose_name;
use crate::normalize::{
    canonical_type, const_text, expr_from_node, serial_base, strings, CanonicalType,
};
use migrator_core::dialect::{LoadError, Loaded, SourceFile, Warning};
use migrator_core::schema::*;
use pg_query::protobuf::{
    self as pb, node::Node as N, AlterTableType as At, ConstrType as Ct, Node, ObjectType as Ot,
};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

type R<T> = Result<T, String>;

/// Loads SQL files in order into one schema.
pub fn load_files(files: &[SourceFile]) -> Result<Loaded, LoadError> {
    load_files_with(files, &[])
}

/// Loads SQL files with a dialect's extensions offered each statement first.
pub fn load_files_with(
    files: &[SourceFile],
    extensions: &[Arc<dyn PgExtension>],
) -> Result<Loaded, LoadError> {
    let mut loader = Loader {
        extensions: extensions.to_vec(),
        ..Loader::default()
    };
    for f in files {
        loader.load_text(&f.path.display().to_string(), &f.text)?;
    }
    loader.finish()
}

/// The interpreter's state while statements are applied.
#[derive(Default)]
pub struct Loader {
    pub schema: Schema,
    search_path: Option<Vec<String>>,
    warnings: Vec<Warning>,
    file: String,
    line: usize,
    /// The text of the statement being applied.
    statement: String,
    /// Where [`Self::statement`] starts in its file, for node locations.
    statement_start: usize,
    /// Names of index-backed constraints (they share the relation namespace), built on
    /// demand and dropped whenever a statement may remove one.
    constraint_relations: RefCell<Option<HashSet<QualifiedName>>>,
    /// Every constraint name, by schema (implicit FK and CHECK names are unique per
    /// schema); kept the same way as `constraint_relations`.
    constraint_names: RefCell<Option<HashSet<QualifiedName>>>,
    /// Relations skipped as another dialect's (a continuous aggregate): their indexes too.
    skipped_relations: HashSet<QualifiedName>,
    /// A dialect's statement handlers, offered each statement before PostgreSQL's.
    extensions: Vec<Arc<dyn PgExtension>>,
    /// Some table has parents (`INHERITS`): column changes must reach the children.
    inheritance: bool,
}

/// The names of all constraints of `t`, qualified by its schema.
fn constraint_names(t: &Table) -> impl Iterator<Item = QualifiedName> + '_ {
    t.constraints
        .keys()
        .map(|c| QualifiedName::new(t.name.schema.clone(), c.clone()))
}

/// The relation names the index-backed constraints of `t` occupy.
fn index_backed_names(t: &Table) -> impl Iterator<Item = QualifiedName> + '_ {
    t.constraints
        .values()
        .filter(|c| {
            matches!(
                c.kind,
                ConstraintKind::PrimaryKey { .. }
                    | ConstraintKind::Unique { .. }
                    | ConstraintKind::Exclude { .. }
            )
        })
        .map(|c| QualifiedName::new(t.name.schema.clone(), c.name.clone()))
}

/// The line (1-based) of byte offset `pos` in `text`.
fn line_of(text: &str, pos: usize) -> usize {
    text.as_bytes()[..pos.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The statements inside a guard migrator writes for idempotent DDL,
/// `DO $migrator$ BEGIN IF <condition> THEN <statements> END IF; END $migrator$`, or `None`
/// for any other `DO` block.
fn guarded_statements(d: &pb::DoStmt) -> Option<String> {
    let body = d.args.iter().find_map(|a| match a.node.as_ref()? {
        N::DefElem(e) if e.defname == "as" => match e.arg.as_deref()?.node.as_ref()? {
            N::String(s) => Some(s.sval.clone()),
            _ => None,
        },
        _ => None,
    })?;
    let body = body.trim();
    let rest = body.strip_prefix("BEGIN IF ")?;
    let rest = rest.strip_suffix("END IF; END")?;
    let (_, statements) = rest.split_once(" THEN\n")?;
    Some(statements.to_string())
}

/// Parses SQL text with pg_query; a syntax error names the file and line.
pub fn parse_sql(file: &str, text: &str) -> Result<pb::ParseResult, LoadError> {
    pg_query::parse(text, 0).map(|p| p.protobuf).map_err(|e| {
        let message = match e {
            pg_query::Error::Parse(m) => m,
            other => other.to_string(),
        };
        LoadError::Sql {
            file: file.to_string(),
            line: locate_parse_error(text, &message),
            message,
        }
    })
}

/// Locates a parse error: the failing statement, and the token the parser names.
fn locate_parse_error(text: &str, message: &str) -> usize {
    let Ok(pieces) = pg_query::split_with_scanner(text) else {
        return 1;
    };
    for piece in pieces {
        if pg_query::parse(piece, 0).is_ok() {
            continue;
        }
        let start = piece.as_ptr() as usize - text.as_ptr() as usize;
        let near = message
            .split_once("at or near \"")
            .and_then(|(_, rest)| rest.rsplit_once('"'))
            .map(|(tok, _)| tok);
        let offset = near
            .and_then(|tok| piece.find(tok))
            .unwrap_or_else(|| piece.len() - piece.trim_start().len());
        return line_of(text, start + offset);
    }
    1
}

impl Loader {
    /// Parses `text` and applies its statements.
    pub fn load_text(&mut self, file: &str, text: &str) -> Result<(), LoadError> {
        let text = blank_copy_data(text);
        let parsed = parse_sql(file, &text)?;
        self.apply_parsed(file, &text, &parsed)
    }

    /// Applies the statements of `text`, already parsed by [`parse_sql`].
    pub fn apply_parsed(
        &mut self,
        file: &str,
        text: &str,
        parsed: &pb::ParseResult,
    ) -> Result<(), LoadError> {
        self.file = file.to_string();
        // Lines are counted incrementally: statements come in file order.
        let (mut counted_to, mut line) = (0usize, 1usize);
        // A statement's text runs from the end of the previous one, so the comments before
        // it (`-- migrator:renamed-from …`) are part of it.
        let mut previous_end = 0usize;
        for raw in &parsed.stmts {
            let start = (raw.stmt_location.max(0) as usize).min(text.len());
            let rest = &text[start..];
            let pos = start + (rest.len() - rest.trim_start().len());
            line += text.as_bytes()[counted_to..pos.max(counted_to)]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted_to = pos.max(counted_to);
            self.line = line;
            let Some(node) = raw.stmt.as_ref().and_then(|s| s.node.as_ref()) else {
                continue;
            };
            let end = if raw.stmt_len > 0 {
                (start + raw.stmt_len as usize).min(text.len())
            } else {
                text.len()
            };
            let from = previous_end.min(pos).min(end);
            let untrimmed = &text[from..end];
            let body = untrimmed.trim_start_matches(|c: char| c == ';' || c.is_whitespace());
            self.statement_start = from + (untrimmed.len() - body.len());
            self.statement = body.trim_end().to_string();
            previous_end = end;
            let claimed = self
                .extensions
                .iter()
                .find_map(|e| e.statement(&self.statement, &mut self.schema));
            if let Some(result) = claimed {
                self.invalidate_relation_names();
                result.map_err(|message| LoadError::Sql {
                    file: file.to_string(),
                    line: self.line,
                    message,
                })?;
                continue;
            }
            if let N::DoStmt(d) = node {
                // migrator's own catalog guards (idempotent DDL): replaying migrations
                // applies the guarded statements, as a first run does.
                if let Some(inner) = guarded_statements(d) {
                    let parsed = parse_sql(file, &inner)?;
                    for stmt in &parsed.stmts {
                        let one = pb::ParseResult {
                            version: parsed.version,
                            stmts: vec![stmt.clone()],
                        };
                        match self.apply_parsed(file, &inner, &one) {
                            // The guard would have skipped what already exists.
                            Err(LoadError::Sql { message, .. })
                                if message.contains("already exists") => {}
                            other => other?,
                        }
                    }
                    self.file = file.to_string();
                    continue;
                }
            }
            self.apply(node).map_err(|message| LoadError::Sql {
                file: file.to_string(),
                line: self.line,
                message,
            })?;
        }
        Ok(())
    }

    /// Resolves what needs the whole schema (FK columns defaulting to the primary key).
    pub fn finish(mut self) -> Result<Loaded, LoadError> {
        let pks: Vec<(QualifiedName, Vec<String>)> = self
            .schema
            .tables
            .values()
            .filter_map(|t| {
                t.constraints.values().find_map(|c| match &c.kind {
                    ConstraintKind::PrimaryKey { columns, .. } => {
                        Some((t.name.clone(), columns.clone()))
                    }
                    _ => None,
                })
            })
            .collect();
        for t in self.schema.tables.values_mut() {
            for c in t.constraints.values_mut() {
                if let ConstraintKind::ForeignKey {
                    ref_table,
                    ref_columns,
                    ..
                } = &mut c.kind
                {
                    if ref_columns.is_empty() {
                        let pk = pks.iter().find(|(n, _)| n == ref_table).ok_or_else(|| {
                            LoadError::Other(format!(
                                "foreign key {} on {}: the referenced table {} has no primary key",
                                c.name, t.name, ref_table
                            ))
                        })?;
                        *ref_columns = pk.1.clone();
                    }
                }
            }
        }
        crate::operator::link_operators(&mut self.schema.operators).map_err(LoadError::Other)?;
        let domains: HashSet<QualifiedName> = self.schema.domains.keys().cloned().collect();
        for t in self.schema.tables.values_mut() {
            for c in &mut t.columns {
                canonical_default(c, &domains);
            }
        }
        self.schema.schemas.remove("public");
        Ok(Loaded {
            schema: self.schema,
            warnings: self.warnings,
        })
    }

    fn warn(&mut self, message: impl Into<String>) {
        self.warnings.push(Warning {
            file: self.file.clone(),
            line: self.line,
            message: message.into(),
        });
    }

    /// The schema unqualified names are created in.
    fn creation_schema(&self) -> String {
        self.search_path
            .as_ref()
            .and_then(|p| p.first().cloned())
            .unwrap_or_else(|| "public".to_string())
    }

    /// Resolves an unqualified name along the search path, using `exists` to probe.
    fn resolve(
        &self,
        schema: &str,
        name: &str,
        exists: impl Fn(&QualifiedName) -> bool,
    ) -> QualifiedName {
        if !schema.is_empty() {
            return QualifiedName::new(schema, name);
        }
        let default_path = vec!["public".to_string()];
        let path = self.search_path.as_ref().unwrap_or(&default_path);
        for s in path {
            let q = QualifiedName::new(s.clone(), name);
            if exists(&q) {
                return q;
            }
        }
        QualifiedName::new(self.creation_schema(), name)
    }

    fn table_name(&self, rv: &pb::RangeVar) -> QualifiedName {
        self.resolve(&rv.schemaname, &rv.relname, |q| {
            self.schema.tables.contains_key(q)
        })
    }

    /// Resolves a table or view name.
    fn relation_name(&self, rv: &pb::RangeVar) -> QualifiedName {
        self.resolve(&rv.schemaname, &rv.relname, |q| {
            self.schema.tables.contains_key(q) || self.schema.views.contains_key(q)
        })
    }

    /// `CREATE VIEW` and `CREATE MATERIALIZED VIEW`.
    fn create_view(
        &mut self,
        rv: &pb::RangeVar,
        aliases: &[Node],
        query: Option<&Node>,
        materialized: bool,
        with_no_data: bool,
        replace: bool,
    ) -> R<()> {
        let name = self.new_name(rv);
        let mut query = query.ok_or("a view without a query")?.clone();
        // A column list names the query's targets, as the catalog shows it (`x AS a`).
        let aliases = strings(aliases);
        if let Some(N::SelectStmt(s)) = query.node.as_mut() {
            for (t, a) in s.target_list.iter_mut().zip(&aliases) {
                if let Some(N::ResTarget(r)) = t.node.as_mut() {
                    r.name = a.clone();
                }
            }
        }
        let canonical = crate::query::canonical_query(&query, self)?;
        let sql = query
            .deparse(Default::default())
            .map_err(|e| e.to_string())?;
        if self.schema.views.contains_key(&name) && !replace {
            return Err(format!("relation {name} already exists"));
        }
        let comment = self.schema.views.get(&name).and_then(|v| v.comment.clone());
        // The functions the query calls: a view is dropped and created around one of them
        // being dropped and created.
        let default_schema = self.creation_schema();
        let mut refs: Vec<QualifiedName> = pg_query::parse(&sql, 0)
            .map(|p| p.functions())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|f| match f.split_once('.') {
                Some(("pg_catalog", _)) => None,
                Some((schema, name)) => Some(QualifiedName::new(schema, name)),
                None => Some(QualifiedName::new(default_schema.clone(), f)),
            })
            .collect();
        refs.sort();
        refs.dedup();
        self.schema.views.insert(
            name.clone(),
            View {
                name,
                materialized,
                query: Expr {
                    sql,
                    key: canonical.key,
                    refs,
                },
                columns: canonical.columns,
                depends_on: canonical.relations,
                with_no_data,
                comment,
            },
        );
        Ok(())
    }

    fn new_name(&self, rv: &pb::RangeVar) -> QualifiedName {
        if rv.schemaname.is_empty() {
            QualifiedName::new(self.creation_schema(), rv.relname.clone())
        } else {
            QualifiedName::new(rv.schemaname.clone(), rv.relname.clone())
        }
    }

    fn qualified(
        &self,
        names: &[String],
        exists: impl Fn(&QualifiedName) -> bool,
    ) -> R<QualifiedName> {
        match names {
            [n] => Ok(self.resolve("", n, exists)),
            [s, n] => Ok(QualifiedName::new(s.clone(), n.clone())),
            [_, s, n] => Ok(QualifiedName::new(s.clone(), n.clone())),
            _ => Err(format!("cannot read the name {}", names.join("."))),
        }
    }

    fn table_mut(&mut self, name: &QualifiedName) -> R<&mut Table> {
        self.schema
            .tables
            .get_mut(name)
            .ok_or_else(|| format!("table {name} does not exist"))
    }

    fn type_of(&self, t: &pb::TypeName) -> R<CanonicalType> {
        let mut ct = canonical_type(t, &self.creation_schema())?;
        // An unqualified user type resolves along the search path.
        if let Some(q) = &ct.user_type {
            if strings(&t.names).len() == 1 {
                let resolved = self.resolve("", &q.name, |q| self.is_user_type(q));
                if &resolved != q {
                    let with_schema = pb::TypeName {
                        names: vec![string_node(&resolved.schema), string_node(&resolved.name)],
                        ..t.clone()
                    };
                    ct = canonical_type(&with_schema, "public")?;
                }
            }
        }
        Ok(ct)
    }

    fn expr(&self, n: &Node) -> R<Expr> {
        expr_from_node(n, &self.creation_schema())
    }

    fn apply(&mut self, node: &N) -> R<()> {
        if matches!(node, N::DropStmt(_) | N::RenameStmt(_)) {
            self.invalidate_relation_names();
        }
        match node {
            N::CreateSchemaStmt(s) => self.create_schema(s),
            N::CreateExtensionStmt(s) => self.create_extension(s),
            N::AlterExtensionStmt(s) => {
                let version = s.options.iter().find_map(|o| match &o.node {
                    Some(N::DefElem(d)) if d.defname == "new_version" => {
                        d.arg.as_deref().map(const_text)
                    }
                    _ => None,
                });
                let ext = self
                    .schema
                    .extensions
                    .get_mut(&s.extname)
                    .ok_or_else(|| format!("extension {} does not exist", s.extname))?;
                ext.version = version;
                Ok(())
            }
            N::CreateDomainStmt(s) => self.create_domain(s),
            N::AlterDomainStmt(s) => self.alter_domain(s),
            N::CompositeTypeStmt(s) => {
                let rv = s.typevar.as_ref().ok_or("CREATE TYPE without a name")?;
                let name = self.new_name(rv);
                if self.is_user_type(&name) {
                    return Err(format!("type {name} already exists"));
                }
                let mut attributes = Vec::new();
                for c in &s.coldeflist {
                    let Some(N::ColumnDef(cd)) = &c.node else {
                        continue;
                    };
                    attributes.push(self.attribute(cd)?);
                }
                self.schema.composites.insert(
                    name.clone(),
                    CompositeType {
                        name,
                        attributes,
                        comment: None,
                    },
                );
                Ok(())
            }
            N::CreateEnumStmt(s) => {
                let name = self.qualified(&strings(&s.type_name), |_| false)?;
                if self.schema.enums.contains_key(&name) {
                    return Err(format!("type {name} already exists"));
                }
                let values = strings(&s.vals);
                let mut renamed_values = BTreeMap::new();
                for (value, old) in enum_value_renames(&self.statement) {
                    if !values.contains(&value) || values.contains(&old) {
                        return Err(format!(
                            "migrator:renamed-from '{old}' on value '{value}' of {name}: \
                             the old label must not be a value any more"
                        ));
                    }
                    renamed_values.insert(value, old);
                }
                self.schema.enums.insert(
                    name.clone(),
                    EnumType {
                        name,
                        values,
                        comment: None,
                        renamed_values,
                    },
                );
                Ok(())
            }
            N::AlterEnumStmt(s) => self.alter_enum(s),
            N::CreateSeqStmt(s) => self.create_sequence(s),
            N::AlterSeqStmt(s) => {
                let rv = s.sequence.as_ref().ok_or("ALTER SEQUENCE without a name")?;
                let name = self.resolve(&rv.schemaname, &rv.relname, |q| {
                    self.schema.sequences.contains_key(q)
                });
                let Some(mut seq) = self.schema.sequences.get(&name).cloned() else {
                    if s.missing_ok {
                        return Ok(());
                    }
                    return Err(format!("sequence {name} does not exist"));
                };
                let owned_by = self.sequence_options(&mut seq.options, &s.options, false)?;
                if let Some(owner) = owned_by {
                    seq.owned_by = owner;
                }
                self.schema.sequences.insert(name, seq);
                Ok(())
            }
            N::CreateStmt(s) => self.create_table(s),
            N::AlterTableStmt(s) => {
                self.alter_table(s)?;
                if !self.schema.privileges.is_empty() {
                    self.prune_privileges();
                }
                Ok(())
            }
            N::IndexStmt(s) => self.create_index(s),
            N::ViewStmt(s) => {
                if s.with_check_option != pb::ViewCheckOption::NoCheckOption as i32 {
                    return Err("views WITH CHECK OPTION are not supported yet".into());
                }
                let rv = s.view.as_ref().ok_or("CREATE VIEW without a name")?;
                self.create_view(rv, &s.aliases, s.query.as_deref(), false, false, s.replace)
            }
            N::CreateTableAsStmt(s) if s.objtype == Ot::ObjectMatview as i32 => {
                let into = s
                    .into
                    .as_ref()
                    .ok_or("CREATE MATERIALIZED VIEW without a name")?;
                let rv = into
                    .rel
                    .as_ref()
                    .ok_or("CREATE MATERIALIZED VIEW without a name")?;
                // `WITH (timescaledb.continuous)` and the like: another dialect's object.
                let foreign = into.options.iter().find_map(|o| match &o.node {
                    Some(N::DefElem(d)) if !d.defnamespace.is_empty() => {
                        Some(d.defnamespace.clone())
                    }
                    _ => None,
                });
                if let Some(ns) = foreign {
                    let name = self.new_name(rv);
                    self.warn(format!(
                        "skipped: materialized view {name} has `{ns}.` options, so it belongs to another dialect ({ns}); so do its indexes"
                    ));
                    self.skipped_relations.insert(name);
                    return Ok(());
                }
                if s.if_not_exists && self.schema.views.contains_key(&self.new_name(rv)) {
                    return Ok(());
                }
                self.create_view(
                    rv,
                    &into.col_names,
                    s.query.as_deref(),
                    true,
                    into.skip_data,
                    false,
                )
            }
            N::RefreshMatViewStmt(_) => Ok(()),
            N::CreateFunctionStmt(s) => {
                let f = crate::routine::function_in(s, &self.creation_schema(), None, Some(self))?;
                let id = f.id.clone();
                create_or_replace(
                    &mut self.schema.functions,
                    id,
                    f,
                    s.replace,
                    "function",
                    |x| &mut x.comment,
                )
            }
            N::DefineStmt(s) if s.kind == Ot::ObjectAggregate as i32 => {
                let a = crate::operator::aggregate(s, self)?;
                let id = a.id.clone();
                create_or_replace(
                    &mut self.schema.aggregates,
                    id,
                    a,
                    s.replace,
                    "aggregate",
                    |x| &mut x.comment,
                )
            }
            N::DefineStmt(s) if s.kind == Ot::ObjectOperator as i32 => {
                let o = crate::operator::operator(s, self)?;
                if self.schema.operators.contains_key(&o.id) {
                    return Err(format!("operator {} already exists", o.id));
                }
                self.schema.operators.insert(o.id.clone(), o);
                Ok(())
            }
            N::CreatePolicyStmt(s) => {
                let rv = s.table.as_ref().ok_or("CREATE POLICY without a table")?;
                let table = self.table_name(rv);
                if !self.schema.tables.contains_key(&table) {
                    return Err(format!("table {table} does not exist"));
                }
                let mut roles: Vec<String> = s
                    .roles
                    .iter()
                    .filter_map(|r| match &r.node {
                        Some(N::RoleSpec(r)) => Some(role_name(r)),
                        _ => None,
                    })
                    .collect();
                if roles.is_empty() {
                    roles.push("public".into());
                }
                roles.sort();
                let id = QualifiedName::new(
                    table.schema.clone(),
                    format!("{}.{}", table.name, s.policy_name),
                );
                if self.schema.policies.contains_key(&id) {
                    return Err(format!(
                        "policy {} for table {table} already exists",
                        s.policy_name
                    ));
                }
                let policy = Policy {
                    id: id.clone(),
                    table,
                    name: s.policy_name.clone(),
                    permissive: s.permissive,
                    command: s.cmd_name.to_uppercase(),
                    roles,
                    using: s.qual.as_deref().map(|e| self.expr(e)).transpose()?,
                    with_check: s.with_check.as_deref().map(|e| self.expr(e)).transpose()?,
                    comment: None,
                };
                self.schema.policies.insert(id, policy);
                Ok(())
            }
            N::AlterPolicyStmt(_) => {
                Err("ALTER POLICY is not supported yet; drop and create the policy".into())
            }
            N::CreateTrigStmt(s) => {
                let rv = s
                    .relation
                    .as_ref()
                    .ok_or("CREATE TRIGGER without a table")?;
                let table = self.table_name(rv);
                if !self.schema.tables.contains_key(&table) {
                    return Err(format!(
                        "table {table} does not exist (triggers on views are not supported yet)"
                    ));
                }
                let t = crate::routine::trigger(s, table, &self.creation_schema(), None)?;
                if self.schema.triggers.contains_key(&t.id) && !s.replace {
                    return Err(format!("trigger {} already exists", t.id));
                }
                self.schema.triggers.insert(t.id.clone(), t);
                Ok(())
            }
            N::CommentStmt(s) => self.comment(s),
            N::GrantStmt(s) => self.grant(s),
            N::DropStmt(s) => {
                self.drop(s)?;
                self.prune_privileges();
                Ok(())
            }
            N::RenameStmt(s) => {
                self.rename_privileges(s);
                self.rename(s)
            }
            N::VariableSetStmt(s) => {
                if s.name == "search_path" {
                    let kind = pb::VariableSetKind::try_from(s.kind)
                        .unwrap_or(pb::VariableSetKind::Undefined);
                    self.search_path = match kind {
                        pb::VariableSetKind::VarSetValue => Some(
                            s.args
                                .iter()
                                .map(const_text)
                                .filter(|p| !p.is_empty())
                                .collect(),
                        ),
                        _ => None,
                    };
                }
                Ok(())
            }
            N::SelectStmt(s) => {
                self.select(s);
                Ok(())
            }
            N::TransactionStmt(_)
            | N::AlterOwnerStmt(_)
            | N::GrantRoleStmt(_)
            | N::AlterDefaultPrivilegesStmt(_) => Ok(()),
            N::InsertStmt(_)
            | N::UpdateStmt(_)
            | N::DeleteStmt(_)
            | N::TruncateStmt(_)
            | N::CopyStmt(_) => {
                self.warn("skipped: data statements (INSERT, UPDATE, DELETE, TRUNCATE, COPY) are not part of a schema");
                Ok(())
            }
            N::DoStmt(_) => {
                self.warn(
                    "skipped: DO blocks are not interpreted; declare their objects with plain DDL",
                );
                Ok(())
            }
            other => Err(format!(
                "{} is not supported yet (see docs/SUPPORTED.md)",
                statement_name(other)
            )),
        }
    }

    fn select(&mut self, s: &pb::SelectStmt) {
        let func = s.target_list.first().and_then(|t| match &t.node {
            Some(N::ResTarget(r)) => match r.val.as_deref().and_then(|v| v.node.as_ref()) {
                Some(N::FuncCall(f)) => Some(f.clone()),
                _ => None,
            },
            _ => None,
        });
        let Some(f) = func else {
            self.warn("skipped: a SELECT is not schema DDL");
            return;
        };
        let name = strings(&f.funcname).join(".");
        if name.ends_with("set_config")
            && f.args.first().map(const_text).as_deref() == Some("search_path")
        {
            let path = f.args.get(1).map(const_text).unwrap_or_default();
            let parts: Vec<String> = path
                .split(',')
                .map(|p| p.trim().trim_matches('"').to_string())
                .filter(|p| !p.is_empty())
                .collect();
            self.search_path = Some(parts);
            return;
        }
        self.warn(format!(
            "skipped: `SELECT {name}(…)` is not PostgreSQL schema DDL (it may belong to another dialect, e.g. timescale)"
        ));
    }

    fn create_schema(&mut self, s: &pb::CreateSchemaStmt) -> R<()> {
        if !s.schema_elts.is_empty() {
            return Err("CREATE SCHEMA with embedded statements is not supported yet; create the objects in separate statements".into());
        }
        if self.schema.schemas.contains_key(&s.schemaname) || s.schemaname == "public" {
            if s.if_not_exists || s.schemaname == "public" {
                return Ok(());
            }
            return Err(format!("schema {} already exists", s.schemaname));
        }
        self.schema.schemas.insert(
            s.schemaname.clone(),
            Namespace {
                name: s.schemaname.clone(),
                comment: None,
            },
        );
        Ok(())
    }

    fn create_extension(&mut self, s: &pb::CreateExtensionStmt) -> R<()> {
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
        self.schema.extensions.insert(ext.name.clone(), ext);
        Ok(())
    }

    fn alter_enum(&mut self, s: &pb::AlterEnumStmt) -> R<()> {
        let name = self.qualified(&strings(&s.type_name), |q| {
            self.schema.enums.contains_key(q)
        })?;
        let e = self
            .schema
            .enums
            .get_mut(&name)
            .ok_or_else(|| format!("enum type {name} does not exist"))?;
        if !s.old_val.is_empty() {
            let v = e
                .values
                .iter_mut()
                .find(|v| **v == s.old_val)
                .ok_or_else(|| format!("{} is not a value of {name}", s.old_val))?;
            *v = s.new_val.clone();
            // Defaults hold the value itself: the catalog shows them with the new label.
            let literal = |s: &str| format!("'{}'", s.replace('\'', "''"));
            let (from, to) = (literal(&s.old_val), literal(&s.new_val));
            for t in self.schema.tables.values_mut() {
                for c in &mut t.columns {
                    if c.type_ref.as_ref() != Some(&name) {
                        continue;
                    }
                    if let Some(d) = &mut c.default {
                        d.key = d.key.replace(&from, &to);
                        d.sql = d.sql.replace(&from, &to);
                    }
                }
            }
            return Ok(());
        }
        if e.values.contains(&s.new_val) {
            if s.skip_if_new_val_exists {
                return Ok(());
            }
            return Err(format!("{} is already a value of {name}", s.new_val));
        }
        let pos = if s.new_val_neighbor.is_empty() {
            e.values.len()
        } else {
            let i = e
                .values
                .iter()
                .position(|v| *v == s.new_val_neighbor)
                .ok_or_else(|| format!("{} is not a value of {name}", s.new_val_neighbor))?;
            if s.new_val_is_after {
                i + 1
            } else {
                i
            }
        };
        e.values.insert(pos, s.new_val.clone());
        Ok(())
    }

    fn create_sequence(&mut self, s: &pb::CreateSeqStmt) -> R<()> {
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

    /// Applies sequence options to `opts`; returns `Some(owner)` when `OWNED BY` was given.
    /// `fresh` means the sequence is new, so unset bounds take the type's defaults.
    fn sequence_options(
        &self,
        opts: &mut SequenceOptions,
        options: &[Node],
        fresh: bool,
    ) -> R<Option<Option<ColumnRef>>> {
        let mut owned_by = None;
        let (mut min, mut max, mut start) = (None, None, None);
        let mut data_type = None;
        let mut increment = None;
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
                _ => {}
            }
        }
        let type_changed = data_type.is_some();
        if let Some(t) = data_type {
            opts.data_type = t;
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
        Ok(owned_by)
    }

    fn create_table(&mut self, s: &pb::CreateStmt) -> R<()> {
        let rv = s.relation.as_ref().ok_or("CREATE TABLE without a name")?;
        if rv.relpersistence == "t" {
            self.warn("skipped: temporary tables are not part of a schema");
            return Ok(());
        }
        if rv.relpersistence == "u" {
            return Err("UNLOGGED tables are not supported yet".into());
        }
        if s.of_typename.is_some() {
            return Err("typed tables (CREATE TABLE … OF type) are not supported yet".into());
        }
        let name = self.new_name(rv);
        if self.schema.tables.contains_key(&name) {
            if s.if_not_exists {
                return Ok(());
            }
            return Err(format!("table {name} already exists"));
        }
        if !s.options.is_empty() {
            self.warn(format!(
                "table {name}: storage parameters (WITH …) are not managed yet and were ignored"
            ));
        }
        let mut table = Table::new(name.clone());
        if let Some(spec) = &s.partspec {
            table.partition_by = Some(crate::partition::key(spec)?);
        }
        if let Some(bound) = &s.partbound {
            let parent = match s.inh_relations.first().and_then(|n| n.node.as_ref()) {
                Some(N::RangeVar(rv)) => self.table_name(rv),
                _ => return Err("PARTITION OF without a parent".into()),
            };
            let p = self
                .schema
                .tables
                .get(&parent)
                .ok_or_else(|| format!("table {parent} does not exist"))?;
            if p.partition_by.is_none() {
                return Err(format!("table {parent} is not partitioned"));
            }
            table.partition_of = Some(PartitionOf {
                parent,
                bound: crate::partition::bound(bound)?,
            });
        }
        if s.partbound.is_none() {
            for n in &s.inh_relations {
                let Some(N::RangeVar(rv)) = &n.node else {
                    continue;
                };
                let parent = self.table_name(rv);
                self.inherit_columns(&mut table, &parent)?;
                table.inherits.push(parent);
            }
        }
        // The line of the opening parenthesis, past the comments before the statement
        // (which may hold parentheses of their own).
        let body = leading_comments_end(&self.statement);
        let head_end =
            self.statement[body..]
                .find('(')
                .map(|i| body + i)
                .map_or(self.statement.len(), |i| {
                    self.statement[i..]
                        .find('\n')
                        .map_or(self.statement.len(), |n| i + n)
                });
        table.renamed_from = renamed_from(&self.statement[..head_end]);
        let mut pending: Vec<(pb::Constraint, Option<String>)> = Vec::new();
        let mut serials = Vec::new();
        for elt in &s.table_elts {
            match &elt.node {
                Some(N::ColumnDef(cd)) => {
                    let merged = match table.column(&cd.colname) {
                        Some(c) if c.inherited => Some(c.clone()),
                        Some(_) => {
                            return Err(format!("column {} specified more than once", cd.colname))
                        }
                        None => None,
                    };
                    let (mut col, cons, serial) = self.column_def(&name, cd)?;
                    col.renamed_from = self.column_annotation(cd.location);
                    if let Some(inh) = merged {
                        // Declared here and inherited: one column, local.
                        if inh.data_type != col.data_type {
                            return Err(format!(
                                "column {} has a type conflict: {} versus {}",
                                cd.colname, inh.data_type, col.data_type
                            ));
                        }
                        col.not_null |= inh.not_null;
                        if col.default.is_none() {
                            col.default = inh.default.clone();
                        }
                        if col.storage.is_none() {
                            col.storage = inh.storage.clone();
                        }
                        let c = table.column_mut(&cd.colname).ok_or("no such column")?;
                        *c = col;
                    } else {
                        table.columns.push(col);
                    }
                    pending.extend(cons.into_iter().map(|c| (c, Some(cd.colname.clone()))));
                    serials.extend(serial);
                }
                Some(N::Constraint(c)) => pending.push((c.as_ref().clone(), None)),
                Some(N::TableLikeClause(_)) => {
                    return Err("CREATE TABLE … (LIKE …) is not supported yet".into())
                }
                _ => return Err("unexpected element in CREATE TABLE".into()),
            }
        }
        drop_duplicate_keys(&mut pending);
        for (c, column) in pending {
            self.add_constraint(&mut table, &c, column.as_deref())?;
        }
        self.put_table(name, table);
        for seq in serials {
            self.schema.sequences.insert(seq.name.clone(), seq);
        }
        Ok(())
    }

    /// Adds the columns of `parent` to `table` as inherited ones (merged with any already
    /// there from another parent).
    fn inherit_columns(&mut self, table: &mut Table, parent: &QualifiedName) -> R<()> {
        let p = self
            .schema
            .tables
            .get(parent)
            .ok_or_else(|| format!("relation {parent} does not exist"))?;
        if p.partition_by.is_some() {
            return Err(format!("cannot inherit from partitioned table {parent}"));
        }
        for pc in &p.columns {
            if let Some(existing) = table.column_mut(&pc.name) {
                if existing.data_type != pc.data_type {
                    return Err(format!(
                        "inherited column {} has a type conflict: {} versus {}",
                        pc.name, existing.data_type, pc.data_type
                    ));
                }
                existing.not_null |= pc.not_null;
                continue;
            }
            table.columns.push(inherited_copy(pc, None));
        }
        self.inheritance = true;
        Ok(())
    }

    /// Makes the children of `parent` (and theirs) match its columns again, as PostgreSQL
    /// passes column changes down: new columns appear, dropped ones that were only
    /// inherited go, and inherited ones take the parent's definition.
    fn sync_children(&mut self, parent: &QualifiedName) {
        if !self.inheritance {
            return;
        }
        let children: Vec<QualifiedName> = self
            .schema
            .tables
            .values()
            .filter(|t| t.inherits.contains(parent))
            .map(|t| t.name.clone())
            .collect();
        for child in children {
            let mut t = self.schema.tables[&child].clone();
            let parents: Vec<Table> = t
                .inherits
                .iter()
                .filter_map(|p| self.schema.tables.get(p).cloned())
                .collect();
            t.columns
                .retain(|c| !c.inherited || parents.iter().any(|p| p.column(&c.name).is_some()));
            for p in &parents {
                for pc in &p.columns {
                    match t.column_mut(&pc.name) {
                        Some(c) if c.inherited => *c = inherited_copy(pc, c.comment.clone()),
                        Some(_) => {}
                        None => t.columns.push(inherited_copy(pc, None)),
                    }
                }
            }
            self.schema.tables.insert(child.clone(), t);
            self.sync_children(&child);
        }
    }

    /// Builds a column; returns it with its column constraints (to add once the table is
    /// complete) and the sequence a serial type expands to.
    fn column_def(
        &self,
        table: &QualifiedName,
        cd: &pb::ColumnDef,
    ) -> R<(Column, Vec<pb::Constraint>, Option<Sequence>)> {
        let tn = cd
            .type_name
            .as_ref()
            .ok_or_else(|| format!("column {} has no type", cd.colname))?;
        let mut serial = None;
        let mut col = match serial_base(tn) {
            Some(base) => {
                let seq_name = QualifiedName::new(
                    table.schema.clone(),
                    crate::names::object_name(&table.name, Some(&cd.colname), "seq"),
                );
                let regclass = crate::quote::quote_qualified(&seq_name.schema, &seq_name.name);
                let default = crate::normalize::expr_from_sql(
                    &format!(
                        "nextval({}::regclass)",
                        migrator_core::render::quote_literal(&regclass)
                    ),
                    "public",
                )?;
                serial = Some(Sequence {
                    name: seq_name,
                    options: SequenceOptions::defaults(base, 1),
                    owned_by: Some(ColumnRef {
                        table: table.clone(),
                        column: cd.colname.clone(),
                    }),
                    comment: None,
                });
                Column {
                    name: cd.colname.clone(),
                    data_type: base.to_string(),
                    type_ref: None,
                    not_null: true,
                    default: Some(default),
                    identity: None,
                    generated: None,
                    collation: None,
                    comment: None,
                    renamed_from: None,
                    storage: None,
                    inherited: false,
                }
            }
            None => {
                let ct = self.type_of(tn)?;
                Column {
                    name: cd.colname.clone(),
                    data_type: ct.text,
                    type_ref: ct.user_type,
                    not_null: cd.is_not_null,
                    default: None,
                    identity: None,
                    generated: None,
                    collation: None,
                    comment: None,
                    renamed_from: None,
                    storage: None,
                    inherited: false,
                }
            }
        };
        if let Some(coll) = &cd.coll_clause {
            col.collation = Some(strings(&coll.collname).join("."));
        }
        let mut rest: Vec<pb::Constraint> = Vec::new();
        for c in &cd.constraints {
            let Some(N::Constraint(c)) = &c.node else {
                continue;
            };
            match Ct::try_from(c.contype).unwrap_or(Ct::Undefined) {
                Ct::ConstrNotnull => col.not_null = true,
                Ct::ConstrNull => col.not_null = false,
                Ct::ConstrDefault => {
                    if serial.is_some() {
                        return Err(format!(
                            "multiple default values specified for column {}",
                            cd.colname
                        ));
                    }
                    col.default = c.raw_expr.as_deref().map(|e| self.expr(e)).transpose()?;
                }
                Ct::ConstrIdentity => {
                    col.identity = Some(self.identity(&col.data_type, c)?);
                    col.not_null = true;
                }
                Ct::ConstrGenerated => {
                    col.generated = c.raw_expr.as_deref().map(|e| self.expr(e)).transpose()?;
                }
                // DEFERRABLE and friends qualify the constraint just before them.
                Ct::ConstrAttrDeferrable
                | Ct::ConstrAttrNotDeferrable
                | Ct::ConstrAttrDeferred
                | Ct::ConstrAttrImmediate => {
                    let prev = rest
                        .last_mut()
                        .ok_or("DEFERRABLE/INITIALLY must follow a constraint")?;
                    match Ct::try_from(c.contype).unwrap_or(Ct::Undefined) {
                        Ct::ConstrAttrDeferrable => prev.deferrable = true,
                        Ct::ConstrAttrNotDeferrable => prev.deferrable = false,
                        Ct::ConstrAttrDeferred => prev.initdeferred = true,
                        _ => prev.initdeferred = false,
                    }
                }
                Ct::ConstrAttrEnforced | Ct::ConstrAttrNotEnforced => {}
                _ => rest.push(c.as_ref().clone()),
            }
        }
        Ok((col, rest, serial))
    }

    fn identity(&self, data_type: &str, c: &pb::Constraint) -> R<Identity> {
        let mut options = SequenceOptions::defaults(data_type, 1);
        self.sequence_options(&mut options, &c.options, true)?;
        // An identity sequence always has its column's type.
        options.data_type = data_type.to_string();
        Ok(Identity {
            always: c.generated_when == "a",
            options,
        })
    }

    /// Adds a table or column constraint, naming it as PostgreSQL would.
    fn add_constraint(&self, table: &mut Table, c: &pb::Constraint, column: Option<&str>) -> R<()> {
        let kind = Ct::try_from(c.contype).unwrap_or(Ct::Undefined);
        let keys = |nodes: &[Node]| -> Vec<String> {
            let k = strings(nodes);
            if k.is_empty() {
                column.map(|c| vec![c.to_string()]).unwrap_or_default()
            } else {
                k
            }
        };
        let (ckind, label, name2): (ConstraintKind, &str, Option<String>) = match kind {
            Ct::ConstrPrimary => {
                let columns = keys(&c.keys);
                for col in &columns {
                    if let Some(x) = table.column_mut(col) {
                        x.not_null = true;
                    }
                }
                (
                    ConstraintKind::PrimaryKey {
                        columns,
                        include: strings(&c.including),
                    },
                    "pkey",
                    None,
                )
            }
            Ct::ConstrUnique => {
                let columns = keys(&c.keys);
                let n2 = columns.join("_");
                (
                    ConstraintKind::Unique {
                        columns,
                        include: strings(&c.including),
                        nulls_not_distinct: c.nulls_not_distinct,
                    },
                    "key",
                    Some(n2),
                )
            }
            Ct::ConstrCheck => {
                let raw = c.raw_expr.as_deref().ok_or("CHECK without an expression")?;
                let expr = self.expr(raw)?;
                let cols = referenced_columns(raw, table);
                let n2 = if cols.len() == 1 {
                    Some(cols[0].clone())
                } else {
                    None
                };
                (
                    ConstraintKind::Check {
                        expr,
                        no_inherit: c.is_no_inherit,
                    },
                    "check",
                    n2,
                )
            }
            Ct::ConstrForeign => {
                let columns = keys(&c.fk_attrs);
                let rv = c.pktable.as_ref().ok_or("REFERENCES without a table")?;
                let ref_table = if rv.schemaname.is_empty()
                    && rv.relname == table.name.name
                    && !self.schema.tables.contains_key(&self.table_name(rv))
                {
                    table.name.clone()
                } else {
                    self.table_name(rv)
                };
                let mut ref_columns = strings(&c.pk_attrs);
                if ref_columns.is_empty() && ref_table == table.name {
                    ref_columns = table
                        .constraints
                        .values()
                        .find_map(|k| match &k.kind {
                            ConstraintKind::PrimaryKey { columns, .. } => Some(columns.clone()),
                            _ => None,
                        })
                        .unwrap_or_default();
                }
                let n2 = columns.join("_");
                (
                    ConstraintKind::ForeignKey {
                        columns,
                        ref_table,
                        ref_columns,
                        on_delete: fk_action(&c.fk_del_action),
                        on_update: fk_action(&c.fk_upd_action),
                        match_full: c.fk_matchtype == "f",
                    },
                    "fkey",
                    Some(n2),
                )
            }
            Ct::ConstrExclusion => {
                let def = exclusion_definition(c)?;
                let cols: Vec<String> = c
                    .exclusions
                    .iter()
                    .filter_map(|e| match &e.node {
                        Some(N::List(l)) => l.items.first().and_then(|i| match &i.node {
                            Some(N::IndexElem(ie)) if !ie.name.is_empty() => Some(ie.name.clone()),
                            Some(N::IndexElem(_)) => Some("expr".to_string()),
                            _ => None,
                        }),
                        _ => None,
                    })
                    .collect();
                (
                    ConstraintKind::Exclude { definition: def },
                    "excl",
                    Some(cols.join("_")),
                )
            }
            Ct::ConstrAttrEnforced | Ct::ConstrAttrNotEnforced => return Ok(()),
            other => return Err(format!("unsupported constraint {other:?}")),
        };
        let name = if c.conname.is_empty() {
            let relation_label = matches!(label, "pkey" | "key" | "excl");
            // Implicit FK and CHECK names are unique in the whole schema
            // (`ChooseConstraintName` looks in the namespace), not only in the table.
            choose_name(&table.name.name, name2.as_deref(), label, |n| {
                table.constraints.contains_key(n)
                    || (relation_label && self.relation_name_taken(&table.name.schema, n))
                    || (!relation_label && self.constraint_name_taken(&table.name, n))
            })
        } else {
            c.conname.clone()
        };
        if table.constraints.contains_key(&name) {
            return Err(format!(
                "constraint {name} for table {} already exists",
                table.name
            ));
        }
        table.constraints.insert(
            name.clone(),
            Constraint {
                name,
                kind: ckind,
                deferrable: c.deferrable,
                initially_deferred: c.initdeferred,
                comment: None,
            },
        );
        Ok(())
    }

    /// The key of the function an `ObjectWithArgs` names (`f(integer, text)`); without an
    /// argument list, the one function of that name.
    fn routine_id(&self, obj: Option<&Node>) -> R<QualifiedName> {
        let Some(N::ObjectWithArgs(o)) = obj.and_then(|o| o.node.as_ref()) else {
            return Err("expected a function name with its arguments".into());
        };
        let names = strings(&o.objname);
        let name = self.qualified(&names, |q| {
            self.schema.functions.values().any(|f| f.name == *q)
        })?;
        if o.args_unspecified {
            let mut found = self.schema.functions.values().filter(|f| f.name == name);
            return match (found.next(), found.next()) {
                (Some(f), None) => Ok(f.id.clone()),
                (None, _) => Err(format!("function {name} does not exist")),
                _ => Err(format!(
                    "function name {name} is not unique; give the argument types"
                )),
            };
        }
        let mut types = Vec::new();
        for a in &o.objargs {
            if let Some(N::TypeName(t)) = &a.node {
                types.push(self.type_of(t)?.text);
            }
        }
        Ok(QualifiedName::new(
            name.schema,
            format!("{}({})", name.name, types.join(", ")),
        ))
    }

    /// The key of the aggregate an `ObjectWithArgs` names (`agg(text)`, `agg(*)`).
    fn aggregate_id(&self, obj: Option<&Node>) -> R<QualifiedName> {
        let Some(N::ObjectWithArgs(o)) = obj.and_then(|o| o.node.as_ref()) else {
            return Err("expected an aggregate name with its arguments".into());
        };
        let names = strings(&o.objname);
        let name = self.qualified(&names, |q| {
            self.schema.aggregates.values().any(|a| a.name == *q)
        })?;
        let mut types = Vec::new();
        for a in &o.objargs {
            if let Some(N::TypeName(t)) = &a.node {
                types.push(self.type_of(t)?.text);
            }
        }
        let args = if types.is_empty() {
            "*".to_string()
        } else {
            types.join(", ")
        };
        Ok(QualifiedName::new(
            name.schema,
            format!("{}({args})", name.name),
        ))
    }

    /// The key of the operator an `ObjectWithArgs` names (`~~(anynonarray, text)`).
    fn operator_id(&self, obj: Option<&Node>) -> R<QualifiedName> {
        let Some(N::ObjectWithArgs(o)) = obj.and_then(|o| o.node.as_ref()) else {
            return Err("expected an operator with its argument types".into());
        };
        let names = strings(&o.objname);
        let name = self.qualified(&names, |q| {
            self.schema.operators.values().any(|x| x.name == *q)
        })?;
        let mut types = Vec::new();
        for a in &o.objargs {
            match &a.node {
                Some(N::TypeName(t)) => types.push(self.type_of(t)?.text),
                _ => types.push("NONE".to_string()),
            }
        }
        Ok(QualifiedName::new(
            name.schema,
            format!("{}({})", name.name, types.join(", ")),
        ))
    }

    /// The key of a trigger named as `[schema.]table.trigger`.
    fn trigger_id(&self, names: &[String]) -> R<QualifiedName> {
        let (trigger, rel) = names.split_last().ok_or("a trigger without a name")?;
        let table = self.qualified(rel, |q| self.schema.tables.contains_key(q))?;
        Ok(QualifiedName::new(
            table.schema.clone(),
            format!("{}.{trigger}", table.name),
        ))
    }

    /// The `-- migrator:renamed-from` annotation of the column defined at file offset
    /// `location`: at the end of its line, or alone on the line before.
    fn column_annotation(&self, location: i32) -> Option<String> {
        let text = &self.statement;
        let at = (location.max(0) as usize)
            .checked_sub(self.statement_start)?
            .min(text.len());
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        if let Some(name) = renamed_from(&text[at..line_end]) {
            return Some(name);
        }
        let prev_start = text[..line_start.saturating_sub(1)]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let prev = text[prev_start..line_start.saturating_sub(1).max(prev_start)].trim();
        if prev.starts_with("--") {
            return renamed_from(prev);
        }
        None
    }

    /// True when a table of `table`'s schema other than `table` has a constraint `name`.
    fn constraint_name_taken(&self, table: &QualifiedName, name: &str) -> bool {
        let mut cache = self.constraint_names.borrow_mut();
        cache
            .get_or_insert_with(|| {
                self.schema
                    .tables
                    .values()
                    .flat_map(constraint_names)
                    .collect()
            })
            .contains(&QualifiedName::new(table.schema.clone(), name))
    }

    /// True when `q` names a user-defined type (enum, domain or composite).
    fn is_user_type(&self, q: &QualifiedName) -> bool {
        self.schema.enums.contains_key(q)
            || self.schema.domains.contains_key(q)
            || self.schema.composites.contains_key(q)
    }

    /// A composite type's attribute from its column definition.
    fn attribute(&self, cd: &pb::ColumnDef) -> R<Attribute> {
        let t = cd.type_name.as_ref().ok_or("an attribute without a type")?;
        let ct = self.type_of(t)?;
        Ok(Attribute {
            name: cd.colname.clone(),
            data_type: ct.text,
            type_ref: ct.user_type,
            collation: cd
                .coll_clause
                .as_ref()
                .map(|c| strings(&c.collname).join(".")),
        })
    }

    fn create_domain(&mut self, s: &pb::CreateDomainStmt) -> R<()> {
        let name = self.qualified(&strings(&s.domainname), |_| false)?;
        if self.is_user_type(&name) {
            return Err(format!("type {name} already exists"));
        }
        let t = s.type_name.as_ref().ok_or("CREATE DOMAIN without a type")?;
        let ct = self.type_of(t)?;
        let mut d = Domain {
            name: name.clone(),
            data_type: ct.text,
            type_ref: ct.user_type,
            collation: s
                .coll_clause
                .as_ref()
                .map(|c| strings(&c.collname).join(".")),
            default: None,
            not_null: false,
            checks: BTreeMap::new(),
            comment: None,
        };
        for c in &s.constraints {
            let Some(N::Constraint(c)) = &c.node else {
                continue;
            };
            self.domain_constraint(&mut d, c)?;
        }
        self.schema.domains.insert(name, d);
        Ok(())
    }

    fn domain_constraint(&self, d: &mut Domain, c: &pb::Constraint) -> R<()> {
        match Ct::try_from(c.contype).unwrap_or(Ct::Undefined) {
            Ct::ConstrNotnull => d.not_null = true,
            Ct::ConstrNull => d.not_null = false,
            Ct::ConstrDefault => {
                d.default = c.raw_expr.as_deref().map(|e| self.expr(e)).transpose()?;
            }
            Ct::ConstrCheck => {
                let raw = c.raw_expr.as_deref().ok_or("CHECK without an expression")?;
                let name = if c.conname.is_empty() {
                    choose_name(&d.name.name, None, "check", |n| d.checks.contains_key(n))
                } else {
                    c.conname.clone()
                };
                d.checks.insert(name, self.expr(raw)?);
            }
            other => return Err(format!("domain constraint {other:?} is not supported")),
        }
        Ok(())
    }

    fn alter_domain(&mut self, s: &pb::AlterDomainStmt) -> R<()> {
        let name = self.qualified(&strings(&s.type_name), |q| {
            self.schema.domains.contains_key(q)
        })?;
        let mut d = self
            .schema
            .domains
            .get(&name)
            .cloned()
            .ok_or_else(|| format!("domain {name} does not exist"))?;
        match s.subtype.as_str() {
            "T" => d.default = s.def.as_deref().map(|e| self.expr(e)).transpose()?,
            "N" => d.not_null = false,
            "O" => d.not_null = true,
            "C" => {
                let Some(N::Constraint(c)) = s.def.as_deref().and_then(|n| n.node.as_ref()) else {
                    return Err("ADD CONSTRAINT without a constraint".into());
                };
                self.domain_constraint(&mut d, c)?;
            }
            "X" => {
                if d.checks.remove(&s.name).is_none() && !s.missing_ok {
                    return Err(format!(
                        "constraint {} of domain {name} does not exist",
                        s.name
                    ));
                }
            }
            "V" => {}
            other => return Err(format!("ALTER DOMAIN ({other}) is not supported yet")),
        }
        self.schema.domains.insert(name, d);
        Ok(())
    }

    /// `ALTER TYPE … ADD | DROP | ALTER ATTRIBUTE` on a composite type.
    fn alter_composite(&mut self, s: &pb::AlterTableStmt) -> R<()> {
        let rv = s.relation.as_ref().ok_or("ALTER TYPE without a name")?;
        let name = self.resolve(&rv.schemaname, &rv.relname, |q| self.is_user_type(q));
        let mut t = self
            .schema
            .composites
            .get(&name)
            .cloned()
            .ok_or_else(|| format!("composite type {name} does not exist"))?;
        for cmd in &s.cmds {
            let Some(N::AlterTableCmd(cmd)) = &cmd.node else {
                continue;
            };
            let def = cmd.def.as_deref().and_then(|d| d.node.as_ref());
            match At::try_from(cmd.subtype).unwrap_or(At::Undefined) {
                At::AtAddColumn => {
                    let Some(N::ColumnDef(cd)) = def else {
                        return Err("ADD ATTRIBUTE without a definition".into());
                    };
                    t.attributes.push(self.attribute(cd)?);
                }
                At::AtDropColumn => t.attributes.retain(|a| a.name != cmd.name),
                At::AtAlterColumnType => {
                    let Some(N::ColumnDef(cd)) = def else {
                        return Err("ALTER ATTRIBUTE without a type".into());
                    };
                    let mut a = self.attribute(cd)?;
                    a.name = cmd.name.clone();
                    let slot = t
                        .attributes
                        .iter_mut()
                        .find(|x| x.name == cmd.name)
                        .ok_or_else(|| {
                            format!("attribute {} of type {name} does not exist", cmd.name)
                        })?;
                    *slot = a;
                }
                At::AtChangeOwner => {}
                other => {
                    return Err(format!(
                        "ALTER TYPE {} is not supported yet",
                        alter_name(other)
                    ))
                }
            }
        }
        self.schema.composites.insert(name, t);
        Ok(())
    }

    /// Removes the views that read `name`, transitively (`DROP … CASCADE`).
    fn drop_dependent_views(&mut self, name: &QualifiedName) {
        let dependents: Vec<QualifiedName> = self
            .schema
            .views
            .values()
            .filter(|v| v.depends_on.contains(name))
            .map(|v| v.name.clone())
            .collect();
        for d in dependents {
            self.schema.views.remove(&d);
            self.schema.indexes.retain(|_, i| i.table != d);
            self.drop_dependent_views(&d);
        }
    }

    /// True when a table, sequence, index or index-backed constraint of `schema` is `name`.
    fn relation_name_taken(&self, schema: &str, name: &str) -> bool {
        let q = QualifiedName::new(schema, name);
        if self.schema.tables.contains_key(&q)
            || self.schema.sequences.contains_key(&q)
            || self.schema.indexes.contains_key(&q)
        {
            return true;
        }
        let mut cache = self.constraint_relations.borrow_mut();
        cache
            .get_or_insert_with(|| {
                self.schema
                    .tables
                    .values()
                    .flat_map(index_backed_names)
                    .collect()
            })
            .contains(&q)
    }

    /// Inserts (or replaces) a table, keeping the relation-name cache current.
    fn put_table(&mut self, name: QualifiedName, table: Table) {
        if let Some(cache) = self.constraint_relations.get_mut() {
            cache.extend(index_backed_names(&table));
        }
        if let Some(cache) = self.constraint_names.get_mut() {
            cache.extend(constraint_names(&table));
        }
        self.schema.tables.insert(name, table);
    }

    /// Forgets the relation-name cache after a statement that may remove a constraint.
    fn invalidate_relation_names(&mut self) {
        *self.constraint_relations.get_mut() = None;
        *self.constraint_names.get_mut() = None;
    }

    fn alter_table(&mut self, s: &pb::AlterTableStmt) -> R<()> {
        let rv = s.relation.as_ref().ok_or("ALTER TABLE without a name")?;
        let objtype = Ot::try_from(s.objtype).unwrap_or(Ot::Undefined);
        if objtype == Ot::ObjectType {
            return self.alter_composite(s);
        }
        if objtype != Ot::ObjectTable {
            // ALTER SEQUENCE/INDEX/VIEW … OWNER TO and similar: nothing migrator manages.
            return Ok(());
        }
        let name = self.table_name(rv);
        if !self.schema.tables.contains_key(&name) {
            if s.missing_ok {
                return Ok(());
            }
            return Err(format!("table {name} does not exist"));
        }
        for cmd in &s.cmds {
            let Some(N::AlterTableCmd(cmd)) = &cmd.node else {
                continue;
            };
            self.alter_table_cmd(&name, cmd)?;
        }
        self.sync_children(&name);
        Ok(())
    }

    fn alter_table_cmd(&mut self, name: &QualifiedName, cmd: &pb::AlterTableCmd) -> R<()> {
        let sub = At::try_from(cmd.subtype).unwrap_or(At::Undefined);
        let def = cmd.def.as_deref().and_then(|d| d.node.as_ref());
        let column_exists = |this: &Self, col: &str| -> R<()> {
            match this.schema.tables[name].column(col) {
                Some(_) => Ok(()),
                None => Err(format!("column {col} of table {name} does not exist")),
            }
        };
        match sub {
            At::AtAddColumn => {
                let Some(N::ColumnDef(cd)) = def else {
                    return Err("ADD COLUMN without a definition".into());
                };
                if self.schema.tables[name].column(&cd.colname).is_some() {
                    if cmd.missing_ok {
                        return Ok(());
                    }
                    return Err(format!(
                        "column {} of table {name} already exists",
                        cd.colname
                    ));
                }
                let (col, cons, serial) = self.column_def(name, cd)?;
                let mut table = self.schema.tables[name].clone();
                table.columns.push(col);
                for c in cons {
                    self.add_constraint(&mut table, &c, Some(&cd.colname))?;
                }
                self.put_table(name.clone(), table);
                if let Some(seq) = serial {
                    self.schema.sequences.insert(seq.name.clone(), seq);
                }
            }
            At::AtDropColumn => {
                self.invalidate_relation_names();
                let t = self.table_mut(name)?;
                let Some(pos) = t.columns.iter().position(|c| c.name == cmd.name) else {
                    if cmd.missing_ok {
                        return Ok(());
                    }
                    return Err(format!(
                        "column {} of table {name} does not exist",
                        cmd.name
                    ));
                };
                t.columns.remove(pos);
                let col = cmd.name.clone();
                t.constraints.retain(|_, c| !constraint_uses(c, &col));
                self.schema.indexes.retain(|_, i| {
                    !(i.table == *name && i.keys.iter().any(|k| k.column.as_deref() == Some(&col)))
                });
                self.schema.sequences.retain(|_, s| {
                    s.owned_by
                        != Some(ColumnRef {
                            table: name.clone(),
                            column: col.clone(),
                        })
                });
            }
            At::AtAlterColumnType => {
                let Some(N::ColumnDef(cd)) = def else {
                    return Err("ALTER COLUMN TYPE without a type".into());
                };
                column_exists(self, &cmd.name)?;
                let tn = cd
                    .type_name
                    .as_ref()
                    .ok_or("ALTER COLUMN TYPE without a type")?;
                let ct = self.type_of(tn)?;
                let collation = cd
                    .coll_clause
                    .as_ref()
                    .map(|c| strings(&c.collname).join("."));
                let col = self
                    .table_mut(name)?
                    .column_mut(&cmd.name)
                    .expect("checked");
                col.data_type = ct.text;
                col.type_ref = ct.user_type;
                // A new type brings its own storage mode.
                col.storage = None;
                col.collation = collation;
            }
            At::AtColumnDefault => {
                column_exists(self, &cmd.name)?;
                let default = cmd.def.as_deref().map(|e| self.expr(e)).transpose()?;
                self.table_mut(name)?
                    .column_mut(&cmd.name)
                    .expect("checked")
                    .default = default;
            }
            At::AtSetNotNull | At::AtDropNotNull => {
                column_exists(self, &cmd.name)?;
                self.table_mut(name)?
                    .column_mut(&cmd.name)
                    .expect("checked")
                    .not_null = sub == At::AtSetNotNull;
            }
            At::AtAddIdentity => {
                column_exists(self, &cmd.name)?;
                let Some(N::Constraint(c)) = def else {
                    return Err("ADD GENERATED without options".into());
                };
                let dt = self.schema.tables[name]
                    .column(&cmd.name)
                    .expect("checked")
                    .data_type
                    .clone();
                let identity = self.identity(&dt, c)?;
                let col = self
                    .table_mut(name)?
                    .column_mut(&cmd.name)
                    .expect("checked");
                col.identity = Some(identity);
                col.not_null = true;
            }
            At::AtSetIdentity => {
                column_exists(self, &cmd.name)?;
                let col = self.schema.tables[name]
                    .column(&cmd.name)
                    .expect("checked")
                    .clone();
                let Some(mut identity) = col.identity.clone() else {
                    return Err(format!(
                        "column {} of table {name} is not an identity column",
                        cmd.name
                    ));
                };
                let opts: Vec<Node> = match def {
                    Some(N::List(l)) => l.items.clone(),
                    _ => vec![],
                };
                for o in &opts {
                    if let Some(N::DefElem(d)) = &o.node {
                        if d.defname == "generated" {
                            // ATTRIBUTE_IDENTITY_ALWAYS is the character 'a'.
                            identity.always =
                                d.arg.as_deref().map(const_text).as_deref() == Some("97");
                        }
                    }
                }
                self.sequence_options(&mut identity.options, &opts, false)?;
                self.table_mut(name)?
                    .column_mut(&cmd.name)
                    .expect("checked")
                    .identity = Some(identity);
            }
            At::AtDropIdentity => {
                column_exists(self, &cmd.name)?;
                self.table_mut(name)?
                    .column_mut(&cmd.name)
                    .expect("checked")
                    .identity = None;
            }
            At::AtAddConstraint => {
                let Some(N::Constraint(c)) = def else {
                    return Err("ADD CONSTRAINT without a definition".into());
                };
                let mut table = self.schema.tables[name].clone();
                self.add_constraint(&mut table, c, None)?;
                self.put_table(name.clone(), table);
            }
            At::AtDropConstraint => {
                self.invalidate_relation_names();
                let t = self.table_mut(name)?;
                if t.constraints.remove(&cmd.name).is_none() && !cmd.missing_ok {
                    return Err(format!(
                        "constraint {} of table {name} does not exist",
                        cmd.name
                    ));
                }
            }
            At::AtAttachPartition | At::AtDetachPartition => {
                let Some(N::PartitionCmd(pc)) = def else {
                    return Err("ATTACH/DETACH PARTITION without a partition".into());
                };
                let child = self.table_name(
                    pc.name
                        .as_ref()
                        .ok_or("ATTACH/DETACH PARTITION without a partition")?,
                );
                let partition_of = match (&pc.bound, sub == At::AtAttachPartition) {
                    (Some(b), true) => Some(PartitionOf {
                        parent: name.clone(),
                        bound: crate::partition::bound(b)?,
                    }),
                    _ => None,
                };
                let t = self.table_mut(&child)?;
                if partition_of.is_none() {
                    // A detached partition keeps the columns and constraints it inherited.
                    let parent = self.schema.tables[name].clone();
                    let t = self.table_mut(&child)?;
                    t.columns = parent.columns.clone();
                    t.partition_of = None;
                } else {
                    t.columns.clear();
                    t.partition_of = partition_of;
                }
            }
            At::AtEnableRowSecurity | At::AtDisableRowSecurity => {
                self.table_mut(name)?.row_security = sub == At::AtEnableRowSecurity;
            }
            At::AtForceRowSecurity | At::AtNoForceRowSecurity => {
                self.table_mut(name)?.force_row_security = sub == At::AtForceRowSecurity;
            }
            At::AtAddInherit | At::AtDropInherit => {
                let Some(N::RangeVar(rv)) = def else {
                    return Err("INHERIT without a parent".into());
                };
                let parent = self.table_name(rv);
                let mut table = self.schema.tables[name].clone();
                if sub == At::AtAddInherit {
                    let p = self
                        .schema
                        .tables
                        .get(&parent)
                        .ok_or_else(|| format!("relation {parent} does not exist"))?;
                    if let Some(missing) =
                        p.columns.iter().find(|c| table.column(&c.name).is_none())
                    {
                        return Err(format!("child table is missing column {}", missing.name));
                    }
                    if table.inherits.contains(&parent) {
                        return Err(format!(
                            "relation {parent} would be inherited more than once"
                        ));
                    }
                    table.inherits.push(parent);
                    self.inheritance = true;
                } else {
                    if !table.inherits.contains(&parent) {
                        return Err(format!(
                            "relation {parent} is not a parent of relation {name}"
                        ));
                    }
                    table.inherits.retain(|p| *p != parent);
                    // Columns no other parent provides become the table's own.
                    let others: Vec<Table> = table
                        .inherits
                        .iter()
                        .filter_map(|p| self.schema.tables.get(p).cloned())
                        .collect();
                    for c in table.columns.iter_mut().filter(|c| c.inherited) {
                        if !others.iter().any(|p| p.column(&c.name).is_some()) {
                            c.inherited = false;
                        }
                    }
                }
                self.schema.tables.insert(name.clone(), table);
            }
            At::AtSetStorage => {
                column_exists(self, &cmd.name)?;
                let mode = def.map(|d| {
                    const_text(&pb::Node {
                        node: Some(d.clone()),
                    })
                });
                let mode = mode.ok_or("SET STORAGE without a mode")?;
                let col = self.schema.tables[name]
                    .column(&cmd.name)
                    .cloned()
                    .ok_or("no such column")?;
                let default = crate::storage::type_default(
                    &col.data_type,
                    col.type_ref.as_ref(),
                    &self.schema,
                );
                self.table_mut(name)?
                    .column_mut(&cmd.name)
                    .ok_or("no such column")?
                    .storage = crate::storage::storage(&mode, default);
            }
            At::AtChangeOwner
            | At::AtValidateConstraint
            | At::AtSetStatistics
            | At::AtClusterOn
            | At::AtDropCluster
            | At::AtReplicaIdentity
            | At::AtSetOptions
            | At::AtResetOptions => {}
            At::AtSetRelOptions | At::AtResetRelOptions => {
                self.warn(format!(
                    "table {name}: storage parameters are not managed yet and were ignored"
                ));
            }
            other => {
                return Err(format!(
                    "ALTER TABLE {} is not supported yet",
                    alter_name(other)
                ))
            }
        }
        Ok(())
    }

    fn create_index(&mut self, s: &pb::IndexStmt) -> R<()> {
        let rv = s.relation.as_ref().ok_or("CREATE INDEX without a table")?;
        let table = self.relation_name(rv);
        if self.skipped_relations.contains(&table) {
            return Ok(());
        }
        let exists = self.schema.tables.contains_key(&table)
            || self
                .schema
                .views
                .get(&table)
                .is_some_and(|v| v.materialized);
        if !exists {
            return Err(format!("table {table} does not exist"));
        }
        let mut keys = Vec::new();
        let mut colnames = Vec::new();
        for p in &s.index_params {
            let Some(N::IndexElem(e)) = &p.node else {
                continue;
            };
            keys.push(index_key(e, &self.creation_schema())?);
            colnames.push(if e.name.is_empty() {
                "expr".to_string()
            } else {
                e.name.clone()
            });
        }
        for p in &s.index_including_params {
            if let Some(N::IndexElem(e)) = &p.node {
                colnames.push(e.name.clone());
            }
        }
        let name = if s.idxname.is_empty() {
            let n2 = colnames.join("_");
            QualifiedName::new(
                table.schema.clone(),
                choose_name(&table.name, Some(&n2), "idx", |n| {
                    self.relation_name_taken(&table.schema, n)
                }),
            )
        } else {
            QualifiedName::new(table.schema.clone(), s.idxname.clone())
        };
        if self.schema.indexes.contains_key(&name)
            || self.relation_name_taken(&name.schema, &name.name)
        {
            if s.if_not_exists {
                return Ok(());
            }
            return Err(format!("relation {name} already exists"));
        }
        let with = s
            .options
            .iter()
            .filter_map(|o| match &o.node {
                Some(N::DefElem(d)) => Some((
                    d.defname.clone(),
                    d.arg.as_deref().map(const_text).unwrap_or_default(),
                )),
                _ => None,
            })
            .collect();
        let predicate = s
            .where_clause
            .as_deref()
            .map(|w| self.expr(w))
            .transpose()?;
        let index = Index {
            name: name.clone(),
            table,
            unique: s.unique,
            method: if s.access_method.is_empty() {
                "btree".into()
            } else {
                s.access_method.clone()
            },
            keys,
            include: s
                .index_including_params
                .iter()
                .filter_map(|p| match &p.node {
                    Some(N::IndexElem(e)) => Some(e.name.clone()),
                    _ => None,
                })
                .collect(),
            with,
            predicate,
            nulls_not_distinct: s.nulls_not_distinct,
            comment: None,
        };
        self.schema.indexes.insert(name, index);
        Ok(())
    }

    fn comment(&mut self, s: &pb::CommentStmt) -> R<()> {
        let text = if s.comment.is_empty() {
            None
        } else {
            Some(s.comment.clone())
        };
        let obj = s.object.as_deref().and_then(|o| o.node.as_ref());
        let names = match obj {
            Some(N::List(l)) => strings(&l.items),
            Some(N::String(x)) => vec![x.sval.clone()],
            Some(N::TypeName(t)) => strings(&t.names),
            _ => vec![],
        };
        let objtype = Ot::try_from(s.objtype).unwrap_or(Ot::Undefined);
        match objtype {
            Ot::ObjectSchema => {
                let n = names.first().cloned().unwrap_or_default();
                if n == "public" {
                    return Ok(());
                }
                self.schema
                    .schemas
                    .get_mut(&n)
                    .ok_or_else(|| format!("schema {n} does not exist"))?
                    .comment = text;
            }
            Ot::ObjectExtension => {
                let n = names.first().cloned().unwrap_or_default();
                self.schema
                    .extensions
                    .get_mut(&n)
                    .ok_or_else(|| format!("extension {n} does not exist"))?
                    .comment = text;
            }
            Ot::ObjectTable => {
                let q = self.qualified(&names, |q| self.schema.tables.contains_key(q))?;
                self.table_mut(&q)?.comment = text;
            }
            Ot::ObjectColumn => {
                let (col, rel) = names
                    .split_last()
                    .ok_or("COMMENT ON COLUMN without a name")?;
                let q = self.qualified(rel, |q| self.schema.tables.contains_key(q))?;
                self.table_mut(&q)?
                    .column_mut(col)
                    .ok_or_else(|| format!("column {col} of table {q} does not exist"))?
                    .comment = text;
            }
            Ot::ObjectTabconstraint => {
                let (con, rel) = names
                    .split_last()
                    .ok_or("COMMENT ON CONSTRAINT without a name")?;
                let q = self.qualified(rel, |q| self.schema.tables.contains_key(q))?;
                self.table_mut(&q)?
                    .constraints
                    .get_mut(con)
                    .ok_or_else(|| format!("constraint {con} of table {q} does not exist"))?
                    .comment = text;
            }
            Ot::ObjectIndex => {
                let q = self.qualified(&names, |q| self.schema.indexes.contains_key(q))?;
                if let Some(i) = self.schema.indexes.get_mut(&q) {
                    i.comment = text;
                } else if let Some(c) = self
                    .schema
                    .tables
                    .values_mut()
                    .filter(|t| t.name.schema == q.schema)
                    .flat_map(|t| t.constraints.values_mut())
                    .find(|c| c.name == q.name)
                {
                    // The index behind a constraint: its comment is the index's, which the
                    // catalog reports separately; keep it on the constraint's index.
                    let _ = c;
                    return Err(format!("comments on the index behind constraint {q} are not supported yet; comment on the constraint instead"));
                } else {
                    return Err(format!("index {q} does not exist"));
                }
            }
            Ot::ObjectFunction | Ot::ObjectProcedure | Ot::ObjectRoutine => {
                let id = self.routine_id(s.object.as_deref())?;
                self.schema
                    .functions
                    .get_mut(&id)
                    .ok_or_else(|| format!("function {id} does not exist"))?
                    .comment = text;
            }
            Ot::ObjectAggregate => {
                let id = self.aggregate_id(s.object.as_deref())?;
                self.schema
                    .aggregates
                    .get_mut(&id)
                    .ok_or_else(|| format!("aggregate {id} does not exist"))?
                    .comment = text;
            }
            Ot::ObjectOperator => {
                let id = self.operator_id(s.object.as_deref())?;
                self.schema
                    .operators
                    .get_mut(&id)
                    .ok_or_else(|| format!("operator {id} does not exist"))?
                    .comment = text;
            }
            Ot::ObjectPolicy => {
                let id = self.trigger_id(&names)?;
                self.schema
                    .policies
                    .get_mut(&id)
                    .ok_or_else(|| format!("policy {id} does not exist"))?
                    .comment = text;
            }
            Ot::ObjectTrigger => {
                let id = self.trigger_id(&names)?;
                self.schema
                    .triggers
                    .get_mut(&id)
                    .ok_or_else(|| format!("trigger {id} does not exist"))?
                    .comment = text;
            }
            Ot::ObjectView | Ot::ObjectMatview => {
                let q = self.qualified(&names, |q| self.schema.views.contains_key(q))?;
                self.schema
                    .views
                    .get_mut(&q)
                    .ok_or_else(|| format!("view {q} does not exist"))?
                    .comment = text;
            }
            Ot::ObjectSequence => {
                let q = self.qualified(&names, |q| self.schema.sequences.contains_key(q))?;
                self.schema
                    .sequences
                    .get_mut(&q)
                    .ok_or_else(|| format!("sequence {q} does not exist"))?
                    .comment = text;
            }
            Ot::ObjectType | Ot::ObjectDomain => {
                let q = self.qualified(&names, |q| self.is_user_type(q))?;
                if let Some(e) = self.schema.enums.get_mut(&q) {
                    e.comment = text;
                } else if let Some(d) = self.schema.domains.get_mut(&q) {
                    d.comment = text;
                } else if let Some(c) = self.schema.composites.get_mut(&q) {
                    c.comment = text;
                } else {
                    return Err(format!("type {q} does not exist"));
                }
            }
            other => {
                return Err(format!(
                    "COMMENT ON {} is not supported yet",
                    object_name(other)
                ))
            }
        }
        Ok(())
    }

    fn drop(&mut self, s: &pb::DropStmt) -> R<()> {
        let objtype = Ot::try_from(s.remove_type).unwrap_or(Ot::Undefined);
        let cascade = s.behavior == pb::DropBehavior::DropCascade as i32;
        for obj in &s.objects {
            let names = match &obj.node {
                Some(N::List(l)) => strings(&l.items),
                Some(N::String(x)) => vec![x.sval.clone()],
                Some(N::TypeName(t)) => strings(&t.names),
                _ => vec![],
            };
            let missing = |what: &str, name: &dyn std::fmt::Display| -> R<()> {
                if s.missing_ok {
                    Ok(())
                } else {
                    Err(format!("{what} {name} does not exist"))
                }
            };
            match objtype {
                Ot::ObjectTable => {
                    let q = self.qualified(&names, |q| self.schema.tables.contains_key(q))?;
                    let children: Vec<QualifiedName> = self
                        .schema
                        .tables
                        .values()
                        .filter(|t| t.inherits.contains(&q))
                        .map(|t| t.name.clone())
                        .collect();
                    if let Some(child) = children.first() {
                        if !cascade {
                            return Err(format!(
                                "cannot drop table {q} because table {child} inherits from it"
                            ));
                        }
                        for child in &children {
                            let drop_child = pb::DropStmt {
                                objects: vec![pb::Node {
                                    node: Some(N::List(pb::List {
                                        items: vec![
                                            string_node(&child.schema),
                                            string_node(&child.name),
                                        ],
                                    })),
                                }],
                                ..s.clone()
                            };
                            self.drop(&drop_child)?;
                        }
                    }
                    if self.schema.tables.remove(&q).is_none() {
                        missing("table", &q)?;
                        continue;
                    }
                    self.schema.indexes.retain(|_, i| i.table != q);
                    self.schema.triggers.retain(|_, t| t.table != q);
                    self.schema.policies.retain(|_, p| p.table != q);
                    self.schema
                        .sequences
                        .retain(|_, sq| sq.owned_by.as_ref().is_none_or(|o| o.table != q));
                    if cascade {
                        self.drop_dependent_views(&q);
                        for t in self.schema.tables.values_mut() {
                            t.constraints.retain(|_, c| !matches!(&c.kind, ConstraintKind::ForeignKey { ref_table, .. } if *ref_table == q));
                        }
                    }
                }
                Ot::ObjectIndex => {
                    let q = self.qualified(&names, |q| self.schema.indexes.contains_key(q))?;
                    if self.schema.indexes.remove(&q).is_none() {
                        missing("index", &q)?;
                    }
                }
                Ot::ObjectFunction | Ot::ObjectProcedure | Ot::ObjectRoutine => {
                    let id = self.routine_id(Some(obj))?;
                    if self.schema.functions.remove(&id).is_none() {
                        missing("function", &id)?;
                    }
                }
                Ot::ObjectAggregate => {
                    let id = self.aggregate_id(Some(obj))?;
                    if self.schema.aggregates.remove(&id).is_none() {
                        missing("aggregate", &id)?;
                    }
                }
                Ot::ObjectOperator => {
                    let id = self.operator_id(Some(obj))?;
                    if self.schema.operators.remove(&id).is_none() {
                        missing("operator", &id)?;
                    }
                }
                Ot::ObjectPolicy => {
                    let id = self.trigger_id(&names)?;
                    if self.schema.policies.remove(&id).is_none() {
                        missing("policy", &id)?;
                    }
                }
                Ot::ObjectTrigger => {
                    let id = self.trigger_id(&names)?;
                    if self.schema.triggers.remove(&id).is_none() {
                        missing("trigger", &id)?;
                    }
                }
                Ot::ObjectView | Ot::ObjectMatview => {
                    let q = self.qualified(&names, |q| self.schema.views.contains_key(q))?;
                    if self.schema.views.remove(&q).is_none() {
                        missing("view", &q)?;
                        continue;
                    }
                    self.schema.indexes.retain(|_, i| i.table != q);
                    if cascade {
                        self.drop_dependent_views(&q);
                    }
                }
                Ot::ObjectSequence => {
                    let q = self.qualified(&names, |q| self.schema.sequences.contains_key(q))?;
                    if self.schema.sequences.remove(&q).is_none() {
                        missing("sequence", &q)?;
                    }
                }
                Ot::ObjectType | Ot::ObjectDomain => {
                    let q = self.qualified(&names, |q| self.is_user_type(q))?;
                    let removed = self.schema.enums.remove(&q).is_some()
                        || self.schema.domains.remove(&q).is_some()
                        || self.schema.composites.remove(&q).is_some();
                    if !removed {
                        missing("type", &q)?;
                    }
                }
                Ot::ObjectSchema => {
                    let n = names.first().cloned().unwrap_or_default();
                    if self.schema.schemas.remove(&n).is_none() {
                        missing("schema", &n)?;
                        continue;
                    }
                    if cascade {
                        self.schema.tables.retain(|k, _| k.schema != n);
                        self.schema.indexes.retain(|k, _| k.schema != n);
                        self.schema.sequences.retain(|k, _| k.schema != n);
                        self.schema.enums.retain(|k, _| k.schema != n);
                        self.schema.views.retain(|k, _| k.schema != n);
                    }
                }
                Ot::ObjectExtension => {
                    let n = names.first().cloned().unwrap_or_default();
                    if self.schema.extensions.remove(&n).is_none() {
                        missing("extension", &n)?;
                    }
                }
                other => return Err(format!("DROP {} is not supported yet", object_name(other))),
            }
        }
        Ok(())
    }

    /// `GRANT`/`REVOKE` on tables, views, columns, sequences, functions and schemas: kept as
    /// ACL entries that differ from the objects' defaults (see [`Privilege`]). Other object
    /// kinds, `ON ALL … IN SCHEMA` and grants on unknown objects are skipped.
    fn grant(&mut self, s: &pb::GrantStmt) -> R<()> {
        let objtype = Ot::try_from(s.objtype).unwrap_or(Ot::Undefined);
        let mut objects = Vec::new();
        let each = s.targtype == pb::GrantTargetType::AclTargetObject as i32;
        if s.targtype == pb::GrantTargetType::AclTargetAllInSchema as i32 {
            // `ON ALL … IN SCHEMA`: the objects that exist at this point, as PostgreSQL does.
            for schema in strings(&s.objects) {
                let here = |q: &QualifiedName| q.schema == schema;
                match objtype {
                    Ot::ObjectTable => objects.extend(
                        self.schema
                            .tables
                            .keys()
                            .chain(self.schema.views.keys())
                            .filter(|q| here(q))
                            .map(|q| PrivilegeObject::Relation { name: q.clone() }),
                    ),
                    Ot::ObjectSequence => objects.extend(
                        self.schema
                            .sequences
                            .keys()
                            .filter(|q| here(q))
                            .map(|q| PrivilegeObject::Sequence { name: q.clone() }),
                    ),
                    Ot::ObjectFunction | Ot::ObjectProcedure | Ot::ObjectRoutine => objects.extend(
                        self.schema
                            .functions
                            .values()
                            .filter(|f| here(&f.id))
                            .filter(|f| match objtype {
                                Ot::ObjectFunction => !f.procedure,
                                Ot::ObjectProcedure => f.procedure,
                                _ => true,
                            })
                            .map(|f| PrivilegeObject::Function {
                                id: f.id.clone(),
                                procedure: f.procedure,
                            }),
                    ),
                    _ => return Ok(()),
                }
            }
        } else if !each {
            return Ok(());
        }
        for o in s.objects.iter().filter(|_| each) {
            let object = match (objtype, &o.node) {
                (Ot::ObjectTable | Ot::ObjectSequence, Some(N::RangeVar(rv))) => {
                    let name = self.resolve(&rv.schemaname, &rv.relname, |q| {
                        self.schema.tables.contains_key(q)
                            || self.schema.views.contains_key(q)
                            || self.schema.sequences.contains_key(q)
                    });
                    if self.schema.sequences.contains_key(&name) {
                        PrivilegeObject::Sequence { name }
                    } else if self.schema.tables.contains_key(&name)
                        || self.schema.views.contains_key(&name)
                    {
                        PrivilegeObject::Relation { name }
                    } else {
                        self.warn(format!(
                            "skipped: GRANT/REVOKE on {name}, which is not defined"
                        ));
                        continue;
                    }
                }
                (Ot::ObjectFunction | Ot::ObjectProcedure | Ot::ObjectRoutine, _) => {
                    let found = self
                        .routine_id(Some(o))
                        .ok()
                        .and_then(|id| self.schema.functions.get(&id));
                    let Some(f) = found else {
                        self.warn("skipped: GRANT/REVOKE on a routine that is not defined");
                        continue;
                    };
                    PrivilegeObject::Function {
                        id: f.id.clone(),
                        procedure: f.procedure,
                    }
                }
                (Ot::ObjectSchema, Some(N::String(x))) => {
                    if x.sval != "public" && !self.schema.schemas.contains_key(&x.sval) {
                        self.warn(format!(
                            "skipped: GRANT/REVOKE on schema {}, which is not defined",
                            x.sval
                        ));
                        continue;
                    }
                    PrivilegeObject::Schema {
                        name: x.sval.clone(),
                    }
                }
                // Databases, types, languages, …: not managed.
                _ => return Ok(()),
            };
            objects.push(object);
        }
        let mut grantees = Vec::new();
        for g in &s.grantees {
            if let Some(N::RoleSpec(r)) = &g.node {
                let name = role_name(r);
                if r.roletype != pb::RoleSpecType::RolespecCstring as i32
                    && r.roletype != pb::RoleSpecType::RolespecPublic as i32
                {
                    return Err(format!(
                        "GRANT/REVOKE to {} is not supported: name the role",
                        name.to_uppercase()
                    ));
                }
                grantees.push(name);
            }
        }
        // `(privilege or "" for ALL, columns)`; no list at all is ALL too.
        let mut specs: Vec<(String, Vec<String>)> = s
            .privileges
            .iter()
            .filter_map(|p| match &p.node {
                Some(N::AccessPriv(a)) => Some((a.priv_name.to_uppercase(), strings(&a.cols))),
                _ => None,
            })
            .collect();
        if specs.is_empty() {
            specs.push((String::new(), Vec::new()));
        }
        for object in &objects {
            for (privilege, cols) in &specs {
                let targets: Vec<PrivilegeObject> = if cols.is_empty() {
                    vec![object.clone()]
                } else {
                    let PrivilegeObject::Relation { name } = object else {
                        return Err("column privileges apply to tables only".into());
                    };
                    cols.iter()
                        .map(|c| PrivilegeObject::Column {
                            table: name.clone(),
                            column: c.clone(),
                        })
                        .collect()
                };
                for target in targets {
                    let names: Vec<String> = if privilege.is_empty() {
                        target
                            .all_privileges()
                            .iter()
                            .map(|p| p.to_string())
                            .collect()
                    } else if target.all_privileges().contains(&privilege.as_str()) {
                        vec![privilege.clone()]
                    } else {
                        return Err(format!("privilege {privilege} does not apply here"));
                    };
                    for p in names {
                        for g in &grantees {
                            self.set_privilege(&target, g, &p, s.is_grant, s.grant_option);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Applies one `GRANT` (`grant`) or `REVOKE` of `privilege` on `object` to `grantee`.
    fn set_privilege(
        &mut self,
        object: &PrivilegeObject,
        grantee: &str,
        privilege: &str,
        grant: bool,
        grant_option: bool,
    ) {
        let key = (object.clone(), grantee.to_string(), privilege.to_string());
        let is_default = object.default_privileges().contains(&(grantee, privilege));
        let privileges = &mut self.schema.privileges;
        if grant {
            match privileges.get_mut(&key) {
                Some(p) if p.revoked => {
                    privileges.remove(&key);
                }
                Some(p) => p.with_grant_option |= grant_option,
                None if is_default => {}
                None => {
                    privileges.insert(
                        key,
                        Privilege {
                            object: object.clone(),
                            grantee: grantee.to_string(),
                            privilege: privilege.to_string(),
                            with_grant_option: grant_option,
                            revoked: false,
                        },
                    );
                }
            }
            return;
        }
        if grant_option {
            // `REVOKE GRANT OPTION FOR`: the privilege stays.
            if let Some(p) = privileges.get_mut(&key) {
                p.with_grant_option = false;
            }
            return;
        }
        privileges.remove(&key);
        if is_default {
            privileges.insert(
                key,
                Privilege {
                    object: object.clone(),
                    grantee: grantee.to_string(),
                    privilege: privilege.to_string(),
                    with_grant_option: false,
                    revoked: true,
                },
            );
        }
        // Revoking a table privilege revokes it on every column too.
        if let PrivilegeObject::Relation { name } = object {
            privileges.retain(|(o, g, p), _| {
                !(matches!(o, PrivilegeObject::Column { table, .. } if table == name)
                    && g == grantee
                    && p == privilege)
            });
        }
    }

    /// Forgets the privileges of objects that no longer exist.
    fn prune_privileges(&mut self) {
        if self.schema.privileges.is_empty() {
            return;
        }
        let schema = &self.schema;
        let keep: Vec<bool> = schema
            .privileges
            .keys()
            .map(|(o, _, _)| match o {
                PrivilegeObject::Schema { name } => {
                    name == "public" || schema.schemas.contains_key(name)
                }
                PrivilegeObject::Relation { name } => {
                    schema.tables.contains_key(name) || schema.views.contains_key(name)
                }
                PrivilegeObject::Column { table, column } => schema
                    .tables
                    .get(table)
                    .is_some_and(|t| t.column(column).is_some()),
                PrivilegeObject::Sequence { name } => schema.sequences.contains_key(name),
                PrivilegeObject::Function { id, .. } => schema.functions.contains_key(id),
            })
            .collect();
        let mut keep = keep.into_iter();
        self.schema
            .privileges
            .retain(|_, _| keep.next().unwrap_or(true));
    }

    /// Moves the privileges of a table, view or column being renamed to the new name.
    fn rename_privileges(&mut self, s: &pb::RenameStmt) {
        if self.schema.privileges.is_empty() {
            return;
        }
        let objtype = Ot::try_from(s.rename_type).unwrap_or(Ot::Undefined);
        let Some(rv) = s.relation.as_ref() else {
            return;
        };
        let q = self.relation_name(rv);
        let moved = |o: &PrivilegeObject| -> Option<PrivilegeObject> {
            match (objtype, o) {
                (
                    Ot::ObjectTable | Ot::ObjectView | Ot::ObjectMatview,
                    PrivilegeObject::Relation { name },
                ) if *name == q => Some(PrivilegeObject::Relation {
                    name: QualifiedName::new(q.schema.clone(), s.newname.clone()),
                }),
                (Ot::ObjectTable, PrivilegeObject::Column { table, column }) if *table == q => {
                    Some(PrivilegeObject::Column {
                        table: QualifiedName::new(q.schema.clone(), s.newname.clone()),
                        column: column.clone(),
                    })
                }
                (Ot::ObjectColumn, PrivilegeObject::Column { table, column })
                    if *table == q && *column == s.subname =>
                {
                    Some(PrivilegeObject::Column {
                        table: table.clone(),
                        column: s.newname.clone(),
                    })
                }
                _ => None,
            }
        };
        let old = std::mem::take(&mut self.schema.privileges);
        for (_, mut p) in old {
            if let Some(o) = moved(&p.object) {
                p.object = o;
            }
            self.schema.privileges.insert(p.key(), p);
        }
    }

    fn rename(&mut self, s: &pb::RenameStmt) -> R<()> {
        let objtype = Ot::try_from(s.rename_type).unwrap_or(Ot::Undefined);
        let new = s.newname.clone();
        match objtype {
            Ot::ObjectTable => {
                let q = self.table_name(s.relation.as_ref().ok_or("RENAME without a table")?);
                let mut t = self
                    .schema
                    .tables
                    .remove(&q)
                    .ok_or_else(|| format!("table {q} does not exist"))?;
                let nq = QualifiedName::new(q.schema.clone(), new);
                t.name = nq.clone();
                self.schema.tables.insert(nq.clone(), t);
                for i in self.schema.indexes.values_mut() {
                    if i.table == q {
                        i.table = nq.clone();
                    }
                }
                for sq in self.schema.sequences.values_mut() {
                    if let Some(o) = &mut sq.owned_by {
                        if o.table == q {
                            o.table = nq.clone();
                        }
                    }
                }
                for t in self.schema.tables.values_mut() {
                    for c in t.constraints.values_mut() {
                        if let ConstraintKind::ForeignKey { ref_table, .. } = &mut c.kind {
                            if *ref_table == q {
                                *ref_table = nq.clone();
                            }
                        }
                    }
                }
            }
            Ot::ObjectColumn => {
                let q = self.table_name(s.relation.as_ref().ok_or("RENAME without a table")?);
                let old = s.subname.clone();
                let t = self.table_mut(&q)?;
                t.column_mut(&old)
                    .ok_or_else(|| format!("column {old} of table {q} does not exist"))?
                    .name = new.clone();
                let ren = |v: &mut Vec<String>| {
                    v.iter_mut()
                        .filter(|c| **c == old)
                        .for_each(|c| *c = new.clone())
                };
                for c in t.constraints.values_mut() {
                    match &mut c.kind {
                        ConstraintKind::PrimaryKey { columns, include }
                        | ConstraintKind::Unique {
                            columns, include, ..
                        } => {
                            ren(columns);
                            ren(include);
                        }
                        ConstraintKind::ForeignKey { columns, .. } => ren(columns),
                        _ => {}
                    }
                }
                for t in self.schema.tables.values_mut() {
                    for c in t.constraints.values_mut() {
                        if let ConstraintKind::ForeignKey {
                            ref_table,
                            ref_columns,
                            ..
                        } = &mut c.kind
                        {
                            if *ref_table == q {
                                ren(ref_columns);
                            }
                        }
                    }
                }
                for i in self.schema.indexes.values_mut().filter(|i| i.table == q) {
                    ren(&mut i.include);
                    for k in &mut i.keys {
                        if k.column.as_deref() == Some(old.as_str()) {
                            k.column = Some(new.clone());
                            k.def.sql = k.def.sql.replacen(
                                &crate::quote::quote_ident(&old),
                                &crate::quote::quote_ident(&new),
                                1,
                            );
                            k.def.key = k.def.key.replacen(
                                &crate::quote::quote_ident(&old),
                                &crate::quote::quote_ident(&new),
                                1,
                            );
                        }
                    }
                }
                for sq in self.schema.sequences.values_mut() {
                    if let Some(o) = &mut sq.owned_by {
                        if o.table == q && o.column == old {
                            o.column = new.clone();
                        }
                    }
                }
            }
            Ot::ObjectTabconstraint => {
                let q = self.table_name(s.relation.as_ref().ok_or("RENAME without a table")?);
                let t = self.table_mut(&q)?;
                let mut c = t.constraints.remove(&s.subname).ok_or_else(|| {
                    format!("constraint {} of table {q} does not exist", s.subname)
                })?;
                c.name = new.clone();
                t.constraints.insert(new, c);
            }
            Ot::ObjectIndex => {
                let rv = s.relation.as_ref().ok_or("RENAME without an index")?;
                let q = self.resolve(&rv.schemaname, &rv.relname, |q| {
                    self.schema.indexes.contains_key(q)
                });
                rename_entry(&mut self.schema.indexes, &q, new, "index", |i, n| {
                    i.name = n
                })?;
            }
            Ot::ObjectSequence => {
                let rv = s.relation.as_ref().ok_or("RENAME without a sequence")?;
                let q = self.resolve(&rv.schemaname, &rv.relname, |q| {
                    self.schema.sequences.contains_key(q)
                });
                rename_entry(&mut self.schema.sequences, &q, new, "sequence", |x, n| {
                    x.name = n
                })?;
            }
            Ot::ObjectType => {
                let names = match s.object.as_deref().and_then(|o| o.node.as_ref()) {
                    Some(N::List(l)) => strings(&l.items),
                    Some(N::TypeName(t)) => strings(&t.names),
                    _ => vec![],
                };
                let q = self.qualified(&names, |q| self.schema.enums.contains_key(q))?;
                let mut e = self.schema.enums.remove(&q).ok_or_else(|| {
                    format!("type {q} does not exist (only enum types are supported yet)")
                })?;
                let nq = QualifiedName::new(q.schema.clone(), new);
                e.name = nq.clone();
                self.schema.enums.insert(nq.clone(), e);
                // Columns follow their type, as they do in PostgreSQL (by OID).
                for t in self.schema.tables.values_mut() {
                    for c in t
                        .columns
                        .iter_mut()
                        .filter(|c| c.type_ref.as_ref() == Some(&q))
                    {
                        let array = if c.data_type.ends_with("[]") {
                            "[]"
                        } else {
                            ""
                        };
                        c.data_type = format!("{}{array}", crate::normalize::user_type_text(&nq));
                        c.type_ref = Some(nq.clone());
                    }
                }
            }
            other => {
                return Err(format!(
                    "ALTER {} … RENAME is not supported yet",
                    object_name(other)
                ))
            }
        }
        Ok(())
    }
}

/// What PostgreSQL does to a column default when it stores it: a quoted boolean
/// (`DEFAULT 'f'`) is read back as `false`, and `DEFAULT NULL` is no default at all when
/// the null coerces to a plain constant. It is stored (`NULL::character varying`) when the
/// coercion is a call: a length or precision (`varchar(40)`, `numeric(10,2)`) or a domain.
fn canonical_default(c: &mut Column, domains: &HashSet<QualifiedName>) {
    let Some(d) = &c.default else { return };
    if d.key == "NULL" {
        let coerced =
            c.data_type.contains('(') || c.type_ref.as_ref().is_some_and(|t| domains.contains(t));
        if !coerced {
            c.default = None;
        }
        return;
    }
    if c.data_type == "boolean" {
        let word = d.key.trim_matches('\'').to_ascii_lowercase();
        let value = match word.as_str() {
            "t" | "true" | "y" | "yes" | "on" | "1" => "true",
            "f" | "false" | "n" | "no" | "off" | "0" => "false",
            _ => return,
        };
        if let Some(e) = &mut c.default {
            e.key = value.to_string();
        }
    }
}

/// A copy of a parent's column as a child inherits it (identity is not inherited).
fn inherited_copy(c: &Column, comment: Option<String>) -> Column {
    Column {
        inherited: true,
        identity: None,
        comment,
        renamed_from: None,
        ..c.clone()
    }
}

fn string_node(s: &str) -> Node {
    Node {
        node: Some(N::String(pb::String {
            sval: s.to_string(),
        })),
    }
}

pub(crate) fn fk_action(code: &str) -> FkAction {
    match code {
        "r" => FkAction::Restrict,
        "c" => FkAction::Cascade,
        "n" => FkAction::SetNull,
        "d" => FkAction::SetDefault,
        _ => FkAction::NoAction,
    }
}

/// True when dropping column `col` drops constraint `c` too (PostgreSQL drops a constraint
/// with any of its columns).
fn constraint_uses(c: &Constraint, col: &str) -> bool {
    match &c.kind {
        ConstraintKind::PrimaryKey { columns, .. }
        | ConstraintKind::Unique { columns, .. }
        | ConstraintKind::ForeignKey { columns, .. } => columns.iter().any(|x| x == col),
        ConstraintKind::Check { expr, .. } => expr
            .key
            .split(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
            .any(|w| w == col),
        ConstraintKind::Exclude { .. } => false,
    }
}

/// Distinct columns of `table` an expression mentions, for naming a CHECK constraint.
fn referenced_columns(node: &Node, table: &Table) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    walk_column_refs(node, &mut |name| {
        if table.column(name).is_some() && !out.iter().any(|o| o == name) {
            out.push(name.to_string());
        }
    });
    out
}

fn walk_column_refs(node: &Node, f: &mut dyn FnMut(&str)) {
    let Some(n) = &node.node else { return };
    match n {
        N::ColumnRef(c) => {
            if let Some(last) = strings(&c.fields).last() {
                f(last);
            }
        }
        N::AExpr(e) => {
            for side in [&e.lexpr, &e.rexpr].into_iter().flatten() {
                walk_column_refs(side, f);
            }
        }
        N::BoolExpr(b) => b.args.iter().for_each(|a| walk_column_refs(a, f)),
        N::FuncCall(c) => c.args.iter().for_each(|a| walk_column_refs(a, f)),
        N::TypeCast(c) => c.arg.iter().for_each(|a| walk_column_refs(a, f)),
        N::NullTest(t) => t.arg.iter().for_each(|a| walk_column_refs(a, f)),
        N::List(l) => l.items.iter().for_each(|a| walk_column_refs(a, f)),
        N::CoalesceExpr(c) => c.args.iter().for_each(|a| walk_column_refs(a, f)),
        N::AArrayExpr(a) => a.elements.iter().for_each(|x| walk_column_refs(x, f)),
        N::BooleanTest(t) => t.arg.iter().for_each(|a| walk_column_refs(a, f)),
        _ => {}
    }
}

/// One index key part as SQL plus its canonical form.
fn index_key(e: &pb::IndexElem, default_schema: &str) -> R<IndexKey> {
    let (mut sql, mut key, refs, column) = if e.name.is_empty() {
        let node = e
            .expr
            .as_deref()
            .ok_or("index element without a column or expression")?;
        let x = expr_from_node(node, default_schema)?;
        let wrap = |s: &str| match &node.node {
            Some(N::FuncCall(_)) => s.to_string(),
            _ => format!("({s})"),
        };
        (wrap(&x.sql), wrap(&x.key), x.refs, None)
    } else {
        let q = crate::quote::quote_ident(&e.name);
        (q.clone(), q, vec![], Some(e.name.clone()))
    };
    let mut suffix = String::new();
    if !e.collation.is_empty() {
        suffix.push_str(&format!(
            " COLLATE {}",
            strings(&e.collation)
                .iter()
                .map(|s| crate::quote::quote_ident(s))
                .collect::<Vec<_>>()
                .join(".")
        ));
    }
    // The opclass is compared without the default schema: the catalog, read with an empty
    // search path, qualifies an extension's (`public.gin_trgm_ops`).
    let mut key_suffix = suffix.clone();
    if !e.opclass.is_empty() {
        let names = strings(&e.opclass);
        let names: Vec<&String> = names.iter().filter(|n| *n != "pg_catalog").collect();
        let join = |names: &[&String]| {
            names
                .iter()
                .map(|s| crate::quote::quote_ident(s))
                .collect::<Vec<_>>()
                .join(".")
        };
        suffix.push_str(&format!(" {}", join(&names)));
        let unqualified = match names.as_slice() {
            [schema, name] if *schema == default_schema => vec![*name],
            _ => names.clone(),
        };
        key_suffix.push_str(&format!(" {}", join(&unqualified)));
    }
    let suffix_len = suffix.len();
    let desc = e.ordering == pb::SortByDir::SortbyDesc as i32;
    let nulls =
        pb::SortByNulls::try_from(e.nulls_ordering).unwrap_or(pb::SortByNulls::SortbyNullsDefault);
    let nulls_first = match nulls {
        pb::SortByNulls::SortbyNullsFirst => true,
        pb::SortByNulls::SortbyNullsLast => false,
        _ => desc,
    };
    push_sort_order(&mut suffix, desc, nulls_first);
    key_suffix.push_str(&suffix[suffix_len..]);
    sql.push_str(&suffix);
    key.push_str(&key_suffix);
    Ok(IndexKey {
        def: Expr { sql, key, refs },
        column,
    })
}

/// Appends ` DESC` / ` NULLS FIRST` / ` NULLS LAST` where they differ from the default, as
/// `pg_get_indexdef` prints them.
fn push_sort_order(out: &mut String, desc: bool, nulls_first: bool) {
    if desc {
        out.push_str(" DESC");
    }
    match (nulls_first, desc) {
        (true, false) => out.push_str(" NULLS FIRST"),
        (false, true) => out.push_str(" NULLS LAST"),
        _ => {}
    }
}

/// The key part of an index on the plain column `name` with the default operator class and
/// collation (what [`index_key`] makes of `"name" DESC NULLS LAST`), built from catalog rows.
pub(crate) fn column_index_key(name: &str, desc: bool, nulls_first: bool) -> IndexKey {
    let mut sql = crate::quote::quote_ident(name);
    push_sort_order(&mut sql, desc, nulls_first);
    IndexKey {
        def: Expr {
            sql: sql.clone(),
            key: sql,
            refs: vec![],
        },
        column: Some(name.to_string()),
    }
}

/// The canonical text of an EXCLUDE constraint (what follows `ADD CONSTRAINT name`).
fn exclusion_definition(c: &pb::Constraint) -> R<Expr> {
    let mut parts = Vec::new();
    let mut key_parts = Vec::new();
    for e in &c.exclusions {
        let Some(N::List(l)) = &e.node else { continue };
        let (Some(Some(N::IndexElem(elem))), Some(op)) =
            (l.items.first().map(|i| &i.node), l.items.get(1))
        else {
            continue;
        };
        let k = index_key(elem, "public")?;
        let op = match &op.node {
            Some(N::List(o)) => strings(&o.items).join("."),
            _ => const_text(op),
        };
        parts.push(format!("{} WITH {op}", k.def.sql));
        key_parts.push(format!("{} WITH {op}", k.def.key));
    }
    let method = if c.access_method.is_empty() {
        "btree"
    } else {
        c.access_method.as_str()
    };
    let mut sql = format!("EXCLUDE USING {method} ({})", parts.join(", "));
    let mut key = format!("EXCLUDE USING {method} ({})", key_parts.join(", "));
    if let Some(w) = c.where_clause.as_deref() {
        let x = expr_from_node(w, "public")?;
        sql.push_str(&format!(" WHERE ({})", x.sql));
        key.push_str(&format!(" WHERE ({})", x.key));
    }
    Ok(Expr {
        sql,
        key,
        refs: vec![],
    })
}

fn statement_name(n: &N) -> String {
    let debug = format!("{n:?}");
    let variant = debug.split('(').next().unwrap_or("statement");
    match variant {
        "ViewStmt" => "CREATE VIEW".into(),
        "CreateFunctionStmt" => "CREATE FUNCTION/PROCEDURE".into(),
        "CreateTrigStmt" => "CREATE TRIGGER".into(),
        "CreateDomainStmt" => "CREATE DOMAIN".into(),
        "CompositeTypeStmt" => "CREATE TYPE … AS (composite)".into(),
        "CreatePolicyStmt" => "CREATE POLICY".into(),
        "CreateTableAsStmt" => "CREATE MATERIALIZED VIEW / CREATE TABLE AS".into(),
        "RuleStmt" => "CREATE RULE".into(),
        "CreateRangeStmt" => "CREATE TYPE … AS RANGE".into(),
        "DefineStmt" => "CREATE OPERATOR / AGGREGATE / base TYPE".into(),
        other => format!("the statement {other}"),
    }
}

fn object_name(o: Ot) -> String {
    format!("{o:?}").trim_start_matches("Object").to_uppercase()
}

fn alter_name(a: At) -> String {
    format!("{a:?}").trim_start_matches("At").to_string()
}

impl crate::operator::Resolver for Loader {
    fn schema_of(&self, kind: crate::operator::Kind, name: &str) -> String {
        let default_path = vec!["public".to_string()];
        let path = self.search_path.as_ref().unwrap_or(&default_path);
        for s in path {
            let q = QualifiedName::new(s.clone(), name);
            let found = match kind {
                crate::operator::Kind::Function => {
                    self.schema.functions.values().any(|f| f.name == q)
                        || self.schema.aggregates.values().any(|a| a.name == q)
                }
                crate::operator::Kind::Operator | crate::operator::Kind::SortOperator => {
                    self.schema.operators.values().any(|o| o.name == q)
                }
            };
            if found {
                return s.clone();
            }
        }
        match kind {
            // A commutator or negator not defined yet is created (as a shell) next to it.
            crate::operator::Kind::Operator => self.creation_schema(),
            _ => "pg_catalog".to_string(),
        }
    }

    fn type_of(&self, t: &pb::TypeName) -> R<CanonicalType> {
        Loader::type_of(self, t)
    }

    fn creation_schema(&self) -> String {
        Loader::creation_schema(self)
    }
}

impl crate::query::Relations for Loader {
    fn resolve(&self, schema: &str, name: &str) -> QualifiedName {
        Loader::resolve(self, schema, name, |q| {
            self.schema.tables.contains_key(q) || self.schema.views.contains_key(q)
        })
    }

    fn columns(&self, name: &QualifiedName) -> Option<Vec<String>> {
        if let Some(t) = self.schema.tables.get(name) {
            return Some(t.columns.iter().map(|c| c.name.clone()).collect());
        }
        self.schema.views.get(name).map(|v| v.columns.clone())
    }
}

/// The name in a `-- migrator:renamed-from NAME` comment within `text`, folded as
/// PostgreSQL folds identifiers (quoted names kept as written).
fn renamed_from(text: &str) -> Option<String> {
    const MARKER: &str = "migrator:renamed-from";
    let rest = text[text.find(MARKER)? + MARKER.len()..].trim_start();
    if let Some(quoted) = rest.strip_prefix('"') {
        return quoted.split('"').next().map(str::to_string);
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
        .collect();
    (!word.is_empty()).then(|| word.to_lowercase())
}

/// Where the statement proper starts in `text`: after the blank lines and the `--` and
/// `/* */` comments before it.
fn leading_comments_end(text: &str) -> usize {
    let mut i = 0;
    loop {
        let rest = &text[i..];
        let trimmed = rest.trim_start();
        i += rest.len() - trimmed.len();
        if trimmed.starts_with("--") {
            i += trimmed.find('\n').map_or(trimmed.len(), |n| n + 1);
        } else if trimmed.starts_with("/*") {
            i += trimmed.find("*/").map_or(trimmed.len(), |n| n + 2);
        } else {
            return i;
        }
    }
}

/// The `-- migrator:renamed-from 'old'` annotations inside the value list of a
/// `CREATE TYPE … AS ENUM (…)` statement, as `(value, old label)`. A comment after a value on
/// its line belongs to that value; a comment alone on a line belongs to the next value.
fn enum_value_renames(text: &str) -> Vec<(String, String)> {
    let b = text.as_bytes();
    let (mut i, mut in_list) = (0usize, false);
    let mut last: Option<(String, usize)> = None;
    let mut pending: Option<String> = None;
    let mut out = Vec::new();
    while i < b.len() {
        match b[i] {
            b'-' if b.get(i + 1) == Some(&b'-') => {
                let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                if let (true, Some(old)) = (in_list, enum_old_label(&text[i..end])) {
                    match &last {
                        Some((value, e)) if !text[*e..i].contains('\n') => {
                            out.push((value.clone(), old))
                        }
                        _ => pending = Some(old),
                    }
                }
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..].find("*/").map_or(text.len(), |n| i + n + 4);
            }
            b'"' => {
                i = text[i + 1..].find('"').map_or(text.len(), |n| i + n + 2);
            }
            b'\'' => {
                let (value, end) = string_literal(text, i);
                if in_list {
                    if let Some(old) = pending.take() {
                        out.push((value.clone(), old));
                    }
                    last = Some((value, end));
                }
                i = end;
            }
            b'(' => {
                in_list = true;
                i += 1;
            }
            b')' if in_list => break,
            _ => i += 1,
        }
    }
    out
}

/// The SQL string literal starting at `start` (a quote) and the offset just after it.
fn string_literal(text: &str, start: usize) -> (String, usize) {
    let mut value = String::new();
    let mut chars = text[start + 1..].char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        if c == '\'' {
            if chars.peek().is_some_and(|(_, n)| *n == '\'') {
                chars.next();
                value.push('\'');
                continue;
            }
            return (value, start + 1 + k + 1);
        }
        value.push(c);
    }
    (value, text.len())
}

/// The old label in a `-- migrator:renamed-from 'old'` comment: a string literal, or a bare
/// word taken as written (enum labels are case-sensitive).
fn enum_old_label(comment: &str) -> Option<String> {
    const MARKER: &str = "migrator:renamed-from";
    let rest = comment[comment.find(MARKER)? + MARKER.len()..].trim_start();
    if rest.starts_with('\'') {
        let start = comment.len() - rest.len();
        return Some(string_literal(comment, start).0);
    }
    let word: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
    (!word.is_empty()).then_some(word)
}

/// A role as a policy names it; `CURRENT_USER` and friends stay keywords.
fn role_name(r: &pb::RoleSpec) -> String {
    match pb::RoleSpecType::try_from(r.roletype).unwrap_or(pb::RoleSpecType::Undefined) {
        pb::RoleSpecType::RolespecPublic => "public".into(),
        pb::RoleSpecType::RolespecCurrentUser => "current_user".into(),
        pb::RoleSpecType::RolespecCurrentRole => "current_role".into(),
        pb::RoleSpecType::RolespecSessionUser => "session_user".into(),
        _ => r.rolename.clone(),
    }
}

/// Blanks the inline data of psql's `COPY … FROM stdin;` (up to the `\.` line), which is
/// not SQL, keeping every newline so line numbers stay right.
fn blank_copy_data(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.to_ascii_lowercase().contains("from stdin") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut in_data = false;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if in_data {
            if body == "\\." {
                in_data = false;
            }
            out.push_str(&line[body.len()..]);
            continue;
        }
        let lower = body.trim().to_ascii_lowercase();
        if lower.starts_with("copy ") && lower.contains(" from stdin") && lower.ends_with(';') {
            in_data = true;
        }
        out.push_str(line);
    }
    std::borrow::Cow::Owned(out)
}

/// Moves the object `q` of `map` to the name `new` in the same schema.
fn rename_entry<T>(
    map: &mut BTreeMap<QualifiedName, T>,
    q: &QualifiedName,
    new: String,
    what: &str,
    set_name: impl FnOnce(&mut T, QualifiedName),
) -> R<()> {
    let mut x = map
        .remove(q)
        .ok_or_else(|| format!("{what} {q} does not exist"))?;
    let to = QualifiedName::new(q.schema.clone(), new);
    set_name(&mut x, to.clone());
    map.insert(to, x);
    Ok(())
}

/// `CREATE [OR REPLACE]` of a function or aggregate: refused if it exists and `replace` is
/// off; a replacement keeps the comment of the object it replaces, as PostgreSQL does.
fn create_or_replace<T>(
    map: &mut BTreeMap<QualifiedName, T>,
    id: QualifiedName,
    mut value: T,
    replace: bool,
    what: &str,
    comment: fn(&mut T) -> &mut Option<String>,
) -> R<()> {
    if let Some(old) = map.get_mut(&id) {
        if !replace {
            return Err(format!("{what} {id} already exists"));
        }
        *comment(&mut value) = comment(old).take();
    }
    map.insert(id, value);
    Ok(())
}

/// CREATE TABLE keeps one of several identical PRIMARY KEY / UNIQUE specifications, as
/// PostgreSQL does before it names anything (so a dropped duplicate takes no name): the
/// primary key wins, otherwise the first; an unnamed survivor takes a dropped one's name.
fn drop_duplicate_keys(pending: &mut Vec<(pb::Constraint, Option<String>)>) {
    type KeySpec = (Vec<String>, Vec<String>, bool, bool, bool);
    let spec = |(c, column): &(pb::Constraint, Option<String>)| -> Option<KeySpec> {
        let kind = Ct::try_from(c.contype).unwrap_or(Ct::Undefined);
        if !matches!(kind, Ct::ConstrPrimary | Ct::ConstrUnique) {
            return None;
        }
        let mut cols = strings(&c.keys);
        if cols.is_empty() {
            cols.extend(column.clone());
        }
        Some((
            cols,
            strings(&c.including),
            c.nulls_not_distinct,
            c.deferrable,
            c.initdeferred,
        ))
    };
    let is_pk = |c: &pb::Constraint| c.contype == Ct::ConstrPrimary as i32;
    // Survivors as indexes into `pending`, the primary key first (PostgreSQL's order).
    let mut kept: Vec<usize> = pending
        .iter()
        .position(|(c, _)| is_pk(c))
        .into_iter()
        .collect();
    let mut dropped = Vec::new();
    for i in 0..pending.len() {
        let Some(mine) = spec(&pending[i]) else {
            continue;
        };
        if kept.first() == Some(&i) && is_pk(&pending[i].0) {
            continue;
        }
        match kept
            .iter()
            .find(|&&k| spec(&pending[k]).as_ref() == Some(&mine))
        {
            Some(&k) => {
                if pending[k].0.conname.is_empty() {
                    pending[k].0.conname = pending[i].0.conname.clone();
                }
                dropped.push(i);
            }
            None => kept.push(i),
        }
    }
    for i in dropped.into_iter().rev() {
        pending.remove(i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_from_stdin_data_is_skipped_and_lines_still_count() {
        let sql = "CREATE TABLE a (x int);\nCOPY a (x) FROM stdin;\n1\n2\n\\.\nCREATE TABLE b (y int);\nALTER TABLE nope ADD z int;\n";
        let mut l = Loader::default();
        let err = l.load_text("f.sql", sql).unwrap_err().to_string();
        assert_eq!(err, "f.sql:7: table public.nope does not exist");
        assert!(l
            .schema
            .tables
            .contains_key(&QualifiedName::new("public", "b")));
    }

    #[test]
    fn enum_value_renames_attach_to_their_value() {
        let sql = "-- migrator:renamed-from 'x'\nCREATE TYPE m AS ENUM (\n  'happy',\n  \
                   'content', -- migrator:renamed-from 'sad'\n  -- migrator:renamed-from 'It''s'\n  \
                   'it''s', 'meh' -- migrator:renamed-from Bof\n)";
        assert_eq!(
            enum_value_renames(sql),
            vec![
                ("content".to_string(), "sad".to_string()),
                ("it's".to_string(), "It's".to_string()),
                ("meh".to_string(), "Bof".to_string()),
            ]
        );
        assert!(enum_value_renames("CREATE TYPE m AS ENUM ('a', 'b')").is_empty());
    }

    #[test]
    fn renamed_from_reads_plain_and_quoted_names() {
        assert_eq!(
            renamed_from("-- migrator:renamed-from OldName"),
            Some("oldname".into())
        );
        assert_eq!(
            renamed_from("x int -- migrator:renamed-from \"Old Name\""),
            Some("Old Name".into())
        );
        assert_eq!(renamed_from("-- nothing here"), None);
    }
}
