"""The OpenAPI schema, completed with every status code and media type the API answers.

FastAPI documents each route's 200 and (for routes with parameters) 422. The rest comes from
api/errors.py's one mapping and api/caching.py, the same for every route, so it is added here
once (with api/parameters.py's limits on every text parameter): 304 (a conditional GET), 307 (another spelling of an id), 400, 404 (with close
matches) and 503 (the engine is unavailable, or a program is missing).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.parameters import document_parameter_limits

__all__ = ["install_openapi"]

_DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
_ENTITY_REF = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "kind": {"type": "string"},
    },
}
_NOT_FOUND = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "what": {"type": "string"},
        "id": {"type": "string"},
        "suggestions": {"type": "array", "items": _ENTITY_REF},
    },
    "required": ["detail"],
}
_REDIRECT = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "id": {"type": "string"},
        "location": {"type": "string"},
    },
}


def _json(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_GET_RESPONSES: dict[str, dict[str, Any]] = {
    "304": {"description": "Not modified: the `If-None-Match` tag is still current"},
    "307": {
        **_json(
            "Another spelling of an id (case, a name or an alias): the canonical URL", _REDIRECT
        ),  # fmt: skip
        "headers": {"Location": {"schema": {"type": "string"}}},
    },
    "400": _json("The engine refused the request", _DETAIL),
    "404": _json(
        "An unknown id, region, root, document, view or format; close matches", _NOT_FOUND
    ),  # fmt: skip
    "503": {
        **_json(
            "The graph engine is unavailable (see Retry-After), or a program an export "
            "needs is not installed",
            _DETAIL,
        ),  # fmt: skip
        "headers": {"Retry-After": {"schema": {"type": "string"}}},
    },
}
_POST_RESPONSES = {k: v for k, v in _GET_RESPONSES.items() if k in ("400", "503")}
_UNDOCUMENTED = ("/healthz", "/openapi.json", "/docs", "/redoc")


def _complete(schema: dict[str, Any]) -> dict[str, Any]:
    for path, operations in schema.get("paths", {}).items():
        if path in _UNDOCUMENTED:
            continue
        for method, operation in operations.items():
            extra = _GET_RESPONSES if method == "get" else _POST_RESPONSES
            responses = operation.setdefault("responses", {})
            for status, response in extra.items():
                responses.setdefault(status, response)
            if path == "/readyz":
                responses["503"] = _json("Not ready: the engine is down or the graph is empty",
                                         {"type": "object"})  # fmt: skip
    return schema


def install_openapi(app: FastAPI) -> None:
    """Make `app.openapi()` answer the completed schema (built once)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version,
                                 description=app.description, routes=app.routes)  # fmt: skip
            app.openapi_schema = _complete(document_parameter_limits(schema))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
