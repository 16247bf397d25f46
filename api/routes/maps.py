"""The maps: /maps lists the views, /maps/{view} draws one as a self-contained page,
/maps/{view}/drawing gives what the page draws (its redraws fetch it) and
/maps/{view}.json|.graphml|.gexf gives its data."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import AsOfDep, EngineDep
from api.responses import JSONResponse
from graphmodel.engine.base import Engine
from graphmodel.maps import (
    DATA_FORMATS,
    MapQuery,
    data_filename,
    graph_data,
    map_choices,
    map_graph,
    page_payload,
    render_page,
)
from graphmodel.maps.render import render_index
from graphmodel.maps.sizing import SIZE_MEASURES, size_nodes
from graphmodel.maps.views import VIEWS

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


def _root(request: Request) -> str:
    return str(request.scope.get("root_path", ""))


def _links(request: Request, view: str) -> dict[str, str]:
    query = f"?{request.url.query}" if request.url.query else ""
    return {fmt: f"{_root(request)}/maps/{view}.{fmt}{query}" for fmt in DATA_FORMATS}


def _graph(engine: Engine, query: MapQuery, size: str | None) -> Any:
    graph = map_graph(engine, query)
    if size:
        size_nodes(graph, engine, size)
    return graph


@router.get("/maps", response_class=HTMLResponse, summary="The map views")
def maps_index(request: Request, engine: EngineDep) -> HTMLResponse:
    """A page listing the map views, with a region, entity and date to open each with."""
    return HTMLResponse(render_index(_root(request), map_choices(engine)))


@router.get("/maps/open/neighbourhood", include_in_schema=False)
def open_neighbourhood(
    request: Request,
    entity: Annotated[str, Query(min_length=1, max_length=200)],
    as_of: Annotated[str, Query(max_length=10)] = "",
) -> RedirectResponse:
    """The index's form: a browser sends its empty date field as `as_of=`; go to the
    neighbourhood map with only the fields that were filled in."""
    params = {"entity": entity, **({"as_of": as_of} if as_of else {})}
    return RedirectResponse(f"{_root(request)}/maps/neighbourhood?{urlencode(params)}", 303)


@router.get("/maps/{view}/drawing", summary="What a map page draws, as JSON")
def map_drawing(
    request: Request,
    view: str,
    engine: EngineDep,
    region: Region = None,
    entity: Entity = None,
    as_of: AsOf = None,
    size: Size = None,
) -> JSONResponse:
    """The nodes (laid out), relationships, legend, details with citations and dates of a map:
    what the page at /maps/{view} draws; the page fetches it to redraw for another date,
    region or entity."""
    graph = _graph(engine, MapQuery(view, region, entity, as_of), size)
    links = _links(request, view)
    return JSONResponse(
        page_payload(graph, api_base=_root(request), served=True, download_links=links)
    )


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
    graph = _graph(engine, MapQuery(view, region, entity, as_of), size)
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
) -> Response:
    """An interactive map: leads, governance, participation or neighbourhood. Self-contained.
    A view that needs an entity, opened without one, sends the reader to the entity picker."""
    if view in VIEWS and VIEWS[view].needs_entity and not entity:
        return RedirectResponse(f"{_root(request)}/maps#{view}", status_code=303)
    graph = _graph(engine, MapQuery(view, region, entity, as_of), size)
    return HTMLResponse(
        render_page(
            graph,
            api_base=_root(request),
            download_links=_links(request, view),
            choices=map_choices(engine),
        )
    )
