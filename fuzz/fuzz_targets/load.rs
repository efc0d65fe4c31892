//! The SQL loader on arbitrary text: it may refuse the input, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use migrator_core::dialect::SourceFile;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let _ = migrator_postgres::load::load_files(&[SourceFile {
        path: "fuzz.sql".into(),
        text,
    }]);
});
