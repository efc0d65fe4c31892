//! The migrator command line: thin glue from flags to the pipeline, with I/O at the edges.
//!
//! [`run`] parses arguments and dispatches; sources (schema files, migrations directory, live
//! database, JSON snapshot) are read here, the pure pipeline in `migrator-core` does the rest,
//! and [`writer`] puts the files in place atomically.

pub mod args;
pub mod config;
pub mod templates;
pub mod writer;

use args::{Cli, Command, GenerateArgs, InspectArgs, InspectFormat, TemplatesCommand};
use clap::Parser;
use config::Config;
use migrator_core::dialect::{BuildOptions, Dialect, LoadError, Loaded, SourceFile};
use migrator_core::dialects::Dialects;
use migrator_core::migrations::{self, DirFormat};
use migrator_core::pipeline::{self, Generate};
use migrator_core::render::Renderer;
use migrator_core::schema::Schema;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A failed command: the message for the user and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: i32,
}

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure {
            message: e.to_string(),
            code: 1,
        }
    }
}

/// The built-in dialects.
pub fn builtin_dialects() -> Dialects {
    let mut d = Dialects::default();
    d.add(Arc::new(migrator_postgres::Postgres));
    d.add(Arc::new(migrator_timescale::Timescale));
    d
}

/// Runs the command line `args` (program name first); returns the exit code.
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let text = e.render().to_string();
            if e.use_stderr() {
                let _ = write!(err, "{text}");
            } else {
                let _ = write!(out, "{text}");
            }
            return code;
        }
    };
    match execute(cli, out, err) {
        Ok(()) => 0,
        Err(f) => {
            if !f.message.is_empty() {
                let _ = writeln!(err, "error: {}", f.message);
            }
            f.code
        }
    }
}

/// What every command needs: the known dialects, template overrides and the format.
#[derive(Clone)]
struct Project {
    dialects: Dialects,
    overrides: templates::Overrides,
    format: DirFormat,
    /// `allow_destructive = true` in migrator.toml.
    allow_destructive: bool,
    /// migrator.toml's `online`, `idempotent`, timeouts and `pg_version`.
    online: bool,
    idempotent: bool,
    lock_timeout: Option<String>,
    statement_timeout: Option<String>,
    pg_version: Option<u32>,
    /// `--with-privileges` or `with_privileges = true`: privileges are compared.
    with_privileges: bool,
}

impl Project {
    /// The schema as the command sees it: without privileges unless they are managed.
    fn scope(&self, mut schema: Schema) -> Schema {
        if !self.with_privileges {
            schema.privileges.clear();
        }
        schema
    }
}

/// The exit code of a generate refused for destructive changes.
pub const EXIT_DESTRUCTIVE: i32 = 3;

