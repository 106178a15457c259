#!/usr/bin/env python3
"""Turns the Office of the Historian's records, as scripts/convert_history.py derived them into
data/derived/, into reldb seed rows: relation events, missions and their events, places, people,
heads of mission, and one source per article, country file and post.

    python3 scripts/build_history_seed.py   # --derived data/derived --seed seed --out seed

The seed's hand-made rows (id below FIRST_ID) are kept as they are; the generated rows follow
them. Territories become state codes through the seed's state_eras.csv (gsh_id -> state) where
it exists, else data/derived/gsh_states.csv (slug -> state_code), and only codes that
states.csv holds are used. Everything that cannot be loaded is a row of the report
(history_seed_report.csv), with the reason. Re-running writes the same bytes. The rules are in
data/derived/HISTORY-RULES.md ("From derived rows to the seed").
"""

import argparse
import csv
import io
import os
import re
import sys

import build_representation_seed

# Generated rows take ids from here, so hand-made rows below it keep theirs.
FIRST_ID = 10001
US = "US"
PUBLISHER = "Office of the Historian, U.S. Department of State"
RDCR_TITLE = (
    "A Guide to the United States’ History of Recognition, Diplomatic, and Consular "
    "Relations, by Country, since 1776"
)
# The upstream snapshots' dates (see data/history-at-state/*/PROVENANCE.md).
RDCR_DATE = "2026-07-24"
POCOM_DATE = "2026-06-20"
POSTS_DATE = "2026"

# Article file names of the relations guide whose gazetteer id is spelled otherwise.
RDCR_SLUG_TO_GSH = {
    "antigua-barbuda": "antigua-and-barbuda",
    "bosnia-herzegovina": "bosnia-and-herzegovina",
    "congo-democratic-republic": "congo-kinshasa",
    "congo-republic": "congo-brazzaville",
    "congo-free-state": "congo-free-state-1908",
    "czechoslovakia": "czechoslovakia-1993",
    "micronesia": "micronesia-federated-states-of",
    "saint-kitts-nevis": "saint-kitts-and-nevis",
    "saint-vincent-grenadines": "saint-vincent-and-grenadines",
    # States of the guide that the gazetteer files under an era's id.
    "austrian-empire": "austrian-empire-1867",
    "central-american-federation": "united-provinces-of-central-america-1839",
    "german-democratic-republic": "east-germany-1990",
    "hawaii": "kingdom-of-hawaii-1898",
    "kingdom-of-yugoslavia": "kingdom-of-serbs-croats-and-slovenes-1929",
    "korea": "joseon-dynasty-1910",
    "orange-free-state": "orange-free-state-1910",
    "papal-states": "papal-states-1929",
    "texas": "republic-of-texas-1845",
    "two-sicilies": "kingdom-of-two-sicilies-1861",
}
# States of the guide that the gazetteer lacks and reldb keeps (data/states/extra_states.csv).
RDCR_SLUG_TO_CODE = {
    "baden": "X-BADEN",
    "bavaria": "X-BAVARIA",
    "hesse": "X-HESSE",
    "wurttemberg": "X-WURTTEMBERG",
}

RELATION_KINDS = {
    "recognition": ("recognition", "state"),
    "recognition_of_government": ("recognition", "government"),
    "establishment": ("establishment", None),
    "reestablishment": ("reestablishment", None),
    "resumption": ("resumption", None),
    "severance": ("severance", None),
    "suspension": ("suspension", None),
    "interruption": ("interruption", None),
    "termination": ("termination", None),
    "other": ("other", None),
    "treaty": ("other", None),
}
MISSION_KINDS = [
    "interests_section_established",
    "embassy_established",
    "legation_established",
    "consulate_established",
    "raised_to_embassy",
    "move",
    "closure",
]
POST_KINDS = {
    "embassy": "embassy",
    "consulate-general": "consulate_general",
    "consulate": "consulate",
    "consular-agency": "consular_agency",
    "branch-office": "branch_office",
}

COLUMNS = {
    "sources": ["id", "title", "publisher", "published_on", "address", "note"],
    "places": ["id", "name", "state", "latitude", "longitude", "gsh_locale_id", "source_id", "note"],
    "relation_events": [
        "id", "state_a", "state_b", "event", "occurred_on", "date_is_approximate",
        "acting_state", "mutual", "recognition_of", "manner", "summary", "source_id", "basis",
        "basis_note", "note",
    ],
    "missions": [
        "id", "sending_state", "receiving_state", "kind", "city", "place_id", "opened_on",
        "closed_on", "gsh_post_id", "source_id", "note", "basis", "basis_note",
    ],
    "mission_events": [
        "id", "mission_id", "event", "occurred_on", "date_is_approximate", "kind", "city",
        "place_id", "protecting_state", "source_id", "basis", "basis_note", "note",
    ],
    "people": [
        "id", "name", "surname", "forename", "other_names", "born_on", "died_on", "pocom_id",
        "source_id", "note",
    ],
    "heads_of_mission": [
        "id", "person_id", "title", "sending_state", "receiving_state", "organization",
        "mission_id", "appointed_on", "arrived_on", "started_on", "ended_on", "started_how",
        "ended_how", "nominee_only", "pocom_id", "source_id", "basis", "basis_note", "note",
    ],
}
REPORT_COLUMNS = ["table", "record", "reason", "value"]


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def hand_rows(seed, table):
    """The seed's own rows of `table` (id below FIRST_ID), with the file's columns."""
    path = os.path.join(seed, table + ".csv")
    if not os.path.exists(path):
        return COLUMNS[table], []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [row for row in reader if int(row["id"]) < FIRST_ID]
        columns = reader.fieldnames + [c for c in COLUMNS[table] if c not in reader.fieldnames]
        return columns, rows


