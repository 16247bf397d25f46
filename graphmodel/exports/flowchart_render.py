"""Drawing a Flowchart: Graphviz (dot, svg, png, pdf), Mermaid and draw.io.

Every renderer takes a ``Flowchart`` and returns bytes; none talks to the engine. The
Graphviz formats need Debian's ``dot`` (package ``graphviz``); without it they raise
``GraphvizMissingError`` saying how to install it. Mermaid and draw.io need nothing.

Text from the graph is data, never syntax: every name, title and citation is put on one
line (``graphmodel.neutralise.one_line``) and then escaped for the format it lands in
(HTML-like labels for Graphviz, Mermaid's own ``#NN;`` entity codes, XML and HTML for
draw.io); ids that are not slugs are encoded. See docs/security.md.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
import textwrap
import xml.etree.ElementTree as ET
from collections import defaultdict

import graphviz

from graphmodel.errors import DependencyMissingError
from graphmodel.exports.flowchart import BoardPerson, ChartNode, Flowchart
from graphmodel.neutralise import one_line
from graphmodel.schema import load_schema

__all__ = [
    "GraphvizMissingError",
    "FLOWCHART_FORMATS",
    "render_flowchart",
    "to_graphviz",
    "leaf_groups",
    "to_mermaid",
    "to_drawio",
]

FLOWCHART_FORMATS = ("svg", "png", "pdf", "dot", "mermaid", "drawio")
INSTALL_GRAPHVIZ = "apt-get install graphviz"

# edge type -> (graphviz style, colour, words in the legend)
_EDGE_STYLE = {
    "GOVERNS": ("solid", "#222222", "governs (solid arrow, downwards)"),
    "REPORTS_TO": ("dashed", "#1f4e9c", "reports to: flow of information (dashed, upwards)"),
    "PART_OF": ("dotted", "#666666", "is part of (dotted, upwards)"),
}
_ARRANGEMENT = {"sole": "Chair", "co": "Co-chairs", "rotating": "Chair rotates between"}
_WRAP = 30
_PEOPLE_WRAP = 44


class GraphvizMissingError(DependencyMissingError):
    """The Graphviz `dot` program is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "the Graphviz 'dot' program is not installed, so svg, png and pdf cannot be drawn; "
            f"install it with: {INSTALL_GRAPHVIZ} (dot, mermaid and drawio work without it)"
        )


def _tint(colour: str, amount: float = 0.82) -> str:
    """A pale version of a #rrggbb colour, for box fills."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{int(c + (255 - c) * amount):02x}" for c in rgb)


def _colour(kind: str) -> str:
    kinds = load_schema().kinds
    return kinds[kind].colour if kind in kinds else "#7f8c8d"


def _people_lines(chart: Flowchart, board: str) -> list[str]:
    """The chair and member lines of a board's box, wrapped."""
    lines: list[str] = []
    chairs = chart.chairs(board)
    by_arrangement: dict[str, list[str]] = defaultdict(list)
    for chair in chairs:
        by_arrangement[chair.arrangement or "sole"].append(chair.label)
    for arrangement, names in by_arrangement.items():
        head = _ARRANGEMENT.get(arrangement, "Chair")
        if arrangement == "sole" and len(names) > 1:
            head = "Chairs"
        lines += textwrap.wrap(f"{head}: " + ", ".join(names), _PEOPLE_WRAP)
    members = chart.members(board)
    if members:
        text = f"Members ({len(members)}): " + ", ".join(m.label for m in members)
        lines += textwrap.wrap(text, _PEOPLE_WRAP)
    return lines


def _sources_lines(chart: Flowchart) -> list[str]:
    return [
        f"{d['id']}: {d['title']}"
        + (f", {d['body']}" if d.get("body") else "")
        + f" ({d['date'] or 'undated'})"
        for d in chart.documents
    ]


def _kind_label(kind: str) -> str:
    return kind.replace("_", " ")


def _on_one_line(chart: Flowchart) -> Flowchart:
    """A copy of `chart` whose names, labels and document fields hold no control characters."""

    def node(n: ChartNode) -> ChartNode:
        return dataclasses.replace(n, name=one_line(n.name))

    def person(p: BoardPerson) -> BoardPerson:
        return dataclasses.replace(p, label=one_line(p.label))

    return dataclasses.replace(
        chart,
        root_name=one_line(chart.root_name),
        nodes=[node(n) for n in chart.nodes],
        people={b: [person(p) for p in ps] for b, ps in chart.people.items()},
        documents=[
            {k: one_line(v) if isinstance(v, str) else v for k, v in d.items()}
            for d in chart.documents
        ],
    )


