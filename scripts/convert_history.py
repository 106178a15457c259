#!/usr/bin/env python3
"""Converts the Office of the Historian's relations guide (rdcr), chiefs of mission (pocom) and
US posts abroad (gsh posts) into CSV rows of facts, each citing its source file.

Usage: scripts/convert_history.py [--source DIR] [--out DIR]

DIR defaults are data/history-at-state and data/derived of this repository. Standard library
only, so that anyone with python3 can re-run it; the output is the same bytes on every run, so
the committed data/derived files can be checked against a fresh run. The rules that turn a
head's wording into an event kind are in KIND_RULES below and explained in
data/derived/HISTORY-RULES.md. Everything the converter cannot read goes to
history_report.csv: nothing is dropped silently.
"""

import argparse
import csv
import datetime
import io
import os
import re
import sys
import xml.etree.ElementTree as ET

TEI = "{http://www.tei-c.org/ns/1.0}"
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Head wording to event kind. Order matters: the first rule that matches a head gives the
# event's kind; every other rule that matches too is listed in `also_kinds`, so that a head
# such as "Establishment of Diplomatic Relations and the American Embassy in X" keeps both
# facts. Relation-level rules come before mission-level ones, specific before general.
KIND_RULES = [
    ("termination", r"recognition\b.*\bwithdrawn"),
    ("recognition_of_government", r"recogni\w*\b.*\b(provisional )?(government|committee|regime)\b"),
    ("recognition", r"\brecogni[sz]?\w*|\brecogntion\b|\bfirst official (diplomatic|state-to-state) interaction"),
    ("severance", r"\bsever\w*"),
    ("suspension", r"\bsuspen\w*"),
    ("interruption", r"\binterrupt\w*"),
    ("resumption", r"\bresum\w*|\brelations (normalized|restored)\b"),
    ("reestablishment", r"\bre-?establish\w*|\bre-?opening of diplomatic relations\b"),
    ("establishment", r"(?<!re)(?<!re-)\bestablishment of (full |formal |normal |ambassadorial )?(diplomatic )?(and \w+ )?relations|(?<!re-)\bdiplomatic relations established|\bestablishment of ambassadorial relations"),
    ("termination", r"\btermination of (diplomatic |u\.s\. )?(relations|mission)|\bcessation of (diplomatic )?relations|\bdiplomatic relations (ended|with .* ended)|\brelations ended\b"),
    ("raised_to_embassy", r"(elevat\w*|raised|upgraded|converted)\b.*\bembassy|legation to embassy|\blegation\b.*\bbecomes the\b.*\blegation"),
    ("closure", r"\bclos(ed|ure|ing)\b|\bstaff withdrawn\b|\bevacuation of\b"),
    ("move", r"\bmove[sd]?\b|\brelocat\w*|\bmovement of\b|\btransferred\b|\breturn(s|ed)? to\b|\bchange from\b|\bresident at\b|\bin (canada|the united kingdom)\b"),
    ("embassy_established", r"(?<!re)(?<!re-)\b(establish\w*|open\w*|reopen\w*|re-open\w*)\b.*\bembass(y|ies)\b|\bembass(y|ies)\b.*\b(establish\w*|opened|reopen\w*|re-opened|reestablished)"),
    ("legation_established", r"(?<!re)(?<!re-)\b(establish\w*|open\w*|reopen\w*)\b.*\blegations?\b|\blegations?\b.*\b(establish\w*|opened|reopened)|\blegation in the u\.s\b"),
    ("consulate_established", r"\bconsul\w*\b.*\b(establish\w*|open\w*|post)\b|\b(establish\w*|first)\b.*\bconsul\w*|\bconsular relations\b|\bconsulates? (in|at)\b|\bconsulate generals\b|\bconsular agents\b|\bconsular posts?\b|\bother consulates\b"),
    ("other", r"\b(diplomatic )?mission\b|\bdiplomatic presence\b|\bliaison office\b|\binterests? section\b"),
    ("treaty", r"\btreat(y|ies)\b|\bconvention\b|\bagreement\b|\baccession\b|\barrangement\b|\bcompact\b|\badditional article\b"),
    ("other", r"\bjoins?\b|\bunification\b|\bdissolution\b|\bwar\b|\bassassination\b|\brecalled\b|\bwithdrawal of ambassadors\b|\bmost-favored\b|\bunder french control\b|\bincorporation\b|\bproclamation\b|\bdivision of\b|\bdemise\b|\btransfer of sovereignty\b|\bappoint\w*\b|\baccredit\w*\b|\bcredentials\b|\bindependence\b|\brevolution\b|\bgerman empire\b|\bestablishment of the (kingdom|arab union|socialist)\b|\binvasion\b|\bseparated\b|\bexpansion of relations\b|\brelations altered\b|\bhandled through\b|\binstallation of\b|\bregalia\b|\brefugees\b|\bambassador\b|\bminister\b|\brepresentation\b|\brepresentative\b|\bmost favored\b|\brelief\b|\bhostilities\b|\bexpelled\b|\benvoy\b|\bunder\b.*\bcontrol\b|\brepublic\b|\bcommonwealth\b|\bmarriage\b|\breception of\b"),
]
KIND_RES = [(kind, re.compile(pattern, re.I)) for kind, pattern in KIND_RULES]
# A head that says something did not happen ("No Diplomatic Relations Established") is kind
# `other`, and none of the kinds its words would otherwise match.
NOT_AN_EVENT = re.compile(r"^no\b", re.I)

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
APPROX = r"(?P<approx>on or about|on or around|about|around|approximately|circa|c\.)\s+"
DAY_FIRST = re.compile(r"(?:" + APPROX + r")?(?P<day>\d{1,2})\s+" + MONTH + r",?\s+(?P<year>\d{4})\b", re.I)
MONTH_FIRST = re.compile(
    r"(?:" + APPROX + r")?(?:on\s+)?\b" + MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I
)
MONTH_YEAR = re.compile(r"(?:" + APPROX + r")?(?:in\s+)?\b" + MONTH + r",?\s+(?P<year>\d{4})\b", re.I)
YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")

