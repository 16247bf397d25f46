"""POST /api/cypher: the analysts' read-only Cypher console (off unless configured)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field, field_validator

from api.deps import ConsoleGateDep, EngineDep, SettingsDep
from api.responses import JSONResponse
from graphmodel.console import MAX_QUERY_CHARS, run_console
from graphmodel.neutralise import has_control

router = APIRouter(tags=["console"])


class CypherRequest(BaseModel):
    """A read-only Cypher query and its parameters."""

    query: str = Field(
        min_length=1,
        max_length=MAX_QUERY_CHARS,
        examples=["MATCH (n:Entity {kind: 'board'}) RETURN n.name LIMIT 5"],
    )
    params: dict[str, Any] = Field(default_factory=dict)

    @field_validator("query")
    @classmethod
    def _no_control_characters(cls, query: str) -> str:
        if has_control(query.replace("\t", " ").replace("\n", " ").replace("\r", " ")):
            raise ValueError("must not contain control characters other than tabs and newlines")
        return query

    @field_validator("params")
    @classmethod
    def _no_nul(cls, params: dict[str, Any]) -> dict[str, Any]:
        for name, value in params.items():
            if any("\x00" in text for text in _strings(value)):
                raise ValueError(f"{name!r} must not contain NUL characters")
        return params


def _strings(value: Any) -> list[str]:
    """Every string in a parameter value (nested lists and maps included)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@router.post(
    "/api/cypher",
    summary="Run read-only Cypher (when enabled)",
    responses={
        403: {"description": "The console is disabled"},
        408: {"description": "The query ran past its time limit"},
    },
)
def cypher(
    body: CypherRequest, engine: EngineDep, settings: SettingsDep, gate: ConsoleGateDep
) -> Any:
    """{columns, rows, truncated, row_limit}. 403 unless COLLABGRAPH_CYPHER_CONSOLE is set; a
    write, or a query past its memory limit, is refused by the engine (400); a query past
    the time limit answers 408; results stop at the row limit (`truncated`); while the
    console already runs as many queries as it allows, 503 with Retry-After."""
    if not settings.collabgraph_cypher_console:
        return JSONResponse(
            {
                "detail": "the Cypher console is disabled; set COLLABGRAPH_CYPHER_CONSOLE=1 to enable it"
            },
            403,
        )
    return run_console(
        engine, body.query, body.params, settings.collabgraph_console_timeout_ms,
        settings.collabgraph_console_row_limit, gate,
    )  # fmt: skip
