#!/usr/bin/env python3
"""Checks the readings of the guide (data/readings/rdcr/*.csv) against the guide's text.

    python3 scripts/check_readings.py            # every reading file
    python3 scripts/check_readings.py libya      # some of them

For each file: its columns are those of data/readings/README.md; every record of the article has
at least one row and no row names a record the article lacks; kinds, sides and qualifiers are
of the known sets; every quote occurs word for word in its record's text (whitespace, quotes and
dashes folded); date_words occur in the quote, and the day, month and year they name agree with
`date`; `manner` occurs in the quote. Prints one line per problem (file:line: why) and exits 1
if there is any, 0 if none.
"""

import csv
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import guide_records  # noqa: E402

READINGS = os.path.join(guide_records.ROOT, "data", "readings", "rdcr")
COLUMNS = [
    "record", "act", "kind", "date", "date_qualifier", "date_words", "acting", "partner_named",
    "side", "mission_kind", "city", "manner", "quote", "heading_differs", "note",
]
RELATION_KINDS = {
    "recognition", "recognition_of_government", "establishment", "reestablishment", "resumption",
    "severance", "suspension", "interruption", "termination", "consular_relations", "treaty",
    "war", "other_relation",
}
MISSION_KINDS = {
    "mission_opened", "mission_raised", "mission_lowered", "mission_moved", "mission_suspended",
    "mission_resumed", "mission_closed", "mission_reopened",
}
OTHER_KINDS = {"head_of_mission", "none"}
KINDS_OF_MISSION = {
    "embassy", "legation", "consulate_general", "consulate", "vice_consulate", "consular_agency",
    "interests_section", "liaison_office", "other",
}
QUALIFIERS = {"", "about", "by", "before", "after", "between"}
ACTING = {"", "US", "partner", "both"}
SIDES = {"", "US", "partner"}
MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
PARTIAL = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def fold(text):
    return " ".join(text.translate(FOLD).split())


def named_date(words):
    """(year, month, day) that the words name, each None where they name none."""
    text = words.lower().replace(",", " ").replace(".", " ")
    year = re.findall(r"\b(1[6-9]\d\d|20\d\d)\b", text)
    month = day = None
    for token in re.findall(r"[a-z]+", text):
        if token in MONTHS:
            month = MONTHS[token]
            break
    if month is not None:
        days = [int(d) for d in re.findall(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", text) if 1 <= int(d) <= 31]
        day = days[0] if days else None
    return (int(year[0]) if year else None, month, day)


def check_file(path, slug):
    problems = []

    def problem(line, why):
        problems.append("%s:%d: %s" % (os.path.relpath(path, guide_records.ROOT), line, why))

    try:
        records = dict(guide_records.records(slug))
    except FileNotFoundError:
        problem(1, "no article rdcr/articles/%s.xml" % slug)
        return problems
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            problem(1, "columns are %s, not %s" % (reader.fieldnames, COLUMNS))
            return problems
        seen = set()
        acts = {}
        for line, row in enumerate(reader, start=2):
            prefix = "rdcr/articles/%s.xml#" % slug
            if not row["record"].startswith(prefix) or not row["record"][len(prefix):].isdigit():
                problem(line, "record %r is not %sN" % (row["record"], prefix))
                continue
            number = int(row["record"][len(prefix):])
            if number not in records:
                problem(line, "the article has no record #%d" % number)
                continue
            seen.add(number)
            key = (number, row["act"])
            if key in acts:
                problem(line, "record #%d act %s is also on line %d" % (number, row["act"], acts[key]))
            acts[key] = line
            kind = row["kind"]
            if kind not in RELATION_KINDS | MISSION_KINDS | OTHER_KINDS:
                problem(line, "kind %r is not one of the kinds" % kind)
            if row["date"] and not PARTIAL.match(row["date"]):
                problem(line, "date %r is not YYYY, YYYY-MM or YYYY-MM-DD" % row["date"])
            if row["date_qualifier"] not in QUALIFIERS:
                problem(line, "date_qualifier %r is not one of %s" % (row["date_qualifier"], sorted(QUALIFIERS)))
            if row["acting"] not in ACTING:
                problem(line, "acting %r is not one of %s" % (row["acting"], sorted(ACTING)))
            if row["side"] not in SIDES:
                problem(line, "side %r is not one of %s" % (row["side"], sorted(SIDES)))
            if row["heading_differs"] not in ("0", "1"):
                problem(line, "heading_differs is %r, not 0 or 1" % row["heading_differs"])
            if kind in MISSION_KINDS:
                if not row["side"]:
                    problem(line, "a mission act needs side US or partner")
                if row["mission_kind"] not in KINDS_OF_MISSION:
                    problem(line, "mission_kind %r is not one of %s" % (row["mission_kind"], sorted(KINDS_OF_MISSION)))
            elif row["side"] or row["mission_kind"]:
                problem(line, "side and mission_kind are for mission acts only")
            if kind == "none":
                if not row["note"]:
                    problem(line, "a record of kind none says in note what it tells")
                continue
            text = fold(guide_records.record_text(records[number]))
            quote = fold(row["quote"])
            if not quote:
                problem(line, "no quote")
            elif quote not in text:
                problem(line, "the quote is not word for word in record #%d: %r" % (number, row["quote"][:100]))
            if row["date"] and not row["date_words"]:
                problem(line, "a date needs its date_words")
            if row["date_words"] and fold(row["date_words"]) not in quote:
                problem(line, "date_words %r are not in the quote" % row["date_words"])
            if row["manner"] and fold(row["manner"]).lower() not in quote.lower():
                problem(line, "manner %r is not in the quote" % row["manner"])
            if row["date"] and row["date_words"]:
                year, month, day = named_date(row["date_words"])
                parts = [int(p) for p in row["date"].split("-")]
                if year is not None and parts[0] != year and row["date_qualifier"] != "between":
                    problem(line, "date %s but the words name the year %d" % (row["date"], year))
                if month is not None and len(parts) > 1 and parts[1] != month:
                    problem(line, "date %s but the words name month %d" % (row["date"], month))
                if day is not None and len(parts) > 2 and parts[2] != day:
                    problem(line, "date %s but the words name day %d" % (row["date"], day))
                if month is not None and len(parts) == 1:
                    problem(line, "the words name a month; date %s gives only the year" % row["date"])
        for number in sorted(set(records) - seen):
            problem(1, "record #%d is not read (no row)" % number)
    return problems


def main(argv):
    slugs = argv[1:] or sorted(f[:-4] for f in os.listdir(READINGS) if f.endswith(".csv"))
    problems = []
    for slug in slugs:
        path = os.path.join(READINGS, slug + ".csv")
        if not os.path.exists(path):
            problems.append("data/readings/rdcr/%s.csv: no such reading file" % slug)
            continue
        problems.extend(check_file(path, slug))
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
