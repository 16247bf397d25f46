"""A map graph drawn as one self-contained HTML page: pyvis builds the vis-network data,
this package's own template inlines vis-network and the map script. No request leaves the page."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from graphmodel.maps.assets import VIS_VERSION, page_assets
from graphmodel.maps.formats import DATA_FORMATS
from graphmodel.maps.sizing import SIZE_MEASURES
from graphmodel.maps.style import (
    STATUS_DASHES,
    edge_label,
    kind_legend,
    label_colour,
    node_label,
    rel_colour,
    relationship_legend,
    status_legend,
)
from graphmodel.maps.views import VIEWS
from graphmodel.schema import load_schema

__all__ = ["render_page", "render_index", "vis_options", "LAYOUT_SEED", "LARGE_MAP"]

LAYOUT_SEED = 20180309  # fixed, so the same data is laid out the same way every time
LARGE_MAP = 400  # nodes; above this edges are straight, unlabelled and hidden while dragging
LARGE_MAP_ITERATIONS = 100  # stabilisation iterations of a large map
EDGE_LABELS_UP_TO = 160  # edges; beyond this edge words go to the tooltip and panel only

_LABEL_INSIDE = {"box", "ellipse", "database", "circle", "text"}

_env = Environment(
    loader=PackageLoader("graphmodel.maps", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _json_for_script(data: Any) -> Markup:
    """JSON safe inside <script type="application/json">: no '<', '>' or '&' left raw."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def _inline_script(text: str) -> Markup:
    return Markup(text.replace("</script", "<\\/script"))


def vis_options(nodes: int, edges: int, hierarchical: bool) -> dict[str, Any]:
    """vis-network options for a map of this size: seeded layout, physics that settles fast."""
    large = nodes > LARGE_MAP
    options: dict[str, Any] = {
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": nodes <= 150},
        "nodes": {
            "borderWidth": 1,
            "font": {"face": "sans-serif", "size": 16, "strokeWidth": 4, "strokeColor": "#ffffff"},
            "scaling": {"min": 12, "max": 36, "label": {"enabled": True, "min": 15, "max": 26}},
        },
        "edges": {
            "width": 1.4,
            "selectionWidth": 2,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
            "color": {"inherit": False},
            "font": {"face": "sans-serif", "size": 10, "align": "middle", "strokeWidth": 3},
            "smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.3},
        },
        "interaction": {
            "hover": not large,
            "tooltipDelay": 200,
            "hideEdgesOnDrag": large,
            "navigationButtons": False,
            "keyboard": False,
        },
    }
    if hierarchical:
        # Positions come from graphmodel.maps.layout (top-down, compact, deterministic).
        options["edges"]["smooth"] = {
            "enabled": True,
            "type": "cubicBezier",
            "forceDirection": "vertical",
        }
        options["physics"] = {"enabled": False}
    elif not large:
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -130,
                "centralGravity": 0.02,
                "springLength": 95,
                "springConstant": 0.08,
                "damping": 0.5,
                "avoidOverlap": 1,
            },
            "maxVelocity": 80,
            "minVelocity": 1.5,
            "timestep": 0.5,
            "stabilization": {
                "enabled": True,
                "iterations": 400,
                "updateInterval": 25,
                "fit": True,
            },
        }
    else:
        # Large maps: Barnes-Hut (n log n) and a bounded number of iterations, so that a
        # 2,000-node map settles in a few seconds (benchmarks/maps_bench.py measures it).
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -3000,
                "centralGravity": 0.3,
                "springLength": 80,
                "springConstant": 0.05,
                "damping": 0.4,
                "avoidOverlap": 0,
                "theta": 0.8,
            },
            "maxVelocity": 80,
            "minVelocity": 1.5,
            "timestep": 0.6,
            "stabilization": {
                "enabled": True,
                "iterations": LARGE_MAP_ITERATIONS,
                "updateInterval": 50,
                "fit": True,
            },
        }
    return options


