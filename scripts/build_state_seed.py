#!/usr/bin/env python3
"""Builds the seed's states, their eras, successions, names and parts.

    python3 scripts/build_state_seed.py                 # data/ -> seed/
    python3 scripts/build_state_seed.py --out DIR       # write the five files to DIR

Reads the gazetteer's extract (data/derived/gsh_states.csv, gsh_successions.csv, made by
scripts/convert_gsh.py), ISO 3166-3 (data/iso3166-3.csv) and the hand-kept tables in
data/states/ (see data/states/README.md), and writes seed/states.csv, seed/state_eras.csv,
seed/state_successions.csv, seed/state_aliases.csv and seed/state_parts.csv. Running it again
on the same input writes the same bytes. Python's standard library only.
"""

import argparse
import csv
import datetime
import io
import os
import sys
import unicodedata

import state_sources

# Ids in seed/sources.csv.
GAZETTEER = "2"
FACTBOOK = "3"
# The Office of the Historian's guide to relations by country: the day a state came into
# being, where an article states it (each row of exact_dates.csv names its article).
GUIDE = "6"
# The Factbook's last edition (data/world/factbook), the COW and Gleditsch-Ward state lists
# (data/world/state-lists) and the UN General Assembly votes (data/world/un-votes).
FACTBOOK_LAST = state_sources.FACTBOOK_SOURCE
UN_VOTES = "10"
SOURCES = {"gazetteer": GAZETTEER, "factbook": FACTBOOK_LAST, "guide": GUIDE, "un-votes": UN_VOTES,
           "cow": state_sources.LIST_SOURCES["cow"], "gw": state_sources.LIST_SOURCES["gw"]}

STATE_COLUMNS = [
    "code", "iso2", "iso3", "iso_numeric", "gw_code", "cow_code", "name", "official_name",
    "status", "sovereign", "existed_from", "existed_until", "source_id", "note",
]
ERA_COLUMNS = [
    "gsh_id", "state", "short_name", "long_name", "kind", "began_on", "ended_on", "source_id",
    "note",
]
SUCCESSION_COLUMNS = [
    "predecessor", "successor", "succeeded_on", "kind", "source_id", "basis", "basis_note",
    "note",
]
NUMBER_COLUMNS = [
    "state", "system", "number", "number_from", "number_until", "source_id", "basis",
    "basis_note", "note",
]
FIRST_DAY_COLUMNS = [
    "code", "name", "factbook", "factbook_independence", "factbook_day", "gw_first", "cow_first",
    "table_day", "table_source", "gazetteer_first", "seed_before", "existed_from", "source_id",
    "rule",
]
NUMBER_REPORT_COLUMNS = [
    "system", "number", "list_name", "list_start", "list_end", "state", "what", "note",
]
ALIAS_COLUMNS = ["id", "alias", "state", "valid_from", "valid_until", "kind", "source_id", "note"]
PART_COLUMNS = [
    "state", "part_of", "name", "part_from", "part_until", "source_id", "basis", "basis_note",
    "note",
]

KIND_NOTE = (
    "The gazetteer names the link; its kind is derived from the shape of the record "
    "(data/derived/README.md, Kinds of succession)."
)


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(path, columns, rows):
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())
    os.replace(tmp, path)


def era_states(eras, curated, overrides):
    """The state of each era: an era whose own code is a state of the curated seed keeps it
    (YUCS and CSXX are two states there), an earlier era goes to the next such era of its
    group (the Kingdom of Yugoslavia is an era of YUCS), a later one to the group's code."""
    groups = {}
    for era in eras:
        groups.setdefault(era["state_code"], []).append(era)
    owner = {}
    for code, members in groups.items():
        members.sort(key=lambda e: int(e["era"]))
        following = code
        for era in reversed(members):
            if era["code"] in curated:
                following = era["code"]
            owner[era["slug"]] = following
    for row in overrides:
        owner[row["gsh_id"]] = row["state"]
    return owner


