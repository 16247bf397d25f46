"""A map's data as files other tools read: JSON (node-link), GraphML and GEXF, by networkx."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from graphmodel.errors import NotFoundError
from graphmodel.neutralise import xml_text
from graphmodel.schema import load_schema

__all__ = ["DATA_FORMATS", "graph_data", "data_filename"]

# format -> media type
DATA_FORMATS = {
    "json": "application/json",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
}


def _scalar(value: Any) -> Any:
    """A value GraphML and GEXF can hold: lists and maps become text, and text holds no
    character XML cannot (`xml_text`)."""
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, (int, float, bool)):
        return value
    if isinstance(value, list) and all(isinstance(v, dict) and "document" in v for v in value):
        return xml_text("; ".join(f"{v['document']} {v.get('ref') or ''}".strip() for v in value))
    if isinstance(value, list):
        return xml_text("; ".join(str(v) for v in value))
    return xml_text(json.dumps(value, ensure_ascii=False, sort_keys=True))


def _flat(graph: nx.MultiDiGraph, gexf: bool) -> nx.MultiDiGraph:
    kinds = load_schema().kinds
    flat = nx.MultiDiGraph()
    flat.graph.update(
        {k: _scalar(v) for k, v in graph.graph.items() if v not in (None, "") and k != "documents"}
    )
    for node, attrs in graph.nodes(data=True):
        row = {k: _scalar(v) for k, v in attrs.items() if v not in (None, "", [], {})}
        row["label"] = _scalar(attrs.get("name", node))
        if gexf and attrs.get("kind") in kinds:
            colour = kinds[attrs["kind"]].colour.lstrip("#")
            r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
            row["viz"] = {
                "color": {"r": r, "g": g, "b": b, "a": 1.0},
                "size": 8.0 + 3 * attrs["weight"],
            }
        flat.add_node(node, **row)
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        row = {k: _scalar(v) for k, v in attrs.items() if v not in (None, "", [])}
        row["label"] = attrs["type"]
        flat.add_edge(source, target, key=key, **row)
    return flat


def data_filename(graph: nx.MultiDiGraph, fmt: str) -> str:
    """A file name for the map's data in `fmt` ("leads-east-midlands-region-2018.graphml")."""
    parts = [
        graph.graph["view"],
        graph.graph.get("entity"),
        graph.graph.get("region"),
        graph.graph.get("as_of"),
    ]
    return "-".join(str(p) for p in parts if p) + f".{fmt}"


def graph_data(graph: nx.MultiDiGraph, fmt: str) -> str:
    """The map's data as text in `fmt` (json, graphml or gexf); NotFoundError for another format."""
    if fmt == "json":
        data = nx.node_link_data(graph, edges="links")
        return json.dumps(data, ensure_ascii=False, indent=1, default=str)
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(_flat(graph, gexf=False))) + "\n"
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(_flat(graph, gexf=True))) + "\n"
    raise NotFoundError("map data format", fmt, [{"id": f} for f in DATA_FORMATS])
