#!/usr/bin/env python3
"""What an action-plan file adds up to, computed on its own, to check Khetane's roll-up and totals against.

Reads a plan in the action-plan layout (docs/formats/action-plan.md) and prints, as Markdown, what
docs/methodology.md says the plan adds up to: for the whole plan and for each objective the progress under the
budget rule and under the equal rule (two decimals, rounded half up, and as an exact fraction), the reporting units
counted and those that did not report; then the money planned, secured and spent per funding source and in all, in
the file's currency (cents, exact) and in euro (leva cents divided by 1.95583, rounded half up to the cent).

Python 3 standard library only; nothing is shared with Khetane's code. Progress is computed exactly (fractions.Fraction)
and, beside it, the way RollUpPlan does it in binary floating point: where two-decimal rounding of the two could
differ (a value on a half cent), the script says so.

    python3 plan_figures.py plan-2024-2027.csv [--currency BGN]
"""

import argparse
import csv
import io
import sys
from fractions import Fraction

KINDS = ("objective", "measure", "activity")
PARENT_KIND = {"measure": "objective", "activity": "measure"}
AMOUNTS = ("planned", "secured", "spent")
LEVA_PER_EURO_TIMES_100000 = 195583

# What core::IsSpace calls a space: trimmed from both ends of a value (not from the description).
SPACES = set(" \t\n\r\v\f\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\u200b\ufeff\u0085") | {
    chr(c) for c in range(0x2000, 0x200B)}


class FileError(Exception):
    pass


def trim(text):
    begin, end = 0, len(text)
    while begin < end and text[begin] in SPACES:
        begin += 1
    while end > begin and text[end - 1] in SPACES:
        end -= 1
    return text[begin:end]


def parse_amount(text):
    """Cents, as ParseAmount reads an amount ("12000.50", "12 000,50"); None when it is no amount."""
    digits = "".join("." if c == "," else c for c in text if c not in (" ", "\u00a0"))
    if not digits:
        return 0
    whole, point, fraction = digits.partition(".")
    if not whole.isascii() or not whole.isdigit() or len(whole) > 13:
        return None
    if point and (not fraction or len(fraction) > 2 or not fraction.isascii() or not fraction.isdigit()):
        return None
    return int(whole) * 100 + int((fraction + "00")[:2])


def parse_progress(text):
    """A whole number 0–100 ("50" or "50%"); None when not reported."""
    if text.endswith("%"):
        text = trim(text[:-1])
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or int(text) > 100:
        raise FileError(f"progress {text!r} is not a whole number from 0 to 100")
    return int(text)


def separator_of(text):
    first = text.split("\n", 1)[0]
    commas = semicolons = 0
    quoted = False
    for c in first:
        if c == '"':
            quoted = not quoted
        if not quoted:
            commas += c == ","
            semicolons += c == ";"
    return ";" if semicolons > commas else ","


class Node:
    def __init__(self, line, values, sources):
        self.line = line
        self.uid = trim(values.get("uid", ""))
        self.kind = trim(values.get("kind", ""))
        self.code = trim(values.get("code", ""))
        self.title = trim(values.get("title", ""))
        self.parent_ref = trim(values.get("parent", ""))
        self.status = trim(values.get("official_status", ""))
        if self.status == "not_started":
            self.status = "planned"
        try:
            self.progress = parse_progress(trim(values.get("progress", "")))
        except FileError as error:
            raise FileError(f"line {line}: {error}") from None
        self.budgets = {}  # source → [planned, secured, spent] cents: a line when any of its amounts is given
        for source in sources:
            cells = [trim(values.get(f"{source}_{amount}", "")) for amount in AMOUNTS]
            if not any(cells):
                continue
            cents = [parse_amount(cell) if cell else 0 for cell in cells]
            for cell, value, amount in zip(cells, cents, AMOUNTS):
                if value is None:
                    raise FileError(f"line {line}: {source}_{amount} {cell!r} is not an amount")
            self.budgets[source] = cents
        if self.kind not in KINDS:
            raise FileError(f"line {line}: unknown kind {self.kind!r}")
        if not self.title:
            raise FileError(f"line {line}: no title")
        self.parent = None
        self.children = []

    @property
    def name(self):
        return self.code or self.uid or f"line {self.line}"


