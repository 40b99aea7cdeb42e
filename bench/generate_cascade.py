#!/usr/bin/env python3
"""Fills a Khetane SQLite database (already migrated and seeded) with a country-wide cascade for benchmarks:
national objectives under the national strategy, one regional strategy per oblast, one municipal action plan per
municipality with objectives, measures and activities, links up the cascade, and one large plan with --big measures.
Prints the id of the large plan. Invented data, for measuring only."""

import argparse
import random
import sqlite3
import time

parser = argparse.ArgumentParser()
parser.add_argument("database")
parser.add_argument("--objectives", type=int, default=6, help="objectives per municipal plan")
parser.add_argument("--measures", type=int, default=5, help="measures per objective")
parser.add_argument("--activities", type=int, default=3, help="activities per measure")
parser.add_argument("--big", type=int, default=2000, help="measures in the one large plan")
args = parser.parse_args()

random.seed(7)
db = sqlite3.connect(args.database)
now = int(time.time())
uid_counter = 0


def uid(kind):
    global uid_counter
    uid_counter += 1
    return f"{kind[0]}-bench{uid_counter:09d}"


def document(level, kind, title, oblast=None, municipality=None, implements=None):
    cur = db.execute(
        "INSERT INTO policy_documents (level, kind, title, period_start, period_end, oblast_code, municipality_code,"
        " status, implements_document_id, created_at, updated_at) VALUES (?, ?, ?, 2027, 2030, ?, ?, 'adopted', ?, ?, ?)",
        (level, kind, title, oblast, municipality, implements, now, now))
    return cur.lastrowid


def item(document_id, kind, title, parent=None, position=0, progress=None, planned=None):
    cur = db.execute(
        "INSERT INTO policy_items (uid, document_id, parent_id, kind, code, position, title, progress, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (uid(kind), document_id, parent, kind, str(position + 1), position, title, progress, now, now))
    if planned:
        db.execute("INSERT INTO item_budgets (item_id, source, planned_cents) VALUES (?, 'municipal', ?)",
                   (cur.lastrowid, planned))
    return cur.lastrowid


def link(lower, higher):
    db.execute("INSERT OR IGNORE INTO item_links (item_id, implements_item_id, created_at) VALUES (?, ?, ?)",
               (lower, higher, now))


eu_objectives = [row[0] for row in db.execute(
    "SELECT i.id FROM policy_items i JOIN policy_documents d ON d.id = i.document_id WHERE d.level = 'eu'")]
strategy = db.execute("SELECT id FROM policy_documents WHERE reference_key = 'bg-roma-strategy-2021'").fetchone()[0]
national = []
for n in range(12):
    objective = item(strategy, "objective", f"Национална цел {n + 1} (генерирана)", position=n)
    link(objective, eu_objectives[n % len(eu_objectives)])
    national.append(objective)

oblasts = [row[0] for row in db.execute("SELECT code FROM oblasts")]
regional = {}
for oblast in oblasts:
    d = document("regional", "strategy", f"Областна стратегия {oblast} (генерирана)", oblast=oblast, implements=strategy)
    objectives = []
    for n in range(6):
        objective = item(d, "objective", f"Областна цел {n + 1}", position=n)
        link(objective, random.choice(national))
        objectives.append(objective)
    regional[oblast] = objectives

municipalities = db.execute("SELECT code, oblast_code FROM municipalities").fetchall()
for code, oblast in municipalities:
    d = document("municipal", "action_plan", f"План за действие {code} (генериран)", oblast=oblast, municipality=code)
    for o in range(args.objectives):
        objective = item(d, "objective", f"Цел {o + 1}", position=o)
        if random.random() < 0.7:
            link(objective, random.choice(regional[oblast]))
        for m in range(args.measures):
            measure = item(d, "measure", f"Мярка {o + 1}.{m + 1}", parent=objective, position=m)
            if random.random() < 0.3:
                link(measure, random.choice(national))
            for a in range(args.activities):
                item(d, "activity", f"Дейност {o + 1}.{m + 1}.{a + 1}", parent=measure, position=a,
                     progress=random.choice([None, 0, 25, 50, 100]), planned=random.randint(1, 500) * 10000)

# The large plan: --big measures under 50 objectives, in Лом.
big = document("municipal", "action_plan", "Голям план (генериран)", oblast="MON", municipality="MON24")
objectives = [item(big, "objective", f"Цел {o + 1}", position=o) for o in range(50)]
for m in range(args.big):
    measure = item(big, "measure", f"Мярка {m + 1} с по-дълго заглавие, както в истинските планове",
                   parent=objectives[m % 50], position=m, progress=random.choice([None, 10, 40, 90]),
                   planned=random.randint(1, 500) * 10000)
    if m % 3 == 0:
        link(measure, random.choice(national))
db.commit()
counts = db.execute("SELECT (SELECT COUNT(*) FROM policy_documents), (SELECT COUNT(*) FROM policy_items),"
                    " (SELECT COUNT(*) FROM item_links)").fetchone()
import sys
print(f"documents {counts[0]}, items {counts[1]}, links {counts[2]}", file=sys.stderr)
print(big)
