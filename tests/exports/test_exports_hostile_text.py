"""Outputs carry no attack: names and titles written as an attacker would come out as text.

Each break found by the adversarial review (issue 13) is reproduced here with the data
that caused it and read back by the program that would have run it: a spreadsheet reader
(openpyxl, the CSV module), Mermaid's own renderer, Graphviz, an XML parser.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from graphmodel.cli import main
from graphmodel.exports import build_flowchart, render_flowchart
from graphmodel.exports.flowchart import Flowchart
from graphmodel.exports.importing import import_register
from graphmodel.loading import load_seed
from graphmodel.neutralise import FORMULA_LEADS, spreadsheet_text, unneutralise
from graphmodel.settings import DEFAULT_SEED_DIR, Settings

FORMULAS = [
    '=HYPERLINK("http://x","click")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
]


# Names and titles as an attacker writes them: each tries to leave its label, comment,
# string or front matter and add a node, a style, a directive or markup of its own.
BOARD_NAME = (
    'North East Board\x0b\x01\n    evil["injected"]\n    style evil fill:#f00\n---\n'
    "it's <b>bold</b> & \"quoted\" #35; %%{init: {'theme':'forest'}}%% [x] {y} |z| `t`"
)
DOCUMENT_TITLE = (
    "Letter\n%% end\n    evil2[\"injected\"]\n---\ntitle: hijacked\nO'Brien's %%{init: {}}%%"
)


def one_line(text: str) -> str:
    """What the product shows for `text`: each run of control characters as one space."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+", " ", text)


@pytest.fixture
def hostile_seed(tmp_path: Path) -> Path:
    """A copy of the seed whose NECB name and 2020 letter title carry injection attempts."""
    seed = tmp_path / "seed"
    shutil.copytree(DEFAULT_SEED_DIR, seed)
    facts = seed / "facts" / "wy-pcc-2020-10-letter.yaml"
    text = facts.read_text(encoding="utf-8")
    old = "    name: North East Collaboration Board\n"
    assert old in text
    facts.write_text(text.replace(old, f"    name: {json.dumps(BOARD_NAME)}\n"), encoding="utf-8")
    documents = seed / "documents.yaml"
    text = documents.read_text(encoding="utf-8")
    old = "    title: Letter to the Home Secretary on the HMICFRS police-to-police collaboration report\n"
    assert old in text
    documents.write_text(
        text.replace(old, f"    title: {json.dumps(DOCUMENT_TITLE)}\n"), encoding="utf-8"
    )
    return seed


def _words(text: str) -> str:
    return " ".join(one_line(text).split())


# -- spreadsheets ------------------------------------------------------------------------
def test_spreadsheet_text_follows_the_owasp_rule() -> None:
    for lead in ("=", "+", "-", "@", "\t", "\r"):
        assert spreadsheet_text(f"{lead}1+1") == f"'{lead}1+1"
        assert unneutralise(spreadsheet_text(f"{lead}1+1")) == f"{lead}1+1"
    assert spreadsheet_text("\uff1dcmd") == "'\uff1dcmd"  # full-width equals sign
    for plain in ("-12.5", "+3", "North East", "'quoted", "a=b", ""):
        assert spreadsheet_text(plain) == plain and unneutralise(plain) == plain


def test_neutralised_cells_read_back_exactly() -> None:
    """What the register import reads back is exactly what was written, apostrophes too."""
    tricky = ["'=x", "''=x", "'-5", "'", "''", "-", "'-", "=", "-5", "'quoted", "@'", "'\t1"]
    for value in tricky + FORMULAS:
        assert unneutralise(spreadsheet_text(value)) == value, value
        assert not spreadsheet_text(value).startswith(FORMULA_LEADS) or value in ("-5",)


@pytest.fixture
def formula_seed(hostile_seed: Path, tmp_path: Path) -> Path:
    """The hostile seed with an imported register whose activities and comments are formulas."""
    register = tmp_path / "evil.csv"
    with register.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Row", "Activity", "Derbyshire", "Leics", "PCC lead", "Comments"])
        for number, formula in enumerate(FORMULAS, start=1):
            writer.writerow([number, formula, "Member", "NP", "Derbyshire", formula])
    import_register(register, "east-midlands", "evil-register", hostile_seed, date="2024-01")
    return hostile_seed


