"""A map graph drawn as one self-contained HTML page: pyvis builds the vis-network data,
this package's own template inlines vis-network and the map script. No request leaves the
page except, on a served page, for the server it came from (to redraw for another date,
region or entity)."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from graphmodel.maps.assets import VIS_VERSION, page_assets
from graphmodel.maps.drawing import (
    EDGE_FONT_PX,
    MIN_LABEL_PX,
    MIN_SCALE,
    node_box,
    node_font,
    node_radius,
)
from graphmodel.maps.formats import DATA_FORMATS
from graphmodel.maps.layout import ORIENTATIONS, layered_positions
from graphmodel.maps.sizing import SIZE_MEASURES
from graphmodel.maps.style import (
    STATUS_DASHES,
    edge_label,
    kind_legend,
    node_label,
    rel_colour,
    relationship_legend,
    status_legend,
)
from graphmodel.maps.views import VIEWS
from graphmodel.schema import load_schema
from graphmodel.timeline import period_end, period_start

__all__ = [
    "render_page",
    "render_index",
    "page_payload",
    "vis_options",
    "date_steps",
    "LARGE_MAP",
]

LARGE_MAP = 400  # nodes; above this edges are straight and hidden while dragging
EDGE_LABELS_UP_TO = 60  # edges; beyond this edge words go to the tooltip, panel and table only

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


def vis_options(nodes: int, edges: int) -> dict[str, Any]:
    """vis-network options: positions come from graphmodel.maps.layout (no physics); labels
    under MIN_LABEL_PX on screen are not drawn (level of detail when zoomed out)."""
    large = nodes > LARGE_MAP
    # vis-network leaves out a label under threshold - 1 px and fades one under threshold:
    # at the opening zoom every label is at least MIN_LABEL_PX, at full strength.
    threshold = MIN_LABEL_PX
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "nodes": {
            "borderWidth": 1,
            "font": {
                "face": "sans-serif",
                "size": 14,
                "color": "#1d2327",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
            "scaling": {"label": {"enabled": False, "drawThreshold": threshold}},
        },
        "edges": {
            "width": 1.4,
            "selectionWidth": 2,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
            "color": {"inherit": False},
            "font": {
                "face": "sans-serif",
                "size": EDGE_FONT_PX,
                "color": "#1d2327",
                "align": "middle",
                "strokeWidth": 4,
            },
            "scaling": {"label": {"enabled": False, "drawThreshold": threshold}},
            "smooth": False
            if large
            else {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical"},
        },
        "interaction": {
            "hover": not large,
            "tooltipDelay": 200,
            "hideEdgesOnDrag": large,
            "navigationButtons": False,
            "keyboard": False,
            "dragNodes": False,
        },
    }


def _group(graph: nx.MultiDiGraph) -> Any:
    """A row-grouping key per view: kinds side by side; around an entity, by relationship."""
    centre = graph.graph.get("entity")
    kinds = {n: a.get("kind") or "" for n, a in graph.nodes(data=True)}
    if graph.graph.get("view") == "neighbourhood" and centre in graph:
        via: dict[str, str] = {}
        for s, t, rtype in sorted(graph.edges(data="type"), key=lambda e: (e[2] or "", e[0])):
            other = t if s == centre else s if t == centre else None
            if other and other not in via:
                via[other] = f"{rtype}-{'out' if s == centre else 'in'}"
        return lambda n: via.get(n, "") + kinds[n]
    if graph.graph.get("view") == "participation":
        return lambda n: kinds[n]
    return lambda _: ""


def _vis_network(graph: nx.MultiDiGraph) -> Network:
    """pyvis's Network holding the vis-network nodes and edges of `graph`, laid out."""
    kinds = load_schema().kinds
    edge_words = graph.number_of_edges() <= EDGE_LABELS_UP_TO
    top = max((float(w or 0) for _, w in graph.nodes(data="weight")), default=0.0)
    drawn: dict[str, dict[str, Any]] = {}
    for node, attrs in graph.nodes(data=True):
        weight = float(attrs.get("weight") or 0)
        label = node_label(attrs.get("name", node), attrs.get("aliases", []))
        radius, font = node_radius(weight, top), node_font(weight, top)
        drawn[node] = {"label": label, "size": radius, "font": font}
    boxes = {n: node_box(d["label"], d["size"], d["font"]) for n, d in drawn.items()}
    orient = ORIENTATIONS.get(graph.graph.get("view", ""), ORIENTATIONS["governance"])
    positions = layered_positions(graph, orient, boxes, _group(graph))
    net = Network(directed=True, cdn_resources="in_line")
    for node, attrs in sorted(graph.nodes(data=True)):
        kind = kinds.get(attrs.get("kind", ""))
        name = attrs.get("name", node)
        extra: dict[str, Any] = {k: attrs[k] for k in ("status",) if attrs.get(k) is not None}
        x, y = positions[node]
        net.add_node(
            node,
            label=drawn[node]["label"],
            title=f"{name} ({attrs.get('kind', '?')})",
            shape=kind.shape if kind else "dot",
            color=kind.colour if kind else "#7f8c8d",
            size=drawn[node]["size"],
            font={"size": drawn[node]["font"]},
            weight=float(attrs.get("weight") or 0),
            kind=attrs.get("kind"),
            x=x,
            y=y,
            t_from=period_start(attrs.get("valid_from")),
            t_to=period_end(attrs.get("valid_to")),
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
            t_from=period_start(attrs.get("valid_from")),
            t_to=period_end(attrs.get("valid_to")),
            **extra,
        )
    return net


