"""Reading reports: text, Markdown, HTML, PDF (made with fpdf2) and DOCX (made with python-docx)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from fpdf import FPDF

from graphmodel.ingest.formats import read_report
from graphmodel.ingest.paragraphs import split_report
from tests.ingest.conftest import DECISION, MINUTES

PARAGRAPHS = [
    "1.1 Cleveland Police is the lead force for the Evolve Legal Services collaboration.",
    "1.2 The collaboration is governed by the Evolve Programme Board.",
    "2.1 Durham Constabulary withdrew from the dogs section on 1 April 2019.",
]


def _refs(path: Path) -> dict[str, str]:
    report = split_report(read_report(path))
    return {p.ref: p.text for p in report.paragraphs}


def test_docx_paragraphs_keep_their_numbers_and_tables_cite_rows(tmp_path: Path) -> None:
    document = Document()
    document.add_heading("Evolve collaboration update", level=1)
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Function", "Lead force"
    table.cell(1, 0).text, table.cell(1, 1).text = "Legal services", "Cleveland"
    path = tmp_path / "update.docx"
    document.save(str(path))
    refs = _refs(path)
    assert refs["1.1"].startswith("Cleveland Police is the lead force")
    assert refs["2.1"].endswith("on 1 April 2019.")
    assert "Table 1, row 1 (Function)" in refs


def test_pdf_paragraphs_are_joined_across_wrapped_lines(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Evolve collaboration update")
    for text in PARAGRAPHS:
        pdf.multi_cell(60, 6, text)  # narrow: every paragraph wraps over several lines
    path = tmp_path / "update.pdf"
    pdf.output(str(path))
    refs = _refs(path)
    assert refs["1.1"] == PARAGRAPHS[0].removeprefix("1.1 ")
    assert refs["2.1"] == PARAGRAPHS[2].removeprefix("2.1 ")


def test_html_reads_paragraphs_not_navigation_or_styles() -> None:
    report = split_report(read_report(DECISION))
    refs = [p.ref for p in report.paragraphs]
    assert refs[:4] == ["1.1", "1.2", "1.3", "2.1"]
    assert "Home" not in report.text and "font-family" not in report.text
    assert "Declaration" in refs  # an unnumbered paragraph is cited by its heading


def test_markdown_reads_headings_paragraphs_and_tables() -> None:
    report = split_report(read_report(MINUTES))
    refs = {p.ref: p for p in report.paragraphs}
    assert refs["4.1"].heading == "4. Underwater search"
    assert "**" not in refs["5.2"].text
    assert len(report.tables) == 1 and report.tables[0].rows[0][0] == "Activity"
    assert "Table 1, row 2 (Mounted section)" in refs


def test_sentence_spans_point_at_the_sentences() -> None:
    report = split_report(read_report(DECISION))
    paragraph = next(p for p in report.paragraphs if p.ref == "1.2")
    texts = [report.text[a:b] for a, b in paragraph.sentences]
    assert texts[0] == (
        "Nottinghamshire Police is the lead force for the East Midlands Digital Forensics Service."
    )
    assert len(texts) == 2


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("1. Purpose\n\n1.1 To update the Panel.\n\n1.2 To note the report.", ["1.1", "1.2"]),
        ("Background\n\nThe PCC wrote to the Home Secretary.\n\nShe replied.", ["Background", "Background, paragraph 2"]),
        ("3.7 First.\n\nSecond heading\n\n3.7 Again.", ["3.7", "3.7 (Second heading)"]),
    ],
)  # fmt: skip
def test_refs_follow_the_documents_numbering(tmp_path: Path, text: str, refs: list[str]) -> None:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    assert list(_refs(path)) == refs
