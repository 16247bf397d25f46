"""GET /api/exports/...: the governance flowchart and the section 22 registers as files."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from api.deps import AsOfDep, EngineDep
from graphmodel.exports import (
    CONTENT_TYPES,
    FLOWCHART_FORMATS,
    REGISTER_FORMATS,
    build_flowchart,
    build_national_register,
    build_register,
    check_format,
    export_file_name,
    render_flowchart,
    render_register,
)

router = APIRouter(tags=["exports"])

AsOf = AsOfDep  # as_of and include_unstated (graphmodel.timeline)
Id = Annotated[str, Path(min_length=1, max_length=200)]


def _choice(formats: tuple[str, ...]) -> str:
    return "^(" + "|".join(formats) + ")$"


def _formats(formats: tuple[str, ...]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI responses: a download in one of `formats`."""
    media = dict.fromkeys(CONTENT_TYPES[f].split(";")[0] for f in formats)
    content = {m: {"schema": {"type": "string", "format": "binary"}} for m in media}
    return {200: {"description": "The file, as a download", "content": content}}


def _file(data: bytes, fmt: str, name: str) -> Response:
    return Response(
        data,
        media_type=CONTENT_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get(
    "/api/exports/flowchart/{root}",
    summary="Governance flowchart of a board, programme or region",
    responses=_formats(FLOWCHART_FORMATS),
)
def flowchart(
    engine: EngineDep,
    root: Id,
    format: str = Query(
        "svg", pattern=_choice(FLOWCHART_FORMATS), description=", ".join(FLOWCHART_FORMATS)
    ),
    as_of: AsOf = None,
) -> Response:
    """The flowchart as svg, png, pdf, dot, mermaid or drawio (a file download)."""
    fmt = check_format(format, FLOWCHART_FORMATS)
    chart = build_flowchart(engine, root, as_of)
    return _file(
        render_flowchart(chart, fmt),
        fmt,
        export_file_name("flowchart", chart.root_id, fmt, chart.as_of),
    )


@router.get(
    "/api/exports/register/{region}",
    summary="Section 22 register of a region (Appendix A)",
    responses=_formats(REGISTER_FORMATS),
)
def register(
    engine: EngineDep,
    region: Id,
    format: str = Query(
        "csv", pattern=_choice(REGISTER_FORMATS), description=", ".join(REGISTER_FORMATS)
    ),
    as_of: AsOf = None,
    document: str | None = Query(None, max_length=200),
) -> Response:
    """The register as csv, xlsx or html; `document` picks an edition (default the latest)."""
    fmt = check_format(format, REGISTER_FORMATS)
    built = build_register(engine, region, as_of, document)
    name = export_file_name("register", (built.region_id or region).removesuffix("-region"), fmt)
    return _file(render_register(built, fmt), fmt, name)


@router.get(
    "/api/exports/national-register",
    summary="National section 22 agreements (Appendix B)",
    responses=_formats(REGISTER_FORMATS),
)
def national_register(
    engine: EngineDep,
    format: str = Query(
        "csv", pattern=_choice(REGISTER_FORMATS), description=", ".join(REGISTER_FORMATS)
    ),
    region: str | None = Query(None, max_length=200),
    as_of: AsOf = None,
) -> Response:
    """National agreements: host or lead, purpose; with `region`, its forces' participation."""
    fmt = check_format(format, REGISTER_FORMATS)
    built = build_national_register(engine, region, as_of)
    return _file(render_register(built, fmt), fmt, export_file_name("register", "national", fmt))