# Manner of an event in the source's own words: the first of these phrases in the sentence that
# gives the event's date (else in the whole text), as written.
MANNER = re.compile(
    r"\b(?:exchange of (diplomatic )?(notes|letters|telegrams|messages|ratifications)"
    r"|exchanged (diplomatic )?(notes|letters|telegrams|messages)"
    r"|joint (communiqu[eé]|statement|declaration)"
    r"|press (statement|release|conference|briefing)"
    r"|address to the nation"
    r"|congratulatory (message|letter|telegram|note)"
    r"|presented (his|her|their) (letters of )?credentials"
    r"|credentials (were )?presented"
    r"|letter of credence"
    r"|(diplomatic )?note"
    r"|(formal )?proclamation"
    r"|(a |an )?(letter|telegram|cable|message)(?= (from|to|of|dated|in which|that))"
    r"|protocol"
    r"|(signed|signing of) (a|an|the) (treaty|convention|agreement)"
    r"|ukase"
    r"|executive order)\b",
    re.I,
)


def clean(text):
    """Text of an element as one line: the XML's line wrapping is layout, not content."""
    return " ".join(text.split())


def text_of(element):
    return clean("".join(element.itertext())) if element is not None else ""


class Report:
    """What the converter could not read, one row per problem, with file, element and why."""

    def __init__(self):
        self.rows = []

    def add(self, file, element, reason, value=""):
        self.rows.append({"file": file, "element": element, "reason": reason, "value": value})


def relative(path, source):
    return os.path.relpath(path, source).replace(os.sep, "/")


def xml_files(folder):
    if not os.path.isdir(folder):
        return []
    found = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        found.extend(os.path.join(root, f) for f in sorted(files) if f.endswith(".xml"))
    return sorted(found)


