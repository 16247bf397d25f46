"""GET /api/search: entities by name, abbreviation or alias."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import EngineDep
from api.tabular import Format, list_response, list_route
from graphmodel.search import MAX_QUERY_LENGTH, search
from graphmodel.suggest import close_matches

router = APIRouter(tags=["search"])


@router.get("/api/search", summary="Find entities by any of their names", **list_route("search"))
def search_entities(
    request: Request,
    engine: EngineDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_QUERY_LENGTH,
            description="Text to find",
            examples=["EMSOU"],
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    format: Format = None,
) -> Response:
    """{"results": [{id, name, kind, aliases, match, sources}]}, best match first
    (case-insensitive); when nothing matches, `suggestions`: [{id, name, kind}] spelt alike."""
    results = search(engine, q, limit)
    payload = {"results": results, **({} if results else {"suggestions": close_matches(engine, q)})}
    return list_response(request, format, payload, "results", "search", "search")
