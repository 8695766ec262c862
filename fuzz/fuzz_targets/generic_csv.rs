//! `people.csv`, `interactions.csv` or `relationships.csv` in a dataset folder.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let names = ["people.csv", "interactions.csv", "relationships.csv"];
    if let Some((name, bytes)) = warmpath_fuzz::select(data, &names) {
        warmpath_fuzz::read_in_folder(name, bytes, &[]);
    }
});
