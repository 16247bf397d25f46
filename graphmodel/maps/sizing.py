"""Sizing a map's nodes by a measure: what they lead, how connected they are here, or an
analysis measure over the whole network (lead-force concentration, betweenness)."""

from __future__ import annotations

import networkx as nx

from graphmodel.engine.base import Engine
from graphmodel.errors import InvalidRequestError

__all__ = ["SIZE_MEASURES", "size_nodes"]

SIZE_MEASURES = {
    "degree": "how many relationships it has here",
    "leads": "how much it leads",
    "concentration": "its share of the collaborations led in its region (lead-force concentration)",
    "betweenness": "how much of the network's shortest paths run through it (betweenness)",
}


def size_nodes(graph: nx.MultiDiGraph, engine: Engine, measure: str) -> nx.MultiDiGraph:
    """Set every node's `weight` to `measure` (one of SIZE_MEASURES) and note it on the graph."""
    if measure not in SIZE_MEASURES:
        raise InvalidRequestError("size", "one of: " + ", ".join(SIZE_MEASURES))
    scores: dict[str, float]
    if measure == "leads":
        scores = {
            n: float(sum(1 for *_, t in graph.out_edges(n, data="type") if t == "LEADS"))
            for n in graph
        }
    elif measure == "degree":
        scores = {n: float(graph.degree(n)) for n in graph}
    elif measure == "concentration":
        from graphmodel.analysis.concentration import concentration_scores

        scores = concentration_scores(engine, graph.graph.get("region"), graph.graph.get("as_of"))
    else:
        from graphmodel.analysis.structure import centrality_scores

        scores = centrality_scores(engine, "betweenness", graph.graph.get("as_of"))
    top = max(scores.values(), default=0.0) or 1.0
    for node in graph:
        # Analysis measures are fractions; scaled so the largest node scores 100.
        value = scores.get(node, 0.0)
        graph.nodes[node]["weight"] = value if measure in ("leads", "degree") else 100 * value / top
    graph.graph["size_by"] = measure
    return graph
