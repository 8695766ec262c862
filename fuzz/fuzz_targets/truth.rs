//! A ground-truth file for `evaluate --truth` (pairs or memberships).
#![no_main]
use libfuzzer_sys::fuzz_target;
use warmpath::ingest::IngestOptions;

fuzz_target!(|data: &[u8]| {
    let folder = warmpath_fuzz::folder_with("truth.csv", data, &[]);
    let names_someone = |name: &str| name.len().is_multiple_of(2);
    if let Ok(truth) = warmpath::ingest::read_truth_file(
        &folder.join("truth.csv"),
        IngestOptions::default(),
        names_someone,
    ) {
        warmpath_fuzz::assert_accounted(&truth.summary);
    }
});
