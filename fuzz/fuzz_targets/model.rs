//! A `--model` TOML file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let folder = warmpath_fuzz::folder_with("model.toml", data, &[]);
    let _ = warmpath::tie_strength::Model::from_toml_file(&folder.join("model.toml"));
});
