"""Flat rows as CSV text, the same for the API and the command line."""

from __future__ import annotations

import csv
import io
from typing import Any

__all__ = ["csv_text"]


def csv_text(
    rows: list[dict[str, Any]], columns: list[str] | None = None, note: str | None = None
) -> str:
    """`rows` as CSV with a header (the keys of the first row, or `columns`).

    An empty table with a note is one header row `note` and the note, so the reason travels
    with the file.
    """
    out = io.StringIO()
    if not rows:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns or ["note"])
        if note:
            writer.writerow([note] if not columns else [note, *[""] * (len(columns) - 1)])
        return out.getvalue()
    fields = columns or list(rows[0])
    dict_writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    dict_writer.writeheader()
    for row in rows:
        dict_writer.writerow({k: "" if row.get(k) is None else row.get(k) for k in fields})
    return out.getvalue()
