"""The `collabgraph` command line. Each module here adds one group of commands."""

from __future__ import annotations

import importlib
from typing import Any

import click

from graphmodel.cli.data import load, search_command, show, stats, validate
from graphmodel.cli.failures import reported_failures

__all__ = ["main"]


# Commands whose modules pull in heavy libraries (Graphviz, pyvis, networkx, uvicorn) are
# imported only when they run, so `collabgraph stats` starts quickly.
_LAZY = {
    "serve": ("graphmodel.cli.serve", "serve"),
    "export": ("graphmodel.cli.export", "export"),
    "import": ("graphmodel.cli.importing", "import_command"),
    "map": ("graphmodel.cli.maps", "map_command"),
    "analyse": ("graphmodel.cli.analyse", "analyse"),
    "synth": ("graphmodel.cli.synth", "synth"),
    "ingest": ("graphmodel.cli.ingest", "ingest_command"),
    "review": ("graphmodel.cli.ingest", "review_command"),
}


class _Commands(click.Group):
    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line; a bad setting or a full disk is one line, not a traceback."""
        with reported_failures():
            return super().main(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *_LAZY])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in _LAZY:
            module, attribute = _LAZY[cmd_name]
            command: click.Command = getattr(importlib.import_module(module), attribute)
            return command
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=_Commands,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="collabgraph")
def main() -> None:
    """The police collaboration graph: UK police collaboration reports as a cited graph.

    Uses the embedded FalkorDB engine (data in COLLABGRAPH_DATA_DIR) unless NEO4J_URI is
    set, in which case it uses that Neo4j server (NEO4J_USERNAME, NEO4J_PASSWORD,
    NEO4J_DATABASE). Start with `collabgraph load`, then `collabgraph stats`.
    """


for command in (load, validate, stats, search_command, show):
    main.add_command(command)
