"""The maps as a governance officer uses them, in Chromium with every outside request
refused: legible at the opening zoom (no overlapping nodes, no label under the stated
minimum), redrawn for another date, region or entity without a page load (served pages
and exported files alike), saved whole with title, legend and sources, printable, usable
from the keyboard, with a table of what is shown, and no serious accessibility violation.
Screenshots go to tests/artifacts/."""

from __future__ import annotations

import html
import re
import struct

import pytest

from graphmodel.maps import MapQuery, exported_page, map_graph
from graphmodel.maps.drawing import MIN_LABEL_PX
from tests.maps.conftest import axe_violations

VIEWS = {
    f"{view}-{where or 'national'}": MapQuery(view, region=where)
    for view in ("leads", "governance", "participation")
    for where in (None, "east-midlands")
} | {"neighbourhood-staffordshire": MapQuery("neighbourhood", entity="staffordshire")}

_OVERLAPS = """() => {
  const n = window.collabMap.network;
  const boxes = window.collabMap.visibleIds().map(id => [id, n.getBoundingBox(id)]);
  const found = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i][1], b = boxes[j][1];
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
      found.push(boxes[i][0] + " / " + boxes[j][0]);
  }
  return found;
}"""

# Each node's label size on screen (font size at zoom 1 times the zoom), and whether vis draws it.
_LABELS = """() => {
  const n = window.collabMap.network, scale = n.getScale();
  return window.collabMap.visibleIds().map(id => {
    const label = n.body.nodes[id].labelModule;
    return [id, label.fontOptions.size * scale, label.visible()];
  });
}"""


def _url(base: str, query: MapQuery) -> str:
    params = [(k, v) for k, v in (("region", query.region), ("entity", query.entity)) if v]
    return f"{base}/maps/{query.view}" + (
        "?" + "&".join(f"{k}={v}" for k, v in params) if params else ""
    )


def _export(engine, tmp_path, name: str, query: MapQuery) -> str:
    path = tmp_path / f"{name}.html"
    path.write_text(exported_page(map_graph(engine, query)), encoding="utf-8")
    return path.as_uri()


@pytest.mark.parametrize("name", list(VIEWS))
def test_each_view_is_legible_at_the_opening_zoom(
    engine, live_server, watched_page, artifacts_dir, axe_source, name
):
    query = VIEWS[name]
    graph = map_graph(engine, query)
    page = watched_page(live_server)
    page.open(_url(live_server, query))
    assert page.rendered() == (graph.number_of_nodes(), graph.number_of_edges())
    assert page.page.evaluate(_OVERLAPS) == []
    labels = page.page.evaluate(_LABELS)
    assert len(labels) == graph.number_of_nodes()
    small = [(node, size) for node, size, _ in labels if size < MIN_LABEL_PX]
    assert small == []
    assert all(drawn for *_, drawn in labels)
    page.page.screenshot(path=str(artifacts_dir / f"view-{name}.png"))
    found = axe_violations(page.page, axe_source)
    assert found == [], "\n".join(found)
    page.assert_clean()


def _visible(page) -> set[str]:
    return set(page.page.evaluate("window.collabMap.visibleIds()"))


def _step_to(page, date: str) -> None:
    """Move the date control to `date` as a reader would: the slider, then let go."""
    drawn = page.page.locator("body").get_attribute("data-drawn")
    page.page.evaluate(
        "d => { const r = document.getElementById('date-range');"
        " const opts = window.collabMap.dates(); r.value = String(opts.indexOf(d));"
        " r.dispatchEvent(new Event('input')); r.dispatchEvent(new Event('change')); }",
        date,
    )
    page.page.wait_for_function(
        "([d, n]) => document.body.dataset.asOf === d && document.body.dataset.drawn !== n",
        arg=[date, drawn],
    )


def test_the_date_control_redraws_a_served_map_without_a_page_load(
    engine, live_server, watched_page, artifacts_dir
):
    page = watched_page(live_server)
    page.open(f"{live_server}/maps/leads")
    page.page.evaluate("window.stillTheSamePage = true")
    assert {"crasu", "npas"} <= _visible(page)
    _step_to(page, "2013")
    assert "crasu" in _visible(page) and "npas" not in _visible(page)
    assert _visible(page) == set(map_graph(engine, MapQuery("leads", as_of="2013")))
    assert page.page.url.endswith("/maps/leads?as_of=2013")
    assert page.page.locator("#as-of-text").inner_text() == "as of 2013"
    page.page.screenshot(path=str(artifacts_dir / "date-served-leads-2013.png"))
    _step_to(page, "2020")
    assert "npas" in _visible(page) and "crasu" not in _visible(page)
    assert page.page.evaluate("window.stillTheSamePage") is True
    # The year buttons step through years only.
    page.page.click("#year-back")
    page.page.wait_for_function("() => document.body.dataset.asOf === '2019'")
    page.assert_clean()


