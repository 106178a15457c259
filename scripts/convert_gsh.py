#!/usr/bin/env python3
"""Convert the Office of the Historian's gazetteer (gsh) into state rows for reldb.

Reads the territory and countries-old XML files of data/history-at-state/gsh/ and the code
tables in data/, and writes four CSV files to data/derived/:

  gsh_states.csv       one row per gazetteer entry (an era of a state)
  gsh_successions.csv  one row per predecessor/successor link
  gsh_names.csv        one row per name of a state with the years it was valid
  gsh_report.csv       everything the converter could not read or decide

The rules (codes, when two entries are one state) are in data/derived/README.md. Only the
standard library is used, and the output depends only on the input files, so re-running the
script reproduces the committed files byte for byte.

    python3 scripts/convert_gsh.py [--source DIR] [--out DIR] [--codes DIR]
"""

import argparse
import csv
import os
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The source's two types, and the shorter name reldb gives the second.
KINDS = {
    "independent-state": "independent-state",
    "dependency-or-area-of-special-sovereignty": "dependency",
}
STILL_EXISTS = 9999


@dataclass
class Entry:
    """One gazetteer territory file: a state (or dependency) under one name and type."""

    slug: str
    source: str
    short: str = ""
    long: str = ""
    kind: str = ""
    since: object = None
    until: object = None
    preds: list = field(default_factory=list)
    succs: list = field(default_factory=list)
    iso2: str = ""
    iso2_from: str = ""
    code: str = ""
    on_map: bool = False  # valid-until is 9999: the entry is on today's map


class Report:
    """Collects what could not be read or decided; every problem becomes one report row."""

    def __init__(self):
        self.rows = []

    def add(self, source, item, value, problem):
        self.rows.append([source, item, value, problem])


def main(argv=None):
    args = parse_args(argv)
    report = Report()
    entries = read_territories(os.path.join(args.source, "territories"), report)
    iso1 = read_iso3166_1(os.path.join(args.codes, "iso3166-1.csv"))
    assign_iso2(entries, args, iso1, report)
    assign_codes(entries, os.path.join(args.codes, "iso3166-3.csv"), report)
    links = read_links(entries, report)
    mark_immediate(links, report)
    classify(links, entries)
    overrides = read_overrides(os.path.join(args.codes, "gsh-era-overrides.csv"), links, report)
    groups = group_eras(entries, links, overrides, report)
    os.makedirs(args.out, exist_ok=True)
    write_csv(args.out, "gsh_states.csv", state_rows(entries, groups))
    write_csv(args.out, "gsh_successions.csv", succession_rows(links, entries, groups, report))
    write_csv(args.out, "gsh_names.csv", name_rows(entries, groups))
    write_csv(args.out, "gsh_report.csv", [["source", "item", "value", "problem"]] + report.rows)
    print(summary(entries, groups, links, report), file=sys.stderr)
    return 0


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    data = os.path.join(REPO, "data")
    parser.add_argument("--source", default=os.path.join(data, "history-at-state", "gsh"),
                        help="folder holding territories/ and countries-old/")
    parser.add_argument("--out", default=os.path.join(data, "derived"),
                        help="folder the CSV files are written to")
    parser.add_argument("--codes", default=data,
                        help="folder holding iso3166-1.csv, iso3166-3.csv, gsh-iso2-corrections.csv")
    return parser.parse_args(argv)


# ---------------------------------------------------------------- reading the territories


def read_territories(folder, report):
    entries = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".xml"):
            continue
        source = "territories/" + name
        try:
            root = ET.parse(os.path.join(folder, name)).getroot()
        except ET.ParseError as err:
            report.add(source, "file", "", f"not well-formed XML ({err}): file skipped")
            continue
        entry = read_entry(root, source, name[:-4], report)
        if entry.slug in entries:
            report.add(source, "id", entry.slug, "id used by another file too: file skipped")
            continue
        entries[entry.slug] = entry
    return entries


