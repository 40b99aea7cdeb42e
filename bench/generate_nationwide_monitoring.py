#!/usr/bin/env python3
"""Adds community monitoring in every municipality to a Khetane SQLite database that bench/generate_cascade.py filled:
one organisation and one monitoring cycle per municipal plan, and --per-measure verified assessments of each of its
measures (five scores each; a third see nothing on the ground, so that some measures are discrepancies), until
--assessments are made. Invented data, for measuring only."""

import argparse
import hashlib
import random
import sqlite3
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("database")
parser.add_argument("--assessments", type=int, default=200_000, help="verified assessments in all")
args = parser.parse_args()

random.seed(13)
db = sqlite3.connect(args.database)
now = int(time.time())
plans = db.execute(
    "SELECT d.id, d.municipality_code FROM policy_documents d WHERE d.level = 'municipal' AND d.status = 'adopted' "
    "AND d.demo = 0 ORDER BY d.id").fetchall()
measures = {}
for plan, _ in plans:
    measures[plan] = [row[0] for row in db.execute(
        "SELECT id FROM policy_items WHERE document_id = ? AND kind = 'measure' AND withdrawn_at IS NULL", (plan,))]
total_measures = sum(len(each) for each in measures.values())
if total_measures == 0:
    sys.exit("no measures: run bench/generate_cascade.py first")
statuses = ["in_progress", "completed", "delayed", "not_started", "not_visible", "not_visible"]
made = 0
scores = []
events = []
for index, (plan, municipality) in enumerate(plans):
    organisation = db.execute(
        "INSERT INTO organisations (name, kind, municipality_code, created_at, search_key) VALUES (?, 'cso', ?, ?, ?)",
        (f"Сдружение {municipality} (генерирано)", municipality, now, f"sdruzhenie {municipality.lower()}")).lastrowid
    cycle = db.execute(
        "INSERT INTO monitoring_cycles (title, municipality_code, document_id, period_start, period_end, method, "
        "identity_rule, participation, organisation_id, status, demo, created_at) VALUES (?, ?, ?, '2026-01-01', "
        "'2026-12-31', 'scorecard', 'pseudonymous', 'organisation', ?, 'open', 0, ?)",
        (f"{municipality}, 2026 (генериран)", municipality, plan, organisation, now - 86400 * 30)).lastrowid
    db.executemany("INSERT INTO cycle_criteria (cycle_id, position, name) VALUES (?, ?, ?)",
                   [(cycle, position, name) for position, name in
                    enumerate(["Достъпност", "Качество", "Отношение", "Информация", "Участие"])])
    # Share what is left evenly over the plans that are left.
    quota = (args.assessments - made) // (len(plans) - index)
    items = measures[plan]
    for n in range(quota):
        made += 1
        key = hashlib.sha256(f"nationwide-{made}".encode()).hexdigest()
        filed = now - 86400 * 20 + made % 86400
        given = [random.randint(0, 100) for _ in range(5)]
        assessment = db.execute(
            "INSERT INTO assessments (cycle_id, item_id, observed_status, narrative, pseudonym, state, key_hash, "
            "content_digest, filed_at, score_total, score_count) VALUES (?, ?, ?, ?, ?, 'verified', ?, ?, ?, ?, ?)",
            (cycle, items[n % len(items)], random.choice(statuses),
             "Какво видяхме на място, описано в няколко изречения от наблюдателя на общността.",
             f"Наблюдател {made % 40}", key, key, filed, sum(given), len(given))).lastrowid
        scores.extend((assessment, p, score, "Причина.", "") for p, score in enumerate(given))
        events.append((assessment, "submitted", filed))
        events.append((assessment, "verified", filed + 3600))
    db.executemany("INSERT INTO assessment_scores (assessment_id, position, score, reason, suggestion) "
                   "VALUES (?, ?, ?, ?, ?)", scores)
    db.executemany("INSERT INTO assessment_events (assessment_id, action, at) VALUES (?, ?, ?)", events)
    scores.clear()
    events.clear()
    if index % 50 == 0:
        print(f"  {index + 1}/{len(plans)} plans, {made} assessments", file=sys.stderr)
db.commit()
print(f"cycles {len(plans)}, measures {total_measures}, assessments {made}", file=sys.stderr)