def write_csv(path, columns, rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: "" if row.get(c) is None else row.get(c) for c in columns})
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8", newline="") as handle:
        handle.write(buffer.getvalue())
    os.replace(temporary, path)


class Territories:
    """Gazetteer slug -> state code, for codes the seed's states.csv holds."""

    def __init__(self, seed, derived):
        codes = {row["code"] for row in read_csv(os.path.join(seed, "states.csv"))}
        eras = os.path.join(seed, "state_eras.csv")
        if os.path.exists(eras):
            pairs = [(row["gsh_id"], row["state"]) for row in read_csv(eras)]
        else:
            gsh = read_csv(os.path.join(derived, "gsh_states.csv"))
            pairs = [(row["slug"], row["state_code"]) for row in gsh]
        self.codes = {slug: code for slug, code in pairs if code in codes}
        self.spans = {
            row["code"]: (row["existed_from"] or None, row["existed_until"] or None)
            for row in read_csv(os.path.join(seed, "states.csv"))
        }
        self.state_names = {
            row["code"]: row["name"] for row in read_csv(os.path.join(seed, "states.csv"))
        }
        self.era_starts = {}
        if os.path.exists(eras):
            for row in read_csv(eras):
                if row["began_on"]:
                    self.era_starts.setdefault(row["state"], []).append(row["began_on"][:4])
        self.sovereign = {
            row["code"] for row in read_csv(os.path.join(seed, "states.csv"))
            if row["sovereign"] == "1"
        }
        self.predecessors = {}
        successions = os.path.join(seed, "state_successions.csv")
        if os.path.exists(successions):
            for row in read_csv(successions):
                self.predecessors.setdefault(row["successor"], []).append(row["predecessor"])
        self.names = {
            row["slug"]: row["short_name"]
            for row in read_csv(os.path.join(derived, "gsh_states.csv"))
        }
        self.era_names = {}
        for slug, code in self.codes.items():
            if slug in self.names:
                self.era_names.setdefault(code, set()).add(self.names[slug])

    def code(self, slug):
        code = self.codes.get(RDCR_SLUG_TO_GSH.get(slug, slug))
        if code is None and RDCR_SLUG_TO_CODE.get(slug) in self.spans:
            code = RDCR_SLUG_TO_CODE[slug]
        return code

    def in_eras(self, code, date):
        """Whether the gazetteer's eras of `code` reach back to `date`: a state whose row leaves
        its start open may still have begun later than the record (Weimar Germany, of the
        gazetteer's era 1918-1933, is not the Prussia of 1785)."""
        starts = self.era_starts.get(code)
        return not starts or date[:4] >= min(starts)

    def same_name(self, one, other):
        """Whether one state's name, or a name one of its eras bore, contains the other's
        ("Union of South Africa", "South Africa"; Taiwan's era "China" of the Qing), in any
        case."""
        b = self.state_names[other].casefold()
        names = {self.state_names[one]} | self.era_names.get(one, set())
        return any(a.casefold() in b or b in a.casefold() for a in names)

    def code_on(self, slug, date):
        """The state a record of `slug` dated `date` is about: the slug's state where it existed
        then, else the one predecessor of it (through the seed's successions, nearest first)
        that did and bears its name: China before 1913 is the China of the Qing, Egypt in 1922
        the Egypt before the United Arab Republic. A predecessor of another name is another
        state (Montenegro in 1920 is not Yugoslavia): None then, and where several fit."""
        code = self.code(slug)
        if code is None or self.existed(code, date)[0]:
            return code
        seen, frontier = {code}, [code]
        while frontier:
            fitting, following = [], []
            for state in frontier:
                for earlier in self.predecessors.get(state, []):
                    if earlier in seen or earlier not in self.spans:
                        continue
                    seen.add(earlier)
                    following.append(earlier)
                    # A dependency is no party to relations: the Congo recognised on the day
                    # of its independence is not the Belgian Congo.
                    if self.existed(earlier, date)[0] and self.same_name(earlier, code) \
                            and earlier in self.sovereign and self.in_eras(earlier, date):
                        fitting.append(earlier)
            if fitting:
                return fitting[0] if len(set(fitting)) == 1 else None
            frontier = following
        return None

    def existed(self, code, date):
        """Whether the seed's state `code` existed on `date` (partial dates compared at the
        coarser precision, as reldb's loader does), and its span for the report."""
        start, end = self.spans[code]
        span = f"{code} existed {start or '…'}–{end or ''}"
        if not date:
            return True, span
        after = start is None or date[:len(start)] >= start[:len(date)]
        before = end is None or date[:len(end)] <= end[:len(date)]
        return after and before, span

    def name(self, slug):
        return self.names.get(RDCR_SLUG_TO_GSH.get(slug, slug), slug)