def test_the_date_control_filters_an_exported_file_by_itself(
    engine, tmp_path, watched_page, artifacts_dir
):
    url = _export(engine, tmp_path, "leads", MapQuery("leads"))
    page = watched_page(url)
    page.open(url)
    for date, present, absent in (("2013", "crasu", "npas"), ("2020", "npas", "crasu")):
        _step_to(page, date)
        shown = _visible(page)
        assert present in shown and absent not in shown
        served = map_graph(engine, MapQuery("leads", as_of=date))
        edges = set(page.page.evaluate("window.collabMap.visibleEdgeIds()"))
        assert edges == {key for *_, key in served.edges(keys=True)}
        assert page.page.url.endswith(f"#as_of={date}")
        page.page.screenshot(path=str(artifacts_dir / f"date-file-leads-{date}.png"))
    page.assert_clean()


def test_an_exported_file_opens_at_the_date_in_its_address(engine, tmp_path, watched_page):
    url = _export(engine, tmp_path, "leads", MapQuery("leads")) + "#as_of=2013"
    page = watched_page(url.split("#")[0])
    page.open(url)
    assert "crasu" in _visible(page) and "npas" not in _visible(page)
    page.assert_clean()


def test_region_view_and_entity_pickers_redraw_and_keep_the_state_in_the_address(
    live_server, watched_page
):
    page = watched_page(live_server)
    page.open(f"{live_server}/maps/participation")
    page.page.evaluate("window.stillTheSamePage = true")
    drawn = page.page.locator("body").get_attribute("data-drawn")
    page.page.select_option("#pick-region", "east-midlands-region")
    page.page.wait_for_function("n => document.body.dataset.drawn !== n", arg=drawn)
    assert "East Midlands" in page.page.locator("#map-subtitle").inner_text()
    assert "region=east-midlands-region" in page.page.url
    drawn = page.page.locator("body").get_attribute("data-drawn")
    page.page.select_option("#pick-region", "")
    page.page.wait_for_function("n => document.body.dataset.drawn !== n", arg=drawn)
    page.page.select_option("#pick-view", "neighbourhood")
    assert "Pick an entity" in page.page.locator("#status").inner_text()
    drawn = page.page.locator("body").get_attribute("data-drawn")
    page.page.fill("#pick-entity", "staffordshire")
    page.page.dispatch_event("#pick-entity", "change")
    page.page.wait_for_function("n => document.body.dataset.drawn !== n", arg=drawn)
    assert page.page.url.endswith("/maps/neighbourhood?entity=staffordshire")
    assert "Staffordshire" in page.page.locator("#map-subtitle").inner_text()
    assert page.page.evaluate("window.stillTheSamePage") is True
    # An unknown entity is said on the page; the map stays.
    page.page.fill("#pick-entity", "no-such-force")
    page.page.dispatch_event("#pick-entity", "change")
    page.page.wait_for_function(
        "() => document.getElementById('status').textContent.includes('no-such')"
    )
    page.assert_clean()


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_the_whole_map_png_has_title_date_legend_and_sources(
    engine, tmp_path, watched_page, artifacts_dir
):
    query = MapQuery("governance")
    graph = map_graph(engine, query)
    url = _export(engine, tmp_path, "governance", query)
    page = watched_page(url)
    page.open(url)
    _step_to(page, "2018")
    with page.page.expect_download() as png:
        page.page.click("#save-png")
    data = png.value.path().read_bytes()
    (artifacts_dir / "whole-map-governance-2018.png").write_bytes(data)
    picture = page.page.evaluate("window.collabMap.wholeSvg()")
    width, height = _png_size(data)
    assert (width, height) == (2 * picture["width"], 2 * picture["height"])
    svg = picture["svg"]
    (artifacts_dir / "whole-map-governance-2018.svg").write_text(svg, encoding="utf-8")
    texts = re.findall(r">([^<>]+)</text>", svg)
    assert texts[0] == "Governance" and texts[1].startswith("as of 2018")
    assert "Legend" in texts and "Sources" in texts and "Kinds" in texts
    shown = _visible(page)
    # Every node drawn on the map is in the picture, whatever part the screen shows.
    nodes_part = svg.split('<g class="nodes">')[1].split("</g>")[0]
    assert nodes_part.count("<path ") == len(shown)
    labels = page.page.evaluate(
        "ids => ids.map(id => window.collabMap.nodes.get(id).label)", sorted(shown)
    )
    for label in labels:
        for line in label.split("\n"):
            assert f">{html.escape(line, quote=False)}</text>" in nodes_part
    cited = {s["document"] for n in shown for s in graph.nodes[n]["sources"]}
    for document in cited:
        assert f"document {document}" in svg
    with page.page.expect_download() as saved:
        page.page.click("#save-svg")
    assert saved.value.path().read_text(encoding="utf-8") == svg
    page.assert_clean()


