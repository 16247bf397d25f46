"""GET /api/exports/...: content types, file names and errors over real HTTP (ASGI)."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

FLOWCHART_TYPES = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "pdf": "application/pdf",
    "dot": "text/vnd.graphviz; charset=utf-8",
    "mermaid": "text/vnd.mermaid; charset=utf-8",
    "drawio": "application/vnd.jgraph.mxfile",
}


@pytest.mark.parametrize(("fmt", "content_type"), FLOWCHART_TYPES.items())
def test_flowchart_download_has_its_content_type_and_file_name(
    client, fmt: str, content_type: str
) -> None:
    response = client.get("/api/exports/flowchart/necb", params={"format": fmt, "as_of": "2020-12"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == content_type
    suffix = {"mermaid": "mmd"}.get(fmt, fmt)
    assert (
        response.headers["content-disposition"]
        == f'attachment; filename="flowchart-necb-2020-12.{suffix}"'
    )
    assert len(response.content) > 500


def test_flowchart_of_a_region(client) -> None:
    response = client.get(
        "/api/exports/flowchart/east-midlands-region", params={"format": "mermaid"}
    )
    assert response.status_code == 200
    assert (
        "East Midlands Police and Crime Commissioners and Chief Constables Board" in response.text
    )


def test_register_csv_download(client) -> None:
    response = client.get("/api/exports/register/east-midlands", params={"format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert (
        response.headers["content-disposition"]
        == 'attachment; filename="register-east-midlands.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.text)))
    assert len(rows) == 27 and rows[24][2] == "Multi Force Shared Service (MFSS)"


def test_register_xlsx_and_html_downloads(client) -> None:
    xlsx = client.get("/api/exports/register/east-midlands-region", params={"format": "xlsx"})
    assert (
        xlsx.headers["content-type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert xlsx.headers["content-disposition"].endswith('filename="register-east-midlands.xlsx"')
    assert load_workbook(io.BytesIO(xlsx.content))["Register"].max_row == 27
    page = client.get("/api/exports/register/east-midlands", params={"format": "html"})
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert "<table>" in page.text


def test_national_register_download(client) -> None:
    response = client.get(
        "/api/exports/national-register", params={"format": "csv", "region": "east-midlands"}
    )
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="register-national.csv"'
    assert "National Police Air Service (NPAS)" in response.text


def test_unknown_root_and_region_are_404(client) -> None:
    response = client.get("/api/exports/flowchart/no-such-board")
    assert response.status_code == 404 and response.json()["id"] == "no-such-board"
    response = client.get("/api/exports/register/atlantis")
    assert response.status_code == 404 and response.json()["what"] == "region"
    assert (
        client.get("/api/exports/register/east-midlands", params={"document": "nope"}).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("url", "params", "parameter"),
    [
        ("/api/exports/flowchart/necb", {"format": "gif"}, "format"),
        ("/api/exports/flowchart/necb", {"as_of": "2020-99"}, "as_of"),
        ("/api/exports/register/east-midlands", {"format": "pdf"}, "format"),
        ("/api/exports/register/east-midlands", {"as_of": "soon"}, "as_of"),
        ("/api/exports/national-register", {"format": "docx"}, "format"),
    ],
)
def test_bad_format_or_date_is_422_naming_the_parameter(
    client, url: str, params: dict, parameter: str
) -> None:
    response = client.get(url, params=params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", parameter]
