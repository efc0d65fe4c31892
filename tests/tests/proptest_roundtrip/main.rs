//! Property test: random schemas and random edits of them round-trip on the real
//! PostgreSQL 15.
//!
//! Each case is a pair (before, after): a random schema made only of the kinds listed in
//! docs/SUPPORTED.md (schemas' tables, columns of many types, defaults, NOT NULL, identity,
//! serial, PRIMARY KEY / UNIQUE / CHECK / FOREIGN KEY constraints, indexes, enums,
//! comments, odd identifiers), and the same schema after a list of random edits. For each
//! pair, exactly as `tests/roundtrip.rs` does for the fixture pairs:
//! - offline: the initial migration of `before`, then the upgrade to `after` (replay),
//!   applied file by file (one simple-query Exec each) must give the catalogs of `before`
//!   and `after` loaded directly; a second generate finds nothing; the downs go back to
//!   `before` and then to empty;
//! - live: the upgrade generated against a database loaded with `before` reaches `after`,
//!   a second live generate finds nothing, its downs go back to `before`.
//!
//! Cases: `PROPTEST_CASES` (default 16), shrink budget `PROPTEST_MAX_SHRINK_ITERS`
//! (default 200). A failure shrinks to a minimal pair and prints both SQL texts.
//! `MIGRATOR_PROPTEST_SELFTEST=1` makes every case fail on purpose (the property can fail).

use migrator_tests::*;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

mod fuzz;
mod model;
mod pair;
mod render;
mod strategies;

use model::*;
use pair::*;
use render::*;
use strategies::*;
