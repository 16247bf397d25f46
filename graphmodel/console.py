"""The analysts' read-only Cypher console: the engine itself enforces read-only."""

from __future__ import annotations

import re
from typing import Any

from graphmodel.engine.base import Engine
from graphmodel.errors import InvalidRequestError

__all__ = ["run_console", "MAX_QUERY_CHARS"]

MAX_QUERY_CHARS = 10_000
_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")


def run_console(engine: Engine, query: str, params: dict[str, Any] | None, timeout_ms: int,
                row_limit: int) -> dict[str, Any]:  # fmt: skip
    """{columns, rows, truncated, row_limit}; QueryRefusedError for writes or bad Cypher."""
    if not query.strip():
        raise InvalidRequestError("query", "give a Cypher query")
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidRequestError("query", f"at most {MAX_QUERY_CHARS} characters")
    for name in params or {}:
        if not _PARAM_NAME.match(str(name)):
            raise InvalidRequestError(
                "params", f"{name!r} is not a parameter name (letters, digits, _)"
            )
    columns, rows, truncated = engine.run_readonly(query, params or {}, timeout_ms, row_limit)
    return {"columns": columns, "rows": rows, "truncated": truncated, "row_limit": row_limit}