def parse(path, source, report):
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as error:
        report.add(relative(path, source), "", "not well-formed XML: %s" % error)
        return None


# ---------------------------------------------------------------- rdcr

def iso(year, month=None, day=None):
    if month is None:
        return "%04d" % year
    if day is None:
        return "%04d-%02d" % (year, month)
    return "%04d-%02d-%02d" % (year, month, day)


def valid_day(year, month, day):
    try:
        datetime.date(year, month, day)
        return True
    except ValueError:
        return False


def prose_dates(text):
    """Every date the prose gives, in order: (start, iso, precision, approximate, phrase)."""
    found = []
    taken = []
    for pattern, precision in ((MONTH_FIRST, "day"), (DAY_FIRST, "day"), (MONTH_YEAR, "month")):
        for m in pattern.finditer(text):
            span = (m.start("month") if precision == "month" else min(m.start("month"), m.start("day")), m.end())
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            year = int(m.group("year"))
            month = MONTHS[m.group("month").lower()]
            day = int(m.group("day")) if precision == "day" else None
            if day is not None and not valid_day(year, month, day):
                found.append((span[0], None, "invalid", False, m.group(0)))
                taken.append(span)
                continue
            taken.append(span)
            found.append((span[0], iso(year, month, day), precision, bool(m.group("approx")), clean(m.group(0))))
    return sorted(found)


def head_year(head):
    """The head's year: from its <date> element (when, or from for a range), else from its text."""
    if head is None:
        return None, None
    for date in head.iter(TEI + "date"):
        value = date.get("when") or date.get("from")
        if value and re.match(r"\d{4}", value):
            return int(value[:4]), date.get("to")
        m = YEAR.search(text_of(date))
        if m:
            return int(m.group(1)), None
    years = YEAR.findall(text_of(head))
    if years:
        return int(years[-1]), None
    return None, None


def event_date(head, head_text, prose, file, element, report):
    """Partial ISO date, approximate flag and the phrase it came from (see HISTORY-RULES.md)."""
    year, range_end = head_year(head)
    if range_end:
        report.add(file, element, "head gives a range; the date is its start", head_text)
    dates = {"prose": prose_dates(prose), "head": prose_dates(head_text)}
    for found in dates.values():
        for _, value, _, _, phrase in found:
            if value is None:
                report.add(file, element, "impossible date in the text; not used", phrase)
    for wanted in ("day", "month"):
        for where in ("prose", "head"):
            for _, value, precision, approx, phrase in dates[where]:
                if precision == wanted and (year is None or int(value[:4]) == year):
                    if year is None:
                        report.add(file, element, "head gives no year; the date is the first the text gives", phrase)
                    return value, approx, phrase
    if year is not None:
        return iso(year), False, str(year)
    report.add(file, element, "no date in the head or the text", head_text or prose[:120])
    return "", False, ""


def check_date_elements(div, file, element, report):
    """A <date when> whose own text says another day: the prose wins, and the mismatch is reported."""
    for p in div.findall(TEI + "p"):
        for date in p.iter(TEI + "date"):
            when = date.get("when")
            written = prose_dates(text_of(date))
            if when and written and written[0][1] and not written[0][1].startswith(when) and not when.startswith(written[0][1]):
                report.add(file, element, "date element's when=%s disagrees with its text; the text is used" % when, text_of(date))


def classify(head_text):
    if NOT_AN_EVENT.search(head_text):
        return ["other"]
    matched = []
    for kind, regex in KIND_RES:
        if regex.search(head_text) and kind not in matched:
            matched.append(kind)
    return matched


US = r"(u\.\s?s\.|united states|american|america)"
# Kinds about a mission rather than the relation: a head naming an American mission says the
# United States acted; for the others, the head's mission may be only the occasion.
MISSION_KINDS = {
    "embassy_established",
    "legation_established",
    "consulate_established",
    "raised_to_embassy",
    "closure",
    "move",
    "other",
}


