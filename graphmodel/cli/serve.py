"""`collabgraph serve`: load the seed if the graph is empty, then serve the API and maps."""

from __future__ import annotations

from pathlib import Path

import click

from graphmodel.cli.common import Progress, engine_session
from graphmodel.loading import load_seed
from graphmodel.settings import Settings
from graphmodel.stats import graph_stats

__all__ = ["serve"]


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port."
)
@click.option("--seed", "seed_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Dataset to load when the graph is empty (default: the project's seed/).")  # fmt: skip
@click.option(
    "--reload-seed", is_flag=True, help="Reload the dataset even if the graph is not empty."
)
def serve(host: str, port: int, seed_dir: Path | None, reload_seed: bool) -> None:
    """Serve the HTTP API (docs at /docs) and the maps (/maps/...) with uvicorn.

    Loads the dataset first when the graph is empty, so a fresh machine needs only this
    command. Stop with Ctrl-C; the embedded engine is stopped (and saved) with it.
    """
    import uvicorn

    from api.app import create_app

    settings = Settings()
    seed_dir = seed_dir or settings.collabgraph_seed_dir
    with engine_session(settings) as engine:
        if reload_seed or not graph_stats(engine)["entities"]:
            report = load_seed(engine, seed_dir, Progress("loading"))
            click.echo(f"loaded {report.entities} entities and {report.relationships} relationships "
                       f"from {seed_dir}", err=True)  # fmt: skip
        click.echo(
            f"serving on http://{host}:{port}/ (API docs at http://{host}:{port}/docs)", err=True
        )
        uvicorn.run(create_app(settings, engine=engine), host=host, port=port, log_level="info")