def apply_identities(owner, identities, eras):
    """The identity table (data/states/identities.csv): an earlier gazetteer entry that the
    table says keeps its state's identity is an era of that state (its successions keep their
    own years, as era_owners.csv's `own`); one that makes a new state belongs to its own code.
    Every row is then checked against the owners, so the table and the seed cannot drift."""
    slugs = {era["slug"] for era in eras}
    for row in identities:
        if row["earlier"]:
            if row["earlier"] not in slugs:
                sys.exit(f"data/states/identities.csv: no gazetteer entry {row['earlier']}")
            owner[row["earlier"]] = row["state"]
    return [{"gsh_id": row["earlier"], "state": row["state"], "links": "own"}
            for row in identities if row["earlier"]]


def check_identities(identities, owner, codes):
    """Each row of the identity table holds in the seed: `same` joins the two entries in one
    state, `new` keeps them apart, and every code it names is a state of the seed."""
    for number, row in enumerate(identities, start=2):
        where = f"data/states/identities.csv line {number}"
        if row["identity"] not in ("same", "new"):
            sys.exit(f"{where}: identity must be same or new, not {row['identity']!r}")
        for column in ("state", "later_state"):
            if row[column] not in codes:
                sys.exit(f"{where}: {column} {row[column]} is no state of the seed")
        if row["identity"] == "same" and row["state"] != row["later_state"]:
            sys.exit(f"{where}: the same state cannot have two codes")
        if row["identity"] == "new" and row["state"] == row["later_state"]:
            sys.exit(f"{where}: a new state needs a code of its own")
        for column, code in (("earlier", row["state"]), ("later", row["later_state"])):
            slug = row[column]
            if slug and slug in owner and owner[slug] != code:
                sys.exit(f"{where}: {slug} is an era of {owner[slug]}, not {code}")


def year(text):
    """A year as the schema takes it: four digits; a year before 1000 padded, one before the
    common era left out (None)."""
    if not text:
        return ""
    if text.startswith("-"):
        return None
    return text.zfill(4)


def year_span(members):
    """The first and last year of a state's eras: the first left empty before 1776 (the
    schema's 'before 1776'), the last empty while an era is on today's map."""
    froms = [year(e["from_year"]) for e in members if e["from_year"]]
    froms = [f for f in froms if f and f >= "1776"] if all(froms) and min(froms, default="9") >= "1776" else []
    untils = [e["to_year"] for e in members]
    first = min(froms) if froms else ""
    last = "" if not untils or any(u == "" for u in untils) else max(untils)
    if first and last and last < first:
        first = ""
    return first, last


def independent_years(eras, owner):
    """The first year of each state's eras that the gazetteer types as independent states, as
    written (before 1776 too): a candidate of the table of first days."""
    years = {}
    for era in eras:
        if era["kind"] == "independent-state" and era["from_year"]:
            code = owner[era["slug"]]
            value = int(era["from_year"])
            years[code] = min(years.get(code, value), value)
    return {code: str(year) for code, year in years.items()}


def independent_from(links, owner):
    """The states whose first era follows a dependency (independence): for them the
    gazetteer's first year is the year the state came into being."""
    return {owner[link["successor"]] for link in links
            if link["immediate"] == "yes" and link["kind"] == "independence"}


