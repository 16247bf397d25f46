"""The fixed columns of every tabular answer (API CSV and the command line's --csv).

A table's columns do not depend on its rows: a full, a filtered and an empty answer have
the same header, in the same order, so a script written against one answer reads the next.
Nested values are flattened with `_` (`leader_id`); lists are joined with `; `; the citations
column is always `sources` ('document ref; document ref'), and always last.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from graphmodel.neutralise import spreadsheet_text

__all__ = ["COLUMNS", "columns_of", "flatten", "write_csv"]

_ENTITY = ("id", "name", "kind")


def _nested(prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}_{c}" for c in _ENTITY)


COLUMNS: dict[str, tuple[str, ...]] = {
    "search": ("id", "name", "kind", "aliases", "match", "sources"),
    "entities": (
        "id", "name", "kind", "aliases", "status", "note", "valid_from", "from_basis",
        "valid_to", "to_basis", "sources",
    ),
    "involvement": (
        "group", "relation", "role", "status", *_nested("collaboration"), "cost_share",
        "valid_from", "from_basis", "valid_to", "to_basis", "note", "sources",
    ),
    "leads": (
        *_nested("leader"), "role", *_nested("target"), "valid_from", "from_basis", "valid_to",
        "to_basis", "note", "sources",
    ),
    "participation": (
        *_nested("participant"), "status", "cost_share", "valid_from", "from_basis", "valid_to",
        "to_basis", "note", *_nested("via"), "sources",
    ),
    "documents": (
        "id", "title", "body", "kind", "date", "file", "notes", "entities", "relationships",
    ),
    "document_facts": (
        "type", *_nested("from"), *_nested("to"), "role", "status", "valid_from", "valid_to",
        "ref",
    ),
    "money": (
        "id", "entity_id", "entity_name", "entity_kind", "kind", "amount", "currency", "period",
        "period_start", "period_end", "basis", "cash", "force", "hypothetical", "part_of",
        "description", "sources",
    ),
    "connections": (
        "path", "hop", *_nested("from"), "type", "direction", "role", "status", *_nested("to"),
        "sources",
    ),
    "concentration": (
        "rank", *_nested("leader"), "leads", "share", "lead_or_host", "national_share", "role",
        *_nested("target"), "sources",
    ),
    "impact": (
        "section", "id", "name", "kind", "effects", "lost_roles", "cost_share_lost",
        "members_before", "members_after", "remaining", "sources",
    ),
    "overlap": ("force_a", "force_b", "shared", "jaccard", "collaborations", "sources"),
    "structure": ("section", "rank", "id", "name", "kind", "value", "detail", "sources"),
    "diff": ("change", "id", "name", "kind", "detail", "date", "sources"),
    "benefits": (
        "index", "id", "entity_id", "entity_name", "entity_kind", "force", "regions", "kind",
        "amount",
        "currency", "period", "basis", "cash", "hypothetical", "part_of", "description",
        "in_total", "left_out_why", "group_total", "group_note", "sources",
    ),
}  # fmt: skip


def columns_of(table: str) -> list[str]:
    """The fixed header of `table` (a key of COLUMNS)."""
    return list(COLUMNS[table])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        if value and all(isinstance(v, dict) and "document" in v for v in value):
            return "; ".join(f"{v['document']} {v['ref']}" for v in value)
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def flatten(row: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """A nested answer row as flat named cells (`leader_id`, `target_name`, `sources`), each
    safe to open in a spreadsheet (graphmodel.neutralise)."""
    flat: dict[str, str] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}_"))
        else:
            flat[name] = spreadsheet_text(_cell(value))
    return flat


def write_csv(rows: Iterable[dict[str, Any]], columns: list[str]) -> str:
    """CSV text: the header `columns`, then one line per row (flattened; missing cells empty,
    cells of other names left out). The one CSV writer of the API and the command line."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", restval="")
    writer.writeheader()
    writer.writerows(flatten(row) for row in rows)
    return buffer.getvalue()
