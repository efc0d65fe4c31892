//! From parsed flags and `migrator.toml` to one typed request per subcommand.
//!
//! Every default is settled here, flags first, then the configuration, then migrator's own:
//! the commands receive complete requests and never look at flags or configuration again.

use crate::args::{
    Cli, Command, DiffFormat, FilterArgs, GenerateArgs, InspectFormat, StatusArgs, TemplatesCommand,
};
use crate::config::{self, Config};
use crate::{builtin_dialects, templates, Failure, DEFAULT_DIALECT};
use migrator_core::dialect::{BuildOptions, Dialect};
use migrator_core::dialects::Dialects;
use migrator_core::filter::{Filter, FilterSpec};
use migrator_core::migrations::DirFormat;
use migrator_core::workflow::generate::{Options, Settings};
use migrator_core::workflow::source::CurrentSource;
use migrator_core::workflow::versioning::Numbering;
use std::io::Write;
use std::path::PathBuf;

/// What every command needs: the known dialects, template overrides and the format.
pub struct Project {
    pub dialects: Dialects,
    pub overrides: templates::Overrides,
    pub format: DirFormat,
    /// `--with-privileges` or `with_privileges = true`: privileges are compared.
    pub with_privileges: bool,
}

/// One subcommand, with everything it needs settled.
pub enum Request {
    Generate(GenerateRequest),
    Diff(DiffRequest),
    Verify(VerifyRequest),
    Inspect(InspectRequest),
    Validate(ValidateRequest),
    /// `status` of a live database against the directory.
    Status(LiveRequest),
    /// `baseline` a directory from a live database.
    Baseline(LiveRequest),
    /// `squash --to N`.
    Squash(SquashRequest),
    /// `sum --rehash` on the migrations directory.
    Rehash {
        dir: PathBuf,
    },
    Dialects,
    /// `templates list` for each named dialect.
    TemplatesList {
        dialects: Vec<String>,
    },
    /// `templates export DIR`.
    TemplatesExport {
        dir: PathBuf,
    },
    /// `completions SHELL`.
    Completions {
        shell: clap_complete::Shell,
    },
}

/// `generate`: one directory per dialect when several are named.
pub struct GenerateRequest {
    pub dialects: Vec<String>,
    /// The desired schema: a .sql file or a directory.
    pub schema: PathBuf,
    /// The migrations directory.
    pub dir: PathBuf,
    pub settings: Settings,
}

/// `diff`: what `generate` would write, printed; destructive changes are always shown.
pub struct DiffRequest {
    pub generate: GenerateRequest,
    /// `--exit-code`: changes exit with [`crate::EXIT_CHANGES`].
    pub exit_code: bool,
    pub format: DiffFormat,
}

/// `verify` on a scratch database.
pub struct VerifyRequest {
    pub dialect: String,
    pub dsn: String,
    pub schema: Option<PathBuf>,
    pub dir: PathBuf,
    pub filter: Filter,
    /// `--with-data`: prove the rows survive.
    pub with_data: bool,
}

/// `validate` a migrations directory offline.
pub struct ValidateRequest {
    pub dialect: String,
    pub dir: PathBuf,
    pub filter: Filter,
}

/// `status` or `baseline`: a live database and a migrations directory.
pub struct LiveRequest {
    pub dialect: String,
    pub dsn: String,
    pub dir: PathBuf,
    pub filter: Filter,
    pub written: Written,
}

/// How `baseline` and `squash` write their files: `idempotent` and `pg_version` from
/// migrator.toml, as `generate` reads them.
#[derive(Clone, Copy)]
pub struct Written {
    pub idempotent: bool,
    pub pg_version: Option<u32>,
}

impl Written {
    fn from(config: &Config) -> Self {
        Written {
            idempotent: config.idempotent.unwrap_or(true),
            pg_version: config.pg_version,
        }
    }
}

/// `squash --to N`.
pub struct SquashRequest {
    pub dialect: String,
    pub dir: PathBuf,
    pub to: u64,
    /// `--not-applied-anywhere`.
    pub applied_nowhere: bool,
    pub filter: Filter,
    pub written: Written,
}

/// `inspect` a live database or SQL files.
pub struct InspectRequest {
    pub dialect: String,
    pub dsn: Option<String>,
    pub schema: Option<PathBuf>,
    pub format: InspectFormat,
    pub filter: Filter,
    /// `--explain-filters`: what the filter left out, on stderr.
    pub explain_filters: bool,
}

