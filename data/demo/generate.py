#!/usr/bin/env python3
"""Writes the fictional demo dataset of warmpath (data/demo/*.csv).

Every person, address and event here is invented. The story, for a small
investment team (owner Maya Okafor, with Sam Patel and Lena Fischer):

* Dana Whitfield, CFO of Northwind Traders, is the target. Maya met her once
  at a conference: a weak direct acquaintance.
* Priya Raman works with Maya every week and reported to Dana for years:
  the strong two-hop path that should win.
* Rex Tanaka is a super-connector: thousands of weak ties, a couple of
  conference chats with Maya, a few emails with Dana. He ranks below Priya.
* Chris Novak, a recruiter, writes to Maya often and is never answered; he
  knows Dana well, but one-way contact is gated, so his path is tenuous.
* Tom Berg worked closely with Maya until 2023: a dormant tie.

Run it from the repository root: python3 data/demo/generate.py
Output is deterministic (seeded).
"""
import csv
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

OUT = Path(__file__).resolve().parent
rng = random.Random(7)
AS_OF = datetime(2026, 11, 20, tzinfo=timezone.utc)
START = AS_OF - timedelta(days=365)

people = []  # id, name, email, linkedin_url, company, title
interactions = []  # timestamp, from, to, channel, duration
relationships = []  # a, b, strength, since, source


def person(pid, name, company, title, email=True, url=True):
    slug = name.lower().replace(" ", "-")
    people.append([
        pid,
        name,
        f"{slug.replace('-', '.')}@{company.lower().replace(' ', '')}.example.com" if email else "",
        f"https://www.linkedin.com/in/{slug}-{rng.randrange(16**6):06x}" if url else "",
        company,
        title,
    ])
    return pid


def at(day, hour=10):
    moment = START + timedelta(days=day, hours=hour, minutes=rng.randrange(60))
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def log(day, src, dst, channel, minutes=None, hour=10):
    to = dst if isinstance(dst, str) else ";".join(dst)
    interactions.append([at(day, hour), src, to, channel, "" if minutes is None else str(minutes * 60)])


# The team and the cast.
maya = person("maya", "Maya Okafor", "Harbor Lane Ventures", "Partner")
sam = person("sam", "Sam Patel", "Harbor Lane Ventures", "Principal")
lena = person("lena", "Lena Fischer", "Harbor Lane Ventures", "Associate")
dana = person("dana", "Dana Whitfield", "Northwind Traders", "Chief Financial Officer")
priya = person("priya", "Priya Raman", "Harbor Lane Ventures", "Executive Assistant")
rex = person("rex", "Rex Tanaka", "Tanaka Events", "Founder & Community Host")
chris = person("chris", "Chris Novak", "TalentBridge", "Senior Recruiter")
tom = person("tom", "Tom Berg", "Contoso", "VP Operations")
gus = person("gus", "Gus Lima", "Northwind Traders", "Engineering Manager")
hana = person("hana", "Hana Sato", "Northwind Traders", "Procurement Lead")
olu = person("olu", "Olu Adeyemi", "Fabrikam", "CEO")
ines = person("ines", "Inès Moreau", "Fabrikam", "Head of Finance")
jose = person("jose", "José Núñez", "Litware", "CTO")

FIRST = ["Amara", "Ben", "Carla", "Dev", "Elif", "Farid", "Grace", "Hugo", "Ivy", "Jon", "Kemal",
         "Lucia", "Marco", "Nadia", "Owen", "Pia", "Quinn", "Rosa", "Soren", "Tara", "Umar", "Vera",
         "Wes", "Xenia", "Yusuf", "Zoe"]
LAST = ["Abbott", "Bianchi", "Costa", "Dubois", "Eriksen", "Fujita", "Garcia", "Horvat", "Ito",
        "Jensen", "Kowalski", "Larsen", "Mendes", "Novak", "Oliveira", "Petrov", "Quist", "Rossi",
        "Silva", "Tran", "Ueda", "Varga", "Weber", "Yilmaz", "Zhou"]
COMPANIES = ["Fabrikam", "Litware", "Contoso", "Adventure Works", "Wide World Importers",
             "Tailspin Toys", "Proseware", "Northwind Traders"]
TITLES = ["Analyst", "Engineer", "Product Manager", "Founder", "Sales Director", "Designer", "Counsel"]

