"""The governance chain above and below a unit, programme, agreement or board."""

from __future__ import annotations

from typing import Any

from graphmodel.engine.base import Engine
from graphmodel.entities import require_entity
from graphmodel.timeline import as_of_params, with_time

__all__ = ["governance_of", "MAX_DEPTH"]

MAX_DEPTH = 6


def _board_details(
    engine: Engine, boards: list[str], time: dict[str, Any]
) -> dict[str, dict[str, list[Any]]]:
    details: dict[str, dict[str, list[Any]]] = {
        b: {"chairs": [], "members": [], "reports_to": []} for b in boards
    }
    seen: set[tuple[str, str, str]] = set()
    for row in engine.read("governance_board_details", {"ids": boards, **time}):
        key = (row["board"], row["relation"], row["other"]["id"])
        if key in seen:
            continue
        seen.add(key)
        item = {"entity": row["other"], "sources": row["sources"]}
        if row["relation"] == "chair":
            item["arrangement"] = row["arrangement"]
        target = {"chair": "chairs", "member": "members", "reports_to": "reports_to"}[
            row["relation"]
        ]
        details[row["board"]][target].append(item)
    return details


def governance_of(engine: Engine, entity_id: str, as_of: str | None = None) -> dict[str, Any]:
    """{entity, governed_by: [...], chain: [...], below: {...}} for one entity.

    `governed_by`: the boards governing it or what it is part of, each with its chairs (and
    how they chair), members and what it reports to; `chain`: the boards above those, level
    by level, following REPORTS_TO; `below`: what it governs, what reports to it, its parts.
    Every item carries its sources.
    """
    entity = require_entity(engine, entity_id)
    time = as_of_params(as_of)
    governors = engine.read("governance_governors", {"id": entity_id, **time})
    if entity["kind"] == "board":
        governors.insert(
            0, {"governed": entity, "hops": 0, "board": entity, "note": "itself", "sources": []}
        )
    boards = list(dict.fromkeys(g["board"]["id"] for g in governors))
    details = _board_details(engine, boards, time) if boards else {}
    governed_by = [
        {**g, "board": {**g["board"], **details.get(g["board"]["id"], {})}} for g in governors
    ]

    chain: list[dict[str, Any]] = []
    seen = set(boards)
    frontier = [item["entity"]["id"] for b in boards for item in details[b]["reports_to"]]
    for level in range(1, MAX_DEPTH + 1):
        frontier = [b for b in dict.fromkeys(frontier) if b not in seen]
        if not frontier:
            break
        seen.update(frontier)
        level_details = _board_details(engine, frontier, time)
        for board_id in frontier:
            names = engine.read("entity_kind", {"id": board_id})
            chain.append(
                {
                    "level": level,
                    "board": {
                        **(names[0] if names else {"id": board_id}),
                        **level_details[board_id],
                    },
                }
            )
        frontier = [
            item["entity"]["id"] for b in frontier for item in level_details[b]["reports_to"]
        ]

    below: dict[str, list[Any]] = {"governs": [], "reported_by": [], "parts": []}
    for row in engine.read("governance_below", {"id": entity_id, **time}):
        key = {"governs": "governs", "reported_by": "reported_by", "part": "parts"}[row["relation"]]
        below[key].append({"entity": row["other"], "sources": row["sources"]})
    answer = {"entity": entity, "governed_by": governed_by, "chain": chain, "below": below}
    return with_time(engine, answer, as_of, [entity_id])
