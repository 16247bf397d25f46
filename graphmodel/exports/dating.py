"""The date an export is drawn "as of" when none is asked for: the latest date of the
documents it draws on (a 2018 chart is not "as of" today), said so in its title."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

__all__ = ["LATEST_SOURCE", "latest_source_date", "as_of_latest_source"]

LATEST_SOURCE = "the latest date of its sources"


class _Dated(Protocol):
    documents: list[dict[str, Any]]


T = TypeVar("T", bound=_Dated)


def latest_source_date(documents: Iterable[dict[str, Any]]) -> str | None:
    """The latest `date` among `documents` (partial ISO dates), or None if none is dated."""
    dates = [str(d["date"]) for d in documents if d.get("date")]
    return max(dates, default=None)


def as_of_latest_source(build: Callable[[str], T]) -> tuple[T, str]:
    """(`build(D)`, D) where D is the latest date of the sources of what holds today.

    Built once for today to learn which sources it draws on, then again for that date; with
    no dated source it stays as of today."""
    today = dt.date.today().isoformat()
    current = build(today)
    latest = latest_source_date(current.documents)
    if latest is None or latest == today:
        return current, today
    return build(latest), latest
