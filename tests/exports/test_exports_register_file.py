"""Register files that would lose data or cost too much are refused before they are read,
each problem named by row and column."""

from __future__ import annotations

import re
import shutil
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from graphmodel.errors import InvalidDataError, Problem
from graphmodel.exports.importing import import_register
from graphmodel.exports.register_file import MAX_CELLS, MAX_EXPANDED_BYTES, read_table
from graphmodel.settings import DEFAULT_SEED_DIR

HEADER = ["Row", "Activity", "Derbyshire", "Leics", "PCC lead"]


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A copy of the curated seed directory to import into."""
    target = tmp_path / "seed"
    shutil.copytree(DEFAULT_SEED_DIR, target)
    return target


def _workbook(path: Path, rows: list[list[object]]) -> Workbook:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Register"
    for row in [HEADER, *rows]:
        sheet.append(row)
    return book


def _refused(path: Path, seed: Path) -> list[Problem]:
    before = sorted(p.name for p in (seed / "facts").iterdir())
    with pytest.raises(InvalidDataError) as caught:
        import_register(path, "east-midlands", "bad-register", seed)
    assert sorted(p.name for p in (seed / "facts").iterdir()) == before  # nothing written
    return caught.value.problems


def test_merged_cells_are_refused_with_row_and_column(tmp_path: Path, seed_copy: Path) -> None:
    """A status merged over two rows would read as blank (not stated) on the second."""
    path = tmp_path / "merged.xlsx"
    book = _workbook(
        path, [[1, "Joint Drone Unit", "Member", "NP", ""], [2, "Dog Unit", None, "NP", ""]]
    )
    book.active.merge_cells("C2:C3")  # type: ignore[union-attr]
    book.save(path)
    [problem] = _refused(path, seed_copy)
    assert (problem.line, problem.field) == (2, "column C")
    assert "C2:C3 are merged" in problem.message


def test_formulas_without_a_saved_value_are_refused(tmp_path: Path, seed_copy: Path) -> None:
    """openpyxl saves formulas without their value, as a script would: they read as blank."""
    path = tmp_path / "formulas.xlsx"
    _workbook(
        path,
        [[1, "Joint Drone Unit", '=IF(1,"Member","NP")', "NP", ""], [2, "Dog Unit", "", "NP", ""]],
    ).save(path)
    [problem] = _refused(path, seed_copy)
    assert (problem.line, problem.field) == (2, "column C")
    assert "formula with no saved value" in problem.message


def test_formula_with_a_saved_value_reads_as_that_value(tmp_path: Path) -> None:
    path = tmp_path / "cached.xlsx"
    _workbook(path, [[1, "Joint Drone Unit", '=IF(1,"Member","NP")', "NP", ""]]).save(path)
    # what a spreadsheet program writes: the formula and the value it last computed
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    text = parts[sheet].decode()
    text = text.replace('<c r="C2">', '<c r="C2" t="str">', 1)
    text = re.sub(r"<v\s*/>|<v></v>", "<v>Member</v>", text, count=1)  # openpyxl writes either
    assert "<v>Member</v>" in text
    parts[sheet] = text.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    header, rows = read_table(path)
    assert header == HEADER and rows == [(2, ["1", "Joint Drone Unit", "Member", "NP", ""])]


@pytest.fixture(scope="module")
def shared_strings_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 5 MB workbook whose shared strings expand to 1 GB."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.xlsx"
    _workbook(path, [[1, "Joint Drone Unit", "Member", "NP", ""]]).save(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        with book.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            part.write(b"<si><t>")
            chunk = b"A" * (1 << 20)
            for _ in range(1024):
                part.write(chunk)
            part.write(b"</t></si></sst>")
    assert path.stat().st_size < 10_000_000
    return path


def test_a_workbook_that_expands_to_1_gb_is_refused_cheaply(
    shared_strings_bomb: Path, seed_copy: Path
) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        [problem] = _refused(shared_strings_bomb, seed_copy)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "xl/sharedStrings.xml: 1,073,741," in problem.message
    assert f"at most {MAX_EXPANDED_BYTES:,}" in problem.message
    assert elapsed < 2.0 and peak < 20_000_000, (elapsed, peak)


def test_too_many_cells_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "wide.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Register")
    sheet.append(HEADER)
    for number in range(MAX_CELLS // len(HEADER) + 1):
        sheet.append([number, "x", "", "", ""])
    book.save(path)
    with pytest.raises(InvalidDataError) as caught:
        read_table(path)
    assert f"more than {MAX_CELLS:,} cells" in caught.value.problems[0].message
    csv_path = tmp_path / "wide.csv"
    csv_path.write_text("a,b,c,d,e\n" * (MAX_CELLS // 5 + 1), encoding="utf-8")
    with pytest.raises(InvalidDataError) as caught:
        read_table(csv_path)
    assert f"more than {MAX_CELLS:,} cells" in caught.value.problems[0].message
