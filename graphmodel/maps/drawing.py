"""How big things are drawn on a map: node size from the measure the legend states, label
sizes, and the box each node takes (shape and label), which the layout keeps apart.

The minimum label size is stated here once: the page never draws a label smaller than
MIN_LABEL_PX on screen (smaller ones are left out until the reader zooms in), and opens at a
zoom where every node's label is at least that size.
"""

from __future__ import annotations

__all__ = [
    "MIN_LABEL_PX",
    "BASE_FONT_PX",
    "EDGE_FONT_PX",
    "MIN_SCALE",
    "node_radius",
    "node_font",
    "node_box",
]

MIN_LABEL_PX = 12  # the smallest label drawn on screen, in CSS pixels
BASE_FONT_PX = 14  # the label of the node with the least of the measure
MAX_FONT_PX = 20  # the label of the node with the most of the measure
EDGE_FONT_PX = 14
# The smallest zoom at which the page opens (a hair above the exact ratio, so that rounding
# never takes a label under the minimum).
MIN_SCALE = (MIN_LABEL_PX + 0.05) / BASE_FONT_PX
MIN_RADIUS = 8.0  # px at zoom 1: a node with none of the measure
MAX_RADIUS = 30.0  # px at zoom 1: the node with the most of the measure

_CHAR_WIDTH = 0.62  # of the font size: a generous average for sans-serif (DejaVu Sans)
_LINE_HEIGHT = 1.2  # of the font size
_LABEL_GAP = 6.0  # px between a shape and its label
_STROKE = 4.0  # px of white outline around a label


def _share(weight: float, top: float) -> float:
    return max(0.0, min(1.0, weight / top)) if top > 0 else 0.0


def node_radius(weight: float, top: float) -> float:
    """The node's size (vis-network `size`, a radius at zoom 1): linear in its measure."""
    return round(MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * _share(weight, top), 2)


def node_font(weight: float, top: float) -> int:
    """The label's font size at zoom 1: a little larger for nodes with more of the measure."""
    return round(BASE_FONT_PX + (MAX_FONT_PX - BASE_FONT_PX) * _share(weight, top))


def node_box(label: str, radius: float, font: int) -> tuple[float, float, float]:
    """(width, above, below): the space a node takes around its centre, label underneath."""
    lines = label.split("\n") if label else []
    text_width = max((len(line) for line in lines), default=0) * font * _CHAR_WIDTH + _STROKE
    text_height = len(lines) * font * _LINE_HEIGHT + (_LABEL_GAP if lines else 0.0)
    return max(2 * radius, text_width), radius, radius + text_height