_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")


def _safe_id(node_id: str) -> str:
    """`node_id` as an identifier of letters, digits, `-` and `_` (slugs are unchanged);
    anything else is hex-encoded."""
    if _SLUG.fullmatch(node_id):
        return node_id
    return "x_" + node_id.encode("utf-8").hex()


# -- Graphviz ------------------------------------------------------------------
def _node_html(chart: Flowchart, node: ChartNode) -> str:
    name = "<BR/>".join(html.escape(line) for line in textwrap.wrap(node.name, _WRAP))
    rows = [
        f"<TR><TD><B>{name}</B></TD></TR>",
        '<TR><TD><FONT POINT-SIZE="9" COLOR="#555555">'
        f"<I>{_kind_label(node.kind)}</I></FONT></TD></TR>",
    ]
    people = _people_lines(chart, node.id) if node.kind == "board" else []
    if people:
        text = "<BR ALIGN='LEFT'/>".join(html.escape(line) for line in people)
        rows.append(
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9">{text}<BR ALIGN="LEFT"/></FONT></TD></TR>'
        )
    return (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
        + "".join(rows)
        + "</TABLE>>"
    )


def _legend_html(chart: Flowchart) -> str:
    kinds = sorted({n.kind for n in chart.nodes})
    swatches = "".join(
        f'<TD BGCOLOR="{_tint(_colour(k))}" BORDER="1" COLOR="{_colour(k)}">{_kind_label(k)}</TD>'
        for k in kinds
    )
    rows = [
        '<TR><TD ALIGN="LEFT"><B>Legend</B></TD></TR>',
        '<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="3">'
        f"<TR>{swatches}</TR></TABLE></TD></TR>",
    ]
    for etype, (_, colour, words) in _EDGE_STYLE.items():
        if any(e.type == etype for e in chart.edges):
            rows.append(
                f'<TR><TD ALIGN="LEFT"><FONT COLOR="{colour}">{html.escape(words)}</FONT></TD></TR>'
            )
    rows.append('<TR><TD ALIGN="LEFT"><B>Sources</B></TD></TR>')
    for line in _sources_lines(chart) or ["(no cited facts in scope)"]:
        rows.append(
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10">{html.escape(line)}</FONT></TD></TR>'
        )
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2">' + "".join(rows) + "</TABLE>>"


_GROUP_HEADING = {"GOVERNS": "governs", "REPORTS_TO": "report to it", "PART_OF": "parts"}
_GROUP_MIN = 3


def leaf_groups(chart: Flowchart) -> dict[str, tuple[str, str, list[ChartNode]]]:
    """Leaves stacked into one box per parent and edge type, so ranks stay narrow at A4.

    A leaf has one edge, nothing below it and is not a board; three or more leaves under
    the same parent by the same edge type make a group. Returns {group id: (upper id, edge
    type, leaves)}.
    """
    degree: dict[str, int] = defaultdict(int)
    for edge in chart.edges:
        degree[edge.upper] += 1
        degree[edge.lower] += 1
    has_lower = {e.upper for e in chart.edges}
    buckets: dict[tuple[str, str], list[ChartNode]] = defaultdict(list)
    for edge in chart.edges:
        node = chart.node(edge.lower)
        if (
            degree[node.id] == 1
            and node.id not in has_lower
            and node.kind != "board"
            and not node.is_root
        ):
            buckets[(edge.upper, edge.type)].append(node)
    return {
        f"group__{upper}__{etype.lower()}": (upper, etype, sorted(nodes, key=lambda n: n.name))
        for (upper, etype), nodes in buckets.items()
        if len(nodes) >= _GROUP_MIN
    }