filler = []
used = set()
while len(filler) < 64:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    if name in used:
        continue
    used.add(name)
    pid = f"p{len(filler) + 1:02d}"
    filler.append(person(pid, name, rng.choice(COMPANIES), rng.choice(TITLES), email=rng.random() < 0.7))

team = [maya, sam, lena]

# Maya and Priya: weekly 1:1 all year, plus daily chat.
for week in range(52):
    log(week * 7 + 1, maya, priya, "meeting", 45)
    for _ in range(3):
        d = week * 7 + rng.randrange(7)
        src, dst = (maya, priya) if rng.random() < 0.5 else (priya, maya)
        log(d, src, dst, "message")
# Priya and Dana: Priya was Dana's assistant for years; monthly calls and lunches.
relationships.append([priya, dana, "", "2019-03-01", "linkedin"])
for month in range(12):
    log(month * 30 + 5, priya, dana, "call", 30)
    log(month * 30 + 18, dana, priya, "email")
    log(month * 30 + 19, priya, dana, "email")
    if month % 3 == 0:
        log(month * 30 + 22, dana, priya, "meeting", 60, hour=12)

# Maya met Dana once at a conference, ten months ago, and sent one note after.
log(60, maya, [dana, rex, "Dev Costa"], "meeting", 20)
log(62, maya, dana, "email")

# Rex the super-connector: 2,400 bare connections, mass mailings, big meetups.
for n in range(2400):
    relationships.append([rex, f"guest{n:04d}@meetups.example.org", "", "2024-01-15", "linkedin"])
for month in range(12):
    batch = [f"guest{rng.randrange(2400):04d}@meetups.example.org" for _ in range(40)]
    log(month * 30 + 2, rex, batch, "email")
    crowd = [f"guest{rng.randrange(2400):04d}@meetups.example.org" for _ in range(30)]
    log(month * 30 + 12, rex, crowd, "meeting", 120, hour=18)
log(60, rex, maya, "message")
log(61, maya, rex, "message")
log(200, rex, maya, "message")
log(200, maya, rex, "message")
log(140, rex, dana, "email")
log(141, dana, rex, "email")
log(300, rex, dana, "email")
log(302, dana, rex, "email")
relationships.append([maya, rex, "", "2026-01-20", "linkedin"])
relationships.append([rex, dana, "", "2025-06-02", "linkedin"])

# Chris the recruiter writes to Maya every few weeks; she never answers.
for n in range(18):
    log(n * 20 + 3, chris, maya, "message")
# Chris and Dana are genuinely close (he placed her team).
for month in range(12):
    log(month * 30 + 8, chris, dana, "call", 40)
    log(month * 30 + 9, dana, chris, "message")
relationships.append([maya, chris, "", "2025-09-01", "linkedin"])

# Tom Berg: Maya's close colleague from 2019 until early 2023, barely in touch
# since (a dormant tie). The CRM says Tom and Dana know each other well.
for week in range(4 * 52):
    log(week * 7 - 1000 - 208 * 7, maya, tom, "meeting", 60)
    log(week * 7 - 998 - 208 * 7, tom, maya, "email")
relationships.append([maya, tom, "", "2019-02-01", "linkedin"])
relationships.append([tom, dana, "0.6", "2020-01-01", "crm"])

# Sam knows Gus at Northwind well; Lena knows Hana a little.
for month in range(12):
    log(month * 30 + 10, sam, gus, "video", 45)
    log(month * 30 + 14, gus, sam, "message")
log(100, lena, hana, "email")
log(103, hana, lena, "email")
log(250, lena, hana, "meeting", 30)
for month in range(12):
    log(month * 30 + 15, gus, dana, "meeting", 30)
    log(month * 30 + 25, hana, dana, "email")
    log(month * 30 + 26, dana, hana, "email")

# The team works together; weekly partner meeting with all three.
for week in range(52):
    log(week * 7 + 2, maya, [sam, lena], "meeting", 60)
    log(week * 7 + 4, sam, lena, "message")
    log(week * 7 + 5, lena, sam, "message")

# Portfolio founders and a few others.
log(20, maya, olu, "meeting", 60)
for month in range(12):
    log(month * 30 + 6, olu, maya, "email")
    log(month * 30 + 7, maya, olu, "email")
for quarter in range(4):
    log(quarter * 90 + 40, olu, ines, "meeting", 60)
    log(quarter * 90 + 41, sam, ines, "video", 30)
log(90, lena, jose, "video", 30)
log(92, jose, lena, "email")

