"""Each graphmodel error class mapped to one HTTP status, in one place.

No request answers 500 with a stack trace: anything unexpected is logged and answered
with a short message.
"""

from __future__ import annotations

import logging
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError

from api.params import DATE_PATTERN
from api.responses import JSONResponse
from graphmodel.errors import (
    CollabGraphError,
    DependencyMissingError,
    GraphUnavailableError,
    InvalidDataError,
    InvalidRequestError,
    NotFoundError,
    QueryRefusedError,
    QueryTimeoutError,
)

__all__ = ["install_error_handlers"]

log = logging.getLogger("collabgraph.api")


def _canonical_url(request: Request, given: str, canonical: str) -> str | None:
    """The request's URL with the path segment or query value `given` replaced by
    `canonical`; None when `given` is in neither."""
    segments = request.url.path.split("/")
    if given in segments:
        path = "/".join(quote(canonical, safe="") if s == given else s for s in segments)
        return str(request.url.replace(path=path))
    params = [(k, canonical if v == given else v) for k, v in request.query_params.multi_items()]
    if any(v == given for v in request.query_params.values()):
        return str(request.url.replace(query=urlencode(params)))
    return None


def _not_found(request: Request, exc: Exception) -> JSONResponse:
    """404 with close matches; 307 to the canonical URL when the id is another spelling of one
    (case, a name or an alias)."""
    assert isinstance(exc, NotFoundError)
    if exc.canonical and request.method in ("GET", "HEAD"):
        location = _canonical_url(request, exc.id, exc.canonical)
        if location:
            return JSONResponse(
                status_code=307,
                content={"detail": f"{exc.id!r} is {exc.canonical!r}", "id": exc.canonical,
                         "location": location},
                headers={"Location": location},
            )  # fmt: skip
    return JSONResponse(
        status_code=404,
        content={
            "detail": str(exc),
            "what": exc.what,
            "id": exc.id,
            "suggestions": exc.suggestions,
        },
    )


def _invalid_request(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, InvalidRequestError)
    message = str(exc).split(": ", 1)[-1]
    return JSONResponse(
        status_code=422,
        content={
            "detail": [{"loc": ["query", exc.parameter], "msg": message, "type": "value_error"}]
        },
    )


def _message(error: dict[str, object]) -> str:
    """A validation error's message; a date that does not match the date pattern is said in
    words rather than as the regular expression."""
    ctx = error.get("ctx")
    if isinstance(ctx, dict) and ctx.get("pattern") == DATE_PATTERN:
        return (
            f"{error.get('input')!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD in ASCII "
            "digits, with a day the month has"
        )
    return str(error.get("msg", ""))


def _validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"loc": list(e.get("loc", [])), "msg": _message(e), "type": str(e.get("type", ""))}
        for e in exc.errors()
    ]
    return JSONResponse(status_code=422, content={"detail": errors})


def _refused(_: Request, exc: Exception) -> JSONResponse:
    status = 408 if isinstance(exc, QueryTimeoutError) else 400
    return JSONResponse(status_code=status, content={"detail": str(exc)})


def _unavailable(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, GraphUnavailableError)
    return JSONResponse(
        status_code=503,
        content={"detail": f"{exc}; retry in {exc.retry_after}s"},
        headers={"Retry-After": str(exc.retry_after)},
    )


def _dependency_missing(_: Request, exc: Exception) -> JSONResponse:
    return JSONResponse(status_code=503, content={"detail": str(exc)})


def _invalid_data(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, InvalidDataError)
    return JSONResponse(
        status_code=422,
        content={"detail": str(exc), "problems": [p.__dict__ for p in exc.problems]},
    )


def _other(_: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected %s: %s", exc.__class__.__name__, exc, exc_info=exc)
    status = 400 if isinstance(exc, CollabGraphError) else 500
    return JSONResponse(status_code=status, content={"detail": "the request could not be answered"})


def install_error_handlers(app: FastAPI) -> None:
    """Register the mapping from error class to response on `app`."""
    app.add_exception_handler(NotFoundError, _not_found)
    app.add_exception_handler(InvalidRequestError, _invalid_request)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(QueryRefusedError, _refused)
    app.add_exception_handler(GraphUnavailableError, _unavailable)
    app.add_exception_handler(InvalidDataError, _invalid_data)
    app.add_exception_handler(DependencyMissingError, _dependency_missing)
    app.add_exception_handler(CollabGraphError, _other)
    app.add_exception_handler(Exception, _other)