class Ids:
    def __init__(self):
        self.next = FIRST_ID

    def take(self):
        value = self.next
        self.next += 1
        return value


class Builder:
    def __init__(self, derived, territories):
        self.derived = derived
        self.territories = territories
        self.rows = {table: [] for table in COLUMNS}
        self.ids = {table: Ids() for table in COLUMNS}
        self.report = []
        self.source_ids = {}
        self.chief_ids = set()

    def read(self, name):
        return read_csv(os.path.join(self.derived, name))

    def add(self, table, row):
        row["id"] = self.ids[table].take()
        self.rows[table].append(row)
        return row["id"]

    def refuse(self, table, record, reason, value=""):
        self.report.append({"table": table, "record": record, "reason": reason, "value": value})

    def source(self, key, title, address, published_on, note):
        if key not in self.source_ids:
            self.source_ids[key] = self.add("sources", {
                "title": title, "publisher": PUBLISHER, "published_on": published_on,
                "address": address, "note": note,
            })
        return self.source_ids[key]

    def rdcr_source(self, event):
        slug = event["territory_slug"]
        return self.source(
            event["source_file"], f"{event['article_title']}: {RDCR_TITLE}",
            f"https://history.state.gov/countries/{slug}", RDCR_DATE,
            f"Read from {event['source_file']} (upstream HistoryAtState/rdcr); the date is the "
            "upstream snapshot's.",
        )

    def pocom_source(self, chief):
        slug = chief["mission_territory_slug"]
        return self.source(
            chief["source_file"],
            f"Chiefs of Mission for {self.territories.name(slug)} ({slug}): Principal Officers "
            "and Chiefs of Mission",
            f"https://history.state.gov/departmenthistory/people/chiefsofmission/{slug}",
            POCOM_DATE,
            f"Read from {chief['source_file']} (upstream HistoryAtState/pocom); the date is the "
            "upstream commit's.",
        )

    def post_source(self, post):
        return self.source(
            post["source_file"],
            f"U.S. post in {post['city'] or post['post_id']} ({post['post_id']}): posts of the "
            "Office of the Historian's gazetteer",
            f"https://github.com/HistoryAtState/gsh/blob/master/data/posts/{post['post_id']}.xml",
            POSTS_DATE,
            f"Read from {post['source_file']} (upstream HistoryAtState/gsh); history.state.gov "
            "has no page per post, so the address is the record's.",
        )


def record(event):
    return f"{event['source_file']}#{event['event_no']}"


def load_posts(b):
    """Every post becomes a US mission; returns post_id -> (mission row, post)."""
    places = {}
    missions = {}
    events = {}
    for event in b.read("posts_events.csv"):
        events.setdefault(event["post_id"], []).append(event)
    for post in b.read("posts_posts.csv"):
        code = b.territories.code(post["territory_slug"])
        if code is None:
            b.refuse("missions", post["source_file"], "territory is no state of the seed",
                     post["territory_slug"])
            continue
        if code == US:
            b.refuse("missions", post["source_file"], "a US post in the United States", code)
            continue
        source_id = b.post_source(post)
        place_id = None
        if post["locale_id"] and post["city"]:
            place_id = places.get(post["locale_id"])
            if place_id is None:
                place_id = b.add("places", {
                    "name": post["city"], "state": code, "latitude": post["latitude"],
                    "longitude": post["longitude"], "gsh_locale_id": post["locale_id"],
                    "source_id": source_id,
                })
                places[post["locale_id"]] = place_id
        kind = POST_KINDS.get(post["kind"])
        if kind is None:
            b.refuse("missions", post["source_file"], "post type has no mission kind", post["kind"])
            kind = "other"
        mission = {
            "sending_state": US, "receiving_state": code, "kind": kind,
            "city": post["city"] or None, "place_id": place_id, "gsh_post_id": post["post_id"],
            "source_id": source_id, "note": post["notes"] or None, "basis": "stated",
            "events": [],
        }
        b.add("missions", mission)
        for event in events.get(post["post_id"], []):
            if not event["date"]:
                b.refuse("mission_events", record(event), "post event has no date", event["type"])
                continue
            mission["events"].append({
                "event": event["type"], "occurred_on": event["date"],
                "date_is_approximate": 0,
                # The post type is the post's kind now, not at its opening.
                "kind": None,
                "city": post["city"] if event["type"] == "opened" else None,
                "place_id": place_id if event["type"] == "opened" else None,
                "source_id": source_id, "basis": "stated", "from_post": True,
            })
        missions[post["post_id"]] = (mission, post)
    return missions


