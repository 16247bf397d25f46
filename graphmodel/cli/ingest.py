"""`collabgraph ingest` and `collabgraph review`: a report in, cited facts out, after review."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
import yaml

from graphmodel.cli.common import fail, print_json
from graphmodel.errors import InvalidDataError, InvalidRequestError, NotFoundError
from graphmodel.settings import Settings

__all__ = ["ingest_command", "review_command"]

_SEED = click.option(
    "--seed",
    "seed_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="The dataset (default: the project's seed/, or COLLABGRAPH_SEED_DIR).",
)


def _refused(exc: InvalidDataError, what: str) -> None:
    click.secho(f"error: {what} ({exc}); nothing was written", fg="red", err=True)
    for problem in exc.problems:
        click.echo(f"  {problem}", err=True)
    sys.exit(1)


@click.command("ingest")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--document", required=True, help="A new document id for the report (a slug).")
@click.option("--title", default=None, help="The report's title (default: its first heading).")
@click.option("--date", default=None, help="The report's date, YYYY[-MM[-DD]] (default: read).")
@click.option("--issuer", default=None, help="The issuing body's entity id ('I', 'the PCC').")
@click.option("--body", default=None, help="The issuing body as written (documents.yaml).")
@click.option("--json", "as_json", is_flag=True, help="Print the proposals as JSON.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The proposals file to write (default: DOCUMENT.proposals.yaml; with --json, none).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing proposals file.")
@_SEED
def ingest_command(
    file: Path,
    document: str,
    title: str | None,
    date: str | None,
    issuer: str | None,
    body: str | None,
    as_json: bool,
    output: Path | None,
    force: bool,
    seed_dir: Path | None,
) -> None:
    """Read a report (text, Markdown, HTML, PDF, DOCX) and propose its cited facts.

    Proposes the entities it names (known ones, and new units, boards, programmes and
    agreements with a kind, aliases and a slug id), relationships in the schema's types
    with role, status, arrangement and dates, lifecycle statuses and money figures, each
    with its paragraph ref, a confidence and the supporting sentence. Nothing is loaded:
    review the proposals with `collabgraph review`. A bad file or document id is refused
    and nothing is written.

    \b
      collabgraph ingest decision-2024-017.pdf --document northumbria-pcc-2024-017 \\
          --issuer northumbria-pcc
    """
    from graphmodel.ingest import as_json as proposals_json
    from graphmodel.ingest import dump_proposals, ingest_file

    seed_dir = seed_dir or Settings().collabgraph_seed_dir
    if output is None and not as_json:
        output = Path(f"{document}.proposals.yaml")
    if output is not None and output.exists() and not force:
        fail(f"{output} exists: give another -o, or --force to overwrite it", code=1)
    try:
        proposals = ingest_file(
            file, document, seed_dir, title=title, date=date, issuer=issuer, body=body
        )
    except InvalidRequestError as exc:
        fail(str(exc))
        return
    except InvalidDataError as exc:
        _refused(exc, f"the seed data in {seed_dir} does not validate")
        return
    if output is not None:
        output.write_text(dump_proposals(proposals), encoding="utf-8")
    if as_json:
        print_json(proposals_json(proposals))
        return
    counts = {k: len(proposals.get(k) or []) for k in ("entities", "mentions", "relationships", "statuses", "figures", "registers")}  # fmt: skip
    click.echo(
        f"{file}: proposed {counts['entities']} new entities, {counts['mentions']} known "
        f"entities named, {counts['relationships']} relationships, {counts['statuses']} "
        f"statuses, {counts['figures']} figures, {counts['registers']} register tables"
    )
    click.echo(f"wrote {output}; next: collabgraph review {output}")


def _show(section: str, item: dict[str, Any], index: int, total: int) -> None:
    from graphmodel.ingest.review import summary

    proposal = item["proposal"]
    click.echo("")
    click.secho(f"[{index}/{total}] {section[:-1] if section.endswith('s') else section}: "
                f"{summary(section, item)}", bold=True)  # fmt: skip
    click.echo(
        f"  ref {item.get('ref', item.get('label', ''))}, confidence {proposal.get('confidence')}"
    )
    if proposal.get("closest_known"):
        click.echo(f"  close known entities: {', '.join(proposal['closest_known'])}")
    sentence = proposal.get("sentence")
    if sentence:
        click.echo(
            f"  \u201c{sentence}\u201d  (characters {proposal['span'][0]}-{proposal['span'][1]})"
        )


def _edit(section: str, item: dict[str, Any]) -> None:
    """Let the curator edit the item's fields as YAML (the proposal block stays)."""
    fields = {k: v for k, v in item.items() if k != "proposal"}
    text = click.edit(yaml.safe_dump(fields, sort_keys=False, allow_unicode=True))
    if text is None:
        text = click.prompt(
            "  fields as YAML on one line",
            default=yaml.safe_dump(fields, default_flow_style=True).strip(),
        )
    try:
        edited = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        click.echo(f"  not YAML ({exc}); unchanged")
        return
    if not isinstance(edited, dict):
        click.echo("  not a mapping; unchanged")
        return
    proposal = item["proposal"]
    item.clear()
    item.update(edited)
    item["proposal"] = proposal
    proposal["state"] = "accepted"
    proposal["edited"] = True


