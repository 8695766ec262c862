//! A Google or Outlook contacts CSV (recognised by its header).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| warmpath_fuzz::read_file("contacts.csv", data));