# Filler: everyday contact across the team and its network.
everyone = team + filler
for _ in range(700):
    a, b = rng.sample(everyone, 2)
    channel = rng.choices(["email", "message", "meeting", "call", "video"], [5, 5, 2, 1, 1])[0]
    minutes = rng.choice([15, 30, 45, 60]) if channel in ("meeting", "call", "video") else None
    log(rng.randrange(365), a, b, channel, minutes)
    if channel in ("email", "message") and rng.random() < 0.6:
        log(rng.randrange(365), b, a, channel)
for member in filler[:30]:
    relationships.append([rng.choice(team), member, "", "2022-06-01", "linkedin"])
for member in filler[30:]:
    other = rng.choice(filler)
    if other != member:
        relationships.append([member, other, "", "", "linkedin"])

interactions.sort(key=lambda row: row[0])


def write(name, header, rows):
    with open(OUT / name, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


write("people.csv", ["id", "name", "email", "linkedin_url", "company", "title"], people)
write("interactions.csv", ["timestamp", "from", "to", "channel", "duration"], interactions)
write("relationships.csv", ["a", "b", "strength", "since", "source"], relationships)
(OUT / "warmpath.toml").write_text(
    "# The demo team's data: whose it is and the date it describes.\n"
    'owner = "maya"\n'
    "as_of = 2026-11-20\n"
)
print(f"{len(people)} people, {len(interactions)} interactions, {len(relationships)} relationships")


# ---------------------------------------------------------------------------
# LinkedIn exports of the team, as downloaded ("Get a copy of your data"):
# data/demo/linkedin/maya.zip and sam.zip, and the team manifest team.toml
# pooling them with the CSV history above. Written after the CSV files with a
# separate generator, so the CSV story stays byte for byte the same. The zips
# follow the 2025/26 export shape (see tests/linkedin.rs and the formats
# README): Notes: preamble, 12-column messages.csv, M/D/YY invitation dates.
# They add LinkedIn evidence to the same story: Priya endorsed and recommended
# Maya; Maya invited Dana after the conference (still pending); Chris's
# LinkedIn messages go unanswered; Sam and Gus talk on LinkedIn; the partners'
# group chat is in both exports and counts once.
import base64
import io
import zipfile

li = random.Random(2026)
row_of = {row[0]: row for row in people}
NOTES = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their connections "
    "to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)


def name_of(pid):
    return row_of[pid][1]


def url_of(pid):
    return row_of[pid][3]


def csv_text(header, rows, final_newline=True):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    text = out.getvalue()
    return text if final_newline else text.rstrip("\n")


def day_at(day, hour, minute=0):
    return START + timedelta(days=day, hours=hour, minutes=minute)


def msg_date(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def us_date(moment, pad=False):
    hour = moment.hour % 12 or 12
    meridiem = "AM" if moment.hour < 12 else "PM"
    if pad:
        return f"{moment:%m/%d/%y}, {hour:02d}:{moment.minute:02d} {meridiem}"
    return f"{moment.month}/{moment.day}/{moment:%y}, {hour}:{moment.minute:02d} {meridiem}"


def conversation_id(owner, n):
    return "2-" + base64.b64encode(f"warmpath-demo-{owner}-{n:04d}".ljust(40, "0").encode() + b"=").decode()


MESSAGE_HEADER = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                  "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS",
                  "IS MESSAGE DRAFT"]


def message(conv, title, sender, recipients, moment, content, folder="INBOX"):
    return [conv, title, name_of(sender), url_of(sender), ",".join(name_of(r) for r in recipients),
            ",".join(url_of(r) for r in recipients), msg_date(moment), "", content, folder, "", "No"]


def connection(pid, connected):
    first, _, last = name_of(pid).partition(" ")
    email = row_of[pid][2] if li.random() < 0.15 else ""
    return [first, last, url_of(pid), email, row_of[pid][4], row_of[pid][5], connected.strftime("%d %b %Y")]


team_chat = conversation_id("team", 1)
team_messages = [
    message(team_chat, "Harbor Lane partners", sam, [maya, lena], day_at(350, 9, 12), "Deck for Monday is in the shared folder."),
    message(team_chat, "Harbor Lane partners", maya, [sam, lena], day_at(349, 17, 40), "Can we review the Northwind memo before Monday?"),
    message(team_chat, "Harbor Lane partners", lena, [maya, sam], day_at(349, 16, 5), "Diligence notes, second draft:\nmarket sizing done, churn analysis pending."),
]
endorse_sam = (day_at(330, 8, 30), "Financial Modeling")
PROFILE_HEADER = ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary",
                  "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites", "Instant Messengers"]
