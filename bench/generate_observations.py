#!/usr/bin/env python3
"""Writes indicator values for benchmarks, as files `khetane import indicators` and `khetane import values` read:

  OUTDIR/indicators.csv       generated indicators (bench_indicator_01 …, units percent, people and count, broken
                              down by sex and age), so that with the typed indicators of data/indicators there are
                              --indicators typed ones
  OUTDIR/values-NNN.csv       N observations (--observations, default 1,000,000) as DHIS2 dataValues, --rows-per-file
                              a file, in the order of the indicators, so that each file touches few of them
  OUTDIR/import.csv           --import-rows observations (default 100,000) of their own, for timing one import into a
                              fresh database

The observations are spread over the 28 oblasts and 265 municipalities of data/bg, --years years from --first-year,
every breakdown an indicator allows (total, sex, age) and two series, official and civic. Every cell of a year is
filled first (the national panel reads them); what N needs beyond them are quarters of those years, chosen at random.
No cell is given twice. Values are valid for their unit (a share 0–100, a count of people or of things a whole number
not below 0, percentage points −100–100, years above 0). Deterministic: the same arguments and --seed give the same
bytes. Invented data, for measuring only.

With --check, reads the files back with Python's csv module and checks every row against the import's rules instead
of writing them."""

import argparse
import csv
import os
import random
import sys
import time
import zlib

repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("outdir")
parser.add_argument("--observations", type=int, default=1_000_000, help="observations in the values-NNN.csv files")
parser.add_argument("--rows-per-file", type=int, default=100_000, help="rows of each values-NNN.csv file")
parser.add_argument("--import-rows", type=int, default=100_000, help="rows of import.csv (0: no file)")
parser.add_argument("--indicators", type=int, default=20, help="typed indicators there are with the generated ones")
parser.add_argument("--first-year", type=int, default=2017)
parser.add_argument("--years", type=int, default=10)
parser.add_argument("--seed", type=int, default=7)
parser.add_argument("--share-dir", default=repo, help="where data/bg and data/indicators are (default: this checkout)")
parser.add_argument("--check", action="store_true", help="check the files in OUTDIR instead of writing them")
args = parser.parse_args()


def say(text):
    print(text, file=sys.stderr, flush=True)


