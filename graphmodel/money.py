"""Money figures, and totals only where figures are alike.

Figures add up only when kind, currency, period and basis all agree; everything else is
listed separately with a plain statement of why it is not added.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graphmodel.engine.base import Engine
from graphmodel.entities import require_entity, resolve_region
from graphmodel.errors import InvalidRequestError
from graphmodel.schema import load_schema

__all__ = ["money", "totals"]


def totals(figures: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """(totals of alike figures, statements of what cannot be added)."""
    groups: dict[tuple[str, str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for fig in figures:
        groups[(fig["kind"], fig["currency"], fig["period"], fig["basis"])].append(fig)
    sums = [
        {
            "kind": k,
            "currency": c,
            "period": p,
            "basis": b,
            "count": len(items),
            "total": sum(f["amount"] for f in items),
        }  # fmt: skip
        for (k, c, p, b), items in sorted(groups.items())
    ]
    notes = []
    if len(groups) > 1:
        notes.append(
            f"{len(figures)} figures fall into {len(groups)} groups of different kind, currency, "
            "period or basis; each group is totalled on its own and groups are never added together"
        )
    return sums, notes


def money(engine: Engine, entity: str | None = None, force: str | None = None, kind: str | None = None,
          region: str | None = None) -> dict[str, Any]:  # fmt: skip
    """{figures: [{entity, kind, amount, currency, period, basis, description, sources}], totals, notes}."""
    if kind is not None and kind not in load_schema().figure_kinds:
        raise InvalidRequestError(
            "kind", "one of: " + ", ".join(sorted(load_schema().figure_kinds))
        )
    if entity:
        require_entity(engine, entity)
    if force:
        require_entity(engine, force, "force")
    region_id = resolve_region(engine, region) if region else None
    figures = engine.read(
        "money_figures", {"entity": entity, "force": force, "kind": kind, "region": region_id}
    )
    sums, notes = totals(figures)
    if not figures:
        notes.append("no money figures are recorded for this selection")
    return {"figures": figures, "totals": sums, "notes": notes}
