#!/usr/bin/env python3
"""Fills a seeded Khetane SQLite database with --filings information requests, proposals and signals to the
institutions of every municipality (each with zero to three recorded steps, dated over the past year), and
--meetings meetings of one council for cooperation per municipality with agenda items, decisions and follow-ups.
Prints the id of one refused request and one meeting. Invented data, for measuring only."""

import argparse
import datetime
import random
import sqlite3
import time

parser = argparse.ArgumentParser()
parser.add_argument("database")
parser.add_argument("--filings", type=int, default=10000)
parser.add_argument("--meetings", type=int, default=2000)
args = parser.parse_args()

random.seed(15)
db = sqlite3.connect(args.database)
now = int(time.time())
today = datetime.datetime.now(datetime.timezone.utc).date()
places = [(row[0], row[1]) for row in db.execute("SELECT code, name_bg FROM municipalities ORDER BY code")]
kinds = ["information_request"] * 8 + ["proposal", "signal"]
refused = None
for n in range(args.filings):
    code, name = random.choice(places)
    kind = random.choice(kinds)
    registered = today - datetime.timedelta(days=random.randint(0, 365))
    filing = db.execute(
        "INSERT INTO filings (kind, place_code, addressee_kind, addressee, channel, access_form, subject, body, "
        "filed_on, registered_on, filer_name, organisation_name, is_public, created_at) VALUES (?, ?, 'municipality', "
        "?, 'platform', 'electronic_copy', ?, ?, ?, ?, 'Генериран подател', 'Генерирана организация', 1, ?)",
        (kind, code, "Община " + name, f"Генерирано заявление {n}", "Генериран текст за измерване. " * 10,
         registered.isoformat(), registered.isoformat(), now)).lastrowid
    day = registered
    if kind == "information_request" and random.random() < 0.3:
        day += datetime.timedelta(days=random.randint(1, 10))
        if day <= today:
            db.execute("INSERT INTO filing_events (filing_id, kind, day, detail, recorded_at) VALUES (?, 'extended', "
                       "?, 'volume', ?)", (filing, day.isoformat(), now))
    if random.random() < 0.7:
        day += datetime.timedelta(days=random.randint(1, 30))
        if day <= today:
            decision = random.choice(["granted", "partly_granted", "refused"] if kind == "information_request"
                                     else ["accepted", "partly_accepted", "rejected"])
            db.execute("INSERT INTO filing_events (filing_id, kind, day, detail, grounds, body, recorded_at) VALUES "
                       "(?, 'decided', ?, ?, ?, 'Генериран отговор.', ?)",
                       (filing, day.isoformat(), decision, "none_stated" if decision == "refused" else "", now))
            if decision == "refused":
                refused = filing
bodies = {}
meeting = None
for n in range(args.meetings):
    code, name = places[n % len(places)]
    if code not in bodies:
        bodies[code] = db.execute(
            "INSERT INTO meeting_bodies (kind, name, place_code, created_at) VALUES ('council_for_cooperation', ?, ?, ?)",
            ("Съвет за сътрудничество – " + name, code, now)).lastrowid
    day = today + datetime.timedelta(days=random.randint(-365, 60))
    meeting = db.execute(
        "INSERT INTO meetings (body_id, title, starts_at, ends_at, location, announced_on, minutes, minutes_html, "
        "created_at) VALUES (?, ?, ?, ?, 'Общината', ?, '', '', ?)",
        (bodies[code], f"Заседание {n}", day.isoformat() + "T10:00", day.isoformat() + "T12:00",
         (day - datetime.timedelta(days=7)).isoformat(), now)).lastrowid
    for position in range(1, 6):
        db.execute("INSERT INTO meeting_agenda_items (meeting_id, position, title) VALUES (?, ?, ?)",
                   (meeting, position, f"Точка {position}"))
    for follow_up in range(3):
        db.execute("INSERT INTO meeting_follow_ups (meeting_id, action, owner, due_on, state) VALUES (?, ?, "
                   "'Общината', ?, ?)", (meeting, f"Действие {follow_up}",
                                         (day + datetime.timedelta(days=30)).isoformat(),
                                         random.choice(["open", "done", "in_progress"])))
    db.execute("INSERT INTO meeting_attendance (meeting_id, kind, count) VALUES (?, 'resident', ?)",
               (meeting, random.randint(5, 40)))
db.commit()
print(refused, meeting)