def read_plan(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator_of(text))
    rows = []
    line = 1
    for row in reader:
        rows.append((line, row))
        line = reader.line_num + 1  # the physical line the next row starts on
    header_line, header = rows[0]
    names = [trim(name).lower() for name in header]
    sources = []
    for name in names:
        for amount in AMOUNTS:
            if name.endswith("_" + amount) and name[: -len(amount) - 1] not in sources:
                sources.append(name[: -len(amount) - 1])
    nodes = []
    for line, row in rows[1:]:
        if not any(trim(cell) for cell in row):
            continue  # an empty line
        if trim(row[0]) == "#totals" and not any(trim(cell) for cell in row[1:]):
            break
        if len(row) > len(names) and any(trim(cell) for cell in row[len(names):]):
            raise FileError(f"line {line}: a value in a column without a name")
        values = {name: (row[i] if i < len(row) else "") for i, name in enumerate(names) if name}
        nodes.append(Node(line, values, sources))
    # Parents, by the uid of another line or by the code of the first line that has it.
    by_uid, by_code = {}, {}
    for node in nodes:
        if node.uid:
            if node.uid in by_uid:
                raise FileError(f"line {node.line}: uid {node.uid} repeated")
            by_uid[node.uid] = node
        if node.code:
            if node.code in by_code:
                raise FileError(f"line {node.line}: code {node.code} repeated")
            by_code[node.code] = node
    for node in nodes:
        if node.kind == "objective":
            if node.parent_ref:
                raise FileError(f"line {node.line}: an objective with a parent")
            continue
        parent = by_uid.get(node.parent_ref) or by_code.get(node.parent_ref)
        if parent is None or parent.kind != PARENT_KIND[node.kind]:
            raise FileError(f"line {node.line}: parent {node.parent_ref!r} is missing or of the wrong kind")
        if nodes.index(parent) > nodes.index(node):
            raise FileError(f"line {node.line}: the parent comes after its item")
        node.parent = parent
        parent.children.append(node)
    return nodes, sources


# ---- The roll-up (docs/methodology.md) ----

class Money:
    def __init__(self):
        self.by_source = {}  # only the sources with a budget line in scope, as Khetane's totals list them
        self.all = [0, 0, 0]

    def add_line(self, source, cents):
        entry = self.by_source.setdefault(source, [0, 0, 0])
        for i in range(3):
            entry[i] += cents[i]
            self.all[i] += cents[i]

    def add(self, other):
        for source, cents in other.by_source.items():
            self.add_line(source, cents)


class Figure:
    """What an item (with everything under it) or the whole plan adds up to under one rule."""

    def __init__(self):
        self.own = False
        self.counted = []       # reporting units counted, in plan order
        self.not_reported = []  # units that did not report, in plan order
        self.money = Money()
        self.exact = None       # Fraction, or None: no figure
        self.double = None      # float, as RollUpPlan computes it
        self.why = ""           # no figure: nothing_reported or no_planned_budget
        self.weighted = 0       # budget rule: Σ planned cents × progress over the counted units
        self.weights = 0        # budget rule: Σ planned cents over the counted units


def combine(figure, below, rule, figures):
    for each in below:
        figure.counted += each.counted
        figure.not_reported += each.not_reported
        figure.money.add(each.money)
    weighted_double = 0.0
    for unit in figure.counted:
        weight = figures[unit].money.all[0]
        figure.weights += weight
        figure.weighted += weight * unit.progress
        weighted_double += float(weight) * float(unit.progress)
    figure.why = "nothing_reported"
    if not figure.counted:
        return
    if rule == "budget":
        if figure.weights == 0:
            figure.why = "no_planned_budget"
        else:
            figure.exact = Fraction(figure.weighted, figure.weights)
            figure.double = weighted_double / float(figure.weights)
            figure.why = ""
        return
    reporting = [each for each in below if each.exact is not None]
    if reporting:
        figure.exact = sum((each.exact for each in reporting), Fraction(0)) / len(reporting)
        total = 0.0
        for each in reporting:
            total += each.double
        figure.double = total / float(len(reporting))
        figure.why = ""