def _group_html(etype: str, nodes: list[ChartNode]) -> str:
    rows = [
        f'<TR><TD BORDER="0"><FONT POINT-SIZE="9" COLOR="#555555"><I>{_GROUP_HEADING[etype]} '
        f"({len(nodes)})</I></FONT></TD></TR>"
    ]
    for node in nodes:
        name = "<BR/>".join(html.escape(line) for line in textwrap.wrap(node.name, _WRAP))
        colour = _colour(node.kind)
        rows.append(
            f'<TR><TD BGCOLOR="{_tint(colour)}" COLOR="{colour}">{name}<BR/>'
            f'<FONT POINT-SIZE="8" COLOR="#555555"><I>{_kind_label(node.kind)}</I></FONT></TD></TR>'
        )
    return (
        '<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="2" CELLPADDING="3">'
        + "".join(rows)
        + "</TABLE>>"
    )


def to_graphviz(chart: Flowchart) -> graphviz.Digraph:
    """The chart as a Graphviz digraph: ranked top-down by level, with title and legend."""
    chart = _on_one_line(chart)
    title = html.escape(chart.title)
    dot = graphviz.Digraph(
        "governance",
        graph_attr={
            "rankdir": "TB",
            "labelloc": "t",
            "fontname": "Helvetica",
            "fontsize": "18",
            "label": f"<<B>{title}</B>>",
            "nodesep": "0.25",
            "ranksep": "0.5",
            "newrank": "true",
            "pad": "0.3",
            "size": "10.8,7.6",
            "ratio": "compress",
        },
        node_attr={
            "fontname": "Helvetica",
            "fontsize": "11",
            "shape": "box",
            "margin": "0.08,0.04",
        },
        edge_attr={"fontname": "Helvetica", "fontsize": "9", "arrowsize": "0.7"},
    )
    groups = leaf_groups(chart)
    grouped = {n.id: gid for gid, (_, _, nodes) in groups.items() for n in nodes}
    by_level: dict[int, list[str]] = defaultdict(list)
    for node in chart.nodes:
        if node.id in grouped:
            continue
        by_level[node.level].append(node.id)
        colour = _colour(node.kind)
        style = "filled" if node.kind == "board" else "rounded,filled"
        dot.node(
            _safe_id(node.id),
            _node_html(chart, node),
            style=style,
            fillcolor=_tint(colour),
            color=colour,
            penwidth="3" if node.is_root else ("1.6" if node.kind == "board" else "1"),
        )
    for gid, (_, etype, nodes) in groups.items():
        by_level[nodes[0].level].append(gid)
        dot.node(_safe_id(gid), _group_html(etype, nodes), shape="plain")
    for level, ids in sorted(by_level.items()):
        with dot.subgraph(name=f"rank_{level}") as rank:
            rank.attr(rank="same")
            for node_id in ids:
                rank.node(_safe_id(node_id))
    for edge in chart.edges:
        if edge.lower not in grouped:
            _gv_edge(dot, edge.type, edge.upper, edge.lower)
    for gid, (upper, etype, _) in groups.items():
        _gv_edge(dot, etype, upper, gid)
    dot.node("legend", _legend_html(chart), shape="plain")
    with dot.subgraph(name="rank_legend") as rank:
        rank.attr(rank="sink")
        rank.node("legend")
    if by_level:
        dot.edge(_safe_id(by_level[max(by_level)][0]), "legend", style="invis")
    return dot


def _gv_edge(dot: graphviz.Digraph, etype: str, upper: str, lower: str) -> None:
    style, colour, _ = _EDGE_STYLE[etype]
    upper, lower = _safe_id(upper), _safe_id(lower)
    if etype == "GOVERNS":
        dot.edge(upper, lower, style=style, color=colour)
    else:  # drawn from the upper box so ranks run top-down, arrow pointing up
        arrow = "empty" if etype == "PART_OF" else "normal"
        dot.edge(upper, lower, style=style, color=colour, dir="back", arrowtail=arrow)


# -- Mermaid -------------------------------------------------------------------
def _mermaid_id(node_id: str) -> str:
    return "n_" + _safe_id(node_id).replace("-", "_")


# Characters that are syntax inside a quoted Mermaid label, written as Mermaid's own entity
# codes (`#35;`), which it turns into HTML character references when it draws the label:
# `#` (entity codes), `&`, `<`, `>` (HTML), `"` (ends the label), `%` (directives),
# backtick (Markdown strings). HTML's own `&#x27;` is not decoded by Mermaid.
_MERMAID_CODES = {c: f"#{ord(c)};" for c in '#&<>"%`'}


