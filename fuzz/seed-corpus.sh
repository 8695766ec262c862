#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ with the project's fixtures (the corpora are
# not committed). For targets that pick a file name by the input's first
# byte, each seed gets the byte that selects its own name.
set -euo pipefail
cd "$(dirname "$0")"
fixtures=../data/fixtures
seed() { # target selector-byte-or-'' file...
    local target=$1 selector=$2; shift 2
    mkdir -p "corpus/$target"
    for file in "$@"; do
        [ -f "$file" ] || continue # a folder such as Apple Mail's Inbox.mbox/
        local out="corpus/$target/$(basename "$file")"
        if [ -n "$selector" ]; then
            { printf "\\x$(printf %02x "$selector")"; cat "$file"; } >"$out"
        else
            cp "$file" "$out"
        fi
    done
}
seed generic_csv 0 "$fixtures"/bad-rows/people.csv
seed generic_csv 1 "$fixtures"/bad-rows/interactions.csv
seed generic_csv 2 "$fixtures"/bad-rows/relationships.csv "$fixtures"/stray-quote/relationships.csv
seed generic_csv 3 "$fixtures"/identity-merge-reasons/identities.csv
seed contacts_csv '' "$fixtures"/contacts-*/*.csv "$fixtures"/stray-quote-contacts/*.csv
i=0
for name in Connections messages Invitations Endorsement_Received_Info Endorsement_Given_Info \
    Recommendations_Received Recommendations_Given Positions Profile; do
    seed linkedin_table "$i" "$fixtures/linkedin-export/$name.csv"
    i=$((i + 1))
done
mkdir -p corpus/linkedin_zip
(cd "$fixtures/linkedin-export" && zip -q -r - .) >corpus/linkedin_zip/export.zip
seed icalendar '' "$fixtures"/calendar*/*.ics
seed mbox '' "$fixtures"/mbox*/*.mbox "$fixtures"/mbox*/*.mbox/mbox
seed vcard '' "$fixtures"/contacts-vcard*/*.vcf "$fixtures"/contacts-broken/*.vcf
seed research_data 0 "$fixtures"/collegemsg-sample/CollegeMsg.txt
seed research_data 1 "$fixtures"/sociopatterns-sample/tij_sample.dat
seed research_data 2 "$fixtures"/sociopatterns-sample/metadata_sample.txt
seed research_data 3 "$fixtures"/copenhagen-missed-calls/calls.csv
seed research_data 4 "$fixtures"/email-log-groups/communication.csv
seed research_data 5 "$fixtures"/household-contacts/scc2034_kilifi_all_contacts_within_households.csv
seed manifest '' "$fixtures"/*/warmpath.toml
seed truth '' "$fixtures"/truth-metrics/truth.csv "$fixtures"/truth-metrics/groups.csv
mkdir -p corpus/model
printf 'half_life_days = 30.0\n[component_weights]\n' >corpus/model/model.toml