fn execute(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let config = Config::load(&cli.config)?;
    let mut dialects = builtin_dialects();
    let plugin_paths: Vec<PathBuf> = cli
        .plugins
        .iter()
        .chain(config.plugins.iter())
        .cloned()
        .collect();
    load_plugins(&mut dialects, &plugin_paths)?;
    let format_name = cli
        .dir_format
        .clone()
        .or(config.dir_format.clone())
        .unwrap_or_else(|| DirFormat::GolangMigrate.name().to_string());
    let format = DirFormat::parse(&format_name).ok_or_else(|| {
        format!(
            "unknown directory format `{format_name}` (known: {})",
            DirFormat::ALL.map(DirFormat::name).join(", ")
        )
    })?;
    let overrides = match cli.templates.clone().or(config.templates.clone()) {
        Some(dir) => templates::read_overrides(&dir)?,
        None => templates::Overrides::new(),
    };
    templates::warn_unused(&dialects, &overrides, err)?;
    let project = Project {
        dialects,
        overrides,
        format,
        allow_destructive: config.allow_destructive.unwrap_or(false),
        online: config.online.unwrap_or(false),
        idempotent: config.idempotent.unwrap_or(true),
        lock_timeout: config.lock_timeout.clone(),
        statement_timeout: config.statement_timeout.clone(),
        pg_version: config.pg_version,
        with_privileges: cli.with_privileges || config.with_privileges.unwrap_or(false),
    };
    let dialects = &project.dialects;
    let mut names = cli.dialect.clone();
    if names.is_empty() {
        names = config
            .dialect
            .map(config::OneOrMany::into_vec)
            .unwrap_or_else(|| vec!["postgres".to_string()]);
    }
    match cli.command {
        Command::Diff(d) => {
            let a = &d.generate;
            let schema =
                a.schema.clone().or(config.schema.clone()).ok_or(
                    "no desired schema: pass --schema PATH or set `schema` in migrator.toml",
                )?;
            let dir = a
                .migrations
                .clone()
                .or(config.migrations.clone())
                .unwrap_or_else(|| PathBuf::from("migrations"));
            let mut report_steps = Vec::new();
            for n in &names {
                let dialect = dialects.get(n)?;
                let relaxed = Project {
                    allow_destructive: true,
                    ..project.clone()
                };
                if let Some((steps, _)) =
                    plan_generate(&relaxed, dialect.as_ref(), a, &schema, &dir, err)?
                {
                    report_steps.push((n.clone(), steps));
                }
            }
            match d.output {
                args::DiffFormat::Json => {
                    let value: serde_json::Value = report_steps
                        .iter()
                        .map(|(n, s)| (n.clone(), serde_json::to_value(s).unwrap_or_default()))
                        .collect::<serde_json::Map<_, _>>()
                        .into();
                    let _ = writeln!(out, "{}", serde_json::to_string_pretty(&value)?);
                }
                args::DiffFormat::Text => {
                    if report_steps.is_empty() {
                        let _ = writeln!(out, "no changes");
                    }
                    for (n, steps) in &report_steps {
                        for (i, s) in steps.iter().enumerate() {
                            let tx = if s.tx == migrator_core::plan::TxRule::InTransaction {
                                "in a transaction"
                            } else {
                                "alone, outside a transaction"
                            };
                            let _ =
                                writeln!(out, "-- {n} step {}: {} ({tx})", i + 1, s.description);
                            for line in &s.up_notes {
                                let _ = writeln!(out, "-- {line}");
                            }
                            for st in &s.up {
                                let _ = writeln!(out, "{}\n", st.sql);
                            }
                        }
                    }
                }
            }
            if d.exit_code && !report_steps.is_empty() {
                return Err(Failure {
                    message: String::new(),
                    code: EXIT_CHANGES,
                });
            }
            Ok(())
        }
        Command::Verify(v) => {
            let dir = v
                .migrations
                .clone()
                .or(config.migrations.clone())
                .unwrap_or_else(|| PathBuf::from("migrations"));
            let schema = v.schema.clone().or(config.schema.clone());
            let dialect = dialects.get(&names[0])?;
            verify(
                &project,
                dialect.as_ref(),
                &v.dsn,
                schema.as_deref(),
                &dir,
                out,
                err,
            )
        }
        Command::Generate(a) => {
            let schema =
                a.schema.clone().or(config.schema.clone()).ok_or(
                    "no desired schema: pass --schema PATH or set `schema` in migrator.toml",
                )?;
            let dir = a
                .migrations
                .clone()
                .or(config.migrations.clone())
                .unwrap_or_else(|| PathBuf::from("migrations"));
            // Validate every dialect before writing anything.
            let chosen = names
                .iter()
                .map(|n| dialects.get(n))
                .collect::<Result<Vec<_>, _>>()?;
            let several = chosen.len() > 1;
            let mut planned = Vec::new();
            for d in &chosen {
                let target = if several {
                    dir.join(d.name())
                } else {
                    dir.clone()
                };
                planned.push((
                    target.clone(),
                    plan_generate(&project, d.as_ref(), &a, &schema, &target, err)?,
                ));
            }
            for (target, files) in planned {
                let Some((_, files)) = files else {
                    let _ = writeln!(
                        out,
                        "no changes{}",
                        if several {
                            format!(" in {}", target.display())
                        } else {
                            String::new()
                        }
                    );
                    continue;
                };
                for p in writer::write_new(&target, &files)? {
                    let _ = writeln!(out, "wrote {}", p.display());
                }
            }
            Ok(())
        }
        Command::Inspect(a) => inspect(&project, &names[0], &a, out, err),
        Command::Dialects => {
            let _ = writeln!(
                out,
                "{:<12} {:<10} {:<9} {:<9} DESCRIPTION",
                "NAME", "BASE", "VERSION", "KIND"
            );
            for d in dialects.all() {
                let _ = writeln!(
                    out,
                    "{:<12} {:<10} {:<9} {:<9} {}",
                    d.name(),
                    d.base().unwrap_or("-"),
                    d.version(),
                    d.origin(),
                    d.description()
                );
            }
            Ok(())
        }
        Command::Templates(TemplatesCommand::List) => {
            for name in &names {
                let (_, renderer) = renderer_for(&project, name)?;
                let chain: Vec<String> = dialects
                    .chain(name)?
                    .iter()
                    .map(|d| d.name().to_string())
                    .collect();
                templates::list(&renderer, &chain, project.format.name(), out)?;
            }
            Ok(())
        }
        Command::Templates(TemplatesCommand::Export { dir }) => {
            templates::export(dialects, &dir, out, err)
        }
    }
}