/// Reads the configuration, loads plugins and templates, and builds the request.
pub fn build(cli: Cli, err: &mut dyn Write) -> Result<(Project, Request), Failure> {
    let mut config = Config::load(&cli.config)?;
    let project = project(&cli, &config, err)?;
    let mut names = cli.dialect;
    if names.is_empty() {
        names = config
            .dialect
            .take()
            .map(config::OneOrMany::into_vec)
            .unwrap_or_else(|| vec![DEFAULT_DIALECT.to_string()]);
    }
    let request = match cli.command {
        Command::Diff(d) => Request::Diff(DiffRequest {
            generate: generate(d.generate, names, &config, &project, true)?,
            exit_code: d.exit_code,
            format: d.output,
        }),
        Command::Verify(v) => Request::Verify(VerifyRequest {
            dialect: names[0].clone(),
            dsn: v.dsn,
            schema: v.schema.or(config.schema.clone()),
            dir: migrations_dir(v.migrations, &config),
            filter: filter(v.filter, &config, &project.dialects)?,
            with_data: v.with_data,
        }),
        Command::Generate(a) => Request::Generate(generate(a, names, &config, &project, false)?),
        Command::Inspect(a) => Request::Inspect(InspectRequest {
            dialect: names[0].clone(),
            dsn: a.dsn,
            schema: a.schema,
            format: a.format,
            filter: filter(a.filter, &config, &project.dialects)?,
            explain_filters: a.explain_filters,
        }),
        Command::Validate(v) => Request::Validate(ValidateRequest {
            dialect: names[0].clone(),
            dir: migrations_dir(v.migrations, &config),
            filter: filter(v.filter, &config, &project.dialects)?,
        }),
        Command::Status(a) => Request::Status(live(a, &names[0], &config, &project)?),
        Command::Baseline(a) => Request::Baseline(live(a, &names[0], &config, &project)?),
        Command::Squash(a) => Request::Squash(SquashRequest {
            dialect: names[0].clone(),
            dir: migrations_dir(a.migrations, &config),
            to: a.to,
            applied_nowhere: a.not_applied_anywhere,
            filter: filter(a.filter, &config, &project.dialects)?,
            written: Written::from(&config),
        }),
        Command::Sum(s) => Request::Rehash {
            dir: migrations_dir(s.migrations, &config),
        },
        Command::Dialects => Request::Dialects,
        Command::Templates(TemplatesCommand::List) => Request::TemplatesList { dialects: names },
        Command::Templates(TemplatesCommand::Export { dir }) => Request::TemplatesExport { dir },
        Command::Completions { shell } => Request::Completions { shell },
    };
    Ok((project, request))
}

/// The dialects (with plugins), the directory format and the template overrides.
fn project(cli: &Cli, config: &Config, err: &mut dyn Write) -> Result<Project, Failure> {
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
    Ok(Project {
        dialects,
        overrides,
        format,
        with_privileges: cli.with_privileges || config.with_privileges.unwrap_or(false),
    })
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

/// The `generate` (or, `diff`, with every destructive change allowed) request: flags
/// first, then `migrator.toml`, then the defaults.
fn generate(
    a: GenerateArgs,
    dialects: Vec<String>,
    config: &Config,
    project: &Project,
    diff: bool,
) -> Result<GenerateRequest, Failure> {
    let schema = a
        .schema
        .or(config.schema.clone())
        .ok_or("no desired schema: pass --schema PATH or set `schema` in migrator.toml")?;
    let dir = migrations_dir(a.migrations, config);
    let defaults = BuildOptions::default();
    let options = Options {
        online: a.online || config.online.unwrap_or(false),
        idempotent: !a.no_idempotent && config.idempotent.unwrap_or(true),
        pg_version: a.pg_version.or(config.pg_version),
        lock_timeout: a
            .lock_timeout
            .or(config.lock_timeout.clone())
            .unwrap_or(defaults.lock_timeout),
        statement_timeout: a
            .statement_timeout
            .or(config.statement_timeout.clone())
            .unwrap_or(defaults.statement_timeout),
    };
    let settings = Settings {
        source: CurrentSource::select(a.full, a.dsn, a.fake_tsdb, a.current),
        with_privileges: project.with_privileges,
        allow_destructive: diff || a.allow_destructive || config.allow_destructive.unwrap_or(false),
        name: a.name,
        numbering: Numbering {
            prefix: a.prefix,
            start_version: a.start_version,
        },
        options,
        filter: filter(a.filter, config, &project.dialects)?,
    };
    Ok(GenerateRequest {
        dialects,
        schema,
        dir,
        settings,
    })
}

/// The filter: `migrator.toml`'s `include` and `exclude` followed by the flags' (so a flag's
/// pattern, coming last, decides where both match), and `--schemas` else `schemas`.
/// Patterns may name the object kinds of every known dialect.
fn filter(a: FilterArgs, config: &Config, dialects: &Dialects) -> Result<Filter, Failure> {
    let spec = FilterSpec {
        include: config.include.iter().cloned().chain(a.include).collect(),
        exclude: config.exclude.iter().cloned().chain(a.exclude).collect(),
        schemas: if a.schemas.is_empty() {
            config.schemas.clone()
        } else {
            a.schemas
        },
    };
    Ok(Filter::new(&spec, &dialects.object_kinds())?)
}

/// A `status` or `baseline` request.
fn live(
    a: StatusArgs,
    dialect: &str,
    config: &Config,
    project: &Project,
) -> Result<LiveRequest, Failure> {
    Ok(LiveRequest {
        dialect: dialect.to_string(),
        dsn: a.dsn,
        dir: migrations_dir(a.migrations, config),
        filter: filter(a.filter, config, &project.dialects)?,
        written: Written::from(config),
    })
}

/// The migrations directory: the flag, else `migrations` in migrator.toml, else `migrations`.
fn migrations_dir(flag: Option<PathBuf>, config: &Config) -> PathBuf {
    flag.or(config.migrations.clone())
        .unwrap_or_else(|| PathBuf::from("migrations"))
}