@pytest.fixture
def hostile_client(scratch_engine, formula_seed: Path, tmp_path: Path) -> Iterator[TestClient]:
    """The app on the graph of `formula_seed`."""
    from api.app import create_app

    load_seed(scratch_engine, formula_seed)
    settings = Settings(neo4j_uri=None, collabgraph_data_dir=tmp_path / "unused")
    app = create_app(settings, engine=scratch_engine)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def _assert_neutral_csv(text: str, expected: set[str]) -> None:
    """No cell of `text` starts like a formula; the `expected` texts are there, marked."""
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert cells
    assert not [c for c in cells if c.startswith(FORMULA_LEADS) and c != spreadsheet_text(c)]
    assert expected <= {unneutralise(c) for c in cells if c.startswith("'")}


def test_register_xlsx_holds_formulas_as_text(hostile_client: TestClient) -> None:
    response = hostile_client.get("/api/exports/register/east-midlands?format=xlsx")
    assert response.status_code == 200, response.text
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in archive.read(name).decode(), name
    book = load_workbook(io.BytesIO(response.content))  # formulas would load as formulas
    cells = {c.value: c for row in book["Register"].iter_rows() for c in row}
    for formula in FORMULAS:
        cell = cells[formula]  # the exact text, no apostrophe added
        assert cell.data_type == "s" and cell.quotePrefix, formula
    assert all(c.data_type != "f" for sheet in book for row in sheet.iter_rows() for c in row)


def test_register_csv_neutralises_formulas(hostile_client: TestClient) -> None:
    response = hostile_client.get("/api/exports/register/east-midlands?format=csv")
    assert response.status_code == 200, response.text
    _assert_neutral_csv(response.text, set(FORMULAS))


def test_csv_answers_neutralise_formulas(hostile_client: TestClient) -> None:
    search = hostile_client.get("/api/search", params={"q": "hyperlink", "format": "csv"})
    assert search.status_code == 200, search.text
    _assert_neutral_csv(search.text, {FORMULAS[0]})
    leads = hostile_client.get("/api/leads", params={"leader": "derbyshire-pcc", "format": "csv"})
    _assert_neutral_csv(leads.text, set(FORMULAS))
    analysis = hostile_client.get(
        "/api/analysis/impact", params={"force": "derbyshire", "format": "csv"}
    )
    assert analysis.status_code == 200, analysis.text
    _assert_neutral_csv(analysis.text, set(FORMULAS))


def test_cli_csv_neutralises_formulas(formula_seed: Path, user_env: dict[str, str]) -> None:
    loaded = CliRunner().invoke(main, ["load", "-q", "--seed", str(formula_seed)], env=user_env)
    assert loaded.exit_code == 0, loaded.output
    result = CliRunner().invoke(main, ["analyse", "impact", "derbyshire", "--csv"], env=user_env)
    assert result.exit_code == 0, result.output
    _assert_neutral_csv(result.stdout, set(FORMULAS))


# -- diagrams ----------------------------------------------------------------------------
@pytest.fixture
def hostile_chart(scratch_engine, hostile_seed: Path) -> Flowchart:
    """The NECB chart drawn from a graph whose board name and letter title attack it."""
    load_seed(scratch_engine, hostile_seed)
    chart = build_flowchart(scratch_engine, "necb", "2020-12-31")
    assert chart.root_name == BOARD_NAME
    assert DOCUMENT_TITLE in {d["title"] for d in chart.documents}
    return chart


def _mermaid_id(node_id: str) -> str:
    return "n_" + node_id.replace("-", "_")


def _check_mermaid_reading(chart: Flowchart, reading: dict[str, Any]) -> None:
    """Mermaid drew exactly the chart's boxes and lines, with their names as text."""
    assert reading["ok"], reading
    assert reading["config"] == {}, "a directive in the data reached Mermaid's configuration"
    assert reading["scripts"] == 0
    # Mermaid shows a title's &, < and > as entities: they are written full-width
    title = one_line(chart.title).translate(str.maketrans("&<>", "\uff06\uff1c\uff1e"))
    assert reading["title"] == title
    labels = {n["id"]: n["label"] for n in reading["nodes"]}
    assert set(labels) == {_mermaid_id(n.id) for n in chart.nodes}
    for node in chart.nodes:
        name, kind = labels[_mermaid_id(node.id)].split("\n")[:2]
        assert (name, kind) == (one_line(node.name), node.kind.replace("_", " "))
    assert len(reading["edges"]) == len(chart.edges)


