"""How a map looks: kind colours and shapes (from graphmodel/schema.yaml), relationship
colours, dashes for statuses that are not plain membership, node labels and legend icons."""

from __future__ import annotations

import re
import textwrap
from typing import Any

from markupsafe import Markup, escape

from graphmodel.schema import load_schema

__all__ = [
    "REL_COLOURS",
    "STATUS_DASHES",
    "rel_colour",
    "node_label",
    "edge_label",
    "label_colour",
    "kind_legend",
    "relationship_legend",
    "status_legend",
]

REL_COLOURS = {
    "LEADS": "#d35400",
    "PARTICIPATES_IN": "#2874a6",
    "CHAIRS": "#8e44ad",
    "MEMBER_OF": "#839192",
    "GOVERNS": "#c0392b",
    "REPORTS_TO": "#1e8449",
    "PART_OF": "#a6acaf",
    "COVERS": "#8e6e53",
    "OVERSEES": "#6c3483",
    "IN_REGION": "#c8ced3",
    "HOLDS_OFFICE": "#b7950b",
    "PROVIDES": "#17a589",
    "COMMISSIONS": "#ca6f1e",
    "FUNDS": "#229954",
    "EVALUATES": "#5d6d7e",
    "FOUNDED": "#a04000",
    "BASED_AT": "#b9a66b",
    "SUCCEEDED_BY": "#34495e",
}
_FALLBACK_COLOUR = "#7f8c8d"

# Relationship statuses drawn broken, and how: (dash pattern, what it means in the legend).
STATUS_DASHES: dict[str, tuple[list[int], str]] = {
    "proposed": ([9, 6], "dashed"),
    "to_be_confirmed": ([9, 6], "dashed"),
    "withdrawn": ([2, 5], "dotted"),
    "former": ([2, 5], "dotted"),
    "not_participating": ([12, 4, 2, 4], "dash-dot"),
    "declined": ([12, 4, 2, 4], "dash-dot"),
}
_DASH_TEXT = {"dashed": "9 6", "dotted": "2 5", "dash-dot": "12 4 2 4"}

_SHORT_NAME = re.compile(r"^[A-Z][A-Za-z0-9&/()\-. ]{1,21}$")
_LONG_NAME = 26


def rel_colour(rtype: str) -> str:
    """The colour of a relationship type."""
    return REL_COLOURS.get(rtype, _FALLBACK_COLOUR)


def node_label(name: str, aliases: list[str]) -> str:
    """A short label: the name wrapped on up to three lines, or, for a long name, the first
    short alias that reads as a name ('EMSOU', 'Lincolnshire PCC')."""
    if len(name) > _LONG_NAME:
        short = [a for a in aliases if _SHORT_NAME.match(a) and sum(c.isupper() for c in a) >= 2]
        if short:
            return "\n".join(textwrap.wrap(short[0], 18))
    lines = textwrap.wrap(name, 18)
    if len(lines) > 3:
        lines = lines[:3]
        lines[2] = lines[2][:16] + "…"
    return "\n".join(lines)


def label_colour(background: str) -> str:
    """White or near-black, whichever reads better on `background` (#rrggbb)."""
    r, g, b = (int(background.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#ffffff" if luminance < 0.5 else "#1d2327"


def edge_label(attrs: dict[str, Any]) -> str:
    """The words drawn on an edge: its role, a status other than member, a shared chair, a title."""
    if attrs.get("role"):
        return str(attrs["role"]).replace("_", " ")
    if attrs.get("status") and attrs["status"] != "member":
        return str(attrs["status"]).replace("_", " ")
    if attrs.get("arrangement") and attrs["arrangement"] != "sole":
        return f"{attrs['arrangement']}-chair"
    return str(attrs.get("title") or "")


def _shape_svg(shape: str, colour: str) -> Markup:
    c = escape(colour)
    paths = {
        "dot": f'<circle cx="9" cy="9" r="6" fill="{c}"/>',
        "ellipse": f'<ellipse cx="9" cy="9" rx="8" ry="5" fill="{c}"/>',
        "box": f'<rect x="1" y="4" width="16" height="10" rx="2" fill="{c}"/>',
        "square": f'<rect x="3" y="3" width="12" height="12" fill="{c}"/>',
        "diamond": f'<polygon points="9,1 17,9 9,17 1,9" fill="{c}"/>',
        "triangle": f'<polygon points="9,2 17,16 1,16" fill="{c}"/>',
        "triangleDown": f'<polygon points="1,2 17,2 9,16" fill="{c}"/>',
        "hexagon": f'<polygon points="5,2 13,2 17,9 13,16 5,16 1,9" fill="{c}"/>',
        "star": f'<polygon points="9,1 11,7 17,7 12,11 14,17 9,13 4,17 6,11 1,7 7,7" fill="{c}"/>',
        "database": f'<rect x="3" y="3" width="12" height="12" rx="1" fill="{c}"/>'
        f'<ellipse cx="9" cy="4" rx="6" ry="2" fill="#fff" opacity=".5"/>',
    }
    inner = paths.get(shape, paths["dot"])
    return Markup(
        f'<svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">{inner}</svg>'
    )


def _line_svg(colour: str, dashes: str | None, arrow: bool = True) -> Markup:
    c = escape(colour)
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    head = f'<polygon points="30,5 24,1 24,9" fill="{c}"/>' if arrow else ""
    return Markup(
        f'<svg width="32" height="10" viewBox="0 0 32 10" aria-hidden="true">'
        f'<line x1="1" y1="5" x2="25" y2="5" stroke="{c}" stroke-width="2"{dash}/>{head}</svg>'
    )


def kind_legend(kinds_present: set[str]) -> list[dict[str, Any]]:
    """Legend rows for the node kinds on the map, in schema order: id, label, description, icon."""
    return [
        {
            "id": kind.id,
            "label": kind.id.replace("_", " "),
            "description": kind.description,
            "colour": kind.colour,
            "icon": _shape_svg(kind.shape, kind.colour),
        }
        for kind in load_schema().kinds.values()
        if kind.id in kinds_present
    ]


def relationship_legend(types_present: set[str]) -> list[dict[str, Any]]:
    """Legend rows for the relationship types on the map, in schema order."""
    rels = load_schema().relationships
    ordered = [t for t in rels if t in types_present] + sorted(types_present - rels.keys())
    return [
        {
            "id": rtype,
            "label": rtype.replace("_", " ").lower(),
            "description": rels[rtype].description if rtype in rels else "",
            "icon": _line_svg(rel_colour(rtype), None),
        }
        for rtype in ordered
    ]


def status_legend(statuses_present: set[str]) -> list[dict[str, Any]]:
    """Legend rows for the relationship statuses on the map: how each is drawn."""
    schema = load_schema()
    ordered = [s for s in schema.statuses if s in statuses_present] + sorted(
        statuses_present - schema.statuses.keys()
    )
    rows = []
    for status in ordered:
        dashes = STATUS_DASHES.get(status)
        rows.append(
            {
                "id": status,
                "label": status.replace("_", " "),
                "description": schema.statuses.get(status, ""),
                "style": dashes[1] if dashes else "solid",
                "icon": _line_svg("#555", _DASH_TEXT[dashes[1]] if dashes else None, arrow=False),
            }
        )
    return rows
