#!/usr/bin/env python3
"""Prints the records of the Office of the Historian's guide (rdcr articles), for reading.

A record is one `div[@type='timeline']` of an article, numbered 1, 2, ... in document order,
the numbering `scripts/convert_history.py` uses (`rdcr/articles/libya.xml#4` is Libya's fourth).
Its text is its head and every paragraph and list item in it, except those of a timeline nested
inside it (a record of its own), each on one line with the XML's wrapping removed.

    python3 scripts/guide_records.py libya jordan      # the records of two articles
    python3 scripts/guide_records.py --list             # every article with its record count

The readers of data/readings/ work from this text; scripts/check_readings.py checks that each
reading's quote is in it.
"""

import os
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
ARTICLES = os.path.join(ROOT, "data", "history-at-state", "rdcr", "articles")
TEI = "{http://www.tei-c.org/ns/1.0}"


def clean(text):
    return " ".join(text.split())


def own_text(element):
    """The element's text without that of timelines nested in it."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == TEI + "div" and child.get("type") == "timeline":
            parts.append(child.tail or "")
            continue
        parts.append(own_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def blocks(div):
    """The record's head and paragraphs (list items one by one), in order."""
    head = div.find(TEI + "head")
    found = [("head", clean(own_text(head)) if head is not None else "")]
    for child in div:
        if child.tag == TEI + "p":
            found.append(("p", clean(own_text(child))))
        elif child.tag == TEI + "list":
            for item in child.iter(TEI + "item"):
                found.append(("item", clean(own_text(item))))
        elif child.tag == TEI + "div" and child.get("type") != "timeline":
            for p in child.iter(TEI + "p"):
                found.append(("p", clean(own_text(p))))
    return found


def records(slug):
    """[(number, [(kind, text), ...])] of one article."""
    root = ET.parse(os.path.join(ARTICLES, slug + ".xml")).getroot()
    found = []
    for div in root.iter(TEI + "div"):
        if div.get("type") == "timeline":
            found.append((len(found) + 1, blocks(div)))
    return found


def title(slug):
    root = ET.parse(os.path.join(ARTICLES, slug + ".xml")).getroot()
    element = root.find(".//%stitleStmt/%stitle[@type='short']" % (TEI, TEI))
    return clean("".join(element.itertext())) if element is not None else slug


def record_text(blocks_of_record):
    """The text a quote must come from: head and paragraphs joined by one space."""
    return " ".join(text for _, text in blocks_of_record if text)


def slugs():
    return sorted(f[:-4] for f in os.listdir(ARTICLES) if f.endswith(".xml"))


def main(argv):
    if argv[1:] == ["--list"]:
        for slug in slugs():
            print("%s\t%d" % (slug, len(records(slug))))
        return 0
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    for slug in argv[1:]:
        print("=== %s (%s): rdcr/articles/%s.xml" % (slug, title(slug), slug))
        for number, found in records(slug):
            print("--- #%d" % number)
            for kind, text in found:
                print("%s: %s" % (kind, text))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
