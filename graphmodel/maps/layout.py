"""Map layouts, computed here so that they are readable, compact and the same every time.

Every view is drawn as layered charts: each connected structure is its own chart, a node
sits below what is above it in that view (a board below its chair, a collaboration below
the forces taking part, what is led below its leader, the neighbours below the entity),
a level that is too wide wraps onto more rows, and the charts are packed into rows of a
screen-like shape. Nodes are placed by the space their shape and label take (see
graphmodel.maps.drawing), so nothing overlaps.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import networkx as nx

__all__ = ["levels", "layered_positions", "ORIENTATIONS", "Box", "H_GAP", "V_GAP"]

H_GAP = 26.0  # px between neighbours on a row
V_GAP = 34.0  # px between rows
LEVEL_GAP = 70.0  # extra px between levels (where the lines run)
CHART_GAP = 120.0  # px between charts
_ASPECT = 1.45  # width / height of the map's part of a screen, which the packing aims to fill

Box = tuple[float, float, float]  # (width, above the centre, below the centre)
# (source, target, type, centre entity) -> (upper, lower), or None to leave the edge out.
Orientation = Callable[[str, str, str, str | None], tuple[str, str] | None]


def _governance(source: str, target: str, rtype: str, _: str | None) -> tuple[str, str] | None:
    if rtype in ("CHAIRS", "MEMBER_OF", "GOVERNS"):
        return source, target
    if rtype == "REPORTS_TO":  # the body reported to sits above
        return target, source
    return None


def _typed(rtype_down: str) -> Orientation:
    def orient(source: str, target: str, rtype: str, _: str | None) -> tuple[str, str] | None:
        return (source, target) if rtype == rtype_down else None

    return orient


def _around(source: str, target: str, _: str, centre: str | None) -> tuple[str, str] | None:
    if centre == source:
        return source, target
    if centre == target:
        return target, source
    return None


ORIENTATIONS: dict[str, Orientation] = {
    "governance": _governance,
    "leads": _typed("LEADS"),
    "participation": _typed("PARTICIPATES_IN"),
    "neighbourhood": _around,
}


def _downward(graph: nx.MultiDiGraph, orient: Orientation) -> nx.DiGraph:
    centre = graph.graph.get("entity")
    down: nx.DiGraph = nx.DiGraph()
    down.add_nodes_from(sorted(graph))
    for source, target, rtype in sorted(
        graph.edges(data="type"), key=lambda e: (e[0], e[1], e[2] or "")
    ):
        pair = orient(source, target, rtype or "", centre)
        if pair and pair[0] != pair[1]:
            down.add_edge(*pair)
    return down


def levels(graph: nx.MultiDiGraph, orient: Orientation = _governance) -> dict[str, int]:
    """Each node's level from the top: the longest chain of nodes above it."""
    down = _downward(graph, orient)
    condensed = nx.condensation(down)  # nodes above each other both ways share a level
    level: dict[int, int] = {}
    for component in nx.lexicographical_topological_sort(condensed):
        level[component] = max((level[p] + 1 for p in condensed.predecessors(component)), default=0)
    mapping = condensed.graph["mapping"]
    return {node: level[mapping[node]] for node in graph}


def _mean(values: list[float], default: float) -> float:
    return sum(values) / len(values) if values else default


