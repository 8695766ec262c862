//! Integration tests: the built binary on fixtures, pipeline behaviour,
//! properties checked against brute force, and one module per source format
//! or command family.

mod cli;
mod pipeline;
mod properties;
mod scale;
