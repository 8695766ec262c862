//! `warmpath.toml` beside a small dataset (a folder's manifest or a team's).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Sources stay inside the input's folder.
    if data.contains(&b'/') || data.contains(&b'\\') || data.windows(2).any(|w| w == b"..") {
        return;
    }
    let people: &[u8] = b"id,name\nme,Robin Vale\nkai,Kai Moreno\n";
    let interactions: &[u8] = b"timestamp,from,to,channel\n2026-01-01,me,kai,meeting\n";
    warmpath_fuzz::read_in_folder(
        "warmpath.toml",
        data,
        &[("people.csv", people), ("interactions.csv", interactions)],
    );
});
