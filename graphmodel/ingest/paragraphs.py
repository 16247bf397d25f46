"""Splitting a report's blocks into cited paragraphs, tables and sentences.

``split_report(blocks)`` returns a Report: its text (what every character span counts
into), its paragraphs with the document's own numbering as `ref` ("2.15", "19"; a
paragraph number printed twice gets its heading, "3.7 (Odyssey)"; an unnumbered
paragraph is cited by its heading, "NPAS, paragraph 2"), its tables (rows cited
"Appendix A, row 3 (EMOpSS)") and each paragraph's sentences as spans.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from graphmodel.ingest.formats import Block

__all__ = ["Paragraph", "Table", "Report", "split_report"]

_NUMBERED = re.compile(
    r"^(?:[-*\u2022\u2013]\s*)?(?P<num>\d{1,2}(?:\.\d{1,3}){0,3})(?:\.(?!\d)|\))?\s+(?P<rest>\S.*)$"
)
_BULLET = re.compile(r"^(?:[-*\u2022\u2013\u25aa\u25cf]|\(?[a-z]\)|\(?[ivx]+\))\s+")
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_APPENDIX = re.compile(r"^\W*(?:appendix|annex)\s+['\u2018\"]?([A-Z0-9]{1,3})\b", re.IGNORECASE)
_TERMINAL = (".", "!", "?", ":", ";")


@dataclass
class Paragraph:
    """A paragraph as the document numbers it, its heading and where it sits in the text."""

    ref: str
    heading: str
    text: str
    start: int = 0
    number: str | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)  # absolute spans

    def sentence_texts(self, report_text: str) -> list[tuple[int, int, str]]:
        """[(start, end, text)] of this paragraph's sentences."""
        return [(a, b, report_text[a:b]) for a, b in self.sentences]


@dataclass
class Table:
    """A table of the report: its rows of cells, where it sits, and how its rows are cited."""

    label: str  # "Appendix A" or "Table 2"
    heading: str
    rows: list[list[str]]

    def row_ref(self, number: int, cells: list[str]) -> str:
        """How row `number` (1-based, after the header) is cited."""
        first = next((c for c in cells if c.strip()), "")
        return f"{self.label}, row {number}" + (f" ({first[:60]})" if first else "")


@dataclass
class Report:
    """A report split for reading: text, paragraphs (with sentence spans) and tables."""

    text: str
    paragraphs: list[Paragraph]
    tables: list[Table]


def _is_heading(text: str) -> bool:
    if len(text) > 90 or text.endswith((*_TERMINAL, ",")) or _BULLET.match(text):
        return False
    if "@" in text or "www." in text.lower() or "http" in text.lower():
        return False
    letters = sum(c.isalpha() for c in text)
    return letters >= 3 and letters >= len(text) / 2 and (text[0].isupper() or text[0] == "'")


def _sub_numbered(number: str) -> bool:
    """Whether a number is a paragraph's ("2.15") rather than a section heading's ("3", "2.0")."""
    return "." in number and not number.endswith(".0")


def _numbered(text: str) -> tuple[str, str] | None:
    match = _NUMBERED.match(text)
    if not match:
        return None
    rest = match["rest"]
    first = rest.split()[0].strip(",.").lower()
    if first in _MONTHS or first in ("x", "%") or rest[0].islower():
        return None  # a date ("9 March 2018"), a count ("1 x Sergeant") or a wrapped number
    if "." not in match["num"] and int(match["num"]) == 0:
        return None
    return match["num"], rest


