"""The FastAPI application: one engine per process, opened and closed in the lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI

from api.caching import AnswerCache
from api.errors import install_error_handlers
from api.openapi import install_openapi
from api.parameters import check_parameters
from api.responses import JSONResponse
from api.routes import (
    analysis,
    console,
    docs,
    documents,
    entities,
    exports,
    health,
    home,
    leads,
    maps,
    money,
    network,
    search,
)
from graphmodel.console import ConsoleGate
from graphmodel.engine import Engine, open_engine
from graphmodel.settings import Settings

__all__ = ["create_app", "ROUTERS"]


# Included in this order (the landing page and health first).
ROUTERS = (
    home,
    health,
    docs,
    search,
    entities,
    leads,
    network,
    documents,
    money,
    console,
    exports,
    maps,
    analysis,
)

DESCRIPTION = """
The police collaboration graph: who leads, takes part in, chairs and governs which police
collaborations in England and Wales, read from public reports. Every answer cites the source
document and paragraph. List endpoints also answer CSV (`format=csv` or `Accept: text/csv`).

Interactive maps: [all maps](/maps) · [leads](/maps/leads) · [governance](/maps/governance) ·
[participation](/maps/participation). Each entity's JSON links its own map (`map`).
"""


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """The app. With `engine` given it is used as is (and not closed); else one is opened."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = engine is None
        app.state.engine = engine or open_engine(settings)
        try:
            yield
        finally:
            if owned:
                app.state.engine.close()

    app = FastAPI(
        title="Police collaboration graph",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        default_response_class=JSONResponse,
        dependencies=[Depends(check_parameters)],
        docs_url=None,  # served offline by api.routes.docs
        redoc_url=None,
    )
    install_openapi(app)
    app.state.settings = settings
    app.state.console_gate = ConsoleGate(settings.collabgraph_console_concurrency)
    if engine is not None:
        app.state.engine = engine
    install_error_handlers(app)
    for module in ROUTERS:
        app.include_router(module.router)
    app.add_middleware(
        AnswerCache,
        max_bytes=settings.collabgraph_answer_cache_mb * 1024 * 1024,
        check_every=settings.collabgraph_version_check_s,
    )
    docs.mount_assets(app)
    return app
