#!/usr/bin/env python3
"""Print the figures of the history load (README's table): for each kind of record of the
Office of the Historian's sources, how many there are, how many the seed holds and how many
data/derived/history_seed_report.csv lists with a reason; then the seed's rows by kind.

    python3 scripts/history_figures.py      # from the repository's root
"""

import collections
import csv
import os

from build_representation_seed import FIRST_ID as LATER_STAGE_ID

DERIVED = os.path.join("data", "derived")
SEED = "seed"
FIRST_ID = 10001
LOADED_ANYWAY = "loaded without it"


LABELS = {
    "other": "other milestone",
    "treaty": "treaty (a relation event `other`)",
    "embassy_established": "embassy established",
    "legation_established": "legation established",
    "consulate_established": "consulate established",
    "raised_to_embassy": "legation raised to embassy",
    "move": "mission moved",
    "closure": "mission closed",
    "recognition_of_government": "recognition of a government",
    "reestablishment": "re-establishment",
}


def read(*path):
    with open(os.path.join(*path), encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def generated(table):
    """The history build's rows: the Factbook's stage follows them from LATER_STAGE_ID."""
    return [r for r in read(SEED, table + ".csv") if FIRST_ID <= int(r["id"]) < LATER_STAGE_ID]


def main():
    report = read(DERIVED, "history_seed_report.csv")
    refused = {r["record"] for r in report if r["table"] in ("relation_events", "mission_events")}
    events = read(DERIVED, "rdcr_relation_events.csv")
    total, lost = collections.Counter(), collections.Counter()
    for e in events:
        record = f"{e['source_file']}#{e['event_no']}"
        for kind in [e["kind"]] + e["also_kinds"].split():
            total[kind] += 1
            lost[kind] += record in refused
    print("| records (a guide event may be of several kinds) | in the sources | loaded | reported |")
    print("|---|---|---|---|")
    for kind in sorted(total, key=lambda k: -total[k]):
        label = LABELS.get(kind, kind.replace("_", " "))
        print(f"| guide: {label} | {total[kind]:,} | {total[kind] - lost[kind]:,} | {lost[kind]:,} |")
    chiefs = read(DERIVED, "pocom_chiefs.csv")
    heads = [r for r in report if r["table"] == "heads_of_mission"
             and LOADED_ANYWAY not in r["reason"]]
    print(f"| chiefs of mission | {len(chiefs):,} | {len(generated('heads_of_mission')):,}"
          f" | {len(heads):,} |")
    posts = read(DERIVED, "posts_posts.csv")
    from_posts = [m for m in generated("missions") if m["gsh_post_id"]]
    post_ids = {p["post_id"] for p in posts}
    posts_reported = [r for r in report if r["table"] == "missions"
                      and (r["record"].startswith("gsh-posts/") or r["record"] in post_ids)]
    print(f"| posts abroad (missions) | {len(posts):,} | {len(from_posts):,} | {len(posts_reported):,} |")
    print()
    for table, column in (("relation_events", "event"), ("mission_events", "event"),
                          ("missions", "kind")):
        rows = generated(table)
        counts = collections.Counter(r[column] for r in rows)
        inferred = sum(r.get("basis") == "inferred" for r in rows)
        listed = ", ".join(f"{n:,} {k}" for k, n in counts.most_common())
        print(f"{table}: {len(rows):,} ({listed}); inferred: {inferred:,}")
    for table in ("places", "people", "sources"):
        print(f"{table}: {len(generated(table)):,}")
    reasons = collections.Counter((r["table"], r["reason"].split(" (")[0]) for r in report)
    print(f"reported: {len(report):,}")
    for (table, reason), n in reasons.most_common():
        print(f"  {n:>4}  {table}: {reason}")


if __name__ == "__main__":
    main()
