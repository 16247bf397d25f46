"""The `collabgraph` command line. Each module here adds one group of commands."""

from __future__ import annotations

import click

from graphmodel.cli.data import load, search_command, show, stats, validate

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="collabgraph")
def main() -> None:
    """The police collaboration graph: UK police collaboration reports as a cited graph.

    Uses the embedded FalkorDB engine (data in COLLABGRAPH_DATA_DIR) unless NEO4J_URI is
    set, in which case it uses that Neo4j server (NEO4J_USERNAME, NEO4J_PASSWORD,
    NEO4J_DATABASE). Start with `collabgraph load`, then `collabgraph stats`.
    """


for command in (load, validate, stats, search_command, show):
    main.add_command(command)


def _register_optional() -> None:
    """Command groups that live in their own modules (added as they are built)."""
    import importlib

    for module, name in (
        ("graphmodel.cli.serve", "serve"),
        ("graphmodel.cli.export", "export"),
        ("graphmodel.cli.importing", "import_command"),
        ("graphmodel.cli.maps", "map_command"),
        ("graphmodel.cli.analyse", "analyse"),
        ("graphmodel.cli.synth", "synth"),
    ):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name == module:
                continue
            raise
        main.add_command(getattr(mod, name))


_register_optional()