def build_states(eras, owner, curated, iso3, exact, extra, independent, first_days):
    """Today's states keep their exact dates; one with none takes the gazetteer's first year
    where it came into being by independence (a state whose first entry follows another
    state existed before its first entry: its years stay open)."""
    members = {}
    for era in eras:
        members.setdefault(owner[era["slug"]], []).append(era)
    states = {}
    for code, row in curated.items():
        state = dict(row)
        first, last = year_span(members.get(code, []))
        if not state["existed_from"] and first and code in independent:
            state["existed_from"] = first
            state["source_id"] = GAZETTEER
        if not state["existed_until"] and state["status"] == "former" and last:
            state["existed_until"] = last
            state["source_id"] = GAZETTEER
        if len(row["existed_from"]) == 10 or len(row["existed_until"]) == 10:
            state["source_id"] = FACTBOOK
        states[code] = state
    for code, group in members.items():
        if code in states:
            continue
        # Eras joined by the identity table come from several of the converter's groups, so
        # their order is their years' (the converter's own order within a group breaks ties).
        group.sort(key=lambda e: (int(e["from_year"] or -10**6), int(e["era"])))
        last_era = group[-1]
        first, last = year_span(group)
        dependency = last_era["kind"] == "dependency"
        untyped = all(not e["kind"] for e in group)
        iso = iso3.get(code, {})
        states[code] = {
            "code": code,
            "iso3": iso.get("alpha3", ""),
            "iso_numeric": iso.get("numeric", ""),
            "name": last_era["short_name"],
            "official_name": last_era["long_name"],
            "status": "territory" if dependency else ("former" if last else "non_member"),
            "sovereign": "0" if dependency or untyped else "1",
            "existed_from": first,
            "existed_until": last,
            "source_id": GAZETTEER,
        }
    # The states the gazetteer lacks take their years from the guide's articles (each row's
    # note names them).
    for row in extra:
        states[row["code"]] = dict(row, status="former", sovereign="1", source_id=GUIDE)
    first_days.apply(states)
    for row in exact:
        state = states[row["code"]]
        for column in ("name", "official_name", "existed_from", "existed_until"):
            if row[column]:
                state[column] = row[column]
        # A row with no day at all says the state existed long before (its note says since
        # when), whatever day a source gives a later milestone (the Factbook's 1871 for Germany).
        if not row["existed_from"] and not row["existed_until"]:
            state["existed_from"] = ""
        state["source_id"] = SOURCES[row["source"]]
        note = state.get("note", "")
        if row["note"] and row["note"] not in note:
            state["note"] = (note + " " + row["note"]).strip()
    return [states[code] for code in sorted(states)]


def close_untyped(states, eras, owner, successions):
    """A state whose gazetteer entries all lack a type is no sovereign state, as no source
    says it was (Sicily of 1815, Ubangi-Shari-Chad); one the gazetteer leaves without a last
    year ended when its first successor began (inferred, and said in its note)."""
    typed = {owner[e["slug"]] for e in eras if e["kind"]}
    for state in states:
        code = state["code"]
        if code in typed or not any(owner[e["slug"]] == code for e in eras):
            continue
        state["sovereign"] = "0"
        note = ("The gazetteer gives its entries no type: not a sovereign state, as no source "
                "says it was.")
        if not state["existed_until"]:
            years = sorted(r["succeeded_on"] for r in successions
                           if r["predecessor"] == code and r["succeeded_on"])
            if years:
                state["existed_until"] = years[0][:4]
                state["status"] = "former"
                note += (f" The gazetteer gives no last year; it ended when its successor "
                         f"began ({years[0][:4]}, inferred).")
        state["note"] = (state.get("note", "") + " " + note).strip()


def build_eras(eras, owner):
    rows = []
    for era in sorted(eras, key=lambda e: e["slug"]):
        began, ended = year(era["from_year"]), year(era["to_year"])
        note = ""
        if began is None:
            note = f"The gazetteer gives {era['from_year']} as the first year: left out."
            began = ""
        if began and ended and ended < began:
            note = f"The gazetteer gives {began} as the first year, after the last: left out."
            began = ""
        rows.append({
            "gsh_id": era["slug"],
            "state": owner[era["slug"]],
            "short_name": era["short_name"],
            "long_name": era["long_name"],
            "kind": era["kind"].replace("-", "_"),
            "began_on": began,
            "ended_on": ended,
            "source_id": GAZETTEER,
            "note": note,
        })
    return rows


