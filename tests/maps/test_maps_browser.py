"""The maps in Debian's Chromium, with the network cut off: served by uvicorn and opened
from exported files. Screenshots of each view go to tests/artifacts/."""

from __future__ import annotations

import base64
from collections import Counter
from urllib.parse import urlencode

import pytest

from graphmodel.maps import MapQuery, exported_page, map_graph

QUERIES = {
    "leads": MapQuery("leads"),
    "leads-west-midlands": MapQuery("leads", region="west-midlands"),
    "governance": MapQuery("governance"),
    "governance-east-midlands": MapQuery("governance", region="east-midlands"),
    "participation-east-midlands": MapQuery("participation", region="east-midlands"),
    "participation": MapQuery("participation"),
    "neighbourhood-staffordshire": MapQuery("neighbourhood", entity="staffordshire"),
    "neighbourhood-west-yorkshire-2018": MapQuery(
        "neighbourhood", entity="west-yorkshire", as_of="2018"
    ),
}


def _url(base: str, query: MapQuery) -> str:
    params = {
        k: v
        for k, v in (("region", query.region), ("entity", query.entity), ("as_of", query.as_of))
        if v
    }
    return f"{base}/maps/{query.view}" + (f"?{urlencode(params)}" if params else "")


def _export(engine, tmp_path, name: str, query: MapQuery) -> str:
    path = tmp_path / f"{name}.html"
    path.write_text(exported_page(map_graph(engine, query)), encoding="utf-8")
    return path.as_uri()


@pytest.mark.parametrize("name", list(QUERIES))
def test_served_map_draws_every_node_offline(
    engine, live_server, watched_page, artifacts_dir, name
):
    query = QUERIES[name]
    graph = map_graph(engine, query)
    url = _url(live_server, query)
    page = watched_page(url.split("?")[0])
    page.open(url)
    assert page.rendered() == (graph.number_of_nodes(), graph.number_of_edges())
    page.page.screenshot(path=str(artifacts_dir / f"map-served-{name}.png"))
    page.assert_clean()


@pytest.mark.parametrize(
    "name", ["leads", "governance-east-midlands", "participation", "neighbourhood-staffordshire"]
)
def test_exported_file_draws_every_node_offline(
    engine, tmp_path, watched_page, artifacts_dir, name
):
    query = QUERIES[name]
    graph = map_graph(engine, query)
    url = _export(engine, tmp_path, name, query)
    page = watched_page(url)
    page.open(url)
    assert page.rendered() == (graph.number_of_nodes(), graph.number_of_edges())
    page.page.screenshot(path=str(artifacts_dir / f"map-file-{name}.png"))
    page.assert_clean()


def _node_on_screen(page, node_id: str) -> tuple[float, float]:
    box = page.locator("#network canvas").bounding_box()
    point = page.evaluate(
        "id => { const n = window.collabMap.network;"
        " return n.canvasToDOM(n.getPositions([id])[id]); }",
        node_id,
    )
    return box["x"] + point["x"], box["y"] + point["y"]


def test_clicking_a_node_shows_its_citations(engine, live_server, watched_page):
    query = QUERIES["governance-east-midlands"]
    graph = map_graph(engine, query)
    page = watched_page(live_server + "/maps/")
    page.open(_url(live_server, query))
    node = "leicestershire"
    x, y = _node_on_screen(page.page, node)
    page.page.mouse.click(x, y)
    panel = page.page.locator("#panel")
    panel.wait_for(state="visible")
    assert panel.get_attribute("data-id") == node
    assert graph.nodes[node]["name"] in panel.locator("h2").inner_text()
    cited = [
        (li.get_attribute("data-document"), li.get_attribute("data-ref"))
        for li in panel.locator("ul.citations li").all()
    ]
    assert cited == [(s["document"], s["ref"]) for s in graph.nodes[node]["sources"]]
    link = panel.locator("a.json")
    assert link.get_attribute("href") == f"/api/entities/{node}"
    page.assert_clean()


def test_clicking_a_relationship_shows_its_citations(engine, live_server, watched_page):
    query = QUERIES["governance-east-midlands"]
    graph = map_graph(engine, query)
    page = watched_page(live_server + "/maps/")
    page.open(_url(live_server, query))
    box = page.page.locator("#network canvas").bounding_box()
    # The midpoint of a long edge, checked to hit that edge and no node.
    target = page.page.evaluate(
        """() => {
          const n = window.collabMap.network;
          for (const e of window.collabMap.edges.get()) {
            const p = n.getPositions([e.from, e.to]);
            const a = n.canvasToDOM(p[e.from]), b = n.canvasToDOM(p[e.to]);
            const m = {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2};
            const long = Math.hypot(a.x - b.x, a.y - b.y) > 120;
            if (long && n.getNodeAt(m) === undefined && n.getEdgeAt(m) === e.id) {
              return {id: e.id, x: m.x, y: m.y};
            }
          }
          return null;
        }"""
    )
    assert target, "no edge to click"
    page.page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    panel = page.page.locator("#panel")
    panel.wait_for(state="visible")
    assert panel.get_attribute("data-kind") == "edge"
    edge = next(a for *_, k, a in graph.edges(keys=True, data=True) if k == target["id"])
    cited = [
        (li.get_attribute("data-document"), li.get_attribute("data-ref"))
        for li in panel.locator("ul.citations li").all()
    ]
    assert cited == [(s["document"], s["ref"]) for s in edge["sources"]]
    page.assert_clean()


