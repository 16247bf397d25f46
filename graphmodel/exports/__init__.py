"""Appendix-A exports: governance flowcharts and section 22 registers, from the graph.

    build_flowchart(engine, root, as_of) -> Flowchart     render_flowchart(chart, fmt) -> bytes
    build_register(engine, region, ...)  -> Register      render_register(register, fmt) -> bytes
    build_national_register(engine, ...) -> Register
    import_register(file, region, document, seed_dir)     -> ImportReport (seed facts written)

Builders run named queries (cypher/queries/exports.cypher); renderers only draw what they
are given. `export_file_name` and `CONTENT_TYPES` are shared by the CLI and the API.
"""

from __future__ import annotations

from graphmodel.errors import InvalidRequestError
from graphmodel.exports.flowchart import Flowchart, build_flowchart
from graphmodel.exports.flowchart_render import (
    FLOWCHART_FORMATS,
    GraphvizMissingError,
    render_flowchart,
)
from graphmodel.exports.register import (
    REGISTER_FORMATS,
    Register,
    build_national_register,
    build_register,
)
from graphmodel.exports.register_render import render_register

__all__ = [
    "Flowchart",
    "Register",
    "GraphvizMissingError",
    "FLOWCHART_FORMATS",
    "REGISTER_FORMATS",
    "CONTENT_TYPES",
    "build_flowchart",
    "render_flowchart",
    "build_register",
    "build_national_register",
    "render_register",
    "check_format",
    "export_file_name",
]

CONTENT_TYPES = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "pdf": "application/pdf",
    "dot": "text/vnd.graphviz; charset=utf-8",
    "mermaid": "text/vnd.mermaid; charset=utf-8",
    "drawio": "application/vnd.jgraph.mxfile",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}
_EXTENSIONS = {"mermaid": "mmd", "drawio": "drawio"}


def check_format(fmt: str | None, allowed: tuple[str, ...], parameter: str = "format") -> str:
    """`fmt` lower-cased if it is in `allowed`; else InvalidRequestError naming `parameter`."""
    value = (fmt or "").strip().lower()
    if value not in allowed:
        raise InvalidRequestError(
            parameter, f"{fmt!r} is not offered; use one of: " + ", ".join(allowed)
        )
    return value


def export_file_name(what: str, subject: str, fmt: str, as_of: str | None = None) -> str:
    """A file name for an export: 'flowchart-necb-2020-10-26.svg', 'register-east-midlands.csv'."""
    stem = f"{what}-{subject}" + (f"-{as_of}" if as_of else "")
    return f"{stem}.{_EXTENSIONS.get(fmt, fmt)}"