def test_mermaid_draws_hostile_names_as_text(
    hostile_chart: Flowchart, mermaid_render: Callable[[list[str]], list[dict[str, Any]]]
) -> None:
    text = render_flowchart(hostile_chart, "mermaid").decode()
    [reading] = mermaid_render([text])
    _check_mermaid_reading(hostile_chart, reading)
    necb = next(n for n in reading["nodes"] if n["id"] == "n_necb")
    assert 'it\'s <b>bold</b> & "quoted" #35;' in necb["label"]  # not &#x27; nor bold
    assert "Governance of North East Board" in reading["title"]
    comments = [line for line in text.splitlines() if line.startswith("%%")]
    assert any("O'Brien's" in line for line in comments)  # the title, on its comment line


def test_mermaid_reads_every_seed_chart(
    engine, mermaid_render: Callable[[list[str]], list[dict[str, Any]]]
) -> None:
    roots = ["necb", "tri-service-collaboration-board", "em-pcc-cc-board", "east-midlands-region"]
    charts = [build_flowchart(engine, root, "2020-12-31") for root in roots]
    readings = mermaid_render([render_flowchart(c, "mermaid").decode() for c in charts])
    for chart, reading in zip(charts, readings, strict=True):
        _check_mermaid_reading(chart, reading)


def _svg_nodes(svg: bytes) -> dict[str, str]:
    """{node name: its text} of a Graphviz SVG (parsed as XML, so it must be well formed)."""
    ns = {"s": "http://www.w3.org/2000/svg"}
    root = ET.fromstring(svg)
    nodes = {}
    for group in root.iterfind(".//s:g[@class='node']", ns):
        title = group.find("s:title", ns)
        assert title is not None and title.text is not None
        nodes[title.text] = " ".join(t.text or "" for t in group.iterfind(".//s:text", ns))
    return nodes


def test_graphviz_reads_hostile_names_as_text(hostile_chart: Flowchart) -> None:
    source = render_flowchart(hostile_chart, "dot").decode()
    done = subprocess.run(
        ["dot", "-Tsvg"], input=source.encode(), capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    nodes = _svg_nodes(done.stdout)
    assert "evil" not in " ".join(nodes)  # no node but the chart's
    assert _words(nodes["necb"]).startswith(_words(BOARD_NAME))
    legend = _words(nodes["legend"])
    assert _words(DOCUMENT_TITLE) in legend
    graph_title = ET.fromstring(done.stdout).find(".//{http://www.w3.org/2000/svg}g/{*}text")
    assert graph_title is not None and _words(graph_title.text or "") == _words(hostile_chart.title)
    # the product's own SVG is the same drawing
    assert _svg_nodes(render_flowchart(hostile_chart, "svg")).keys() == nodes.keys()


def _drawio_text(value: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", value.replace("<br>", "\n")))


def test_drawio_reads_hostile_names_as_text(hostile_chart: Flowchart) -> None:
    root = ET.fromstring(render_flowchart(hostile_chart, "drawio"))
    cells = {c.get("id"): c for c in root.iter("mxCell")}
    assert {i for i in cells if str(i).startswith("node-")} == {
        f"node-{n.id}" for n in hostile_chart.nodes
    }
    assert _words(_drawio_text(cells["node-necb"].get("value", ""))).startswith(_words(BOARD_NAME))
    assert _drawio_text(cells["title"].get("value", "")) == one_line(hostile_chart.title)
    assert _words(DOCUMENT_TITLE) in _words(_drawio_text(cells["legend"].get("value", "")))


def test_control_characters_do_not_break_xml_or_graphviz(hostile_chart: Flowchart) -> None:
    import dataclasses

    nodes = [
        dataclasses.replace(n, name=n.name + "\x00\x01\x1b[31m\x7f\u2028")
        for n in hostile_chart.nodes
    ]
    chart = dataclasses.replace(hostile_chart, nodes=nodes)
    ET.fromstring(render_flowchart(chart, "drawio"))
    _svg_nodes(render_flowchart(chart, "svg"))
    assert json.dumps(render_flowchart(chart, "mermaid").decode()).count("\\u0000") == 0


def test_map_data_files_are_well_formed_xml(hostile_client: TestClient) -> None:
    """GraphML and GEXF cannot hold control characters: they are written as spaces."""
    for fmt in ("graphml", "gexf"):
        response = hostile_client.get(f"/maps/governance.{fmt}", params={"entity": "necb"})
        assert response.status_code == 200, response.text
        root = ET.fromstring(response.content)
        texts = [t for e in root.iter() for t in (e.text, *e.attrib.values()) if t]
        assert any(_words(BOARD_NAME) == _words(t) for t in texts), fmt
