//! Criterion benchmarks of the pipeline (filled in by the scale work).

fn main() {}
