#!/usr/bin/env python3
"""Extract Correlates of War numbers, and the Gleditsch–Ward numbers of former states, from the
codelist of the PyPI package countrycode 0.6.0.

    pip download countrycode==0.6.0 --no-deps
    python3 -m zipfile -e countrycode-0.6.0-py3-none-any.whl cc
    python3 scripts/extract_state_numbers.py cc/countrycode/data/codelist.pickle

writes, from the repository's root,
  data/states/cow_codes.csv (code, cow_code, cow_abbreviation, name): each row of the codelist
    with a `cown`, and its `cowc`;
  data/states/gw_codes_former.csv (code, gw_code, name): each row's `gwn` for a state that
    data/states/gw_codes.csv (country_converter, seed source 4) does not number;
the name is the row's `cow.name`, else its `country.name.en`.
A row is keyed by data/states/former_state_numbers_map.csv when that table names it (a former
state has no alpha-2 code; an empty code there leaves the row out, with the reason), else by
its `iso2c`, kept only where seed/states.csv has a state of that code. Where the codelist's
Gleditsch–Ward number of a state differs from gw_codes.csv, gw_codes.csv is kept and the
difference printed. Only these facts (numbers, abbreviations, names) are taken from the package
(GPL-3.0-or-later, by Vincent Arel-Bundock), none of its code; the numbers are those of the
Correlates of War project's state system membership list and of Gleditsch and Ward's list.

The codelist is a pickle, and unpickling an arbitrary file can run code. This script is meant
for the pinned file only: it refuses a file whose sha256 is not PINNED_SHA256 (`--unpinned`
lifts that, for test fixtures), and in any case its unpickler resolves no global, so a pickle
that names a function or class is refused, never run. Python's standard library only.
"""

import argparse
import csv
import hashlib
import io
import math
import os
import pickle
import sys

# sha256 of countrycode/data/codelist.pickle in countrycode-0.6.0-py3-none-any.whl (PyPI).
PINNED_SHA256 = "87d72ede4a2a9e1ad33dc1fb619066cf6822f5f3b35bc5b3f9480052e8b52f60"

STATES = os.path.join("seed", "states.csv")
GW_CODES = os.path.join("data", "states", "gw_codes.csv")
NUMBER_MAP = os.path.join("data", "states", "former_state_numbers_map.csv")
COW_OUT = os.path.join("data", "states", "cow_codes.csv")
GW_FORMER_OUT = os.path.join("data", "states", "gw_codes_former.csv")


class Refused(Exception):
    """The input is not what the script can take; the message says why."""


class PlainData(pickle.Unpickler):
    """Loads only plain data (dicts, lists, strings, numbers, None): any global would be code."""

    def find_class(self, module, name):
        raise Refused(f"the codelist names {module}.{name}: not plain data, refused unread")


def load_codelist(path, unpinned):
    with open(path, "rb") as handle:
        raw = handle.read()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != PINNED_SHA256 and not unpinned:
        raise Refused(f"{path}: sha256 {digest} is not countrycode 0.6.0's codelist "
                      f"({PINNED_SHA256}); give --unpinned to read it anyway")
    table = PlainData(io.BytesIO(raw)).load()
    if not isinstance(table, dict):
        raise Refused(f"{path}: not a table of columns")
    return table


def cell(table, column, i):
    """A cell, None where it is missing (None or NaN)."""
    value = table[column][i]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def number(value):
    return None if value is None else str(int(value))


def read(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def rows_of(table):
    """The codelist's rows that give a COW or a Gleditsch–Ward number."""
    for i in range(len(table["country.name.en"])):
        row = {c: cell(table, c, i) for c in
               ("country.name.en", "iso2c", "cown", "cowc", "cow.name", "gwn", "gwc")}
        if row["cown"] is not None or row["gwn"] is not None:
            yield row


def reldb_code(row, by_name, codes):
    """The reldb state of a row, or None with the reason it is left out."""
    name = row["country.name.en"]
    if name in by_name:
        mapped = by_name[name]
        if not mapped["code"]:
            return None, mapped["why"]
        if mapped["code"] not in codes:
            raise Refused(f"{NUMBER_MAP}: {name} -> {mapped['code']}, which {STATES} lacks")
        return mapped["code"], None
    if row["iso2c"] is None:
        raise Refused(f"the codelist numbers {name} but gives no iso2c: add a row for it to "
                      f"{NUMBER_MAP} (its reldb code, or none and why)")
    if row["iso2c"] not in codes:
        return None, f"no state {row['iso2c']} in {STATES}"
    return row["iso2c"], None


def extract(table, by_name, codes, gw_known):
    cow, gw_former, notes = [], [], []
    for row in rows_of(table):
        code, why = reldb_code(row, by_name, codes)
        if code is None:
            notes.append(f"left out: {row['country.name.en']}: {why}")
            continue
        # COW's name where there is one: the row keyed VA is the Papal States.
        name = row["cow.name"] or row["country.name.en"]
        cown, gwn = number(row["cown"]), number(row["gwn"])
        if cown:
            cow.append({"code": code, "cow_code": cown, "cow_abbreviation": row["cowc"] or "",
                        "name": name})
        if code not in gw_known:
            if gwn:
                gw_former.append({"code": code, "gw_code": gwn, "name": name})
        elif gwn != gw_known[code]:
            notes.append(f"kept {GW_CODES}: {code} ({name}) gw {gw_known[code] or '-'}, "
                         f"the codelist gives {gwn or '-'}")
    seen = {row["country.name.en"] for row in rows_of(table)}
    notes += [f"{NUMBER_MAP}: {name} is no numbered row of the codelist"
              for name in sorted(set(by_name) - seen)]
    for rows in (cow, gw_former):
        twice = sorted({r["code"] for r in rows if sum(o["code"] == r["code"] for o in rows) > 1})
        if twice:
            raise Refused(f"two rows of the codelist give a number to {', '.join(twice)}")
    return cow, gw_former, notes


def write(path, columns, rows):
    rows = sorted(rows, key=lambda r: r["code"])
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    os.replace(temporary, path)
    print(f"{path}: {len(rows)} states", file=sys.stderr)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("codelist", help="countrycode/data/codelist.pickle of countrycode 0.6.0")
    parser.add_argument("--unpinned", action="store_true",
                        help="read a codelist whose sha256 is not the pinned one (fixtures)")
    args = parser.parse_args(argv)
    try:
        table = load_codelist(args.codelist, args.unpinned)
        codes = {row["code"] for row in read(STATES)}
        by_name = {row["codelist_name"]: row for row in read(NUMBER_MAP)}
        gw_known = {row["code"]: row["gw_code"] for row in read(GW_CODES)}
        cow, gw_former, notes = extract(table, by_name, codes, gw_known)
    except (Refused, pickle.UnpicklingError, KeyError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for note in notes:
        print(note, file=sys.stderr)
    write(COW_OUT, ["code", "cow_code", "cow_abbreviation", "name"], cow)
    write(GW_FORMER_OUT, ["code", "gw_code", "name"], gw_former)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