def embassy_post(missions, code, date, closure=False):
    """The US mission of the one embassy post in `code` (the one still open, where several)
    that the gazetteer has opened by `date`: an act before the post's first year belongs to an
    earlier mission (the legation at Peking is not the embassy opened at Beijing in 1979)."""
    embassies = [(m, p) for m, p in missions.values()
                 if m["receiving_state"] == code and p["kind"] == "embassy"
                 and not (p["opened"] and before(date, p["opened"]))
                 # A closing in the year the post opened ends the mission it replaced.
                 and not (closure and p["opened"] and date[:4] == p["opened"][:4])]
    if len(embassies) > 1:
        embassies = [(m, p) for m, p in embassies if p["still_open"] == "1"]
    return embassies[0][0] if len(embassies) == 1 else None


def mission_for(b, missions, implied, event, code, kind):
    """The mission an rdcr mission event is about, and the note on how it was found."""
    sending, receiving = (code, US) if event["actor"] == "other" else (US, code)
    family = "consular" if kind == "consulate_established" else "diplomatic"
    if sending == US and family == "diplomatic":
        mission = embassy_post(missions, code, event["date"], kind == "closure")
        if mission is not None:
            return mission, (f"Linked to post {mission['gsh_post_id']}, the embassy the "
                             "gazetteer lists in the state.")
    if kind == "interests_section_established":
        family = "interests"
    key = (sending, receiving, family)
    if key not in implied:
        implied[key] = {
            "sending_state": sending, "receiving_state": receiving, "kind": None, "city": None,
            "source_id": b.rdcr_source(event), "basis": "inferred",
            "basis_note": (f"Implied by the relations guide's {family} events; no post of the "
                           "gazetteer is linked to them."),
            "events": [], "family": family,
        }
        b.add("missions", implied[key])
    return implied[key], None


def mission_event(mission, kind, event, code, source_id, note):
    """The mission_events row for one rdcr mission kind, from the mission's events so far."""
    rdcr = [e for e in mission["events"] if not e.get("from_post")]
    last = rdcr[-1] if rdcr else None
    current = next((e["kind"] for e in reversed(rdcr) if e.get("kind")), None)
    if kind in ("embassy_established", "legation_established", "consulate_established"):
        new_kind = {"embassy_established": "embassy", "legation_established": "legation",
                    "consulate_established": "consulate"}[kind]
        if last and last["event"] == "closed":
            name = "reopened"
        elif current == "legation" and new_kind == "embassy":
            name = "raised"
        else:
            name = "opened"
    elif kind == "interests_section_established":
        name, new_kind = "opened", "interests_section"
    elif kind == "raised_to_embassy":
        name, new_kind = "raised", "embassy"
    elif kind == "move":
        name, new_kind = "moved", None
        city = MOVED_TO.search(event["head"])
    else:
        name, new_kind = "closed", None
    # The act is the guide's statement; how reldb attached it to a mission (the gazetteer's
    # post, the sending state a head leaves unsaid) is told in the note, not made a doubt
    # about the act itself. Only acts reldb supplies (infer_closures) are `inferred`.
    basis = "stated"
    basis_note = " ".join(filter(None, [
        note, "The head does not say whose mission; the guide is of US missions."
        if event["actor"] == "" else None])) or None
    moved_to = city.group(1).strip() if kind == "move" and city else None
    return {
        "event": name, "occurred_on": event["date"], "city": moved_to,
        "date_is_approximate": event["date_approximate"], "kind": new_kind,
        "source_id": source_id, "basis": basis, "basis_note": basis_note,
        "note": event["head"], "record": record(event),
    }


def first_relations(events, territories):
    """The date of each state's first recognition or establishment in the guide."""
    first = {}
    for event in events:
        code = territories.code(event["territory_slug"])
        if code and event["date"] and event["kind"] in (
                "recognition", "recognition_of_government", "establishment"):
            first[code] = min(first.get(code, event["date"]), event["date"])
    return first


def before(date, other):
    """Whether partial date `date` is before `other` at the coarser precision of the two."""
    return date[:len(other)] < other[:len(date)]


# Articles that tell two states' relations, and the heads that name the other one: the guide's
# Yemen article tells South Yemen's (1967-1990) beside North Yemen's, each head saying which.
HEAD_STATES = [
    ("yemen", re.compile(r"South(?:ern)? Yemen|People’s Democratic Republic of Yemen"), "YDYE"),
]


def head_state(event):
    """The state a guide event's head names where its article tells two states' relations."""
    for slug, pattern, code in HEAD_STATES:
        if event["territory_slug"] == slug and pattern.search(event["head"]):
            return code
    return None


