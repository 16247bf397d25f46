"""Reading a register file (CSV, or the first sheet of a workbook) as a table, within limits.

A workbook is checked before it is read: its declared expanded size and number of parts
(from the zip directory, without expanding anything), then its table sheet, streamed, for
its number of cells, merged cells and formulas without a cached value. Each problem is
named by row and column; nothing is read past a limit. The limits are in docs/security.md.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path
from typing import IO, Any, NoReturn
from xml.etree.ElementTree import iterparse

from openpyxl.utils.cell import coordinate_from_string

from graphmodel.errors import InvalidDataError, InvalidRequestError, Problem
from graphmodel.neutralise import unneutralise

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_EXPANDED_BYTES",
    "MAX_PARTS",
    "MAX_CELLS",
    "read_table",
]

MAX_FILE_BYTES = 20_000_000  # a CSV, or a workbook as stored
MAX_EXPANDED_BYTES = 50_000_000  # a workbook's parts once expanded, as its zip declares them
MAX_PARTS = 1_000  # files inside a workbook
MAX_CELLS = 200_000  # cells in the table

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

Table = tuple[list[str], list[tuple[int, list[str]]]]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _refuse(
    path: Path, message: str, hint: str = "", line: int = 0, field: str = "(file)"
) -> NoReturn:
    raise InvalidDataError([Problem(str(path), line, field, message, hint)])


def read_table(path: Path) -> Table:
    """(header, [(line, cells)]) of a register file; the first sheet of an xlsx, or a CSV.

    InvalidRequestError for another kind of file; InvalidDataError naming the file (and the
    row and column) for one that cannot be read, is over a limit, or holds merged cells or
    formulas without a value.
    """
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        raise InvalidRequestError("file", f"{path.name}: give a .csv or .xlsx register")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InvalidDataError([Problem(str(path), 0, "(file)", f"cannot be read: {exc}")]) from exc
    if size > MAX_FILE_BYTES:
        _refuse(path, f"is {size:,} bytes; a register file may be at most {MAX_FILE_BYTES:,}")
    lines = _read_csv(path) if suffix == ".csv" else _read_workbook(path)
    lines = [(n, cells) for n, cells in lines if any(cells)]
    if not lines:
        _refuse(path, "is empty", "the first row is the header")
    return lines[0][1], lines[1:]


def _read_csv(path: Path) -> list[tuple[int, list[str]]]:
    lines: list[tuple[int, list[str]]] = []
    cells = 0
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            for row in reader:
                cells += len(row)
                if cells > MAX_CELLS:
                    _refuse(path, f"has more than {MAX_CELLS:,} cells", line=reader.line_num)
                # a cell the product neutralised ("'=x") reads back as what it was ("=x")
                lines.append((reader.line_num, [unneutralise(c).strip() for c in row]))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        _refuse(path, f"cannot be read: {exc}")
    return lines


def _read_workbook(path: Path) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    _check_archive(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book["Register"] if "Register" in book.sheetnames else book.worksheets[0]
            with zipfile.ZipFile(path) as archive, archive.open(sheet._worksheet_path) as xml:
                _check_sheet(path, xml)
            return [
                (i, [_cell_text(v) for v in row])
                for i, row in enumerate(sheet.iter_rows(values_only=True), start=1)
            ]
        finally:
            book.close()
    except InvalidDataError:
        raise
    except Exception as exc:  # openpyxl raises zipfile, XML and key errors for a non-workbook
        raise InvalidDataError(
            [Problem(str(path), 0, "(file)", f"is not a readable workbook: {exc}")]
        ) from exc


def _check_archive(path: Path) -> None:
    """Refuse a workbook whose zip declares too many parts or too many expanded bytes.

    Python's zipfile never expands a part past the size its directory declares, so the
    declared sizes bound what reading can cost.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (OSError, zipfile.BadZipFile) as exc:
        _refuse(path, f"is not a readable workbook: {exc}")
    if len(parts) > MAX_PARTS:
        _refuse(path, f"holds {len(parts):,} parts; a workbook may hold at most {MAX_PARTS:,}")
    expanded = sum(p.file_size for p in parts)
    if expanded > MAX_EXPANDED_BYTES:
        largest = max(parts, key=lambda p: p.file_size)
        _refuse(
            path,
            f"expands to {expanded:,} bytes ({largest.filename}: {largest.file_size:,}); "
            f"a workbook may expand to at most {MAX_EXPANDED_BYTES:,}",
            "save the register without unused sheets, images or formatting",
        )


def _check_sheet(path: Path, xml: IO[bytes]) -> None:
    """Stream the table sheet's XML: refuse too many cells, merged cells, uncached formulas."""
    problems: list[Problem] = []
    cells = row_number = 0
    for event, element in iterparse(xml, events=("start", "end")):
        if event == "start":
            if element.tag == f"{_MAIN}row":
                row_number = int(element.get("r") or row_number + 1)
            continue
        if element.tag == f"{_MAIN}c":
            cells += 1
            if cells > MAX_CELLS:
                _refuse(path, f"has more than {MAX_CELLS:,} cells in its table sheet")
            formula = element.find(f"{_MAIN}f")
            value = element.find(f"{_MAIN}v")
            if formula is not None and (value is None or not (value.text or "").strip()):
                column, row = _where(element.get("r"), row_number)
                problems.append(
                    Problem(
                        str(path),
                        row,
                        f"column {column}",
                        f"cell {column}{row} is a formula with no saved value",
                        "open and save the file in a spreadsheet, or paste the values",
                    )
                )
            element.clear()
        elif element.tag == f"{_MAIN}mergeCell":
            ref = element.get("ref", "")
            column, row = _where(ref.split(":")[0], 0)
            problems.append(
                Problem(
                    str(path),
                    row,
                    f"column {column}",
                    f"cells {ref} are merged, so some of them read as blank",
                    "unmerge them and fill every cell",
                )
            )
        elif element.tag == f"{_MAIN}row":
            element.clear()
    if problems:
        raise InvalidDataError(problems)


def _where(reference: str | None, row_number: int) -> tuple[str, int]:
    """(column letters, row number) of a cell reference such as "B7"; ("?", row_number)
    when the reference is missing or not one."""
    try:
        column, row = coordinate_from_string(reference or "")
    except (ValueError, TypeError):
        return "?", row_number
    return column, row
