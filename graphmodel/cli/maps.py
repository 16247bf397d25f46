"""`collabgraph map`: a network map exported as a self-contained HTML page (or its data)."""

from __future__ import annotations

from pathlib import Path

import click

from graphmodel.cli.common import STDOUT, as_of_options, engine_session, fail, write_output
from graphmodel.maps import DATA_FORMATS, VIEWS, MapQuery, exported_page, graph_data, map_graph
from graphmodel.maps.sizing import SIZE_MEASURES, size_nodes
from graphmodel.timeline import as_of_params

__all__ = ["map_command"]

_SUFFIXES = {".html": "html", ".htm": "html", **{f".{fmt}": fmt for fmt in DATA_FORMATS}}


@click.command("map")
@click.option("--view", required=True, type=click.Choice(list(VIEWS)), help="What the map shows.")
@click.option(
    "--entity", default=None, help="Draw around this entity id (needed by --view neighbourhood)."
)
@click.option(
    "--region", default=None, help="Narrow to a region id (east-midlands or east-midlands-region)."
)
@as_of_options(
    "The date to show (YYYY, YYYY-MM or YYYY-MM-DD): data files hold only what held then; a page"
    " carries every date and opens at this one."
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The file to write: .html (the map), or .json, .graphml or .gexf (its data); "
    "- for standard output.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", *DATA_FORMATS]),
    default=None,
    help="What to write (default: from the file suffix; html for standard output).",
)
@click.option(
    "--size",
    type=click.Choice(list(SIZE_MEASURES)),
    default=None,
    help="Size nodes by a measure (default: the view's own). "
    + "; ".join(f"{k}: {v}" for k, v in SIZE_MEASURES.items()),
)
@click.option(
    "--api-url",
    default=None,
    help="Link each entity to its JSON on this server (http://host:port).",
)
def map_command(
    view: str,
    entity: str | None,
    region: str | None,
    as_of: str | None,
    output: Path,
    fmt: str | None,
    size: str | None,
    api_url: str | None,
) -> None:
    """Export a network map of who leads, governs or takes part in what.

    The HTML page is self-contained: it opens in a browser with no network, and carries its
    data as JSON, GraphML and GEXF downloads. Examples:

      collabgraph map --view governance --region east-midlands -o em-governance.html

      collabgraph map --view neighbourhood --entity staffordshire -o staffs.gexf

      collabgraph map --view leads --format json -o - | jq '.nodes | length'
    """
    fmt = fmt or ("html" if str(output) == STDOUT else _SUFFIXES.get(output.suffix.lower()))
    if fmt is None:
        fail(
            f"{output}: unknown file type {output.suffix!r}", "use .html, .json, .graphml or .gexf"
        )
        return
    with engine_session() as engine:
        # A page carries every date and filters by itself; data files hold the date asked for.
        as_of_params(as_of, "--as-of")  # a date that does not parse is refused either way
        dated = None if fmt == "html" else as_of
        graph = map_graph(engine, MapQuery(view, region, entity, dated))
        if size:
            size_nodes(graph, engine, size)
    text = (
        exported_page(graph, api_url.rstrip("/") if api_url else None, as_of)
        if fmt == "html"
        else graph_data(graph, fmt)
    )
    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    note = f" ({graph.graph['empty_reason']})" if graph.graph.get("empty_reason") else ""
    what = f"the {view} map ({fmt}, {nodes} entities, {edges} relationships{note})"
    write_output(output, text.encode("utf-8"), what)