def test_search_finds_a_node_by_an_abbreviation_and_opens_it(
    engine, live_server, watched_page, artifacts_dir
):
    page = watched_page(live_server + "/maps/")
    page.open(_url(live_server, QUERIES["participation"]))
    search = page.page.locator("#search")
    search.fill("emsou")
    results = page.page.locator("#search-results li")
    assert results.first.get_attribute("data-id") == "emsou"
    search.press("Enter")
    assert page.page.locator("body").get_attribute("data-focused") == "emsou"
    assert page.page.locator("#panel").get_attribute("data-id") == "emsou"
    assert page.page.evaluate("window.collabMap.network.getSelectedNodes()") == ["emsou"]
    # Another of its names finds it too.
    search.fill("East Midlands Special Operations")
    assert results.first.get_attribute("data-id") == "emsou"
    page.page.wait_for_timeout(500)
    page.page.screenshot(path=str(artifacts_dir / "map-served-participation-search.png"))
    page.assert_clean()


def test_filters_hide_a_kind_and_a_status(engine, live_server, watched_page):
    query = QUERIES["participation-east-midlands"]
    graph = map_graph(engine, query)
    page = watched_page(live_server + "/maps/")
    page.open(_url(live_server, query))

    def expected(keep_node, keep_edge) -> tuple[int, int]:
        edges = [
            (s, t)
            for s, t, a in graph.edges(data=True)
            if keep_edge(a) and keep_node(s) and keep_node(t)
        ]
        touched = {n for e in edges for n in e}
        nodes = [n for n in graph if keep_node(n) and (n in touched or graph.degree(n) == 0)]
        return len(nodes), len(edges)

    not_member = lambda a: a.get("status") != "member"  # noqa: E731
    page.page.locator('fieldset[data-filter="status"] input[value="member"]').uncheck()
    page.page.wait_for_timeout(300)
    assert page.rendered() == expected(lambda n: True, not_member)
    assert 0 < page.rendered()[1] < graph.number_of_edges()

    kinds = Counter(kind for _, kind in graph.nodes(data="kind"))
    hidden_kind = kinds.most_common(2)[1][0]
    page.page.locator(f'fieldset[data-filter="kind"] input[value="{hidden_kind}"]').uncheck()
    page.page.wait_for_timeout(300)
    other_kind = lambda n: graph.nodes[n]["kind"] != hidden_kind  # noqa: E731
    assert page.rendered() == expected(other_kind, not_member)
    page.assert_clean()


def test_layout_is_the_same_every_time(engine, live_server, watched_page):
    url = _url(live_server, QUERIES["leads-west-midlands"])
    positions = []
    for _ in range(2):
        page = watched_page(live_server + "/maps/")
        page.open(url)
        positions.append(page.page.evaluate("window.collabMap.network.getPositions()"))
    assert positions[0] == positions[1]


def test_save_png_and_embedded_downloads_work_offline(engine, tmp_path, watched_page):
    url = _export(engine, tmp_path, "gov", QUERIES["governance-east-midlands"])
    page = watched_page(url)
    page.open(url)
    with page.page.expect_download() as png:
        page.page.click("#save-png")
    png_path = png.value.path()
    assert png.value.suggested_filename == "governance-east-midlands-region.png"
    assert png_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    data_url = page.page.evaluate("window.collabMap.wholePng()")
    assert base64.b64decode(data_url.split(",", 1)[1]) == png_path.read_bytes()
    with page.page.expect_download() as graphml:
        page.page.click('a[data-embedded="graphml"]')
    assert graphml.value.suggested_filename.endswith(".graphml")
    assert b"<graphml" in graphml.value.path().read_bytes()
    page.assert_clean()


def test_empty_map_says_why_instead_of_a_blank_page(live_server, watched_page, artifacts_dir):
    page = watched_page(live_server + "/maps/")
    page.open(f"{live_server}/maps/leads?as_of=1990")
    assert page.rendered() == (0, 0)
    assert "as of 1990" in page.page.locator("#empty").inner_text()
    page.page.screenshot(path=str(artifacts_dir / "map-served-empty.png"))
    page.assert_clean()


def test_node_panel_shows_money_by_the_one_rule_and_dates_with_their_basis(
    engine, live_server, watched_page
):
    query = MapQuery("neighbourhood", entity="staffs-wm-firearms-licensing")
    page = watched_page(live_server + "/maps/")
    page.open(_url(live_server, query))
    search = page.page.locator("#search")
    search.fill("staffs-wm-firearms-licensing")
    search.press("Enter")
    panel = page.page.locator("#panel")
    panel.wait_for(state="visible")
    text = panel.inner_text()
    assert "Money" in text and "195,585 GBP" in text
    assert "303,000 GBP — estimate, not incurred" in text
    assert "not added: wm-firearms-licensing-withdrawal-estimate" in text
    assert "2013-07-02 (first reported)" in text  # its start is not stated
    page.assert_clean()
