"""`collabgraph synth`: write a synthetic national network shaped like the seed data."""

from __future__ import annotations

from pathlib import Path

import click

from graphmodel.cli.common import fail, print_json
from graphmodel.errors import CollabGraphError
from graphmodel.settings import Settings
from graphmodel.synth import MIN_ENTITIES, write_synthetic

__all__ = ["synth"]


@click.command()
@click.option(
    "--entities",
    "-n",
    type=click.IntRange(min=MIN_ENTITIES),
    default=2000,
    show_default=True,
    help="How many entities to generate (43 forces, 10 regions and 43 PCCs included).",
)
@click.option(
    "--seed",
    "-s",
    "random_seed",
    type=int,
    default=0,
    show_default=True,
    help="Random seed: the same seed and size give the same files.",
)
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Directory to write (documents.yaml, entities/, facts/).",
)
@click.option("--overwrite", is_flag=True, help="Replace a dataset already in the directory.")
@click.option("--json", "as_json", is_flag=True, help="Print what was written as JSON.")
def synth(entities: int, random_seed: int, out_dir: Path, overwrite: bool, as_json: bool) -> None:
    """Write a synthetic dataset shaped like the seed data, for benchmarks and scale tests.

    The 43 territorial forces in their regions, a PCC for each, national bodies, and units,
    programmes, agreements, boards, workstreams, organisations and people in the seed's
    proportions, related with the seed's relationship patterns and degree distributions,
    every fact cited to a synthetic document. Load it with `collabgraph load --seed DIR`.
    """
    if (out_dir / "documents.yaml").exists() and not overwrite:
        fail(f"{out_dir} already holds a dataset", "pass --overwrite to replace it")
    try:
        report = write_synthetic(out_dir, entities, random_seed, Settings().collabgraph_seed_dir)
    except CollabGraphError as exc:
        fail(str(exc))
        return
    if as_json:
        print_json(report.as_dict())
        return
    click.echo(
        f"{out_dir}: {report.entities:,} entities, {report.relationships:,} relationships, "
        f"{report.statuses:,} statuses, {report.figures:,} figures from {report.documents:,} "
        f"documents (seed {report.seed})"
    )