def test_print_puts_the_whole_map_on_one_a4_landscape_page(
    engine, tmp_path, watched_page, artifacts_dir
):
    url = _export(engine, tmp_path, "participation", MapQuery("participation"))
    page = watched_page(url)
    page.open(url)
    page.page.evaluate("window.collabMap.preparePrint()")
    page.page.emulate_media(media="print")
    figure = page.page.locator("#print-figure img")
    assert figure.is_visible()
    assert not page.page.locator("#network").is_visible()
    pdf = page.page.pdf(prefer_css_page_size=True, print_background=True)
    (artifacts_dir / "print-participation.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box and float(box.group(1)) > float(box.group(2))  # landscape
    assert abs(float(box.group(1)) - 841.9) < 2  # A4: 297 mm wide
    page.assert_clean()


def test_the_map_is_usable_from_the_keyboard(engine, live_server, watched_page):
    page = watched_page(live_server)
    page.open(f"{live_server}/maps/governance?region=east-midlands")
    page.page.keyboard.press("Tab")  # the skip link
    for _ in range(100):
        if page.page.evaluate("document.activeElement.id") == "network":
            break
        page.page.keyboard.press("Tab")
    assert page.page.evaluate("document.activeElement.id") == "network"
    outline = page.page.evaluate(
        "getComputedStyle(document.getElementById('network')).outlineStyle"
    )
    assert outline == "solid"
    first = page.page.locator("body").get_attribute("data-focused")
    assert first
    page.page.keyboard.press("ArrowRight")
    second = page.page.locator("body").get_attribute("data-focused")
    assert second and second != first
    assert page.page.evaluate("window.collabMap.network.getSelectedNodes()") == [second]
    assert (
        page.page.locator("#focus-text")
        .inner_text()
        .startswith(
            map_graph(engine, MapQuery("governance", region="east-midlands")).nodes[second]["name"]
        )
    )
    page.page.keyboard.press("Enter")
    assert page.page.locator("#panel").get_attribute("data-id") == second
    assert page.page.locator("#panel").is_visible()
    page.page.keyboard.press("Escape")
    assert not page.page.locator("#panel").is_visible()
    page.assert_clean()


def test_the_table_lists_what_is_drawn_with_citations(engine, live_server, watched_page):
    query = MapQuery("participation", region="east-midlands")
    graph = map_graph(engine, query)
    page = watched_page(live_server)
    page.open(_url(live_server, query))
    page.page.click("#table-view summary")
    entities = page.page.locator("#table-entities tr[data-id]")
    relationships = page.page.locator("#table-relationships tr[data-id]")
    assert entities.count() == graph.number_of_nodes()
    assert relationships.count() == graph.number_of_edges()
    key, (source, target, attrs) = next(
        (k, (s, t, a)) for s, t, k, a in graph.edges(keys=True, data=True)
    )
    row = page.page.locator(f'#table-relationships tr[data-id="{key}"]')
    cells = row.locator("td").all_inner_texts()
    assert cells[0] == graph.nodes[source]["name"] and cells[2] == graph.nodes[target]["name"]
    for s in attrs["sources"]:
        assert s["document"] in cells[4]
    # Participation also reads as a matrix: a row per collaboration, a column per participant.
    matrix_rows = page.page.locator("#table-matrix tr[data-id]")
    assert matrix_rows.count() == len({t for _, t in graph.edges()})
    cell = page.page.locator(f'#table-matrix tr[data-id="{target}"] td[data-status]')
    assert cell.count() == len({s for s, t in graph.edges() if t == target})
    # Filters narrow the table with the map.
    page.page.locator('fieldset[data-filter="status"] input[value="member"]').uncheck()
    page.page.wait_for_timeout(200)
    assert relationships.count() == page.rendered()[1]
    page.assert_clean()


def test_maps_index_opens_a_neighbourhood_through_an_entity_picker(
    live_server, watched_page, artifacts_dir, axe_source
):
    page = watched_page(live_server)
    page.page.goto(f"{live_server}/maps")
    page.page.fill("#neighbourhood-entity", "staffordshire")
    page.page.click("#neighbourhood-form button[type=submit]")
    page.page.wait_for_selector("body[data-map-ready]", state="attached")
    assert "/maps/neighbourhood?entity=staffordshire" in page.page.url
    assert page.rendered()[0] > 1
    page.page.goto(f"{live_server}/maps")
    page.page.screenshot(path=str(artifacts_dir / "maps-index.png"))
    found = axe_violations(page.page, axe_source)
    assert found == [], "\n".join(found)
    page.assert_clean()


def test_pages_without_a_map_have_no_console_error(live_server, watched_page, axe_source):
    for path in ("/", "/maps"):
        page = watched_page(live_server)
        page.page.goto(f"{live_server}{path}")
        page.page.wait_for_load_state("load")
        found = axe_violations(page.page, axe_source)
        assert found == [], f"{path}: " + "\n".join(found)
        page.assert_clean()


def test_an_exported_file_makes_no_request_and_passes_axe(
    engine, tmp_path, watched_page, axe_source
):
    url = _export(engine, tmp_path, "gov", MapQuery("governance", region="east-midlands"))
    page = watched_page(url)
    page.open(url)
    found = axe_violations(page.page, axe_source)
    assert found == [], "\n".join(found)
    page.assert_clean()