def roll_up(nodes, rule):
    figures = {}
    for node in reversed(nodes):
        figure = Figure()
        below = [figures[child] for child in node.children]
        if node.progress is not None:
            for each in below:
                figure.money.add(each.money)
            figure.own = True
            figure.exact = Fraction(node.progress)
            figure.double = float(node.progress)
            figure.counted = [node]
        elif not below:
            figure.not_reported = [node]
            figure.why = "nothing_reported"
        else:
            combine(figure, below, rule, figures)
        for source, cents in node.budgets.items():
            figure.money.add_line(source, cents)
        if figure.own:
            figure.weights = figure.money.all[0]
            figure.weighted = figure.weights * node.progress
        figures[node] = figure
    plan = Figure()
    combine(plan, [figures[node] for node in nodes if node.parent is None], rule, figures)
    return figures, plan


# ---- Writing the figures ----

def half_up(value, places=2):
    """A Fraction rounded half up (away from zero; figures are never negative) to `places` decimals, as text."""
    scaled = value * 10 ** places
    whole = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)
    text = str(whole).rjust(places + 1, "0")
    return f"{text[:-places]}.{text[-places:]}"


def exact_text(value):
    if value is None:
        return "—"
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def progress_text(figure, ties):
    if figure.exact is None:
        return f"— ({figure.why})"
    rounded = half_up(figure.exact)
    shown = f"{figure.double:.2f}"  # what fmt::format("{:.2f}") prints for the same double
    if shown != rounded:
        ties.append((rounded, shown))
        return f"{rounded} (Khetane's double prints {shown})"
    return rounded


def amount(cents):
    return f"{cents // 100}.{cents % 100:02d}"


def euro_cents(cents):
    """Leva cents in euro cents: divided by 1.95583, rounded half up to the cent (core::EuroCents)."""
    return (2 * cents * 100000 + LEVA_PER_EURO_TIMES_100000) // (2 * LEVA_PER_EURO_TIMES_100000)


def codes(nodes):
    return ", ".join(node.name for node in nodes) if nodes else "—"


