"""The maps: /maps lists the views, /maps/{view} draws one as a self-contained page and
/maps/{view}.json|.graphml|.gexf gives its data."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.deps import AsOfDep, EngineDep
from graphmodel.maps import (
    DATA_FORMATS,
    MapQuery,
    data_filename,
    graph_data,
    map_graph,
    render_page,
)
from graphmodel.maps.render import render_index
from graphmodel.maps.sizing import SIZE_MEASURES, size_nodes

router = APIRouter(tags=["maps"])

Region = Annotated[
    str | None,
    Query(
        max_length=200,
        examples=["east-midlands"],
        description="a region id, with or without -region",
    ),
]
Entity = Annotated[
    str | None, Query(max_length=200, examples=["west-yorkshire"], description="an entity id")
]
AsOf = AsOfDep  # as_of and include_unstated (graphmodel.timeline)
Size = Annotated[
    str | None,
    Query(
        pattern="^(" + "|".join(SIZE_MEASURES) + ")$",
        description="size nodes by: " + "; ".join(f"{k}: {v}" for k, v in SIZE_MEASURES.items()),
    ),
]


def _links(request: Request, view: str) -> dict[str, str]:
    query = f"?{request.url.query}" if request.url.query else ""
    root = request.scope.get("root_path", "")
    return {fmt: f"{root}/maps/{view}.{fmt}{query}" for fmt in DATA_FORMATS}


@router.get("/maps", response_class=HTMLResponse, summary="The map views")
def maps_index(request: Request) -> HTMLResponse:
    """A page listing the map views with links to each."""
    return HTMLResponse(render_index(request.scope.get("root_path", "")))


@router.get(
    "/maps/{view}.{fmt}",
    summary="A map's data as JSON, GraphML or GEXF",
    responses={
        200: {
            "description": "The map's data, as a download",
            "content": {media: {"schema": {}} for media in DATA_FORMATS.values()},
        }
    },
)
def map_data(
    view: str,
    fmt: str,
    engine: EngineDep,
    region: Region = None,
    entity: Entity = None,
    as_of: AsOf = None,
    size: Size = None,
) -> Response:
    """The nodes and relationships of a map, with their citations, as a file for other tools."""
    graph = map_graph(engine, MapQuery(view, region, entity, as_of))
    if size:
        size_nodes(graph, engine, size)
    text = graph_data(graph, fmt)
    disposition = f'attachment; filename="{data_filename(graph, fmt)}"'
    return Response(
        text, media_type=DATA_FORMATS[fmt], headers={"Content-Disposition": disposition}
    )


@router.get("/maps/{view}", response_class=HTMLResponse, summary="A network map")
def map_page(
    request: Request,
    view: str,
    engine: EngineDep,
    region: Region = None,
    entity: Entity = None,
    as_of: AsOf = None,
    size: Size = None,
) -> HTMLResponse:
    """An interactive map: leads, governance, participation or neighbourhood. Self-contained."""
    graph = map_graph(engine, MapQuery(view, region, entity, as_of))
    if size:
        size_nodes(graph, engine, size)
    root = request.scope.get("root_path", "")
    return HTMLResponse(render_page(graph, api_base=root, download_links=_links(request, view)))