def load_rdcr(b, missions):
    implied = {}
    events = b.read("rdcr_relation_events.csv")
    first = first_relations(events, b.territories)
    for event in events:
        code = head_state(event) or b.territories.code(event["territory_slug"])
        kinds = [event["kind"]] + event["also_kinds"].split()
        if INTERESTS_SECTION.search(event["head"]) and event["actor"] == "us":
            kinds.append("interests_section_established")
        if code is None:
            b.refuse("relation_events", record(event), "territory is no state of the seed",
                     event["territory_slug"])
            continue
        if not event["date"]:
            b.refuse("relation_events", record(event), "no date could be read", event["head"])
            continue
        existed, span = b.territories.existed(code, event["date"])
        if not existed:
            code = b.territories.code_on(event["territory_slug"], event["date"])
        if code is None:
            b.refuse("relation_events", record(event),
                     "neither the state of the seed nor one state before it existed on the "
                     "date", span)
            continue
        source_id = b.rdcr_source(event)
        # An interests section opened is a mission's act, told once as a mission event.
        told_as_mission = "interests_section_established" in kinds and event["kind"] == "other"
        # A recognition that also established relations (East Germany and Kosovo, recognised
        # and with relations established the same day) is two acts. The guide's other further
        # kinds name the same act again (a resumption "and reestablishment of the embassy") or
        # another government's (the Republic of China's termination in 1979): the summary
        # keeps them.
        relation_kinds = [event["kind"]] if event["kind"] in RELATION_KINDS else []
        if event["kind"] == "recognition" and "establishment" in kinds[1:]:
            relation_kinds.append("establishment")
        if NON_RECOGNITION.search(event["head"]):
            # "U.S. Non-Recognition of GDR": the guide's act is a refusal, not a recognition.
            relation_kinds = ["other"]
        if not told_as_mission:
            for kind in relation_kinds:
                load_relation_event(b, event, kind, code, source_id)
        for kind in kinds:
            if kind in ("embassy_established", "legation_established", "raised_to_embassy") \
                    and code in first and before(event["date"], first[code]):
                b.refuse("mission_events", record(event), "a diplomatic mission before the "
                         "guide's first recognition or establishment: a predecessor state's, "
                         "which the seed does not hold", event["head"])
                continue
            if kind in MISSION_KINDS:
                mission, note = mission_for(b, missions, implied, event, code, kind)
                mission["events"].append(mission_event(mission, kind, event, code, source_id, note))


def load_relation_event(b, event, guide_kind, code, source_id):
    """One relation event of the guide's event: its kind, or one of its `also_kinds` (the
    recognition of East Germany in 1974 established relations the same day)."""
    kind, recognition_of = RELATION_KINDS[guide_kind]
    state_a, state_b = sorted([US, code])
    actor = event["actor"]
    b.add("relation_events", {
        "state_a": state_a, "state_b": state_b, "event": kind,
        "occurred_on": event["date"], "date_is_approximate": event["date_approximate"],
        "acting_state": {"us": US, "other": code}.get(actor),
        "mutual": 1 if actor == "both" else 0, "recognition_of": recognition_of,
        "manner": event["manner"] or None, "summary": event["head"], "source_id": source_id,
        "basis": "stated",
        "note": "A treaty the guide lists; its text and parties are not in the guide."
        if guide_kind == "treaty" else None,
    })


BREAKS = ("severance", "suspension", "interruption")
RESTORATIONS = ("establishment", "reestablishment", "resumption")
# Kinds that are not held to close at a break: consular relations outlast a severance of
# diplomatic ones (Vienna Convention on Consular Relations, article 2(3)).
CONSULAR = ("consulate_general", "consulate", "vice_consulate", "consular_agency",
            "honorary_consulate", "interests_section")
INTERESTS_SECTION = re.compile(r"Interests Section", re.IGNORECASE)
NON_RECOGNITION = re.compile(r"Non-?Recognition", re.IGNORECASE)
# "Embassy Moved to Chongqing, 1941.", "Change from Wellington to Suva, 1979.": the new city.
MOVED_TO = re.compile(r"\bto ([A-Z][^,(]*?)(?: \(|,|\.|$)")


def breaks_by_pair(b):
    """Each pair's breaks (severance or suspension) with the restoration that ended each."""
    by_pair = {}
    rows = sorted(b.rows["relation_events"], key=lambda r: (r["occurred_on"] or "", r["id"]))
    for row in rows:
        pair = (row["state_a"], row["state_b"])
        spans = by_pair.setdefault(pair, [])
        if row["event"] in ("severance", "suspension") and row["occurred_on"]:
            if not spans or spans[-1][1] is not None:
                spans.append([row["occurred_on"], None, row["id"]])
        elif row["event"] in RESTORATIONS and spans and spans[-1][1] is None:
            spans[-1][1] = row["occurred_on"]
    return by_pair


def is_diplomatic(mission):
    if mission.get("family") is not None:
        return mission["family"] == "diplomatic"
    return mission["kind"] not in CONSULAR


