"""The benefits ledger: every saving, cost, budget and funding figure, per collaboration,
force and region, with its period and citation.

The figures are those /api/money selects and the totals come from the one totalling rule
in graphmodel.money (same figures, same totals); the ledger adds each figure's regions and
collaboration.
"""

from __future__ import annotations

from typing import Any

from graphmodel.analysis.network import (
    COLLABORATION_KINDS,
    Network,
    cite,
    fetch_network,
    find_entity,
    find_region,
)
from graphmodel.engine.base import Engine
from graphmodel.errors import InvalidRequestError
from graphmodel.money import figure_totals, not_addable, select_figures

__all__ = ["benefits_ledger", "ledger_table", "FIGURE_KINDS"]

FIGURE_KINDS = ("saving", "cost", "budget", "funding")


def _regions(network: Network, figure: dict[str, Any]) -> list[str]:
    """The regions a figure belongs to: its entity's, or its force's, or its participants'."""
    entity, found = figure["entity"], set()
    if network.kind(entity) == "region":
        found.add(entity)
    for party in filter(None, (entity, figure.get("force"))):
        found |= {
            e["target"]
            for e in network.out_edges(party, "IN_REGION", "MEMBER_OF")
            if network.kind(e["target"]) == "region"
        }
    if not found and network.kind(entity) in COLLABORATION_KINDS:
        for edge in network.in_edges(entity, "LEADS", "PARTICIPATES_IN"):
            if network.kind(edge["source"]) == "force":
                found |= set(network.regions_of(edge["source"]))
    return sorted(found)


def benefits_ledger(
    engine: Engine, region: str | None = None, force: str | None = None, kind: str | None = None
) -> dict[str, Any]:
    """Every money figure, with totals only where they may be added.

    {region, force, kind, figures: [{index, id, entity, kind, amount, currency, period,
    period_start, period_end, basis, cash, force, hypothetical, part_of, regions,
    collaboration, description, sources}], groups: graphmodel.money.figure_totals groups,
    not_addable: [text], note}
    """
    if kind and kind not in FIGURE_KINDS:
        raise InvalidRequestError(
            "kind", f"{kind!r} is not a figure kind: one of {', '.join(FIGURE_KINDS)}"
        )
    region_row = find_region(engine, region) if region else None
    force_row = find_entity(engine, force, ["force", "pcc"], "force or PCC") if force else None
    network = fetch_network(engine)
    selected = select_figures(
        engine,
        force=force_row["id"] if force_row else None,
        kind=kind,
        region=region_row["id"] if region_row else None,
    )
    figures: list[dict[str, Any]] = []
    for index, row in enumerate(selected, 1):
        entity = row["entity"]
        figures.append(
            {
                **row,
                "index": index,
                "force": network.brief(row["force"]) if row["force"] else None,
                "regions": _regions(network, {**row, "entity": entity["id"]}),
                "collaboration": entity["id"] if entity["kind"] in COLLABORATION_KINDS else None,
            }
        )
    groups = figure_totals(selected)
    note = None
    if not figures:
        scope = " and ".join(
            x
            for x in (region_row and region_row["name"], force_row and force_row["name"], kind)
            if x
        )
        note = "the documents give no money figure" + (f" for {scope}" if scope else "")
    return {
        "region": region_row,
        "force": force_row,
        "kind": kind,
        "figures": figures,
        "groups": groups,
        "not_addable": not_addable(groups),
        "note": note,
    }


def ledger_table(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat row per figure, with its group's total (or why there is none), for CSV."""
    group_of = {i: g for g in result["groups"] for i in g["figures"]}
    left_out = {o["id"]: o["why"] for g in result["groups"] for o in g["left_out"]}
    return [
        {
            "index": f["index"],
            "id": f["id"],
            "entity_id": f["entity"]["id"],
            "entity_name": f["entity"]["name"],
            "entity_kind": f["entity"]["kind"],
            "force": f["force"]["id"] if f["force"] else None,
            "regions": "; ".join(f["regions"]),
            "kind": f["kind"],
            "amount": f["amount"],
            "currency": f["currency"],
            "period": f["period"],
            "basis": f["basis"],
            "cash": f["cash"],
            "hypothetical": f["hypothetical"],
            "part_of": f["part_of"],
            "description": f["description"],
            "group_total": group_of[f["id"]]["total"],
            "in_total": f["id"] in group_of[f["id"]]["adds"],
            "left_out_why": left_out.get(f["id"]),
            "group_note": group_of[f["id"]]["note"],
            "sources": cite(f["sources"]),
        }
        for f in result["figures"]
    ]
