"""Time consistency of a dataset: facts whose dates contradict each other.

``check_time(dataset)`` returns (errors, warnings), each a Problem with file, line and field.
Dates are compared at the precision the documents give them: a fact "until 2012-11" and
one "since 2012-11" do not overlap contradictorily, one "until 2012" and one "since 2013-05"
cannot be in the wrong order. The classes, and why each is an error or a warning, are
listed in docs/time-and-money.md:

- error   ``ends_before_start``: a fact (entity, relationship, status) ends before it starts.
- error   ``end_missing``: a relationship starts before one of its ends exists, or holds
          after one has ended, by stated dates on both sides.
  (An end whose start is not stated is taken to exist from the earliest stated start of a
  fact about it: graphmodel.timeline's inferred start, so that is never a problem.)
- warning ``outlives_end``: a relationship with no end of its own, one of whose ends ends.
- warning ``never_shown``: a fact ends before it is first reported and has no stated start.
- error   ``status_overlap``: two lifecycle statuses of one entity hold at once by stated
          dates (one stated to last past the other's start, or both stated to start the
          same day); ``warning`` when both are only first reported the same day.
- error   ``review_is_not_end``: an ``until`` that is a date to be reviewed on.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from graphmodel.dataset import Dataset, Entity, Relationship, Source, StatusFact, TimeFacts, Where
from graphmodel.errors import Problem
from graphmodel.timeline import fact_span, period_end, period_start

__all__ = ["check_time", "CLASSES"]

CLASSES = {
    "ends_before_start": "error",
    "end_missing": "error",
    "outlives_end": "warning",
    "never_shown": "warning",
    "status_overlap": "error",
    "review_is_not_end": "error",
}

_REVIEW = re.compile(r"\b(to be|will be|again be|subject to|under|due for)\s+(a\s+)?review", re.I)

Fact = Entity | Relationship | StatusFact
# Relationships that record an event at their start (a handover), not a state that lasts.
_EVENTS = {"SUCCEEDED_BY"}


class _Checker:
    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def span(self, fact: Fact) -> dict[str, Any]:
        """The fact's time properties by the one rule (graphmodel.timeline.fact_span)."""
        sources: list[Source] = fact.sources
        time: TimeFacts = fact.time
        implied = self.dataset.implied_starts.get(fact.id) if isinstance(fact, Entity) else None
        return fact_span(
            fact.since,
            fact.until,
            self.dataset.earliest_date(sources),
            time.inferred,
            implied,
            time.held_by,
        )

    def report(self, kind: str, fact: Fact, key: str, message: str, hint: str = "",
               severity: str | None = None) -> None:  # fmt: skip
        where: Where | None = fact.where
        file, line = (where.file, where.line_of(key)) if where else ("(unknown)", 0)
        severity = severity or CLASSES[kind]
        problem = Problem(file, line, key, f"{message} [{kind}]", hint, severity)
        (self.errors if severity == "error" else self.warnings).append(problem)

    # -- one fact -----------------------------------------------------------------
    def own(self, fact: Fact, what: str) -> None:
        span = self.span(fact)
        since, until = fact.since, fact.until
        if since and until and (period_end(until) or "") < (period_start(since) or ""):
            self.report("ends_before_start", fact, "until", f"{what} ends ({until}) before it "
                        f"starts ({since})")  # fmt: skip
        if until and span["from_basis"] == "first_reported":
            if (period_end(until) or "") < (period_start(span["first_reported"]) or ""):
                self.report(
                    "never_shown",
                    fact,
                    "until",
                    f"{what} ends ({until}) before it is first reported "
                    f"({span['first_reported']}) and has no stated start, so no as_of answer "
                    "shows it unless include_unstated=true",
                    "give it a since (stated, or inferred with a note) or a held_by date (with a note)",
                )
        if until and fact.time.review_on and until == fact.time.review_on:
            self.report("review_is_not_end", fact, "until", f"{what} is only to be reviewed on "
                        f"{until}, which is not an end", "drop until; keep review_on")  # fmt: skip
        elif until and _REVIEW.search(getattr(fact, "note", None) or ""):
            self.report(
                "review_is_not_end",
                fact,
                "until",
                f"{what} has until {until} but its note says it is to be reviewed: "
                "a review date is not an end",
                "use review_on for the review date, and until only for a stated end",
            )

    # -- a relationship and its ends ------------------------------------------------
    def ends(self, rel: Relationship) -> None:
        rspan = self.span(rel)
        for side in ("from", "to"):
            entity = self.dataset.entities[rel.source if side == "from" else rel.target]
            espan = self.span(entity)
            what = f"{rel.type} {rel.source} -> {rel.target}"
            rstart, estart = rspan["valid_from"], espan["valid_from"]
            if (
                rspan["from_basis"] in ("stated", "inferred")
                and espan["from_basis"] in ("stated", "inferred")
                and estart
                and (period_end(rstart) or "") < (period_start(estart) or "")
            ):
                self.report("end_missing", rel, "since", f"{what} starts ({rstart}) before "
                            f"{entity.id} exists (since {estart})")  # fmt: skip
            if entity.until:
                if rel.until and (period_start(rel.until) or "") > (period_end(entity.until) or ""):
                    self.report("end_missing", rel, "until", f"{what} holds until {rel.until}, "
                                f"after {entity.id} ends ({entity.until})")  # fmt: skip
                elif not rel.until and rel.type not in _EVENTS:
                    self.report(
                        "outlives_end",
                        rel,
                        "until",
                        f"{what} has no end but {entity.id} ends on {entity.until}",
                        f"give it until (at the latest {entity.until})",
                    )

    # -- the statuses of one entity ---------------------------------------------------
    def statuses(self, facts: list[StatusFact]) -> None:
        spans = sorted(((self.span(f), f) for f in facts), key=lambda p: p[0]["t_from"] or "")
        for i, (a_span, a) in enumerate(spans):
            for b_span, b in spans[i + 1 :]:
                if a.status == b.status:
                    continue
                stated = {"stated", "inferred"}
                if a_span["valid_from"] == b_span["valid_from"]:
                    both = {a_span["from_basis"], b_span["from_basis"]} <= stated
                    if a_span["from_basis"] in stated or b_span["from_basis"] in stated:
                        self.report(
                            "status_overlap",
                            b,
                            "status",
                            f"{b.entity} is {b.status} and {a.status} from the same date "
                            f"({b_span['valid_from']})",
                            "date them apart, or give the first an until",
                            None if both else "warning",
                        )
                    else:
                        self.report(
                            "status_overlap",
                            b,
                            "status",
                            f"{b.entity} is {b.status} and {a.status}, both first reported on "
                            f"{b_span['valid_from']} with no stated start",
                            "state which came first",
                            "warning",
                        )
                elif (
                    a.until
                    and b.since
                    and (period_start(a.until) or "") > (period_end(b.since) or "")
                ):
                    self.report("status_overlap", a, "until", f"{a.entity} is stated to be "
                                f"{a.status} until {a.until}, after it became {b.status} "
                                f"({b.since})")  # fmt: skip

    def run(self) -> tuple[list[Problem], list[Problem]]:
        for entity in self.dataset.entities.values():
            self.own(entity, f"entity {entity.id}")
        for rel in self.dataset.relationships:
            self.own(rel, f"{rel.type} {rel.source} -> {rel.target}")
            self.ends(rel)
        by_entity: dict[str, list[StatusFact]] = defaultdict(list)
        for status in self.dataset.statuses:
            self.own(status, f"status {status.status} of {status.entity}")
            by_entity[status.entity].append(status)
        for facts in by_entity.values():
            self.statuses(facts)
        return sorted(self.errors), sorted(self.warnings)


def check_time(dataset: Dataset) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings): the time inconsistencies of `dataset`, each with file, line, field."""
    return _Checker(dataset).run()
