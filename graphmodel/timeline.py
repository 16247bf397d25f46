"""Time: how a fact's dates are known, and which facts hold at a date.

The one rule every answer uses; docs/time-and-money.md explains it for people.

**Two kinds of start.** A fact's start (``valid_from``) is either

- ``stated``: the document gives it (``since`` in the seed, cited by the fact's ``ref``);
- ``inferred``: a start worked out from a statement (a financial year, "running for 12
  months"), ``inferred: [since]`` in the seed with a ``note`` saying how;
- ``held_by``: no start is known, but the documents show the fact holding at a date
  earlier than its first report: ``held_by`` in the seed (with a note), or, for an entity,
  the earliest start of a fact about it (members from 2010 mean the board existed in
  2010; ``from_note`` cites that fact). It is shown from that date;
- ``first_reported``: no start is given, so ``valid_from`` is the date of the earliest
  document stating the fact. The fact held by then; when it began is unknown;
- ``undated``: not stated, and no citing document is dated.

``from_basis`` says which; ``to_basis`` does the same for ``valid_to`` (``stated``,
``inferred``, or null when the fact has not ended). ``first_reported`` is kept on every
fact whatever its basis.

**As of a date.** Facts carry ``t_from`` / ``t_to``: their dates widened to full days (a
start to the first day of its period, an end to the last). A fact holds at ``as_of`` D
when it started by the end of D and had not ended by the start of D; ``as_of=2013``
means "at some time in 2013". A fact whose start is unknown (``first_reported`` or
``held_by``) is shown from the earliest date the documents show it holding: it is left out
of earlier dates, and every answer that leaves such facts out says how many in its
``time`` note. Asking with ``include_unstated=true`` shows them too (their start unknown,
they are shown at any date before their end).

In Cypher, with the parameters of `as_of_params` (``$as_of_start`` null = no filter)::

    ($as_of_start IS NULL OR ((x.t_from IS NULL OR x.t_from <= $as_of_end
                               OR x.from_basis IN $as_of_unstated)
                              AND (x.t_to IS NULL OR x.t_to > $as_of_start)))
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from graphmodel.errors import InvalidRequestError

if TYPE_CHECKING:
    from graphmodel.engine.base import Engine

__all__ = [
    "BASES",
    "TimePoint",
    "parse_partial_date",
    "period_start",
    "period_end",
    "fact_span",
    "as_of_bounds",
    "as_of_params",
    "time_note",
    "with_time",
]

BASES = ("stated", "inferred", "held_by", "first_reported", "undated")
UNSTATED = ("held_by", "first_reported")  # the start is not known
RULE = "docs/time-and-money.md"
_ONE = {"entities": "entity", "relationships": "relationship", "statuses": "status"}

# ASCII digits only: `\d` would also take full-width or Arabic-Indic digits.
_DATE = re.compile(r"^[0-9]{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?)?$", re.ASCII)


class TimePoint(str):
    """An as_of date (YYYY, YYYY-MM or YYYY-MM-DD) that also says whether facts with no
    stated start are to be included. It is the date string everywhere a string is used."""

    include_unstated: bool

    def __new__(cls, value: str, include_unstated: bool = False) -> TimePoint:
        """The date `value`, remembering `include_unstated`."""
        point = super().__new__(cls, value)
        point.include_unstated = include_unstated
        return point


def parse_partial_date(value: Any) -> str | None:
    """A YYYY, YYYY-MM or YYYY-MM-DD string for a date-like value, or None if it is not one
    (including dates written with other than ASCII digits)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    if isinstance(value, str) and _DATE.match(value.strip()):
        text = value.strip()
        if len(text) == 10:
            try:
                dt.date.fromisoformat(text)
            except ValueError:
                return None
        return text
    return None


def period_start(date: str | None) -> str | None:
    """The first day of a partial date's period ('2013' -> '2013-01-01')."""
    if not date:
        return None
    parts = date.split("-")
    while len(parts) < 3:
        parts.append("01")
    return "-".join(parts)


def period_end(date: str | None) -> str | None:
    """The last day of a partial date's period ('2013-02' -> '2013-02-28')."""
    if not date:
        return None
    parts = date.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        last = calendar.monthrange(int(parts[0]), int(parts[1]))[1]
        return f"{parts[0]}-{parts[1]}-{last:02d}"
    return date


