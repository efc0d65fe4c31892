//! migrator-plugin-host: loads dialect plugins and wraps each as a [`Dialect`].
//!
//! This crate holds all of migrator's FFI. A plugin is loaded with
//! `lib_header_from_path(..)?.init_root_module()`, not `RootModule::load_from_file`: the
//! latter caches the first module loaded for the root-module type, so a second plugin would
//! silently be the first one again.
//!
//! Nothing downstream can tell a plugin from a built-in dialect: [`PluginDialect`] registers
//! one builder per object kind the plugin declares (calling its `build` callback and
//! rendering the templates it names), its templates and its transaction rules, and loads
//! and introspects through PostgreSQL's [`PgExtension`] hooks. Every failure — a missing
//! file, a file that is no plugin, an incompatible interface, a callback error or panic —
//! is an error naming the plugin; none may crash the host.

use abi_stable::library::{lib_header_from_path, LibraryError};
use abi_stable::std_types::{RResult, RStr, RString};
use migrator_core::change::{Change, ChangeKind};
use migrator_core::dialect::{
    BuildContext, BuildError, Dialect, LoadError, Loaded, Registry, SourceFile, Statement,
};
use migrator_core::filter::Filter;
use migrator_core::identity::ObjectId;
use migrator_core::kinds::DialectObjectChange;
use migrator_core::plan::TxRule;
use migrator_core::schema::{DialectObject, QualifiedName, Schema};
use migrator_plugin_api::{
    BuildRequest, BuiltStatement, Manifest, Name, Object, PluginModRef, StatementRequest,
    StatementResponse, API_VERSION,
};
use migrator_postgres::extension::{PgExtension, StatementContext, StatementNode};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why a plugin could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum PluginError {
    #[error("plugin {path}: no such file")]
    Missing { path: String },
    #[error("plugin {path}: not a loadable plugin library: {message}")]
    NotALibrary { path: String, message: String },
    #[error(
        "plugin {path}: built against an incompatible migrator-plugin-api ({message}); \
         rebuild it against migrator-plugin-api {host}"
    )]
    Incompatible {
        path: String,
        message: String,
        host: String,
    },
    #[error("plugin {path}: {message}")]
    Callback { path: String, message: String },
}

/// Loads the plugin library at `path`.
pub fn load(path: &Path) -> Result<Arc<PluginDialect>, PluginError> {
    let shown = path.display().to_string();
    if !path.exists() {
        return Err(PluginError::Missing { path: shown });
    }
    let header = lib_header_from_path(path).map_err(|e| classify(&shown, e))?;
    let module = header
        .init_root_module::<PluginModRef>()
        .map_err(|e| classify(&shown, e))?;
    let text = call0(&shown, "manifest", (module.manifest())())?;
    let manifest: Manifest = serde_json::from_str(&text).map_err(|e| PluginError::Callback {
        path: shown.clone(),
        message: format!("its manifest is not valid: {e}"),
    })?;
    if manifest.api_version != API_VERSION {
        return Err(PluginError::Incompatible {
            path: shown,
            message: format!(
                "it speaks plugin protocol {}, migrator speaks {API_VERSION}",
                manifest.api_version
            ),
            host: env_api_version(),
        });
    }
    if manifest.base != "postgres" {
        return Err(PluginError::Callback {
            path: shown,
            message: format!(
                "dialect `{}` builds on `{}`; plugins can only build on `postgres` for now",
                manifest.name, manifest.base
            ),
        });
    }
    if let Some(k) = manifest
        .object_kinds
        .iter()
        .find(|k| Change::KINDS.contains(&k.as_str()))
    {
        return Err(PluginError::Callback {
            path: shown,
            message: format!(
                "object kind `{k}` is one of migrator's own change kinds; \
                 a plugin may only add new kinds"
            ),
        });
    }
    Ok(Arc::new(PluginDialect {
        inner: Arc::new(Inner {
            path: path.to_path_buf(),
            manifest,
            module,
        }),
    }))
}

fn env_api_version() -> String {
    let v = <PluginModRef as abi_stable::library::RootModule>::VERSION_STRINGS;
    v.version.to_string()
}

