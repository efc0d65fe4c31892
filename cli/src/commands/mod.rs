//! One function per subcommand, each in its own module, and the few helpers they share.
//!
//! A command receives its settled request, calls into `migrator_core::workflow` for the
//! work, and writes the result: what to print is decided here, how to get it is not.

mod completions;
mod dialects;
mod diff;
mod generate;
mod inspect;
mod rewrite;
mod status;
mod sum;
mod templates;
mod validate;
mod verify;

use crate::edge::Console;
use crate::request::{GenerateRequest, Project, Request};
use crate::terminal::{Palette, Spinner, Terminal};
use crate::Failure;
use migrator_core::dialect::{Dialect, Registry};
use migrator_core::render::Renderer;
use migrator_core::workflow::generate::{self as workflow, Generation, Planned};
use migrator_core::workflow::MigrationsDir;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// Runs `request`; the long ones with a spinner on a terminal's stderr.
pub fn dispatch(
    project: &Project,
    request: Request,
    terminal: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let long = match &request {
        Request::Generate(_) => Some("generating"),
        Request::Verify(_) => Some("verifying"),
        Request::Inspect(_) => Some("inspecting"),
        Request::Status(_) => Some("reading the database"),
        Request::Baseline(_) => Some("baselining"),
        Request::Squash(_) => Some("squashing"),
        Request::Diff(_)
        | Request::Validate(_)
        | Request::Rehash { .. }
        | Request::Dialects
        | Request::TemplatesList { .. }
        | Request::TemplatesExport { .. }
        | Request::Completions { .. } => None,
    };
    let spinner = Spinner::start(
        terminal.progress && long.is_some(),
        long.unwrap_or_default(),
    );
    let (out, err) = (&mut spinner.lines(out), &mut spinner.lines(err));
    let io = &mut Console { out, err };
    match request {
        Request::Generate(r) => generate::run(project, &r, io),
        Request::Diff(r) => diff::run(project, &r, Palette::new(terminal.color), io),
        Request::Verify(r) => verify::run(project, &r, io),
        Request::Inspect(r) => inspect::run(project, &r, io),
        Request::Validate(r) => validate::run(project, &r, io),
        Request::Status(r) => status::run(project, &r, io),
        Request::Baseline(r) => rewrite::baseline(project, &r, io),
        Request::Squash(r) => rewrite::squash(project, &r, io),
        Request::Rehash { dir } => sum::rehash(project, &dir, io),
        Request::Dialects => dialects::run(project, io.out),
        Request::TemplatesList { dialects } => templates::list(project, &dialects, io.out),
        Request::TemplatesExport { dir } => templates::export(project, &dir, io),
        Request::Completions { shell } => completions::run(shell, io.out),
    }
}

/// Runs `f` on `dialect`'s migrations directory `dir`, rendered with the project's
/// registry and templates for that dialect.
fn with_migrations<T>(
    project: &Project,
    dialect: &dyn Dialect,
    dir: &Path,
    f: impl FnOnce(MigrationsDir) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let (registry, renderer) = renderer_for(project, dialect.name())?;
    f(MigrationsDir {
        dialect,
        registry: &registry,
        renderer: &renderer,
        dir,
        format: project.format,
    })
}

/// The registry of a dialect chain and the renderer of its templates.
fn renderer_for(project: &Project, name: &str) -> Result<(Registry, Renderer), Failure> {
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

/// The generation `r` asks for, for `dialect` into `dir`: the steps and files, or `None`
/// for no changes.
fn plan(
    project: &Project,
    dialect: &dyn Dialect,
    r: &GenerateRequest,
    dir: &Path,
    io: &mut Console,
) -> Result<Option<Planned>, Failure> {
    with_migrations(project, dialect, dir, |migrations| {
        let generation = Generation {
            dialects: &project.dialects,
            migrations,
            schema: &r.schema,
            settings: &r.settings,
        };
        workflow::plan(&generation, io).map_err(Failure::workflow)
    })
}