def read_rows(*path):
    with open(os.path.join(args.share_dir, *path), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# --- what the observations are about ---------------------------------------------------------------------------
INDICATOR_COLUMNS = ["code", "name_bg", "name_en", "unit", "direction", "kind", "source", "method", "dimensions",
                     "computation", "eu_objective", "verified"]
VALUE_COLUMNS = ["dataelement", "period", "orgunit", "categoryoptioncombo", "attributeoptioncombo", "value",
                 "storedby", "lastupdated", "comment", "followup", "deleted"]
BREAKDOWNS = {"": ["total"], "sex": ["female", "male"],
              "age": ["age_0_17", "age_18_24", "age_25_54", "age_55_64", "age_65_plus"]}
SERIES = ["official", "civic"]
GENERATED_UNITS = ["percent", "people", "count"]
UNIT_NAMES_BG = {"percent": "дял", "people": "души", "count": "брой"}

reference = read_rows("data", "indicators", "indicators.csv")
typed_reference = [row for row in reference if not row["computation"]]
generated = []
for n in range(1, max(0, args.indicators - len(typed_reference)) + 1):
    unit = GENERATED_UNITS[(n - 1) % len(GENERATED_UNITS)]
    generated.append({
        "code": f"bench_indicator_{n:02d}", "name_bg": f"Показател за натоварване {n:02d} ({UNIT_NAMES_BG[unit]})",
        "name_en": f"Benchmark indicator {n:02d} ({unit})", "unit": unit, "direction": "up" if n % 2 else "down",
        "kind": "secondary", "source": "Khetane benchmark",
        "method": "Invented for the load benchmark (bench/generate_observations.py); not a measurement.",
        "dimensions": "sex;age", "computation": "", "eu_objective": "", "verified": "0"})
indicators = typed_reference + generated  # in this order in the files
oblasts = [row["oblast"] for row in read_rows("data", "bg", "Ek_obl.csv")]
municipalities = [row["obstina"] for row in read_rows("data", "bg", "Ek_obst.csv")]
assert len(oblasts) == 28 and len(municipalities) == 265, (len(oblasts), len(municipalities))
assert all(m[:3] in oblasts and m[3:].isdigit() and len(m) == 5 for m in municipalities)
places = oblasts + municipalities
years = list(range(args.first_year, args.first_year + args.years))


def breakdowns_of(indicator):
    allowed = ["total"]
    for dimension in filter(None, indicator["dimensions"].split(";")):
        allowed += BREAKDOWNS[dimension]
    return allowed


# A cell is (indicator, place, period, breakdown, series). The cells of years come first ("tier 1"), then those of
# quarters ("tier 2"); within a tier, an indicator's cells are numbered place-major, so that a number names its cell.
shapes = [(indicator, breakdowns_of(indicator)) for indicator in indicators]
year_cells = [len(places) * len(years) * len(b) * len(SERIES) for _, b in shapes]
tier_sizes = [sum(year_cells), 4 * sum(year_cells)]


def cell(indicator_index, tier, local):
    indicator, allowed = shapes[indicator_index]
    local, series = divmod(local, len(SERIES))
    local, breakdown = divmod(local, len(allowed))
    if tier == 1:
        place, year = divmod(local, len(years))
        period = str(years[year])
    else:
        local, quarter = divmod(local, 4)
        place, year = divmod(local, len(years))
        period = f"{years[year]}Q{quarter + 1}"
    return indicator, places[place], period, allowed[breakdown], SERIES[series]


def number(code, place, period, breakdown, series):
    """The tier (0: years, 1: quarters) and number of a cell, or None when it is not one of the cells generated."""
    index = next((i for i, (indicator, _) in enumerate(shapes) if indicator["code"] == code), None)
    if index is None or place not in places or int(period[:4]) not in years or series not in SERIES:
        return None
    allowed = shapes[index][1]
    if breakdown not in allowed:
        return None
    local = places.index(place) * len(years) + years.index(int(period[:4]))
    tier = 0 if len(period) == 4 else 1
    if tier == 1:
        local = local * 4 + int(period[5]) - 1
    local = (local * len(allowed) + allowed.index(breakdown)) * len(SERIES) + SERIES.index(series)
    return tier, sum(year_cells[:index]) * (1 if tier == 0 else 4) + local


# The cells of the demo values `khetane seed` ships (data/indicators/demo-lom-values.csv: Лом's mediators) are left
# out: an approved value cannot be imported over, and a second version would not add an observation.
shipped = [[], []]
demo_file = os.path.join(args.share_dir, "data", "indicators", "demo-lom-values.csv")
if os.path.exists(demo_file):
    for row in read_rows("data", "indicators", "demo-lom-values.csv"):
        found = number(row["indicator"], row["place"], row["period"], "total", row["source_kind"])
        if found:
            shipped[found[0]].append(found[1])
shipped = [set(each) for each in shipped]


def choose(count, seed):
    """The cells of `count` observations: every cell of a year if they are not enough, then quarters; sorted by
    indicator. Yields (indicator index, tier, local number)."""
    available = [size - len(left_out) for size, left_out in zip(tier_sizes, shipped)]
    if count > sum(available):
        sys.exit(f"{count} observations do not fit in {sum(available)} cells: add --indicators or --years")
    rng = random.Random(seed)

    def pick(tier, wanted):
        if wanted == available[tier]:
            return [n for n in range(tier_sizes[tier]) if n not in shipped[tier]]
        some = rng.sample(range(tier_sizes[tier]), min(tier_sizes[tier], wanted + len(shipped[tier])))
        some = [n for n in some if n not in shipped[tier]]
        return sorted(rng.sample(some, wanted) if len(some) > wanted else some)

    chosen = [pick(0, min(count, available[0])), pick(1, max(0, count - available[0]))]
    starts = [0, 0]
    positions = [0, 0]
    for i in range(len(shapes)):
        for tier in (0, 1):
            size = year_cells[i] * (1 if tier == 0 else 4)
            numbers = chosen[tier]
            while positions[tier] < len(numbers) and numbers[positions[tier]] < starts[tier] + size:
                yield i, tier + 1, numbers[positions[tier]] - starts[tier]
                positions[tier] += 1
            starts[tier] += size


def stable(*key):
    """A number in [0, 1) that depends only on the key: a place's level of an indicator stays the same in every file."""
    return zlib.crc32("\x1f".join(map(str, key)).encode()) / 2**32


def value_of(indicator, place, period, breakdown, series, rng):
    unit = indicator["unit"]
    year = int(period[:4]) - args.first_year
    level = stable(indicator["code"], place)
    shift = (stable(indicator["code"], breakdown) - 0.5) * (0 if breakdown == "total" else 1)
    trend = (1 if indicator["direction"] == "up" else -1) * 0.6 * year
    noise = rng.uniform(-1, 1) + (1.5 if series == "civic" else 0)
    if unit in ("percent", "score"):
        return f"{min(100.0, max(0.0, 5 + 80 * level + 10 * shift + trend + 2 * noise)):.1f}"
    if unit == "points":
        return f"{max(-100.0, min(100.0, -30 + 60 * level + 5 * shift + trend + noise)):.1f}"
    if unit == "years":
        return f"{3 + 12 * level + 2 * shift + 0.2 * noise:.1f}"
    if unit == "people":
        size = 12_000 if len(place) == 3 else 1_500
        share = 1.0 if breakdown == "total" else 0.5 if breakdown in ("female", "male") else 0.2
        return str(max(0, round(size * (0.2 + level) * share * (1 + 0.02 * year) + 30 * noise)))
    if unit == "count":
        return str(max(0, round((40 if len(place) == 3 else 6) * level + year // 3 + noise)))
    return f"{100 * level + noise:.2f}"  # "number": anything finite


def write_values(path, cells, rng, progress=None):
    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(VALUE_COLUMNS)
        for i, tier, local in cells:
            indicator, place, period, breakdown, series = cell(i, tier, local)
            value = value_of(indicator, place, period, breakdown, series, rng)
            day = 1 + (rows % 28)
            writer.writerow([indicator["code"], period, place, breakdown, series, value,
                             "bench" if series == "official" else "Наблюдение на общността (бенчмарк)",
                             f"{min(int(period[:4]) + 1, 2026)}-03-{day:02d}",
                             "генерирано, с \"кавички\"; за измерване" if rows % 50 == 0 else "",
                             "false", "false"])
            rows += 1
            if progress and rows % 100_000 == 0:
                progress(rows)
    return rows


def write():
    os.makedirs(args.outdir, exist_ok=True)
    started = time.monotonic()
    with open(os.path.join(args.outdir, "indicators.csv"), "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, INDICATOR_COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(generated)
    say(f"{len(typed_reference)} typed reference indicators, {len(generated)} generated; {len(places)} places, "
        f"{len(years)} years ({years[0]}–{years[-1]}); {tier_sizes[0]:,} cells of years, {tier_sizes[1]:,} of quarters")
    cells = choose(args.observations, args.seed)
    rng = random.Random(args.seed)
    files = (args.observations + args.rows_per_file - 1) // args.rows_per_file
    for n in range(1, files + 1):
        count = min(args.rows_per_file, args.observations - (n - 1) * args.rows_per_file)
        path = os.path.join(args.outdir, f"values-{n:03d}.csv")
        part = (next(cells) for _ in range(count))
        write_values(path, part, rng)
        say(f"  {path}: {count:,} rows ({n * args.rows_per_file if n < files else args.observations:,} of "
            f"{args.observations:,}, {time.monotonic() - started:.0f} s)")
    if args.import_rows:
        path = os.path.join(args.outdir, "import.csv")
        write_values(path, choose(args.import_rows, args.seed + 1), random.Random(args.seed + 1))
        say(f"  {path}: {args.import_rows:,} rows ({time.monotonic() - started:.0f} s)")


# --- checking the files as the import will ----------------------------------------------------------------------
def check():
    with open(os.path.join(args.outdir, "indicators.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    problems = []
    known = {row["code"]: row for row in reference}
    for row in rows:
        if list(row) != INDICATOR_COLUMNS:
            problems.append(f"indicators.csv: columns {list(row)}")
        if row["code"] in known or not row["code"].replace("_", "").isalnum() or row["code"] != row["code"].lower():
            problems.append(f"indicators.csv: code {row['code']!r}")
        if row["unit"] not in ("percent", "people", "count") or row["dimensions"] != "sex;age" or row["computation"]:
            problems.append(f"indicators.csv: {row['code']} unit, dimensions or computation")
        known[row["code"]] = row
    typed = sum(1 for row in known.values() if not row["computation"])
    if typed < args.indicators:
        problems.append(f"only {typed} typed indicators")
    place_set = set(places)

    def check_file(name, cells):
        count = 0
        with open(os.path.join(args.outdir, name), encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            if next(reader) != VALUE_COLUMNS:
                problems.append(f"{name}: header")
            for line, row in enumerate(reader, start=2):
                where = f"{name}:{line}"
                count += 1
                if len(row) != len(VALUE_COLUMNS):
                    problems.append(f"{where}: {len(row)} columns")
                    continue
                code, period, place, breakdown, series, value, storedby, _, _, followup, deleted = row
                indicator = known.get(code)
                if indicator is None or indicator["computation"]:
                    problems.append(f"{where}: indicator {code!r}")
                    continue
                if place not in place_set:
                    problems.append(f"{where}: place {place!r}")
                year = period[:4]
                if not (year.isdigit() and int(year) in years and (period == year or (
                        len(period) == 6 and period[4] == "Q" and period[5] in "1234"))):
                    problems.append(f"{where}: period {period!r}")
                if breakdown not in breakdowns_of(indicator):
                    problems.append(f"{where}: breakdown {breakdown!r} of {code}")
                if series not in SERIES or (series == "survey" and not storedby):
                    problems.append(f"{where}: series {series!r}")
                try:
                    figure = float(value)
                except ValueError:
                    problems.append(f"{where}: value {value!r}")
                    continue
                unit = indicator["unit"]
                if ((unit in ("percent", "score") and not 0 <= figure <= 100)
                        or (unit == "points" and not -100 <= figure <= 100)
                        or (unit in ("people", "count") and (figure < 0 or figure != int(figure) or "." in value))
                        or (unit == "years" and figure <= 0)):
                    problems.append(f"{where}: value {value!r} of unit {unit}")
                if followup not in ("", "false", "true") or deleted not in ("", "false"):
                    problems.append(f"{where}: followup or deleted")
                key = (code, place, period, breakdown, series)
                if number(*key) is None or number(*key)[1] in shipped[number(*key)[0]]:
                    problems.append(f"{where}: cell {key} is not generated, or is a shipped demo value's")
                if key in cells:
                    problems.append(f"{where}: cell {key} given twice")
                cells.add(key)
                if len(problems) > 20:
                    break
        return count

    cells = set()
    names = sorted(n for n in os.listdir(args.outdir) if n.startswith("values-") and n.endswith(".csv"))
    total = 0
    for name in names:
        total += check_file(name, cells)
        say(f"  {name}: checked, {total:,} rows so far")
    if total != args.observations:
        problems.append(f"{total} observations in {len(names)} files, not {args.observations}")
    panel = sum(1 for c, p, y, b, s in cells if p in oblasts and len(y) == 4 and b == "total" and s == "official")
    say(f"  oblast × indicator × year cells with an official total: {panel:,}")
    if args.import_rows:
        imported = check_file("import.csv", set())
        if imported != args.import_rows:
            problems.append(f"import.csv has {imported} rows, not {args.import_rows}")
    for problem in problems[:20]:
        say(problem)
    if problems:
        sys.exit(1)
    say(f"every row valid: {total:,} observations in {len(names)} files, {len(known)} indicators ({typed} typed)")


if args.check:
    check()
else:
    write()
