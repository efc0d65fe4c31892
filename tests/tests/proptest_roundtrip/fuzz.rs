//! A libFuzzer-free fuzz loop (stable toolchain): mutated real SQL through the loader and,
//! when it loads, through the offline oracles. See docs/FUZZING.md.

use super::*;

pub(crate) const DICTIONARY: &[&str] = &[
    "NOT NULL",
    "NULL",
    "DEFAULT 1",
    "DEFAULT now()",
    "DEFAULT 'x'",
    "(",
    ")",
    ",",
    ";",
    "PRIMARY KEY",
    "UNIQUE",
    "CHECK (a > 0)",
    "REFERENCES t",
    "REFERENCES t (a)",
    "COLLATE \"C\"",
    "[]",
    "::int",
    "::text",
    "USING btree",
    "USING gin",
    "WHERE a IS NULL",
    "INCLUDE (a)",
    "ON DELETE CASCADE",
    "GENERATED ALWAYS AS IDENTITY",
    "GENERATED ALWAYS AS (a + 1) STORED",
    "DEFERRABLE",
    "NULLS NOT DISTINCT",
    "DESC",
    "NULLS FIRST",
    "ALTER TABLE t",
    "ADD COLUMN z int",
    "DROP COLUMN a",
    "DROP TABLE t",
    "DROP INDEX",
    "DROP CONSTRAINT",
    "RENAME TO u",
    "RENAME COLUMN a TO b",
    "ALTER COLUMN a TYPE bigint",
    "ALTER COLUMN a SET DEFAULT 2",
    "ALTER COLUMN a DROP NOT NULL",
    "COMMENT ON TABLE t IS 'c'",
    "COMMENT ON COLUMN t.a IS NULL",
    "CREATE TABLE t (a int)",
    "CREATE INDEX ON t (a)",
    "CREATE SCHEMA s",
    "s.",
    "\"Odd Name\"",
    "CREATE TYPE e AS ENUM ('a')",
    "ALTER TYPE e ADD VALUE 'b'",
    "CREATE SEQUENCE q",
    "OWNED BY t.a",
    "serial",
    "bigserial",
    "varchar(3)",
    "numeric(5,2)",
    "timestamptz",
    "e",
    "EXCLUDE USING gist (a WITH =)",
    "CREATE EXTENSION citext",
    "SET search_path = s",
    "IF EXISTS",
    "IF NOT EXISTS",
    "CASCADE",
];

#[derive(Clone, Debug)]
pub(crate) enum Mutation {
    Delete(Index),
    Duplicate(Index),
    Swap(Index, Index),
    Insert(Index, Index),
    Truncate(Index),
}

pub(crate) fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for ch in text.chars() {
        if ch.is_whitespace() || "(),;".contains(ch) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(ch.to_string());
        } else {
            cur.push(ch);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub(crate) fn mutate(seed: &str, ms: &[Mutation]) -> String {
    let mut t = tokens(seed);
    for m in ms {
        if t.is_empty() {
            break;
        }
        match m {
            Mutation::Delete(i) => {
                t.remove(i.index(t.len()));
            }
            Mutation::Duplicate(i) => {
                let k = i.index(t.len());
                t.insert(k, t[k].clone());
            }
            Mutation::Swap(a, b) => {
                let (a, b) = (a.index(t.len()), b.index(t.len()));
                t.swap(a, b);
            }
            Mutation::Insert(i, d) => {
                let k = i.index(t.len() + 1);
                t.insert(k, format!(" {} ", DICTIONARY[d.index(DICTIONARY.len())]));
            }
            Mutation::Truncate(i) => {
                let k = i.index(t.len());
                t.truncate(k.max(1));
            }
        }
    }
    t.concat()
}

pub(crate) fn fuzz_seeds() -> Vec<String> {
    let mut seeds = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(repo_root().join("tests/pairs"))
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    dirs.sort();
    for d in dirs {
        for f in ["before.sql", "after.sql"] {
            if let Ok(t) = std::fs::read_to_string(d.join(f)) {
                if !t.trim().is_empty() {
                    seeds.push(t);
                }
            }
        }
    }
    seeds
}

/// Mutated fixture SQL never panics the loader; what loads passes the offline oracles
/// (or is refused with an `error:` message). `MIGRATOR_FUZZ_CASES` (default 256).
#[test]
pub(crate) fn mutated_sql_never_panics() {
    let seeds = fuzz_seeds();
    assert!(!seeds.is_empty(), "no seeds under tests/pairs");
    let mutation = prop_oneof![
        1 => any::<Index>().prop_map(Mutation::Delete),
        1 => any::<Index>().prop_map(Mutation::Duplicate),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Insert(a, b)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
    ];
    let mut runner = TestRunner::new(Config {
        cases: env_num("MIGRATOR_FUZZ_CASES", 256),
        max_shrink_iters: env_num("PROPTEST_MAX_SHRINK_ITERS", 500),
        failure_persistence: None,
        rng_seed: seed(),
        ..Config::default()
    });
    let strategy = (any::<Index>(), prop::collection::vec(mutation, 1..8));
    runner
        .run(&strategy, |(seed, ms)| {
            let text = mutate(&seeds[seed.index(seeds.len())], &ms);
            let loaded = std::panic::catch_unwind(|| {
                migrator_postgres::load::load_files(&[migrator_core::dialect::SourceFile {
                    path: "fuzz.sql".into(),
                    text: text.clone(),
                }])
                .is_ok()
            });
            let Ok(ok) = loaded else {
                return Err(TestCaseError::fail(format!(
                    "the loader panicked on:\n{text}"
                )));
            };
            if ok {
                let r = std::panic::catch_unwind(|| migrator_tests::offline::check_text(&text));
                match r {
                    Err(_) => {
                        return Err(TestCaseError::fail(format!(
                            "generate panicked on:\n{text}"
                        )))
                    }
                    Ok(Err(e)) => {
                        return Err(TestCaseError::fail(format!("{e}\n--- input ---\n{text}")))
                    }
                    Ok(Ok(_)) => {}
                }
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}