def _interactive(proposals: dict[str, Any], known: set[str]) -> bool:
    """Walk the undecided proposals; False if the curator quit before the end."""
    from graphmodel.ingest.review import merge, pending

    todo = pending(proposals)
    for index, (section, item) in enumerate(todo, start=1):
        if item["proposal"]["state"] != "proposed":
            continue  # decided by a merge or "accept the rest"
        _show(section, item, index, len(todo))
        choices = "a=accept r=reject e=edit s=skip A=accept the rest q=quit"
        if section == "entities":
            choices = choices.replace(" s=", " m=merge into a known id s=")
        answer = click.prompt(f"  {choices}", default="s", show_default=False).strip()
        if answer == "a":
            item["proposal"]["state"] = "accepted"
        elif answer == "r":
            item["proposal"]["state"] = "rejected"
        elif answer == "e":
            _edit(section, item)
        elif answer == "m" and section == "entities":
            close = item["proposal"].get("closest_known") or []
            target = click.prompt("  known entity id", default=close[0] if close else "").strip()
            while target not in known:
                target = click.prompt(f"  {target!r} is not a known id; known entity id").strip()
            merge(proposals, item["id"], target, known)
        elif answer == "A":
            for _, rest in pending(proposals):
                rest["proposal"]["state"] = "accepted"
            return True
        elif answer == "q":
            return False
    return True


@click.command("review")
@click.argument("proposals_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--accept-all", is_flag=True, help="Accept every undecided proposal.")
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=None,
    help="Accept undecided proposals at or above this confidence and reject the rest.",
)
@click.option(
    "--merge",
    "merges",
    multiple=True,
    metavar="NEW=KNOWN",
    help="Merge a proposed new entity into a known one (repeatable).",
)
@click.option("--no-registers", is_flag=True, help="Reject register tables (not imported).")
@click.option("--no-write", is_flag=True, help="Record the decisions only; write no seed facts.")
@click.option("--json", "as_json", is_flag=True, help="Print the review report as JSON.")
@_SEED
def review_command(
    proposals_file: Path,
    accept_all: bool,
    min_confidence: float | None,
    merges: tuple[str, ...],
    no_registers: bool,
    no_write: bool,
    as_json: bool,
    seed_dir: Path | None,
) -> None:
    """Review proposals from `collabgraph ingest`: accept, reject, edit, merge.

    Without --accept-all or --min-confidence it walks you through each undecided proposal
    with its supporting sentence. Decisions are saved in the proposals file; when none is
    left undecided, the accepted facts are validated with the whole seed and written as
    facts/DOCUMENT.yaml (with the document's entry in documents.yaml), and accepted
    register tables go through `collabgraph import register`. Then run `collabgraph load`.

    \b
      collabgraph review northumbria-pcc-2024-017.proposals.yaml --min-confidence 0.7
    """
    from graphmodel.dataset import read_dataset
    from graphmodel.ingest import read_proposals
    from graphmodel.ingest.proposals import write_proposals
    from graphmodel.ingest.review import decide, pending, write_accepted

    seed_dir = seed_dir or Settings().collabgraph_seed_dir
    try:
        proposals = read_proposals(proposals_file)
    except InvalidDataError as exc:
        _refused(exc, f"{proposals_file} is not a proposals file")
        return
    merge_map: dict[str, str] = {}
    for item in merges:
        new, sep, target = item.partition("=")
        if not sep or not new.strip() or not target.strip():
            fail(f"--merge: {item!r} is not NEW=KNOWN")
        merge_map[new.strip()] = target.strip()
    try:
        known = set(read_dataset(seed_dir).entities)
    except InvalidDataError as exc:
        _refused(exc, f"the seed data in {seed_dir} does not validate")
        return
    try:
        decide(
            proposals,
            accept_all=accept_all,
            min_confidence=min_confidence,
            merges=merge_map,
            reject_registers=no_registers,
            known=known,
        )
    except InvalidRequestError as exc:
        fail(f"{exc}; nothing was written")
    finished = True
    if not accept_all and min_confidence is None:
        finished = _interactive(proposals, known)
    write_proposals(proposals, proposals_file)
    left = len(pending(proposals))
    if not finished or left:
        click.echo(f"decisions saved in {proposals_file}; {left} proposals still undecided")
        return
    if no_write:
        click.echo(f"decisions saved in {proposals_file}; nothing written to {seed_dir}")
        return
    try:
        report = write_accepted(proposals, seed_dir)
    except InvalidDataError as exc:
        _refused(exc, "the accepted facts do not validate with the seed data")
        return
    except (InvalidRequestError, NotFoundError) as exc:
        fail(str(exc))
        return
    if as_json:
        print_json(report.as_dict())
        return
    accepted = ", ".join(f"{v} {k}" for k, v in report.accepted.items() if v)
    click.echo(f"accepted {accepted or 'nothing'}; wrote {report.facts_file}")
    for document in report.register_documents:
        click.echo(f"register table imported as document {document}")
    for reason in report.dropped:
        click.echo(f"  dropped: {reason}", err=True)
    click.echo("run `collabgraph validate` and `collabgraph load` to put it in the graph")