# Mermaid drops the last `;` of a line where `style` or `classDef` is followed by `:` and
# `#` (it takes the line for a style statement): one letter of those words is a code too.
_MERMAID_WORDS = {"style": "styl#101;", "classDef": "classDe#102;"}


def _mermaid_text(text: str) -> str:
    coded = "".join(_MERMAID_CODES.get(c, c) for c in one_line(text))
    for word, code in _MERMAID_WORDS.items():
        coded = coded.replace(word, code)
    return coded


# Mermaid shows its title as plain text after HTML-sanitising it, so `&`, `<` and `>` would
# show as `&amp;`, `&lt;`, `&gt;`: the title uses their full-width forms, which read the same.
_MERMAID_TITLE = str.maketrans({"&": "\uff06", "<": "\uff1c", ">": "\uff1e"})


def _mermaid_title(text: str) -> str:
    """The front matter's title line: a JSON string, which YAML reads as a quoted scalar."""
    return "title: " + json.dumps(one_line(text).translate(_MERMAID_TITLE), ensure_ascii=False)


def _mermaid_comment(text: str) -> str:
    """A comment line: on one line, with no `%%{` that Mermaid would read as a directive."""
    return "%% " + one_line(text).replace("%%", "% %")


def to_mermaid(chart: Flowchart) -> str:
    """The chart as a Mermaid flowchart (top-down), ready to paste into Markdown."""
    chart = _on_one_line(chart)
    lines = ["---", _mermaid_title(chart.title), "---", "flowchart TD"]
    for node in chart.nodes:
        parts = [f"<b>{_mermaid_text(node.name)}</b>", f"<i>{_kind_label(node.kind)}</i>"]
        if node.kind == "board":
            parts += [_mermaid_text(line) for line in _people_lines(chart, node.id)]
        lines.append(f'    {_mermaid_id(node.id)}["{"<br/>".join(parts)}"]')
    for edge in chart.edges:
        upper, lower = _mermaid_id(edge.upper), _mermaid_id(edge.lower)
        if edge.type == "GOVERNS":
            lines.append(f"    {upper} -->|governs| {lower}")
        elif edge.type == "REPORTS_TO":
            lines.append(f'    {upper} -.-|"reported to by"| {lower}')
        else:
            lines.append(f'    {upper} ---|"has part"| {lower}')
    for kind in sorted({n.kind for n in chart.nodes}):
        colour = _colour(kind)
        lines.append(f"    classDef {kind} fill:{_tint(colour)},stroke:{colour},color:#111111")
        members = ",".join(_mermaid_id(n.id) for n in chart.nodes if n.kind == kind)
        lines.append(f"    class {members} {kind}")
    roots = [n for n in chart.nodes if n.is_root]
    if roots:
        lines.append("    classDef root stroke-width:3px")
        lines.append("    class " + ",".join(_mermaid_id(n.id) for n in roots) + " root")
    lines.append(
        _mermaid_comment(
            "Legend: solid arrow = governs; dotted line = reports to (upwards); plain line = part of"
        )
    )
    lines += [_mermaid_comment(f"Source: {line}") for line in _sources_lines(chart)]
    return "\n".join(lines) + "\n"


# -- draw.io -------------------------------------------------------------------
_BOX_W, _GAP_X, _GAP_Y, _LINE_H = 220, 30, 70, 15


def _box_height(lines: int) -> int:
    return 24 + _LINE_H * lines


