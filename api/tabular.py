"""List answers as JSON or as CSV (`format=csv` or `Accept: text/csv`), flat, cited, and
always under the table's fixed columns (graphmodel.tables)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import Response

from api.responses import JSONResponse
from graphmodel.tables import COLUMNS, columns_of, write_csv

__all__ = [
    "Format", "wants_csv", "list_response", "csv_response", "list_route", "paged", "CSV_MEDIA_TYPE",
]  # fmt: skip

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"

Format = Annotated[
    str | None,
    Query(
        pattern="^(json|csv)$",
        description="`csv` for CSV (or send `Accept: text/csv`); JSON otherwise",
    ),
]


def wants_csv(request: Request, fmt: str | None) -> bool:
    """True when the client asked for CSV by parameter or Accept header."""
    if fmt:
        return fmt == "csv"
    accept = request.headers.get("accept", "")
    return "text/csv" in accept and "application/json" not in accept


def csv_response(rows: list[dict[str, Any]], table: str, filename: str,
                 note: str | None = None) -> Response:  # fmt: skip
    """`rows` as a CSV download named `filename`.csv under `table`'s fixed columns; `note`
    (why an answer is empty, say) travels in the `X-Note` header, never as a row."""
    headers = {"Content-Disposition": f'attachment; filename="{filename}.csv"'}
    if note:
        headers["X-Note"] = note.encode("ascii", "replace").decode()
    return Response(write_csv(rows, columns_of(table)), media_type=CSV_MEDIA_TYPE, headers=headers)


def paged(request: Request, payload: dict[str, Any]) -> dict[str, Any]:
    """A paged answer ({total, limit, offset, ...}) with `next`: the URL of the next page
    (same parameters, offset moved on), or None on the last page."""
    following = payload["offset"] + payload["limit"]
    url = None
    if following < payload["total"]:
        url = str(request.url.remove_query_params("offset").include_query_params(offset=following))
    return {**payload, "next": url}


def list_response(request: Request, fmt: str | None, payload: dict[str, Any], rows_key: str,
                  filename: str, table: str) -> Response:  # fmt: skip
    """`payload` as JSON, or its `rows_key` list as CSV (`table`'s columns) named `filename`.csv.

    A paged payload's `next` is also sent as `Link: <...>; rel="next"` (CSV or JSON)."""
    if wants_csv(request, fmt):
        response = csv_response(payload[rows_key], table, filename)
    else:
        response = JSONResponse(payload)
    if payload.get("next"):
        response.headers["Link"] = f'<{payload["next"]}>; rel="next"'
    return response


def list_route(table: str) -> dict[str, Any]:
    """Route arguments that document a list endpoint: its CSV answer with the fixed header
    of `table`, and `x-csv-columns` (the tests find every list endpoint by it)."""
    header = ",".join(COLUMNS[table])
    responses: dict[int | str, dict[str, Any]] = {
        200: {
            "description": f"JSON, or CSV with the fixed header `{header}`",
            "content": {
                "application/json": {},
                "text/csv": {"schema": {"type": "string"}, "example": header + "\r\n"},
            },
        }
    }
    return {"responses": responses, "openapi_extra": {"x-csv-columns": list(COLUMNS[table])}}