def actor_of(kind, head_text, sentence):
    """Who acted, where the head or the sentence with the date says: us, other, both or empty."""
    h = head_text.lower()
    if re.search(r"\bmutual\b|\bbetween the u\.s\. and\b", h):
        return "both"
    if re.search(r"\bby the united states\b", h):
        return "us"
    if re.search(r"\bby (?!the united states)[a-z]", h):
        return "other"
    if kind in ("recognition", "recognition_of_government"):
        if re.search(r"recogni\w* of (the )?(u\.s\.|united states|independence of the united states)", h) or re.search(r"recogni[sz]e the united states", h):
            return "other"
        if re.match(r"(limited )?" + US + r"(?![a-z])", h):
            return "us"
    if kind in MISSION_KINDS and re.search(r"\b(american|u\.s\.)\s+(diplomatic\s+)?(embassy|legation|consulate|consul|mission|liaison|interests?|ambassador|minister|representative)", h):
        return "us"
    if kind in MISSION_KINDS and re.search(r"\b(legation|embassy|consulate|envoy)\b.*\bin (the united states|the u\.s\.|washington)\b", h):
        return "other"
    s = sentence.lower()
    verbs = r"(engaged|recogni[sz]ed|severed|suspended|broke|resumed|established|re-?established|terminated|restored|interrupted|closed|elevated|raised|opened)"
    if re.search(r"\b(the )?united states and [\w’' .-]+? " + verbs + r"\b", s) or re.search(r"\band the united states " + verbs + r"\b", s) or re.search(r"\bboth (countries|governments|nations)\b", s):
        return "both"
    if re.search(r"\b(the )?united states (government )?(formally |officially )?" + verbs + r"\b", s):
        return "us"
    if re.search(r"\b" + verbs + r" (the )?(independence of the )?united states\b", s):
        return "other"
    return ""


def sentence_with(text, phrase):
    if not phrase:
        return text.split(". ")[0] if text else ""
    at = text.find(phrase)
    if at < 0:
        return text
    start = text.rfind(". ", 0, at)
    end = text.find(". ", at)
    return text[start + 2 if start >= 0 else 0 : end if end >= 0 else len(text)]


def manner_of(sentence, prose):
    for text in (sentence, prose):
        m = MANNER.search(text)
        if m:
            return clean(m.group(0))
    return ""


def convert_rdcr(source, report):
    rows = []
    for path in xml_files(os.path.join(source, "rdcr", "articles")):
        file = relative(path, source)
        root = parse(path, source, report)
        if root is None:
            continue
        slug = os.path.splitext(os.path.basename(path))[0]
        title = text_of(root.find(".//%stitleStmt/%stitle[@type='short']" % (TEI, TEI)))
        number = 0
        for div in root.iter(TEI + "div"):
            if div.get("type") != "timeline":
                continue
            number += 1
            element = "div[@type='timeline'][%d]" % number
            head = div.find(TEI + "head")
            head_text = text_of(head)
            prose = " ".join(text_of(p) for p in div.findall(TEI + "p"))
            date, approx, phrase = event_date(head, head_text, prose, file, element, report)
            check_date_elements(div, file, element, report)
            kinds = classify(head_text)
            if head is None:
                report.add(file, element, "timeline event has no head; its kind is undecided", prose[:120])
            elif not kinds:
                report.add(file, element + "/head", "no rule decides the kind of this head", head_text)
            kind = kinds[0] if kinds else "other"
            sentence = sentence_with(prose, phrase)
            rows.append(
                {
                    "territory_slug": slug,
                    "event_no": number,
                    "kind": kind,
                    "also_kinds": " ".join(k for k in kinds[1:] if k not in (kind, "other")),
                    "date": date,
                    "date_approximate": 1 if approx else 0,
                    "date_text": phrase,
                    "actor": actor_of(kind, head_text, sentence),
                    "manner": manner_of(sentence, prose),
                    "head": head_text,
                    "article_title": title,
                    "source_file": file,
                }
            )
    return rows