def _chart(
    down: nx.DiGraph,
    nodes: set[str],
    level: dict[str, int],
    boxes: Mapping[str, Box],
    group: Callable[[str], str],
) -> dict[str, tuple[float, float]]:
    """Positions of one connected chart, its top-left corner at (0, 0)."""
    by_level: dict[int, list[str]] = {}
    for node in sorted(nodes):
        by_level.setdefault(level[node], []).append(node)
    area = sum((boxes[n][0] + H_GAP) * (boxes[n][1] + boxes[n][2] + V_GAP) for n in nodes)
    widest = max(boxes[n][0] for n in nodes) + H_GAP
    budget = max(widest, math.sqrt(area * _ASPECT) * 1.1)  # a row's width before wrapping
    order: dict[str, float] = {}
    rows: list[tuple[list[str], bool]] = []  # (nodes, first row of its level)
    for lvl in sorted(by_level):
        row = by_level[lvl]
        if lvl == min(by_level):
            # Roots: ordered by group, then by the first thing below them.
            row.sort(key=lambda n: (group(n), min(down.successors(n), default=n), n))
        else:
            # Below: grouped, then under the average position of what is above (barycentre).
            row.sort(
                key=lambda n: (
                    group(n),
                    _mean([order[p] for p in down.predecessors(n) if p in order], 0.0),
                    n,
                )
            )
        line: list[str] = []
        width = 0.0
        first = True
        for node in row:
            w = boxes[node][0] + H_GAP
            if line and width + w > budget:
                rows.append((line, first))
                line, width, first = [], 0.0, False
            line.append(node)
            width += w
        rows.append((line, first))
        for i, node in enumerate(row):
            order[node] = float(i)
    pos: dict[str, tuple[float, float]] = {}
    y = 0.0
    row_widths = [sum(boxes[n][0] + H_GAP for n in line) for line, _ in rows]
    span = max(row_widths)
    for (line, first), row_width in zip(rows, row_widths, strict=True):
        above = max(boxes[n][1] for n in line)
        below = max(boxes[n][2] for n in line)
        if pos:
            y += (LEVEL_GAP if first else 0.0) + V_GAP
        y += above
        x = (span - row_width) / 2  # centred under the widest row
        for node in line:
            w = boxes[node][0] + H_GAP
            pos[node] = (x + w / 2, y)
            x += w
        y += below
    return pos


def layered_positions(
    graph: nx.MultiDiGraph,
    orient: Orientation,
    boxes: Mapping[str, Box],
    group: Callable[[str], str] = lambda _: "",
) -> dict[str, tuple[float, float]]:
    """(x, y) for every node: layered charts packed left to right in rows, none overlapping.

    `boxes` gives each node's (width, above, below) in px at zoom 1; `group` a key that
    keeps nodes of a row together (a kind, a relationship type)."""
    if not graph.number_of_nodes():
        return {}
    down = _downward(graph, orient)
    level = levels(graph, orient)
    charts = sorted(
        (
            _chart(down, set(component), level, boxes, group)
            for component in nx.weakly_connected_components(down)
        ),
        key=lambda c: (-len(c), min(c)),
    )
    sizes = [_extent(c, boxes) for c in charts]
    best: dict[str, tuple[float, float]] = {}
    best_extent = math.inf
    for shelf in _shelf_widths([w for w, _ in sizes]):
        packed, width, height = _pack(charts, sizes, shelf, boxes)
        extent = max(width / _ASPECT, height)  # what a screen-shaped view must fit
        if extent < best_extent:
            best, best_extent = packed, extent
    return best


def _extent(chart: dict[str, tuple[float, float]], boxes: Mapping[str, Box]) -> tuple[float, float]:
    right = max(x + (boxes[n][0] + H_GAP) / 2 for n, (x, _) in chart.items())
    bottom = max(y + boxes[n][2] for n, (_, y) in chart.items())
    top = min(y - boxes[n][1] for n, (_, y) in chart.items())
    return right, bottom - min(top, 0.0)


def _shelf_widths(widths: list[float]) -> list[float]:
    """Row widths worth trying: the widest chart, and every run of charts side by side."""
    candidates = {max(widths)}
    total = 0.0
    for w in widths:
        total += w + CHART_GAP
        candidates.add(max(max(widths), total))
    return sorted(candidates)


def _pack(
    charts: list[dict[str, tuple[float, float]]],
    sizes: list[tuple[float, float]],
    shelf: float,
    boxes: Mapping[str, Box],
) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Charts placed left to right in rows no wider than `shelf`; (positions, width, height)."""
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = width = 0.0
    for chart, (w, h) in zip(charts, sizes, strict=True):
        if x > 0 and x + w > shelf:
            x, y, row_height = 0.0, y + row_height + CHART_GAP, 0.0
        top = min(cy - boxes[n][1] for n, (_, cy) in chart.items())
        for node, (cx, cy) in chart.items():
            positions[node] = (round(x + cx, 1), round(y + cy - min(top, 0.0), 1))
        width = max(width, x + w)
        x += w + CHART_GAP
        row_height = max(row_height, h)
    return positions, width, y + row_height
