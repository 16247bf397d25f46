"""Proposing money figures ("secured funding of £139,545", "savings of £4.03m a year").

``propose_figures(report, mentions, context, document_date)`` returns FigureProposals:
amount, currency, kind (saving, cost, budget, funding), period and basis as the sentence
states them (the report's date when it states none), the force whose share it is, and
whether it is hypothetical (an estimate, a projection) or a part of another figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphmodel.ingest.dates import dates_in
from graphmodel.ingest.mentions import Mention, Mentions, slugify
from graphmodel.ingest.paragraphs import Report
from graphmodel.ingest.relations import Context

__all__ = ["FigureProposal", "propose_figures"]

_AMOUNT = re.compile(
    r"(?P<cur>£|\$|€|\bGBP\s?|\bEUR\s?|\bUSD\s?)(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<mult>m\b|mn\b|million\b|bn\b|billion\b|k\b|thousand\b))?",
    re.IGNORECASE,
)
_CURRENCY = {"£": "GBP", "$": "USD", "€": "EUR", "gbp": "GBP", "eur": "EUR", "usd": "USD"}
_MULT = {"m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9, "k": 1e3, "thousand": 1e3}
_KINDS = [
    ("saving", re.compile(r"\bsav(?:ing|ings|ed|e|es)\b|\befficienc(?:y|ies)\b", re.IGNORECASE)),
    ("funding", re.compile(r"\bfund(?:ing|ed|s)?\b|\bgrant(?:ed|s)?\b|\bawarded\b|\bsecured\b", re.IGNORECASE)),
    ("budget", re.compile(r"\bbudget(?:s|ed)?\b", re.IGNORECASE)),
    ("cost", re.compile(r"\bcost(?:s|ing)?\b|\bspen[dt]\b|\bexpenditure\b|\bcharge[sd]?\b|\bcontribut", re.IGNORECASE)),
]  # fmt: skip
_ANNUAL = re.compile(
    r"\b(?:per annum|a year|each year|per year|annual(?:ly)?|p\.?a\.?|recurring)\b", re.IGNORECASE
)
_ONE_OFF = re.compile(
    r"\bone[- ]off\b|\bone[- ]time\b|\bsecured\b|\bawarded\b|\bgranted\b", re.IGNORECASE
)
_HYPOTHETICAL = re.compile(
    r"\b(?:estimat\w*|project(?:ed|ion)s?|forecast\w*|would|could|potential(?:ly)?|expected|"
    r"anticipated|if|likely|target(?:ed)?|planned|aim(?:s|ing)? to)\b",
    re.IGNORECASE,
)
_PART = re.compile(r"\b(?:share|of which|contribution|proportion|portion|part of)\b", re.IGNORECASE)
_FY = re.compile(r"\b((?:19|20)\d{2})\s?[/-]\s?(\d{2}|(?:19|20)\d{2})\b")
_THE_COLLABORATION = re.compile(
    r"\b(?:the|this) (?:service|unit|programme|collaboration|agreement|project)\b"
    r"|^(?:annual |total |recurring )?(?:savings?|budget|costs?|funding)\b",
    re.IGNORECASE,
)
_TARGET_KINDS = ("programme", "unit", "agreement", "workstream", "board", "region", "organisation")


@dataclass
class FigureProposal:
    """A proposed money figure, with its citation and how sure the ingester is."""

    entity: str
    kind: str
    amount: float
    currency: str
    period: str
    basis: str
    ref: str
    confidence: float
    span: tuple[int, int]
    description: str
    force: str | None = None
    hypothetical: bool = False
    part_of_hint: bool = False
    id: str = ""
    part_of: str | None = None  # the id of the figure this one is a share of


def _names_share(text: str, force: Mention, amount: re.Match[str], offset: int) -> bool:
    """Whether a force is named as the one the amount is for ("Humberside's share is £x",
    "£x to West Midlands Police"), not just somewhere in the sentence."""
    start, end = force.start - offset, force.end - offset
    if end <= amount.start():
        return amount.start() - end <= 40
    between = text[amount.end() : start]
    return len(between) <= 30 and bool(
        re.match(r"^\s*(?:\w+\s+){0,2}(?:to|for|from|by)\s+(?:the\s+)?$", between)
    )


def _amount(match: re.Match[str]) -> float:
    value = float(match["num"].replace(",", ""))
    if match["mult"]:
        value *= _MULT[match["mult"].lower()]
    return round(value, 2)


def _period(text: str, document_date: str | None) -> tuple[str | None, bool]:
    """(period, whether the sentence stated it)."""
    fy = _FY.search(text)
    if fy:
        first = int(fy[1])
        second = int(fy[2]) if len(fy[2]) == 4 else (first // 100) * 100 + int(fy[2])
        if second == first + 1:
            return f"{first}-04/{second}-03", True
    since = [d for d in dates_in(text) if d.role == "since"]
    if since and document_date and since[0].iso < document_date:
        return f"{since[0].iso}/{document_date}", True
    plain = dates_in(text)
    if plain:
        return plain[0].iso, True
    return document_date, False


def propose_figures(
    report: Report, mentions: Mentions, context: Context, document_date: str | None
) -> list[FigureProposal]:
    """The money figures the report's sentences state."""
    found: list[FigureProposal] = []
    for paragraph in report.paragraphs:
        for start, end in paragraph.sentences:
            text = report.text[start:end]
            named = mentions.within(start, end)
            # "the budget of the service": the collaboration last named before the sentence
            earlier = [
                m
                for m in mentions.mentions
                if m.end <= start and context.kind(m.entity) in _TARGET_KINDS[:4]
            ]
            for match in _AMOUNT.finditer(text):
                window = text[max(0, match.start() - 80) : match.end() + 60]
                kind = next((k for k, pattern in _KINDS if pattern.search(window)), None)
                part = bool(_PART.search(window))
                whole = next((f for f in reversed(found) if f.ref == paragraph.ref), None)
                if kind is None and part and whole is not None:
                    kind = whole.kind  # "of which Humberside's share is £x": a share of it
                if kind is None:
                    continue
                period, stated = _period(text, document_date)
                if period is None:
                    continue
                basis = (
                    "annual"
                    if _ANNUAL.search(window)
                    else ("one_off" if kind == "funding" and _ONE_OFF.search(window) else "total")
                )
                if part and whole is not None and whole.span == (start, end):
                    basis, period = whole.basis, whole.period  # a share of a figure: alike
                at = start + match.start()
                targets = [m for m in named if context.kind(m.entity) in _TARGET_KINDS]
                forces = [m for m in named if context.kind(m.entity) == "force"]
                target = min(targets, key=lambda m: abs(m.start - at)) if targets else None
                inferred = False
                if target is None and earlier and _THE_COLLABORATION.search(text):
                    target, inferred = earlier[-1], True
                if target is None and forces:
                    target = min(forces, key=lambda m: abs(m.start - at))
                if target is None:
                    continue
                force: str | None
                part_of = None
                if part and whole and context.kind(target.entity) == "force":
                    # "Derbyshire's contribution is £1.45m": its share of the figure before
                    target_id, force, part_of = whole.entity, target.entity, whole.id
                else:
                    target_id = target.entity
                    force = next(
                        (
                            m.entity
                            for m in forces
                            if m.entity != target.entity and _names_share(text, m, match, start)
                        ),
                        None,
                    )
                    if part and whole and force and whole.entity == target_id:
                        part_of = whole.id  # "of which Humberside's share is £x"
                if force is None and context.kind(target_id) == "force":
                    force = target_id
                if part_of and whole is not None:
                    # a share is alike its whole: same kind, currency, basis and period
                    kind, basis, period = whole.kind, whole.basis, whole.period
                confidence = 0.7 if stated else 0.55
                if inferred or abs(target.start - at) > 120:
                    confidence -= 0.15
                amount = _amount(match)
                currency = _CURRENCY[match["cur"].strip().lower()]
                hypothetical = bool(_HYPOTHETICAL.search(window))
                description = (
                    f"{'Estimated ' if hypothetical else ''}{kind} of {match[0].strip()} "
                    f"({basis.replace('_', '-')}) as stated at {paragraph.ref}"
                )
                found.append(
                    FigureProposal(
                        target_id,
                        kind,
                        amount,
                        currency,
                        period,
                        basis,
                        paragraph.ref,
                        round(confidence, 2),
                        (start, end),
                        description[0].upper() + description[1:],
                        force,
                        hypothetical,
                        part,
                        slugify(f"{target_id} {kind} {len(found) + 1}"),
                        part_of,
                    )  # fmt: skip
                )
    return found