ENDORSE_RECEIVED = ["Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name",
                    "Endorser Public Url", "Endorsement Status"]
ENDORSE_GIVEN = ["Endorsement Date", "Skill Name", "Endorsee First Name", "Endorsee Last Name",
                 "Endorsee Public Url", "Endorsement Status"]
RECOMMENDATION = ["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"]
INVITATION = ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]


def endorsement(moment, skill, pid):
    first, _, last = name_of(pid).partition(" ")
    return [moment.strftime("%Y/%m/%d %H:%M:%S UTC"), skill, first, last,
            url_of(pid).removeprefix("https://"), "ACCEPTED"]


def write_zip(path, files):
    path.parent.mkdir(exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files:
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 20, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


# Maya's export.
maya_connections = [
    connection(rex, datetime(2026, 1, 20)),
    connection(chris, datetime(2025, 9, 1)),
    connection(olu, datetime(2024, 3, 15)),
    ["", "", "", "", "", "", "14 Jul 2023"],
    connection(lena, datetime(2023, 5, 2)),
    connection(sam, datetime(2022, 1, 10)),
    connection(priya, datetime(2021, 6, 14)),
    connection(tom, datetime(2019, 2, 1)),
]
for pid in filler[:12]:
    maya_connections.append(connection(pid, datetime(2020, 1, 1) + timedelta(days=li.randrange(1800))))
maya_connections[8:] = sorted(maya_connections[8:], key=lambda row: datetime.strptime(row[6], "%d %b %Y"), reverse=True)
conv_priya, conv_chris, conv_rex = (conversation_id("maya", n) for n in (2, 3, 4))
maya_messages = list(team_messages)
for n in range(10):
    moment = day_at(330 - n * 33, 8 + n % 9, li.randrange(60))
    sender, recipient = (priya, maya) if n % 2 == 0 else (maya, priya)
    text = ["Board pack is ready for your review.", "Thanks Priya, reading it tonight.",
            "Dana's office confirmed the Q3 numbers.", "Great, let's add them to the memo.",
            "Travel to Lisbon is booked."][n % 5]
    maya_messages.append(message(conv_priya, "", sender, [recipient], moment, text))
for n in range(4):
    maya_messages.append(message(conv_chris, "", chris, [maya], day_at(320 - n * 60, 11), "Hi Maya, I have a great CFO candidate for your portfolio. Open to a quick call?"))
maya_messages.append(message(conv_rex, "", maya, [rex], day_at(201, 9, 30), "Thanks for the invite, see you at the meetup."))
maya_messages.append(message(conv_rex, "", rex, [maya], day_at(200, 18, 2), "Maya! Our winter founders meetup is on the 12th, come along?"))
maya_messages.append([conversation_id("maya", 5), "Exclusive: Venture Leaders Forum 2027", "Jordan Blake", "", name_of(maya), url_of(maya),
                      msg_date(day_at(310, 14)), "", '<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%, join 200 investors in Lisbon &amp; online.</p>', "ARCHIVE", "", "No"])
maya_messages.sort(key=lambda row: row[6], reverse=True)
maya_files = [
    ("Connections.csv", NOTES + csv_text(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"], maya_connections, final_newline=False)),
    ("messages.csv", csv_text(MESSAGE_HEADER, maya_messages)),
    ("Invitations.csv", csv_text(INVITATION, [
        [name_of(maya), name_of(dana), us_date(day_at(62, 18, 5)), "Lovely to meet you at the Northwind summit, Dana. Let's stay in touch.", "OUTGOING", url_of(maya), url_of(dana)],
        [name_of(filler[20]), name_of(maya), us_date(day_at(240, 7, 41)), "", "INCOMING", url_of(filler[20]), url_of(maya)],
    ])),
    ("Endorsement_Received_Info.csv", csv_text(ENDORSE_RECEIVED, [
        endorsement(day_at(300, 10, 15), "Due Diligence", priya),
        endorsement(day_at(300, 10, 15), "Board Governance", priya),
        endorsement(day_at(120, 16, 0), "Venture Capital", olu),
    ])),
    ("Endorsement_Given_Info.csv", csv_text(ENDORSE_GIVEN, [
        endorsement(endorse_sam[0], endorse_sam[1], sam),
        endorsement(day_at(301, 9, 0), "Operations", priya),
    ])),
    ("Recommendations_Received.csv", csv_text(RECOMMENDATION, [
        ["Priya", "Raman", "Harbor Lane Ventures", "Executive Assistant",
         "Maya is the partner founders call first: prepared, candid, and generous with her network. I have worked with her every week for five years.",
         us_date(day_at(280, 9, 30), pad=True), "VISIBLE"],
    ])),
    ("Recommendations_Given.csv", csv_text(RECOMMENDATION, [])),
    ("Profile.csv", csv_text(PROFILE_HEADER, [["Maya", "Okafor", "", "", "", "Partner at Harbor Lane Ventures", "", "Venture Capital and Private Equity", "", "London, England, United Kingdom", "", "", ""]])),
    ("Positions.csv", csv_text(["Company Name", "Title", "Description", "Location", "Started On", "Finished On"], [
        ["Harbor Lane Ventures", "Partner", "", "London, England, United Kingdom", "Jan 2018", ""],
        ["Contoso", "Principal", "", "London, England, United Kingdom", "2014", "Dec 2017"],
    ])),
    ("Company Follows.csv", csv_text(["Organization", "Followed On"], [["Northwind Traders", "Thu Oct 01 09:15:27 UTC 2026"]])),
    ("guide_messages.csv", csv_text(MESSAGE_HEADER[:10], [])),
]
write_zip(OUT / "linkedin" / "maya.zip", maya_files)

# Sam's export.
sam_connections = [
    connection(ines, datetime(2024, 8, 7)),
    connection(lena, datetime(2023, 5, 3)),
    connection(gus, datetime(2023, 2, 18)),
    connection(maya, datetime(2022, 1, 10)),
]
for pid in filler[12:20]:
    sam_connections.append(connection(pid, datetime(2020, 1, 1) + timedelta(days=li.randrange(1800))))
conv_gus = conversation_id("sam", 2)
sam_messages = list(team_messages)
for n in range(6):
    sender, recipient = (gus, sam) if n % 2 == 0 else (sam, gus)
    sam_messages.append(message(conv_gus, "", sender, [recipient], day_at(340 - n * 50, 15, n * 7),
                                ["Shipping the procurement pilot next week.", "Nice, send me the metrics when you have them."][n % 2]))
sam_messages.sort(key=lambda row: row[6], reverse=True)
sam_files = [
    ("Connections.csv", NOTES + csv_text(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"], sam_connections, final_newline=False)),
    ("messages.csv", csv_text(MESSAGE_HEADER, sam_messages)),
    ("Invitations.csv", csv_text(INVITATION, [
        [name_of(sam), name_of(jose), us_date(day_at(95, 12, 47)), "", "OUTGOING", url_of(sam), url_of(jose)],
    ])),
    ("Endorsement_Received_Info.csv", csv_text(ENDORSE_RECEIVED, [endorsement(endorse_sam[0], endorse_sam[1], maya)])),
    ("Endorsement_Given_Info.csv", csv_text(ENDORSE_GIVEN, [endorsement(day_at(200, 11, 11), "Supply Chain Analytics", gus)])),
    ("Profile.csv", csv_text(PROFILE_HEADER, [["Sam", "Patel", "", "", "", "Principal at Harbor Lane Ventures", "", "Venture Capital and Private Equity", "", "", "", "", ""]])),
    ("Positions.csv", csv_text(["Company Name", "Title", "Description", "Location", "Started On", "Finished On"], [
        ["Harbor Lane Ventures", "Principal", "", "", "Mar 2021", ""],
    ])),
    ("LearningCoachMessages.csv", "No conversations found\n"),
]
write_zip(OUT / "linkedin" / "sam.zip", sam_files)

(OUT / "team.toml").write_text(
    "# The demo team pooled: each member's LinkedIn export as downloaded, and the\n"
    "# team's CSV history (people.csv, interactions.csv, relationships.csv) under Maya.\n"
    "# Try: warmpath intro \"Dana Whitfield\" --data data/demo/team.toml --from team\n"
    "as_of = 2026-11-20\n"
    "\n"
    "[[member]]\n"
    'id = "maya"\n'
    'name = "Maya Okafor"\n'
    'sources = ["linkedin/maya.zip", "."]\n'
    "\n"
    "[[member]]\n"
    'id = "sam"\n'
    'name = "Sam Patel"\n'
    'sources = ["linkedin/sam.zip"]\n'
)
print("LinkedIn exports: linkedin/maya.zip, linkedin/sam.zip; team manifest: team.toml")
