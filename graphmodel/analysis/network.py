"""The network every analysis starts from: entities and relationships holding at a date,
fetched with the named `analysis_*` statements and held as a networkx multigraph."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graphmodel.engine.base import Engine
from graphmodel.suggest import not_found
from graphmodel.timeline import as_of_params

__all__ = [
    "Network",
    "fetch_network",
    "find_entity",
    "find_region",
    "cite",
    "COLLABORATION_KINDS",
    "LEAD_ROLES",
    "ACTIVE",
]

# What counts as a collaboration: the things forces lead, host and take part in.
COLLABORATION_KINDS = frozenset({"unit", "programme", "agreement", "workstream", "board"})
# LEADS roles that make a force the lead or host of a collaboration (the rest are posts on it).
LEAD_ROLES = frozenset({"lead_force", "host", "lead_policing_body"})
# The PARTICIPATES_IN status that makes a participant a member.
ACTIVE = "member"


@dataclass
class Network:
    """The facts holding at `as_of` (all facts when None).

    `graph` is a MultiDiGraph: nodes are entity ids (attributes: the entity row), edges
    are keyed by relationship id (attributes: the relationship row).
    """

    as_of: str | None
    graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)

    def entity(self, entity_id: str) -> dict[str, Any]:
        """The entity row of `entity_id` ({} when it does not hold at as_of)."""
        data: dict[str, Any] = self.graph.nodes.get(entity_id, {})
        return data

    def kind(self, entity_id: str) -> str:
        """The kind of an entity ('' when unknown)."""
        return str(self.entity(entity_id).get("kind") or "")

    def brief(self, entity_id: str) -> dict[str, str]:
        """{id, name, kind} of an entity."""
        row = self.entity(entity_id)
        return {
            "id": entity_id,
            "name": row.get("name") or entity_id,
            "kind": row.get("kind") or "",
        }

    def edges(self, *types: str) -> Iterator[dict[str, Any]]:
        """Every relationship row, or those of the given types."""
        for _, _, data in self.graph.edges(data=True):
            if not types or data["type"] in types:
                yield data

    def out_edges(self, entity_id: str, *types: str) -> list[dict[str, Any]]:
        """Relationships leaving `entity_id`, optionally of the given types."""
        if entity_id not in self.graph:
            return []
        return [
            d
            for _, _, d in self.graph.out_edges(entity_id, data=True)
            if not types or d["type"] in types
        ]

    def in_edges(self, entity_id: str, *types: str) -> list[dict[str, Any]]:
        """Relationships arriving at `entity_id`, optionally of the given types."""
        if entity_id not in self.graph:
            return []
        return [
            d
            for _, _, d in self.graph.in_edges(entity_id, data=True)
            if not types or d["type"] in types
        ]

    def of_kind(self, *kinds: str) -> list[str]:
        """Ids of the entities of the given kinds, sorted."""
        return sorted(n for n, d in self.graph.nodes(data=True) if d.get("kind") in kinds)

    def region_forces(self, region: str) -> set[str]:
        """The forces in a region: IN_REGION (police.uk regions) or MEMBER_OF (groupings)."""
        return {
            e["source"]
            for e in self.in_edges(region, "IN_REGION", "MEMBER_OF")
            if self.kind(e["source"]) == "force"
        }

    def pccs_of(self, forces: Iterable[str]) -> set[str]:
        """The local policing bodies (OVERSEES) of the given forces."""
        return {e["source"] for f in forces for e in self.in_edges(f, "OVERSEES")}

    def party(self, entity_id: str) -> str:
        """The force a PCC or police authority oversees (when exactly one), else the entity."""
        if self.kind(entity_id) in ("pcc", "police_authority"):
            forces = {e["target"] for e in self.out_edges(entity_id, "OVERSEES")}
            if len(forces) == 1:
                return forces.pop()
        return entity_id

    def regions_of(self, entity_id: str) -> list[str]:
        """The police.uk regions an entity is IN_REGION of, sorted."""
        return sorted(e["target"] for e in self.out_edges(entity_id, "IN_REGION"))


def fetch_network(engine: Engine, as_of: str | None = None, parameter: str = "as_of") -> Network:
    """The Network of facts holding at `as_of` (InvalidRequestError naming `parameter` if bad)."""
    params = as_of_params(as_of, parameter)
    network = Network(as_of=as_of or None)
    for row in engine.read("analysis_entities", params):
        network.graph.add_node(row["id"], **row)
    for row in engine.read("analysis_relationships", params):
        network.graph.add_edge(row["source"], row["target"], key=row["id"], **row)
    return network


def find_entity(engine: Engine, entity_id: str, kinds: Iterable[str], what: str) -> dict[str, str]:
    """{id, name, kind} of `entity_id`; NotFoundError (close matches) unless one of `kinds`."""
    kinds = tuple(kinds)
    rows = engine.read("analysis_entity", {"id": entity_id})
    if rows and rows[0]["kind"] in kinds:
        return {"id": rows[0]["id"], "name": rows[0]["name"], "kind": rows[0]["kind"]}
    raise not_found(engine, what, entity_id, kinds)


def find_region(engine: Engine, value: str) -> dict[str, str]:
    """{id, name, kind} of a region given by id or police.uk name ('east-midlands' finds
    'east-midlands-region'); NotFoundError with close matches otherwise."""
    text = value.strip().lower()
    for candidate in (text, f"{text}-region"):
        rows = engine.read("analysis_entity", {"id": candidate})
        if rows and rows[0]["kind"] == "region":
            return {"id": rows[0]["id"], "name": rows[0]["name"], "kind": "region"}
    raise not_found(engine, "region", value, ["region"])


def cite(sources: Iterable[dict[str, Any]] | None) -> str:
    """Citations as one line of text: 'document ref; document ref'."""
    seen = dict.fromkeys(f"{s['document']} {s['ref']}" for s in sources or [])
    return "; ".join(seen)
