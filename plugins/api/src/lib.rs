//! migrator-plugin-api: the interface between migrator and a dialect plugin.
//!
//! A plugin is a `cdylib` that exports one abi_stable root module, [`PluginModRef`]. The
//! module is deliberately small and data-oriented: four callbacks that exchange JSON text,
//! so new capabilities are new JSON fields, not new function signatures, and the binary
//! interface rarely changes.
//!
//! | callback | gets | returns |
//! |---|---|---|
//! | `manifest` | – | [`Manifest`] |
//! | `statement` | [`StatementRequest`] | [`StatementResponse`] or `null` (not mine) |
//! | `build` | [`BuildRequest`] | a list of [`BuiltStatement`] |
//! | `read_catalog` | rows of the manifest's catalog queries | a list of [`Object`] |
//!
//! Plugin authors do not write the `extern "C"` functions: they implement [`Plugin`] and
//! call [`export_plugin!`], which also turns a panic into an error the host reports
//! (unwinding across the library boundary would abort the process).
//!
//! Versioning happens twice: abi_stable checks the type layout and this crate's version
//! (`VERSION_STRINGS`, major must match) when the host loads the library, and the host
//! checks [`Manifest::api_version`] against [`API_VERSION`], the version of the JSON
//! protocol. See `docs/plugins.md`.

pub use abi_stable;
pub use serde_json;

use abi_stable::library::RootModule;
use abi_stable::package_version_strings;
use abi_stable::sabi_types::VersionStrings;
pub use abi_stable::std_types::RStr;
use abi_stable::std_types::{RResult, RString};
use abi_stable::StableAbi;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The version of the JSON protocol spoken through the callbacks.
pub const API_VERSION: u32 = 1;

/// What a callback returns: JSON text, or an error message for the user.
pub type JsonResult = RResult<RString, RString>;

/// The root module a plugin exports. Callbacks take and return JSON text; an `RErr`
/// carries a message for the user.
#[repr(C)]
#[derive(StableAbi)]
#[sabi(kind(Prefix(prefix_ref = PluginModRef)))]
#[sabi(missing_field(panic))]
pub struct PluginMod {
    /// The plugin's [`Manifest`].
    pub manifest: extern "C" fn() -> RResult<RString, RString>,
    /// Offered a statement of desired SQL (or of a replayed migration).
    pub statement: extern "C" fn(RStr<'_>) -> RResult<RString, RString>,
    /// Builds the statements of one change of one of the plugin's object kinds.
    pub build: extern "C" fn(RStr<'_>) -> RResult<RString, RString>,
    /// Maps the rows of the manifest's catalog queries to objects.
    ///
    /// Fields added in later minor versions go after this one.
    #[sabi(last_prefix_field)]
    pub read_catalog: extern "C" fn(RStr<'_>) -> RResult<RString, RString>,
}

impl RootModule for PluginModRef {
    abi_stable::declare_root_module_statics! {PluginModRef}
    const BASE_NAME: &'static str = "migrator_plugin";
    const NAME: &'static str = "migrator_plugin";
    const VERSION_STRINGS: VersionStrings = package_version_strings!();
}

/// What a plugin declares about itself.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// The dialect name (`--dialect citus`).
    pub name: String,
    /// The dialect it builds on; only `postgres` is supported today.
    pub base: String,
    /// Must equal the host's [`API_VERSION`].
    pub api_version: u32,
    /// The plugin's own version, shown by `migrator dialects`.
    pub version: String,
    #[serde(default)]
    pub description: String,
    /// Templates by file name (`create_distributed_table.sql`); the host registers them as
    /// `<name>/<file>`, so projects override them like any other.
    #[serde(default)]
    pub templates: BTreeMap<String, String>,
    /// The dialect object kinds the plugin adds (the `schema` part of an object's name).
    pub object_kinds: Vec<String>,
    /// The transaction rule per object kind; kinds not listed run in a transaction.
    #[serde(default)]
    pub tx_rules: BTreeMap<String, TxRule>,
    /// Only statements containing one of these words (case-insensitive) are offered to
    /// `statement`; empty means every statement.
    #[serde(default)]
    pub statement_keywords: Vec<String>,
    /// Catalog queries run during introspection; each returns one `json` column.
    #[serde(default)]
    pub catalog_queries: Vec<String>,
}

/// Whether a change may run inside the migration's transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TxRule {
    InTransaction,
    /// Outside any transaction, alone in its migration version.
    Alone,
}

/// A schema-qualified name; for an [`Object`], `schema` is the object kind.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Name {
    pub schema: String,
    pub name: String,
}

impl Name {
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> Name {
        Name {
            schema: schema.into(),
            name: name.into(),
        }
    }
}

/// A dialect object, as migrator's schema holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Object {
    /// `schema` is the object kind, `name` identifies it within the kind.
    pub name: Name,
    /// Tables that must exist first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<Name>,
    /// Other dialect objects (their names) that must exist first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<Name>,
    /// The plugin's own description; two objects are equal when their payloads are.
    pub payload: serde_json::Value,
}

/// A statement offered to the plugin, with the plugin's objects loaded so far.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StatementRequest {
    /// The statement's text, without the final semicolon.
    pub sql: String,
    pub objects: Vec<Object>,
}

