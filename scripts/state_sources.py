"""The world sources of reldb's states (data/world/): the CIA World Factbook's last edition and
the Correlates of War and Gleditsch-Ward state lists, read for scripts/build_state_seed.py.

- Each state's first day: the candidates the sources give (the Factbook's `Independence`, the
  lists' first days, the guide's day in data/states/exact_dates.csv, the gazetteer's first
  year) and the one used, with the rule that chose it (data/derived/state_first_days.csv).
- Each state's COW and Gleditsch-Ward numbers by era, from the lists' spans cut to reldb's
  states (data/states/state_numbers_map.csv), and every disagreement with the numbers the seed
  had from the country_converter and countrycode packages (data/derived/state_numbers_report.csv).

Python's standard library only; the output depends only on the input files.
"""

import csv
import html
import json
import os
import re
import sys
import unicodedata

FACTBOOK_SOURCE = "7"
LIST_SOURCES = {"cow": "8", "gw": "9"}
LIST_FILES = {"cow": "cow_states.csv", "gw": "gw_states.csv"}
LIST_NAMES = {"cow": "COW", "gw": "Gleditsch-Ward"}
SYSTEM_START = "1816-01-01"
OPEN_END = "9999-12-31"

MONTHS = {name: number for number, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
# A day as the Factbook writes it: "1 August 1960", "14-15 May 1811" (the first day),
# "September 1991", "1839"; "ca." and "B.C." dates are no days.
DAY = re.compile(
    r"(?<![\w.])(?:(\d{1,2})(?:-\d{1,2})?\s+)?"
    r"(January|February|March|April|May|June|July|August|September|October|November|December)?"
    r"\s*(\d{3,4})(?![\d,])(?!\s*B\.C\.)(?!\s*years)")


# ---------------------------------------------------------------- partial dates


def _common(a, b):
    n = min(len(a), len(b))
    return a[:n], b[:n]


def ends_before(until, start):
    """Whether a period that ends on `until` ends before one that begins on `start` (partial
    dates compared at the coarser precision, as reldb's own rule)."""
    if not until or not start:
        return False
    a, b = _common(until, start)
    return a < b


def _pick(dates, later):
    """The latest (or earliest) of several partial dates, None open; of two that agree at the
    coarser precision, the finer one (it is within the coarser one)."""
    best = None
    for date in dates:
        if not date:
            continue
        if best is None:
            best = date
            continue
        a, b = _common(date, best)
        if (a > b if later else a < b) or (a == b and len(date) > len(best)):
            best = date
    return best


def later_start(*dates):
    """The latest of several first days (None: open)."""
    return _pick(dates, later=True)


def earlier_end(*dates):
    """The earliest of several last days (None: open)."""
    return _pick(dates, later=False)


# ---------------------------------------------------------------- the Factbook


def fold(name):
    decomposed = unicodedata.normalize("NFKD", html.unescape(name))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = plain.replace("\u2019", "").replace("'", "").replace("&", " and ")
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


def factbook_days(text):
    """The dated statements of a Factbook `Independence` text before its "notable earlier
    dates", in the text's order: (day, statement)."""
    text = html.unescape(text or "")
    # "no official date of independence: 976 (...); 17 September 1156 (...)": milestones, no day.
    if text.lower().startswith("no official date"):
        return []
    main = re.split(r"notable earlier dates?:", text)[0]
    days = []
    for statement in main.split(";"):
        statement = statement.strip()
        if statement.lower().startswith("no official date"):
            continue
        match = DAY.search(statement)
        if not match:
            continue
        day, month, year = match.groups()
        date = year.zfill(4)
        if month:
            date += f"-{MONTHS[month.lower()]:02d}"
            if day:
                date += f"-{int(day):02d}"
        days.append((date, statement))
    return days


def read_factbook(folder):
    """Every entry of the Factbook: its GEC code, names, `Independence` text, and whether the
    Factbook's own summary lists it as a sovereign country (or Taiwan, its "other")."""
    summary = open(os.path.join(folder, "SUMMARY.md"), encoding="utf-8").read()
    sovereign_part = summary.split("### Sovereign Countries")[1].split("### Dependencies")[0]
    sovereign = set(re.findall(r"^`(\w\w)`", sovereign_part, re.M)) - {"ee"}
    entries = []
    for region in sorted(os.listdir(folder)):
        path = os.path.join(folder, region)
        if not os.path.isdir(path):
            continue
        for name in sorted(os.listdir(path)):
            if not name.endswith(".json"):
                continue
            with open(os.path.join(path, name), encoding="utf-8") as handle:
                data = json.load(handle)
            government = data.get("Government", {})
            names = government.get("Country name", {})
            text = government.get("Independence", {}).get("text", "")
            gec = name[:-5]
            entries.append({
                "gec": gec,
                "file": f"data/world/factbook/{region}/{name}",
                "short": html.unescape(names.get("conventional short form", {}).get("text", "")),
                "long": html.unescape(names.get("conventional long form", {}).get("text", "")),
                "former": html.unescape(names.get("former", {}).get("text", "")),
                "independence": html.unescape(text),
                "sovereign": gec in sovereign,
            })
    return entries


def match_factbook(entries, states, aliases, table):
    """Each sovereign Factbook entry's reldb state: `data/states/factbook_codes.csv` where it
    names one, else the one state of today whose name, official name or alias (folded) is the
    entry's conventional short or long form. An entry that matches no state, or several, stops
    the build: add it to the table."""
    today = {s["code"] for s in states if not s["existed_until"] and s["sovereign"] == "1"}
    names = {}
    for state in states:
        if state["code"] in today:
            for name in (state["name"], state.get("official_name", "")):
                if name:
                    names.setdefault(fold(name), set()).add(state["code"])
    for alias in aliases:
        if alias["state"] in today and not alias["valid_until"]:
            names.setdefault(fold(alias["alias"]), set()).add(alias["state"])
    fixed = {row["gec"]: row for row in table}
    matched = {}
    for entry in entries:
        if not entry["sovereign"]:
            continue
        if entry["gec"] in fixed:
            if fixed[entry["gec"]]["code"]:
                matched[entry["gec"]] = fixed[entry["gec"]]["code"]
            continue
        found = set()
        for name in (entry["short"], entry["long"]):
            if name and name.lower() != "none":
                found |= names.get(fold(name), set())
        if len(found) != 1:
            sys.exit(f"data/states/factbook_codes.csv: the Factbook's {entry['gec']} "
                     f"({entry['short']} / {entry['long']}) matches {sorted(found) or 'no state'}")
        matched[entry["gec"]] = found.pop()
    codes = list(matched.values())
    doubles = sorted({c for c in codes if codes.count(c) > 1})
    if doubles:
        sys.exit(f"Factbook entries matched to one state twice: {doubles}")
    return matched


# ---------------------------------------------------------------- the state lists


def read_lists(folder):
    lists = {}
    for system, name in LIST_FILES.items():
        with open(os.path.join(folder, name), encoding="utf-8", newline="") as handle:
            lists[system] = list(csv.DictReader(handle))
    return lists


def build_numbers(states, lists, mapping):
    """The numbers of each state by era: every span of the two lists, given to the state
    `state_numbers_map.csv` names (or divided between two, or given to none, with the reason),
    and cut to the state's years of existence. Returns the rows and the report of every span
    given to no state or cut."""
    by_code = {s["code"]: s for s in states}
    keyed = {}
    for row in mapping:
        keyed.setdefault((row["system"], row["number"], row["list_start"]), []).append(row)
    numbers, report = [], []
    for system in LIST_FILES:
        for span in lists[system]:
            key = (system, span["code"], span["start"])
            rows = keyed.pop(key, None)
            if rows is None:
                sys.exit(f"data/states/state_numbers_map.csv: no row for {system} {span['code']} "
                         f"({span['name']}) from {span['start']}")
            end = None if span["end"] == OPEN_END else span["end"]
            listed = f"{span['start']}–{end or ''}"
            for row in rows:
                where = f"{LIST_NAMES[system]} {span['code']} {span['name']} {listed}"
                if not row["state"]:
                    report.append(report_row(system, span, "", "no state", row["why"]))
                    continue
                state = by_code.get(row["state"])
                if state is None:
                    sys.exit(f"data/states/state_numbers_map.csv: {where}: no state {row['state']}")
                start = later_start(span["start"], row["number_from"], state["existed_from"])
                until = earlier_end(end, row["number_until"], state["existed_until"])
                if ends_before(until, start):
                    report.append(report_row(system, span, row["state"], "outside the state's years",
                                             f"{state['name']} existed {state['existed_from']}–"
                                             f"{state['existed_until']}"))
                    continue
                reasons = []
                if row["number_from"] or row["number_until"]:
                    reasons.append(f"the list's span {listed} divided between reldb's states: "
                                   f"{row['why']}")
                mapped = (later_start(span["start"], row["number_from"]),
                          earlier_end(end, row["number_until"]))
                for side, ours, theirs in (("first", start, mapped[0]), ("last", until, mapped[1])):
                    bound = state["existed_from"] if side == "first" else state["existed_until"]
                    if ours != theirs and ours == bound:
                        reasons.append(f"cut to the state's {side} day, {bound}")
                        report.append(report_row(
                            system, span, row["state"], f"cut to the state's {side} day",
                            f"the list gives {theirs or 'none (still)'}, the state's {side} day "
                            f"is {bound}"))
                numbers.append({
                    "state": row["state"], "system": system, "number": span["code"],
                    "number_from": start, "number_until": until or "",
                    "source_id": LIST_SOURCES[system],
                    "basis": "inferred" if reasons else "stated",
                    "basis_note": "; ".join(r.rstrip(".") for r in reasons) + "." if reasons else "",
                    "note": row["why"] if not reasons else "",
                })
    if keyed:
        left = sorted(keyed)
        sys.exit(f"data/states/state_numbers_map.csv: rows match no span of the lists: {left}")
    numbers.sort(key=lambda r: (r["state"], r["system"], r["number_from"]))
    return numbers, report


def report_row(system, span, state, what, note):
    end = "" if span["end"] == OPEN_END else span["end"]
    return {"system": system, "number": span["code"], "list_name": span["name"],
            "list_start": span["start"], "list_end": end, "state": state, "what": what,
            "note": note}


def latest_numbers(states, numbers):
    """`states.gw_code` and `cow_code`: the number of each state's latest span."""
    by_code = {s["code"]: s for s in states}
    for state in states:
        state["gw_code"] = state["cow_code"] = ""
    for row in numbers:
        state = by_code[row["state"]]
        column = "gw_code" if row["system"] == "gw" else "cow_code"
        state[column] = row["number"]


def compare_with_packages(states, packages, report):
    """A report row for every state whose number from the lists differs from the one the seed
    had from the country_converter and countrycode packages (sources 4 and 5)."""
    for state in states:
        for column, system in (("gw_code", "gw"), ("cow_code", "cow")):
            had = packages.get((state["code"], column), "")
            now = state[column]
            if had != now:
                report.append({
                    "system": system, "number": now, "list_name": "", "list_start": "",
                    "list_end": "", "state": state["code"], "what": "differs from the packages",
                    "note": f"the packages (sources 4, 5) gave {had or 'none'}, the list "
                            f"{'gives ' + now if now else 'gives none'}; the list's is kept"})


# ---------------------------------------------------------------- first days


def list_starts(lists, mapping):
    """The first day each list gives each state: the earliest start of its spans before any
    cut to the state's years, by (state, system)."""
    keyed = {}
    for row in mapping:
        if row["state"]:
            keyed.setdefault((row["system"], row["number"], row["list_start"]), []).append(row)
    starts = {}
    for system in LIST_FILES:
        for span in lists[system]:
            for row in keyed.get((system, span["code"], span["start"]), []):
                start = later_start(span["start"], row["number_from"])
                key = (row["state"], system)
                if key not in starts or start < starts[key]:
                    starts[key] = start
    return starts


class FirstDays:
    """Each sovereign state's first day, from a cited source, and the table of candidates
    (data/derived/state_first_days.csv). The rules, in order:

    1. A row of data/states/exact_dates.csv decides (the guide's day where it states the
       state's independence or the US recognition of it before the others' days, or the reason
       the state existed long before; each row names its source).
    2. Else the Factbook's `Independence` (a state of today that the Factbook describes): its
       first dated statement of independence from another power ("from ..."), else its first
       dated statement, before its "notable earlier dates"; a day before 1776 leaves the first
       day open ("before 1776").
    3. Else (former states) the gazetteer's first year, where the state came into being by
       independence, made a day by the Gleditsch-Ward or COW list where the list's first day is
       in that year and after the lists' common start of 1816-01-01 (system membership, not
       always independence, hence only within the gazetteer's year).
    """

    def __init__(self, factbook, matched, lists, mapping, exact, curated, gazetteer_years):
        self.by_code = {}
        entries = {entry["gec"]: entry for entry in factbook}
        for gec, code in matched.items():
            self.by_code[code] = entries[gec]
        self.starts = list_starts(lists, mapping)
        self.exact = {row["code"]: row for row in exact}
        self.curated = {code: row["existed_from"] for code, row in curated.items()}
        self.gazetteer = gazetteer_years

    def factbook_day(self, code):
        entry = self.by_code.get(code)
        if entry is None:
            return None, None
        days = factbook_days(entry["independence"])
        if not days:
            return entry, None
        return entry, next((d for d in days if "from" in d[1]), days[0])

    def apply(self, states):
        """Rules 2 and 3 (rule 1 is applied after, as the script applies exact_dates.csv)."""
        for code, state in states.items():
            if state.get("sovereign") != "1":
                continue
            entry, day = self.factbook_day(code)
            if day is not None:
                state["existed_from"] = day[0] if day[0] >= "1776" else ""
                state["source_id"] = FACTBOOK_SOURCE
                continue
            if entry is not None:
                continue
            year = state["existed_from"]
            if len(year) != 4:
                continue
            for system in ("gw", "cow"):
                first = self.starts.get((code, system))
                if first and first[:4] == year and first > SYSTEM_START:
                    state["existed_from"] = first
                    state["source_id"] = LIST_SOURCES[system]
                    break

    def table(self, states):
        rows = []
        for state in states:
            if state["sovereign"] != "1":
                continue
            code = state["code"]
            entry, day = self.factbook_day(code)
            exact = self.exact.get(code)
            rows.append({
                "code": code, "name": state["name"],
                "factbook": entry["file"] if entry else "",
                "factbook_independence": entry["independence"] if entry else "",
                "factbook_day": day[0] if day else "",
                "gw_first": self.starts.get((code, "gw"), ""),
                "cow_first": self.starts.get((code, "cow"), ""),
                "table_day": exact["existed_from"] if exact else "",
                "table_source": exact["source"] if exact else "",
                "gazetteer_first": self.gazetteer.get(code, ""),
                "seed_before": self.curated.get(code, ""),
                "existed_from": state["existed_from"], "source_id": state.get("source_id", ""),
                "rule": self.rule(state, entry, day, exact),
            })
        return rows

    def rule(self, state, entry, day, exact):
        if exact is not None and (exact["existed_from"] or not exact["existed_until"]):
            if exact["existed_from"]:
                return "1: data/states/exact_dates.csv — " + exact["note"]
            return "1: existed long before — " + exact["note"]
        if day is not None:
            if day[0] < "1776":
                return f"2: the Factbook's first day ({day[1]}) is before 1776"
            return f"2: the Factbook's {day[1]}"
        if entry is not None:
            return "2: the Factbook gives no day; the gazetteer's years"
        if state.get("source_id") in LIST_SOURCES.values():
            return "3: the gazetteer's year, made a day by the list's first day in it"
        if state["existed_from"] and state.get("source_id") == "6":
            return "3: data/states/extra_states.csv — " + state.get("note", "")
        if state["existed_from"]:
            return "3: the gazetteer's years"
        return "3: the gazetteer's first entry begins before 1776, or gives no year: open"
