#!/usr/bin/env python3
"""Adds community monitoring to a Khetane SQLite database that bench/generate_cascade.py filled: an organisation, a
monitoring cycle over the large plan of Лом, one verified assessment of each of its measures (five scores each, a
third of them seeing nothing on the ground, so that many measures are discrepancies), and --crowd verified
assessments of its first measure, each with scores, a link and the municipality's answer. Prints the first measure's
id. Invented data, for measuring only."""

import argparse
import hashlib
import random
import sqlite3
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("database")
parser.add_argument("plan", type=int, help="the large plan's id (generate_cascade.py prints it)")
parser.add_argument("--crowd", type=int, default=200, help="verified assessments of the first measure")
args = parser.parse_args()

random.seed(11)
db = sqlite3.connect(args.database)
now = int(time.time())
organisation = db.execute(
    "INSERT INTO organisations (name, kind, municipality_code, created_at, search_key) "
    "VALUES ('Сдружение за наблюдение (генерирано)', 'cso', 'MON24', ?, 'sdruzhenie')", (now,)).lastrowid
cycle = db.execute(
    "INSERT INTO monitoring_cycles (title, municipality_code, document_id, period_start, period_end, method, "
    "identity_rule, participation, organisation_id, status, demo, created_at) VALUES "
    "('Лом, 2027 (генериран)', 'MON24', ?, '2027-01-01', '2027-12-31', 'scorecard', 'pseudonymous', 'organisation', "
    "?, 'open', 0, ?)", (args.plan, organisation, now)).lastrowid
for position, name in enumerate(["Достъпност", "Качество", "Отношение", "Информация", "Участие"]):
    db.execute("INSERT INTO cycle_criteria (cycle_id, position, name) VALUES (?, ?, ?)", (cycle, position, name))

measures = [row[0] for row in db.execute(
    "SELECT id FROM policy_items WHERE document_id = ? AND kind = 'measure' ORDER BY position, id", (args.plan,))]
counter = 0


def assessment(item, observed, scores, narrative, reply=None, link=None):
    global counter
    counter += 1
    key = hashlib.sha256(f"bench-{counter}".encode()).hexdigest()
    assessment_id = db.execute(
        "INSERT INTO assessments (cycle_id, item_id, observed_status, narrative, pseudonym, state, key_hash, "
        "content_digest, filed_at, score_total, score_count) VALUES (?, ?, ?, ?, ?, 'verified', ?, ?, ?, ?, ?)",
        (cycle, item, observed, narrative, f"Наблюдател {counter % 40}", key, key, now - counter, sum(scores),
         len(scores))).lastrowid
    db.executemany(
        "INSERT INTO assessment_scores (assessment_id, position, score, reason, suggestion) VALUES (?, ?, ?, ?, ?)",
        [(assessment_id, n, score, "Причина за оценката, както я пише наблюдателят.", "Предложение.")
         for n, score in enumerate(scores)])
    db.execute("INSERT INTO assessment_events (assessment_id, action, at) VALUES (?, 'submitted', ?)",
               (assessment_id, now - counter))
    db.execute("INSERT INTO assessment_events (assessment_id, action, at) VALUES (?, 'verified', ?)",
               (assessment_id, now - counter + 60))
    if link:
        db.execute("INSERT INTO assessment_evidence (assessment_id, kind, visibility, url, added_at) "
                   "VALUES (?, 'link', 'public', ?, ?)", (assessment_id, link, now))
    if reply:
        db.execute("INSERT INTO assessment_replies (assessment_id, body, replied_at) VALUES (?, ?, ?)",
                   (assessment_id, reply, now))


statuses = ["in_progress", "completed", "delayed", "not_started", "not_visible", "not_visible"]
for item in measures:
    observed = random.choice(statuses)
    assessment(item, observed, [random.randint(0, 100) for _ in range(5)],
               "Какво видяхме на място, описано в няколко изречения от наблюдателя на общността.")
for _ in range(args.crowd):
    assessment(measures[0], random.choice(statuses), [random.randint(0, 100) for _ in range(5)],
               "Какво видяхме на място, описано в няколко изречения от наблюдателя на общността.",
               reply="Отговорът на общината, датиран и подписан.", link="https://example.org/news/1")
db.commit()
counts = db.execute("SELECT (SELECT COUNT(*) FROM assessments), (SELECT COUNT(*) FROM assessment_scores)").fetchone()
print(f"assessments {counts[0]}, scores {counts[1]}, measures {len(measures)}", file=sys.stderr)
print(measures[0])
