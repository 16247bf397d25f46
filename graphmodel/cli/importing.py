"""`collabgraph import`: bring a force's own register into the curated dataset as seed facts."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graphmodel.cli.common import fail, print_json
from graphmodel.errors import InvalidDataError, InvalidRequestError, NotFoundError
from graphmodel.exports.importing import import_register
from graphmodel.settings import Settings

__all__ = ["import_command"]


@click.group("import")
def import_command() -> None:
    """Import data into the seed dataset (validated like all seed data)."""


@import_command.command("register")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--region", required=True, help="The region whose register this is (east-midlands).")
@click.option(
    "--document", required=True, help="A new document id for the register (cited by every row)."
)
@click.option(
    "--seed",
    "seed_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="The dataset to add it to (default: the project's seed/, or COLLABGRAPH_SEED_DIR).",
)
@click.option("--title", default=None, help="The document's title (default: from the file name).")
@click.option("--date", default=None, help="The register's date, YYYY[-MM[-DD]] (default: today).")
@click.option(
    "--blank-member",
    is_flag=True,
    help="Read a blank force cell as Member (document 003's convention).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the import report as JSON.")
def import_register_command(
    file: Path,
    region: str,
    document: str,
    seed_dir: Path | None,
    title: str | None,
    date: str | None,
    blank_member: bool,
    as_json: bool,
) -> None:
    """Import a section 22 register (CSV or xlsx, as `collabgraph export register` writes it).

    Each row becomes an agreement of the region's register, with its participation and
    leads, citing the new document and the row. A file with an unknown force column, an
    unknown participation value, a blank activity or a malformed row is refused, every
    problem named by row and column, and nothing is written. Then run `collabgraph load`.

      collabgraph import register em-2024.xlsx --region east-midlands --document em-s22-2024
    """
    seed_dir = seed_dir or Settings().collabgraph_seed_dir
    try:
        report = import_register(
            file, region, document, seed_dir, title=title, date=date, blank_member=blank_member
        )
    except InvalidDataError as exc:
        click.secho(
            f"error: {file}: register refused ({exc}); nothing was written", fg="red", err=True
        )
        for problem in exc.problems:
            if problem.file != str(file):  # the seed data with the new facts did not validate
                click.echo(f"  {problem}", err=True)
                continue
            where = f"row {problem.line}" if problem.line else "file"
            click.echo(
                f"  {where}, column {problem.field}: {problem.message}"
                + (f" ({problem.hint})" if problem.hint else ""),
                err=True,
            )
        sys.exit(1)
    except NotFoundError as exc:
        fail(str(exc), "`collabgraph search TEXT` finds region ids")
    except InvalidRequestError as exc:
        fail(str(exc))
    if as_json:
        print_json(report.as_dict())
        return
    click.echo(
        f"imported {report.rows} rows of {report.register} ({report.relationships} relationships"
        f"{', ' + str(len(report.new_people)) + ' new people' if report.new_people else ''}) "
        f"as document {report.document}: {report.facts_file}"
    )
    click.echo("run `collabgraph load` to put it in the graph")
