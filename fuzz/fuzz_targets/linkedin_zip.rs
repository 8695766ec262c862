//! A LinkedIn export as downloaded: the zip archive itself.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| warmpath_fuzz::read_file("export.zip", data));