fn classify(path: &str, e: LibraryError) -> PluginError {
    let path = path.to_string();
    match e {
        LibraryError::OpenError { err, .. } => PluginError::NotALibrary {
            path,
            message: first_line(&err.to_string()),
        },
        LibraryError::GetSymbolError { symbol, .. } => PluginError::NotALibrary {
            path,
            message: format!(
                "it exports no migrator plugin (symbol `{}` is missing); \
                 plugins are built with migrator_plugin_api::export_plugin!",
                String::from_utf8_lossy(&symbol).trim_end_matches('\0')
            ),
        },
        LibraryError::IncompatibleVersionNumber { .. }
        | LibraryError::AbiInstability(_)
        | LibraryError::InvalidAbiHeader(_)
        | LibraryError::InvalidCAbi { .. }
        | LibraryError::ParseVersionError(_) => PluginError::Incompatible {
            path,
            message: first_line(&e.to_string()),
            host: env_api_version(),
        },
        other => PluginError::Callback {
            path,
            message: first_line(&other.to_string()),
        },
    }
}

/// abi_stable's layout reports run to pages; the first lines say what matters.
fn first_line(s: &str) -> String {
    let lines: Vec<&str> = s.lines().filter(|l| !l.trim().is_empty()).take(3).collect();
    let mut out = lines
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if out.len() > 300 {
        let cut = (0..=300)
            .rev()
            .find(|&i| out.is_char_boundary(i))
            .unwrap_or(0);
        out.truncate(cut);
        out.push('…');
    }
    out
}

fn call0(path: &str, what: &str, r: RResult<RString, RString>) -> Result<String, PluginError> {
    match r {
        RResult::ROk(s) => Ok(s.into_string()),
        RResult::RErr(m) => Err(PluginError::Callback {
            path: path.to_string(),
            message: format!("{what} failed: {m}"),
        }),
    }
}

struct Inner {
    path: PathBuf,
    manifest: Manifest,
    module: PluginModRef,
}

impl Inner {
    fn label(&self) -> String {
        format!("plugin {} ({})", self.manifest.name, self.path.display())
    }

    /// Calls a JSON callback; any error names the plugin and the callback.
    fn call(
        &self,
        what: &str,
        f: extern "C" fn(RStr<'_>) -> RResult<RString, RString>,
        input: &impl serde::Serialize,
    ) -> Result<String, String> {
        let text = serde_json::to_string(input).map_err(|e| e.to_string())?;
        match f(RStr::from_str(&text)) {
            RResult::ROk(s) => Ok(s.into_string()),
            RResult::RErr(m) => Err(format!("{}: {what} failed: {m}", self.label())),
        }
    }

    fn parse<T: serde::de::DeserializeOwned>(&self, what: &str, text: &str) -> Result<T, String> {
        serde_json::from_str(text)
            .map_err(|e| format!("{}: {what} returned invalid data: {e}", self.label()))
    }

    fn owns(&self, o: &DialectObject) -> bool {
        self.manifest.object_kinds.contains(&o.name.schema)
    }
}

/// A loaded plugin, as a dialect.
#[derive(Clone)]
pub struct PluginDialect {
    inner: Arc<Inner>,
}

impl PluginDialect {
    pub fn manifest(&self) -> &Manifest {
        &self.inner.manifest
    }

    fn extension(&self) -> Arc<dyn PgExtension> {
        Arc::new(Extension(self.inner.clone()))
    }
}

fn to_object(o: &DialectObject) -> Object {
    let n = |q: &QualifiedName| Name::new(&q.schema, &q.name);
    Object {
        name: n(&o.name),
        depends_on: o.depends_on.iter().map(n).collect(),
        after: o.after.iter().map(n).collect(),
        payload: o.payload.clone(),
    }
}

fn from_object(o: Object) -> DialectObject {
    let q = |n: Name| QualifiedName::new(n.schema, n.name);
    DialectObject {
        name: q(o.name),
        depends_on: o.depends_on.into_iter().map(q).collect(),
        after: o.after.into_iter().map(q).collect(),
        columns: vec![],
        payload: o.payload,
    }
}

impl Dialect for PluginDialect {
    fn name(&self) -> &str {
        &self.inner.manifest.name
    }

    fn base(&self) -> Option<&str> {
        Some(&self.inner.manifest.base)
    }

    fn description(&self) -> &str {
        &self.inner.manifest.description
    }

    fn version(&self) -> String {
        self.inner.manifest.version.clone()
    }

    fn origin(&self) -> String {
        "plugin".to_string()
    }

    fn register(&self, registry: &mut Registry) {
        let m = &self.inner.manifest;
        for (file, text) in &m.templates {
            registry.template(&format!("{}/{file}", m.name), text);
        }
        for kind in &m.object_kinds {
            let inner = self.inner.clone();
            registry.dialect_builder(kind, move |c, ctx| build(&inner, c, ctx));
            if let Some(migrator_plugin_api::TxRule::Alone) = m.tx_rules.get(kind) {
                registry.dialect_tx_rule(kind, |_, _| TxRule::Alone);
            }
        }
    }

