"""The governance flowchart of a board, programme, unit or region, as a small graph model.

``build_flowchart(engine, root, as_of)`` walks the governance relationships (GOVERNS,
REPORTS_TO, PART_OF) from the root with named queries and returns a ``Flowchart``: the
boards, programmes and units in scope with their level (0 = top), the edges between
them, who chairs each board (and how) and who sits on it, and the documents cited.
Renderers (``graphmodel.exports.flowchart_render``) take a Flowchart; they never query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphmodel.engine.base import Engine
from graphmodel.errors import InvalidRequestError
from graphmodel.exports.dating import LATEST_SOURCE, as_of_latest_source
from graphmodel.suggest import not_found
from graphmodel.timeline import as_of_params, time_note

__all__ = [
    "ChartNode",
    "ChartEdge",
    "BoardPerson",
    "Flowchart",
    "build_flowchart",
    "short_label",
    "ROOT_KINDS",
    "EDGE_TYPES",
]

ROOT_KINDS = ("board", "programme", "unit", "workstream", "agreement", "region")
EDGE_TYPES = ("GOVERNS", "REPORTS_TO", "PART_OF")
_DEPTH_DOWN = 2  # levels below the root that are drawn
_DEPTH_UP = 2  # levels above the root (what it reports to, what governs it)
_MAX_NODES = 60


@dataclass(frozen=True)
class ChartNode:
    """A box of the chart: an entity, its kind and its level (0 = top rank)."""

    id: str
    name: str
    kind: str
    level: int
    is_root: bool = False


@dataclass(frozen=True)
class ChartEdge:
    """A governance relationship drawn between two boxes, with its citations.

    ``upper`` is drawn above ``lower``: GOVERNS runs board -> governed, REPORTS_TO and
    PART_OF run lower -> upper in the graph and are drawn upwards.
    """

    type: str
    source: str
    target: str
    sources: tuple[tuple[str, str], ...]

    @property
    def upper(self) -> str:
        """The id of the entity drawn above."""
        return self.source if self.type == "GOVERNS" else self.target

    @property
    def lower(self) -> str:
        """The id of the entity drawn below."""
        return self.target if self.type == "GOVERNS" else self.source


@dataclass(frozen=True)
class BoardPerson:
    """Who chairs or sits on a board; `arrangement` is sole, co or rotating for chairs."""

    id: str
    label: str
    kind: str
    role: str  # "chair" or "member"
    arrangement: str | None = None


@dataclass
class Flowchart:
    """Everything a renderer draws: title, scope, as-of date, boxes, edges, people, sources."""

    root_id: str
    root_name: str
    root_kind: str
    as_of: str
    nodes: list[ChartNode]
    edges: list[ChartEdge]
    people: dict[str, list[BoardPerson]] = field(default_factory=dict)
    documents: list[dict[str, Any]] = field(default_factory=list)
    time_note: str | None = None  # what the as_of rule left out (graphmodel.timeline)
    as_of_basis: str = ""  # why this date, when nobody asked for one

    @property
    def title(self) -> str:
        """The chart's title, saying its scope and its date (and why that date)."""
        scope = "region" if self.root_kind == "region" else self.root_kind
        basis = f" ({self.as_of_basis})" if self.as_of_basis else ""
        return f"Governance of {self.root_name} ({scope}), as of {self.as_of}{basis}"

    def node(self, node_id: str) -> ChartNode:
        """The box with id `node_id`."""
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(node_id)

    def chairs(self, board: str) -> list[BoardPerson]:
        """Who chairs `board`."""
        return [p for p in self.people.get(board, []) if p.role == "chair"]

    def members(self, board: str) -> list[BoardPerson]:
        """Who sits on `board` (chairs excluded)."""
        return [p for p in self.people.get(board, []) if p.role == "member"]

    def as_dict(self) -> dict[str, Any]:
        """The chart as plain data (for JSON and tests)."""
        return {
            "root": {"id": self.root_id, "name": self.root_name, "kind": self.root_kind},
            "title": self.title,
            "as_of": self.as_of,
            "time_note": self.time_note,
            "as_of_basis": self.as_of_basis,
            "nodes": [n.__dict__ for n in self.nodes],
            "edges": [{"type": e.type, "from": e.source, "to": e.target} for e in self.edges],
            "chairs": {b: [p.__dict__ for p in self.chairs(b)] for b in self.people},
            "members": {b: [p.__dict__ for p in self.members(b)] for b in self.people},
            "documents": self.documents,
        }


def short_label(entity: dict[str, Any]) -> str:
    """How a person, PCC, post or body is written in a chart or register cell.

    A person with a title is "DCS Andy Dickin"; a PCC or post with a short alias is
    written by it ("Derbyshire PCC", "Regional DCC"); anything else by its name.
    """
    name = str(entity.get("name") or entity.get("id"))
    kind = entity.get("kind")
    title = entity.get("title")
    if kind == "person" and title and not name.startswith(str(title)):
        return f"{title} {name}"
    aliases = [str(a) for a in entity.get("aliases") or []]
    if kind == "pcc":
        pcc_aliases = [a for a in aliases if a.endswith("PCC") and not a.startswith("OPCC")]
        return pcc_aliases[0] if pcc_aliases else name
    if kind == "post" and aliases:
        return min(aliases, key=len)
    return name