def build_successions(links, owner, overrides, states):
    """State-level links: the gazetteer's immediate links between eras of two states. A link
    into an era given to another state (era_owners.csv, `links` = `state`) dates from that
    state's beginning, and one out of it is left out; an era that is the same state under an
    earlier name (`links` = `own`: Persia, the Ottoman Empire) keeps its links and their years."""
    moved = {row["gsh_id"] for row in overrides if row.get("links") != "own"}
    began = {s["code"]: s["existed_from"][:4] for s in states}
    rows = {}
    for link in links:
        if link["immediate"] != "yes" or link["predecessor"] in moved:
            continue
        pred, succ = owner[link["predecessor"]], owner[link["successor"]]
        if pred == succ:
            continue
        kind = link["kind"].replace("-", "_")
        year = began[succ] if link["successor"] in moved else link["year"]
        row = {
            "predecessor": pred,
            "successor": succ,
            "succeeded_on": year,
            "kind": kind,
            "source_id": GAZETTEER,
            "basis": "inferred" if kind else "stated",
            "basis_note": KIND_NOTE if kind else "",
            "note": f"{link['predecessor']} -> {link['successor']}",
        }
        key = (pred, succ)
        if key not in rows or (row["succeeded_on"] or "9999") < (rows[key]["succeeded_on"] or "9999"):
            rows[key] = row
    return [rows[key] for key in sorted(rows)]


def gazetteer_names(eras, owner):
    """Each era's short and long name, as one row over consecutive eras of a state that
    bear the same name."""
    names = []
    for era in sorted(eras, key=lambda e: (owner[e["slug"]], int(e["era"]), e["slug"])):
        for column, kind in (("short_name", "short_name"), ("long_name", "long_name")):
            name = era[column]
            if not name:
                continue
            state = owner[era["slug"]]
            began, ended = year(era["from_year"]) or "", year(era["to_year"])
            if began and ended and ended < began:
                began = ""
            previous = next(
                (n for n in reversed(names) if n["alias"] == name and n["state"] == state
                 and n["kind"] == kind),
                None,
            )
            if previous and previous["valid_until"] and began and int(began) <= int(previous["valid_until"]) + 1:
                previous["valid_until"] = ended
                previous["note"] += " " + era["slug"]
                continue
            names.append({
                "alias": name, "state": state, "valid_from": began, "valid_until": ended,
                "kind": kind, "source_id": GAZETTEER, "note": "Gazetteer: " + era["slug"],
            })
    return names


