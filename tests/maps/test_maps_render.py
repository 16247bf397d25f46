"""The page itself: self-contained, styled from the schema, the same for the same data."""

from __future__ import annotations

import json
import re

import networkx as nx

from graphmodel.maps import MapQuery, exported_page, map_graph, render_page
from graphmodel.maps.drawing import MIN_LABEL_PX, MIN_SCALE, node_radius
from graphmodel.maps.style import REL_COLOURS, node_label
from graphmodel.schema import load_schema


def _payload(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def test_page_loads_nothing_from_anywhere(engine):
    html = render_page(map_graph(engine, MapQuery("leads")))
    # No attribute or stylesheet points anywhere but the page itself or inline data.
    for attr in re.findall(r'(?:src|href|action)\s*=\s*"([^"]*)"', html):
        assert not re.match(r"^(https?:)?//", attr), attr
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html)
    assert "@import" not in html and "@font-face" not in html
    assert "default-src 'none'" in html and "connect-src 'none'" in html


def test_a_served_page_may_call_only_its_own_server(engine):
    html = render_page(
        map_graph(engine, MapQuery("leads")), choices={"regions": [], "entities": []}
    )
    assert "connect-src 'self'" in html and "default-src 'none'" in html


def test_nodes_take_kind_colours_and_shapes_from_the_schema(engine):
    payload = _payload(render_page(map_graph(engine, MapQuery("governance"))))
    kinds = load_schema().kinds
    for node in payload["nodes"]:
        assert node["color"] == kinds[node["kind"]].colour
        assert node["shape"] == kinds[node["kind"]].shape


def test_every_relationship_type_has_a_colour_and_broken_statuses_are_dashed(engine):
    assert set(load_schema().relationships) <= set(REL_COLOURS)
    payload = _payload(render_page(map_graph(engine, MapQuery("participation"))))
    dashed = {e["status"] for e in payload["edges"] if e["dashes"]}
    solid = {e.get("status") for e in payload["edges"] if not e["dashes"]}
    assert {"withdrawn", "not_participating"} & dashed
    assert solid == {"member"}


def test_layout_is_computed_and_the_page_is_the_same_for_the_same_data(engine):
    first = render_page(map_graph(engine, MapQuery("leads", region="west-midlands")))
    second = render_page(map_graph(engine, MapQuery("leads", region="west-midlands")))
    assert first == second
    payload = _payload(first)
    assert payload["options"]["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in payload["nodes"])


def test_legend_lists_the_kinds_and_types_on_the_map(engine):
    payload = _payload(
        render_page(map_graph(engine, MapQuery("governance", region="east-midlands")))
    )
    assert "board" in [k["id"] for k in payload["legend"]["kinds"]]
    assert "GOVERNS" in [r["id"] for r in payload["legend"]["relationships"]]


def test_node_size_follows_the_measure_and_labels_keep_the_minimum(engine):
    graph = map_graph(engine, MapQuery("leads"))
    payload = _payload(render_page(graph))
    by_weight = sorted(payload["nodes"], key=lambda n: n["weight"])
    for smaller, larger in zip(by_weight, by_weight[1:], strict=False):
        assert (smaller["size"] < larger["size"]) == (smaller["weight"] < larger["weight"])
    assert by_weight[-1]["size"] == node_radius(1, 1)
    # Every label is drawn at least MIN_LABEL_PX at the smallest opening zoom.
    assert min(n["font"]["size"] for n in payload["nodes"]) * MIN_SCALE >= MIN_LABEL_PX
    assert payload["options"]["nodes"]["scaling"]["label"]["drawThreshold"] == MIN_LABEL_PX


def test_exported_page_carries_its_data(engine):
    graph = map_graph(engine, MapQuery("participation", region="east-midlands"))
    payload = _payload(exported_page(graph))
    assert set(payload["downloads"]) == {"json", "graphml", "gexf"}
    assert payload["meta"]["api_base"] is None


def test_script_text_cannot_close_the_data_block():
    graph = nx.MultiDiGraph(view="leads", title="t", documents={})
    graph.add_node(
        "x", name="</script><script>alert(1)</script>", kind="unit", aliases=[], weight=0
    )
    html = render_page(graph)
    assert "</script><script>alert(1)" not in html
    assert _payload(html)["details"]["nodes"]["x"]["name"].startswith("</script>")


def test_long_names_use_a_short_alias_and_short_names_wrap():
    assert (
        node_label("East Midlands Special Operations Unit", ["EMSOU", "East Midlands unit"])
        == "EMSOU"
    )
    assert node_label("West Yorkshire Police", []) == "West Yorkshire\nPolice"
