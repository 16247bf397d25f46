"""Time: which facts hold at a date.

Facts carry ``valid_from`` / ``valid_to`` as the documents give them (partial ISO dates
allowed) and, for filtering, ``t_from`` / ``t_to``: the same dates widened to full days
(a start to the first day of its period, an end to the last). A fact holds at an
``as_of`` date D when it started by the end of D and had not ended by the start of D;
``as_of=2013`` therefore means "at some time in 2013", and ``as_of=2013-07-02`` that day.

In Cypher, with $as_of_start and $as_of_end from `as_of_bounds` (both null = no filter)::

    ($as_of_start IS NULL OR ((x.t_from IS NULL OR x.t_from <= $as_of_end)
                              AND (x.t_to IS NULL OR x.t_to > $as_of_start)))
"""

from __future__ import annotations

import calendar

from graphmodel.dataset import parse_partial_date
from graphmodel.errors import InvalidRequestError

__all__ = ["period_start", "period_end", "as_of_bounds", "as_of_params"]


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


def as_of_bounds(value: str | None, parameter: str = "as_of") -> tuple[str | None, str | None]:
    """(start, end) of an as_of date given as YYYY, YYYY-MM or YYYY-MM-DD; (None, None) if unset.

    Raises InvalidRequestError naming `parameter` when the value does not parse.
    """
    if value is None or not str(value).strip():
        return None, None
    date = parse_partial_date(str(value).strip())
    if date is None:
        raise InvalidRequestError(
            parameter, f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
        )
    return period_start(date), period_end(date)


def as_of_params(value: str | None, parameter: str = "as_of") -> dict[str, str | None]:
    """The statement parameters {as_of_start, as_of_end} for an as_of value."""
    start, end = as_of_bounds(value, parameter)
    return {"as_of_start": start, "as_of_end": end}