/// What a claimed statement does to the plugin's objects.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StatementResponse {
    /// Objects added or replaced.
    #[serde(default)]
    pub upsert: Vec<Object>,
    /// Objects removed, by name.
    #[serde(default)]
    pub remove: Vec<Name>,
}

/// One change: `from` is the current object, `to` the desired one (`None` for a create or a
/// drop respectively). Down migrations get the inverse change.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BuildRequest {
    pub kind: String,
    pub from: Option<Object>,
    pub to: Option<Object>,
}

/// One statement of a built change: a template of the plugin's rendered by the host (with
/// the `ident` and `literal` filters, and project overrides), or literal SQL.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum BuiltStatement {
    Template {
        /// The template's name without `.sql`, looked up along the dialect chain.
        template: String,
        context: serde_json::Value,
    },
    Sql {
        sql: String,
    },
}

/// What a plugin implements; [`export_plugin!`] turns it into the root module.
pub trait Plugin: Send + Sync + 'static {
    fn manifest(&self) -> Manifest;

    /// Claims a statement (`Ok(Some(..))`), rejects it (`Err`) or leaves it to the base
    /// dialect (`Ok(None)`).
    fn statement(&self, _req: StatementRequest) -> Result<Option<StatementResponse>, String> {
        Ok(None)
    }

    fn build(&self, req: BuildRequest) -> Result<Vec<BuiltStatement>, String>;

    /// Gets one list of rows per catalog query, in order.
    fn read_catalog(&self, _rows: Vec<Vec<serde_json::Value>>) -> Result<Vec<Object>, String> {
        Ok(Vec::new())
    }
}

/// Runs `f` with JSON in and out, turning errors and panics into an `RErr` message.
#[doc(hidden)]
pub fn call_json<I, O>(input: &str, f: impl FnOnce(I) -> Result<O, String>) -> JsonResult
where
    I: serde::de::DeserializeOwned,
    O: Serialize,
{
    let parsed: I = match serde_json::from_str(input) {
        Ok(v) => v,
        Err(e) => return RResult::RErr(format!("bad request from the host: {e}").into()),
    };
    guard(move || f(parsed))
}

thread_local! {
    /// Where the last panic of this thread happened, recorded by the quiet panic hook.
    static PANIC_AT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Replaces the plugin's panic hook (the plugin has its own copy of std, so the host's hook
/// is untouched) with one that only records the location: the host prints the message.
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let at = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()));
            PANIC_AT.with(|p| *p.borrow_mut() = at);
        }));
    });
}

/// Runs `f`, turning its error or panic into an `RErr` message.
#[doc(hidden)]
pub fn guard<O: Serialize>(f: impl FnOnce() -> Result<O, String>) -> JsonResult {
    quiet_panics();
    // The plugin's state is read-only JSON work, so a panic leaves nothing half-updated.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(Ok(out)) => match serde_json::to_string(&out) {
            Ok(s) => RResult::ROk(s.into()),
            Err(e) => RResult::RErr(format!("cannot encode the answer: {e}").into()),
        },
        Ok(Err(message)) => RResult::RErr(message.into()),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            let at = PANIC_AT
                .with(|p| p.borrow_mut().take())
                .map(|l| format!(" at {l}"))
                .unwrap_or_default();
            RResult::RErr(format!("the plugin panicked{at}: {what}").into())
        }
    }
}

/// Exports `$plugin` (an expression of a type implementing [`Plugin`]) as the library's
/// root module. The plugin crate must depend on `abi_stable` too (its attribute macro
/// refers to it by name).
#[macro_export]
macro_rules! export_plugin {
    ($plugin:expr) => {
        fn __migrator_plugin() -> &'static dyn $crate::Plugin {
            static PLUGIN: std::sync::OnceLock<Box<dyn $crate::Plugin>> =
                std::sync::OnceLock::new();
            PLUGIN.get_or_init(|| Box::new($plugin)).as_ref()
        }

        extern "C" fn __migrator_manifest() -> $crate::JsonResult {
            $crate::guard(|| Ok(__migrator_plugin().manifest()))
        }

        extern "C" fn __migrator_statement(input: $crate::RStr<'_>) -> $crate::JsonResult {
            $crate::call_json(input.as_str(), |req| __migrator_plugin().statement(req))
        }

        extern "C" fn __migrator_build(input: $crate::RStr<'_>) -> $crate::JsonResult {
            $crate::call_json(input.as_str(), |req| __migrator_plugin().build(req))
        }

        extern "C" fn __migrator_read_catalog(input: $crate::RStr<'_>) -> $crate::JsonResult {
            $crate::call_json(input.as_str(), |rows| {
                __migrator_plugin().read_catalog(rows)
            })
        }

        #[$crate::abi_stable::export_root_module]
        fn __migrator_root_module() -> $crate::PluginModRef {
            use $crate::abi_stable::prefix_type::PrefixTypeTrait;
            $crate::PluginMod {
                manifest: __migrator_manifest,
                statement: __migrator_statement,
                build: __migrator_build,
                read_catalog: __migrator_read_catalog,
            }
            .leak_into_prefix()
        }
    };
}
