//! Integration tests: the built binary on fixtures, pipeline behaviour,
//! properties checked against brute force, and one module per source format
//! or command family.

// Tests fail by panicking; unwrapping is how they say "this must hold".
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::cast_possible_wrap)]

mod answers;
mod architecture;
mod bad_input;
mod batch;
mod cli;
mod common_net;
mod distributed;
mod evaluate;
mod export;
mod formats;
mod generate_linkedin;
mod harness;
mod identity;
mod linkedin;
mod model_docs;
mod mutation;
mod namesakes;
mod nothing_found;
mod output_safety;
mod pipeline;
mod properties;
mod readme_commands;
mod report;
mod report_actions;
mod scale;
mod sources;
