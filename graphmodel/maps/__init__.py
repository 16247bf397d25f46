"""Interactive network maps: a named query's result as a networkx graph, drawn as one
self-contained HTML page (vis-network, inlined) and written as JSON, GraphML or GEXF.

    fetch_map(engine, MapQuery(...))  -> MapResult       (the only step that reads the engine)
    build_graph(result)               -> nx.MultiDiGraph
    render_page(graph, ...)           -> HTML text       (no request leaves the page but
                                                          a served page's own redraws)
    graph_data(graph, "graphml")      -> text
"""

from __future__ import annotations

import networkx as nx

from graphmodel.engine.base import Engine
from graphmodel.maps.choices import map_choices
from graphmodel.maps.formats import DATA_FORMATS, data_filename, graph_data
from graphmodel.maps.graph import build_graph
from graphmodel.maps.query import MapQuery, MapResult, fetch_map
from graphmodel.maps.render import page_payload, render_page
from graphmodel.maps.views import VIEWS, MapView, get_view

__all__ = [
    "DATA_FORMATS",
    "VIEWS",
    "MapQuery",
    "MapResult",
    "MapView",
    "build_graph",
    "data_filename",
    "fetch_map",
    "get_view",
    "graph_data",
    "map_choices",
    "map_graph",
    "page_payload",
    "render_page",
    "exported_page",
]


def map_graph(engine: Engine, query: MapQuery) -> nx.MultiDiGraph:
    """The graph of `query`'s map (see fetch_map for the errors it raises)."""
    return build_graph(fetch_map(engine, query))


def exported_page(
    graph: nx.MultiDiGraph, api_base: str | None = None, as_of: str | None = None
) -> str:
    """A page to save as a file: its JSON, GraphML and GEXF travel inside it, and it filters
    its own facts by date (opening at `as_of` if given, else showing every date)."""
    embedded = {fmt: graph_data(graph, fmt) for fmt in DATA_FORMATS}
    return render_page(graph, api_base=api_base, embedded_downloads=embedded, open_at=as_of)
