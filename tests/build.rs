//! Turns every fixture directory into test functions, so a new pair is a new folder and
//! nothing else, and one failing pair never hides another.
//!
//! For `tests/pairs/` and `tests/timescale_pairs/` it writes `$OUT_DIR/<dir>.rs` with a macro
//! `for_each_<dir>!(callback)` that calls `callback!(pair_<name> => "<name>", …)` with every
//! fixture in lexical order. Test files include it and pass their own callback.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    // Read at run time: a build script compiled for another checkout must not list its pairs.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir);
    for dir in ["pairs", "timescale_pairs"] {
        let path = root.join(dir);
        println!("cargo:rerun-if-changed={}", path.display());
        let mut names: Vec<String> = std::fs::read_dir(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .map(|e| {
                e.expect("fixture entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|n| path.join(n).is_dir())
            .collect();
        names.sort();
        let mut text = format!(
            "macro_rules! for_each_{dir} {{\n    ($callback:ident) => {{\n        $callback!(\n"
        );
        for name in &names {
            let ident: String = name
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            writeln!(text, "            pair_{ident} => {name:?},").unwrap();
        }
        text.push_str("        );\n    };\n}\n");
        std::fs::write(Path::new(&out_dir).join(format!("{dir}.rs")), text).expect("write");
    }
}
