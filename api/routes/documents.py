"""The source documents and the facts each asserts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from api.deps import EngineDep
from api.tabular import Format, list_response, list_route, paged
from graphmodel.documents import get_document, list_documents

router = APIRouter(tags=["documents"])


@router.get(
    "/api/documents", summary="Every source document with its metadata", **list_route("documents")
)
def documents(request: Request, engine: EngineDep, format: Format = None) -> Response:
    """{"results": [{id, title, body, kind, date, file, notes, entities, relationships}]}."""
    return list_response(
        request, format, {"results": list_documents(engine)}, "results", "documents", "documents"
    )


@router.get(
    "/api/documents/{id}",
    summary="One document and the facts it asserts, paged",
    **list_route("document_facts"),
)
def document(
    request: Request,
    engine: EngineDep,
    id: Annotated[str, Path(min_length=1, max_length=200, examples=["leics-pcp-2018-07-regional"])],
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    format: Format = None,
) -> Response:
    """{document, total, entities, limit, offset, next, facts: [{type, from, to, role, status,
    ref}]}; `next` (and a Link header) is the next page's URL."""
    return list_response(
        request,
        format,
        paged(request, get_document(engine, id, limit, offset)),
        "facts",
        f"{id}-facts",
        "document_facts",
    )