# ---------------------------------------------------------------- pocom

PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def person_name(person):
    names = person.find("persName")
    if names is None:
        return ""
    parts = [names.findtext("forename") or "", names.findtext("surname") or ""]
    name = " ".join(p.strip() for p in parts if p and p.strip())
    gen = (names.findtext("genName") or "").strip()
    return name + (", " + gen if gen else "")


def load_people(source, report):
    people = {}
    for path in xml_files(os.path.join(source, "pocom", "people")):
        root = parse(path, source, report)
        if root is None:
            continue
        names = root.find("persName")
        person_id = (root.findtext("id") or "").strip()
        people[person_id] = {
            "person_id": person_id,
            "name": person_name(root),
            "surname": clean(names.findtext("surname") or "") if names is not None else "",
            "forename": clean(names.findtext("forename") or "") if names is not None else "",
            "genname": clean(names.findtext("genName") or "") if names is not None else "",
            "altnames": "; ".join(clean(a.text or "") for a in names.findall("altname")) if names is not None else "",
            "birth": (root.findtext("birth") or "").strip(),
            "death": (root.findtext("death") or "").strip(),
            "source_file": relative(path, source),
        }
        for old in root.iter("old-id"):
            people.setdefault("old:" + (old.text or "").strip(), people[person_id])
    return people


def load_roles(source, report):
    roles = {}
    for path in xml_files(os.path.join(source, "pocom", "roles-country-chiefs")):
        root = parse(path, source, report)
        if root is not None:
            roles[(root.findtext("id") or "").strip()] = text_of(root.find("names/singular"))
    return roles


CHIEF_EVENTS = ("appointed", "arrived", "started", "ended")
KNOWN_EVENT_CHILDREN = {"date", "note"}


def chief_row(chief, listing, mission_slug, file, people, roles, report):
    chief_id = (chief.findtext("id") or "").strip()
    element = "chief[id='%s']" % chief_id
    person_id = (chief.findtext("person-id") or "").strip()
    role_id = (chief.findtext("role-title-id") or "").strip()
    person = people.get(person_id) or people.get("old:" + person_id)
    if person is None:
        report.add(file, element, "person-id names no person file", person_id)
    if role_id not in roles:
        report.add(file, element, "role-title-id names no role of roles-country-chiefs", role_id)
    row = {
        "chief_id": chief_id,
        "listing": "chief" if listing == "chiefs" else "nominee",
        "person_id": person_id,
        "person_name": person["name"] if person else "",
        "title": roles.get(role_id, ""),
        "role_title_id": role_id,
        "territory_slug": (chief.findtext("contemporary-territory-id") or "").strip(),
        "mission_territory_slug": mission_slug,
    }
    any_date = False
    for event in CHIEF_EVENTS:
        node = chief.find(event)
        value = (node.findtext("date") or "").strip() if node is not None else ""
        if value and not PARTIAL.match(value):
            report.add(file, element + "/" + event, "date is not a partial ISO 8601 date; left empty", value)
            value = ""
        any_date = any_date or bool(value)
        row[event] = value
        row[event + "_note"] = text_of(node.find("note")) if node is not None else ""
        for child in list(node) if node is not None else []:
            if child.tag not in KNOWN_EVENT_CHILDREN:
                report.add(file, element + "/" + event, "unknown element <%s>; not read" % child.tag, text_of(child))
    row["note"] = text_of(chief.find("note"))
    row["source_file"] = file
    if not any_date and listing == "chiefs":
        report.add(file, element, "chief with no date (appointed, arrived, started, ended all empty)", person_id)
    return row


