#!/usr/bin/env python3
"""Extract the Gleditsch–Ward state numbers from country_converter's country table.

    pip download country_converter==1.3.2 --no-deps
    python3 -m zipfile -e country_converter-1.3.2-py3-none-any.whl cc
    python3 scripts/extract_gw_codes.py cc/country_converter/country_data.tsv

writes data/states/gw_codes.csv (code, gw_code, name): one row per state the table gives a
`GWcode`, keyed by its ISO 3166-1 alpha-2 code (the table's `^GB$|^UK$` patterns are read as
their first code). Only these facts are taken from the package (GPL-3.0), none of its code;
the numbers are Gleditsch and Ward's (International Interactions 25(4), 1999, and the list's
updates). scripts/build_state_seed.py reads the file.
"""

import csv
import os
import re
import sys


def alpha2(cell):
    match = re.match(r"\^?([A-Z]{2})\$?", cell)
    return match.group(1) if match else None


def main(argv):
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    out = [{"code": alpha2(r["ISO2"]), "gw_code": r["GWcode"].strip(), "name": r["name_short"]}
           for r in rows if r["GWcode"].strip()]
    out.sort(key=lambda r: r["code"])
    path = os.path.join("data", "states", "gw_codes.csv")
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["code", "gw_code", "name"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)
    os.replace(temporary, path)
    print(f"{path}: {len(out)} states", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