def infer_closures(b):
    """A diplomatic mission the record shows open when relations broke, and never closed in
    the break, is taken to have closed then (and reopened when relations were restored, unless
    the record reopens it itself). Both events are marked inferred, with the reasoning: the
    guide dates the break but seldom says what became of the mission."""
    breaks = breaks_by_pair(b)
    sections = {(m["sending_state"], m["receiving_state"]): m for m in b.rows["missions"]
                if m.get("family") == "interests"}
    for mission in b.rows["missions"]:
        events = mission.get("events")
        if events is None or not is_diplomatic(mission):
            continue
        pair = tuple(sorted([mission["sending_state"], mission["receiving_state"]]))
        section = sections.get((mission["sending_state"], mission["receiving_state"]))
        for broken_on, restored_on, _ in breaks.get(pair, []):
            if infer_closure(events, broken_on, restored_on) and restored_on is not None:
                if not raise_section(section, broken_on, restored_on):
                    infer_reopening(events, broken_on, restored_on)


def raise_section(section, broken_on, restored_on):
    """Where an interests section was opened during the break, relations are taken to have
    been restored by raising it to an embassy (as in Havana in 2015), not by reopening the old
    mission. Returns whether there was such a section."""
    if section is None:
        return False
    opened = [e for e in section["events"] if e["event"] == "opened"
              and not before(e["occurred_on"], broken_on)
              and not before(restored_on, e["occurred_on"])]
    if not opened:
        return False
    if any(e["event"] == "raised" and e["occurred_on"] == restored_on for e in section["events"]):
        return True
    section["events"].append({
        "event": "raised", "occurred_on": restored_on, "date_is_approximate": 1,
        "kind": "embassy", "source_id": opened[0]["source_id"], "basis": "inferred",
        "basis_note": (f"Relations were restored on {restored_on} by the guide, which does not "
                       "say what became of the interests section; reldb takes it to have become "
                       "the embassy then."),
    })
    return True


def infer_closure(events, broken_on, restored_on):
    """Adds the inferred closing; returns whether it did."""
    earlier = [e for e in events if before(e["occurred_on"], broken_on)
               or e["occurred_on"] == broken_on and e["event"] != "closed"]
    earlier.sort(key=lambda e: e["occurred_on"])
    if not earlier or earlier[-1]["event"] == "closed":
        return False
    if any(e["event"] == "closed" and within(broken_on, restored_on, e) for e in events):
        return False
    source_id = earlier[-1]["source_id"]
    restored = "" if restored_on is None else f" (restored on {restored_on})"
    events.append({
        "event": "closed", "occurred_on": broken_on, "date_is_approximate": 1, "kind": None,
        "source_id": source_id, "basis": "inferred",
        "basis_note": (f"The guide dates the break of relations on {broken_on}{restored} but "
                       "does not say what became of the mission; a diplomatic mission does not "
                       "carry on through a break, so reldb takes it to have closed then."),
    })
    return True


def within(broken_on, restored_on, event):
    """Whether `event` falls in the break from `broken_on` to `restored_on` (open-ended)."""
    return not before(event["occurred_on"], broken_on) and (
        restored_on is None or not before(restored_on, event["occurred_on"]))


def infer_reopening(events, broken_on, restored_on):
    """Adds the inferred reopening at the restoration, unless the record reopens it itself."""
    if any(e["event"] in ("opened", "reopened", "raised") and within(broken_on, restored_on, e)
           and e["occurred_on"] != broken_on for e in events):
        return
    source_id = events[0]["source_id"]
    events.append({
        "event": "reopened", "occurred_on": restored_on, "date_is_approximate": 1, "kind": None,
        "source_id": source_id, "basis": "inferred",
        "basis_note": (f"Relations were restored on {restored_on} by the guide, which does not "
                       "say when the mission reopened; reldb takes it to have reopened then."),
    })


def settle_resumptions(b):
    """A resumption the guide records with no break of the pair before it (the Baltic states in
    1991, China in 1913) is kept as the guide's 'other' act: reldb's `resumption` ends a break,
    and the guide tells none, so counting it as one would say more than the guide does."""
    broken, established = set(), set()
    rows = sorted(b.rows["relation_events"], key=lambda r: (r["occurred_on"] or "", r["id"]))
    for row in rows:
        pair = (row["state_a"], row["state_b"])
        if row["event"] in BREAKS:
            broken.add(pair)
        elif row["event"] == "resumption" and pair not in broken:
            if pair in established:
                row["event"] = "other"
                row["note"] = ("The guide calls this a resumption but records no severance, "
                               "suspension or interruption of the pair before it.")
            else:
                # China in 1913: the relations resumed are the predecessor state's, whose acts
                # the seed does not hold (see the report); for this state they begin here.
                row["event"] = "reestablishment"
                row["note"] = ("The guide calls this a resumption; it records no earlier "
                               "establishment or break for this state, so reldb counts it as "
                               "relations established again.")
        if row["event"] in RESTORATIONS:
            established.add(pair)