def convert_pocom(source, report):
    people = load_people(source, report)
    roles = load_roles(source, report)
    chiefs, notes, used = [], [], set()
    for path in xml_files(os.path.join(source, "pocom", "missions-countries")):
        file = relative(path, source)
        root = parse(path, source, report)
        if root is None:
            continue
        mission_slug = (root.findtext("territory-id") or "").strip()
        for listing in ("chiefs", "other-nominees"):
            section = root.find(listing)
            if section is None:
                continue
            for position, child in enumerate(section, start=1):
                if child.tag == "chief":
                    row = chief_row(child, listing, mission_slug, file, people, roles, report)
                    chiefs.append(row)
                    used.add(row["person_id"])
                elif child.tag == "mission-note":
                    notes.append(
                        {
                            "territory_slug": mission_slug,
                            "note_no": len([n for n in notes if n["source_file"] == file]) + 1,
                            "after_chief_id": chiefs[-1]["chief_id"] if chiefs and chiefs[-1]["source_file"] == file else "",
                            "text": text_of(child.find("text")),
                            "source_file": file,
                        }
                    )
                else:
                    report.add(file, "%s/*[%d]" % (listing, position), "unknown element <%s>; not read" % child.tag)
    listed = []
    seen = set()
    for key in sorted(used):
        person = people.get(key) or people.get("old:" + key)
        if person and person["person_id"] not in seen:
            seen.add(person["person_id"])
            listed.append(person)
    listed.sort(key=lambda p: p["person_id"])
    return chiefs, notes, listed


# ---------------------------------------------------------------- gsh posts

def load_locales(source, report):
    locales = {}
    for path in xml_files(os.path.join(source, "gsh-posts", "locales")):
        root = parse(path, source, report)
        if root is not None:
            locales[(root.findtext("id") or "").strip()] = (root, relative(path, source))
    return locales


def find_locale(locale_id, territory, locales):
    """The locale a post names. Upstream ids of cities that share a name carry a country suffix
    (`paris_fr`), and a few ids differ in punctuation (`sana’a` for `sanaa`)."""
    if locale_id in locales:
        return locale_id, ""
    plain = re.sub(r"[’'`]", "", locale_id).strip("-")
    if plain in locales:
        return plain, "locale-id %s read as %s" % (locale_id, plain)
    candidates = [
        key for key in sorted(locales) if key.startswith(plain + "_") and (locales[key][0].findtext("current-territory") or "").strip() == territory
    ]
    if len(candidates) == 1:
        return candidates[0], ""
    return None, ""


def year_or_date(value):
    return value if PARTIAL.match(value) else None


def convert_posts(source, report):
    locales = load_locales(source, report)
    posts, events = [], []
    for path in xml_files(os.path.join(source, "gsh-posts", "posts")):
        file = relative(path, source)
        root = parse(path, source, report)
        if root is None:
            continue
        post_id = os.path.splitext(os.path.basename(path))[0]
        locale_id = (root.findtext("locale-id") or "").strip()
        territory = (root.findtext("territory-id") or "").strip()
        key, how = find_locale(locale_id, territory, locales)
        if how:
            report.add(file, "locale-id", how, locale_id)
        if key is None:
            report.add(file, "locale-id", "no locale with this id; city and coordinates left empty", locale_id)
        locale = locales[key][0] if key else None
        row = {
            "post_id": post_id,
            "city": text_of(locale.find("name")) if locale is not None else "",
            "locale_id": key or locale_id,
            "territory_slug": territory,
            "kind": (root.findtext("post-type") or "").strip(),
        }
        for column, tag in (("opened", "valid-since"), ("closed", "valid-until")):
            value = (root.findtext(tag) or "").strip()
            if value == "9999" and tag == "valid-until":
                value = ""
                row["still_open"] = 1
            elif not value or year_or_date(value) is None:
                report.add(file, tag, "no readable year; left empty", value)
                value = ""
            row[column] = value
        row.setdefault("still_open", 0)
        for column in ("latitude", "longitude"):
            value = (locale.findtext(column) or "").strip() if locale is not None else ""
            if value:
                try:
                    float(value)
                except ValueError:
                    report.add(locales[key][1], column, "not a number; left empty", value)
                    value = ""
            row[column] = value
        row["notes"] = text_of(root.find("notes"))
        row["source_file"] = file
        row["locale_file"] = locales[key][1] if key else ""
        posts.append(row)
        for number, event in enumerate(root.iter("event"), start=1):
            value = (event.findtext("date") or "").strip()
            if year_or_date(value) is None:
                report.add(file, "event[%d]" % number, "no readable date; left empty", value)
                value = ""
            events.append(
                {"post_id": post_id, "event_no": number, "type": (event.findtext("type") or "").strip(), "date": value, "source_file": file}
            )
    return posts, events


