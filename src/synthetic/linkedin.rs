//! Writes a [`SyntheticNetwork`] as `LinkedIn` "Get a copy of your data"
//! archives, one zip per owner, in the 2025/26 layout the real parser reads
//! (every quirk of `formats/linkedin-export/README.md` that an untouched
//! export has: the `Connections.csv` preamble and missing final newline,
//! newest-first rows, each file's own date format, scheme-less endorsement
//! URLs, `Yes`/`No` drafts), plus a team manifest pooling them. It reuses the
//! generic writer's per-tie histories, so both formats describe the same
//! network; it never reads the pipeline's records.
//!
//! What an owner's export holds: every tie of theirs as a connection (since
//! the tie began); the tie's `message` events as a conversation (a Team tie's
//! conversation is sometimes a group chat with a few more colleagues, so the
//! pooled exports have paths through introducers); its `invitation`,
//! `endorsement` and `recommendation` events in their own files. Emails,
//! meetings and calls are not `LinkedIn` evidence and are left out.
//!
//! Owners: owner 0 is person 0 (the generic dataset's owner); owner `k` is
//! the first person from `k × people / K` on (wrapping) who is tied to no
//! earlier owner, so owners are spread over companies and no row is in two
//! exports (a shared row would be set aside as a duplicate when pooled).

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use super::generic::{
    TieEvent, company_name, create_folder, email, far_target, name_parts, profile_slug,
    tie_history, title, write_file,
};
use super::rng::Rng;
use super::{SYNTHETIC_AS_OF, SyntheticNetwork, SyntheticTie, TieKind};
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::time::{SECONDS_PER_DAY, civil_from_days, civil_time};

/// The `Notes:` preamble of `Connections.csv`, byte for byte (quirk C1).
const CONNECTIONS_PREAMBLE: &str = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261\"\n\n";

const PROFILE_HEADER: &str = "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n";
const CONNECTIONS_HEADER: &str =
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
const MESSAGES_HEADER: &str = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT\n";
const INVITATIONS_HEADER: &str =
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n";
const RECOMMENDATIONS_HEADER: &str =
    "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n";

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const LINES: [&str; 12] = [
    "Good to hear from you! Are you around next week?",
    "Thanks for the update, that helps a lot.",
    "Sharing the notes from our chat, let me know what you think.",
    "Happy to help. Send me the draft when it's ready.",
    "Congrats on the new role!",
    "Could we move our call to Thursday?",
    "I saw the launch announcement, great work.",
    "Quick question about the roadmap, do you have five minutes?",
    "Sounds good, talk soon.",
    "Following up on the intro, thanks again.",
    "Are you going to the meetup this month?",
    "Here is the deck I mentioned.",
];
const SKILLS: [&str; 10] = [
    "Product Management",
    "Python",
    "Team Leadership",
    "Data Analysis",
    "System Design",
    "Negotiation",
    "User Research",
    "Public Speaking",
    "Cloud Computing",
    "Recruiting",
];
const RECOMMENDATIONS: [&str; 4] = [
    "worked with me for years, and is the colleague I call first for a hard problem: calm, clear, and generous with credit.",
    "joined our team when things were messy, listened first, and left us with a process that still works.",
    "is thoughtful, direct and kind, and ships what they promise, on time.",
    "made every project we shared better, from the first sketch to the launch.",
];

