"""Dependencies injected into route handlers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from api.params import DATE_PATTERN
from graphmodel.console import ConsoleGate
from graphmodel.engine import Engine
from graphmodel.settings import Settings
from graphmodel.timeline import TimePoint

__all__ = [
    "EngineDep",
    "SettingsDep",
    "AsOfDep",
    "ConsoleGateDep",
    "get_engine",
    "get_settings",
    "get_console_gate",
    "time_point",
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


async def time_point(
    as_of: Annotated[
        str | None,
        Query(
            max_length=10,
            pattern=DATE_PATTERN,
            description="Facts holding at this date: YYYY, YYYY-MM or YYYY-MM-DD "
            "(docs/time-and-money.md)",
        ),
    ] = None,
    include_unstated: Annotated[
        bool,
        Query(
            description="With as_of: also show facts whose start is not stated and whose "
            "first report is later than as_of (from_basis: first_reported)"
        ),
    ] = False,
) -> TimePoint | None:
    """The as_of date of a request with its include_unstated choice (None when not given)."""
    if as_of is None or not as_of.strip():
        return None
    return TimePoint(as_of.strip(), include_unstated)


AsOfDep = Annotated[TimePoint | None, Depends(time_point)]
ConsoleGateDep = Annotated[ConsoleGate, Depends(get_console_gate)]