# ---------------------------------------------------------------- output

def write_csv(out, name, columns, rows):
    """Writes beside the target and renames into place, so a failed run leaves the old file."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    target = os.path.join(out, name)
    temporary = target + ".tmp"
    with open(temporary, "w", encoding="utf-8", newline="") as handle:
        handle.write(buffer.getvalue())
    os.replace(temporary, target)


OUTPUTS = {
    "rdcr_relation_events.csv": ["territory_slug", "event_no", "kind", "also_kinds", "date", "date_approximate", "date_text", "actor", "manner", "head", "article_title", "source_file"],
    "pocom_chiefs.csv": ["chief_id", "listing", "person_id", "person_name", "title", "role_title_id", "territory_slug", "mission_territory_slug"]
    + [c for e in CHIEF_EVENTS for c in (e, e + "_note")]
    + ["note", "source_file"],
    "pocom_mission_notes.csv": ["territory_slug", "note_no", "after_chief_id", "text", "source_file"],
    "pocom_people.csv": ["person_id", "name", "surname", "forename", "genname", "altnames", "birth", "death", "source_file"],
    "posts_posts.csv": ["post_id", "city", "locale_id", "territory_slug", "kind", "opened", "closed", "still_open", "latitude", "longitude", "notes", "source_file", "locale_file"],
    "posts_events.csv": ["post_id", "event_no", "type", "date", "source_file"],
    "history_report.csv": ["file", "element", "reason", "value"],
}


def rules_table():
    """KIND_RULES as the Markdown table HISTORY-RULES.md shows, so the test can check the two agree."""
    lines = [
        "| # | kind | pattern (Python `re`, case-insensitive, searched anywhere in the head) |",
        "|---|---|---|",
    ]
    for number, (kind, pattern) in enumerate(KIND_RULES, start=1):
        lines.append("| %d | `%s` | `%s` |" % (number, kind, pattern.replace("|", "\\|")))
    return "\n".join(lines) + "\n"


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", default=os.path.join(REPO, "data", "history-at-state"))
    parser.add_argument("--out", default=os.path.join(REPO, "data", "derived"))
    parser.add_argument("--rules-table", action="store_true", help="print the head-to-kind rules as Markdown and stop")
    args = parser.parse_args(argv)
    if args.rules_table:
        sys.stdout.write(rules_table())
        return 0
    if not os.path.isdir(args.source):
        print("convert_history: no source folder %s" % args.source, file=sys.stderr)
        return 2
    os.makedirs(args.out, exist_ok=True)
    report = Report()
    events = convert_rdcr(args.source, report)
    chiefs, notes, people = convert_pocom(args.source, report)
    posts, post_events = convert_posts(args.source, report)
    results = {
        "rdcr_relation_events.csv": events,
        "pocom_chiefs.csv": chiefs,
        "pocom_mission_notes.csv": notes,
        "pocom_people.csv": people,
        "posts_posts.csv": posts,
        "posts_events.csv": post_events,
        "history_report.csv": report.rows,
    }
    for name, rows in results.items():
        write_csv(args.out, name, OUTPUTS[name], rows)
        print("%6d rows  %s" % (len(rows), name), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