def read_entry(root, source, file_slug, report):
    slug = text(root, "id")
    if slug != file_slug:
        report.add(source, "id", slug, f"id differs from the file name; the file name {file_slug} is used")
        slug = file_slug
    entry = Entry(slug=slug, source=source, short=text(root, "short-form-name"))
    entry.long = read_long_name(root, source, report)
    entry.kind = read_kind(root, source, report)
    entry.since = read_year(root, "valid-since", source, report)
    entry.until = read_year(root, "valid-until", source, report)
    entry.on_map = text(root, "valid-until") == str(STILL_EXISTS)
    if entry.until == STILL_EXISTS:
        entry.until = None
    if entry.since is not None and entry.until is not None and entry.since > entry.until:
        report.add(source, "valid-since", str(entry.since),
                   f"begins after it ends ({entry.until}): years kept as written, no era merge")
    if not entry.short:
        report.add(source, "short-form-name", "", "no short name")
    entry.preds = [e.text.strip() for e in root.iter("predecessor") if e.text and e.text.strip()]
    entry.succs = [e.text.strip() for e in root.iter("successor") if e.text and e.text.strip()]
    return entry


def text(root, tag):
    return (root.findtext(tag) or "").strip()


def read_long_name(root, source, report):
    element = root.find("long-form-name")
    value = (element.text or "").strip() if element is not None else ""
    if value == "-":
        return ""
    if not value and (element is None or element.get("type") != "none"):
        report.add(source, "long-form-name", "",
                   "empty without type=\"none\": whether the state has a long name is not known")
    return value


def read_kind(root, source, report):
    value = text(root, "type-of-territory")
    if value not in KINDS:
        report.add(source, "type-of-territory", value,
                   "no known type: kind left empty; the entry is merged with no other")
        return ""
    return KINDS[value]


def read_year(root, tag, source, report):
    value = text(root, tag)
    try:
        return int(value)
    except ValueError:
        report.add(source, tag, value, "not a year: left empty")
        return None


# ---------------------------------------------------------------- ISO codes


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def read_iso3166_1(path):
    return {row["alpha2"]: row for row in read_csv(path)}


def fold(name):
    """Compares names regardless of case, accents and punctuation."""
    name = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    name = "".join(c for c in name if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in name).split())


def assign_iso2(entries, args, iso1, report):
    """ISO 3166-1 alpha-2 of each entry: corrections, then countries-old, then the ISO name."""
    corrections = {row["slug"]: row for row in read_csv(os.path.join(args.codes, "gsh-iso2-corrections.csv"))}
    for slug, row in corrections.items():
        if slug in entries:
            entries[slug].iso2, entries[slug].iso2_from = row["iso2"], "correction"
        else:
            report.add("gsh-iso2-corrections.csv", "slug", slug, "no territory with this id: correction not used")
    read_countries_old(os.path.join(args.source, "countries-old"), entries, iso1, report)
    match_iso_names(entries, iso1)
    drop_shared_iso2(entries, report)


def read_countries_old(folder, entries, iso1, report):
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".xml"):
            continue
        source = "countries-old/" + name
        try:
            root = ET.parse(os.path.join(folder, name)).getroot()
        except ET.ParseError as err:
            report.add(source, "file", "", f"not well-formed XML ({err}): file skipped")
            continue
        apply_country(root, source, entries, iso1, report)


def apply_country(root, source, entries, iso1, report):
    slug, code = text(root, "id"), text(root, "iso2").upper()
    entry = entries.get(slug)
    if entry is None:
        report.add(source, "id", slug, f"no territory with this id: its code {code or '(none)'} is not used")
    elif entry.iso2_from == "correction":
        if entry.iso2 != code:
            report.add(source, "iso2", code.lower(), f"replaced by {entry.iso2} (data/gsh-iso2-corrections.csv)")
    elif code not in iso1:
        report.add(source, "iso2", code.lower(), "not an ISO 3166-1 alpha-2 code in force: not used")
    else:
        entry.iso2, entry.iso2_from = code, "countries-old"