/// Loads each plugin and adds its dialect; a plugin may not replace a known dialect.
fn load_plugins(dialects: &mut Dialects, paths: &[PathBuf]) -> Result<(), Failure> {
    let mut seen: Vec<PathBuf> = Vec::new();
    for path in paths {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.clone());
        if seen.contains(&canonical) {
            continue;
        }
        seen.push(canonical);
        let plugin = migrator_plugin_host::load(path)?;
        if let Ok(existing) = dialects.get(plugin.name()) {
            return Err(format!(
                "plugin {}: dialect `{}` is already defined ({})",
                path.display(),
                plugin.name(),
                existing.origin()
            )
            .into());
        }
        let base = plugin.base().unwrap_or_default().to_string();
        dialects.get(&base).map_err(|e| {
            format!(
                "plugin {}: its base dialect is unknown: {e}",
                path.display()
            )
        })?;
        dialects.add(plugin);
    }
    Ok(())
}

/// The renderer for a dialect chain, with its templates.
fn renderer_for(
    project: &Project,
    name: &str,
) -> Result<(migrator_core::dialect::Registry, Renderer), Failure> {
    let dialects = &project.dialects;
    let registry = dialects.registry(name)?;
    let chain = dialects.chain(name)?;
    let quoter = chain[0].clone();
    let renderer = Renderer::new(
        registry.templates(),
        &project.overrides,
        chain.iter().map(|d| d.name().to_string()).collect(),
        Arc::new(move |s: &str| quoter.quote_ident(s)),
    )?;
    Ok((registry, renderer))
}

/// The steps of one generation and the files they render to.
type Planned = (Vec<migrations::BuiltStep>, Vec<migrations::OutputFile>);

/// The exit code of `diff --exit-code` when there are changes.
pub const EXIT_CHANGES: i32 = 2;

