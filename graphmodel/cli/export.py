"""`collabgraph export`: Appendix-A artefacts from the graph (flowchart, s22 registers)."""

from __future__ import annotations

from pathlib import Path

import click

from graphmodel.cli.common import STDOUT, as_of_options, engine_session, fail, write_output
from graphmodel.errors import InvalidRequestError
from graphmodel.exports import (
    FLOWCHART_FORMATS,
    REGISTER_FORMATS,
    build_flowchart,
    build_national_register,
    build_register,
    check_format,
    render_flowchart,
    render_register,
)
from graphmodel.timeline import as_of_params

__all__ = ["export"]

_SUFFIX_FORMATS = {".mmd": "mermaid", ".gv": "dot", ".xml": "drawio"}


def _format(fmt: str | None, output: Path, allowed: tuple[str, ...]) -> str:
    """The --format given, or the one the output file's suffix names."""
    if fmt is None and str(output) == STDOUT:
        fail(f"give --format (one of {', '.join(allowed)}) to write to standard output")
    if fmt is None:
        suffix = output.suffix.lower()
        fmt = _SUFFIX_FORMATS.get(suffix, suffix.lstrip("."))
        if fmt not in allowed:
            fail(f"give --format (one of {', '.join(allowed)}); {output.name!r} does not say which")
    return check_format(fmt, allowed)


def _check_as_of(as_of: str | None) -> None:
    """Exit with a clear message when --as-of does not parse (before starting the engine)."""
    try:
        as_of_params(as_of, "--as-of")
    except InvalidRequestError as exc:
        fail(str(exc))


@click.group()
def export() -> None:
    """Export Appendix-A artefacts: the governance flowchart and the section 22 registers."""


@export.command()
@click.option(
    "--root",
    required=True,
    help="A board, programme, unit or region id (see `collabgraph search`).",
)
@as_of_options(
    "Facts holding at this date (YYYY, YYYY-MM, YYYY-MM-DD); default: the latest date of the "
    "sources drawn on."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FLOWCHART_FORMATS, case_sensitive=False),
    default=None,
    help="Output format (default: from the file suffix).",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The file to write; - for standard output.",
)
def flowchart(root: str, as_of: str | None, fmt: str | None, output: Path) -> None:
    """Draw the governance flowchart of a board, programme or region.

    Boards on top, what they govern and what reports to them below, with chairs (sole,
    co-chairs, rotating) and members in each board's box, a legend, the as-of date and the
    source documents. svg, png and pdf need Graphviz (apt-get install graphviz). Example:

      collabgraph export flowchart --root necb --format svg -o necb.svg
    """
    fmt_name = _format(fmt, output, FLOWCHART_FORMATS)
    _check_as_of(as_of)
    with engine_session() as engine:
        chart = build_flowchart(engine, root, as_of)
        data = render_flowchart(chart, fmt_name)
    write_output(
        output, data, f"the {fmt_name} flowchart of {chart.root_name} ({len(chart.nodes)} boxes)"
    )


@export.command()
@click.option("--region", default=None, help="A region id: east-midlands or east-midlands-region.")
@click.option(
    "--national", is_flag=True, help="The national section 22 agreements (Appendix B) instead."
)
@click.option(
    "--document", default=None, help="The edition of the register to export (default: the latest)."
)
@as_of_options("Facts holding at this date; default: the latest date of the sources drawn on.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REGISTER_FORMATS, case_sensitive=False),
    default=None,
    help="Output format (default: from the file suffix).",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The file to write; - for standard output.",
)
def register(
    region: str | None,
    national: bool,
    document: str | None,
    as_of: str | None,
    fmt: str | None,
    output: Path,
) -> None:
    """Export the section 22 register of a region (Appendix A), or the national one (Appendix B).

    One row per activity; a column per force of the region (Member, NP, Tbc, Withdrawn, ...);
    PCC, chief officer, operational and finance leads; comments; the citation of each row.
    With --national and --region, the national agreements with that region's participation.

      collabgraph export register --region east-midlands --format xlsx -o em-register.xlsx
    """
    fmt_name = _format(fmt, output, REGISTER_FORMATS)
    _check_as_of(as_of)
    if not national and not region:
        fail("give --region ID (or --national)")
    with engine_session() as engine:
        if national:
            built = build_national_register(engine, region, as_of)
        else:
            built = build_register(engine, region or "", as_of, document)
        data = render_register(built, fmt_name)
    write_output(output, data, f"{built.title} ({len(built.rows)} rows, {fmt_name})")
