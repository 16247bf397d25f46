"""Flat rows as CSV text, the same for the API and the command line."""

from __future__ import annotations

import csv
import io
from typing import Any

from graphmodel.neutralise import spreadsheet_text

__all__ = ["csv_text"]


def csv_text(
    rows: list[dict[str, Any]], columns: list[str] | None = None, note: str | None = None
) -> str:
    """`rows` as CSV with a header (the keys of the first row, or `columns`).

    An empty table with a note is one header row `note` and the note, so the reason travels
    with the file. Text cells are safe to open in a spreadsheet (`graphmodel.neutralise`).
    """
    out = io.StringIO()
    if not rows:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([_cell(c) for c in columns or ["note"]])
        if note:
            writer.writerow([_cell(note)] + [""] * (len(columns or ["note"]) - 1))
        return out.getvalue()
    fields = columns or list(rows[0])
    dict_writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    dict_writer.writerow({k: _cell(k) for k in fields})
    for row in rows:
        dict_writer.writerow({k: _cell(row.get(k)) for k in fields})
    return out.getvalue()


def _cell(value: Any) -> Any:
    """A CSV cell: numbers as they are, text neutralised, None blank."""
    if value is None:
        return ""
    if isinstance(value, str):
        return spreadsheet_text(value)
    return value
