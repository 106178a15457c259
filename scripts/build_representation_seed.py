#!/usr/bin/env python3
"""Adds the CIA World Factbook's diplomatic representation to the seed: each state's embassy
and consulates in the United States with its chief of mission, and the United States' embassy,
consulates and chief of mission in each state, as of early 2026.

    python3 scripts/build_representation_seed.py   # --seed seed --out seed --report ...

It is the stage after scripts/build_history_seed.py (which calls it; run alone, it does the
same): it reads the tables the history build wrote in OUT (missions, people, heads of mission,
sources), takes out its own rows (ids FIRST_ID..LAST_ID) and appends them again, so that
re-running writes the same bytes. A US mission or chief the Office of the Historian's record
already holds is matched, not added again. Every decision is a row of the report
(data/world/representation/report.csv). The rules are in data/world/representation/README.md;
the readings of the Factbook's prose (what a sentence says about a mission) are
data/world/representation/readings.csv, each with the quote it rests on, which must be in
the text.
"""

import argparse
import csv
import html
import io
import json
import os
import re
import sys
import unicodedata

# This stage's ids in every table it writes; the history build's generated rows start at 10001.
FIRST_ID = 40001
LAST_ID = 49999
US = "US"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FACTBOOK = os.path.join("data", "world", "factbook")
FACTBOOK_COMMIT = "8662a8b17a784841ab4528631b04090eb2f183eb"
READINGS = os.path.join("data", "world", "representation", "readings.csv")
REPORT = os.path.join("data", "world", "representation", "report.csv")
PUBLISHER = "Central Intelligence Agency"
# The Factbook's last edition; it ended in February 2026 (data/world/README.md).
PUBLISHED_ON = "2026"
IN_US = "Diplomatic representation in the US"
FROM_US = "Diplomatic representation from the US"

TABLES = ["sources", "missions", "people", "heads_of_mission"]
REPORT_COLUMNS = ["state", "gec", "direction", "item", "outcome", "detail", "row"]

# The Factbook's internet country code checks a match by name (it is the ISO code but here).
TLD_EXCEPTIONS = {"uk": "GB"}
# Mission fields of the Factbook, the kind each is, and the family it is matched within.
IN_US_FIELDS = [
    ("consulate(s) general", "consulate_general"),
    ("consulate(s)", "consulate"),
    ("honorary consulate(s)", "honorary_consulate"),
    ("trade office(s)", "trade_mission"),
    ("representative office", "other"),
]
FROM_US_FIELDS = [
    ("consulate(s) general", "consulate_general"),
    ("consulate(s)", "consulate"),
    ("branch office(s)", "branch_office"),
]
DIPLOMATIC = {"embassy", "legation", "interests_section", "liaison_office", "other"}
# Titles of a chief of mission, longest first.
TITLES = [
    "Ambassador-designate", "Ambassador", "Chargé d’Affaires", "Apostolic Nuncio",
    "Consul General", "Consul", "Director",
]
HONORIFICS = ["Tan Sri", "Sir", "Dr.", "Cardinal"]
SUFFIXES = {"Jr.", "Jr", "II", "III", "IV"}
PARTICLES = {"de", "da", "do", "dos", "das", "del", "di", "du", "van", "von", "bin", "bint"}
# Spellings of the Factbook a city is not written with, and the city they name.
CITY_SPELLINGS = {"Los Angelos": "Los Angeles"}
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
# Words in a mission's text that the plain reading (an address, a list of cities) cannot
# take: the text is prose, and a reading of data/world/representation/readings.csv must say
# what it tells.
PROSE = re.compile(r"\b(none|does not|not have|suspended|closed|reopened|opened|relocated|"
                   r"operates|note|interests section|affairs unit)\b", re.IGNORECASE)


# --- reading the Factbook --------------------------------------------------------------------

def clean(text):
    """The Factbook's HTML as plain text: entities decoded, a line break or paragraph as '; ',
    other tags dropped, spaces collapsed."""
    text = html.unescape(text or "")
    text = re.sub(r"(?i)<br\s*/?>|</?p>", "; ", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = text.replace("\xa0", " ")
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"(\s*;\s*)+", "; ", text)
    return text.strip(" ;")


