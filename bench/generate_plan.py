#!/usr/bin/env python3
"""Writes an invented municipal action plan of LINES lines as CSV in the layout of docs/formats/action-plan.md:
50 objectives of 20 measures each, the rest activities spread over the measures (Bulgarian titles with quotes,
descriptions with line breaks, areas, links to the EU objectives, dates written both ways, budgets), for the
benchmarks that import a plan (bench/import_plan.sh, bench/plan_page.sh). Usage: generate_plan.py LINES FILE"""

import csv, sys
lines, path = int(sys.argv[1]), sys.argv[2]
sources = ["municipal", "esf_plus", "erdf", "eea_norway", "swiss", "other"]
columns = ["uid", "kind", "parent", "code", "title", "title_en", "description", "areas", "implements", "responsible",
           "partners", "target_group", "settlement", "start", "end", "deadline", "beneficiaries", "expected_result",
           "official_status", "progress"] + [f"{s}_{a}" for s in sources for a in ("planned", "secured", "spent")]
areas = ["education", "health", "employment", "housing"]
statuses = ["planned", "in_progress", "completed", "delayed", "cancelled"]
objectives, measures_each = 50, 20
measures = objectives * measures_each
activities = lines - objectives - measures
assert activities >= measures, "LINES is too small for 50 objectives of 20 measures each"
rows = []
def row(**values):
    rows.append([values.get(c, "") for c in columns])
n = 0
for o in range(1, objectives + 1):
    area = areas[o % 4]
    row(kind="objective", code=f"{o}", title=f"Цел {o}: равен достъп – „{area}“", title_en=f"Objective {o}",
        areas=f"bg2021:{area};eu2020:{area}", implements=f"eu-2020-o{4 + o % 4}")
    for m in range(1, measures_each + 1):
        index = (o - 1) * measures_each + m - 1
        row(kind="measure", parent=f"{o}", code=f"{o}.{m}", title=f"Мярка {o}.{m}: медиатори и услуги",
            title_en=f"Measure {o}.{m}", areas=f"bg2021:{area}",
            implements=f"eu-2020-o{4 + o % 4}" if m % 5 == 0 else "")
        count = activities // measures + (1 if index < activities % measures else 0)
        for a in range(1, count + 1):
            n += 1
            planned = 1000 + (n * 37) % 90000
            row(kind="activity", parent=f"{o}.{m}", code=f"{o}.{m}.{a}",
                title=f"Дейност {o}.{m}.{a}: обучение на „{n % 40 + 1}“ души от квартал Младеново",
                title_en=f"Activity {o}.{m}.{a}",
                description=f"Описание на дейността, ред първи;\nред втори с \"кавички\" ({n})" if n % 10 == 0 else "",
                responsible="Община Лом", partners="Регионално управление на образованието – Монтана",
                target_group="Деца и родители", settlement="44238",
                start="2027-01-01", end="31.12.2028", deadline=f"{1 + n % 28:02d}.06.2028",
                beneficiaries=str(n % 500), expected_result="Повече деца завършват училище",
                official_status=statuses[n % 5], progress="" if n % 3 == 0 else str(n % 101),
                municipal_planned=f"{planned}.50", municipal_secured=f"{planned // 2}", municipal_spent=f"{planned // 4},25",
                esf_plus_planned="12 000,00" if n % 4 == 0 else "")
with open(path, "w", encoding="utf-8", newline="") as out:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
