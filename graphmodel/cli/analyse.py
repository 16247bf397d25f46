"""`collabgraph analyse ...`: the network analyses from the command line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from graphmodel import analysis
from graphmodel.analysis.network import cite
from graphmodel.cli.common import as_of_options, engine_session, print_json

__all__ = ["analyse"]

Table = Callable[[dict[str, Any]], list[dict[str, Any]]]


def _output(options: Callable[..., Any]) -> Callable[..., Any]:
    options = click.option(
        "--csv",
        "as_csv",
        is_flag=True,
        help="Print flat CSV rows: the API's columns (citations in `sources`).",
    )(options)
    return click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")(
        options
    )


# The name of each analysis table in graphmodel.tables.COLUMNS.
_TABLE_NAMES: dict[Table, str] = {
    analysis.concentration_table: "concentration",
    analysis.impact_table: "impact",
    analysis.overlap_table: "overlap",
    analysis.structure_table: "structure",
    analysis.diff_table: "diff",
    analysis.ledger_table: "benefits",
}

as_of_option = as_of_options()
region_option = click.option(
    "--region", default=None, help="Region id or police.uk name, e.g. east-midlands."
)


def _emit(
    result: dict[str, Any],
    table: Table,
    as_json: bool,
    as_csv: bool,
    text: Callable[[dict[str, Any]], None],
) -> None:
    if as_json:
        print_json(result)
    elif as_csv:  # the columns of the API's CSV answer for the same analysis
        click.echo(analysis.csv_text(table(result), _TABLE_NAMES[table]), nl=False)
        if result.get("note"):
            click.echo(result["note"], err=True)
    elif result.get("note"):
        click.echo(result["note"])
    else:
        text(result)


@click.group()
def analyse() -> None:
    """Network analyses: concentration, impact, overlap, structure, diff, benefits."""


@analyse.command()
@region_option
@click.option("--force", default=None, help="Only this force or PCC.")
@as_of_option
@_output
def concentration(
    region: str | None, force: str | None, as_of: str | None, as_json: bool, as_csv: bool
) -> None:
    """What each force and PCC leads or hosts, by role, with its share of the collaborations."""

    def text(result: dict[str, Any]) -> None:
        scope = result["region"]["name"] if result["region"] else "national"
        click.echo(f"{result['collaborations']} collaborations in scope ({scope})")
        for e in result["results"]:
            click.echo(
                f"{e['rank']:>3}. {e['leader']['name']} ({e['leader']['id']}): leads {e['leads']} "
                f"({e['share']:.1%}), lead force or host of {e['lead_or_host']}"
            )
            for role, targets in e["roles"].items():
                click.echo(f"       {role}: " + ", ".join(t["name"] for t in targets))

    with engine_session() as engine:
        result = analysis.lead_concentration(engine, region=region, force=force, as_of=as_of)
    _emit(result, analysis.concentration_table, as_json, as_csv, text)


@analyse.command()
@click.argument("force")
@as_of_option
@_output
def impact(force: str, as_of: str | None, as_json: bool, as_csv: bool) -> None:
    """What FORCE (with its PCC) withdrawing would break."""

    def text(result: dict[str, Any]) -> None:
        click.echo(
            f"If {result['force']['name']} withdrew ({result['as_of'] or 'facts still open'}):"
        )
        for c in result["collaborations"]:
            share = f", {c['cost_share_lost']:g}% of funding" if c["cost_share_lost"] else ""
            click.echo(
                f"  {c['collaboration']['name']}: {', '.join(c['effects']) or 'no effect'}"
                f" (members {c['members_before']} -> {c['members_after']}{share})"
            )
        for b in result["boards"]:
            click.echo(
                f"  board {b['board']['name']}: {', '.join(b['effects'])} "
                f"(members {b['members_before']} -> {b['members_after']})"
            )
        for g in result["governance"]:
            path = (
                "keeps a governance path"
                if g["keeps_governance_path"]
                else "LOSES its governance path"
            )
            click.echo(
                f"  governance of {g['entity']['name']}: loses "
                f"{', '.join(x['id'] for x in g['lost_governors'])}; {path}"
            )

    with engine_session() as engine:
        result = analysis.withdrawal_impact(engine, force, as_of=as_of)
    _emit(result, analysis.impact_table, as_json, as_csv, text)


@analyse.command()
@region_option
@click.option(
    "--kind", default=None, help="Only collaborations of this kind (agreement, unit, ...)."
)
@click.option(
    "--register", default=None, help="Only rows of this register, e.g. east-midlands-s22."
)
@as_of_option
@_output
def overlap(
    region: str | None,
    kind: str | None,
    register: str | None,
    as_of: str | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    """The force-by-force matrix of shared collaborations."""

    def text(result: dict[str, Any]) -> None:
        forces = [f["id"] for f in result["forces"]]
        width = max(len(f) for f in forces)
        click.echo(" " * width + " " + " ".join(f[:6].rjust(6) for f in forces))
        for a in forces:
            cells = " ".join(str(result["matrix"][a][b]["shared"]).rjust(6) for b in forces)
            click.echo(a.ljust(width) + " " + cells)
        click.echo("\nmost shared:")
        for p in result["pairs"][:10]:
            click.echo(
                f"  {p['a']['id']} + {p['b']['id']}: {p['shared']} (Jaccard {p['jaccard']:.2f})"
            )

    with engine_session() as engine:
        result = analysis.force_overlap(
            engine, region=region, kind=kind, register=register, as_of=as_of
        )
    _emit(result, analysis.overlap_table, as_json, as_csv, text)


@analyse.command()
@as_of_option
@click.option("--top", default=15, show_default=True, help="How many of each ranking to show.")
@_output
def structure(as_of: str | None, top: int, as_json: bool, as_csv: bool) -> None:
    """Centrality, articulation points, bridges and communities against the regions."""

    def text(result: dict[str, Any]) -> None:
        click.echo(
            f"{result['nodes']} entities, {result['edges']} links, "
            f"{result['components']} components"
        )
        click.echo("most central (betweenness):")
        for c in result["centrality"]:
            click.echo(
                f"  {c['rank']:>3}. {c['name']} ({c['kind']}): {c['betweenness']:.3f}, "
                f"degree {c['degree']:.3f}"
            )
        click.echo("articulation points (entities whose loss splits the network):")
        for a in result["articulation_points"]:
            click.echo(
                f"  {a['entity']['name']}: cuts off {a['nodes_cut_off']} "
                f"in {a['pieces'] - 1} pieces"
            )
        click.echo(f"communities against police.uk regions (purity {result['region_purity']}):")
        for c in result["communities"]:
            if c["forces"]:
                click.echo(
                    f"  {c['community']}: {c['size']} entities; "
                    f"forces: {', '.join(f['id'] for f in c['forces'])}"
                )

    with engine_session() as engine:
        result = analysis.network_structure(engine, as_of=as_of, top=top)
    _emit(result, analysis.structure_table, as_json, as_csv, text)


@analyse.command()
@click.option("--from", "date_from", required=True, help="The earlier date.")
@click.option("--to", "date_to", required=True, help="The later date.")
@_output
def diff(date_from: str, date_to: str, as_json: bool, as_csv: bool) -> None:
    """What started, ended, changed status or lead between two dates."""

    def text(result: dict[str, Any]) -> None:
        click.echo(
            f"{result['from']} -> {result['to']}: "
            + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in result["summary"].items())
        )
        for e in result["entities_ended"]:
            after = "; ".join(
                f"succeeded by {h['to']['name']} from {h['since']}" for h in e["succeeded_by"]
            )
            click.echo(f"  ended: {e['name']} ({e['valid_to'] or 'date not given'}) {after}")
        for h in result["handovers"]:
            click.echo(f"  handover: {h['from']['name']} -> {h['to']['name']} ({h['since']})")
        for c in result["lead_changes"]:
            click.echo(f"  lead changed: {c['collaboration']['name']}")
        for c in result["participation_changes"]:
            click.echo(
                f"  {c['participant']['name']} in {c['collaboration']['name']}: "
                f"{', '.join(c['before'])} -> {', '.join(c['after'])}"
            )
        for e in result["entities_started"]:
            note = f"; {e['from_note']}" if e.get("from_note") else ""
            click.echo(f"  started: {e['name']} ({e['valid_from']}, {e['from_basis']}{note})")
        click.echo(
            f"  first reported: {len(result['entities_first_reported'])} entities and "
            f"{len(result['relationships_first_reported'])} relationships with no stated start "
            "(use --json or --csv for the list)"
        )
        if result["first_reported_note"]:
            click.echo(f"  {result['first_reported_note']}")

    with engine_session() as engine:
        result = analysis.network_diff(engine, date_from, date_to)
    _emit(result, analysis.diff_table, as_json, as_csv, text)


@analyse.command()
@region_option
@click.option("--force", default=None, help="Only figures about this force.")
@click.option("--kind", default=None, help="saving, cost, budget or funding.")
@_output
def benefits(
    region: str | None, force: str | None, kind: str | None, as_json: bool, as_csv: bool
) -> None:
    """Every money figure with its period and citation; totals only where they may be added."""

    def text(result: dict[str, Any]) -> None:
        for f in result["figures"]:
            estimate = " (hypothetical: an estimate, not incurred)" if f["hypothetical"] else ""
            part = f" (part of {f['part_of']})" if f["part_of"] else ""
            click.echo(
                f"  [{f['id']}] {f['entity']['name']}: {f['kind']} "
                f"{f['amount']:,.0f} {f['currency']} "
                f"{f['basis']} {f['period']}{estimate}{part} - {cite(f['sources'])}"
            )
        for g in result["groups"]:
            total = f"{g['total']:,.0f}" if g["total"] is not None else "no total"
            cash = f" {g['cash']}" if g["cash"] else ""
            click.echo(
                f"  {g['kind']} {g['currency']} {g['period']} {g['basis']}{cash}: "
                f"total {total}, adds {', '.join(g['adds']) or 'nothing'}"
            )
            for out in g["left_out"]:
                click.echo(f"    leaves out {out['id']}: {out['why']}")
            if g["note"]:
                click.echo(f"    {g['note']}")
        for line in result["not_addable"]:
            click.echo(f"  {line}")

    with engine_session() as engine:
        result = analysis.benefits_ledger(engine, region=region, force=force, kind=kind)
    _emit(result, analysis.ledger_table, as_json, as_csv, text)
