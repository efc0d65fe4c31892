//! Diff + plan + build + render on whatever the loader accepts, with the offline oracles
//! of `migrator_tests::offline`: the initial migration replays to no changes, and its downs
//! undo its ups. A refusal (a located error) is fine; a panic or a broken oracle is a find.
#![no_main]

use libfuzzer_sys::fuzz_target;
use migrator_core::dialect::SourceFile;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    // Cheap filter first: only texts the loader accepts go through the whole pipeline.
    let file = SourceFile {
        path: "fuzz.sql".into(),
        text: text.clone(),
    };
    if migrator_postgres::load::load_files(&[file]).is_err() {
        return;
    }
    if let Err(e) = migrator_tests::offline::check_text(&text) {
        panic!("offline oracle broken: {e}\n--- input ---\n{text}");
    }
});
