"""Entities: one with all its relationships, what one is involved in, and paged lists."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from api.deps import AsOfDep, EngineDep
from api.responses import JSONResponse
from api.tabular import Format, list_response, list_route, paged
from graphmodel.entities import get_entity, list_entities
from graphmodel.participation import involvement
from graphmodel.schema import load_schema

router = APIRouter(tags=["entities"])

AsOf = AsOfDep  # as_of and include_unstated (graphmodel.timeline)
EntityId = Annotated[str, Path(min_length=1, max_length=200, examples=["odyssey"])]
Kind = Annotated[str | None, Query(pattern="^(" + "|".join(load_schema().kinds) + ")$")]


@router.get("/api/entities", summary="Entities by kind and region, paged", **list_route("entities"))
def entities(
    request: Request,
    engine: EngineDep,
    kind: Kind = None,
    status: Annotated[
        str | None,
        Query(pattern="^(" + "|".join(load_schema().lifecycle) + ")$", examples=["not_progressed"]),
    ] = None,
    region: Annotated[str | None, Query(max_length=200, examples=["east-midlands"])] = None,
    as_of: AsOf = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    format: Format = None,
) -> Response:
    """{total, limit, offset, next, results: [{id, name, kind, aliases, status, note, valid_from,
    valid_to, sources}]}; `next` (and a Link header) is the next page's URL."""
    payload = paged(request, list_entities(engine, kind, region, as_of, limit, offset, status))
    return list_response(request, format, payload, "results", "entities", "entities")


@router.get("/api/entities/{id}", summary="One entity with its relationships and citations")
def entity(engine: EngineDep, id: EntityId, as_of: AsOf = None) -> JSONResponse:
    """{id, name, kind, aliases, properties, sources, statuses, relationships: [{type, direction,
    role?, status?, other, properties, sources}]}; 404 with close matches for an unknown id."""
    return JSONResponse(
        {**get_entity(engine, id, as_of), "map": f"/maps/neighbourhood?entity={id}"}
    )


@router.get(
    "/api/entities/{id}/involvement",
    summary="Everything an entity takes part in, leads, left or declined",
    **list_route("involvement"),
)
def entity_involvement(request: Request, engine: EngineDep, id: EntityId, as_of: AsOf = None,
                       format: Format = None) -> Response:  # fmt: skip
    """Groups takes_part, leads, chairs, member_of, left, declined, not_participating, ...; CSV flat."""
    payload = involvement(engine, id, as_of)
    rows = [
        {"group": key, **row}
        for key, items in payload.items()
        if isinstance(items, list)
        for row in items
    ]
    return list_response(
        request, format, {**payload, "rows": rows}, "rows", f"{id}-involvement", "involvement"
    )