def match_iso_names(entries, iso1):
    """A state on today's map that countries-old misses gets the ISO code whose name it bears."""
    by_name = {}
    for code, row in iso1.items():
        for column in ("name", "common_name", "official_name"):
            if row[column]:
                by_name.setdefault(fold(row[column]), code)
    for entry in entries.values():
        if entry.iso2 or not entry.on_map:
            continue
        for name in (entry.short, entry.long):
            if name and fold(name) in by_name:
                entry.iso2, entry.iso2_from = by_name[fold(name)], "iso3166-1-name"
                break


def drop_shared_iso2(entries, report):
    holders = defaultdict(list)
    for entry in entries.values():
        if entry.iso2 and entry.on_map:
            holders[entry.iso2].append(entry)
    for code, shared in sorted(holders.items()):
        if len(shared) > 1:
            slugs = " ".join(e.slug for e in shared)
            for entry in shared:
                report.add(entry.source, "iso2", code, f"given to several entries on today's map ({slugs}): not used")
                entry.iso2, entry.iso2_from = "", ""


def assign_codes(entries, table, report):
    """The proposed reldb code: ISO 3166-1 today, ISO 3166-3 for a former state, else X-SLUG."""
    former = {}
    for row in read_csv(table):
        for slug in row["gsh_slugs"].split():
            former[slug] = row["alpha4"]
    for slug, code in sorted(former.items()):
        entry = entries.get(slug)
        if entry is None:
            report.add("iso3166-3.csv", "gsh_slugs", slug, f"no territory with this id: {code} not used")
        elif entry.on_map:
            report.add(entry.source, "code", code, "ISO 3166-3 code given to an entry on today's map: not used")
        else:
            entry.code = code
    for entry in entries.values():
        if entry.on_map and entry.iso2:
            entry.code = entry.iso2
        elif not entry.code:
            entry.code = "X-" + entry.slug.upper()


# ---------------------------------------------------------------- successions


@dataclass
class Link:
    """A predecessor/successor pair, as one or both of the two files list it."""

    pred: str
    succ: str
    listed_by: set = field(default_factory=set)
    immediate: bool = True
    kind: str = ""


def read_links(entries, report):
    links = {}
    for entry in entries.values():
        for other in entry.preds:
            add_link(links, entries, other, entry.slug, "successor", entry, report)
        for other in entry.succs:
            add_link(links, entries, entry.slug, other, "predecessor", entry, report)
    return links


def add_link(links, entries, pred, succ, listed_by, entry, report):
    other = pred if listed_by == "successor" else succ
    tag = "predecessor" if listed_by == "successor" else "successor"
    if other not in entries:
        report.add(entry.source, tag, other, "no territory with this id: link not used")
    elif pred == succ:
        report.add(entry.source, tag, other, "names the entry itself: link not used")
    else:
        links.setdefault((pred, succ), Link(pred, succ)).listed_by.add(listed_by)


def mark_immediate(links, report):
    """A link is not immediate when the successor is also reached through another listed one.

    The gazetteer often lists every later entry, not only the next (zanzibar-1890 names
    tanzania); the chain through the others is the immediate succession."""
    after = defaultdict(set)
    for pred, succ in links:
        after[pred].add(succ)
    for (pred, succ), link in sorted(links.items()):
        link.immediate = not any(reaches(after, via, succ, pred) for via in after[pred] - {succ})
        if (succ, pred) in links and pred < succ:
            report.add("territories/" + pred + ".xml", "successor", succ,
                       f"{pred} and {succ} each name the other as successor: no order, no era merge")


def reaches(after, start, goal, avoid):
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        for nxt in after[node]:
            if nxt not in seen and nxt != avoid:
                seen.add(nxt)
                todo.append(nxt)
    return False


def classify(links, entries):
    """Kind of each immediate succession, in the gsh README's terms, from the record's shape."""
    outs, ins = defaultdict(int), defaultdict(int)
    for link in links.values():
        if link.immediate:
            outs[link.pred] += 1
            ins[link.succ] += 1
    for link in links.values():
        if link.immediate:
            link.kind = succession_kind(entries[link.pred], entries[link.succ], outs[link.pred], ins[link.succ])


