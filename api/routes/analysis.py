"""Network analysis: concentration, withdrawal impact, overlap, structure, change over
time and the benefits ledger. JSON by default; CSV with `format=csv` or `Accept: text/csv`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from api.deps import AsOfDep, EngineDep
from api.params import DATE_PATTERN
from api.responses import JSONResponse
from api.tabular import Format, csv_response, list_route, wants_csv
from graphmodel import analysis
from graphmodel.analysis.benefits import FIGURE_KINDS
from graphmodel.analysis.network import COLLABORATION_KINDS
from graphmodel.analysis.structure import MEASURES

__all__ = ["router"]

router = APIRouter(prefix="/api/analysis", tags=["analysis"])


def _one_of(values: Iterable[str]) -> str:
    return "^(" + "|".join(sorted(values)) + ")$"


CollaborationKind = Annotated[
    str | None, Query(pattern=_one_of(COLLABORATION_KINDS), description="a collaboration kind")
]
FigureKind = Annotated[str | None, Query(pattern=_one_of(FIGURE_KINDS), description="a money kind")]
Measure = Annotated[
    str, Query(pattern=_one_of(["concentration", *MEASURES]), description="what to score by")
]
Region = Annotated[str | None, Query(description="Region id or police.uk name (east-midlands)")]
AsOf = AsOfDep  # as_of and include_unstated (graphmodel.timeline)


def _answer(
    request: Request,
    fmt: str | None,
    result: dict[str, Any],
    table: Callable[[dict[str, Any]], list[dict[str, Any]]],
    name: str,
    columns: str,
) -> Response:
    """The result as JSON, or its flat table as CSV (the fixed columns of `columns`)."""
    if not wants_csv(request, fmt):
        return JSONResponse(result)
    return csv_response(table(result), columns, name, result.get("note"))


@router.get("/concentration", **list_route("concentration"))
def concentration(
    request: Request,
    engine: EngineDep,
    region: Region = None,
    force: str | None = None,
    as_of: AsOf = None,
    format: Format = None,
) -> Response:
    """What each force and PCC leads or hosts, by role, and its share of the collaborations."""
    result = analysis.lead_concentration(engine, region=region, force=force, as_of=as_of)
    return _answer(
        request, format, result, analysis.concentration_table, "concentration", "concentration"
    )


@router.get("/impact", **list_route("impact"))
def impact(
    request: Request, engine: EngineDep, force: str, as_of: AsOf = None, format: Format = None
) -> Response:
    """What the force (with its PCC) withdrawing would break: leads, members, boards, governance."""
    result = analysis.withdrawal_impact(engine, force, as_of=as_of)
    return _answer(
        request,
        format,
        result,
        analysis.impact_table,
        f"impact-{result['force']['id']}",
        "impact",
    )


@router.get("/overlap", **list_route("overlap"))
def overlap(
    request: Request,
    engine: EngineDep,
    region: Region = None,
    kind: CollaborationKind = None,
    register: Annotated[str | None, Query(max_length=200)] = None,
    as_of: AsOf = None,
    format: Format = None,
) -> Response:
    """The force-by-force matrix of shared collaborations (counts and Jaccard)."""
    result = analysis.force_overlap(
        engine, region=region, kind=kind, register=register, as_of=as_of
    )
    return _answer(request, format, result, analysis.overlap_table, "overlap", "overlap")


@router.get("/structure", **list_route("structure"))
def structure(
    request: Request,
    engine: EngineDep,
    as_of: AsOf = None,
    top: Annotated[int, Query(ge=1, le=1000)] = 20,
    format: Format = None,
) -> Response:
    """Centrality, bridges, articulation points and communities compared with the regions."""
    result = analysis.network_structure(engine, as_of=as_of, top=top)
    return _answer(request, format, result, analysis.structure_table, "structure", "structure")


@router.get("/diff", **list_route("diff"))
def diff(
    request: Request,
    engine: EngineDep,
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE_PATTERN)] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE_PATTERN)] = None,
    format: Format = None,
) -> Response:
    """What started, ended, changed status or lead between the networks at `from` and `to`."""
    result = analysis.network_diff(engine, date_from, date_to)
    return _answer(request, format, result, analysis.diff_table, "diff", "diff")


@router.get("/benefits", **list_route("benefits"))
def benefits(
    request: Request,
    engine: EngineDep,
    region: Region = None,
    force: str | None = None,
    kind: FigureKind = None,
    format: Format = None,
) -> Response:
    """Every money figure with its period and citation; totals only where sound."""
    result = analysis.benefits_ledger(engine, region=region, force=force, kind=kind)
    return _answer(request, format, result, analysis.ledger_table, "benefits", "benefits")


@router.get("/scores")
def scores(
    engine: EngineDep, measure: Measure = "concentration", region: Region = None, as_of: AsOf = None
) -> dict[str, Any]:
    """{measure, scores: {entity_id: score}} for sizing or colouring map nodes."""
    if measure == "concentration":
        values = analysis.concentration_scores(engine, region=region, as_of=as_of)
    else:
        values = analysis.centrality_scores(engine, measure=measure, as_of=as_of)
    return {"measure": measure, "scores": values}
