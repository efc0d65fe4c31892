//! migrator-core: the dialect-neutral heart of migrator.
//!
//! The pipeline is `load → diff → plan → build → render`. This crate holds the pure middle:
//! the schema IR ([`schema`]), the typed changes ([`change`]), one module per object kind
//! holding its IR and its change types ([`kinds`]), the diff ([`diff`]), the
//! dependency-ordering planner ([`plan`]), the [`Dialect`](dialect::Dialect) trait with the
//! builder [`Registry`](dialect::Registry) dialects fill in, template rendering ([`render`])
//! and migration-directory naming ([`migrations`]). It performs no I/O and never names a
//! dialect: PostgreSQL and TimescaleDB live in their own crates.
#![forbid(unsafe_code)]

pub mod change;
pub mod dialect;
pub mod dialects;
pub mod diff;
pub mod filter;
pub mod hazard;
pub mod identity;
pub mod kinds;
pub mod migrations;
pub mod parallel;
pub mod pipeline;
pub mod plan;
pub mod references;
pub mod render;
pub mod schema;
pub mod vec_map;
pub mod workflow;
