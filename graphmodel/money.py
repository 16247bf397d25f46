"""Money figures, and the one rule for totalling them.

Used by /api/money, ``collabgraph analyse benefits`` (graphmodel.analysis.benefits) and
the maps; docs/time-and-money.md explains it for people. Figures are grouped by kind,
currency, period, basis and cash (cashable or not, when the documents say); groups are
never added together. Within a group a total adds every figure except:

- a *hypothetical* figure (an estimate of what withdrawing would cost, a projected or
  anticipated saving): it was not incurred or realised;
- a figure that is *part of* another figure of the group (a force's share of its region's
  savings): it is already counted in the whole;

and there is no total at all when one entity has more than one figure left in the group
(they may state the same money twice). Each total lists the figures it adds and those it
leaves out, with why.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graphmodel.engine.base import Engine
from graphmodel.entities import require_entity, resolve_region
from graphmodel.errors import InvalidRequestError
from graphmodel.schema import load_schema

__all__ = ["money", "select_figures", "figure_totals", "not_addable", "money_by_entity"]


def _label(figure: dict[str, Any]) -> str:
    entity = figure["entity"]
    name = entity["name"] if isinstance(entity, dict) else entity
    return f"{figure['id']} ({name}, {figure['amount']:,.0f} {figure['currency']})"


def select_figures(engine: Engine, entity: str | None = None, force: str | None = None,
                   kind: str | None = None, region: str | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """The figures of a selection: [{id, entity {id, name, kind}, kind, amount, currency,
    period, period_start, period_end, basis, cash, force, hypothetical, part_of, description,
    sources}]. A region selects its own figures, its forces' and bodies', and those of
    collaborations its forces lead or take part in."""
    if kind is not None and kind not in load_schema().figure_kinds:
        raise InvalidRequestError(
            "kind", "one of: " + ", ".join(sorted(load_schema().figure_kinds))
        )
    if entity:
        require_entity(engine, entity)
    if force:
        require_entity(engine, force, "force")
    region_id = resolve_region(engine, region) if region else None
    return engine.read(
        "money_figures", {"entity": entity, "force": force, "kind": kind, "region": region_id}
    )


def figure_totals(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The groups of alike figures and their totals, by the rule in this module's docstring:
    [{kind, currency, period, basis, cash, figures: [id], adds: [id], left_out: [{id, why}],
    count, total (None when nothing may be added), note}]."""
    by_id = {f["id"]: f for f in figures}
    grouped: dict[tuple[str, str, str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for figure in figures:
        key = (figure["kind"], figure["currency"], figure["period"], figure["basis"])
        grouped[(*key, figure.get("cash") or "")].append(figure)
    groups = []
    for (kind, currency, period, basis, cash), members in sorted(grouped.items()):
        ids = {m["id"] for m in members}
        adds, left_out, notes = [], [], []
        for m in members:
            whole = m.get("part_of")
            if m.get("hypothetical"):
                left_out.append({"id": m["id"], "why": "hypothetical: an estimate of what "
                                 "would happen, not incurred or realised"})  # fmt: skip
            elif whole in ids:
                left_out.append({"id": m["id"], "why": f"part of {_label(by_id[whole])}, "
                                 "which already counts it"})  # fmt: skip
            else:
                adds.append(m)
                if whole in by_id:
                    notes.append(f"{_label(m)} is part of {_label(by_id[whole])}, listed "
                                 "under other terms: never add the two")  # fmt: skip
        entities = [a["entity"]["id"] for a in adds]
        total: float | None = round(sum(a["amount"] for a in adds), 2) if adds else None
        if len(set(entities)) < len(entities):
            total = None
            notes.append("not added: the same entity has more than one figure here, "
                         "which may state the same money twice")  # fmt: skip
        elif not adds:
            notes.append("nothing to add: every figure here is left out")
        groups.append(
            {
                "kind": kind,
                "currency": currency,
                "period": period,
                "basis": basis,
                "cash": cash or None,
                "figures": [m["id"] for m in members],
                "adds": [a["id"] for a in adds] if total is not None else [],
                "left_out": left_out,
                "count": len(members),
                "total": total,
                "note": "; ".join(notes) or None,
            }
        )
    return groups


def not_addable(groups: list[dict[str, Any]]) -> list[str]:
    """Plain statements of which groups of one kind cannot be added together, and why."""
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for group in groups:
        by_kind[group["kind"]].append(group)
    notes = []
    for kind, members in sorted(by_kind.items()):
        if len(members) < 2:
            continue
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
        currencies = sorted({g["currency"] for g in members})
        if len(currencies) > 1:
            text += f" and in {', '.join(currencies)}"
        notes.append(text + ": they are listed separately and not added together")
    return notes


def money_by_entity(engine: Engine, ids: list[str]) -> dict[str, dict[str, Any]]:
    """{entity id: {figures, totals}} for the entities in `ids` that have figures, totalled
    by the one rule (the maps show it in an entity's details)."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in engine.read("money_figures_of", {"ids": ids}) if ids else []:
        found[row["entity"]["id"]].append(row)
    return {e: {"figures": rows, "totals": figure_totals(rows)} for e, rows in found.items()}


def money(engine: Engine, entity: str | None = None, force: str | None = None, kind: str | None = None,
          region: str | None = None) -> dict[str, Any]:  # fmt: skip
    """{figures: [...], totals: [figure_totals groups], not_addable: [text], notes: [text]}."""
    figures = select_figures(engine, entity, force, kind, region)
    groups = figure_totals(figures)
    notes = [] if figures else ["no money figures are recorded for this selection"]
    return {
        "figures": figures,
        "totals": groups,
        "not_addable": not_addable(groups),
        "notes": notes,
    }
