"""Dependencies injected into route handlers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graphmodel.console import ConsoleGate
from graphmodel.engine import Engine
from graphmodel.settings import Settings

__all__ = [
    "EngineDep",
    "SettingsDep",
    "ConsoleGateDep",
    "get_engine",
    "get_settings",
    "get_console_gate",
]


async def get_engine(request: Request) -> Engine:
    """The one engine of this process, opened in the app's lifespan (async: no thread hop)."""
    engine: Engine = request.app.state.engine
    return engine


async def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


async def get_console_gate(request: Request) -> ConsoleGate:
    """The console's limit on queries at once, one per app."""
    gate: ConsoleGate = request.app.state.console_gate
    return gate


EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ConsoleGateDep = Annotated[ConsoleGate, Depends(get_console_gate)]
