"""Dates as reports write them ("27th September 2017", "May 2018", "since 2010"), as ISO.

``dates_in(text)`` returns every date phrase in a sentence with the ISO string it means
(YYYY, YYYY-MM or YYYY-MM-DD) and whether the words before it make it a start ("since",
"from", "with effect from") or an end ("until", "ended in"). Nothing is guessed beyond
what the sentence says.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DatePhrase", "dates_in", "document_date"]

_MONTHS = {
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
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],  # fmt: skip
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?P<month>{_MONTH})\.?,?\s+(?P<year>(?:19|20)\d{{2}})\b"
    rf"|\b(?P<ymd>(?:19|20)\d{{2}}-\d{{2}}-\d{{2}})\b"
    rf"|\b(?P<dmy>\d{{1,2}})/(?P<dmm>\d{{1,2}})/(?P<dmyy>(?:19|20)\d{{2}})\b"
    rf"|(?<![\d/£$€.,-])\b(?P<bare>(?:19|20)\d{{2}})\b(?![/\d-]|\s*/)",
    re.IGNORECASE,
)
_START = re.compile(
    r"(?:since|from|with effect from|starting(?: in| from)?|began(?: in)?|commenced(?: in)?|"
    r"established(?: in)?|set up(?: in)?|launched(?: in)?|went live(?: in| on)?|"
    r"go live(?: in| on)?|joined(?: in| on)?|formed(?: in)?|created(?: in)?|"
    r"onwards from|as of|effective)\s+(?:on\s+|in\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_END = re.compile(
    r"(?:until|till|up to|ended(?: in| on)?|ceased(?: in| on)?|closed(?: in| on)?|"
    r"withdr[ae]w(?:n)?(?: in| on)?|left(?: in| on)?|expired(?: in| on)?|"
    r"terminated(?: in| on)?|handed over(?: in| on)?|to the end of|ending(?: in| on)?|"
    r"disbanded(?: in| on)?|replaced(?: in| on)?)\s+(?:on\s+|in\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DatePhrase:
    """A date in a sentence: where, its ISO value, and "since", "until" or "" (just a date)."""

    start: int
    end: int
    iso: str
    role: str


def _iso(match: re.Match[str]) -> str | None:
    try:
        if match["ymd"]:
            return dt.date.fromisoformat(match["ymd"]).isoformat()
        if match["dmy"]:
            return dt.date(int(match["dmyy"]), int(match["dmm"]), int(match["dmy"])).isoformat()
        if match["bare"]:
            return match["bare"]
        month = _MONTHS[match["month"].lower()]
        year = int(match["year"])
        if match["day"]:
            return dt.date(year, month, int(match["day"])).isoformat()
        return f"{year:04d}-{month:02d}"
    except ValueError:
        return None


def dates_in(text: str) -> list[DatePhrase]:
    """The date phrases of `text`, in order, each with the role its preceding words give it."""
    found: list[DatePhrase] = []
    for match in _DATE.finditer(text):
        iso = _iso(match)
        if iso is None:
            continue
        before = text[max(0, match.start() - 40) : match.start()]
        role = "since" if _START.search(before) else "until" if _END.search(before) else ""
        found.append(DatePhrase(match.start(), match.end(), iso, role))
    return found


def document_date(lines: list[str]) -> str | None:
    """The first full date in the opening lines of a report (its date, usually), or None."""
    for line in lines[:25]:
        for phrase in dates_in(line):
            if len(phrase.iso) == 10:
                return phrase.iso
    return None