/// Writes one `LinkedIn` export per owner into `folder`
/// (`<owner-slug>.zip`), `team.toml` pooling them (as of
/// [`SYNTHETIC_AS_OF`]) and `synthetic.json` (the first owner and a target
/// an introducer can reach). See the module documentation for what each
/// export holds and how owners are chosen.
///
/// Complexity: O(K × T) for K owners and T ties (each owner's ties are found
/// by a scan); memory is one owner's history at a time.
///
/// # Errors
///
/// [`Error::Usage`] when `owners` is 0 or more than the people; a write
/// error with the file's path otherwise.
pub fn write_linkedin_exports(
    network: &SyntheticNetwork,
    folder: &Path,
    owners: u32,
    progress: &dyn Progress,
) -> Result<()> {
    let people = network.people();
    if owners == 0 || owners > people {
        return Err(Error::Usage(format!(
            "--owners must be between 1 and the number of people ({people}), not {owners}"
        )));
    }
    create_folder(folder)?;
    let owners = choose_owners(network, owners);
    let seed = network.config.seed;
    progress.stage("writing LinkedIn exports", Some(owners.len() as u64));
    let mut manifest = format!(
        "# Generated by `warmpath generate --format linkedin --people {people} --seed {seed} --owners {}`.\n\
         # Try: warmpath intro <target in synthetic.json> --data team.toml --from team\n\
         as_of = {SYNTHETIC_AS_OF}\n",
        owners.len()
    );
    // The target: someone in a group chat of an owner's export (the first
    // owner's first) whom no owner knows directly, so the team
    // reaches them only through an introducer.
    let mut candidates = Vec::new();
    let mut direct = HashSet::new();
    for &owner in &owners {
        let export = Export::of(network, owner, &owners);
        export.reach(owner, &mut candidates, &mut direct);
        let slug = profile_slug(seed, owner);
        let file = format!("{slug}.zip");
        write_zip(&folder.join(&file), &export.files(network, owner))?;
        let (first, last) = name_parts(seed, owner);
        let _ = write!(
            manifest,
            "\n[[member]]\nid = \"p{owner}\"\nname = {}\nlinkedin = {}\nsources = [{}]\n",
            toml_string(&format!("{first} {last}")),
            toml_string(&url(seed, owner)),
            toml_string(&file)
        );
        progress.advance(1);
    }
    progress.finish_stage();
    write_file(&folder.join("team.toml"), manifest.as_bytes())?;
    let target = candidates
        .iter()
        .find(|person| !direct.contains(person))
        .or(candidates.first())
        .copied()
        .unwrap_or_else(|| far_target(network));
    let (first, last) = name_parts(seed, target);
    let json = serde_json::json!({
        "people": people,
        "ties": network.ties.len(),
        "seed": seed,
        "owner": url(seed, owners[0]),
        "owners": owners.iter().map(|&owner| url(seed, owner)).collect::<Vec<_>>(),
        "target": url(seed, target),
        "target_name": format!("{first} {last}"),
        "as_of": SYNTHETIC_AS_OF,
    });
    write_file(
        &folder.join("synthetic.json"),
        format!("{json:#}\n").as_bytes(),
    )
}

/// Owner 0 is person 0; owner `k` the first person from `k × people / K` on
/// who is not an owner and, when possible, tied to no earlier owner.
fn choose_owners(network: &SyntheticNetwork, count: u32) -> Vec<u32> {
    let people = network.people();
    let tied = |x: u32, y: u32| {
        network
            .ties
            .binary_search_by_key(&(x.min(y), x.max(y)), |tie| (tie.a, tie.b))
            .is_ok()
    };
    let mut owners = vec![0];
    for k in 1..count {
        let base = (u64::from(k) * u64::from(people) / u64::from(count)) as u32;
        let candidates = (0..people).map(|step| (base + step) % people);
        let apart = candidates
            .clone()
            .find(|&c| !owners.contains(&c) && owners.iter().all(|&o| !tied(c, o)));
        let chosen = apart.or_else(|| candidates.clone().find(|c| !owners.contains(c)));
        if let Some(chosen) = chosen {
            owners.push(chosen);
        }
    }
    owners
}

/// One message of a conversation.
struct Message {
    at: i64,
    from: u32,
}

/// One conversation: a tie's messages, with the people in it.
struct Conversation {
    id: String,
    participants: Vec<u32>,
    /// Newest first.
    messages: Vec<Message>,
}

/// The evidence of one owner's export, gathered from their ties' histories.
#[derive(Default)]
struct Export {
    /// `(connected on, person)`.
    connections: Vec<(i64, u32)>,
    conversations: Vec<Conversation>,
    /// `(at, from, to)` for invitations, endorsements and recommendations.
    invitations: Vec<(i64, u32, u32)>,
    endorsements: Vec<(i64, u32, u32)>,
    recommendations: Vec<(i64, u32, u32)>,
}

impl Export {
    fn of(network: &SyntheticNetwork, owner: u32, owners: &[u32]) -> Self {
        let mut export = Self::default();
        let ties = network
            .ties
            .iter()
            .filter(|tie| tie.a == owner || tie.b == owner);
        for tie in ties {
            let other = if tie.a == owner { tie.b } else { tie.a };
            let mut messages = Vec::new();
            let outline = tie_history(network, tie, |event: &TieEvent| {
                let row = (event.at, event.from, event.to);
                match event.channel {
                    "message" => messages.push(Message {
                        at: event.at,
                        from: event.from,
                    }),
                    "invitation" => export.invitations.push(row),
                    "endorsement" => export.endorsements.push(row),
                    "recommendation" => export.recommendations.push(row),
                    _ => {}
                }
            });
            export.connections.push((outline.start, other));
            if !messages.is_empty() {
                messages.sort_by_key(|message| std::cmp::Reverse((message.at, message.from)));
                let mut participants = vec![tie.a, tie.b];
                participants.extend(group_extras(network, tie, owners));
                export.conversations.push(Conversation {
                    id: conversation_id(network.config.seed, tie),
                    participants,
                    messages,
                });
            }
        }
        export
            .connections
            .sort_by_key(|&(at, person)| (std::cmp::Reverse(at), person));
        export.conversations.sort_by_key(|conversation| {
            (
                std::cmp::Reverse(conversation.messages[0].at),
                conversation.id.clone(),
            )
        });
        for rows in [&mut export.endorsements, &mut export.recommendations] {
            rows.sort_by_key(|&(at, from, to)| (std::cmp::Reverse(at), from, to));
        }
        // Outgoing first, then incoming, each newest first (quirk I2).
        export
            .invitations
            .sort_by_key(|&(at, from, to)| (from != owner, std::cmp::Reverse(at), from, to));
        export
    }