/// Everything `generate` does short of writing: the steps and the files to write, or
/// `None` for no changes.
fn plan_generate(
    project: &Project,
    dialect: &dyn Dialect,
    a: &GenerateArgs,
    schema_path: &Path,
    dir: &Path,
    err: &mut dyn Write,
) -> Result<Option<Planned>, Failure> {
    let format = project.format;
    let (registry, renderer) = renderer_for(project, dialect.name())?;
    let desired = report(dialect.load_sql(&read_sql(schema_path)?)?, err);
    let existing = read_migrations_dir(dir, format)?;
    let current = if a.full {
        Schema::default()
    } else if let (Some(dsn), true) = (&a.dsn, a.fake_tsdb) {
        if dialect.name() != "timescale" {
            return Err("--fake-tsdb applies to --dialect timescale only".into());
        }
        let replayed = report(
            dialect.load_sql(&replay_files(&existing, dir, format)?)?,
            err,
        );
        report(migrator_timescale::fake_tsdb_current(dsn, replayed)?, err)
    } else if let Some(dsn) = &a.dsn {
        report(dialect.introspect(dsn)?, err)
    } else if let Some(path) = &a.current {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        serde_json::from_str(&text)
            .map_err(|e| format!("{} is not a schema snapshot: {e}", path.display()))?
    } else {
        report(
            dialect.load_sql(&replay_files(&existing, dir, format)?)?,
            err,
        )
    };
    let (current, desired) = (project.scope(current), project.scope(desired));
    if !(a.allow_destructive || project.allow_destructive) {
        let destructive = pipeline::destructive_changes(&current, &desired);
        if !destructive.is_empty() {
            return Err(Failure {
                message: format!(
                    "refusing to generate destructive changes ({}); nothing was written. \
                     Review them and pass --allow-destructive (or allow_destructive = true \
                     in migrator.toml):\n  - {}",
                    dialect.name(),
                    destructive.join("\n  - ")
                ),
                code: EXIT_DESTRUCTIVE,
            });
        }
    }
    let options = build_options(project, dialect, a)?;
    let (first_version, width, prefix_desc) = versioning(a, &existing, format)?;
    let name = a.name.as_deref().or(prefix_desc.as_deref());
    let mut steps = pipeline::generate(
        &Generate {
            dialect: dialect.name(),
            registry: &registry,
            renderer: &renderer,
            name,
            options: &options,
        },
        &current,
        &desired,
    )?;
    if steps.is_empty() {
        return Ok(None);
    }
    if let Some(desc) = &prefix_desc {
        for s in &mut steps {
            s.description = desc.clone();
        }
    }
    let files = migrations::render_files(format, &renderer, &steps, first_version, width)?;
    Ok(Some((steps, files)))
}

/// The generation options: flags first, then migrator.toml, then the defaults.
fn build_options(
    project: &Project,
    dialect: &dyn Dialect,
    a: &GenerateArgs,
) -> Result<BuildOptions, Failure> {
    let pg_version = match (a.pg_version.or(project.pg_version), &a.dsn) {
        (Some(v), _) => v,
        (None, Some(dsn)) => dialect
            .server_version(dsn)?
            .unwrap_or(migrator_core::dialect::DEFAULT_PG_VERSION),
        (None, None) => migrator_core::dialect::DEFAULT_PG_VERSION,
    };
    if !(10..=99).contains(&pg_version) {
        return Err(format!(
            "--pg-version {pg_version}: expected a PostgreSQL major version such as 15"
        )
        .into());
    }
    let defaults = BuildOptions::default();
    let timeout = |flag: &Option<String>, config: &Option<String>, default: String, what: &str| {
        let v = flag.clone().or(config.clone()).unwrap_or(default);
        if v.is_empty()
            || !v
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == ' ')
        {
            return Err(Failure::from(format!(
                "{what} `{v}`: expected a PostgreSQL duration such as 5s, 500ms, 15min or 0"
            )));
        }
        Ok(v)
    };
    Ok(BuildOptions {
        online: a.online || project.online,
        idempotent: !a.no_idempotent && project.idempotent,
        pg_version,
        lock_timeout: timeout(
            &a.lock_timeout,
            &project.lock_timeout,
            defaults.lock_timeout.clone(),
            "--lock-timeout",
        )?,
        statement_timeout: timeout(
            &a.statement_timeout,
            &project.statement_timeout,
            defaults.statement_timeout.clone(),
            "--statement-timeout",
        )?,
    })
}

