//! A mailbox (`.mbox`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| warmpath_fuzz::read_file("mail.mbox", data));
