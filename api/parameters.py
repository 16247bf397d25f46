"""The edge every HTTP parameter crosses first: no control characters, and a length cap.

``check_parameters`` runs before any route's own validation (it is an app-wide dependency),
so a NUL byte or a 100 KB value never reaches a query, a renderer or an error message.
A refusal is a 422 naming the parameter and where it was (`query` or `path`), in the same
shape as FastAPI's own validation errors. ``document_parameter_limits`` writes the same
rules into the OpenAPI schema. See docs/security.md.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError

from graphmodel.neutralise import has_control

__all__ = ["MAX_PARAMETER_CHARS", "NO_CONTROL_PATTERN", "check_parameters",
           "document_parameter_limits"]  # fmt: skip

MAX_PARAMETER_CHARS = 200
# The characters `has_control` refuses, as a JSON Schema pattern.
NO_CONTROL_PATTERN = "^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]*$"


def _problem(where: str, name: str, value: str) -> dict[str, Any] | None:
    """The validation error for one parameter, or None when it is acceptable."""
    if has_control(name) or has_control(value):
        return {
            "loc": (where, name),
            "msg": "must not contain control characters (NUL, newline, tab, ...)",
            "type": "value_error",
        }
    if len(value) > MAX_PARAMETER_CHARS:
        return {
            "loc": (where, name),
            "msg": f"is {len(value)} characters long; at most {MAX_PARAMETER_CHARS}",
            "type": "string_too_long",
        }
    return None


async def check_parameters(request: Request) -> None:
    """Refuse the request (RequestValidationError, answered 422) when a query or path
    parameter holds a control character or is longer than MAX_PARAMETER_CHARS."""
    params = [("query", k, v) for k, v in request.query_params.multi_items()]
    params += [("path", k, str(v)) for k, v in request.path_params.items()]
    problems = [p for p in (_problem(*param) for param in params) if p]
    if problems:
        raise RequestValidationError(problems)


def document_parameter_limits(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` (an OpenAPI document) with the rules above on every string parameter:
    a maxLength no larger than the cap, and no control characters where no pattern is set."""
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                if parameter.get("in") not in ("query", "path"):
                    continue
                for option in _string_schemas(parameter.get("schema", {})):
                    option["maxLength"] = min(option.get("maxLength", MAX_PARAMETER_CHARS),
                                              MAX_PARAMETER_CHARS)  # fmt: skip
                    option.setdefault("pattern", NO_CONTROL_PATTERN)
    return schema


def _string_schemas(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The string-typed schemas in `schema` (itself, or its anyOf options)."""
    options = schema.get("anyOf", [schema])
    return [o for o in options if o.get("type") == "string" and "enum" not in o]
