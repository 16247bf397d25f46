"""GET /api/leads: who leads what."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import AsOfDep, EngineDep
from api.tabular import Format, list_response, list_route
from graphmodel.errors import InvalidRequestError
from graphmodel.leads import leads_matching, leads_of_leader
from graphmodel.schema import load_schema
from graphmodel.search import MAX_QUERY_LENGTH
from graphmodel.timeline import with_time

router = APIRouter(tags=["leads"])

Role = Annotated[
    str | None, Query(pattern="^(" + "|".join(load_schema().roles) + ")$", examples=["lead_force"])
]


@router.get("/api/leads", summary="Who leads what", **list_route("leads"))
def leads(
    request: Request,
    engine: EngineDep,
    q: Annotated[
        str | None, Query(min_length=1, max_length=MAX_QUERY_LENGTH, examples=["ESMCP"])
    ] = None,
    leader: Annotated[
        str | None, Query(min_length=1, max_length=200, examples=["west-yorkshire"])
    ] = None,
    role: Role = None,
    as_of: AsOfDep = None,
    format: Format = None,
) -> Response:
    """`q`: what matches the text (and its parts) and who leads it; `leader`: what that id leads.

    {"results": [{leader: {id, name, kind}, role, target: {id, name, kind}, sources: [...]}]}.
    """
    if (q is None) == (leader is None):
        raise InvalidRequestError("q", "give exactly one of q (text) or leader (an id)")
    if leader is not None:
        results = leads_of_leader(engine, leader, role, as_of)
    else:
        results = leads_matching(engine, q or "", role, as_of)
    payload = with_time(engine, {"results": results}, as_of, [leader] if leader else None)
    return list_response(request, format, payload, "results", "leads", "leads")
