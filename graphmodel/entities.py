"""One entity with everything it is connected to, and lists of entities."""

from __future__ import annotations

from typing import Any

from graphmodel.engine.base import Engine
from graphmodel.errors import InvalidRequestError
from graphmodel.suggest import close_matches, not_found
from graphmodel.timeline import as_of_params, with_time

__all__ = ["get_entity", "list_entities", "require_entity", "resolve_region", "INTERNAL_PROPERTIES"]

# Stored for search, time filtering and provenance; shown elsewhere in the answer.
INTERNAL_PROPERTIES = frozenset(
    {
        "id",
        "name",
        "kind",
        "aliases",
        "search_keys",
        "search_text",
        "property_names",
        "source_documents",
        "source_refs",
        "t_from",
        "t_to",
    }  # fmt: skip
)
_REL_INTERNAL = frozenset({"source_documents", "source_refs", "t_from", "t_to", "role", "status"})


def require_entity(engine: Engine, entity_id: str, what: str = "entity",
                   kinds: frozenset[str] | None = None) -> dict[str, Any]:  # fmt: skip
    """{id, kind, name} of an existing entity (of one of `kinds` if given); NotFoundError if not."""
    if not entity_id or len(entity_id) > 200:
        raise InvalidRequestError("id", "an entity id of 1 to 200 characters")
    rows = engine.read("entity_kind", {"id": entity_id})
    if not rows or (kinds and rows[0]["kind"] not in kinds):
        error = not_found(engine, what, entity_id, kinds)
        if kinds and not error.suggestions and not error.canonical:
            error.suggestions = close_matches(engine, entity_id)
        raise error
    return rows[0]


def resolve_region(engine: Engine, region: str) -> str:
    """The entity id of a region given as its id or its police.uk name ('east-midlands')."""
    for candidate in dict.fromkeys((region, f"{region}-region", f"{region.lower()}-region")):
        rows = engine.read("entity_kind", {"id": candidate})
        if rows and rows[0]["kind"] == "region":
            return candidate
    require_entity(engine, region, "region", frozenset({"region"}))
    return region  # unreachable: require_entity raised


def _relationship(row: dict[str, Any]) -> dict[str, Any]:
    props = row["properties"]
    out: dict[str, Any] = {"type": row["type"], "direction": row["direction"]}
    for key in ("role", "status", "arrangement"):
        if props.get(key) is not None:
            out[key] = props[key]
    out["other"] = row["other"]
    out["properties"] = {k: v for k, v in props.items() if k not in _REL_INTERNAL and v is not None}
    out["sources"] = row["sources"]
    return out


def get_entity(engine: Engine, entity_id: str, as_of: str | None = None) -> dict[str, Any]:
    """{id, name, kind, aliases, properties, sources, statuses, relationships} of one entity.

    Relationships are those holding at `as_of` when given; NotFoundError (with close
    matches) for an unknown id.
    """
    time = as_of_params(as_of)
    rows = (
        engine.read("entity_with_relationships", {"id": entity_id, **time})
        if len(entity_id) <= 200
        else []
    )
    if not rows:
        raise not_found(engine, "entity", entity_id)
    row = rows[0]
    props = {
        k: v for k, v in row["properties"].items() if k not in INTERNAL_PROPERTIES and v is not None
    }
    relationships = [_relationship({**r, "direction": "out"}) for r in row["outgoing"]]
    relationships += [_relationship({**r, "direction": "in"}) for r in row["incoming"]]
    relationships.sort(
        key=lambda r: (r["type"], r["direction"], r.get("role") or "", r["other"]["name"])
    )
    answer = {
        "id": row["id"],
        "name": row["name"],
        "kind": row["kind"],
        "aliases": row["aliases"] or [],
        "properties": props,
        "sources": row["sources"],
        "statuses": [
            {k: v for k, v in status.items() if k != "t_from"}
            for status in sorted(row["statuses"], key=lambda s: (s["t_from"] or "", s["status"]))
        ],
        "relationships": relationships,
    }
    return with_time(engine, answer, as_of, [entity_id])


def list_entities(engine: Engine, kind: str | None = None, region: str | None = None,
                  as_of: str | None = None, limit: int = 50, offset: int = 0,
                  status: str | None = None) -> dict[str, Any]:  # fmt: skip
    """{total, limit, offset, results: [{id, name, kind, aliases, status, note, valid_from,
    valid_to, sources}]}; `status` filters by the latest lifecycle status."""
    params: dict[str, Any] = {
        "kind": kind,
        "status": status,
        "region": resolve_region(engine, region) if region else None,
        **as_of_params(as_of),
    }
    total = engine.read("entity_count", params)
    results = engine.read("entity_list", {**params, "limit": limit, "offset": offset})
    answer = {
        "total": total[0]["total"] if total else 0,
        "limit": limit,
        "offset": offset,
        "results": results,
    }
    return with_time(engine, answer, as_of)