def fact_span(
    since: str | None,
    until: str | None,
    first_reported: str | None,
    inferred: Iterable[str] = (),
    implied: tuple[str, str] | None = None,
    held_by: str | None = None,
) -> dict[str, Any]:
    """The time properties of a fact: {valid_from, valid_to, from_basis, to_basis,
    from_note, first_reported, t_from, t_to}, by the rule in this module's docstring.

    `held_by` is a date the documents show the fact holding by (start unknown); `implied`
    is (date, why) for an entity that a dated fact about it shows existing by that date.
    The earlier of the two, when earlier than the first report, is where the fact is shown
    from (`held_by`), `from_note` saying why when it is implied.
    """
    inferred = set(inferred)
    note = None
    evidence = [(d, w) for d, w in ((held_by, None), implied or (None, None)) if d]
    earliest = min(evidence, key=lambda e: e[0]) if evidence else None
    if since:
        basis = "inferred" if "since" in inferred else "stated"
    elif earliest and first_reported and earliest[0] < first_reported:
        since, basis, note = earliest[0], "held_by", earliest[1]
    else:
        basis = "first_reported" if first_reported else "undated"
    valid_from = since or first_reported
    return {
        "valid_from": valid_from,
        "valid_to": until,
        "from_note": note,
        "from_basis": basis,
        "to_basis": ("inferred" if "until" in inferred else "stated") if until else None,
        "first_reported": first_reported,
        "t_from": period_start(valid_from),
        "t_to": period_end(until),
    }


def as_of_bounds(value: str | None, parameter: str = "as_of") -> tuple[str | None, str | None]:
    """(start, end) of an as_of date given as YYYY, YYYY-MM or YYYY-MM-DD; (None, None) if unset.

    Raises InvalidRequestError naming `parameter` when the value does not parse.
    """
    if value is None or not str(value).strip():
        return None, None
    date = parse_partial_date(str(value).strip())
    if date is None:
        raise InvalidRequestError(
            parameter, f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD (ASCII digits)"
        )
    return period_start(date), period_end(date)


def as_of_params(value: str | None, parameter: str = "as_of") -> dict[str, Any]:
    """The statement parameters {as_of_start, as_of_end, as_of_unstated} for an as_of value
    (a TimePoint with include_unstated adds facts whose start is only first reported)."""
    start, end = as_of_bounds(value, parameter)
    unstated = list(UNSTATED) if getattr(value, "include_unstated", False) else []
    return {"as_of_start": start, "as_of_end": end, "as_of_unstated": unstated}


def time_note(
    engine: Engine, as_of: str | None, scope: list[str] | None = None
) -> dict[str, Any] | None:
    """What the as_of rule did to an answer, or None when no as_of was given:
    {as_of, include_unstated, rule, left_out: [{what, known_from, count}], note}.

    `left_out` counts the facts (entities, relationships, statuses; those touching `scope`
    when given) that hold at as_of except that their start is unknown and they are known
    to hold only from a later date (first reported, or held by).
    """
    params = as_of_params(as_of)
    if params["as_of_start"] is None:
        return None
    include = bool(params["as_of_unstated"])
    left_out: list[dict[str, Any]] = []
    if not include:
        for what in ("entities", "relationships", "statuses"):
            rows = engine.read(f"time_left_out_{what}", {**params, "scope": scope})
            left_out += [{"what": what, **row} for row in rows if row["count"]]
    where = " touching " + ", ".join(scope) if scope else ""
    if left_out:
        parts = [
            f"{r['count']} {r['what'] if r['count'] != 1 else _ONE[r['what']]} "
            f"known only from {r['known_from']}"
            for r in left_out
        ]
        one = sum(r["count"] for r in left_out) == 1
        note = (
            "; ".join(parts)
            + f"{where} {'has' if one else 'have'} no stated start and "
            + f"{'is' if one else 'are'} not shown as of {as_of} "
            + "(ask with include_unstated=true, or --include-unstated, to see them)"
        )
    elif include:
        note = (
            f"facts{where} with no stated start are shown as of {as_of} whatever the date "
            "they are known from (from_basis: first_reported or held_by)"
        )
    else:
        note = None
    return {
        "as_of": str(as_of),
        "include_unstated": include,
        "rule": RULE,
        "left_out": left_out,
        "note": note,
    }


def with_time(
    engine: Engine, payload: dict[str, Any], as_of: str | None, scope: list[str] | None = None
) -> dict[str, Any]:
    """`payload` with its `time` note (see `time_note`) when an as_of was given."""
    note = time_note(engine, as_of, scope)
    if note is not None:
        payload["time"] = note
    return payload
