//! Project template overrides and the `templates list|export` commands.
//!
//! A project's template directory mirrors `templates/`: `DIR/postgres/add_column.sql`
//! replaces the built-in `postgres/add_column.sql`, `DIR/formats/goose/migration.sql` the
//! goose file template. Everything not overridden falls back to the built-in text, and a
//! dialect still finds its base's templates along the chain.

use crate::edge::files_under;
use crate::Failure;
use migrator_core::dialects::Dialects;
use migrator_core::render::{format_templates, Renderer};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

/// Overrides by template name: `name → (path shown in messages, text)`.
pub type Overrides = BTreeMap<String, (String, String)>;

/// Reads every file under `dir` as an override named by its path relative to `dir`.
pub fn read_overrides(dir: &Path) -> Result<Overrides, Failure> {
    if !dir.is_dir() {
        return Err(format!("the template directory {} does not exist", dir.display()).into());
    }
    let mut files = Vec::new();
    let visible = |p: &Path| {
        !p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
    };
    files_under(dir, &visible, &mut files)?;
    let mut out = Overrides::new();
    for path in files {
        let rel = path.strip_prefix(dir).unwrap_or(&path);
        let name = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .collect::<Vec<_>>()
            .join("/");
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read template {}: {e}", path.display()))?;
        out.insert(name, (path.display().to_string(), text));
    }
    Ok(out)
}

/// Every built-in template of every known dialect and of every output format.
pub fn all_builtin(dialects: &Dialects) -> Result<BTreeMap<String, String>, Failure> {
    let mut all = format_templates();
    for d in dialects.all() {
        all.extend(
            dialects
                .registry(d.name())?
                .templates()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone())),
        );
    }
    Ok(all)
}

/// Warns about override files that can never be used: a typo in a file name would
/// otherwise be silently ignored.
pub fn warn_unused(
    dialects: &Dialects,
    overrides: &Overrides,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    let builtin = all_builtin(dialects)?;
    let known_dirs: BTreeSet<String> = dialects
        .all()
        .map(|d| d.name().to_string())
        .chain(["formats".to_string()])
        .collect();
    let base_names: BTreeSet<&str> = builtin
        .keys()
        .filter_map(|k| k.rsplit_once('/').map(|(_, b)| b))
        .collect();
    for (name, (path, _)) in overrides {
        if builtin.contains_key(name) {
            continue;
        }
        let top = name.split('/').next().unwrap_or("");
        let base = name.rsplit('/').next().unwrap_or("");
        if !known_dirs.contains(top) || !base_names.contains(base) {
            let _ = writeln!(
                err,
                "warning: {path}: no built-in template is named `{name}`, so it overrides nothing \
                 (see `migrator templates list`)"
            );
        }
    }
    Ok(())
}

/// `templates list`: one line per template of the dialect chain and of the format.
pub fn list(
    renderer: &Renderer,
    chain: &[String],
    format: &str,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let _ = writeln!(out, "{:<44} {:<16} SOURCE", "TEMPLATE", "DIALECT/FORMAT");
    for (name, origin) in renderer.origins() {
        let mut parts = name.splitn(3, '/');
        let top = parts.next().unwrap_or("");
        let owner = if top == "formats" {
            let f = parts.next().unwrap_or("");
            if f != format {
                continue;
            }
            format!("format {f}")
        } else if chain.iter().any(|c| c == top) {
            top.to_string()
        } else {
            continue;
        };
        let source = if origin == "built-in" {
            "built-in".to_string()
        } else {
            format!("overridden by {origin}")
        };
        let _ = writeln!(out, "{name:<44} {owner:<16} {source}");
    }
    Ok(())
}

/// `templates export DIR`: writes every built-in template; never replaces a file.
pub fn export(
    dialects: &Dialects,
    dir: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Failure> {
    for (name, text) in all_builtin(dialects)? {
        let path = name.split('/').fold(dir.to_path_buf(), |p, c| p.join(c));
        if path.exists() {
            let _ = writeln!(err, "kept {} (exists; not overwritten)", path.display());
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        // create_new: a file appearing meanwhile is still never replaced.
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        f.write_all(text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        let _ = writeln!(out, "wrote {}", path.display());
    }
    Ok(())
}