class _Splitter:
    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = []
        self.tables: list[Table] = []
        self.heading = ""
        self.appendix = ""
        self.current: Paragraph | None = None
        self.broken = True  # a blank line since the last text
        self.rows: list[list[str]] = []
        self.under_heading: Counter[str] = Counter()
        self.unheaded = 0

    def flush_table(self) -> None:
        if self.rows:
            label = self.appendix or f"Table {len(self.tables) + 1}"
            table = Table(label, self.heading, self.rows)
            self.tables.append(table)
            # each row is cited on its own; a header (one row, or two when the second
            # starts blank) is not
            skip = 1 if len(self.rows) > 2 and max(len(c) for c in self.rows[0]) <= 40 else 0
            if skip and len(self.rows) > 3 and not self.rows[1][0].strip():
                skip = 2
            number = 0
            for cells in self.rows[skip:]:
                text = "; ".join(c.strip() for c in cells if c.strip())
                if not cells[0].strip() or not text:
                    continue
                number += 1
                self.paragraphs.append(Paragraph(table.row_ref(number, cells), self.heading, text))
            self.rows = []

    def new_paragraph(self, text: str, number: str | None) -> None:
        if number is not None:
            ref = number
        else:
            base = self.heading or self.appendix
            if base:
                self.under_heading[base] += 1
                n = self.under_heading[base]
                ref = base if n == 1 else f"{base}, paragraph {n}"
            else:
                self.unheaded += 1
                ref = f"paragraph {self.unheaded}"
        self.current = Paragraph(ref, self.heading, text, number=number)
        self.paragraphs.append(self.current)

    def add(self, block: Block) -> None:
        if block.kind == "break":
            self.broken = True
            return
        if block.kind == "row":
            self.rows.append(block.cells)
            self.current = None
            return
        self.flush_table()
        text = block.text.strip()
        appendix = _APPENDIX.match(text)
        if appendix and len(text) < 90:
            self.appendix = f"Appendix {appendix[1].upper()}"
        numbered = _numbered(text)
        if block.kind == "heading" or (numbered is None and self.starts_heading(text)):
            self.heading = text[:80].strip()
            self.current = None
        elif numbered and (not _is_heading(numbered[1]) or _sub_numbered(numbered[0])):
            self.new_paragraph(numbered[1], numbered[0])
        elif numbered:
            self.heading = numbered[1][:80].strip()  # "3 Specific areas of collaboration"
            self.current = None
        elif self.current is not None and self.continues(text):
            self.current.text += ("\n" if _BULLET.match(text) else " ") + text
        else:
            self.new_paragraph(text, None)
        self.broken = False

    def continues(self, text: str) -> bool:
        assert self.current is not None
        if _BULLET.match(text) or text[0].islower():
            return True
        return not self.broken and not self.current.text.rstrip().endswith(_TERMINAL)

    def starts_heading(self, text: str) -> bool:
        if not _is_heading(text):
            return False
        return self.current is None or self.broken or self.current.text.rstrip().endswith(_TERMINAL)


@lru_cache(maxsize=1)
def _segmenter():  # type: ignore[no-untyped-def]
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def _sentence_spans(text: str, offset: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = 0
    for line in text.split("\n"):  # a bullet is never part of the sentence before it
        line_start = text.find(line, cursor)
        cursor = line_start + len(line)
        inner = line_start
        for sentence in _segmenter().segment(line) if line.strip() else []:
            piece = sentence.strip()
            if not piece:
                continue
            at = text.find(piece, inner)
            if at < 0:
                continue
            spans.append((offset + at, offset + at + len(piece)))
            inner = at + len(piece)
    return spans


def split_report(blocks: list[Block]) -> Report:
    """The report's paragraphs, tables and sentences, refs as the document prints them."""
    splitter = _Splitter()
    for block in blocks:
        splitter.add(block)
    splitter.flush_table()
    paragraphs = [p for p in splitter.paragraphs if p.text.strip()]
    counts = Counter(p.number for p in paragraphs if p.number)
    for paragraph in paragraphs:
        if paragraph.number and counts[paragraph.number] > 1 and paragraph.heading:
            paragraph.ref = f"{paragraph.number} ({paragraph.heading})"
    pieces: list[str] = []
    position = 0
    for paragraph in paragraphs:
        paragraph.start = position
        paragraph.sentences = _sentence_spans(paragraph.text, position)
        pieces.append(paragraph.text)
        position += len(paragraph.text) + 2
    return Report("\n\n".join(pieces), paragraphs, splitter.tables)