/// `migrator verify`: up one by one, compare, down one by one, empty again.
fn verify(
    project: &Project,
    dialect: &dyn Dialect,
    dsn: &str,
    schema: Option<&Path>,
    dir: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    if project.format != DirFormat::GolangMigrate {
        return Err(
            "verify runs golang-migrate directories only (--dir-format golang-migrate)".into(),
        );
    }
    let start = project.scope(report(dialect.introspect(dsn)?, err));
    if !is_blank(&start) {
        return Err(
            "verify needs an empty scratch database: this one already has user objects".into(),
        );
    }
    let existing = read_migrations_dir(dir, project.format)?;
    if existing.is_empty() {
        return Err(format!("no migrations in {}", dir.display()).into());
    }
    let run = |file: &str| -> Result<(), Failure> {
        let text = std::fs::read_to_string(dir.join(file))
            .map_err(|e| format!("cannot read {file}: {e}"))?;
        dialect
            .execute(dsn, &text)
            .map_err(|e| Failure::from(format!("{file}: {e}")))
    };
    for m in &existing {
        run(m.up.as_deref().unwrap_or_default())?;
        let _ = writeln!(out, "up   {:>6} ok", m.version);
    }
    if let Some(path) = schema {
        let desired = project.scope(report(dialect.load_sql(&read_sql(path)?)?, err));
        let current = project.scope(report(dialect.introspect(dsn)?, err));
        let drift: Vec<String> = migrator_core::diff::diff(&current, &desired)
            .iter()
            .map(|c| c.label())
            .collect();
        if !drift.is_empty() {
            return Err(format!(
                "after every up migration the database still differs from {}: {}",
                path.display(),
                drift.join(", ")
            )
            .into());
        }
        let _ = writeln!(out, "the database matches {}", path.display());
    }
    for m in existing.iter().rev() {
        let down = m
            .down
            .as_deref()
            .ok_or_else(|| format!("version {} has no down file", m.version))?;
        run(down)?;
        let _ = writeln!(out, "down {:>6} ok", m.version);
    }
    let end = project.scope(report(dialect.introspect(dsn)?, err));
    if !is_blank(&end) {
        let left: Vec<String> = migrator_core::diff::diff(&Schema::default(), &end)
            .iter()
            .map(|c| c.label())
            .collect();
        return Err(format!(
            "after every down migration the database is not empty: {}",
            left.join(", ")
        )
        .into());
    }
    let _ = writeln!(
        out,
        "verified {} migrations: up, schema, down",
        existing.len()
    );
    Ok(())
}

/// True when a schema holds nothing but extensions (which a server may preinstall).
fn is_blank(s: &Schema) -> bool {
    Schema {
        extensions: Default::default(),
        ..s.clone()
    }
    .is_empty()
}

/// The up SQL of the existing migrations, in version order, for replaying them.
fn replay_files(
    existing: &[migrations::Existing],
    dir: &Path,
    format: DirFormat,
) -> Result<Vec<SourceFile>, Failure> {
    existing
        .iter()
        .filter_map(|m| m.up.as_ref())
        .map(|f| {
            read_file(&dir.join(f)).map(|mut s| {
                s.text = format.up_sql(&s.text);
                s
            })
        })
        .collect()
}

