"""Text made inert for the files the product writes: spreadsheet cells and one-line fields.

Every CSV and workbook the product writes passes its cells through ``spreadsheet_text``
(the OWASP CSV-injection rule); every label, title and comment written into a diagram
(Mermaid, DOT, draw.io) passes through ``one_line`` before the format's own escaping, and
every text in an XML data file (GraphML, GEXF) through ``xml_text``.
The rules are listed in docs/security.md.
"""

from __future__ import annotations

import re

__all__ = [
    "FORMULA_LEADS",
    "spreadsheet_text",
    "unneutralise",
    "one_line",
    "has_control",
    "xml_text",
]

# A cell starting with one of these is read as a formula (or a DDE call) by Excel,
# LibreOffice or Google Sheets; the full-width forms are read as such by Excel with an
# East Asian input locale.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_RUN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# What XML 1.0 cannot hold at all, escaped or not.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _marked(value: str) -> bool:
    """True for text that gets a leading `'`: it starts like a formula (not a plain number),
    or it is apostrophes followed by such a start (so that `unneutralise` is exact)."""
    rest = value.lstrip("'")
    return rest.startswith(FORMULA_LEADS) and not (rest == value and _PLAIN_NUMBER.fullmatch(value))


def spreadsheet_text(value: str) -> str:
    """`value` as a cell no spreadsheet runs: a leading `'` when it starts like a formula.

    A plain number (`-12.5`) is left as it is: it is not a formula. The apostrophe is the
    spreadsheet's own "this is text" mark, so a person still reads the same text.
    `unneutralise(spreadsheet_text(v)) == v` for every `v`.
    """
    return "'" + value if _marked(value) else value


def unneutralise(value: str) -> str:
    """The text `spreadsheet_text` was given: its leading `'` removed when it added one."""
    if value.startswith("'") and _marked(value[1:]):
        return value[1:]
    return value


def one_line(text: str) -> str:
    """`text` on one line: each run of control characters (newline, tab, NUL, ...) is a space."""
    return _CONTROL_RUN.sub(" ", text)


def has_control(text: str) -> bool:
    """True when `text` holds a control character (NUL, newline, tab, DEL, C1, U+2028/9)."""
    return _CONTROL.search(text) is not None


def xml_text(text: str) -> str:
    """`text` with each character XML 1.0 cannot hold (NUL, most C0 controls) as a space."""
    return _NOT_XML.sub(" ", text)
