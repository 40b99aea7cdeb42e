#!/usr/bin/env python3
"""Puts the large plan that bench/generate_cascade.py made to public consultation in a Khetane SQLite database: the
plan becomes a draft in consultation, open from today for 30 days, with --comments comments spread over its items (a
third of them replies), --proposals proposals (half of them answered and published, supported by up to --people
people each). Prints the consultation's id. Invented data, for measuring only."""

import argparse
import datetime
import random
import sqlite3
import time

parser = argparse.ArgumentParser()
parser.add_argument("database")
parser.add_argument("plan", type=int, help="the large plan's id (generate_cascade.py prints it)")
parser.add_argument("--comments", type=int, default=1500)
parser.add_argument("--proposals", type=int, default=150)
parser.add_argument("--people", type=int, default=300)
args = parser.parse_args()

random.seed(13)
db = sqlite3.connect(args.database)
now = int(time.time())
today = datetime.datetime.now(datetime.timezone.utc).date()
items = [row[0] for row in db.execute(
    "SELECT id FROM policy_items WHERE document_id = ? AND withdrawn_at IS NULL ORDER BY id", (args.plan,))]
db.execute("UPDATE policy_documents SET status = 'in_consultation' WHERE id = ?", (args.plan,))
motives = "## Защо\n\n" + "Генериран текст за измерване. " * 40
consultation = db.execute(
    "INSERT INTO consultations (document_id, opens_on, closes_on, motives, motives_html, impact_assessment, "
    "impact_assessment_html, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    (args.plan, today.isoformat(), (today + datetime.timedelta(days=30)).isoformat(), motives,
     "<h2>Защо</h2><p>" + "Генериран текст за измерване. " * 40 + "</p>", "Оценка.", "<p>Оценка.</p>", now)).lastrowid
people = []
for n in range(args.people):
    people.append(db.execute(
        "INSERT INTO users (email, display_name, password_hash, created_at) VALUES (?, ?, 'x', '2026-12-05')",
        (f"person{n}@consultation.bench", f"Участник {n}")).lastrowid)
comment_ids = []
for n in range(args.comments):
    reply_to = random.choice(comment_ids) if comment_ids and random.random() < 0.33 else None
    item = None if reply_to else (random.choice(items) if random.random() < 0.9 else None)
    author = random.choice(people)
    comment_ids.append(db.execute(
        "INSERT INTO consultation_comments (consultation_id, item_id, reply_to, author_id, author_name, body, "
        "written_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (consultation, item, reply_to, author, f"Участник {author}", "Коментар за измерване. " * 8, now)).lastrowid)
kinds = ["new_measure", "new_activity", "change", "deletion"]
for number in range(1, args.proposals + 1):
    answered = number % 2 == 0
    proposal = db.execute(
        "INSERT INTO consultation_proposals (consultation_id, number, kind, item_id, title, body, author_id, "
        "author_name, written_at, answer, answer_reason, answered_at, answer_published_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (consultation, number, random.choice(kinds), random.choice(items), f"Предложение {number}",
         "Текст на предложението. " * 10, people[number % len(people)], f"Участник {number}", now,
         random.choice(["accepted", "partly_accepted", "rejected"]) if answered else None,
         "Мотиви на органа." if answered else "", now if answered else None, now if answered else None)).lastrowid
    for person in random.sample(people, random.randint(0, min(40, len(people)))):
        db.execute("INSERT INTO proposal_supports (proposal_id, user_id, supported_at) VALUES (?, ?, ?)",
                   (proposal, person, now))
db.commit()
print(consultation)