def _details(graph: nx.MultiDiGraph) -> dict[str, Any]:
    fields = (
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
    )
    nodes = {
        node: {**{k: attrs.get(k) for k in fields}, "sources": attrs.get("sources") or []}
        for node, attrs in graph.nodes(data=True)
    }
    edges = {
        key: {"from": s, "to": t, **{k: v for k, v in attrs.items()}}
        for s, t, key, attrs in graph.edges(keys=True, data=True)
    }
    return {"nodes": nodes, "edges": edges}


def date_steps(graph: nx.MultiDiGraph) -> list[str]:
    """The dates a reader can step through: every date the documents give (publication and
    the dates of the facts on the map) and every year from the first to the last."""
    dates: set[str] = {
        d["date"] for d in (graph.graph.get("documents") or {}).values() if d.get("date")
    }
    for _, attrs in graph.nodes(data=True):
        dates.update(attrs[k] for k in ("valid_from", "valid_to") if attrs.get(k))
    for *_, attrs in graph.edges(data=True):
        dates.update(attrs[k] for k in ("valid_from", "valid_to") if attrs.get(k))
    if graph.graph.get("as_of"):
        dates.add(graph.graph["as_of"])
    years = sorted({int(d[:4]) for d in dates if d[:4].isdigit()})
    if years:
        dates.update(str(y) for y in range(years[0], years[-1] + 1))
    return sorted(dates)


def _legend(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    kinds_present = {a.get("kind") for _, a in graph.nodes(data=True) if a.get("kind")}
    types = {a["type"] for *_, a in graph.edges(data=True)}
    statuses = {a["status"] for *_, a in graph.edges(data=True) if a.get("status")}
    shapes = load_schema().kinds
    return {
        "kinds": [
            {k: row[k] for k in ("id", "label", "description", "colour")}
            | {"shape": shapes[row["id"]].shape}
            for row in kind_legend(kinds_present)
        ],
        "relationships": [
            {k: row[k] for k in ("id", "label", "description")} | {"colour": rel_colour(row["id"])}
            for row in relationship_legend(types)
        ],
        "statuses": [
            {k: row[k] for k in ("id", "label", "description", "style")}
            | {"dashes": STATUS_DASHES[row["id"]][0] if row["id"] in STATUS_DASHES else None}
            for row in status_legend(statuses)
        ],
        "lifecycle": sorted({a["status"] for _, a in graph.nodes(data=True) if a.get("status")}),
    }


def page_payload(
    graph: nx.MultiDiGraph,
    *,
    api_base: str | None = "",
    served: bool = False,
    download_links: dict[str, str] | None = None,
    embedded_downloads: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Everything the map script draws: nodes and edges laid out, options, legend, details
    with citations, the documents cited, the dates to step through and the page's state."""
    net = _vis_network(graph)
    nodes, edges, *_ = net.get_network_data()
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
    meta["size_by"] = graph.graph.get("size_by") or "degree"
    meta["size_text"] = SIZE_MEASURES.get(meta["size_by"], "")
    return {
        "meta": {
            **meta,
            "description": graph.graph.get("description", ""),
            "api_base": api_base,
            "served": served,
            "download_links": download_links,
            "min_label_px": MIN_LABEL_PX,
            "min_scale": MIN_SCALE,
        },
        "nodes": nodes,
        "edges": edges,
        "options": vis_options(len(nodes), len(edges)),
        "details": _details(graph),
        "documents": graph.graph.get("documents") or {},
        "legend": _legend(graph),
        "dates": date_steps(graph),
        "downloads": embedded_downloads or {},
    }


def render_page(
    graph: nx.MultiDiGraph,
    *,
    api_base: str | None = "",
    download_links: dict[str, str] | None = None,
    embedded_downloads: dict[str, str] | None = None,
    choices: dict[str, Any] | None = None,
    open_at: str | None = None,
) -> str:
    """The map page as HTML text.

    `api_base` prefixes the server's links (None: an exported file, shown without links);
    `download_links` maps json/graphml/gexf to URLs (a served page), `embedded_downloads`
    to the data itself (an exported file, downloaded without any request). `choices`
    (regions and entities to pick from) makes a served page that redraws through the server;
    without it the page filters by date by itself, opening at `open_at` (None: every date).
    """
    served = choices is not None and api_base is not None
    payload = page_payload(
        graph,
        api_base=api_base,
        served=served,
        download_links=download_links,
        embedded_downloads=embedded_downloads,
    )
    if not served:
        payload["meta"]["open_at"] = open_at or graph.graph.get("as_of")
    assets = page_assets()
    return _env.get_template("map.html.j2").render(
        meta=payload["meta"],
        served=served,
        choices=choices or {},
        views=list(VIEWS.values()),
        node_count=len(payload["nodes"]),
        edge_count=len(payload["edges"]),
        download_links=download_links,
        embedded=sorted(embedded_downloads or {}),
        payload=_json_for_script(payload),
        vis_js=_inline_script(assets["vis_js"]),
        vis_css=Markup(assets["vis_css"]),
        map_js=_inline_script(assets["map_js"]),
        map_css=Markup(assets["map_css"]),
        vis_version=VIS_VERSION,
    )


def render_index(root: str = "", choices: dict[str, Any] | None = None) -> str:
    """The page listing the map views, with pickers to open one for a region, entity and date."""
    return _env.get_template("index.html.j2").render(
        views=list(VIEWS.values()), formats=list(DATA_FORMATS), root=root, choices=choices or {}
    )
