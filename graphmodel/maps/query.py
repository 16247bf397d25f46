"""Running a map view's named queries: the relationships it draws and the entities at their ends."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graphmodel.engine.base import Engine
from graphmodel.errors import InvalidRequestError
from graphmodel.maps.views import MapView, get_view
from graphmodel.money import money_by_entity
from graphmodel.suggest import not_found
from graphmodel.timeline import as_of_params, time_note

__all__ = ["MapQuery", "MapResult", "fetch_map", "ENTITY_RADIUS"]

# With an entity given, views other than the neighbourhood keep what lies within this many
# steps of it: what it leads (or sits on), and who else is there.
ENTITY_RADIUS = 2


@dataclass(frozen=True)
class MapQuery:
    """What to draw: a view, optionally narrowed to a region, an entity and a date."""

    view: str
    region: str | None = None
    entity: str | None = None
    as_of: str | None = None


@dataclass
class MapResult:
    """The rows of a map: relationships, the entities they join, and the documents cited."""

    query: MapQuery
    view: MapView
    relationships: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    documents: dict[str, dict[str, Any]]
    region: dict[str, Any] | None = None
    entity: dict[str, Any] | None = None
    as_of: dict[str, str | None] = field(default_factory=dict)
    time: dict[str, Any] | None = None
    money: dict[str, dict[str, Any]] = field(default_factory=dict)


def _entity(engine: Engine, entity_id: str) -> dict[str, Any]:
    rows = engine.read("map_entity", {"id": entity_id})
    if not rows:
        raise not_found(engine, "entity", entity_id)
    return rows[0]


def _region(engine: Engine, region_id: str) -> dict[str, Any]:
    ids = [region_id] if region_id.endswith("-region") else [region_id, f"{region_id}-region"]
    rows = engine.read("map_region", {"ids": ids})
    if not rows:
        raise not_found(engine, "region", region_id, ["region"])
    return rows[0]


def _near(rows: list[dict[str, Any]], entity_id: str, radius: int) -> list[dict[str, Any]]:
    graph: nx.Graph = nx.Graph()
    graph.add_edges_from((r["source"], r["target"]) for r in rows)
    if entity_id not in graph:
        return []
    keep = set(nx.ego_graph(graph, entity_id, radius=radius))
    return [r for r in rows if r["source"] in keep and r["target"] in keep]


def fetch_map(engine: Engine, query: MapQuery) -> MapResult:
    """The rows of `query`'s map.

    Raises NotFoundError for an unknown view, entity or region and InvalidRequestError for
    a date that does not parse or a neighbourhood without an entity.
    """
    view = get_view(query.view)
    bounds = as_of_params(query.as_of)
    if view.needs_entity and not query.entity:
        raise InvalidRequestError("entity", f"the {view.name} view needs an entity id")
    entity = _entity(engine, query.entity) if query.entity else None
    region = _region(engine, query.region) if query.region else None
    scope = None
    if region:
        scope_rows = engine.read("map_region_scope", {"region": region["id"], **bounds})
        scope = scope_rows[0]["scope"] if scope_rows else [region["id"]]
    params = {"scope": scope, "entity": entity["id"] if entity else None, **bounds}
    rows = engine.read(view.statement, params)
    if entity and not view.needs_entity:
        rows = _near(rows, entity["id"], ENTITY_RADIUS)
    ids = sorted({r["source"] for r in rows} | {r["target"] for r in rows})
    if entity and entity["id"] not in ids:
        ids.append(entity["id"])
    entities = engine.read("map_entities", {"ids": ids}) if ids else []
    documents = {d["id"]: d for d in engine.read("map_documents")}
    time = time_note(engine, query.as_of, [entity["id"]] if entity else None)
    money = money_by_entity(engine, ids)
    return MapResult(query, view, rows, entities, documents, region, entity, bounds, time, money)