def succession_kind(pred, succ, outs, ins):
    if not pred.kind or not succ.kind:
        return ""
    if pred.since is not None and succ.since is not None and succ.since < pred.since:
        return "absorption"
    if pred.kind == "dependency" and succ.kind == "independent-state":
        return "independence"
    if pred.on_map:
        return "secession"
    if outs > 1 and ins > 1:
        return "split-and-merger"
    if outs > 1:
        return "split"
    if ins > 1:
        return "merger"
    if pred.kind == "independent-state" and succ.kind == "dependency":
        return "loss-of-independence"
    return "rename"


def year_of(link, entries):
    """The year of a succession, from the two entries' years; None where they leave a gap.

    Normally the successor's first year. A successor that began before its predecessor did
    (the United States for the Republic of Texas) took it over when the predecessor ended."""
    pred, succ = entries[link.pred], entries[link.succ]
    if succ.since is None:
        return None
    if pred.since is not None and succ.since < pred.since:
        return pred.until
    if pred.until is not None and succ.since > pred.until + 1:
        return None
    return succ.since


# ---------------------------------------------------------------- states and eras


def read_overrides(path, links, report):
    """Reviewed decisions for links whose record misleads; each row gives its reason."""
    overrides = {}
    for row in read_csv(path):
        pair = (row["predecessor"], row["successor"])
        if pair not in links:
            report.add("gsh-era-overrides.csv", "successor", " ".join(pair), "no such succession: override not used")
        else:
            overrides[pair] = row["same_state"] == "yes"
            links[pair].kind = row["kind"] or links[pair].kind
    return overrides


def group_eras(entries, links, overrides, report):
    """Union of entries that are one state: a shared code, or a rename with years that meet."""
    parent = {slug: slug for slug in entries}

    def find(slug):
        while parent[slug] != slug:
            parent[slug] = parent[parent[slug]]
            slug = parent[slug]
        return slug

    def union(a, b):
        parent[find(a)] = find(b)

    by_code = defaultdict(list)
    for entry in entries.values():
        by_code[entry.code].append(entry.slug)
    for slugs in by_code.values():
        for slug in slugs[1:]:
            union(slugs[0], slug)
    for (pred, succ), link in sorted(links.items()):
        if (pred, succ) in overrides:
            if overrides[(pred, succ)]:
                union(pred, succ)
        elif link.kind == "rename" and (succ, pred) not in links:
            if years_meet(entries[pred], entries[succ]):
                union(pred, succ)
            else:
                report.add(entries[succ].source, "predecessor", pred,
                           f"a rename, but {pred} runs {years(entries[pred])} and {succ} begins "
                           f"{year(entries[succ].since) or '?'}: kept as two states")
    groups = defaultdict(list)
    for slug in entries:
        groups[find(slug)].append(entries[slug])
    ordered = {root: era_order(members, links) for root, members in groups.items()}
    return {slug: ordered[find(slug)] for slug in entries}


def years_meet(pred, succ):
    if pred.until is None or succ.since is None:
        return False
    if pred.since is not None and pred.since > pred.until:
        return False
    return succ.since in (pred.until, pred.until + 1)


def era_order(members, links):
    """Oldest era first; a successor after its predecessor even where their years tie."""
    def key(entry):
        since = entry.since if entry.since is not None else -10**6
        until = entry.until if entry.until is not None else 10**6
        return (since, until, entry.slug)

    slugs = {entry.slug for entry in members}
    before = defaultdict(set)
    for pred, succ in links:
        if pred in slugs and succ in slugs and (succ, pred) not in links:
            before[succ].add(pred)
    ordered, left = [], sorted(members, key=key)
    while left:
        ready = [e for e in left if not before[e.slug] - {o.slug for o in ordered}] or left
        ordered.append(ready[0])
        left.remove(ready[0])
    return ordered


def state_code(eras):
    """The code of the state: its era on today's map, else its last era."""
    for entry in eras:
        if entry.on_map:
            return entry.code
    return eras[-1].code


