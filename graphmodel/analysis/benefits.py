"""The benefits ledger: every saving, cost, budget and funding figure, per collaboration,
force and region, with its period and citation.

Figures are added up only when they share kind, currency, period, basis and cash
(cashable or not, when the documents say), are about
different entities, and none is part of another (a force's saving inside its region's);
every group that is not added, and every pair of groups that cannot be, says why.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
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


def _contains(network: Network, outer: dict[str, Any], inner: dict[str, Any]) -> bool:
    """Whether `inner`'s money is part of `outer`'s (a force's in its region's)."""
    if outer["entity"]["id"] == inner["entity"]["id"]:
        return False
    if outer["entity"]["kind"] == "region" and outer["entity"]["id"] in inner["regions"]:
        return True
    parts = {e["source"] for e in network.in_edges(outer["entity"]["id"], "PART_OF")}
    return inner["entity"]["id"] in parts


def _label(figure: dict[str, Any]) -> str:
    return f"{figure['entity']['name']} ({figure['amount']:,.0f} {figure['currency']})"


def _group_total(
    network: Network, figures: list[dict[str, Any]]
) -> tuple[float | None, str | None]:
    entities = [f["entity"]["id"] for f in figures]
    if len(set(entities)) < len(entities):
        return (
            None,
            "not added: the same entity has more than one figure here, "
            "which may state the same money twice",
        )
    for a, b in combinations(figures, 2):
        for outer, inner in ((a, b), (b, a)):
            if _contains(network, outer, inner):
                return None, f"not added: {_label(inner)} is part of {_label(outer)}"
    return round(sum(f["amount"] for f in figures), 2), None


def _groups(network: Network, figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    grouped: dict[tuple[str, str, str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for figure in figures:
        key = (
            figure["kind"],
            figure["currency"],
            figure["period"],
            figure["basis"],
            figure["cash"] or "",
        )
        grouped[key].append(figure)
    groups = []
    for (kind, currency, period, basis, cash), members in sorted(grouped.items()):
        total, why = _group_total(network, members)
        groups.append(
            {
                "kind": kind,
                "currency": currency,
                "period": period,
                "basis": basis,
                "cash": cash or None,
                "figures": [m["index"] for m in members],
                "total": total,
                "total_note": why,
            }
        )
    return groups


def _unaddable(groups: list[dict[str, Any]]) -> list[str]:
    """Plain statements of what cannot be added across groups."""
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for group in groups:
        by_kind[group["kind"]].append(group)
    notes = []
    for kind, members in sorted(by_kind.items()):
        if len(members) < 2:
            continue
        currencies = sorted({g["currency"] for g in members})
        spans = "; ".join(
            sorted(
                {
                    f"{g['period']} {g['basis']}" + (f" {g['cash']}" if g["cash"] else "")
                    for g in members
                }
            )
        )
        text = (
            f"{kind} figures come in {len(members)} different combinations of currency, "
            f"period, basis and cash ({spans})"
        )
        if len(currencies) > 1:
            text += f" and in {', '.join(currencies)}"
        notes.append(text + ": they are listed separately and not added together")
    return notes


def benefits_ledger(
    engine: Engine, region: str | None = None, force: str | None = None, kind: str | None = None
) -> dict[str, Any]:
    """Every money figure, with totals only where they may be added.

    {region, force, kind, figures: [{index, entity, kind, amount, currency, period,
    period_start, period_end, basis, cash, force, regions, collaboration, description,
    sources}], groups: [{kind, currency, period, basis, cash, figures, total, total_note}],
    not_addable: [text], note}
    """
    if kind and kind not in FIGURE_KINDS:
        raise InvalidRequestError(
            "kind", f"{kind!r} is not a figure kind: one of {', '.join(FIGURE_KINDS)}"
        )
    region_row = find_region(engine, region) if region else None
    force_row = find_entity(engine, force, ["force", "pcc"], "force or PCC") if force else None
    network = fetch_network(engine)
    figures: list[dict[str, Any]] = []
    for row in engine.read("analysis_figures"):
        if kind and row["kind"] != kind:
            continue
        figure = {
            **row,
            "entity": {"id": row["entity"], "name": row["entity_name"], "kind": row["entity_kind"]},
            "force": network.brief(row["force"]) if row["force"] else None,
            "collaboration": row["entity"] if row["entity_kind"] in COLLABORATION_KINDS else None,
        }
        for key in ("entity_name", "entity_kind"):
            figure.pop(key)
        figure["regions"] = _regions(network, {**row, "entity": row["entity"]})
        if region_row and region_row["id"] not in figure["regions"]:
            continue
        if force_row and force_row["id"] not in (row["entity"], row["force"]):
            continue
        figure["index"] = len(figures) + 1
        figures.append(figure)
    groups = _groups(network, figures)
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
        "not_addable": _unaddable(groups),
        "note": note,
    }


def ledger_table(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat row per figure, with its group's total (or why there is none), for CSV."""
    group_of = {i: g for g in result["groups"] for i in g["figures"]}
    return [
        {
            "index": f["index"],
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
            "description": f["description"],
            "group_total": group_of[f["index"]]["total"],
            "group_note": group_of[f["index"]]["total_note"],
            "sources": cite(f["sources"]),
        }
        for f in result["figures"]
    ]
