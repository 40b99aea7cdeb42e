#!/usr/bin/env python3
"""Fills a seeded Khetane SQLite database with the register of one organisation (--stakeholders people and
organisations, a third of the people with a post in an organisation), --coalitions coalitions of 60 members each, three
stakeholder maps of --positions positions for the first coalition (drawn months apart), and --campaigns campaigns with
asks, targets, actions and results. Prints the first coalition's id and one campaign's id. Invented data, for measuring
only."""

import argparse
import datetime
import random
import sqlite3
import time

parser = argparse.ArgumentParser()
parser.add_argument("database")
parser.add_argument("keeper", type=int)
parser.add_argument("--stakeholders", type=int, default=5000)
parser.add_argument("--coalitions", type=int, default=50)
parser.add_argument("--positions", type=int, default=200)
parser.add_argument("--campaigns", type=int, default=500)
args = parser.parse_args()

random.seed(16)
db = sqlite3.connect(args.database)
now = int(time.time())
today = datetime.datetime.now(datetime.timezone.utc).date()
sectors = ["social", "professional", "business", "media", "faith", "institution", "initiative_group", "cso", "donor"]
bases = ["consent", "public_role", "legitimate_interest"]
people, organisations = [], []
for n in range(args.stakeholders):
    if n % 4 == 0:
        organisations.append(db.execute(
            "INSERT INTO stakeholders (keeper_id, kind, name, sector, place_code, summary, created_at) "
            "VALUES (?, 'organization', ?, ?, 'MON24', 'Генерирана организация за измерване.', ?)",
            (args.keeper, f"Организация {n}", random.choice(sectors), now)).lastrowid)
    else:
        basis = random.choice(bases)
        people.append(db.execute(
            "INSERT INTO stakeholders (keeper_id, kind, name, pseudonym, email, phone, consent_basis, consent_purpose, "
            "consent_on, created_at) VALUES (?, 'person', ?, ?, ?, '+359 888 000 000', ?, ?, ?, ?)",
            (args.keeper, f"Генериран човек {n}", int(n % 10 == 1), f"person{n}@example.org", basis,
             "Работа по кампании" if basis == "consent" else "", (today - datetime.timedelta(days=n % 700)).isoformat(),
             now)).lastrowid)
for person in people[::3]:
    db.execute("INSERT INTO stakeholder_memberships (member_id, organization_id, role, start_date) VALUES (?, ?, ?, ?)",
               (person, random.choice(organisations), "член", str(random.randint(2005, 2026))))
everyone = people + organisations
coalitions = []
for c in range(args.coalitions):
    coalition = db.execute(
        "INSERT INTO coalitions (keeper_id, name, goals, place_code, members_public, created_at) "
        "VALUES (?, ?, 'Генерирани цели.', 'MON24', ?, ?)", (args.keeper, f"Коалиция {c}", int(c % 2 == 0), now)).lastrowid
    coalitions.append(coalition)
    for member in random.sample(everyone, 60):
        db.execute("INSERT INTO coalition_members (coalition_id, stakeholder_id, joined_on) VALUES (?, ?, ?)",
                   (coalition, member, today.isoformat()))
    for d in range(20):
        db.execute("INSERT INTO coalition_log (coalition_id, day, text, recorded_at) VALUES (?, ?, ?, ?)",
                   (coalition, (today - datetime.timedelta(days=d * 9)).isoformat(), f"Среща {d} на коалицията", now))
for months_ago in (12, 6, 0):
    drawn = db.execute("INSERT INTO stakeholder_maps (coalition_id, issue, drawn_on, created_at) VALUES (?, ?, ?, ?)",
                       (coalitions[0], "Медиатори във всяко училище",
                        (today - datetime.timedelta(days=months_ago * 30)).isoformat(), now)).lastrowid
    for stakeholder in random.sample(everyone, args.positions):
        db.execute("INSERT INTO stakeholder_positions (map_id, stakeholder_id, influence, interest, stance, wants, "
                   "known_by_id) VALUES (?, ?, ?, ?, ?, 'Генерирано желание', ?)",
                   (drawn, stakeholder, random.randint(1, 5), random.randint(1, 5),
                    random.choice(["ally", "neutral", "opponent"]), random.choice(people)))
items = [row[0] for row in db.execute("SELECT id FROM policy_items WHERE kind = 'measure' LIMIT 50")]
campaign = None
for n in range(args.campaigns):
    campaign = db.execute(
        "INSERT INTO campaigns (coalition_id, title, goal, stage, created_at) VALUES (?, ?, 'Генерирана цел.', ?, ?)",
        (random.choice(coalitions), f"Кампания {n}", random.choice(["empowerment", "coalition", "action", "follow_up"]),
         now)).lastrowid
    item = random.choice(items) if items else None
    db.execute("INSERT INTO campaign_asks (campaign_id, text, item_id) VALUES (?, 'Генерирано искане', ?)",
               (campaign, item))
    for target in random.sample(everyone, 3):
        db.execute("INSERT INTO campaign_targets (campaign_id, stakeholder_id) VALUES (?, ?)", (campaign, target))
    for a in range(6):
        kind = random.choice(["meeting", "letter", "information_request", "media", "public_event", "petition"])
        db.execute("INSERT INTO campaign_actions (campaign_id, kind, day, title, outcome, supporters) "
                   "VALUES (?, ?, ?, ?, 'Генериран резултат', ?)",
                   (campaign, kind, (today - datetime.timedelta(days=a * 20)).isoformat(), f"Действие {a}",
                    random.randint(10, 2000) if kind == "petition" else None))
    if item and n % 3 == 0:
        db.execute("INSERT INTO campaign_results (campaign_id, kind, day, text, item_id, item_version) "
                   "VALUES (?, 'budget_line_added', ?, 'Генериран резултат', ?, 1)", (campaign, today.isoformat(), item))
db.commit()
print(coalitions[0], campaign)
