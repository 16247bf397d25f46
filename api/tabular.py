"""List answers as JSON or as CSV (`format=csv` or `Accept: text/csv`), flat and cited."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any, Literal

from fastapi import Query, Request
from fastapi.responses import JSONResponse, Response

from graphmodel.neutralise import spreadsheet_text

__all__ = ["FormatQuery", "wants_csv", "list_response", "flatten"]

FormatQuery = Query(None, description="`csv` for CSV; JSON otherwise (or send `Accept: text/csv`)")
Format = Literal["json", "csv"] | None


def wants_csv(request: Request, fmt: str | None) -> bool:
    """True when the client asked for CSV by parameter or Accept header."""
    if fmt is not None:
        return fmt == "csv"
    accept = request.headers.get("accept", "")
    return "text/csv" in accept and "application/json" not in accept


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
    """A nested answer row as flat named columns (`leader_id`, `target_name`, `sources`).

    Each cell is safe to open in a spreadsheet (see `graphmodel.neutralise`).
    """
    flat: dict[str, str] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}_"))
        else:
            flat[name] = spreadsheet_text(_cell(value))
    return flat


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    """CSV text with one header row; columns in first-seen order."""
    flat_rows = [flatten(r) for r in rows]
    columns: list[str] = []
    for row in flat_rows:
        columns.extend(c for c in row if c not in columns)
    if "sources" in columns:  # citations last, where people look for them
        columns.remove("sources")
        columns.append("sources")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns or ["result"], extrasaction="ignore")
    writer.writerow({c: spreadsheet_text(c) for c in columns} or {"result": "result"})
    writer.writerows(flat_rows)
    return buffer.getvalue()


def list_response(request: Request, fmt: str | None, payload: dict[str, Any], rows_key: str,
                  filename: str) -> Response:  # fmt: skip
    """`payload` as JSON, or its `rows_key` list as a CSV download named `filename`.csv."""
    if wants_csv(request, fmt):
        return Response(
            to_csv(payload[rows_key]),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'},
        )
    return JSONResponse(payload)
