"""Commands on the dataset and the loaded graph: validate, load, stats, search."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graphmodel.cli.common import Progress, as_of_options, engine_session, print_json
from graphmodel.dataset import read_dataset
from graphmodel.errors import InvalidDataError
from graphmodel.loading import load_seed
from graphmodel.search import search
from graphmodel.settings import Settings
from graphmodel.stats import graph_stats

__all__ = ["validate", "load", "stats", "search_command", "show"]

seed_option = click.option(
    "--seed",
    "seed_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="The dataset directory (default: the project's seed/, or COLLABGRAPH_SEED_DIR).",
)


@click.command()
@seed_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def validate(seed_dir: Path | None, as_json: bool) -> None:
    """Check a dataset against the schema without loading it.

    Every problem is listed with its file, line and field. Exit code 1 if any error;
    warnings (time gaps that answers note but that do not contradict) are listed too.
    """
    seed_dir = seed_dir or Settings().collabgraph_seed_dir
    try:
        dataset = read_dataset(seed_dir)
    except InvalidDataError as exc:
        if as_json:
            print_json({"valid": False, "problems": [p.__dict__ for p in exc.problems]})
        else:
            click.secho(f"{seed_dir}: {exc}", fg="red", err=True)
            for problem in exc.problems:
                click.echo(f"  {problem}", err=True)
        sys.exit(1)
    summary = {
        "valid": True,
        "warnings": [p.__dict__ for p in dataset.warnings],
        "seed": str(seed_dir),
        "documents": len(dataset.documents),
        "entities": len(dataset.entities),
        "relationships": len(dataset.relationships),
        "statuses": len(dataset.statuses),
        "figures": len(dataset.figures),
    }
    if as_json:
        print_json(summary)
    else:
        click.echo(
            f"{seed_dir}: valid: {summary['entities']} entities, {summary['relationships']} "
            f"relationships, {summary['statuses']} statuses, {summary['figures']} figures "
            f"from {summary['documents']} documents"
            + (f"; {len(dataset.warnings)} warnings" if dataset.warnings else "")
        )
        for warning in dataset.warnings:
            click.echo(f"  {warning}", err=True)


@click.command()
@seed_option
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
@click.option("--json", "as_json", is_flag=True, help="Print the load report as JSON.")
def load(seed_dir: Path | None, quiet: bool, as_json: bool) -> None:
    """Validate the dataset and load it, replacing the graph in one step.

    Nothing is written if any file has a problem: every problem is listed with its file,
    line and field, and the graph already loaded stays exactly as it was.
    """
    settings = Settings()
    seed_dir = seed_dir or settings.collabgraph_seed_dir
    with engine_session(settings) as engine:
        report = load_seed(engine, seed_dir, Progress("loading", quiet or as_json))
    if as_json:
        print_json(report.as_dict())
    else:
        click.echo(
            f"loaded {report.entities} entities, {report.relationships} relationships, "
            f"{report.statuses} statuses and {report.figures} figures from {report.documents} "
            f"documents in {report.seconds:.2f}s"
        )


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats(as_json: bool) -> None:
    """What the loaded graph holds: entities by kind, relationships by type, documents cited.

    `unsourced` counts nodes and relationships without a source; it should be 0.
    """
    with engine_session() as engine:
        data = graph_stats(engine)
    if as_json:
        print_json(data)
        return
    if not data["entities"]:
        click.echo("the graph is empty: run `collabgraph load`")
        return
    click.echo(f"{data['entities']} entities, {data['relationships']} relationships "
               f"({data['statuses']} statuses, {data['figures']} figures) on {data['engine']}")  # fmt: skip
    click.echo("\nentities by kind:")
    for kind, count in data["entities_by_kind"].items():
        click.echo(f"  {kind:<18} {count:>6}")
    click.echo("\nrelationships by type:")
    for rtype, count in data["relationships_by_type"].items():
        click.echo(f"  {rtype:<18} {count:>6}")
    click.echo("\ndocuments cited:")
    for doc in data["documents"]:
        click.echo(f"  {doc['document']:<32} {doc['date'] or '':<11} {doc['entities']:>4} entities "
                   f"{doc['relationships']:>5} relationships")  # fmt: skip
    unsourced = data["unsourced"]
    click.echo(f"\nunsourced: {unsourced['total']} ({unsourced['nodes']} nodes, "
               f"{unsourced['relationships']} relationships)")  # fmt: skip


@click.command("search")
@click.argument("text")
@click.option("--limit", default=20, show_default=True, help="At most this many results.")
@click.option("--json", "as_json", is_flag=True, help="Print {results: [...]} as JSON.")
def search_command(text: str, limit: int, as_json: bool) -> None:
    """Find entities by name, abbreviation or alias (case-insensitive), best match first."""
    with engine_session() as engine:
        results = search(engine, text, limit)
    if as_json:
        print_json({"results": results})
        return
    if not results:
        click.echo(f"nothing matches {text!r}")
        return
    for row in results:
        aliases = ", ".join(row["aliases"])
        click.echo(
            f"{row['id']:<40} {row['kind']:<13} {row['name']}"
            + (f"  [{aliases}]" if aliases else "")
        )
        click.echo(f"{'':<40} cited: {_citations(row['sources'])}")


def _citations(sources: list[dict[str, str]]) -> str:
    return "; ".join(f"{s['document']} {s['ref']}" for s in sources)


@click.command("show")
@click.argument("entity_id")
@as_of_options("Only facts holding at this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="Print the entity as JSON (the API's shape).")
def show(entity_id: str, as_of: str | None, as_json: bool) -> None:
    """One entity with every relationship and status, each with its citation."""
    from graphmodel.entities import get_entity

    with engine_session() as engine:
        entity = get_entity(engine, entity_id, as_of)
    if as_json:
        print_json(entity)
        return
    if entity.get("time", {}).get("note"):
        click.echo(f"({entity['time']['note']})")
    click.echo(f"{entity['name']} ({entity['kind']}, {entity['id']})")
    if entity["aliases"]:
        click.echo(f"  also: {', '.join(entity['aliases'])}")
    click.echo(f"  cited: {_citations(entity['sources'])}")
    for key, value in entity["properties"].items():
        click.echo(f"  {key}: {value}")
    for status in entity["statuses"]:
        until = f" to {status['valid_to']} ({status['to_basis']})" if status["valid_to"] else ""
        click.echo(
            f"  status {status['status']} from {status['valid_from'] or '?'}"
            f" ({status['from_basis']}){until}"
            f"  [{_citations(status['sources'])}]"
        )
    for rel in entity["relationships"]:
        arrow = "->" if rel["direction"] == "out" else "<-"
        qualifier = rel.get("role") or rel.get("status") or rel.get("arrangement") or ""
        label = f"{rel['type']}({qualifier})" if qualifier else rel["type"]
        props = rel["properties"]
        when = f" from {props.get('valid_from') or '?'} ({props.get('from_basis')})"
        if props.get("valid_to"):
            when += f" to {props['valid_to']} ({props.get('to_basis')})"
        click.echo(
            f"  {arrow} {label} {rel['other']['name']} [{rel['other']['id']}]{when}"
            f"  [{_citations(rel['sources'])}]"
        )