/// The first version, its zero-padded width and (with `--prefix`) the description.
fn versioning(
    a: &GenerateArgs,
    existing: &[migrations::Existing],
    format: DirFormat,
) -> Result<(u64, usize, Option<String>), Failure> {
    let highest = existing.iter().map(|m| m.version).max();
    let clash = |v: u64| -> Result<(), Failure> {
        match highest {
            Some(h) if v <= h => Err(format!(
                "clashing migration versions: version {v} is not above the highest existing version {h}"
            )
            .into()),
            _ => Ok(()),
        }
    };
    if let Some(prefix) = &a.prefix {
        let (digits, desc) = prefix.split_once('_').unwrap_or((prefix.as_str(), ""));
        let v: u64 = digits.parse().map_err(|_| {
            format!("--prefix {prefix}: must start with a version number, as in 2_v0.0.2")
        })?;
        clash(v)?;
        let desc = if desc.is_empty() {
            None
        } else {
            Some(desc.to_string())
        };
        if let Some(d) = &desc {
            if d.contains('/') || d.contains('\\') {
                return Err(format!("--prefix {prefix}: must not contain a path separator").into());
            }
        }
        return Ok((v, digits.len(), desc));
    }
    if let Some(v) = a.start_version {
        clash(v)?;
        return Ok((v, format.default_width(), None));
    }
    Ok((highest.map_or(1, |h| h + 1), format.default_width(), None))
}

fn report(loaded: Loaded, err: &mut dyn Write) -> Schema {
    for w in &loaded.warnings {
        let _ = writeln!(err, "warning: {w}");
    }
    loaded.schema
}

fn read_file(path: &Path) -> Result<SourceFile, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(SourceFile {
        path: path.to_path_buf(),
        text,
    })
}

/// The `.sql` files of `path`: the file itself, or a directory's, recursively in path order.
pub fn read_sql(path: &Path) -> Result<Vec<SourceFile>, Failure> {
    if !path.exists() {
        return Err(format!("the schema path {} does not exist", path.display()).into());
    }
    if path.is_file() {
        return Ok(vec![read_file(path)?]);
    }
    let mut found = Vec::new();
    collect_sql(path, &mut found)?;
    found.sort();
    if found.is_empty() {
        return Err(format!("no .sql files under {}", path.display()).into());
    }
    found.iter().map(|p| read_file(p)).collect()
}

fn collect_sql(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Failure> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for e in entries {
        let p = e
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .path();
        if p.is_dir() {
            collect_sql(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "sql") {
            out.push(p);
        }
    }
    Ok(())
}

/// The versions already in `dir` (none when it does not exist).
fn read_migrations_dir(
    dir: &Path,
    format: DirFormat,
) -> Result<Vec<migrations::Existing>, Failure> {
    let names: Vec<String> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_file())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => vec![],
        Err(e) => return Err(format!("cannot read {}: {e}", dir.display()).into()),
    };
    let found = migrations::scan(format, &names).map_err(|e| format!("{}: {e}", dir.display()))?;
    if let Some(m) = found.iter().find(|m| m.up.is_none()) {
        return Err(format!(
            "{}: version {} has a down file but no up file",
            dir.display(),
            m.version
        )
        .into());
    }
    Ok(found)
}

fn inspect(
    project: &Project,
    name: &str,
    a: &InspectArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let dialect = project.dialects.get(name)?;
    let loaded: Result<Loaded, LoadError> = match (&a.dsn, &a.schema) {
        (Some(dsn), _) => dialect.introspect(dsn),
        (None, Some(path)) => dialect.load_sql(&read_sql(path)?),
        (None, None) => return Err("inspect needs --dsn or --schema".into()),
    };
    let schema = project.scope(report(loaded?, err));
    match a.format {
        InspectFormat::Json => {
            let text = serde_json::to_string_pretty(&schema)?;
            let _ = writeln!(out, "{text}");
        }
        InspectFormat::Sql => {
            let (registry, renderer) = renderer_for(project, name)?;
            let steps = pipeline::generate(
                &Generate {
                    dialect: name,
                    registry: &registry,
                    renderer: &renderer,
                    name: None,
                    options: &BuildOptions {
                        idempotent: false,
                        ..BuildOptions::default()
                    },
                },
                &Schema::default(),
                &schema,
            )?;
            for step in steps {
                for s in step.up {
                    let _ = writeln!(out, "{}\n", s.sql);
                }
            }
        }
    }
    Ok(())
}
