"""Governance flowcharts from the seed graph: content, and every format rendered for real."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from graphmodel.errors import InvalidRequestError, NotFoundError
from graphmodel.exports import (
    FLOWCHART_FORMATS,
    GraphvizMissingError,
    build_flowchart,
    render_flowchart,
)
from graphmodel.exports.flowchart import Flowchart
from graphmodel.search import search

BOARDS = {
    "necb": "North East Collaboration Board",
    "tri-service-collaboration-board": "Tri Service Collaboration Board",
    "em-pcc-cc-board": "Chief Constables Board",
}


@pytest.fixture(scope="module")
def rcb_id(engine) -> str:
    """The Yorkshire and the Humber Regional Collaboration Board, found the way a person would."""
    results = search(engine, "regional collaboration board")
    return next(r["id"] for r in results if "Yorkshire" in r["name"])


@pytest.fixture(scope="module")
def charts(engine, rcb_id: str) -> dict[str, Flowchart]:
    roots = [rcb_id, *BOARDS, "east-midlands-region"]
    return {root: build_flowchart(engine, root, "2020-12-31") for root in roots}


def _edges(chart: Flowchart) -> set[tuple[str, str, str]]:
    return {(e.type, e.source, e.target) for e in chart.edges}


def _chairs(chart: Flowchart, board: str) -> set[tuple[str, str | None]]:
    return {(p.id, p.arrangement) for p in chart.chairs(board)}


def test_rcb_chart_governs_units_and_rotates_its_chair(
    charts: dict[str, Flowchart], rcb_id: str
) -> None:
    chart = charts[rcb_id]
    ids = {n.id for n in chart.nodes}
    assert {"odyssey", "rsss"} <= ids
    assert ("GOVERNS", rcb_id, "odyssey") in _edges(chart)
    assert ("REPORTS_TO", "rsss", rcb_id) in _edges(chart)
    pccs = {"west-yorkshire-pcc", "south-yorkshire-pcc", "humberside-pcc", "north-yorkshire-pcc"}
    assert _chairs(chart, rcb_id) == {(p, "rotating") for p in pccs}
    assert chart.node(rcb_id).is_root and chart.node(rcb_id).level == min(
        n.level for n in chart.nodes
    )
    assert (
        "Yorkshire and the Humber Regional Collaboration Board" in chart.title
        and "2020-12-31" in chart.title
    )
    assert "wy-pcp-2018-03-regional" in {d["id"] for d in chart.documents}


def test_necb_chart_has_netic_and_its_sole_chair(charts: dict[str, Flowchart]) -> None:
    chart = charts["necb"]
    assert ("GOVERNS", "necb", "netic") in _edges(chart)
    assert {
        ("PART_OF", "necb-operational-stream", "necb"),
        ("PART_OF", "necb-infrastructure-stream", "necb"),
    } <= _edges(chart)
    assert _chairs(chart, "necb") == {("west-yorkshire-pcc", "sole")}
    assert chart.node("netic").level > chart.node("necb").level


def test_tri_service_chart_has_co_chairs_members_and_what_it_reports_to(
    charts: dict[str, Flowchart],
) -> None:
    board = "tri-service-collaboration-board"
    chart = charts[board]
    assert _chairs(chart, board) == {("west-yorkshire-pcc", "co"), ("wyfr-authority", "co")}
    members = {p.id for p in chart.members(board)}
    assert {"yas", "wyfrs", "west-yorkshire"} <= members and "wyfr-authority" not in members
    assert ("REPORTS_TO", board, "policing-and-fire-minister") in _edges(chart)
    assert chart.node("policing-and-fire-minister").level < chart.node(board).level
    assert ("GOVERNS", board, "tcb-occupational-health") in _edges(chart)


def test_em_board_chart_has_the_programme_its_parts_and_their_boards(
    charts: dict[str, Flowchart],
) -> None:
    chart = charts["em-pcc-cc-board"]
    edges = _edges(chart)
    assert ("GOVERNS", "em-pcc-cc-board", "em-collaboration-programme") in edges
    assert ("PART_OF", "emsou", "em-collaboration-programme") in edges
    assert ("GOVERNS", "emsou-strategic-board", "emsou") in edges
    assert ("REPORTS_TO", "em-resources-board", "em-pcc-cc-board") in edges
    assert len(chart.members("em-pcc-cc-board")) == 10
    assert not chart.chairs("em-pcc-cc-board")  # the document names no chair


def test_region_chart_draws_every_board_of_the_region(charts: dict[str, Flowchart], engine) -> None:
    chart = charts["east-midlands-region"]
    boards = {n.id for n in chart.nodes if n.kind == "board"}
    assert {
        "em-pcc-cc-board",
        "emsou-strategic-board",
        "em-resources-board",
        "emopss-strategic-board",
    } <= boards
    assert {n.id for n in chart.nodes if n.is_root} >= {"em-pcc-cc-board", "em-resources-board"}
    assert chart.title.startswith("Governance of East Midlands (region)")


def test_as_of_before_pccs_shows_police_authorities(engine, rcb_id: str) -> None:
    early = build_flowchart(engine, rcb_id, "2011")
    members = {p.id for p in early.members(rcb_id)}
    assert "west-yorkshire-police-authority" in members and "west-yorkshire-pcc" not in members
    later = build_flowchart(engine, rcb_id, "2018-06")
    assert "west-yorkshire-police-authority" not in {p.id for p in later.members(rcb_id)}


@pytest.mark.parametrize("fmt", FLOWCHART_FORMATS)
def test_every_chart_renders_in_every_format(
    charts: dict[str, Flowchart], fmt: str, artifacts_dir: Path
) -> None:
    for root, chart in charts.items():
        data = render_flowchart(chart, fmt)
        assert len(data) > 500, (root, fmt)
        if fmt == "png":
            assert data[:8] == b"\x89PNG\r\n\x1a\n"
            (artifacts_dir / f"flowchart-{root}.png").write_bytes(data)
        elif fmt == "pdf":
            assert data[:5] == b"%PDF-"
        elif fmt == "svg":
            svg = html.unescape(data.decode())
            assert svg.lstrip().startswith("<?xml") and "<svg" in svg
            assert "Legend" in svg and "Sources" in svg and chart.as_of in svg
            for node in chart.nodes:
                assert node.name.split()[0] in svg
        elif fmt == "dot":
            assert data.decode().startswith("digraph governance {")
        elif fmt == "mermaid":
            _check_mermaid(chart, data.decode())
        else:
            _check_drawio(chart, data.decode())
            (artifacts_dir / f"flowchart-{root}.drawio").write_bytes(data)


def _check_mermaid(chart: Flowchart, text: str) -> None:
    assert text.startswith('---\ntitle: "Governance of ') and "\nflowchart TD\n" in text
    for node in chart.nodes:
        assert re.search(rf'^    n_{node.id.replace("-", "_")}\["<b>', text, re.M), node.id
    links = [line for line in text.splitlines() if re.match(r"^    n_\w+ (-->|-\.-|---)", line)]
    assert len(links) == len(chart.edges)
    assert '"' not in "".join(
        line.split('["', 1)[1][:-2] for line in text.splitlines() if '["' in line
    )


def _check_drawio(chart: Flowchart, text: str) -> None:
    root = ET.fromstring(text)
    assert root.tag == "mxfile"
    cells = root.findall(".//mxCell")
    boxes = {
        c.get("id"): c
        for c in cells
        if c.get("vertex") == "1" and str(c.get("id")).startswith("node-")
    }
    assert set(boxes) == {f"node-{n.id}" for n in chart.nodes}
    edges = [c for c in cells if c.get("edge") == "1"]
    assert len(edges) == len(chart.edges)
    assert all(e.get("source") in boxes and e.get("target") in boxes for e in edges)
    rects = []
    for cell in boxes.values():
        g = cell.find("mxGeometry")
        assert g is not None
        rects.append(tuple(float(g.get(k, "0")) for k in ("x", "y", "width", "height")))
    for i, a in enumerate(rects):  # no two boxes overlap
        for b in rects[i + 1 :]:
            assert (
                a[0] + a[2] <= b[0]
                or b[0] + b[2] <= a[0]
                or a[1] + a[3] <= b[1]
                or b[1] + b[3] <= a[1]
            )


def test_png_is_readable_at_a4(charts: dict[str, Flowchart]) -> None:
    """At most A4 landscape at 150 dpi, so text stays the size it was drawn at when printed."""
    for chart in charts.values():
        data = render_flowchart(chart, "png")
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert width <= 1650 and height <= 1200


def test_svg_labels_do_not_overlap(charts: dict[str, Flowchart]) -> None:
    """Graphviz places every box; their bounding polygons must not intersect."""
    for root, chart in charts.items():
        svg = render_flowchart(chart, "svg").decode()
        boxes = []
        for match in re.finditer(
            r'<g id="node\d+" class="node">\s*<title>([^<]+)</title>'
            r'\s*<polygon [^>]*points="([^"]+)"',
            svg,
        ):
            points = [tuple(map(float, p.split(","))) for p in match.group(2).split()]
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            boxes.append((match.group(1), min(xs), min(ys), max(xs), max(ys)))
        assert len(boxes) >= len([n for n in chart.nodes if n.kind == "board"]), root
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
                assert apart, (root, a[0], b[0])


def test_unknown_root_is_not_found_with_suggestions(engine) -> None:
    with pytest.raises(NotFoundError) as caught:
        build_flowchart(engine, "no-such-board")
    assert caught.value.id == "no-such-board"


def test_root_that_is_a_force_is_refused(engine) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        build_flowchart(engine, "derbyshire")
    assert caught.value.parameter == "root"


def test_bad_as_of_is_refused(engine) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        build_flowchart(engine, "necb", "2020-13-45")
    assert caught.value.parameter == "as_of"


def test_missing_graphviz_names_the_install_command(
    charts: dict[str, Flowchart], monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no `dot` on it
    with pytest.raises(GraphvizMissingError, match=r"apt-get install graphviz"):
        render_flowchart(charts["necb"], "png")
    assert render_flowchart(charts["necb"], "mermaid")  # needs no binary


def test_without_a_date_a_chart_is_as_of_its_latest_source_and_says_so(engine, rcb_id) -> None:
    chart = build_flowchart(engine, rcb_id)
    latest = max(d["date"] for d in chart.documents if d.get("date"))
    assert chart.as_of == latest
    assert chart.title.endswith(f"as of {latest} (the latest date of its sources)")
    assert chart.as_of_basis and chart.as_dict()["as_of_basis"] == chart.as_of_basis
    # A date asked for is used as it is, and the title gives no reason.
    assert build_flowchart(engine, rcb_id, "2018").title.endswith("as of 2018")