    fn load_sql(&self, files: &[SourceFile], managed: &Filter) -> Result<Loaded, LoadError> {
        migrator_postgres::load::load_files_with(files, &[self.extension()], managed)
    }

    fn introspect(&self, dsn: &str) -> Result<Loaded, LoadError> {
        migrator_postgres::introspect::introspect_with(dsn, &[self.extension()])
    }

    fn quote_ident(&self, name: &str) -> String {
        migrator_postgres::quote::quote_ident(name)
    }

    fn complete_snapshot(&self, schema: &mut migrator_core::schema::Schema) {
        migrator_postgres::Postgres.complete_snapshot(schema)
    }
}

fn build(
    inner: &Inner,
    change: &DialectObjectChange,
    ctx: &BuildContext,
) -> Result<Vec<Statement>, BuildError> {
    let DialectObjectChange { from, to } = change;
    let req = BuildRequest {
        kind: change.kind_name().to_string(),
        from: from.as_ref().map(to_object),
        to: to.as_ref().map(to_object),
    };
    let text = inner
        .call("build", inner.module.build(), &req)
        .map_err(|m| BuildError::Other(format!("while building `{}`: {m}", change.label())))?;
    let items: Vec<BuiltStatement> = inner.parse("build", &text).map_err(BuildError::Other)?;
    let mut out = Vec::new();
    for item in items {
        match item {
            BuiltStatement::Template { template, context } => {
                out.push(ctx.render_named(&template, change, context)?)
            }
            BuiltStatement::Sql { sql } => out.push(Statement::new(sql)),
        }
    }
    Ok(out)
}

/// The plugin as PostgreSQL loader and introspection hooks.
struct Extension(Arc<Inner>);

impl PgExtension for Extension {
    /// Plugins get the statement's text (and their objects as JSON), not the parsed node.
    fn statement(
        &self,
        _node: &StatementNode,
        cx: &mut StatementContext<'_>,
    ) -> Option<Result<(), String>> {
        let inner = &self.0;
        let sql = cx.sql();
        let keywords = &inner.manifest.statement_keywords;
        if !keywords.is_empty() {
            let lower = sql.to_ascii_lowercase();
            if !keywords
                .iter()
                .any(|k| lower.contains(&k.to_ascii_lowercase()))
            {
                return None;
            }
        }
        let req = StatementRequest {
            sql: sql.to_string(),
            objects: cx
                .schema()
                .dialect_objects
                .values()
                .filter(|o| inner.owns(o))
                .map(to_object)
                .collect(),
        };
        let result = (|| {
            let text = inner.call("statement", inner.module.statement(), &req)?;
            let resp: Option<StatementResponse> = inner.parse("statement", &text)?;
            Ok::<_, String>(resp)
        })();
        match result {
            Err(e) => Some(Err(e)),
            Ok(None) => None,
            Ok(Some(resp)) => Some(apply(inner, resp, cx.schema_mut())),
        }
    }

    fn catalog_queries(&self) -> Vec<String> {
        self.0.manifest.catalog_queries.clone()
    }

    fn read_catalog(
        &self,
        rows: Vec<Vec<serde_json::Value>>,
        schema: &mut Schema,
    ) -> Result<(), String> {
        let inner = &self.0;
        let text = inner.call("read_catalog", inner.module.read_catalog(), &rows)?;
        let objects: Vec<Object> = inner.parse("read_catalog", &text)?;
        apply(
            inner,
            StatementResponse {
                upsert: objects,
                remove: Vec::new(),
            },
            schema,
        )
    }
}

/// Applies a plugin's answer, checking it only touches its own kinds and existing tables.
fn apply(inner: &Inner, resp: StatementResponse, schema: &mut Schema) -> Result<(), String> {
    for n in resp.remove {
        if schema
            .dialect_objects
            .remove(&ObjectId::dialect(n.schema.clone(), n.name.clone()))
            .is_none()
        {
            return Err(format!("{} {} does not exist", n.schema, n.name));
        }
    }
    for o in resp.upsert {
        let o = from_object(o);
        if !inner.owns(&o) {
            return Err(format!(
                "{}: returned an object of kind `{}`, which its manifest does not declare",
                inner.label(),
                o.name.schema
            ));
        }
        if let Some(missing) = o
            .depends_on
            .iter()
            .find(|t| !schema.tables.contains_key(*t))
        {
            return Err(format!("table {missing} does not exist"));
        }
        schema.dialect_objects.insert(o.id(), o);
    }
    Ok(())
}
