"""Proposing lifecycle statuses ("has gone live", "not being progressed") from sentences.

``propose_statuses(report, mentions, context)`` returns StatusProposals: the status a
sentence gives a collaboration it names, with the date the sentence gives (if any) as
`since`, the paragraph ref, a confidence and the sentence's span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphmodel.ingest.dates import dates_in
from graphmodel.ingest.mentions import Mentions
from graphmodel.ingest.paragraphs import Report
from graphmodel.ingest.relations import Context

__all__ = ["StatusProposal", "propose_statuses"]

_SUBJECT_KINDS = {"unit", "programme", "agreement", "workstream", "board", "facility"}
# (status, pattern, confidence, where the entity is: "before" the phrase or "after" it)
_TRIGGERS: list[tuple[str, re.Pattern[str], float, str]] = [
    (status, re.compile(pattern, re.IGNORECASE), confidence, where)
    for status, pattern, confidence, where in [
        ("not_progressed", r"\b(?:is |are |was |were )?not (?:being )?(?:progressed|pursued|taken forward)\b|\bdecided not to (?:proceed|pursue|progress)\b|\bwill not (?:proceed|go ahead)\b", 0.8, "before"),
        ("live", r"\b(?:has|have) (?:now |since )?gone live\b|\bwent live\b|\b(?:is|are) now (?:live|operational)\b|\bbecame operational\b", 0.8, "before"),
        ("live", r"\b(?:launch|go-live|go live) of\b", 0.65, "after"),
        ("approved", r"\b(?:has|have|was|were) (?:been |now been )?(?:formally )?(?:approved|agreed|signed(?: off)?)\b", 0.7, "before"),
        ("approved", r"\b(?:approved?|approves|signed|ratified) the\b", 0.65, "after"),
        ("in_development", r"\bbusiness case (?:is |was )?(?:being )?(?:developed|produced|prepared|drafted)\b|\b(?:is|are) (?:being|in) (?:developed|development|designed)\b", 0.65, "before"),
        ("proposed", r"\b(?:is|are) (?:being )?(?:proposed|scoped|explored|considered)\b|\bproposals? (?:to|for) (?:establish|create|set up|develop)\b", 0.6, "before"),
        ("pilot", r"\b(?:is|are) (?:being )?piloted\b|\bpilot (?:phase|scheme) of\b|\b(?:is|are) (?:running )?(?:as )?a pilot\b", 0.6, "before"),
        ("paused", r"\b(?:has been |was |is )?(?:paused|put on hold|on hold|suspended)\b", 0.65, "before"),
        ("under_review", r"\b(?:is|are) (?:currently )?(?:under review|being reviewed)\b", 0.6, "before"),
        ("ceased", r"\b(?:has |have |was |were )?(?:ceased|discontinued|stopped)\b", 0.7, "before"),
        ("ended", r"\b(?:has |have |was |were )?(?:ended|closed|disbanded|wound up|dissolved)\b|\bno longer exists?\b|\bcame to an end\b", 0.7, "before"),
    ]
]  # fmt: skip


@dataclass
class StatusProposal:
    """A proposed dated lifecycle status of an entity."""

    entity: str
    status: str
    ref: str
    confidence: float
    span: tuple[int, int]
    since: str | None = None


def propose_statuses(report: Report, mentions: Mentions, context: Context) -> list[StatusProposal]:
    """The lifecycle statuses the report's sentences give, one per (entity, status)."""
    found: dict[tuple[str, str], StatusProposal] = {}
    for paragraph in report.paragraphs:
        for start, end in paragraph.sentences:
            text = report.text[start:end]
            named = [
                m for m in mentions.within(start, end) if context.kind(m.entity) in _SUBJECT_KINDS
            ]
            if not named:
                continue
            for status, pattern, confidence, where in _TRIGGERS:
                match = pattern.search(text)
                if not match:
                    continue
                at = start + match.start()
                if where == "before":
                    candidates = [m for m in named if m.end <= at]
                    subject = candidates[-1] if candidates else None
                    if subject and len(text[subject.end - start : match.start()].split()) > 8:
                        subject = None
                else:
                    candidates = [m for m in named if m.start >= start + match.end()]
                    subject = candidates[0] if candidates else None
                    if subject and len(text[match.end() : subject.start - start].split()) > 3:
                        subject = None
                if subject is None:
                    continue
                dates = [d for d in dates_in(text) if d.role != "until"]
                proposal = StatusProposal(
                    subject.entity,
                    status,
                    paragraph.ref,
                    confidence,
                    (start, end),
                    dates[0].iso if dates else None,
                )
                key = (subject.entity, status)
                if key not in found or found[key].confidence < confidence:
                    found[key] = proposal
                break  # one status per sentence: the most specific phrase wins
    return sorted(found.values(), key=lambda p: (p.span, p.entity, p.status))
