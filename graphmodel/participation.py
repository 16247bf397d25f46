"""Who takes part in a collaboration, and everything one force is involved in."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graphmodel.engine.base import Engine
from graphmodel.entities import require_entity
from graphmodel.errors import InvalidRequestError
from graphmodel.schema import load_schema
from graphmodel.timeline import as_of_params, with_time

__all__ = ["participants", "involvement"]


def participants(engine: Engine, collaboration: str, status: str | None = None,
                 as_of: str | None = None) -> dict[str, Any]:  # fmt: skip
    """{collaboration, participants: [{participant, status, cost_share, via, sources}],
    by_status}.

    A unit or programme with no participants of its own answers those of the agreements that
    cover it (`via` names the agreement), as the registers record participation there.
    """
    if status is not None and status not in load_schema().statuses:
        raise InvalidRequestError("status", "one of: " + ", ".join(sorted(load_schema().statuses)))
    entity = require_entity(engine, collaboration, "collaboration")
    params = {"status": status, **as_of_params(as_of)}
    rows = engine.read("participants_of", {"id": collaboration, **params})
    if not rows and not engine.read("participants_of", {"id": collaboration, "status": None,
                                                         **as_of_params(None)}):  # fmt: skip
        for agreement in engine.read("covering_agreements", {"id": collaboration}):
            found = engine.read("participants_of", {"id": agreement["id"], **params})
            rows += [{**row, "via": agreement} for row in found]
    by_status: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        by_status[row["status"]].append(row["participant"]["id"])
    answer = {"collaboration": entity, "participants": rows, "by_status": dict(by_status)}
    return with_time(engine, answer, as_of, [collaboration])


def involvement(engine: Engine, entity_id: str, as_of: str | None = None) -> dict[str, Any]:
    """Everything `entity_id` takes part in, leads, chairs, sits on, left or declined.

    {entity, takes_part, leads, chairs, member_of, left, declined, not_participating,
    to_be_confirmed, proposed}, each a list of {collaboration, status|role, sources}.
    """
    entity = require_entity(engine, entity_id)
    groups: dict[str, list[dict[str, Any]]] = {
        key: []
        for key in (
            "takes_part",
            "leads",
            "chairs",
            "member_of",
            "left",
            "declined",
            "not_participating",
            "to_be_confirmed",
            "proposed",
        )  # fmt: skip
    }
    status_group = {"member": "takes_part", "withdrawn": "left", "former": "left"}
    relation_group = {"leads": "leads", "chairs": "chairs", "member": "member_of"}
    for row in engine.read("involvement_of", {"id": entity_id, **as_of_params(as_of)}):
        if row["relation"] == "participates":
            key = status_group.get(row["status"], row["status"])
        else:
            key = relation_group[row["relation"]]
        groups.setdefault(key, []).append({k: v for k, v in row.items() if v is not None})
    return with_time(engine, {"entity": entity, **groups}, as_of, [entity_id])
