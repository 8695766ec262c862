//! The research formats: a SNAP edge list, SocioPatterns contacts and
//! metadata, Copenhagen calls and SMS, an e-mail log, household contacts.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let names = [
        "CollegeMsg.txt",
        "tij_sample.dat",
        "metadata_sample.txt",
        "calls.csv",
        "communication.csv",
        "households.csv",
    ];
    if let Some((name, bytes)) = warmpath_fuzz::select(data, &names) {
        if name.starts_with("metadata_") {
            let contacts: &[u8] = b"20 1 2\n40 1 2\n";
            warmpath_fuzz::read_in_folder(name, bytes, &[("tij_sample.dat", contacts)]);
        } else {
            warmpath_fuzz::read_file(name, bytes);
        }
    }
});