def budget_warnings(node):
    """BudgetWarnings: spending above planned, or else above secured; allowed, shown for a second look."""
    warnings = []
    for source, (planned, secured, spent) in node.budgets.items():
        if spent > planned:
            warnings.append((source, "More was spent than planned.", spent, planned))
        elif spent > secured:
            warnings.append((source, "More was spent than secured.", spent, secured))
        if max(planned, secured) > 0 and spent > 10 * max(planned, secured):
            raise FileError(f"line {node.line}: {source}_spent is more than ten times planned or secured (refused)")
    return warnings


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", help="the action-plan file (CSV)")
    parser.add_argument("--currency", default="BGN", choices=("BGN", "EUR"),
                        help="the document's currency (default BGN: amounts also shown in euro)")
    args = parser.parse_args()
    try:
        nodes, sources = read_plan(args.csv)
        warnings = [(node, w) for node in nodes for w in budget_warnings(node)]
    except FileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1

    budget_items, budget_plan = roll_up(nodes, "budget")
    equal_items, equal_plan = roll_up(nodes, "equal")
    objectives = [node for node in nodes if node.parent is None]
    scopes = [("the plan", budget_plan, equal_plan)] + [
        (f"{node.name} {node.title}", budget_items[node], equal_items[node]) for node in objectives]
    ties = []
    out = []
    emit = out.append

    kinds = {kind: sum(node.kind == kind for node in nodes) for kind in KINDS}
    statuses = {}
    for node in nodes:
        if node.kind == "activity":
            statuses[node.status or "(none)"] = statuses.get(node.status or "(none)", 0) + 1
    emit(f"Items: {kinds['objective']} objectives, {kinds['measure']} measures, {kinds['activity']} activities. "
         f"Activities by official status (as stored; `not_started` is stored as `planned`): "
         + ", ".join(f"{status} {count}" for status, count in statuses.items()) + ".")
    emit("")
    own = [node for node in nodes if node.kind != "activity" and node.progress is not None]
    under_own = [node for node in nodes
                 if node.progress is not None and any(budget_items[a].own for a in ancestors(node))]
    emit("Items above the activities that report their own progress (each one reporting unit): "
         f"{codes(own)}. Reports under them that are not counted: "
         + (", ".join(f"{node.name} ({node.progress} %)" for node in under_own) or "—") + ".")
    emit("")

    emit("## Progress")
    emit("")
    emit("| scope | budget rule | exact | Σ planned × progress / Σ planned (cents) | equal rule | exact "
         "| counted | not reported | did not report |")
    emit("|---|---:|---|---|---:|---|---:|---:|---|")
    for name, budget, equal in scopes:
        formula = f"{budget.weighted} / {budget.weights}" if budget.counted else "—"
        emit(f"| {name} | {progress_text(budget, ties)} | {exact_text(budget.exact)} | {formula} "
             f"| {progress_text(equal, ties)} | {exact_text(equal.exact)} "
             f"| {len(budget.counted)} | {len(budget.not_reported)} | {codes(budget.not_reported)} |")
    emit("")
    emit("Reporting units counted (the same under both rules), with the planned budget each weighs "
         "(all sources, the unit and everything under it) and its progress:")
    emit("")
    emit("| scope | units counted |")
    emit("|---|---|")
    for name, budget, _ in scopes:
        units = ", ".join(f"{unit.name} ({amount(budget_items[unit].money.all[0])} × {unit.progress})"
                          for unit in budget.counted)
        emit(f"| {name} | {units or '—'} |")
    emit("")

    emit("## Progress of each measure")
    emit("")
    emit("| measure | own report | budget rule | exact | equal rule | exact | counted | did not report |")
    emit("|---|---:|---:|---|---:|---|---:|---|")
    for node in nodes:
        if node.kind != "measure":
            continue
        budget, equal = budget_items[node], equal_items[node]
        emit(f"| {node.name} | {'' if node.progress is None else node.progress} "
             f"| {progress_text(budget, ties)} | {exact_text(budget.exact)} "
             f"| {progress_text(equal, ties)} | {exact_text(equal.exact)} "
             f"| {len(budget.counted)} | {codes(budget.not_reported)} |")
    emit("")

    emit("## Money")
    emit("")
    emit(f"Amounts in {args.currency}" + (" and, converted at 1.95583 leva to the euro, rounded half up to the "
                                          "cent, in EUR (each total converted, not summed from converted parts)"
                                          if args.currency == "BGN" else "") + ". A source marked — has no budget "
         "line in that scope, and Khetane's totals list no line for it; export writes the sources in the order of "
         "their codes.")
    for name, budget, _ in scopes:
        money = budget.money
        emit("")
        emit(f"### {name}")
        emit("")
        if args.currency == "BGN":
            emit("| source | planned | secured | spent | planned EUR | secured EUR | spent EUR |")
            emit("|---|---:|---:|---:|---:|---:|---:|")
        else:
            emit("| source | planned | secured | spent |")
            emit("|---|---:|---:|---:|")
        for source in sources + ["all"]:
            cents = money.all if source == "all" else money.by_source.get(source)
            if cents is None:
                emit(f"| {source} | — | — | — |" + (" — | — | — |" if args.currency == "BGN" else ""))
                continue
            row = f"| {source} | " + " | ".join(amount(c) for c in cents) + " |"
            if args.currency == "BGN":
                row += " " + " | ".join(amount(euro_cents(c)) for c in cents) + " |"
            emit(row)
    emit("")
    total = budget_plan.money.all[0]
    for source in sources:
        share = budget_plan.money.by_source.get(source, [0, 0, 0])[0]
        if share:
            emit(f"- {source}: {half_up(Fraction(share * 100, total))} % of all planned")
    emit("")

    emit("## Warnings the import should show (allowed, nothing refused)")
    emit("")
    if warnings:
        for node, (source, message, spent, limit) in warnings:
            emit(f"- line {node.line}, {node.name}, {source}_spent {amount(spent)} (against {amount(limit)}): "
                 f"\"{message}\"")
    else:
        emit("- none")
    if ties:
        emit("")
        emit("Note: where the exact figure lies on a half cent, half-up rounding and Khetane's double formatting may "
             "differ: " + ", ".join(f"{a} vs {b}" for a, b in ties))
    print("\n".join(out))
    return 0


def ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


if __name__ == "__main__":
    sys.exit(main())
