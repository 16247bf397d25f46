"""Liveness, readiness and a no-op baseline for benchmarks."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import EngineDep
from api.responses import JSONResponse
from graphmodel.errors import CollabGraphError
from graphmodel.stats import graph_stats

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is alive")
def healthz() -> dict[str, str]:
    """Always {"status": "ok"} while the process serves requests."""
    return {"status": "ok"}


@router.get("/readyz", summary="The engine answers and the graph is loaded")
def readyz(engine: EngineDep) -> JSONResponse:
    """200 with counts when ready; 503 (with Retry-After) when the engine is down or the graph empty."""
    try:
        engine.ping()
        stats = graph_stats(engine)
    except CollabGraphError as exc:
        return JSONResponse(
            {"status": "unavailable", "detail": str(exc)}, 503, headers={"Retry-After": "2"}
        )
    body: dict[str, Any] = {
        "status": "ready" if stats["entities"] else "empty",
        "engine": engine.describe(),
        "entities": stats["entities"],
        "relationships": stats["relationships"],
        "unsourced": stats["unsourced"]["total"],
        "load": stats["load"],
    }
    if not stats["entities"]:
        body["detail"] = "the graph is empty: run `collabgraph load`"
        return JSONResponse(body, 503, headers={"Retry-After": "5"})
    return JSONResponse(body)


@router.get("/api/noop", summary="Does nothing (the benchmarks' baseline)", include_in_schema=False)
def noop() -> dict[str, bool]:
    """{"ok": true}, touching no engine: what the web framework alone costs."""
    return {"ok": True}