# ---------------------------------------------------------------- output rows


def year(value):
    return "" if value is None else str(value)


def state_rows(entries, groups):
    rows = [["slug", "short_name", "long_name", "kind", "from_year", "to_year", "iso2", "iso2_from",
             "code", "state_code", "era", "eras", "source"]]
    for slug in sorted(entries):
        entry, eras = entries[slug], groups[slug]
        rows.append([slug, entry.short, entry.long, entry.kind, year(entry.since), year(entry.until),
                     entry.iso2, entry.iso2_from, entry.code, state_code(eras),
                     str(eras.index(entry) + 1), str(len(eras)), entry.source])
    return rows


def succession_rows(links, entries, groups, report):
    rows = [["predecessor", "successor", "year", "kind", "immediate", "same_state", "listed_by", "source"]]
    for (pred, succ), link in sorted(links.items()):
        when = year_of(link, entries)
        if link.immediate and when is None and entries[succ].since is not None and entries[pred].until is not None:
            report.add(entries[succ].source, "predecessor", pred,
                       f"{pred} runs {years(entries[pred])} but {succ} begins {entries[succ].since}: year left empty")
        same = groups[pred] is groups[succ]
        sources = [entries[pred].source] if "predecessor" in link.listed_by else []
        sources += [entries[succ].source] if "successor" in link.listed_by else []
        rows.append([pred, succ, year(when), link.kind, yes(link.immediate), yes(same),
                     "both" if len(link.listed_by) == 2 else link.listed_by.copy().pop(), " ".join(sources)])
    return rows


def years(entry):
    return f"{year(entry.since) or '?'}-{year(entry.until) or ('' if entry.on_map else '?')}"


def yes(flag):
    return "yes" if flag else "no"


def name_rows(entries, groups):
    """Each name of a state, over the years of the consecutive eras that bear it."""
    rows, seen = [], set()
    for slug in sorted(entries):
        eras = groups[slug]
        if id(eras) in seen:
            continue
        seen.add(id(eras))
        code = state_code(eras)
        for name_kind in ("short", "long"):
            rows += spans(eras, name_kind, code)
    rows.sort(key=lambda r: (r[0], int(r[3]) if r[3] else -10**6, r[2], r[1]))
    return [["state_code", "name", "name_kind", "from_year", "to_year", "slugs", "source"]] + rows


def spans(eras, name_kind, code):
    out, current = [], None
    for entry in eras:
        name = entry.short if name_kind == "short" else entry.long
        if current and name == current[1] and years_meet_or_open(current, entry):
            current[4] = year(entry.until)
            current[5] += " " + entry.slug
            current[6] += " " + entry.source
            continue
        if current:
            out.append(current)
        current = [code, name, name_kind, year(entry.since), year(entry.until), entry.slug, entry.source] if name else None
    if current:
        out.append(current)
    return out


def years_meet_or_open(current, entry):
    return current[4] != "" and entry.since is not None and entry.since in (int(current[4]), int(current[4]) + 1)


def write_csv(folder, name, rows):
    """Writes beside the target and renames, so a failed run leaves the old file whole."""
    handle, temp = tempfile.mkstemp(prefix="." + name + ".", dir=folder)
    try:
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as out:
            csv.writer(out, lineterminator="\n").writerows(rows)
        os.replace(temp, os.path.join(folder, name))
    except BaseException:
        os.unlink(temp)
        raise


def summary(entries, groups, links, report):
    kinds = defaultdict(int)
    for entry in entries.values():
        kinds[entry.kind or "unknown"] += 1
    states = {id(g) for g in groups.values()}
    merged = sum(1 for g in groups.values() if len(g) > 1)
    return (f"{len(entries)} entries ({kinds['independent-state']} independent states, "
            f"{kinds['dependency']} dependencies, {kinds['unknown']} of unknown type) in "
            f"{len(states)} states; {merged} entries are eras of a state with several; "
            f"{len(links)} successions; {len(report.rows)} report lines")


if __name__ == "__main__":
    sys.exit(main())