def drop_moves_before_opening(b, mission, events):
    """A move the guide dates before the mission's first opening is a change of the capital
    from which a non-resident envoy was accredited (Wellington to Suva for Tonga, 1979), not a
    move of this mission: it is reported, not loaded."""
    first_opening = next((e["occurred_on"] for e in events if e["event"] == "opened"), None)
    if first_opening is None or events[0]["event"] != "moved":
        return events
    kept = []
    for e in events:
        if e["event"] == "moved" and before(e["occurred_on"], first_opening):
            b.refuse("mission_events", e.get("record") or f"mission {mission['id']}",
                     "a move before the mission's first opening: a change of the capital a "
                     "non-resident envoy was accredited from", e["occurred_on"])
            continue
        kept.append(e)
    return kept


def keep_from_state_start(b, mission, events):
    """A post that opened before its state existed (the consulate at Abidjan, 1957, raised to
    an embassy at independence in 1960; the legation at Vienna, 1829, which the Republic of
    Austria's legation followed in 1921) is the state's mission from the day the state began:
    the earlier events were a mission to another state, which the post's record does not
    name, so they are reported and the rest kept. A first kept reopening is this state's
    opening. A post the record shows open through that day with no act since (Kolkata, 1792)
    is kept with no events, marked inferred. One closed before its state began stays whole
    (and is refused)."""
    state = mission["receiving_state"]
    first = events[0]["occurred_on"] if events else None
    start = b.territories.spans.get(state, (None, None))[0]
    if not first or start is None or b.territories.existed(state, first)[0]:
        return events
    later = [e for e in events if not before(e["occurred_on"], start)]
    earlier = events[:len(events) - len(later)]
    if later and not b.territories.existed(state, later[0]["occurred_on"])[0]:
        return events
    if not later and earlier[-1]["event"] == "closed":
        return events
    post = mission.get("gsh_post_id")
    record = f"gsh-posts/posts/{post}.xml" if post else f"mission {mission['id']}"
    b.refuse("mission_events", record,
             "the post opened before its state existed: its events before the state began "
             "were a mission to another state, which the record does not name",
             f"{len(earlier)} of {len(events)} events; {state} existed {start}–")
    if not later:
        mission["basis"] = "inferred"
        mission["basis_note"] = (
            f"The post opened in {first[:4]}, before {b.territories.state_names[state]} existed "
            f"({start}), and its record shows it open since: taken to be a post in that state "
            "from its first day.")
        return []
    if later[0]["event"] == "reopened":
        later[0] = dict(later[0], event="opened")
    return later


def settle_missions(b):
    """Orders each mission's events, drops a post's year-only event that an rdcr event of the
    same year tells more precisely, and sets the mission's kind and dates from its events."""
    for mission in list(b.rows["missions"]):
        events = mission.pop("events", None)
        if events is None:
            continue
        precise = {(e["event"] in ("opened", "reopened", "raised"), e["occurred_on"][:4])
                   for e in events if not e.get("from_post")}
        kept = [e for e in events if not (
            e.get("from_post") and (e["event"] == "opened", e["occurred_on"][:4]) in precise)]
        kept.sort(key=lambda e: e["occurred_on"])
        kept = drop_moves_before_opening(b, mission, kept)
        kept = keep_from_state_start(b, mission, kept)
        for index, later in enumerate(kept[1:], start=1):
            # An opening after the mission's earlier acts (Belgrade's embassy of 2001, after
            # the closure of 1999 and the relations of 2000) opens it again (a later opening with no closure before it
            # stays an opening of its own, as the record has it).
            if later["event"] == "opened" and any(
                    e["event"] == "closed" for e in kept[:index]):
                later["event"] = "reopened"
        # A mission whose first recorded act is not its opening (raised, moved, closed) was
        # opened before the record begins: its opening date is unknown, not that later act's.
        opened = [e["occurred_on"] for e in kept if e["event"] in ("opened", "reopened")]
        first_is_opening = bool(kept) and kept[0]["event"] == "opened"
        mission["opened_on"] = opened[0] if opened and first_is_opening else None
        last = next((e for e in reversed(kept) if e["event"] in ("opened", "reopened", "closed")),
                    None)
        mission["closed_on"] = last["occurred_on"] if last and last["event"] == "closed" else None
        if mission["closed_on"] and mission["opened_on"] and (
                mission["closed_on"] < mission["opened_on"][:len(mission["closed_on"])]):
            mission["closed_on"] = None
        if mission["kind"] is None:
            mission["kind"] = next((e["kind"] for e in reversed(kept) if e.get("kind")), "other")
        existed, span = b.territories.existed(mission["receiving_state"], mission["opened_on"])
        if existed:
            # The United States too: a post the record dates before 1776-07-04 (St. Petersburg,
            # 1774) was no mission of the United States.
            existed, span = b.territories.existed(mission["sending_state"], mission["opened_on"])
        if not existed:
            b.refuse("missions", mission.get("gsh_post_id") or f"mission {mission['id']}",
                     "the state of the seed did not exist when the mission opened "
                     f"({mission['opened_on']}); its {len(kept)} events are left out too", span)
            mission["refused"] = True
            continue
        for e in kept:
            e["mission_id"] = mission["id"]
            b.add("mission_events", e)
    b.rows["missions"] = [m for m in b.rows["missions"] if not m.pop("refused", False)]


