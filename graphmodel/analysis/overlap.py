"""Overlap: which forces take part in the same collaborations, as a force-by-force matrix of
shared collaborations (counts and Jaccard) and the pairs that work together most.

A force is in a collaboration when it (or the PCC overseeing it) is a `member` of it, or
leads or hosts it; `not_participating` and `to_be_confirmed` register cells do not count.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

from graphmodel.analysis.network import (
    ACTIVE,
    COLLABORATION_KINDS,
    LEAD_ROLES,
    Network,
    cite,
    fetch_network,
    find_region,
)
from graphmodel.engine.base import Engine
from graphmodel.errors import InvalidRequestError
from graphmodel.timeline import time_note

__all__ = ["force_overlap", "overlap_table"]


def _memberships(
    network: Network, forces: set[str], kind: str | None, register: str | None
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """{force: {collaboration: [the edges that put it there]}}."""
    found: dict[str, dict[str, list[dict[str, Any]]]] = {f: defaultdict(list) for f in forces}
    for edge in network.edges("PARTICIPATES_IN", "LEADS"):
        if edge["type"] == "PARTICIPATES_IN" and edge["status"] != ACTIVE:
            continue
        if edge["type"] == "LEADS" and edge["role"] not in LEAD_ROLES:
            continue
        target = network.entity(edge["target"])
        if target.get("kind") not in COLLABORATION_KINDS or (kind and target.get("kind") != kind):
            continue
        if register and target.get("register") != register:
            continue
        party = network.party(edge["source"])
        if party in found:
            found[party][edge["target"]].append(edge)
    return found


def force_overlap(
    engine: Engine,
    region: str | None = None,
    kind: str | None = None,
    register: str | None = None,
    as_of: str | None = None,
) -> dict[str, Any]:
    """The shared-collaboration matrix of a region's forces (all forces when region is None).

    {as_of, region, kind, register, forces: [{id, name, kind, collaborations}], matrix:
    {a: {b: {shared, jaccard}}}, pairs: [{a, b, shared, jaccard, collaborations: [{id, name,
    kind, sources}]}] (most shared first, pairs sharing nothing left out), note}
    """
    if kind and kind not in COLLABORATION_KINDS:
        raise InvalidRequestError(
            "kind",
            f"{kind!r} is not a collaboration kind: "
            f"one of {', '.join(sorted(COLLABORATION_KINDS))}",
        )
    region_row = find_region(engine, region) if region else None
    network = fetch_network(engine, as_of)
    forces = (
        network.region_forces(region_row["id"]) if region_row else set(network.of_kind("force"))
    )
    members = _memberships(network, forces, kind, register)
    ordered = sorted(forces, key=lambda f: network.brief(f)["name"])
    matrix: dict[str, dict[str, dict[str, float]]] = {a: {} for a in ordered}
    pairs: list[dict[str, Any]] = []
    for a in ordered:
        count = len(members[a])
        matrix[a][a] = {"shared": count, "jaccard": 1.0 if count else 0.0}
    for a, b in combinations(ordered, 2):
        shared = sorted(set(members[a]) & set(members[b]))
        union = set(members[a]) | set(members[b])
        cell = {
            "shared": len(shared),
            "jaccard": round(len(shared) / len(union), 4) if union else 0.0,
        }
        matrix[a][b] = matrix[b][a] = cell
        if shared:
            pairs.append(
                {
                    "a": network.brief(a),
                    "b": network.brief(b),
                    **cell,
                    "collaborations": [
                        {
                            **network.brief(c),
                            "sources": [
                                s for e in members[a][c] + members[b][c] for s in e["sources"]
                            ],
                        }
                        for c in shared
                    ],
                }
            )
    pairs.sort(key=lambda p: (-p["shared"], -p["jaccard"], p["a"]["name"], p["b"]["name"]))
    note = None
    if len(forces) < 2:
        note = f"{len(forces)} force(s) in scope: an overlap needs at least two"
    elif not pairs:
        note = "no two forces in scope share a collaboration" + (f" at {as_of}" if as_of else "")
        if kind or register:
            note += " with the filters given (" + ", ".join(x for x in (kind, register) if x) + ")"
    return {
        "as_of": as_of or None,
        "region": region_row,
        "kind": kind,
        "register": register,
        "forces": [{**network.brief(f), "collaborations": len(members[f])} for f in ordered],
        "matrix": matrix,
        "pairs": pairs,
        "time": time_note(engine, as_of),
        "note": note,
    }


def overlap_table(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat row per pair of forces sharing something, most shared first, for CSV."""
    return [
        {
            "force_a": p["a"]["id"],
            "force_b": p["b"]["id"],
            "shared": p["shared"],
            "jaccard": p["jaccard"],
            "collaborations": "; ".join(c["id"] for c in p["collaborations"]),
            "sources": cite(s for c in p["collaborations"] for s in c["sources"]),
        }
        for p in result["pairs"]
    ]
