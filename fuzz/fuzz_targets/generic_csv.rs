//! `people.csv`, `interactions.csv`, `relationships.csv` or `identities.csv`
//! in a dataset folder.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let names = [
        "people.csv",
        "interactions.csv",
        "relationships.csv",
        "identities.csv",
    ];
    if let Some((name, bytes)) = warmpath_fuzz::select(data, &names) {
        // Corrections are read beside a dataset.
        let people: &[(&str, &[u8])] = if *name == "identities.csv" {
            &[("people.csv", b"id,name\nme,Robin Vale\nkai,Kai Moreno\n")]
        } else {
            &[]
        };
        warmpath_fuzz::read_in_folder(name, bytes, people);
    }
});