def _walk(
    engine: Engine, root_ids: list[str], params: dict[str, Any]
) -> tuple[dict[str, dict], list[ChartEdge]]:
    """Entities and edges in scope of the roots.

    Down: what a root governs, its parts and what reports to it; what it governs is
    followed further (its parts, what it governs), what merely reports to it is not.
    Sideways: a board governing something in scope. Up: what a root reports to or is
    governed by, two levels.
    """
    entities: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str, str], ChartEdge] = {}
    depth = {rid: 0 for rid in root_ids}
    expandable = set(root_ids)  # boxes whose governed parts are drawn
    frontier = list(root_ids)
    while frontier and len(depth) < _MAX_NODES:
        rows = engine.read("export_governance_edges", {"ids": frontier, **params})
        next_frontier: list[str] = []
        for row in rows:
            src, tgt = row["source"], row["target"]
            edge = ChartEdge(
                row["type"],
                src["id"],
                tgt["id"],
                tuple((s["document"], s["ref"]) for s in row["sources"]),
            )
            upper_kind = (src if edge.upper == src["id"] else tgt)["kind"]
            for end in (src, tgt):
                entities.setdefault(end["id"], end)
            if (
                edge.upper in expandable
                and edge.lower not in depth
                and depth[edge.upper] < _DEPTH_DOWN
            ):
                depth[edge.lower] = max(depth[edge.upper], 0) + 1
                if edge.type != "REPORTS_TO":
                    expandable.add(edge.lower)
                    next_frontier.append(edge.lower)
            elif edge.lower in depth and edge.upper not in depth:
                lower_depth = depth[edge.lower]
                if (
                    lower_depth <= 0
                    and lower_depth > -_DEPTH_UP
                    and edge.lower not in expandable - set(root_ids)
                ):
                    depth[edge.upper] = lower_depth - 1  # above a root
                    next_frontier.append(edge.upper)
                elif edge.lower in expandable and edge.type == "GOVERNS" and upper_kind == "board":
                    depth[edge.upper] = lower_depth - 1  # another board governing a box in scope
            if edge.upper in depth and edge.lower in depth:
                edges[(edge.type, edge.source, edge.target)] = edge
        frontier = [n for n in dict.fromkeys(next_frontier) if n not in root_ids]
    kept = [e for e in edges.values() if e.upper in depth and e.lower in depth]
    return {k: v for k, v in entities.items() if k in depth}, kept


def _levels(node_ids: list[str], edges: list[ChartEdge]) -> dict[str, int]:
    """A rank for every box: the longest chain of upper -> lower edges above it."""
    level = {n: 0 for n in node_ids}
    for _ in range(len(node_ids)):  # Bellman-Ford style; stops early, bounded on cycles
        changed = False
        for edge in edges:
            if edge.upper == edge.lower:
                continue
            want = level[edge.upper] + 1
            if level[edge.lower] < want <= len(node_ids):
                level[edge.lower] = want
                changed = True
        if not changed:
            break
    return level


def build_flowchart(engine: Engine, root: str, as_of: str | None = None) -> Flowchart:
    """The governance flowchart rooted at `root` (a board, programme, unit or region id).

    `as_of` (YYYY, YYYY-MM or YYYY-MM-DD) picks the facts holding then; by default the
    latest date of the sources the chart draws on, which its title says.
    Raises NotFoundError for an unknown root, InvalidRequestError for a bad date or a root
    that is not something governance can be drawn from.
    """
    if as_of:
        return _build_flowchart(engine, root, as_of)
    chart, _ = as_of_latest_source(lambda date: _build_flowchart(engine, root, date))
    chart.as_of_basis = LATEST_SOURCE
    return chart


def _build_flowchart(engine: Engine, root: str, as_of: str) -> Flowchart:
    params = as_of_params(as_of)
    found = engine.read("export_entity", {"id": root})
    if not found:  # a region by its police.uk name ('east-midlands'), as registers take it
        found = engine.read("export_entity", {"id": f"{root}-region"})
        root = f"{root}-region" if found else root
    if not found:
        raise not_found(engine, "board, programme or region", root)
    entity = found[0]
    if entity["kind"] not in ROOT_KINDS:
        raise InvalidRequestError(
            "root", f"{root!r} is a {entity['kind']}; give a " + ", ".join(ROOT_KINDS)
        )
    if entity["kind"] == "region":
        roots = [r["id"] for r in engine.read("export_region_boards", {"region": root, **params})]
    else:
        roots = [root]
    entities, edges = _walk(engine, roots, params) if roots else ({}, [])
    for rid in roots:
        if rid not in entities:
            entities[rid] = engine.read("export_entity", {"id": rid})[0]
    ids = sorted(entities)
    level = _levels(ids, edges)
    nodes = [
        ChartNode(i, entities[i]["name"], entities[i]["kind"], level[i], i in roots) for i in ids
    ]
    nodes.sort(key=lambda n: (n.level, n.kind != "board", n.name))
    boards = [n.id for n in nodes if n.kind == "board"]
    people: dict[str, list[BoardPerson]] = {}
    cited: set[str] = {d for e in edges for d, _ in e.sources}
    for row in engine.read("export_board_people", {"ids": boards, **params}) if boards else []:
        person = row["person"]
        role = "chair" if row["type"] == "CHAIRS" else "member"
        people.setdefault(row["board"], []).append(
            BoardPerson(person["id"], short_label(person), person["kind"], role, row["arrangement"])
        )
        cited.update(s["document"] for s in row["sources"])
    for board, listed in people.items():
        chairs = {p.id for p in listed if p.role == "chair"}
        people[board] = [p for p in listed if p.role == "chair" or p.id not in chairs]
    documents = engine.read("export_documents", {"ids": sorted(cited)}) if cited else []
    note = (time_note(engine, as_of, roots) or {}).get("note")
    return Flowchart(
        entity["id"],
        entity["name"],
        entity["kind"],
        str(as_of),
        nodes,
        edges,
        people,
        documents,
        note,
    )
