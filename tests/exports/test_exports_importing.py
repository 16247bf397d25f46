"""Importing a register as seed facts: the round trip, the curator's reading, and bad files."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from graphmodel.dataset import read_dataset
from graphmodel.errors import InvalidDataError, InvalidRequestError, NotFoundError
from graphmodel.exports import build_register, render_register
from graphmodel.exports.importing import import_register
from graphmodel.loading import load_seed
from graphmodel.neutralise import unneutralise
from graphmodel.settings import DEFAULT_SEED_DIR

EXPECTED = Path(__file__).with_name("register-003-expected.csv")


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A copy of the curated seed directory to import into."""
    target = tmp_path / "seed"
    shutil.copytree(DEFAULT_SEED_DIR, target)
    return target


def _snapshot(seed: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(seed)): p.read_bytes() for p in sorted(seed.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_gives_the_identical_matrix(
    engine, scratch_engine, seed_copy: Path, tmp_path: Path, fmt: str
) -> None:
    original = build_register(engine, "east-midlands")
    exported = tmp_path / f"em.{fmt}"
    exported.write_bytes(render_register(original, fmt))
    report = import_register(
        exported, "east-midlands", "em-register-roundtrip", seed_copy, date="2024-04-01"
    )
    assert report.rows == 26 and report.register == "east-midlands-s22" and not report.new_people
    load_seed(scratch_engine, seed_copy)
    again = build_register(scratch_engine, "east-midlands")
    assert again.edition == "em-register-roundtrip"
    assert again.matrix(include_sources=False) == original.matrix(include_sources=False)
    assert {r.agreement_id for r in again.rows}.isdisjoint({r.agreement_id for r in original.rows})
    assert again.rows[0].sources == [
        ("em-register-roundtrip", "Register row 1 (EMSOU Overarching Agreement)")
    ]
    # the document's own edition is still there, unchanged
    old = build_register(scratch_engine, "east-midlands", document="leics-pcp-2018-07-regional")
    assert old.matrix() == original.matrix()


def test_import_of_the_curators_reading_reproduces_document_003(
    engine, scratch_engine, seed_copy: Path
) -> None:
    """The curator's Appendix A (blank = member, leads as printed) imports as the graph has it."""
    import_register(
        EXPECTED,
        "east-midlands-region",
        "curator-appendix-a",
        seed_copy,
        date="2024-05",
        blank_member=True,
    )
    load_seed(scratch_engine, seed_copy)
    imported = build_register(scratch_engine, "east-midlands")
    original = build_register(engine, "east-midlands")
    assert imported.edition == "curator-appendix-a"
    for new, old in zip(imported.rows, original.rows, strict=True):
        assert (new.row, new.activity, new.statuses, new.comment) == (
            old.row,
            old.activity,
            old.statuses,
            old.comment,
        )
        for role in set(new.leads) | set(old.leads):
            assert [x.id for x in new.leads.get(role, [])] == [
                x.id for x in old.leads.get(role, [])
            ], (new.row, role)
        assert new.lead_cells == old.lead_cells


def test_import_writes_facts_and_a_document_entry_that_validate(
    seed_copy: Path, tmp_path: Path
) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        "Row,Activity,Derbyshire,Leics,PCC lead,Operational lead,Comments\n"
        "1,Joint Drone Unit,Member,NP,Derbyshire,DI Jane Example,pilot\n",
        encoding="utf-8",
    )
    report = import_register(
        path, "east-midlands", "derbyshire-register-2024", seed_copy, title="Derbyshire s22"
    )
    assert report.facts_file == seed_copy / "facts" / "derbyshire-register-2024.yaml"
    assert report.new_people == ["di-jane-example"]
    dataset = read_dataset(seed_copy)
    assert dataset.documents["derbyshire-register-2024"].title == "Derbyshire s22"
    leads = {
        (r.source, r.properties.get("role"))
        for r in dataset.relationships
        if r.target == "derbyshire-register-2024-joint-drone-unit"
    }
    assert ("derbyshire-pcc", "pcc_lead") in leads and (
        "di-jane-example",
        "operational_lead",
    ) in leads
    assert ("leicestershire", "not_participating") in leads or any(
        r.source == "leicestershire" and r.properties.get("status") == "not_participating"
        for r in dataset.relationships
        if r.target == "derbyshire-register-2024-joint-drone-unit"
    )


