"""Network questions: participation, governance and connections."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from api.deps import AsOfDep, EngineDep
from api.responses import JSONResponse
from api.tabular import Format, csv_response, list_response, list_route, wants_csv
from graphmodel.connections import MAX_HOPS, connections
from graphmodel.governance import governance_of
from graphmodel.participation import participants
from graphmodel.schema import load_schema

router = APIRouter(tags=["network"])

AsOf = AsOfDep  # as_of and include_unstated (graphmodel.timeline)
EntityId = Annotated[str, Path(min_length=1, max_length=200)]
Status = Annotated[str | None, Query(pattern="^(" + "|".join(load_schema().statuses) + ")$")]


@router.get(
    "/api/participation/{id}",
    summary="Who takes part in a collaboration, with status and cost share",
    **list_route("participation"),
)
def participation(request: Request, engine: EngineDep, id: EntityId, status: Status = None, as_of: AsOf = None,
                  format: Format = None) -> Response:  # fmt: skip
    """{collaboration, participants: [{participant, status, cost_share, sources}], by_status}."""
    payload = participants(engine, id, status, as_of)
    return list_response(
        request, format, payload, "participants", f"{id}-participants", "participation"
    )


@router.get("/api/governance/{id}", summary="The governance chain above and below an entity")
def governance(engine: EngineDep, id: EntityId, as_of: AsOf = None) -> JSONResponse:
    """{entity, governed_by: [{board: {chairs, members, reports_to}}], chain, below}, all cited."""
    return JSONResponse(governance_of(engine, id, as_of))


@router.get(
    "/api/connections",
    summary="How two entities are connected (shortest paths, every hop cited)",
    **list_route("connections"),
)
def connection(
    request: Request,
    engine: EngineDep,
    from_: Annotated[
        str, Query(alias="from", min_length=1, max_length=200, examples=["humberside"])
    ],
    to: Annotated[str, Query(min_length=1, max_length=200, examples=["npas"])],
    max_hops: Annotated[int, Query(ge=1, le=MAX_HOPS)] = 4,
    include_regions: bool = False,
    as_of: AsOf = None,
    format: Format = None,
) -> Response:
    """{from, to, hops, paths: [[{from, type, direction, role, status, to, sources}]], note};
    as CSV one row per hop, numbered by `path` and `hop`."""
    payload = connections(engine, from_, to, max_hops, as_of, include_regions)
    if not wants_csv(request, format):
        return JSONResponse(payload)
    hops = [
        {"path": p, "hop": h, **hop}
        for p, path in enumerate(payload["paths"], start=1)
        for h, hop in enumerate(path, start=1)
    ]
    return csv_response(hops, "connections", "connections")
