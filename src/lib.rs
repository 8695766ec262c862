//! warmpath turns the contacts and interaction history people already have
//! into a weighted relationship graph, then answers "who can introduce me to
//! X?" by the strength of the relationships on the path — never by how many
//! connections anyone has.
//!
//! The pipeline, one module per stage, driven in order by [`pipeline`]:
//!
//! ```text
//! sources ──ingest──▶ records ──identity──▶ people + evidence per pair
//!         ──tie_strength──▶ scored ties ──graph──▶ RelationshipGraph ──intro──▶ ranked introducers
//! ```
//!
//! - [`ingest`] reads export files into typed records and an ingest summary;
//! - [`identity`] merges the same human seen in many files;
//! - [`tie_strength`] scores each pair's evidence with an explainable model;
//! - [`graph`] holds the people and ties with a compact adjacency, and
//!   saves and loads snapshots;
//! - [`pipeline`] drives those stages from `--data` paths to a network;
//! - [`intro`] resolves targets and who is asking, and ranks introducers
//!   with an exact hop-bounded search;
//! - [`report`] measures one person's (or a team's) network strength;
//! - [`export`] writes the network as `GraphML` or `GEXF`, and an
//!   introduction's paths as Graphviz `DOT`;
//! - [`evaluate`] checks the strength model against what happened next
//!   (a temporal hold-out) and against ground truth, beside baselines;
//! - [`synthetic`] generates seeded networks for benchmarks and tests.
//!
//! Beneath them all: [`error`], [`progress`], [`time`], [`keys`] (the normal
//! forms of identifiers, shared by ingest, identity and intro) and
//! [`atomic`] (output files). Imports only point down this list of layers;
//! `ARCHITECTURE.md` gives each module's allowed imports, and a test holds
//! the code to it.
//!
//! The binary in `src/main.rs` is a thin command line over this library
//! (its `cli` module); nothing here prints or exits.

pub mod atomic;
pub mod error;
pub mod evaluate;
pub mod export;
pub mod graph;
pub mod identity;
pub mod ingest;
pub mod intro;
pub mod keys;
pub mod pipeline;
pub mod progress;
pub mod report;
pub mod synthetic;
pub mod tie_strength;
pub mod time;

pub use error::{Error, Result};
