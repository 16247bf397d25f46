"""The top-down layout of governance maps, computed here so that it is compact and the same
every time: each connected structure is drawn as its own chart (chairs and members above
their board, a board above what it governs and what reports to it), wide levels wrap onto
staggered rows, and the charts are packed into rows of a page-like shape."""

from __future__ import annotations

import math

import networkx as nx

__all__ = ["levels", "top_down_positions", "NODE_SPACING", "LEVEL_SPACING"]

NODE_SPACING = 175  # px between neighbours on a row: room for a label of ~18 characters
ROW_SPACING = 75  # px between the wrapped rows of one level
LEVEL_SPACING = 150  # px between levels
CHART_GAP = 140  # px between charts
_ASPECT = 1.45  # width / height of the map's part of a screen, which the packing aims to fill

# Edges oriented from the higher body to the lower one: True means the relationship points up.
_UPWARD = {"CHAIRS": False, "MEMBER_OF": False, "GOVERNS": False, "REPORTS_TO": True}


def _downward(graph: nx.MultiDiGraph) -> nx.DiGraph:
    down: nx.DiGraph = nx.DiGraph()
    down.add_nodes_from(sorted(graph))
    for source, target, rtype in sorted(
        graph.edges(data="type"), key=lambda e: (e[0], e[1], e[2] or "")
    ):
        if rtype in _UPWARD:
            down.add_edge(*((target, source) if _UPWARD[rtype] else (source, target)))
    return down


def levels(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Each node's level from the top: the longest chain of bodies above it."""
    down = _downward(graph)
    condensed = nx.condensation(down)  # two bodies reporting to each other share a level
    level: dict[int, int] = {}
    for component in nx.lexicographical_topological_sort(condensed):
        level[component] = max((level[p] + 1 for p in condensed.predecessors(component)), default=0)
    mapping = condensed.graph["mapping"]
    return {node: level[mapping[node]] for node in graph}


def _chart(
    down: nx.DiGraph, nodes: set[str], level: dict[str, int]
) -> dict[str, tuple[float, float]]:
    """Positions of one connected chart, its top-left corner at (0, 0)."""
    by_level: dict[int, list[str]] = {}
    for node in sorted(nodes):
        by_level.setdefault(level[node], []).append(node)
    width = max(6, math.ceil(math.sqrt(len(nodes)) * 1.6))  # nodes per row before wrapping
    span = min(width, max(len(row) for row in by_level.values()))
    order: dict[str, float] = {}
    pos: dict[str, tuple[float, float]] = {}
    y = 0.0
    for lvl in sorted(by_level):
        row = by_level[lvl]
        if lvl == min(by_level):
            # Roots: ordered by the first thing below them, so members of a board sit together.
            row.sort(key=lambda n: (min(down.successors(n), default=n), n))
        else:
            # Below: under the average position of what is above them (barycentre).
            row.sort(
                key=lambda n: (
                    _mean([order[p] for p in down.predecessors(n) if p in order], 0.0),
                    n,
                )
            )
        lines = math.ceil(len(row) / width)
        per_line = math.ceil(len(row) / lines)
        for i, node in enumerate(row):
            line, col = divmod(i, per_line)
            stagger = (line % 2) * NODE_SPACING / 2
            x = col * NODE_SPACING + stagger + (span - per_line) * NODE_SPACING / 2
            pos[node] = (x, y + line * ROW_SPACING)
            order[node] = x
        y += (lines - 1) * ROW_SPACING + LEVEL_SPACING
    return pos


def _mean(values: list[float], default: float) -> float:
    return sum(values) / len(values) if values else default


def top_down_positions(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """(x, y) for every node: charts drawn top-down, packed left to right in rows."""
    if not graph.number_of_nodes():
        return {}
    down = _downward(graph)
    level = levels(graph)
    charts = sorted(
        (_chart(down, set(component), level) for component in nx.weakly_connected_components(down)),
        key=lambda c: (-len(c), min(c)),
    )
    sizes = [
        (
            max(x for x, _ in c.values()) + NODE_SPACING,
            max(y for _, y in c.values()) + LEVEL_SPACING,
        )
        for c in charts
    ]
    best: dict[str, tuple[float, float]] = {}
    best_extent = math.inf
    for shelf in _shelf_widths([w for w, _ in sizes]):
        packed, width, height = _pack(charts, sizes, shelf)
        extent = max(width / _ASPECT, height)  # what a screen-shaped view must fit
        if extent < best_extent:
            best, best_extent = packed, extent
    return best


def _shelf_widths(widths: list[float]) -> list[float]:
    """Row widths worth trying: the widest chart, and every run of charts side by side."""
    candidates = {max(widths)}
    total = 0.0
    for w in widths:
        total += w + CHART_GAP
        candidates.add(max(max(widths), total))
    return sorted(candidates)


def _pack(
    charts: list[dict[str, tuple[float, float]]], sizes: list[tuple[float, float]], shelf: float
) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Charts placed left to right in rows no wider than `shelf`; (positions, width, height)."""
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = width = 0.0
    for chart, (w, h) in zip(charts, sizes, strict=True):
        if x > 0 and x + w > shelf:
            x, y, row_height = 0.0, y + row_height + CHART_GAP, 0.0
        for node, (cx, cy) in chart.items():
            positions[node] = (round(x + cx, 1), round(y + cy, 1))
        width = max(width, x + w)
        x += w + CHART_GAP
        row_height = max(row_height, h)
    return positions, width, y + row_height