def to_drawio(chart: Flowchart) -> str:
    """The chart as a draw.io (diagrams.net) file: editable boxes and connectors, by level."""
    chart = _on_one_line(chart)
    mxfile = ET.Element("mxfile", host="collabgraph", type="device")
    diagram = ET.SubElement(mxfile, "diagram", id="governance", name="Governance")
    model = ET.SubElement(
        diagram,
        "mxGraphModel",
        grid="1",
        gridSize="10",
        page="1",
        pageScale="1",
        pageWidth="1169",
        pageHeight="827",
        math="0",
        shadow="0",
    )
    root = ET.SubElement(model, "root")
    ET.SubElement(root, "mxCell", id="0")
    ET.SubElement(root, "mxCell", attrib={"id": "1", "parent": "0"})

    def cell(cid: str, value: str, style: str, x: float, y: float, w: float, h: float) -> None:
        element = ET.SubElement(
            root,
            "mxCell",
            attrib={"id": cid, "value": value, "style": style, "vertex": "1", "parent": "1"},
        )
        ET.SubElement(
            element,
            "mxGeometry",
            x=str(int(x)),
            y=str(int(y)),
            width=str(int(w)),
            height=str(int(h)),
            attrib={"as": "geometry"},
        )

    by_level: dict[int, list[ChartNode]] = defaultdict(list)
    for node in chart.nodes:
        by_level[node.level].append(node)
    widest = max((len(v) for v in by_level.values()), default=1)
    page_w = max(widest * (_BOX_W + _GAP_X), 900)
    cell(
        "title",
        html.escape(chart.title),
        "text;html=1;fontSize=18;fontStyle=1;align=center;",
        0,
        0,
        page_w,
        40,
    )
    y = 70.0
    for level in sorted(by_level):
        nodes = by_level[level]
        texts = {n.id: _drawio_label(chart, n) for n in nodes}
        height = max(_box_height(lines) for _, lines in texts.values())
        x = (page_w - len(nodes) * (_BOX_W + _GAP_X) + _GAP_X) / 2
        for node in nodes:
            colour = _colour(node.kind)
            style = (
                f"rounded={0 if node.kind == 'board' else 1};whiteSpace=wrap;html=1;"
                f"fillColor={_tint(colour)};strokeColor={colour};"
                f"strokeWidth={3 if node.is_root else 1};verticalAlign=top;"
            )
            cell(f"node-{_safe_id(node.id)}", texts[node.id][0], style, x, y, _BOX_W, height)
            x += _BOX_W + _GAP_X
        y += height + _GAP_Y
    for index, edge in enumerate(chart.edges):
        style_name, colour, _ = _EDGE_STYLE[edge.type]
        style = (
            f"edgeStyle=orthogonalEdgeStyle;html=1;strokeColor={colour};"
            f"dashed={0 if style_name == 'solid' else 1};"
            + ("dashPattern=1 3;" if style_name == "dotted" else "")
            + ("endArrow=block;" if edge.type == "GOVERNS" else "endArrow=none;startArrow=block;")
        )
        element = ET.SubElement(
            root,
            "mxCell",
            attrib={
                "id": f"edge-{index}",
                "value": edge.type.replace("_", " ").lower(),
                "style": style,
                "edge": "1",
                "parent": "1",
                "source": f"node-{_safe_id(edge.upper)}",
                "target": f"node-{_safe_id(edge.lower)}",
            },
        )
        ET.SubElement(element, "mxGeometry", relative="1", attrib={"as": "geometry"})
    legend = ["<b>Legend</b>"] + [html.escape(words) for _, _, words in _EDGE_STYLE.values()]
    legend += ["<b>Sources</b>"] + [html.escape(line) for line in _sources_lines(chart)]
    cell(
        "legend",
        "<br>".join(legend),
        "text;html=1;align=left;verticalAlign=top;fontSize=11;whiteSpace=wrap;",
        0,
        y,
        page_w,
        20 + 16 * len(legend),
    )
    ET.indent(mxfile)
    return ET.tostring(mxfile, encoding="unicode", xml_declaration=False) + "\n"


def _drawio_label(chart: Flowchart, node: ChartNode) -> tuple[str, int]:
    """The HTML label of a draw.io box and how many lines it has."""
    name_lines = textwrap.wrap(node.name, _WRAP)
    people = _people_lines(chart, node.id) if node.kind == "board" else []
    parts = [f"<b>{html.escape(line)}</b>" for line in name_lines] + [
        f"<i>{_kind_label(node.kind)}</i>"
    ]
    parts += [f'<font style="font-size:10px">{html.escape(line)}</font>' for line in people]
    return "<br>".join(parts), len(parts)


# -- dispatch ------------------------------------------------------------------
def render_flowchart(chart: Flowchart, fmt: str) -> bytes:
    """The chart rendered as `fmt` (svg, png, pdf, dot, mermaid or drawio)."""
    if fmt == "mermaid":
        return to_mermaid(chart).encode()
    if fmt == "drawio":
        return to_drawio(chart).encode()
    dot = to_graphviz(chart)
    if fmt == "dot":
        return dot.source.encode()
    if fmt == "png":
        dot.graph_attr["dpi"] = "150"
    try:
        return dot.pipe(format=fmt)
    except graphviz.ExecutableNotFound as exc:
        raise GraphvizMissingError() from exc