def _vis_network(graph: nx.MultiDiGraph) -> Network:
    """pyvis's Network holding the vis-network nodes and edges of `graph`."""
    kinds = load_schema().kinds
    edge_words = graph.number_of_edges() <= EDGE_LABELS_UP_TO
    net = Network(directed=True, cdn_resources="in_line")
    for node, attrs in sorted(graph.nodes(data=True)):
        kind = kinds.get(attrs.get("kind", ""))
        name = attrs.get("name", node)
        extra: dict[str, Any] = {
            k: attrs[k] for k in ("x", "y", "status") if attrs.get(k) is not None
        }
        if kind and kind.shape in _LABEL_INSIDE:
            extra["font"] = {"color": label_colour(kind.colour), "strokeWidth": 0}
        net.add_node(
            node,
            label=node_label(name, attrs.get("aliases", [])),
            title=f"{name} ({attrs.get('kind', '?')})",
            shape=kind.shape if kind else "dot",
            color=kind.colour if kind else "#7f8c8d",
            value=attrs.get("weight", 0),
            kind=attrs.get("kind"),
            **extra,
        )
    for source, target, key, attrs in sorted(graph.edges(keys=True, data=True), key=lambda e: e[2]):
        status = attrs.get("status")
        dashes = STATUS_DASHES.get(status or "")
        words = edge_label(attrs)
        extra = {"status": status} if status else {}
        if edge_words and words:
            extra["label"] = words
        net.add_edge(
            source,
            target,
            id=key,
            title=f"{attrs['type']}{': ' + words if words else ''}",
            color=rel_colour(attrs["type"]),
            dashes=dashes[0] if dashes else False,
            type=attrs["type"],
            **extra,
        )
    return net


def _details(graph: nx.MultiDiGraph) -> dict[str, Any]:
    nodes = {
        node: {
            k: attrs.get(k)
            for k in (
                "name",
                "kind",
                "aliases",
                "status",
                "valid_from",
                "valid_to",
                "from_basis",
                "to_basis",
                "money",
                "properties",
                "sources",
            )
        }
        for node, attrs in graph.nodes(data=True)
    }
    edges = {
        key: {"from": s, "to": t, **{k: v for k, v in attrs.items()}}
        for s, t, key, attrs in graph.edges(keys=True, data=True)
    }
    return {"nodes": nodes, "edges": edges}


def render_page(
    graph: nx.MultiDiGraph,
    *,
    api_base: str | None = "",
    download_links: dict[str, str] | None = None,
    embedded_downloads: dict[str, str] | None = None,
) -> str:
    """The map page as HTML text.

    `api_base` prefixes the /api/entities/{id} links (None: show the path without a link);
    `download_links` maps json/graphml/gexf to URLs (a served page), `embedded_downloads`
    to the data itself (an exported file, downloaded without any request).
    """
    net = _vis_network(graph)
    nodes, edges, *_ = net.get_network_data()
    hierarchical = bool(graph.graph.get("hierarchical"))
    options = vis_options(len(nodes), len(edges), hierarchical)
    kinds = {a.get("kind") for _, a in graph.nodes(data=True)}
    types = {a["type"] for *_, a in graph.edges(data=True)}
    statuses = {a["status"] for *_, a in graph.edges(data=True) if a.get("status")}
    lifecycle = sorted({a["status"] for _, a in graph.nodes(data=True) if a.get("status")})
    meta = {
        k: graph.graph.get(k)
        for k in (
            "view",
            "title",
            "subtitle",
            "as_of",
            "region",
            "entity",
            "empty_reason",
            "time_note",
        )
    }
    meta["size_text"] = SIZE_MEASURES.get(graph.graph.get("size_by") or "degree", "")
    payload = {
        "meta": {**meta, "api_base": api_base, "download_links": download_links},
        "nodes": nodes,
        "edges": edges,
        "options": options,
        "details": _details(graph),
        "documents": graph.graph.get("documents") or {},
        "downloads": embedded_downloads or {},
    }
    assets = page_assets()
    template = _env.get_template("map.html.j2")
    return template.render(
        meta=meta,
        description=graph.graph.get("description", ""),
        node_count=len(nodes),
        edge_count=len(edges),
        kinds=kind_legend({k for k in kinds if k}),
        relationships=relationship_legend(types),
        statuses=status_legend(statuses),
        lifecycle=lifecycle,
        download_links=download_links,
        embedded=sorted(embedded_downloads or {}),
        payload=_json_for_script(payload),
        vis_js=_inline_script(assets["vis_js"]),
        vis_css=Markup(assets["vis_css"]),
        map_js=_inline_script(assets["map_js"]),
        map_css=Markup(assets["map_css"]),
        vis_version=VIS_VERSION,
    )


def render_index(root: str = "") -> str:
    """The page listing the map views, with a form to open one for a region, entity and date."""
    return _env.get_template("index.html.j2").render(
        views=list(VIEWS.values()), formats=list(DATA_FORMATS), root=root
    )
