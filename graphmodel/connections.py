"""How two entities are connected: shortest paths, every hop cited.

A breadth-first search from both ends, one `network_neighbours` statement per level, so it
runs on any engine (FalkorDB allows shortestPath only inside WITH/RETURN) and touches only
the neighbourhoods it needs.
"""

from __future__ import annotations

from typing import Any

from graphmodel.engine.base import Engine
from graphmodel.entities import require_entity
from graphmodel.errors import InvalidRequestError
from graphmodel.timeline import as_of_params, time_note

__all__ = ["connections", "MAX_HOPS"]

MAX_HOPS = 6
# Regions connect almost everything; a path through one says little.
_SKIP_BY_DEFAULT = ["IN_REGION"]


def _expand(
    engine: Engine, ids: list[str], time: dict[str, Any], skip: list[str]
) -> list[dict[str, Any]]:
    return engine.read("network_neighbours", {"ids": ids, "skip_types": skip, **time})


def connections(engine: Engine, source: str, target: str, max_hops: int = 4, as_of: str | None = None,
                include_regions: bool = False, limit: int = 10) -> dict[str, Any]:  # fmt: skip
    """{from, to, hops, paths: [[{from, type, direction, role, status, to, sources}]], note}.

    The shortest paths (up to `limit`) between two entities, at most `max_hops` long.
    """
    if not 1 <= max_hops <= MAX_HOPS:
        raise InvalidRequestError("max_hops", f"between 1 and {MAX_HOPS}")
    start = require_entity(engine, source, "entity")
    end = require_entity(engine, target, "entity")
    time = as_of_params(as_of)
    skip = [] if include_regions else _SKIP_BY_DEFAULT
    if source == target:
        return {"from": start, "to": end, "hops": 0, "paths": [], "note": "the same entity"}

    # parents[node] = list of (previous node, edge) reaching it at its BFS depth.
    names: dict[str, dict[str, Any]] = {source: start, target: end}
    parents: dict[str, list[tuple[str, dict[str, Any]]]] = {source: []}
    frontier = [source]
    found = False
    for _depth in range(max_hops):
        rows = _expand(engine, frontier, time, skip)
        next_frontier: list[str] = []
        for row in rows:
            other = row["to"]["id"]
            names.setdefault(other, row["to"])
            if other in parents and other not in next_frontier:
                continue
            edge = {k: row[k] for k in ("type", "direction", "role", "status", "sources")}
            parents.setdefault(other, []).append((row["from_id"], edge))
            if other not in next_frontier:
                next_frontier.append(other)
        if target in parents:
            found = True
            break
        frontier = next_frontier
        if not frontier:
            break
    if not found:
        return {"from": start, "to": end, "hops": None, "paths": [],
                "note": f"no connection within {max_hops} hops" + ("" if include_regions else " (not counting shared regions)")}  # fmt: skip

    paths: list[list[dict[str, Any]]] = []

    def walk(node: str, suffix: list[dict[str, Any]]) -> None:
        if len(paths) >= limit:
            return
        if node == source:
            paths.append(suffix)
            return
        for previous, edge in parents[node]:
            hop = {"from": names[previous], **edge, "to": names[node]}
            walk(previous, [hop, *suffix])

    walk(target, [])
    return {
        "from": start,
        "to": end,
        "hops": len(paths[0]) if paths else None,
        "paths": paths,
        "time": time_note(engine, as_of),
        "note": None,
    }
