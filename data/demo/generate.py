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