    /// Adds the group-chat participants of this export to `candidates` and everyone the owner knows directly (their
    /// connections, the recipients of their messages, themselves) to `direct`.
    fn reach(&self, owner: u32, candidates: &mut Vec<u32>, direct: &mut HashSet<u32>) {
        direct.insert(owner);
        direct.extend(self.connections.iter().map(|&(_, person)| person));
        let mut found = Vec::new();
        for conversation in &self.conversations {
            found.extend(conversation.participants.iter().skip(2).copied());
            if conversation
                .messages
                .iter()
                .any(|message| message.from == owner)
            {
                direct.extend(conversation.participants.iter().copied());
            }
        }
        found.sort_unstable();
        candidates.extend(found);
    }

    /// The archive's members, sorted by name, as `(name, bytes)`.
    fn files(&self, network: &SyntheticNetwork, owner: u32) -> Vec<(&'static str, String)> {
        let seed = network.config.seed;
        let mut files = vec![
            ("Connections.csv", self.connections_csv(network)),
            ("Invitations.csv", self.invitations_csv(seed, owner)),
            ("Profile.csv", profile_csv(network, owner)),
            ("messages.csv", self.messages_csv(seed)),
        ];
        if self.endorsements.iter().any(|&(_, _, to)| to == owner) {
            files.push((
                "Endorsement_Received_Info.csv",
                self.endorsements_csv(seed, owner, true),
            ));
        }
        if self.endorsements.iter().any(|&(_, from, _)| from == owner) {
            files.push((
                "Endorsement_Given_Info.csv",
                self.endorsements_csv(seed, owner, false),
            ));
        }
        if self.recommendations.iter().any(|&(_, _, to)| to == owner) {
            files.push((
                "Recommendations_Received.csv",
                self.recommendations_csv(network, owner, true),
            ));
        }
        if self
            .recommendations
            .iter()
            .any(|&(_, from, _)| from == owner)
        {
            files.push((
                "Recommendations_Given.csv",
                self.recommendations_csv(network, owner, false),
            ));
        }
        files.sort_by(|x, y| x.0.cmp(y.0));
        files
    }

    fn connections_csv(&self, network: &SyntheticNetwork) -> String {
        let seed = network.config.seed;
        let mut text = String::from(CONNECTIONS_PREAMBLE);
        text.push_str(CONNECTIONS_HEADER);
        for (index, &(since, person)) in self.connections.iter().enumerate() {
            if index > 0 {
                text.push('\n');
            }
            let (first, last) = name_parts(seed, person);
            let company = company_name(network.company_of(person));
            // Few connections let their address be downloaded (quirk C5).
            let address = if Rng::new(seed, u64::from(person), 8).chance(0.04) {
                email(seed, person, &company)
            } else {
                String::new()
            };
            push_fields(
                &mut text,
                &[
                    first,
                    last,
                    &url(seed, person),
                    &address,
                    &company,
                    title(seed, person),
                ],
            );
            text.push(',');
            let (year, month, day) = civil_from_days(since.div_euclid(SECONDS_PER_DAY));
            let _ = write!(text, "{day:02} {} {year}", MONTHS[month as usize - 1]);
        }
        // No newline after the last row (quirk C10).
        text
    }

    fn messages_csv(&self, seed: u64) -> String {
        let mut text = String::from(MESSAGES_HEADER);
        for conversation in &self.conversations {
            for message in &conversation.messages {
                let recipients: Vec<u32> = conversation
                    .participants
                    .iter()
                    .copied()
                    .filter(|&person| person != message.from)
                    .collect();
                let names: Vec<String> = recipients.iter().map(|&p| full_name(seed, p)).collect();
                let urls: Vec<String> = recipients.iter().map(|&p| url(seed, p)).collect();
                let line = LINES[(Rng::new(seed, message.at.cast_unsigned(), 10)
                    .below(LINES.len() as u64)) as usize];
                push_fields(
                    &mut text,
                    &[
                        &conversation.id,
                        "",
                        &full_name(seed, message.from),
                        &url(seed, message.from),
                        &names.join(","),
                        &urls.join(","),
                        &message_date(message.at),
                        "",
                        line,
                        "INBOX",
                        "",
                        "No",
                    ],
                );
                text.push('\n');
            }
        }
        text
    }