def fold(name):
    """A name as reldb matches it (src/states/mod.rs, `normalize`): accents dropped, case
    folded, apostrophes dropped like accents ("Hawai’i" is "Hawaii"), white space collapsed."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    for apostrophe in APOSTROPHES:
        plain = plain.replace(apostrophe, "")
    return " ".join(plain.lower().split())


# The apostrophes reldb drops when it matches names (src/states/mod.rs, APOSTROPHES).
APOSTROPHES = "'\u2019\u2018`\u02bc"


def span(state, valid_from="", valid_until=""):
    """The days in which a name of `state` can mean it: partial dates, compared as reldb
    compares them (at the coarser precision), so that what passes here passes there."""
    first = state_sources.later_start(valid_from, state["existed_from"]) or "0000"
    last = state_sources.earlier_end(valid_until, state["existed_until"]) or "9999"
    return first, last


def clashes(name, code, years, meanings):
    return [m for m in meanings.get(fold(name), [])
            if m[0] != code and not state_sources.ends_before(years[1], m[1][0])
            and not state_sources.ends_before(m[1][1], years[0])]


def day_after(date):
    """The first day after a partial date: the next year, month or day."""
    if len(date) == 4:
        return str(int(date) + 1)
    if len(date) == 7:
        year, month = int(date[:4]), int(date[5:])
        return f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    return (datetime.date.fromisoformat(date) + datetime.timedelta(days=1)).isoformat()


def former_alpha2(iso3, by_code, meanings, count):
    """The withdrawn ISO 3166-1 alpha-2 code of a former state (SU for SUHH), as an
    abbreviation, where no other state could be meant by it on the same day."""
    rows = []
    for code in sorted(iso3):
        state = by_code.get(code)
        alpha2 = iso3[code]["alpha2"]
        if not state or not alpha2 or clashes(alpha2, code, span(state), meanings):
            continue
        meanings.setdefault(fold(alpha2), []).append((code, span(state)))
        rows.append({
            "alias": alpha2, "state": code, "valid_from": "", "valid_until": "",
            "kind": "abbreviation",
            "note": "ISO 3166-1 alpha-2 code, withdrawn (ISO 3166-3).",
        })
    return rows


def build_aliases(curated, eras, owner, states, iso3):
    """Today's aliases, then the gazetteer's names. reldb refuses an alias that another
    state's name or alias could mean on the same day: a kept alias that meets a gazetteer
    state of the same name starts the year after that state ended ('Abyssinia' is Ethiopia
    from 1975, the gazetteer's Abyssinia before), and a gazetteer name that still meets
    another meaning is left out (the state keeps its own name)."""
    by_code = {s["code"]: s for s in states}
    meanings = {}
    for state in states:
        for name in (state["code"], state["name"], state.get("iso3", "")):
            if name:
                meanings.setdefault(fold(name), []).append((state["code"], span(state)))
    rows = []
    for row in curated:
        row = dict(row)
        state = by_code[row["state"]]
        for code, (_, last) in clashes(row["alias"], row["state"],
                                       span(state, row["valid_from"], row["valid_until"]),
                                       meanings):
            if last != "9999" and not state_sources.ends_before(last, row["valid_from"] or "0000"):
                row["valid_from"] = day_after(last)
                row["note"] = (row["note"] + f" Before {row['valid_from']}, {code}.").strip()
        rows.append(row)
    for row in rows:
        meanings.setdefault(fold(row["alias"]), []).append(
            (row["state"], span(by_code[row["state"]], row["valid_from"], row["valid_until"])))
    rows.extend(former_alpha2(iso3, by_code, meanings, len(rows)))
    taken = {(r["alias"], r["state"], r["valid_from"]) for r in rows}
    names = {s["code"]: {s["name"], s.get("official_name", "")} for s in states}
    next_id = max(int(r["id"]) for r in rows if r.get("id")) + 1
    for row in rows:
        if not row.get("id"):
            row["id"] = str(next_id)
            next_id += 1
    for name in gazetteer_names(eras, owner):
        key = (name["alias"], name["state"], name["valid_from"])
        timeless = (name["alias"], name["state"], "")
        if key in taken or timeless in taken:
            continue
        if name["alias"] in names[name["state"]] and not name["valid_until"]:
            continue
        years = span(by_code[name["state"]], name["valid_from"], name["valid_until"])
        if clashes(name["alias"], name["state"], years, meanings):
            continue
        meanings.setdefault(fold(name["alias"]), []).append((name["state"], years))
        name["id"] = str(next_id)
        next_id += 1
        taken.add(key)
        rows.append(name)
    return rows


def add_gw_codes(states, gw_codes):
    """Each state whose code is an alpha-2 code that the Gleditsch–Ward table lists takes its
    number (`gw_codes.csv`, from country_converter: seed source 4). The former states of the
    list (Yugoslavia, the German states) are not in that table: `add_numbers` gives them the
    countrycode package's (`gw_codes_former.csv`)."""
    by_code = {row["code"]: row["gw_code"] for row in gw_codes}
    for state in states:
        if state["code"] in by_code:
            state["gw_code"] = by_code[state["code"]]


def add_numbers(states, rows, column, table):
    """Each state a table of numbers names (`cow_codes.csv`, `gw_codes_former.csv`: from the
    countrycode package, seed source 5) takes its number in `column`. A row naming no state of
    the seed is an error of the table, not a number to drop quietly. The state's `source_id`
    stays where its dates come from; the numbers' source is cited in data/states/README.md."""
    by_code = {state["code"]: state for state in states}
    for row in rows:
        if row["code"] not in by_code:
            sys.exit(f"data/states/{table}: no state {row['code']} in the seed")
        by_code[row["code"]][column] = row[column]


def package_numbers(states, data):
    """The numbers the seed had from the country_converter and countrycode packages (sources 4
    and 5), for the report of where the lists disagree with them."""
    add_gw_codes(states, read(os.path.join(data, "states", "gw_codes.csv")))
    # A number source 4 gives a state where source 5 gives it another state (Yemen's 680 is
    # South Yemen's), corrected from source 5, each with its reason.
    add_numbers(states, read(os.path.join(data, "states", "gw_corrections.csv")), "gw_code",
                "gw_corrections.csv")
    for table, column in [("gw_codes_former.csv", "gw_code"), ("cow_codes.csv", "cow_code")]:
        add_numbers(states, read(os.path.join(data, "states", table)), column, table)
    return {(s["code"], column): s.get(column, "") for s in states
            for column in ("gw_code", "cow_code")}


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="data", help="the repository's data/ folder")
    parser.add_argument("--out", default="seed", help="where to write the six seed files")
    parser.add_argument("--derived", default=None,
                        help="where to write the two tables for the reader (data/derived)")
    args = parser.parse_args(argv)
    data = args.data
    derived = args.derived or os.path.join(data, "derived")
    eras = read(os.path.join(data, "derived", "gsh_states.csv"))
    links = read(os.path.join(data, "derived", "gsh_successions.csv"))
    iso3 = {r["alpha4"]: r for r in read(os.path.join(data, "iso3166-3.csv"))}
    curated = {r["code"]: r for r in read(os.path.join(data, "states", "curated_states.csv"))}
    exact = read(os.path.join(data, "states", "exact_dates.csv"))
    extra = read(os.path.join(data, "states", "extra_states.csv"))
    parts = read(os.path.join(data, "states", "parts.csv"))
    aliases = read(os.path.join(data, "states", "curated_aliases.csv"))
    factbook = state_sources.read_factbook(os.path.join(data, "world", "factbook"))
    matched = state_sources.match_factbook(
        factbook, list(curated.values()), aliases,
        read(os.path.join(data, "states", "factbook_codes.csv")))
    lists = state_sources.read_lists(os.path.join(data, "world", "state-lists"))
    mapping = read(os.path.join(data, "states", "state_numbers_map.csv"))
    overrides = read(os.path.join(data, "states", "era_owners.csv"))
    identities = read(os.path.join(data, "states", "identities.csv"))
    owner = era_states(eras, curated, overrides)
    overrides = overrides + apply_identities(owner, identities, eras)
    first_days = state_sources.FirstDays(factbook, matched, lists, mapping, exact, curated,
                                         independent_years(eras, owner))
    independent = independent_from(links, owner)
    states = build_states(eras, owner, curated, iso3, exact, extra, independent, first_days)
    check_identities(identities, owner, {state["code"] for state in states})
    successions = build_successions(links, owner, overrides, states)
    close_untyped(states, eras, owner, successions)
    packages = package_numbers(states, data)
    numbers, report = state_sources.build_numbers(states, lists, mapping)
    state_sources.latest_numbers(states, numbers)
    state_sources.compare_with_packages(states, packages, report)
    os.makedirs(args.out, exist_ok=True)
    write(os.path.join(args.out, "states.csv"), STATE_COLUMNS, states)
    write(os.path.join(args.out, "state_eras.csv"), ERA_COLUMNS, build_eras(eras, owner))
    write(os.path.join(args.out, "state_successions.csv"), SUCCESSION_COLUMNS, successions)
    write(os.path.join(args.out, "state_aliases.csv"), ALIAS_COLUMNS,
          build_aliases(aliases, eras, owner, states, iso3))
    write(os.path.join(args.out, "state_parts.csv"), PART_COLUMNS,
          [dict(p, source_id=FACTBOOK) for p in parts])
    write(os.path.join(args.out, "state_numbers.csv"), NUMBER_COLUMNS, numbers)
    os.makedirs(derived, exist_ok=True)
    write(os.path.join(derived, "state_first_days.csv"), FIRST_DAY_COLUMNS,
          first_days.table(states))
    write(os.path.join(derived, "state_numbers_report.csv"), NUMBER_REPORT_COLUMNS, report)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
