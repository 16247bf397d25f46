"""Flat rows as CSV text, the same for the API and the command line."""

from __future__ import annotations

from typing import Any

from graphmodel.tables import columns_of, write_csv

__all__ = ["csv_text"]


def csv_text(rows: list[dict[str, Any]], table: str) -> str:
    """`rows` as CSV under the fixed header of `table` (graphmodel.tables.COLUMNS); an empty
    answer is the header alone."""
    return write_csv(rows, columns_of(table))
