//! One CSV of a LinkedIn export folder, beside a `Profile.csv`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let names = [
        "Connections.csv",
        "messages.csv",
        "Invitations.csv",
        "Endorsement_Received_Info.csv",
        "Endorsement_Given_Info.csv",
        "Recommendations_Received.csv",
        "Recommendations_Given.csv",
        "Positions.csv",
        "Profile.csv",
    ];
    if let Some((name, bytes)) = warmpath_fuzz::select(data, &names) {
        let profile: &[(&str, &[u8])] = if *name == "Profile.csv" {
            &[]
        } else {
            &[("Profile.csv", warmpath_fuzz::PROFILE)]
        };
        warmpath_fuzz::read_in_folder(name, bytes, profile);
    }
});