    fn invitations_csv(&self, seed: u64, owner: u32) -> String {
        let mut text = String::from(INVITATIONS_HEADER);
        for &(at, from, to) in &self.invitations {
            let direction = if from == owner {
                "OUTGOING"
            } else {
                "INCOMING"
            };
            push_fields(
                &mut text,
                &[
                    &full_name(seed, from),
                    &full_name(seed, to),
                    &us_date(at, false),
                    "",
                    direction,
                    &url(seed, from),
                    &url(seed, to),
                ],
            );
            text.push('\n');
        }
        text
    }

    fn endorsements_csv(&self, seed: u64, owner: u32, received: bool) -> String {
        let role = if received { "Endorser" } else { "Endorsee" };
        let mut text = format!(
            "Endorsement Date,Skill Name,{role} First Name,{role} Last Name,{role} Public Url,Endorsement Status\n"
        );
        for &(at, from, to) in &self.endorsements {
            if (to == owner) != received {
                continue;
            }
            let other = if received { from } else { to };
            let (first, last) = name_parts(seed, other);
            let skill = SKILLS
                [(Rng::new(seed, at.cast_unsigned(), 11).below(SKILLS.len() as u64)) as usize];
            let (year, month, day, hour, minute, second) = civil_time(at);
            let _ = write!(
                text,
                "{year:04}/{month:02}/{day:02} {hour:02}:{minute:02}:{second:02} UTC,"
            );
            push_fields(
                &mut text,
                &[
                    skill,
                    first,
                    last,
                    &format!("www.linkedin.com/in/{}", profile_slug(seed, other)),
                    "ACCEPTED",
                ],
            );
            text.push('\n');
        }
        text
    }

    fn recommendations_csv(
        &self,
        network: &SyntheticNetwork,
        owner: u32,
        received: bool,
    ) -> String {
        let seed = network.config.seed;
        let mut text = String::from(RECOMMENDATIONS_HEADER);
        for &(at, from, to) in &self.recommendations {
            if (to == owner) != received {
                continue;
            }
            let other = if received { from } else { to };
            let (first, last) = name_parts(seed, other);
            let about = name_parts(seed, to).0;
            let words = RECOMMENDATIONS[(Rng::new(seed, at.cast_unsigned(), 12)
                .below(RECOMMENDATIONS.len() as u64))
                as usize];
            push_fields(
                &mut text,
                &[
                    first,
                    last,
                    &company_name(network.company_of(other)),
                    title(seed, other),
                    &format!("{about} {words}"),
                    &us_date(at, true),
                    if received { "VISIBLE" } else { "" },
                ],
            );
            text.push('\n');
        }
        text
    }
}