def fold(text):
    """Text compared without case, accents or punctuation ('Côte d'Ivoire' = 'cote d ivoire')."""
    text = unicodedata.normalize("NFKD", html.unescape(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w]+", " ", text.casefold())
    return text.strip()


def field(entry, section, name):
    value = entry["json"].get("Government", {}).get(section, {}).get(name)
    if isinstance(value, dict):
        return clean(value.get("text"))
    if isinstance(value, str):
        return clean(value)
    return None


def sovereign_codes(factbook):
    """The GEC codes the Factbook's SUMMARY.md lists as sovereign countries, and as 'other'."""
    with open(os.path.join(factbook, "SUMMARY.md"), encoding="utf-8") as handle:
        summary = handle.read()
    sections = re.split(r"^### ", summary, flags=re.MULTILINE)
    kinds = {}
    for section in sections:
        kind = "sovereign" if section.startswith("Sovereign") else (
            "other" if section.startswith("Other") else None)
        if kind:
            for gec, name in re.findall(r"`(\w\w)` (.+)", section):
                kinds[gec] = (kind, name.strip())
    return kinds


def read_factbook(factbook):
    entries = {}
    for region in sorted(os.listdir(factbook)):
        folder = os.path.join(factbook, region)
        if not os.path.isdir(folder) or region == "meta":
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith(".json"):
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    entries[name[:-5]] = {
                        "gec": name[:-5], "path": f"{region}/{name}", "json": json.load(handle),
                    }
    return entries


def parse_date(text):
    """'5 September 2025', 'July 2024', '2025' as ISO 8601 (partial where the text is)."""
    words = text.split()
    try:
        if len(words) == 3 and words[1].lower() in MONTHS:
            return f"{int(words[2]):04d}-{MONTHS[words[1].lower()]:02d}-{int(words[0]):02d}"
        if len(words) == 2 and words[0].lower() in MONTHS:
            return f"{int(words[1]):04d}-{MONTHS[words[0].lower()]:02d}"
        if len(words) == 1 and re.fullmatch(r"\d{4}", words[0]):
            return words[0]
    except ValueError:
        return None
    return None


# --- names ---------------------------------------------------------------------------------

def is_family_token(token):
    """A word the Factbook writes in capitals, its mark of the family name ('HANEFELD',
    'McCLELLAND', 'O'NEILL'); initials and suffixes are not."""
    if token in SUFFIXES:
        return False
    letters = re.sub(r"[^\w]", "", token)
    if len(letters) < 2 or letters.isdigit():
        return False
    rest = letters[2:] if letters.startswith("Mc") else letters
    return rest == rest.upper() and rest != rest.lower()


def as_written(token):
    """A family name in capitals as a person writes it: 'HANEFELD' Hanefeld, 'VAN-DÚNEM'
    Van-Dúnem, 'O'NEILL' O'Neill, 'MCKENZIE' McKenzie."""
    parts = re.split(r"([-'’])", token)
    out = []
    for part in parts:
        if part in ("-", "'", "’") or not part:
            out.append(part)
        elif part[:2].lower() == "mc" and len(part) > 2:
            out.append("Mc" + part[2].upper() + part[3:].lower())
        else:
            out.append(part[0].upper() + part[1:].lower())
    return "".join(out)


def family_word(token, inside):
    """A word of a name as written: capitals as a person writes them, and a particle inside
    the family name in small letters ('ALVES DE BRITO' Alves de Brito)."""
    if not is_family_token(token):
        return token
    if inside and token.lower() in PARTICLES:
        return token.lower()
    return as_written(token)


def parse_name(text):
    """A person as the Factbook names them: the name as written, the family name (the part in
    capitals), forenames, other forms (a name in parentheses or quotes), honorifics."""
    other = []
    for pattern in (r"\(([^)]+)\)", r"“([^”]+)”", r'"([^"]+)"'):
        for found in re.findall(pattern, text):
            other.append(found.strip())
        text = re.sub(pattern, " ", text)
    honorifics = []
    changed = True
    while changed:
        changed = False
        for honorific in HONORIFICS:
            if text.startswith(honorific + " "):
                honorifics.append(honorific)
                text = text[len(honorific) + 1:].lstrip()
                changed = True
    tokens = [t for t in text.replace(",", " ").split() if t]
    family = [i for i, t in enumerate(tokens) if is_family_token(t)]
    if family:
        first, last = family[0], family[-1]
        # Particles between capitals belong to the family name ('NEIDHART de ORTIZ').
        if any(not is_family_token(t) and t not in PARTICLES for t in tokens[first:last + 1]):
            last = first
            while last + 1 < len(tokens) and is_family_token(tokens[last + 1]):
                last += 1
        surname = " ".join(family_word(t, i > first) for i, t in
                           enumerate(tokens[first:last + 1], start=first))
        before = [t for t in tokens[:first]]
        after = [t for t in tokens[last + 1:] if t not in SUFFIXES]
        forename = " ".join(before) if before else (" ".join(after) or None)
    else:
        surname, forename = None, None
    run = range(family[0], family[-1] + 1) if family else range(0)
    written = " ".join(family_word(t, i in run and i > run.start) for i, t in enumerate(tokens))
    others = []
    for form in other:
        # 'Yechiel (Michael) LEITER': Michael Leiter; 'James “Jim” HELLER': Jim Heller.
        others.append(f"{form} {surname}" if surname and " " not in form else form)
    return {
        "name": written, "surname": surname, "forename": forename,
        "other_names": "; ".join(others) or None, "honorifics": honorifics,
    }


# --- chiefs of mission ---------------------------------------------------------------------

def split_top(text, separator=";"):
    """Splits on `separator` outside parentheses ('Ambassador (vacant; recalled ...)')."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == separator and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


TITLE_PATTERN = "|".join(re.escape(t) for t in TITLES)
CHIEF = re.compile(
    rf"^(?P<title>{TITLE_PATTERN})\s*"
    r"(?P<vacant>\(vacant[^)]*\))?\s*"
    r"(?P<rest>.*)$")
DATED = re.compile(r"^(?P<name>.*?)\s*\((?P<since>since\s+)?(?P<date>[^()]*\d{4})\)\s*"
                   r"(?P<after>.*)$")


def chief_segments(text):
    """The text of a chief of mission field as segments: one person, a vacancy or a note
    each. 'Ambassador (vacant) Chargé ...' and '... (since ...) and Chargé ...' are two."""
    text = text.replace("d'Affaires", "d’Affaires").replace("d’ Affaires", "d’Affaires")
    text = re.sub(r"\s+note\s*-\s*", "; note - ", text)
    segments = []
    for part in split_top(text):
        part = re.sub(r"(\(vacant[^)]*\))\s+(?=\S)", r"\1; ", part)
        part = re.sub(r"(\(since [^)]*\))\s+and\s+(?=(?:%s))" % TITLE_PATTERN, r"\1; ", part)
        segments.extend(split_top(part))
    return segments


def parse_chiefs(text):
    """(people, vacancies, notes, unread) of a chief of mission field."""
    people, vacancies, notes, unread = [], [], [], []
    for segment in chief_segments(text or ""):
        # A note runs to the end of the field ('note - ...; she remains ...').
        if notes or re.match(r"(?i)note\b", segment):
            notes.append(re.sub(r"(?i)^note\s*[-:]\s*", "", segment))
            continue
        match = CHIEF.match(segment)
        if not match:
            unread.append(segment)
            continue
        title, rest = match.group("title"), match.group("rest").strip()
        if match.group("vacant"):
            vacancies.append(f"{title} {match.group('vacant')}")
            if rest:
                unread.append(rest)
            continue
        rank = None
        if rest.startswith("Ambassador "):
            rank, rest = "Ambassador", rest[len("Ambassador "):]
        dated = DATED.match(rest)
        date_text, since, after = None, False, ""
        if dated:
            name_text, date_text = dated.group("name"), dated.group("date").strip()
            since, after = bool(dated.group("since")), dated.group("after").strip(" ,")
        else:
            name_text = rest
        role = None
        if "," in name_text:
            name_text, role = [p.strip() for p in name_text.split(",", 1)]
            if role in SUFFIXES:
                name_text, role = f"{name_text} {role}", None
        if after:
            unread.append(after)
        started_on = parse_date(date_text) if date_text else None
        if date_text and started_on is None:
            unread.append(f"date '{date_text}'")
        person = parse_name(name_text)
        person.update({
            "written": name_text,
            "title": title, "rank": rank, "role": role, "date_text": date_text,
            "since": since, "started_on": started_on, "segment": segment,
        })
        people.append(person)
    return people, vacancies, notes, unread


# --- cities --------------------------------------------------------------------------------

def parse_cities(text):
    """A list of cities ('Houston, St. Paul (MN), New York') as (city, the Factbook's form);
    the parenthesis (a US state, an older name, 'suspended status') stays in the form."""
    main = re.split(r";\s*note\b", text, maxsplit=1, flags=re.IGNORECASE)[0]
    cities = []
    for item in main.split(","):
        item = item.strip()
        if not item:
            continue
        city = re.sub(r"\s*\([^)]*\)", "", item).strip()
        city = CITY_SPELLINGS.get(city, city)
        cities.append((city, item))
    return cities


def chancery_city(address):
    """The city of a chancery in the US, from its address ('..., Washington, DC 20007')."""
    folded = fold(address)
    if re.search(r"\bwashington\b", folded):
        return "Washington"
    if re.search(r"\bnew york\b", folded):
        return "New York"
    return None


# --- seed files ----------------------------------------------------------------------------

def read_table(path):
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return reader.fieldnames, list(reader)


# As scripts/build_history_seed.py writes its tables (the same bytes), kept here so that the
# stage stands alone beside the history build, which calls it.
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


def own(row):
    return FIRST_ID <= int(row["id"]) <= LAST_ID


class States:
    """reldb's states of today by name (names, official names, current aliases)."""

    def __init__(self, seed):
        _, states = read_table(os.path.join(seed, "states.csv"))
        _, aliases = read_table(os.path.join(seed, "state_aliases.csv"))
        self.rows = {s["code"]: s for s in states}
        self.by_name = {}
        for state in states:
            if state["existed_until"]:
                continue
            for name in (state["name"], state["official_name"]):
                if name:
                    self.by_name.setdefault(fold(name), set()).add(state["code"])
        for alias in aliases:
            if not alias["valid_until"] and alias["state"] in self.rows \
                    and not self.rows[alias["state"]]["existed_until"]:
                self.by_name.setdefault(fold(alias["alias"]), set()).add(alias["state"])

    def match(self, entry):
        """The state a Factbook entry is, by its names; (code, how) or (None, why)."""
        names = entry["json"].get("Government", {}).get("Country name", {})
        forms = []
        for key in ("conventional short form", "conventional long form", "local short form",
                    "local long form", "abbreviation"):
            value = names.get(key, {})
            text = clean(value.get("text") if isinstance(value, dict) else "")
            # 'United Kingdom of ...; note - ...', 'Holy See (Vatican City)'.
            text = re.split(r";|\(", text)[0].strip()
            if text and text.lower() != "none":
                forms.append((key, text))
        found = {}
        for key, text in forms:
            folded = fold(text)
            codes = self.by_name.get(folded) or self.by_name.get(re.sub(r"^the ", "", folded))
            for code in codes or ():
                found.setdefault(code, []).append(f"{key} '{text}'")
        if len(found) != 1:
            return None, f"names {forms} give {sorted(found) or 'no state'}"
        code, how = next(iter(found.items()))
        return code, "; ".join(how)

    def check_tld(self, entry, code):
        """Whether the Factbook's internet country code is the state's ISO code."""
        value = entry["json"].get("Communications", {}).get("Internet country code", {})
        text = clean(value.get("text") if isinstance(value, dict) else "")
        found = re.findall(r"\.([a-z]{2})\b", text)
        if not found:
            return False, "no internet country code"
        tld = found[0]
        expected = TLD_EXCEPTIONS.get(tld, tld.upper())
        iso = self.rows[code]["iso2"] or code
        return expected == iso, f"internet country code .{tld}"


class Readings:
    """Hand readings of the Factbook's prose, each resting on a quote of the text."""

    def __init__(self, path):
        _, rows = read_table(path)
        self.rows = {}
        for number, row in enumerate(rows, start=2):
            row["line"] = number
            self.rows.setdefault((row["gec"], row["side"], row["field"]), []).append(row)
        self.used = set()

    def get(self, gec, side, field_name, text):
        """The readings of one field, each checked against the field's text."""
        found = self.rows.get((gec, side, field_name), [])
        for row in found:
            if fold(row["quote"]) not in fold(text or ""):
                sys.exit(f"{READINGS} line {row['line']}: the quote is not in {gec}'s "
                         f"'{field_name}' ({side}): {row['quote']!r}")
            self.used.add(row["line"])
        return found

    def unused(self):
        return [row for rows in self.rows.values() for row in rows if row["line"] not in self.used]


# --- the stage -----------------------------------------------------------------------------

class Stage:
    def __init__(self, seed, out, readings):
        self.states = States(seed)
        self.readings = Readings(readings)
        self.columns, self.existing = {}, {}
        for table in TABLES:
            columns, rows = read_table(os.path.join(out, table + ".csv"))
            self.columns[table] = columns
            self.existing[table] = [r for r in rows if not own(r)]
        self.new = {table: [] for table in TABLES}
        self.next_id = {table: FIRST_ID for table in TABLES}
        self.report = []
        self.failures = []
        self.people_by_name = {}
        self.record_people = {}
        for person in self.existing["people"]:
            if person["surname"]:
                self.record_people.setdefault(fold(person["surname"]), []).append(person)

    def fail(self, message):
        """A text the stage cannot read by itself: all are told at the end, then it stops."""
        self.failures.append(message)

    def add(self, table, row):
        if self.next_id[table] > LAST_ID:
            sys.exit(f"{table}: more rows than the stage's ids {FIRST_ID}-{LAST_ID}")
        row["id"] = str(self.next_id[table])
        self.next_id[table] += 1
        self.new[table].append(row)
        return row["id"]

    def note(self, state, gec, direction, item, outcome, detail, row=""):
        self.report.append({"state": state, "gec": gec, "direction": direction, "item": item,
                            "outcome": outcome, "detail": detail, "row": row})

    def source(self, entry, country):
        return self.add("sources", {
            "title": (f"The World Factbook: {country}, Government: “{IN_US}” and “{FROM_US}”"),
            "publisher": PUBLISHER, "published_on": PUBLISHED_ON,
            "address": (f"https://github.com/factbook/factbook.json/blob/{FACTBOOK_COMMIT}/"
                        f"{entry['path']}"),
            "note": (f"The Factbook's last edition (it ended in February 2026), as of early 2026; "
                     f"factbook/factbook.json at {FACTBOOK_COMMIT[:7]} (2026-05-17), copied "
                     f"unchanged into data/world/factbook/{entry['path']}. Public domain (a US "
                     f"government work); the JSON collection is CC0 1.0. Read by "
                     f"scripts/build_representation_seed.py."),
        })

    def run(self, entries, kinds):
        matched = {}
        for gec in sorted(kinds):
            kind, name = kinds[gec]
            entry = entries.get(gec)
            if entry is None:
                self.note("", gec, "", "state", "not loaded", f"no file for {name}")
                continue
            if kind != "sovereign":
                self.note("", gec, "", "state", "not loaded",
                          f"{name}: listed by the Factbook as 'other', not a sovereign country")
                continue
            code, how = self.states.match(entry)
            if code is None:
                self.note("", gec, "", "state", "not matched", f"{name}: {how}")
                continue
            tld_ok, tld = self.states.check_tld(entry, code)
            if not tld_ok:
                sys.exit(f"{gec} ({name}) matched {code} by {how}, but its {tld} disagrees")
            if code == US:
                continue
            self.note(code, gec, "", "state", "matched",
                      f"{name} = {code} ({self.states.rows[code]['name']}) by {how}; checked "
                      f"by the {tld}")
            matched[code] = (entry, name)
        for code in sorted(matched):
            entry, name = matched[code]
            source_id = self.source(entry, name)
            self.in_us(code, entry, source_id)
            self.from_us(code, entry, source_id)
        if self.failures:
            sys.exit("\n".join(self.failures))
        for row in self.readings.unused():
            sys.exit(f"{READINGS} line {row['line']}: the reading is used by no field "
                     f"({row['gec']} {row['side']} {row['field']})")
        self.flag_similar_people()

    def has_section(self, code, entry, side, name):
        """Whether the entry has the field of one direction, with no part this stage does not
        read (a new part stops it, rather than be left out unseen)."""
        section = entry["json"].get("Government", {}).get(name)
        if not section:
            self.note(code, entry["gec"], side, "embassy", "not loaded",
                      f"the Factbook has no “{name}”")
            return False
        unknown = sorted(set(section) - KNOWN_KEYS)
        if unknown:
            sys.exit(f"{entry['gec']} “{name}” has fields this stage does not read: {unknown}")
        return True

    # --- the state's missions in the United States ------------------------------------------

    def in_us(self, code, entry, source_id):
        gec = entry["gec"]
        if not self.has_section(code, entry, "in_us", IN_US):
            return
        chancery = field(entry, IN_US, "chancery")
        text = field(entry, IN_US, "text") or ""
        remark = field(entry, IN_US, "note")
        embassy_id = None
        readings = self.readings.get(gec, "in_us", "text", text)
        if chancery:
            city = chancery_city(chancery)
            if city is None:
                sys.exit(f"{gec}: no city in the chancery's address {chancery!r}")
            note = f"Chancery: {chancery} (the Factbook, early 2026)."
            if city != "Washington":
                note += (f" The chancery the Factbook gives is in {city}, not Washington.")
            if remark:
                note += f" The Factbook notes: {remark}"
            embassy_id = self.add("missions", mission(code, US, "embassy", city, source_id, note))
            self.note(code, gec, "in_us", f"embassy in {city}", "added",
                      f"chancery {chancery}", f"missions {embassy_id}")
        elif readings:
            for reading in readings:
                embassy_id = self.read_mission(code, US, gec, "in_us", reading, source_id)
        else:
            self.note(code, gec, "in_us", "embassy", "not loaded",
                      f"the Factbook gives no chancery: “{text or remark or 'nothing'}”")
        first_mission = None
        for name, kind in IN_US_FIELDS:
            value = field(entry, IN_US, name)
            if value is None:
                continue
            for city, form in self.cities(gec, "in_us", name, value):
                note = f"The Factbook lists it among the state's “{name}” in the US"
                note += f" as “{form}”." if form != city else "."
                row_id = self.add("missions", mission(code, US, kind, city, source_id, note))
                first_mission = first_mission or row_id
                self.note(code, gec, "in_us", f"{kind} in {city}", "added", form,
                          f"missions {row_id}")
        if remark:
            self.note(code, gec, "in_us", "note", "read", remark)
        chief_text = field(entry, IN_US, "chief of mission")
        # A chief the Factbook names in a note (Bhutan's Consul General in New York).
        noted = self.readings.get(gec, "in_us", "note", remark or "")
        if chief_text or not noted:
            self.chiefs(code, US, gec, "in_us", chief_text, embassy_id, source_id,
                        resident=True)
        for reading in noted:
            if reading["reading"] != "chief":
                self.fail(f"{READINGS} line {reading['line']}: a note's reading is a chief")
                continue
            self.chiefs(code, US, gec, "in_us", reading["value"], embassy_id or first_mission,
                        source_id, resident=True)

    def cities(self, gec, side, name, value):
        """The cities of a list field, or of its reading where the text is not a plain list."""
        readings = self.readings.get(gec, side, name, value)
        if readings:
            return [(r["value"], r["quote"]) for r in readings if r["reading"] == "city"]
        if PROSE.search(re.sub(r"\((suspended status)\)", "", value)) and not re.search(
                r";\s*note\b", value, flags=re.IGNORECASE):
            self.fail(f"{gec} {side} “{name}” is prose, not a list of cities: {value!r}; add "
                      f"a reading to {READINGS}")
            return []
        cities = parse_cities(value)
        if any(re.search(r"\d", form) or len(form.split()) > 5 for _, form in cities):
            self.fail(f"{gec} {side} “{name}” is not a list of cities: {value!r}; add a "
                      f"reading to {READINGS}")
            return []
        return cities

    def read_mission(self, sending, receiving, gec, side, reading, source_id):
        """A mission a reading of the Factbook's prose tells of."""
        state = receiving if sending == US else sending
        if reading["reading"] == "no_mission":
            self.note(state, gec, side, reading["field"], "not loaded",
                      f"“{reading['quote']}” ({reading['note']})")
            return None
        if reading["reading"] != "mission":
            sys.exit(f"{READINGS} line {reading['line']}: unknown reading {reading['reading']!r}")
        kind, city = reading["value"].split(" in ", 1) if " in " in reading["value"] else (
            reading["value"], None)
        note = f"The Factbook says: “{reading['quote']}”."
        if reading["note"]:
            note += f" {reading['note']}"
        row = mission(sending, receiving, kind, city, source_id, note)
        if sending == US:
            return self.us_mission(state, gec, row, f"{kind} in {city}" if city else kind)
        row_id = self.add("missions", row)
        self.note(state, gec, side, f"{kind} in {city}", "added", reading["quote"],
                  f"missions {row_id}")
        return row_id

    # --- the United States' missions in the state --------------------------------------------

    def from_us(self, code, entry, source_id):
        gec = entry["gec"]
        if not self.has_section(code, entry, "from_us", FROM_US):
            return
        embassy_text = field(entry, FROM_US, "embassy") or ""
        remark = field(entry, FROM_US, "note") or ""
        text = field(entry, FROM_US, "text") or ""
        embassy_id = None
        chief_text = field(entry, FROM_US, "chief of mission")
        readings = self.readings.get(gec, "from_us", "embassy", embassy_text) \
            + self.readings.get(gec, "from_us", "note", remark) \
            + self.readings.get(gec, "from_us", "text", text) \
            + [r for r in self.readings.get(gec, "from_us", "chief of mission", chief_text)
               if r["reading"] == "mission"]
        missions_read = [r for r in readings if r["reading"] in ("mission", "no_mission")]
        city_read = [r for r in readings if r["reading"] == "city"]
        post_read = [r for r in readings if r["reading"] == "post"]
        if missions_read:
            for reading in missions_read:
                found = self.read_mission(US, code, gec, "from_us", reading, source_id)
                embassy_id = embassy_id or found
        elif embassy_text:
            if PROSE.search(embassy_text) and not city_read:
                self.fail(f"{gec}: the US embassy's text is prose: {embassy_text!r}; add a "
                          f"reading to {READINGS}")
                return
            city = city_read[0]["value"] if city_read else self.embassy_city(code, entry,
                                                                             embassy_text)
            note = f"Embassy: {embassy_text} (the Factbook, early 2026)."
            if city_read:
                # The prose beside the address (a reopening, a closed consulate) is told.
                self.note(code, gec, "from_us", "embassy", "read", embassy_text)
            row = mission(US, code, "embassy", city, source_id, note)
            post = post_read[0] if post_read else None
            embassy_id = self.us_mission(code, gec, row, f"embassy in {city}" if city else
                                         "embassy (no city)", post)
        else:
            self.note(code, gec, "from_us", "embassy", "not loaded",
                      f"the Factbook gives no US embassy: “{text or remark or chief_text}”")
        if remark:
            self.note(code, gec, "from_us", "note", "read", remark)
        for name, kind in FROM_US_FIELDS:
            value = field(entry, FROM_US, name)
            if value is None:
                continue
            remark_part = re.split(r";\s*note\s*-\s*", value, maxsplit=1)
            for city, form in self.cities(gec, "from_us", name, value):
                note = f"The Factbook lists it among the US “{name}” in the state"
                note += f" as “{form}”." if form != city else "."
                row = mission(US, code, kind, city, source_id, note)
                self.us_mission(code, gec, row, f"{kind} in {city}")
            if len(remark_part) > 1:
                self.note(code, gec, "from_us", name, "read", f"note: {remark_part[1]}")
        self.chiefs(US, code, gec, "from_us", chief_text, embassy_id, source_id,
                    resident=embassy_id is not None)

    def embassy_city(self, code, entry, address):
        """The city of the US embassy: a city of the record's US posts in the state, or the
        state's capital by the Factbook, that the address names."""
        folded = f" {fold(address)} "
        cities = sorted({m["city"] for m in self.us_missions(code) if m["city"]})
        found = [c for c in cities if f" {fold(c)} " in folded
                 or (fold(c).endswith(" city") and f" {fold(c)[:-5]} " in folded)]
        if len(found) > 1:
            embassies = {m["city"] for m in self.us_missions(code)
                         if m["kind"] == "embassy" and m["gsh_post_id"]}
            found = [c for c in found if c in embassies] or found
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            self.fail(f"{code}: the embassy's address {address!r} names several cities of the "
                      f"record {found}; add a reading to {READINGS}")
            return None
        capital = entry["json"].get("Government", {}).get("Capital", {}).get("name", {})
        names = clean(capital.get("text") if isinstance(capital, dict) else "")
        for name in re.split(r"[;,]", re.split(r";\s*note", names)[0]):
            name = re.sub(r"\([^)]*\)", "", name).strip()
            if name and f" {fold(name)} " in folded:
                return name
        return None

    def us_missions(self, code):
        return [m for m in self.existing["missions"]
                if m["sending_state"] == US and m["receiving_state"] == code]

    def us_mission(self, code, gec, row, item, post_reading=None):
        """The record's mission that is this one of the Factbook's, or the row added."""
        found, how = self.match_us(code, row, post_reading)
        if found is not None:
            if row["city"] is None and found["city"]:
                item = f"{row['kind']} in {found['city']} (the record's city)"
            self.note(code, gec, "from_us", item, "matched", how, f"missions {found['id']}")
            return found["id"]
        row_id = self.add("missions", row)
        self.note(code, gec, "from_us", item, "added", how, f"missions {row_id}")
        return row_id

    def match_us(self, code, row, post_reading):
        family = family_of(row["kind"])
        candidates = [m for m in self.us_missions(code) if family_of(m["kind"]) == family]
        if post_reading is not None:
            posts = [m for m in candidates if m["gsh_post_id"] == post_reading["value"]]
            if len(posts) != 1:
                sys.exit(f"{READINGS} line {post_reading['line']}: no {family} post "
                         f"{post_reading['value']} of the record in {code}")
            return posts[0], (f"the record's post {posts[0]['gsh_post_id']} ({posts[0]['kind']} "
                              f"in {posts[0]['city']}), by the reading “{post_reading['quote']}”")
        city = row["city"]
        posts = [m for m in candidates if m["gsh_post_id"] and city and same_city(m["city"], city)]
        open_posts = [m for m in posts if not m["closed_on"]]
        if len(open_posts) > 1:
            open_posts = [m for m in open_posts if m["kind"] == row["kind"]] or open_posts
        if open_posts:
            # The record may hold one post twice ('conakry' and 'conakry-fix'): the post
            # named after the city, else the first, is taken, and the others told.
            slug = "-".join(city_words(city))
            m = next((p for p in open_posts if p["gsh_post_id"] == slug), open_posts[0])
            how = f"the record's post {m['gsh_post_id']} ({m['kind']} in {m['city']}, open)"
            if m["kind"] != row["kind"]:
                how += f"; the Factbook calls it {row['kind']}"
            others = [p["gsh_post_id"] for p in open_posts if p is not m]
            if others:
                how += f"; the record also holds open posts {others} in the city"
            return m, how
        closed = "; ".join(f"the record's post {m['gsh_post_id']} ({m['kind']} in {m['city']}) "
                           f"closed on {m['closed_on']}" for m in posts)
        if family == "diplomatic":
            # A state has one US embassy: the record's one open embassy post is the
            # Factbook's embassy where the address names its city otherwise or not at all
            # (Praha, Wassenaar's The Hague) or the embassy has moved (Tel Aviv to Jerusalem).
            same_kind = [m for m in candidates if m["kind"] == row["kind"] and not m["closed_on"]]
            with_post = [m for m in same_kind if m["gsh_post_id"]]
            if len(with_post) == 1:
                m = with_post[0]
                where = (f"the Factbook's address is in {city}" if city else
                         "the Factbook's address names no city of the record")
                return m, (f"the record's one open {m['kind']} post in the state, "
                           f"{m['gsh_post_id']} ({m['city']}); {where}")
            without = [m for m in same_kind if not m["gsh_post_id"] and not m["city"]]
            if not with_post and not posts and len(without) == 1:
                m = without[0]
                return m, (f"the record's one open {m['kind']} in the state, with no post and "
                           f"no city (mission {m['id']}, {m['basis']})")
        how = "no mission of the record in the city" if city else "no city in the Factbook's text"
        elsewhere = [m for m in self.us_missions(code) if family_of(m["kind"]) != family
                     and city and same_city(m["city"], city)]
        if elsewhere:
            how += "; the record's " + ", ".join(
                f"{m['kind']} {m['gsh_post_id'] or m['id']}" for m in elsewhere) + " is there"
        return None, closed or how

    # --- chiefs of mission -------------------------------------------------------------------

    def chiefs(self, sending, receiving, gec, side, text, mission_id, source_id, resident):
        state = receiving if sending == US else sending
        if not text:
            self.note(state, gec, side, "chief of mission", "not loaded",
                      "the Factbook names no chief of mission")
            return
        people, vacancies, notes, unread = parse_chiefs(text)
        readings = self.readings.get(gec, side, "chief of mission", text)
        read = {r["value"]: r for r in readings}
        for segment in unread:
            reading = next((r for r in readings if fold(r["quote"]) in fold(segment)
                            or fold(segment) in fold(r["quote"])), None)
            if reading is None or reading["reading"] != "not_a_chief":
                self.fail(f"{gec} {side}: cannot read {segment!r} of the chief of mission "
                          f"{text!r}; add a reading to {READINGS}")
                continue
            self.note(state, gec, side, "chief of mission", "not loaded",
                      f"“{segment}”: {reading['note']}")
        for vacancy in vacancies:
            self.note(state, gec, side, "chief of mission", "vacant", vacancy)
        remark = " ".join(notes)
        elsewhere = bool(re.search(r"\b(based|posted) in\b", remark))
        for person in people:
            reading = read.get(person["surname"] or person["name"])
            here = resident and not elsewhere
            if reading and reading["reading"] in ("resident", "not_resident"):
                here = reading["reading"] == "resident" and mission_id is not None
            self.chief(sending, receiving, gec, side, person, mission_id if here else None,
                       remark, source_id)

    def chief(self, sending, receiving, gec, side, person, mission_id, remark, source_id):
        state = receiving if sending == US else sending
        label = f"{person['title']} {person['name']}"
        if sending == US:
            pocom, doubt = self.pocom_match(person)
            if pocom is not None:
                # The record's term is this one unless it ended before the Factbook's date
                # (a chargé of 2019 back as ambassador is a new appointment).
                since = person["started_on"] or ""
                terms = [h for h in self.existing["heads_of_mission"]
                         if h["person_id"] == pocom["id"] and h["sending_state"] == US
                         and h["receiving_state"] == receiving
                         and not (h["ended_on"] and since
                                  and h["ended_on"] < since[:len(h["ended_on"])])]
                if terms:
                    term = terms[-1]
                    self.note(state, gec, side, label, "matched",
                              f"the record's appointment {term['pocom_id']} of {pocom['name']} "
                              f"({term['title']}, started {term['started_on'] or '?'}) wins; the "
                              f"Factbook says {person['title']} since {person['date_text']}",
                              f"heads_of_mission {term['id']}")
                    return
        else:
            pocom, doubt = None, self.pocom_match(person)[0]
            if doubt is not None:
                doubt = (f"the record's {doubt['name']} ({doubt['pocom_id']}) bears the name, "
                         "but is a US chief of mission; kept apart")
        person_id = self.person(person, pocom, source_id, state, gec, side, doubt)
        started_how = None
        if person["started_on"]:
            started_how = ("in office since, per the Factbook" if person["since"]
                           else "in office from, per the Factbook (the date given without "
                                "'since')")
            if person["title"] == "Ambassador-designate":
                started_how = "Ambassador-designate since, per the Factbook"
        note = [f"The Factbook writes “{person['segment']}”."]
        if person["rank"]:
            note.append(f"The Factbook gives the rank {person['rank']} besides the title.")
        if person["role"]:
            note.append(f"Role: {person['role']}.")
        if remark:
            note.append(f"The Factbook notes: {remark.rstrip('.')}.")
        if mission_id is None and sending == US:
            note.append("Not linked to a mission: the Factbook names no US embassy in the "
                        "state, or says the chief is based elsewhere.")
        row_id = self.add("heads_of_mission", {
            "person_id": person_id, "title": person["title"], "sending_state": sending,
            "receiving_state": receiving, "mission_id": mission_id,
            "started_on": person["started_on"], "started_how": started_how,
            "nominee_only": "0", "source_id": source_id, "basis": "stated",
            "note": " ".join(note),
        })
        self.note(state, gec, side, label, "added",
                  (f"since {person['date_text']}" if person["since"] else person["date_text"])
                  if person["date_text"] else "no date given",
                  f"heads_of_mission {row_id}")

    def pocom_match(self, person):
        """(the record's person who is this one, a doubtful namesake) by family name and
        forenames: 'Marc KNAPPER' is the record's Marc Evans Knapper; a first forename that
        differs is not the same person."""
        if not person["surname"]:
            return None, None
        fitting, doubtful = [], []
        forenames = fold(person["forename"] or "").split()
        for other in self.record_people.get(fold(person["surname"]), []):
            theirs = fold(other["forename"] or "").split()
            if not forenames or not theirs:
                doubtful.append(other)
            elif forenames[0] == theirs[0] and all(
                    consistent(f, t) for f, t in zip(forenames[1:], theirs[1:], strict=False)):
                fitting.append(other)
            elif forenames[0] == theirs[0]:
                doubtful.append(other)
        if len(fitting) == 1:
            return fitting[0], None
        if fitting:
            return None, fitting[0]
        return None, doubtful[0] if doubtful else None

    def person(self, person, pocom, source_id, state, gec, side, doubt):
        key = fold(person["name"])
        if key in self.people_by_name:
            return self.people_by_name[key]
        if pocom is not None:
            self.note(state, gec, side, person["name"], "matched",
                      f"the record's person {pocom['name']} ({pocom['pocom_id']}), by family "
                      "name and forenames", f"people {pocom['id']}")
            self.people_by_name[key] = pocom["id"]
            return pocom["id"]
        notes = [f"The Factbook writes “{person['written']}” (the family name in capitals)."]
        if person["honorifics"]:
            notes.append(f"Honorific: {', '.join(person['honorifics'])}.")
        if not person["surname"]:
            notes = [f"The Factbook writes “{person['written']}”, no part of it in capitals, "
                     "so the family name is not marked."]
        if doubt is not None:
            detail = doubt if isinstance(doubt, str) else (
                f"the record's {doubt['name']} ({doubt['pocom_id']}) shares the family name and "
                "first forename, but the other forenames differ; kept apart")
            self.note(state, gec, side, person["name"], "doubtful", detail)
        row_id = self.add("people", {
            "name": person["name"], "surname": person["surname"],
            "forename": person["forename"], "other_names": person["other_names"],
            "source_id": source_id, "note": " ".join(notes),
        })
        self.people_by_name[key] = row_id
        return row_id

    def flag_similar_people(self):
        """Reports two people of this stage whose names may be one person's ('Julie Davis
        FISHER' and 'Julie S. DAVIS'): the Factbook is read as it writes, and not merged."""
        people = self.new["people"]
        for i, one in enumerate(people):
            for other in people[i + 1:]:
                a, b = fold(one["name"]).split(), fold(other["name"]).split()
                if a[0] == b[0] and one["surname"] and other["surname"] and (
                        fold(one["surname"]) in b or fold(other["surname"]) in a):
                    self.note("", "", "", f"{one['name']} / {other['name']}", "doubtful",
                              f"people {one['id']} and {other['id']} may be one person; kept "
                              "apart as the Factbook writes them")

    # --- output ------------------------------------------------------------------------------

    def write(self, out, report):
        for table in TABLES:
            rows = self.existing[table] + self.new[table]
            write_csv(os.path.join(out, table + ".csv"), self.columns[table], rows)
        if report:
            write_csv(report, REPORT_COLUMNS, self.report)


KNOWN_KEYS = {
    "chief of mission", "chancery", "telephone", "FAX", "email address and website",
    "consulate(s) general", "consulate(s)", "note", "text", "honorary consulate(s)",
    "trade office(s)", "representative office", "embassy", "mailing address",
    "branch office(s)",
}


def mission(sending, receiving, kind, city, source_id, note):
    return {
        "sending_state": sending, "receiving_state": receiving, "kind": kind, "city": city,
        "opened_on": None, "closed_on": None, "source_id": source_id, "note": note,
        "basis": "stated",
    }


def consistent(one, other):
    """Two forenames that may be one: the same, or one the other's initial ('D', 'Duke');
    a middle name one source leaves out is no difference."""
    return one == other or (len(one) == 1 and other.startswith(one)) or (
        len(other) == 1 and one.startswith(other))


def family_of(kind):
    return "diplomatic" if kind in DIPLOMATIC else "consular"


def city_words(city):
    words = fold(city).split()
    return ["saint" if w == "st" else w for w in words]


def same_city(one, other):
    """Whether two names are one city: the same words, or one the other's first words
    ('Frankfurt' and 'Frankfurt am Main', 'Osaka' and 'Osaka-Kobe', 'Kuwait' and 'Kuwait
    City')."""
    if not one or not other:
        return False
    a, b = city_words(one), city_words(other)
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return longer[:len(shorter)] == shorter


def stage(seed, out, report=None, readings=None):
    """Takes this stage's rows out of OUT's tables and writes them again (the hook of
    scripts/build_history_seed.py); writes the report where one is given."""
    factbook = os.path.join(ROOT, FACTBOOK)
    runner = Stage(seed, out, readings or os.path.join(ROOT, READINGS))
    runner.run(read_factbook(factbook), sovereign_codes(factbook))
    runner.write(out, report)
    return runner


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", default="seed", help="where states.csv and state_aliases.csv "
                        "are read")
    parser.add_argument("--out", default="seed", help="the seed tables read and written again")
    parser.add_argument("--report", default=REPORT)
    parser.add_argument("--readings", default=READINGS, help="the readings of the prose")
    args = parser.parse_args()
    runner = stage(args.seed, args.out, args.report, args.readings)
    for table in TABLES:
        print(f"{table}: {len(runner.new[table])} rows", file=sys.stderr)
    for line in figures(runner.report):
        print(line, file=sys.stderr)


def figures(report):
    """The stage's figures from its report, as README and data/world/representation/README.md
    give them."""
    def count(direction, outcome, test=lambda row: True):
        return len({(r["state"], r["item"]) for r in report if r["direction"] == direction
                    and r["outcome"] == outcome and test(r)})

    # A US mission of kind `other` stands for an embassy (an affairs unit); a state's in the
    # US is an office beside its embassy (the Congo's representative office in New York).
    def embassy(row):
        return row["item"].startswith(("embassy", "interests_section")) or (
            row["item"].startswith("other") and row["direction"] == "from_us")

    def consular(row):
        return row["item"].startswith(("consulate", "honorary", "trade", "branch")) or (
            row["item"].startswith("other") and row["direction"] == "in_us")

    def chief(row):
        return row["row"].startswith("heads_of_mission")

    def washington(row):
        return row["item"] == "embassy in Washington"

    states = len({r["state"] for r in report if r["item"] == "state" and r["outcome"] == "matched"})
    people = len([r for r in report if r["row"].startswith("people")])
    doubtful = len([r for r in report if r["outcome"] == "doubtful"])
    return [
        f"states matched to the Factbook: {states}",
        f"in the US: {count('in_us', 'added', embassy)} embassies or interests sections "
        f"({count('in_us', 'added', washington)} in Washington), "
        f"{count('in_us', 'added', consular)} consulates and other offices; "
        f"{count('in_us', 'not loaded', embassy)} states with none",
        f"from the US: {count('from_us', 'matched', embassy)} embassies or other missions "
        f"matched to the record, {count('from_us', 'added', embassy)} added, "
        f"{count('from_us', 'not loaded', embassy)} states with none; consular missions "
        f"{count('from_us', 'matched', consular)} matched, {count('from_us', 'added', consular)} "
        "added",
        f"chiefs of mission: {count('in_us', 'added', chief)} of the states in the US, "
        f"{count('from_us', 'added', chief)} of the US added and "
        f"{count('from_us', 'matched', chief)} the record's already; vacancies "
        f"{count('in_us', 'vacant')} and {count('from_us', 'vacant')}; people matched to the "
        f"record's {people}, doubtful {doubtful}",
    ]


if __name__ == "__main__":
    main()
