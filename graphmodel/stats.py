"""What the loaded graph holds: counts by kind and type, citations, and unsourced facts."""

from __future__ import annotations

from typing import Any

from graphmodel.engine.base import Engine

__all__ = ["graph_stats"]


def graph_stats(engine: Engine) -> dict[str, Any]:
    """Counts of the live graph.

    {entities, relationships, entities_by_kind, relationships_by_type, statuses, figures,
    documents: [{document, title, date, entities, relationships}], unsourced: {nodes,
    relationships, total}, load: {loaded_at, seed, digest} | None}
    """
    by_kind = {r["kind"]: r["count"] for r in engine.read("stats_entities_by_kind")}
    by_type = {r["type"]: r["count"] for r in engine.read("stats_relationships_by_type")}
    facts = (engine.read("stats_facts") or [{"statuses": 0, "figures": 0, "documents": 0}])[0]
    nodes = engine.read("stats_unsourced_nodes")
    rels = engine.read("stats_unsourced_relationships")
    unsourced_nodes = nodes[0]["count"] if nodes else 0
    unsourced_rels = rels[0]["count"] if rels else 0
    load = engine.read("load_info")
    return {
        "engine": engine.describe()["engine"],
        "entities": sum(by_kind.values()),
        "relationships": sum(by_type.values()),
        "entities_by_kind": by_kind,
        "relationships_by_type": by_type,
        "statuses": facts["statuses"],
        "figures": facts["figures"],
        "documents": engine.read("stats_citations"),
        "unsourced": {
            "nodes": unsourced_nodes,
            "relationships": unsourced_rels,
            "total": unsourced_nodes + unsourced_rels,
        },
        "load": load[0] if load else None,
    }
