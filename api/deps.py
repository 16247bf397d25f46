"""Dependencies injected into route handlers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graphmodel.engine import Engine
from graphmodel.settings import Settings

__all__ = ["EngineDep", "SettingsDep", "get_engine", "get_settings"]


async def get_engine(request: Request) -> Engine:
    """The one engine of this process, opened in the app's lifespan (async: no thread hop)."""
    engine: Engine = request.app.state.engine
    return engine


async def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