BAD_FILES = [
    (
        "Row,Activity,Derbyshire,Rutland,PCC lead\n1,Payroll,Member,Member,\n",
        1,
        "Rutland",
        "unknown column",
    ),
    (
        "Row,Activity,Derbyshire,Cheshire\n1,Payroll,Member,Member\n",
        1,
        "Cheshire",
        "not in east-midlands-region",
    ),
    (
        "Row,Activity,Derbyshire,Leics\n1,Payroll,Member,NP\n2,Legal,Member,Maybe\n",
        3,
        "Leics",
        "unknown participation",
    ),
    ("Row,Activity,Derbyshire\n1,Payroll,Member\n2,,Member\n", 3, "Activity", "activity is blank"),
    (
        "Row,Activity,Derbyshire\n1,Payroll,Member\n2,Legal,Member,NP,extra\n",
        3,
        "column 4",
        "malformed row",
    ),
    ("Row,Activity,Derbyshire\none,Payroll,Member\n", 2, "Row", "malformed row number"),
]


@pytest.mark.parametrize(("text", "line", "column", "message"), BAD_FILES)
def test_bad_register_is_refused_by_row_and_column_and_nothing_written(
    seed_copy: Path, tmp_path: Path, text: str, line: int, column: str, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    before = _snapshot(seed_copy)
    with pytest.raises(InvalidDataError) as caught:
        import_register(path, "east-midlands", "bad-register", seed_copy)
    assert any(
        p.line == line and p.field == column and message in p.message for p in caught.value.problems
    ), [str(p) for p in caught.value.problems]
    assert all(p.file == str(path) for p in caught.value.problems)
    assert _snapshot(seed_copy) == before


def test_bad_xlsx_cell_is_named_by_row_and_column(seed_copy: Path, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Register"
    sheet.append(["Row", "Activity", "Nottinghamshire Police"])
    sheet.append([1, "Payroll", "Member"])
    sheet.append([2, "Legal", "perhaps"])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    with pytest.raises(InvalidDataError) as caught:
        import_register(path, "east-midlands", "bad-register", seed_copy)
    assert [(p.line, p.field) for p in caught.value.problems] == [(3, "Nottinghamshire Police")]


def test_import_refuses_existing_document_unknown_region_and_other_files(
    seed_copy: Path, tmp_path: Path
) -> None:
    path = tmp_path / "ok.csv"
    path.write_text("Row,Activity,Derbyshire\n1,Payroll,Member\n", encoding="utf-8")
    with pytest.raises(InvalidRequestError, match="already"):
        import_register(path, "east-midlands", "leics-pcp-2018-07-regional", seed_copy)
    with pytest.raises(NotFoundError):
        import_register(path, "atlantis", "new-register", seed_copy)
    with pytest.raises(InvalidRequestError):
        import_register(path, "east-midlands", "Not An Id", seed_copy)
    other = tmp_path / "register.txt"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(InvalidRequestError):
        import_register(other, "east-midlands", "new-register", seed_copy)


def test_exported_csv_reads_back_as_the_same_table(engine, tmp_path: Path) -> None:
    register = build_register(engine, "east-midlands")
    path = tmp_path / "em.csv"
    path.write_bytes(render_register(register, "csv"))
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    # cells a spreadsheet would run ("-", "=x") carry a leading apostrophe, nothing else changes
    assert [[unneutralise(c) for c in row] for row in rows] == register.matrix()
    assert all(c == unneutralise(c) or c[1] in "=+-@" for row in rows for c in row)
