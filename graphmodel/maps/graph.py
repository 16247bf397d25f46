"""A map's rows as a networkx graph: entities with their details, relationships with their
citations, and what the renderer needs (node weight, governance level, why it is empty)."""

from __future__ import annotations

from typing import Any

import networkx as nx

from graphmodel.maps.query import MapResult

__all__ = ["build_graph", "REL_FIELDS"]

REL_FIELDS = (
    "role",
    "status",
    "arrangement",
    "cost_share",
    "title",
    "note",
    "valid_from",
    "valid_to",
    "from_basis",
    "to_basis",
)


def _subtitle(result: MapResult) -> str:
    parts = []
    if result.entity:
        parts.append(f"around {result.entity['name']}")
    if result.region:
        parts.append(f"in {result.region['name']}")
    return ", ".join(parts)


def _empty_reason(result: MapResult) -> str:
    if result.relationships:
        return ""
    what = {
        "leads": "no lead relationships",
        "governance": "no governance relationships",
        "participation": "no participation",
        "neighbourhood": "no relationships",
    }.get(result.view.name, "nothing")
    where = ", ".join(
        p
        for p in (_subtitle(result), f"as of {result.query.as_of}" if result.query.as_of else "")
        if p
    )
    text = f"The graph holds {what}{' ' + where if where else ''}."
    if result.query.as_of:
        text += " Try another date, or none."
    elif result.region:
        text += " Try another region, or none."
    return text


def build_graph(result: MapResult) -> nx.MultiDiGraph:
    """The map as a MultiDiGraph keyed by relationship id.

    Graph attributes: view, title, description, subtitle, as_of, region, entity,
    empty_reason, time_note (what the as_of rule left out), size_by, documents. Node
    attributes: name, kind, aliases, status, valid_from, valid_to, from_basis, to_basis,
    money ({figures, totals} by graphmodel.money's one rule, or None), properties, sources,
    weight (the measure its size shows). Edge
    attributes: type, the relationship's own fields and sources.
    """
    view = result.view
    graph = nx.MultiDiGraph(
        view=view.name,
        title=view.title,
        description=view.description,
        subtitle=_subtitle(result),
        as_of=str(result.query.as_of) if result.query.as_of else None,
        region=result.region["id"] if result.region else None,
        entity=result.entity["id"] if result.entity else None,
        empty_reason=_empty_reason(result),
        time_note=(result.time or {}).get("note"),
        size_by=view.size_by,
        documents=result.documents,
    )
    for row in result.entities:
        graph.add_node(
            row["id"],
            name=row["name"],
            kind=row["kind"],
            aliases=list(row.get("aliases") or []),
            status=row.get("status"),
            valid_from=row.get("valid_from"),
            valid_to=row.get("valid_to"),
            from_basis=row.get("from_basis"),
            to_basis=row.get("to_basis"),
            properties={p["name"]: p["value"] for p in row.get("properties") or []},
            money=result.money.get(row["id"]),
            sources=list(row.get("sources") or []),
        )
    for row in result.relationships:
        attrs: dict[str, Any] = {f: row.get(f) for f in REL_FIELDS if row.get(f) is not None}
        graph.add_edge(
            row["source"],
            row["target"],
            key=row["id"],
            type=row["type"],
            sources=row["sources"],
            **attrs,
        )
    for node in graph:
        if view.size_by == "leads":
            weight = sum(1 for *_, t in graph.out_edges(node, data="type") if t == "LEADS")
        else:
            weight = graph.degree(node)
        graph.nodes[node]["weight"] = weight
    return graph
