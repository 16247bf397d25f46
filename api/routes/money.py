"""Money: savings, costs, budgets and funding, never added across unlike figures."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import EngineDep
from api.tabular import Format, list_response, list_route
from graphmodel.money import money
from graphmodel.schema import load_schema

router = APIRouter(tags=["money"])


@router.get(
    "/api/money",
    summary="Money figures with period, basis and citation",
    **list_route("money"),
)
def money_figures(
    request: Request,
    engine: EngineDep,
    entity: Annotated[str | None, Query(max_length=200)] = None,
    force: Annotated[str | None, Query(max_length=200, examples=["leicestershire"])] = None,
    kind: Annotated[
        str | None, Query(pattern="^(" + "|".join(load_schema().figure_kinds) + ")$")
    ] = None,
    region: Annotated[str | None, Query(max_length=200, examples=["east-midlands"])] = None,
    format: Format = None,
) -> Response:
    """{figures: [...], totals: [alike figures only], notes: [what cannot be added, and why]}."""
    return list_response(
        request, format, money(engine, entity, force, kind, region), "figures", "money", "money"
    )