/// `Profile.csv`: the owner's name and headline (no URL, quirk G4).
fn profile_csv(network: &SyntheticNetwork, owner: u32) -> String {
    let seed = network.config.seed;
    let (first, last) = name_parts(seed, owner);
    let company = company_name(network.company_of(owner));
    let mut text = String::from(PROFILE_HEADER);
    push_fields(
        &mut text,
        &[
            first,
            last,
            "",
            "",
            "",
            &format!("{} at {company}", title(seed, owner)),
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    );
    text.push('\n');
    text
}

/// A Team or Company tie's conversation is, two times in five, a group chat
/// with one to three more colleagues (teammates for a Team tie), never an
/// owner, whose own export would then need it.
fn group_extras(network: &SyntheticNetwork, tie: &SyntheticTie, owners: &[u32]) -> Vec<u32> {
    let (start, end) = match tie.kind {
        TieKind::Team => network.team_of(tie.a),
        TieKind::Company => network.company_range(tie.a),
        TieKind::Acquaintance | TieKind::Broadcast => return Vec::new(),
    };
    let mut rng = Rng::new(
        network.config.seed,
        (u64::from(tie.a) << 32) | u64::from(tie.b),
        9,
    );
    if !rng.chance(0.4) {
        return Vec::new();
    }
    let mut extras = Vec::new();
    for _ in 0..=rng.below(3) {
        let other = start + rng.below(u64::from(end - start)) as u32;
        if other != tie.a && other != tie.b && !owners.contains(&other) && !extras.contains(&other)
        {
            extras.push(other);
        }
    }
    extras
}

/// `2-<base64 of 40 bytes>`, 58 characters like `LinkedIn`'s (quirk M3),
/// the same in both participants' exports.
fn conversation_id(seed: u64, tie: &SyntheticTie) -> String {
    let raw = format!("{seed:016x}{:012}{:012}", tie.a, tie.b);
    format!("2-{}", base64(raw.as_bytes()))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (index, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if index <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn full_name(seed: u64, person: u32) -> String {
    let (first, last) = name_parts(seed, person);
    format!("{first} {last}")
}

fn url(seed: u64, person: u32) -> String {
    format!("https://www.linkedin.com/in/{}", profile_slug(seed, person))
}

/// `YYYY-MM-DD HH:MM:SS UTC` (quirk M1).
fn message_date(at: i64) -> String {
    let (year, month, day, hour, minute, second) = civil_time(at);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02} UTC")
}

/// `M/D/YY, h:mm AM` (invitations, quirk I1) or zero-padded `MM/DD/YY, hh:mm
/// AM` (recommendations, quirk R2).
fn us_date(at: i64, padded: bool) -> String {
    let (year, month, day, hour, minute, _) = civil_time(at);
    let half = if hour < 12 { "AM" } else { "PM" };
    let hour12 = match hour % 12 {
        0 => 12,
        other => other,
    };
    let year = year.rem_euclid(100);
    if padded {
        format!("{month:02}/{day:02}/{year:02}, {hour12:02}:{minute:02} {half}")
    } else {
        format!("{month}/{day}/{year:02}, {hour12}:{minute:02} {half}")
    }
}

/// Appends comma-separated fields, quoting only those that need it (quirk G2).
fn push_fields(text: &mut String, fields: &[&str]) {
    for (index, field) in fields.iter().enumerate() {
        if index > 0 {
            text.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            text.push('"');
            text.push_str(&field.replace('"', "\"\""));
            text.push('"');
        } else {
            text.push_str(field);
        }
    }
}

/// `text` as a TOML string, quoted and escaped by the toml crate.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// Writes a deflated zip whose members carry a fixed timestamp, so the same
/// seed gives the same bytes.
fn write_zip(path: &Path, files: &[(&str, String)]) -> Result<()> {
    let archive_error = |message: String| Error::Archive {
        path: path.to_path_buf(),
        message,
    };
    let file = std::fs::File::create(path).map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })?;
    let stamp = zip::DateTime::from_date_and_time(2026, 11, 20, 0, 0, 0)
        .map_err(|error| archive_error(error.to_string()))?;
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(stamp)
        .unix_permissions(0o644);
    let mut writer = zip::ZipWriter::new(std::io::BufWriter::new(file));
    for (name, text) in files {
        writer
            .start_file(*name, options)
            .map_err(|error| archive_error(error.to_string()))?;
        writer
            .write_all(text.as_bytes())
            .map_err(|source| Error::Write {
                path: path.join(name),
                source,
            })?;
    }
    let mut inner = writer
        .finish()
        .map_err(|error| archive_error(error.to_string()))?;
    inner.flush().map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::NoProgress;

    #[test]
    fn owners_start_at_person_0_and_are_spread_and_never_tied_to_each_other() {
        let network =
            SyntheticNetwork::generate(&super::super::SyntheticConfig::new(2_000, 3), &NoProgress);
        let owners = choose_owners(&network, 4);
        assert_eq!(owners[0], 0);
        assert_eq!(owners.len(), 4);
        for (k, &owner) in owners.iter().enumerate().skip(1) {
            assert!(owner >= k as u32 * 500, "owner {k} is {owner}");
        }
        for tie in &network.ties {
            assert!(!(owners.contains(&tie.a) && owners.contains(&tie.b)));
        }
    }

    #[test]
    fn conversation_ids_look_like_linkedins() {
        let tie = SyntheticTie {
            a: 3,
            b: 70,
            kind: TieKind::Team,
            strength: 0.5,
        };
        let id = conversation_id(1, &tie);
        assert_eq!(id.len(), 58);
        assert!(id.starts_with("2-") && id.ends_with("=="));
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
    }

    #[test]
    fn writes_each_file_in_its_own_date_format() {
        let at = 1_795_132_800 + 13 * 3600 + 5 * 60 + 9; // 2026-11-20 13:05:09
        assert_eq!(message_date(at), "2026-11-20 13:05:09 UTC");
        assert_eq!(us_date(at, false), "11/20/26, 1:05 PM");
        assert_eq!(us_date(at - 13 * 3600, true), "11/20/26, 12:05 AM");
    }
}
