"""Flattening a validated Dataset into the parameter rows the load statements take.

Every row carries its provenance as two aligned lists, ``source_documents`` and
``source_refs`` (both engines store lists of strings; neither stores maps on a node),
and its time span as ISO strings: ``valid_from`` (stated, or else the date of the
earliest document that states it, ``from_basis`` saying which) and ``valid_to``, by
graphmodel.timeline's one rule.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from graphmodel.dataset import Dataset, Source, TimeFacts
from graphmodel.schema import Schema
from graphmodel.timeline import fact_span

__all__ = ["LoadRows", "build_rows", "search_keys"]


def search_keys(name: str, aliases: Iterable[str], entity_id: str) -> list[str]:
    """The lower-cased names an entity is found by: id, name and every alias."""
    keys = [entity_id.lower(), name.lower(), *(a.lower() for a in aliases)]
    return list(dict.fromkeys(k.strip() for k in keys if k.strip()))


def _provenance(sources: list[Source]) -> dict[str, list[str]]:
    ordered = sorted(set(sources))
    return {
        "source_documents": [s.document for s in ordered],
        "source_refs": [s.ref for s in ordered],
    }


def _span(
    dataset: Dataset,
    since: str | None,
    until: str | None,
    sources: list[Source],
    time: TimeFacts | None = None,
    implied: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """The time properties of a fact (graphmodel.timeline.fact_span), with its review date."""
    span = fact_span(
        since,
        until,
        dataset.earliest_date(sources),
        time.inferred if time else (),
        implied,
        time.held_by if time else None,
    )
    span["review_on"] = time.review_on if time else None
    return span


def _fact_id(*parts: Any) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:16]


class LoadRows:
    """The rows of one dataset, grouped the way the load statements take them."""

    def __init__(self) -> None:
        self.documents: list[dict[str, Any]] = []
        self.entities: list[dict[str, Any]] = []
        self.relationships: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.statuses: list[dict[str, Any]] = []
        self.figures: list[dict[str, Any]] = []

    @property
    def relationship_count(self) -> int:
        """How many entity-to-entity relationships the rows create."""
        return sum(len(rows) for rows in self.relationships.values())


def build_rows(dataset: Dataset, schema: Schema) -> LoadRows:
    """The load rows for `dataset`."""
    rows = LoadRows()
    for doc in dataset.documents.values():
        rows.documents.append(
            {
                "id": doc.id,
                "props": {
                    "title": doc.title,
                    "body": doc.body,
                    "kind": doc.kind,
                    "date": doc.date,
                    "file": doc.file,
                    "notes": doc.notes,
                },
            }
        )
    latest_status: dict[str, tuple[str, str]] = {}
    for status in dataset.statuses:
        span = _span(dataset, status.since, status.until, status.sources, status.time)
        key = (span["valid_from"] or "", status.status)
        if status.entity not in latest_status or key >= latest_status[status.entity]:
            latest_status[status.entity] = key
        rows.statuses.append(
            {
                "entity": status.entity,
                "id": _fact_id("status", status.entity, status.status, status.since, status.until),
                "props": {
                    "status": status.status,
                    "note": status.note,
                    **span,
                    **_provenance(status.sources),
                },
            }
        )
    # Shortest names first: on FalkorDB the full-text index serves matches in the order the
    # entities were created, so its first matches are those search ranks first within a
    # match kind (cypher/engines/falkordb/search.cypher).
    for entity in sorted(dataset.entities.values(), key=lambda e: (len(e.name), e.name, e.id)):
        props: dict[str, Any] = dict(entity.properties)
        keys = search_keys(entity.name, entity.aliases, entity.id)
        props.update(
            {
                "name": entity.name,
                "kind": entity.kind,
                "aliases": entity.aliases,
                "search_keys": keys,
                "search_text": " | ".join(keys),
                "status": latest_status.get(entity.id, ("", None))[1],
                "property_names": sorted(entity.properties),
                **_span(
                    dataset,
                    entity.since,
                    entity.until,
                    entity.sources,
                    entity.time,
                    dataset.implied_starts.get(entity.id),
                ),  # fmt: skip
                **_provenance(entity.sources),
            }
        )
        rows.entities.append({"id": entity.id, "props": props})
    for rel in dataset.relationships:
        props = dict(rel.properties)
        props.update(
            {
                "id": _fact_id(rel.type, rel.source, rel.target, sorted(rel.properties.items())),
                "note": rel.note,
                **_span(dataset, rel.since, rel.until, rel.sources, rel.time),
                **_provenance(rel.sources),
            }
        )
        rows.relationships[rel.type].append({"from": rel.source, "to": rel.target, "props": props})
    for index, fig in enumerate(dataset.figures):
        start, _, end = fig.period.partition("/")
        rows.figures.append(
            {
                "entity": fig.entity,
                "id": fig.id
                or _fact_id("figure", index, fig.entity, fig.kind, fig.amount, fig.period),
                "props": {
                    "part_of": fig.part_of,
                    "hypothetical": fig.hypothetical,
                    "kind": fig.kind,
                    "amount": fig.amount,
                    "currency": fig.currency,
                    "period": fig.period,
                    "period_start": start,
                    "period_end": end or start,
                    "basis": fig.basis,
                    "cash": fig.cash,
                    "force": fig.force,
                    "description": fig.description,
                    **_span(dataset, None, None, fig.sources),
                    **_provenance(fig.sources),
                },
            }
        )
    # Every schema type gets a (possibly empty) batch so loads are uniform.
    for rtype in schema.relationships:
        rows.relationships.setdefault(rtype, [])
    return rows
