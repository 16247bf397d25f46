"""The s22 registers exported from the seed graph: Appendix A and B of document 003."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from graphmodel.dataset import Dataset
from graphmodel.errors import InvalidRequestError, NotFoundError
from graphmodel.exports import build_national_register, build_register, render_register
from graphmodel.exports.importing import LeadResolver, parse_status
from graphmodel.exports.register import LEAD_ROLES, Register
from graphmodel.neutralise import unneutralise

EXPECTED = Path(__file__).with_name("register-003-expected.csv")
FORCES = ["derbyshire", "leicestershire", "lincolnshire", "northamptonshire", "nottinghamshire"]
NO_LEAD = {"tbc", "-"}


def _expected_rows() -> list[dict[str, str]]:
    with EXPECTED.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def em_register(engine) -> Register:
    return build_register(engine, "east-midlands")


def test_em_register_has_every_appendix_a_row_in_order(em_register: Register) -> None:
    expected = _expected_rows()
    assert [r.row for r in em_register.rows] == [int(e["row"]) for e in expected]
    assert [r.activity for r in em_register.rows] == [e["activity"] for e in expected]
    assert [fid for fid, _ in em_register.forces] == FORCES
    assert em_register.edition == "leics-pcp-2018-07-regional"


def test_em_register_participation_of_all_five_forces(em_register: Register) -> None:
    for row, expected in zip(em_register.rows, _expected_rows(), strict=True):
        for force in FORCES:
            # the document prints a blank cell for a force that takes part
            want = parse_status(expected[force], blank_member=True)
            assert row.statuses.get(force) == want, (row.row, force)


def test_em_register_leads_match_the_document_after_mapping_to_ids(
    em_register: Register, seed_dataset: Dataset
) -> None:
    resolver = LeadResolver(seed_dataset)
    checked = 0
    for row, expected in zip(em_register.rows, _expected_rows(), strict=True):
        for role in LEAD_ROLES:
            printed = expected[role].strip()
            if printed.casefold() in NO_LEAD:
                assert row.lead_text(role) == printed, (row.row, role)
                assert not row.leads.get(role)
            elif printed:
                want = resolver.candidates(printed, role)
                assert len(want) == 1, (printed, want)
                assert [lead.id for lead in row.leads.get(role, [])] == want, (
                    row.row,
                    role,
                    printed,
                )
                checked += 1
            else:
                assert row.lead_text(role) == "", (row.row, role)
    assert checked > 60


def test_em_register_comments_and_outside_participants(em_register: Register) -> None:
    for row, expected in zip(em_register.rows, _expected_rows(), strict=True):
        assert row.comment == expected["comment"], row.row
    by_row = {r.row: r for r in em_register.rows}
    assert by_row[19].others_text() == "City of London Police (Proposed)"
    assert [(lead.id, status) for lead, status in by_row[24].others] == [("cheshire", "member")]
    assert all(not r.others for n, r in by_row.items() if n not in (19, 24))


def test_em_register_rows_cite_document_003(em_register: Register) -> None:
    for row in em_register.rows:
        assert row.sources == [
            ("leics-pcp-2018-07-regional", f"Appendix A, row {row.row} ({row.activity})")
        ]
    assert [d["id"] for d in em_register.documents] == ["leics-pcp-2018-07-regional"]


def test_em_register_csv_matches_the_matrix(em_register: Register) -> None:
    text = render_register(em_register, "csv").decode("utf-8")
    rows = [[unneutralise(c) for c in r] for r in csv.reader(io.StringIO(text))]
    assert rows == em_register.matrix()
    header = rows[0]
    assert header[:3] == ["Row", "Section", "Activity"]
    assert header[3:8] == [
        "Derbyshire Constabulary",
        "Leicestershire Police",
        "Lincolnshire Police",
        "Northamptonshire Police",
        "Nottinghamshire Police",
    ]
    assert header[8:] == [
        "PCC lead",
        "Chief officer lead",
        "Operational lead",
        "Finance lead",
        "Comments",
        "Other participants",
        "Source",
    ]
    emopss = rows[9]
    assert emopss[2] == "EMOpSS" and emopss[3:8] == ["NP", "Member", "Member", "Member", "NP"]
    assert emopss[8:12] == [
        "Northamptonshire PCC",
        "Lincolnshire Police",
        "CS Kerry Smith",
        "Lincolnshire Police",
    ]
    assert rows[12][3:8] == ["Tbc"] * 5


def test_em_register_xlsx_has_frozen_header_and_readable_widths(
    em_register: Register, artifacts_dir: Path
) -> None:
    data = render_register(em_register, "xlsx")
    (artifacts_dir / "register-east-midlands.xlsx").write_bytes(data)
    book = load_workbook(io.BytesIO(data))
    sheet = book["Register"]
    assert sheet.freeze_panes == "D2"
    values = [
        [("" if c is None else str(c)) for c in row] for row in sheet.iter_rows(values_only=True)
    ]
    assert values == em_register.matrix()
    widths = {col: sheet.column_dimensions[col].width for col in ("A", "C", "D", "M", "O")}
    assert widths["A"] <= 8 and widths["C"] >= 30 and 12 <= widths["D"] <= 26 and widths["M"] >= 40
    assert sheet["A1"].font.bold
    about = [row[0] for row in book["About"].iter_rows(values_only=True) if row]
    assert "leics-pcp-2018-07-regional" in about
    assert str(about[0]).startswith("East Midlands section 22 register")


def test_em_register_html_is_self_contained_and_printable(
    em_register: Register, artifacts_dir: Path
) -> None:
    page = render_register(em_register, "html").decode("utf-8")
    (artifacts_dir / "register-east-midlands.html").write_text(page, encoding="utf-8")
    assert (
        "<script" not in page
        and "http://" not in page
        and "https://" not in page
        and "<link" not in page
    )
    assert "@page { size: A4 landscape" in page
    assert page.count("<tr>") == 27
    assert "EM Criminal Justice Service ICTP Regional NICHE" in page and "Ronnie Adams" in page
    assert "Regional Collaboration, Police and Crime Commissioner for Leicestershire" in page


def test_national_register_lists_every_appendix_b_agreement(engine, seed_dataset: Dataset) -> None:
    national = build_national_register(engine)
    wanted = {
        e.id
        for e in seed_dataset.entities.values()
        if e.properties.get("register") == "national-s22"
    }
    assert {r.agreement_id for r in national.rows} == wanted and len(wanted) >= 11
    by_name = {r.activity: r for r in national.rows}
    assert [lead.id for lead in by_name["National Police Chiefs Council (NPCC)"].leads["host"]] == [
        "metropolitan"
    ]
    assert [
        lead.id for lead in by_name["National Police Air Service (NPAS)"].leads["lead_force"]
    ] == ["west-yorkshire"]
    assert all(r.purpose for r in national.rows)
    rows = list(csv.reader(io.StringIO(render_register(national, "csv").decode())))
    assert rows[0][:4] == ["Row", "Agreement", "Host or lead", "Purpose"]
    assert len(rows) == len(wanted) + 1


def test_national_register_with_region_shows_its_forces(engine) -> None:
    national = build_national_register(engine, "east-midlands-region")
    assert [fid for fid, _ in national.forces] == FORCES
    assert all(r.statuses.get("derbyshire") == "member" for r in national.rows)


def test_register_accepts_region_with_or_without_suffix(engine, em_register: Register) -> None:
    assert build_register(engine, "east-midlands-region").matrix() == em_register.matrix()


def test_register_unknown_region_is_not_found(engine) -> None:
    with pytest.raises(NotFoundError) as caught:
        build_register(engine, "atlantis")
    assert caught.value.what == "region"


def test_register_bad_as_of_is_refused(engine) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        build_register(engine, "east-midlands", as_of="last tuesday")
    assert caught.value.parameter == "as_of"


def test_register_before_the_document_is_empty_of_participation(engine) -> None:
    early = build_register(engine, "east-midlands", as_of="2017")
    assert all(not r.statuses and not r.leads for r in early.rows)


def test_without_a_date_a_register_is_as_of_its_latest_source_and_says_so(
    em_register: Register,
) -> None:
    latest = max(d["date"] for d in em_register.documents if d.get("date"))
    assert em_register.as_of == latest
    assert em_register.title.endswith(f"as of {latest} (the latest date of its sources)")
    about = render_register(em_register, "html").decode()
    assert "the latest date of its sources" in about


def test_the_national_register_defaults_to_its_latest_source_too(engine) -> None:
    national = build_national_register(engine)
    assert national.as_of == max(d["date"] for d in national.documents if d.get("date"))
    assert "latest date of its sources" in national.title