def load_pocom(b):
    notes = {}
    for note in b.read("pocom_mission_notes.csv"):
        notes.setdefault(note["after_chief_id"], []).append(note["text"])
    chiefs = b.read("pocom_chiefs.csv")
    first_source = {}
    for chief in chiefs:
        first_source.setdefault(chief["person_id"], b.pocom_source(chief))
    people = {}
    for person in b.read("pocom_people.csv"):
        people[person["person_id"]] = b.add("people", {
            "name": person["name"], "surname": person["surname"] or None,
            "forename": person["forename"] or None, "other_names": person["altnames"] or None,
            "born_on": person["birth"] or None, "died_on": person["death"] or None,
            "pocom_id": person["person_id"], "source_id": first_source.get(person["person_id"]),
        })
    for chief in chiefs:
        load_chief(b, chief, people, notes)


def load_chief(b, chief, people, notes):
    code = (b.territories.code(chief["territory_slug"])
            or b.territories.code(chief["mission_territory_slug"]))
    where = f"{chief['source_file']}#{chief['chief_id']}"
    if code is None:
        b.refuse("heads_of_mission", where, "territory is no state of the seed",
                 chief["territory_slug"])
        return
    if chief["person_id"] not in people:
        b.refuse("heads_of_mission", where, "person has no record", chief["person_id"])
        return
    if not chief["title"]:
        b.refuse("heads_of_mission", where, "no title", chief["role_title_id"])
        return
    first_date = next((chief[c] for c in ("appointed", "arrived", "started", "ended") if chief[c]),
                      None)
    existed, span = b.territories.existed(code, first_date)
    if not existed:
        slug = chief["territory_slug"] if b.territories.code(chief["territory_slug"]) \
            else chief["mission_territory_slug"]
        code = b.territories.code_on(slug, first_date)
    if code is None:
        b.refuse("heads_of_mission", where, "neither the state of the seed nor one state "
                 "before it existed on the date", span)
        return
    remarks = [chief["note"]] if chief["note"] else []
    pocom_id = chief["chief_id"]
    if pocom_id in b.chief_ids:
        b.refuse("heads_of_mission", where, "the id is another appointment's too; loaded "
                 "without it", pocom_id)
        remarks.append(f"The source gives this appointment the id {pocom_id}, which an earlier "
                       "appointment in the same file has too.")
        pocom_id = None
    b.chief_ids.add(chief["chief_id"])
    for label in ("appointed", "arrived"):
        if chief[label + "_note"]:
            remarks.append(f"{label.capitalize()}: {chief[label + '_note']}")
    remarks += notes.get(chief["chief_id"], [])
    b.add("heads_of_mission", {
        "person_id": people[chief["person_id"]], "title": chief["title"],
        "sending_state": US, "receiving_state": code, "appointed_on": chief["appointed"] or None,
        "arrived_on": chief["arrived"] or None, "started_on": chief["started"] or None,
        "ended_on": chief["ended"] or None, "started_how": chief["started_note"] or None,
        "ended_how": chief["ended_note"] or None,
        "nominee_only": 1 if chief["listing"] == "nominee" else 0,
        "pocom_id": pocom_id, "source_id": b.pocom_source(chief), "basis": "stated",
        "note": " ".join(remarks) or None,
    })


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--derived", default="data/derived")
    parser.add_argument("--seed", default="seed", help="the seed read (states, hand rows)")
    parser.add_argument("--out", default="seed", help="where the seed CSVs are written")
    parser.add_argument("--report", default=None,
                        help="the report (default: DERIVED/history_seed_report.csv)")
    args = parser.parse_args()
    builder = Builder(args.derived, Territories(args.seed, args.derived))
    missions = load_posts(builder)
    load_rdcr(builder, missions)
    settle_resumptions(builder)
    infer_closures(builder)
    settle_missions(builder)
    load_pocom(builder)
    os.makedirs(args.out, exist_ok=True)
    for table in COLUMNS:
        columns, rows = hand_rows(args.seed, table)
        write_csv(os.path.join(args.out, table + ".csv"), columns, rows + builder.rows[table])
    report = args.report or os.path.join(args.derived, "history_seed_report.csv")
    write_csv(report, REPORT_COLUMNS, builder.report)
    # The next stage: the Factbook's representation rows (ids 40001+) after the record's.
    build_representation_seed.stage(args.seed, args.out)
    for table in COLUMNS:
        print(f"{table}: {len(builder.rows[table])} rows", file=sys.stderr)
    print(f"reported: {len(builder.report)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
