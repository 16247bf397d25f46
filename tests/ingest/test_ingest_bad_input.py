"""Bad input to `collabgraph ingest`: refused with a clear message, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fpdf import FPDF

from graphmodel.cli import main
from graphmodel.errors import InvalidRequestError
from graphmodel.ingest.formats import MAX_BYTES, read_report
from tests.ingest.conftest import DECISION


def _ingest(runner: CliRunner, seed: Path, file: Path, out: Path, *extra: str):  # type: ignore[no-untyped-def]
    return runner.invoke(
        main,
        ["ingest", str(file), "--document", "new-report-2024", "--seed", str(seed), "-o", str(out), *extra],
    )  # fmt: skip


def _image_only_pdf(path: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(40, 40, 40)
    pdf.rect(20, 20, 150, 200, style="F")  # a page that is all picture, no text layer
    pdf.output(str(path))
    return path


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.rtf", b"{\\rtf1 hello}", "unsupported format '.rtf'"),
        ("report.txt", b"", "is empty"),
        ("report.txt", b"  \n\n \t\n", "has no text"),
        ("report.pdf", b"not a pdf at all", "is not a PDF"),
        ("report.docx", b"not a zip", "is not a DOCX"),
        ("report.html", b"<html><script>x()</script></html>", "has no text"),
    ],
)
def test_unreadable_files_are_refused_and_nothing_written(
    runner: CliRunner, seed_copy: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    file = tmp_path / name
    file.write_bytes(content)
    out = tmp_path / "proposals.yaml"
    result = _ingest(runner, seed_copy, file, out)
    assert result.exit_code == 1
    assert message in result.output and "nothing was written" in result.output
    assert not out.exists()


def test_scanned_pdf_without_text_is_refused(
    runner: CliRunner, seed_copy: Path, tmp_path: Path
) -> None:
    file = _image_only_pdf(tmp_path / "scanned.pdf")
    out = tmp_path / "proposals.yaml"
    result = _ingest(runner, seed_copy, file, out)
    assert result.exit_code == 1
    assert "no text layer" in result.output and "OCR" in result.output
    assert not out.exists()


def test_too_large_file_is_refused(runner: CliRunner, seed_copy: Path, tmp_path: Path) -> None:
    file = tmp_path / "huge.txt"
    with file.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: the size check comes before any reading
    out = tmp_path / "proposals.yaml"
    result = _ingest(runner, seed_copy, file, out)
    assert result.exit_code == 1 and "too large" in result.output
    assert not out.exists()


def test_the_size_limit_is_a_parameter(tmp_path: Path) -> None:
    file = tmp_path / "small.txt"
    file.write_text("1.1 Some text.", encoding="utf-8")
    with pytest.raises(InvalidRequestError, match="too large"):
        read_report(file, max_bytes=5)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("Not A Slug", "is not a document id"),
        ("wy-pcp-2018-03-regional", "is already a document"),
        ("", "is not a document id"),
    ],
)
def test_bad_or_clashing_document_id_is_refused(
    runner: CliRunner, seed_copy: Path, tmp_path: Path, document: str, message: str
) -> None:
    out = tmp_path / "proposals.yaml"
    result = runner.invoke(
        main, ["ingest", str(DECISION), "--document", document, "--seed", str(seed_copy), "-o", str(out)]
    )  # fmt: skip
    assert result.exit_code == 1 and message in result.output
    assert not out.exists()


def test_unknown_issuer_and_bad_date_are_refused(
    runner: CliRunner, seed_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "proposals.yaml"
    result = _ingest(runner, seed_copy, DECISION, out, "--issuer", "nobody-at-all")
    assert (
        result.exit_code == 1 and "issuer: 'nobody-at-all' is not a known entity" in result.output
    )
    result = _ingest(runner, seed_copy, DECISION, out, "--date", "14/03/2024")
    assert result.exit_code == 1 and "date:" in result.output
    assert not out.exists()


def test_missing_file_is_refused(runner: CliRunner, seed_copy: Path, tmp_path: Path) -> None:
    result = _ingest(runner, seed_copy, tmp_path / "absent.pdf", tmp_path / "p.yaml")
    assert result.exit_code == 1 and "does not exist" in result.output


def test_ingesting_twice_proposes_the_same_facts(
    runner: CliRunner, seed_copy: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    for out in (first, second):
        result = _ingest(runner, seed_copy, DECISION, out, "--issuer", "derbyshire-pcc")
        assert result.exit_code == 0, result.output
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")


def test_an_existing_proposals_file_is_kept_without_force(
    runner: CliRunner, seed_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "proposals.yaml"
    out.write_text("decisions: keep me\n", encoding="utf-8")
    result = _ingest(runner, seed_copy, DECISION, out)
    assert result.exit_code == 1 and "--force" in result.output
    assert out.read_text(encoding="utf-8") == "decisions: keep me\n"
