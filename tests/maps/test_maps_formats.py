"""A map's data as JSON, GraphML and GEXF: networkx reads each back whole."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from graphmodel.errors import NotFoundError
from graphmodel.maps import MapQuery, data_filename, graph_data, map_graph


@pytest.fixture(scope="module")
def graph(engine):
    return map_graph(engine, MapQuery("participation", region="east-midlands"))


def test_json_is_node_link_data_with_citations(graph):
    data = json.loads(graph_data(graph, "json"))
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["links"]) == graph.number_of_edges()
    link = data["links"][0]
    assert link["type"] == "PARTICIPATES_IN" and link["sources"][0]["document"]


def test_graphml_reads_back_with_names_statuses_and_sources(graph):
    back = nx.read_graphml(io.BytesIO(graph_data(graph, "graphml").encode()))
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.nodes["emsou"]["name"] == graph.nodes["emsou"]["name"]
    statuses = {a.get("status") for *_, a in back.edges(data=True)}
    assert "not_participating" in statuses
    assert all(a["sources"] for *_, a in back.edges(data=True))


def test_gexf_reads_back_with_kind_colours(graph):
    back = nx.read_gexf(io.BytesIO(graph_data(graph, "gexf").encode()))
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.nodes["leicestershire"]["viz"]["color"] == {
        "r": 0x1F,
        "g": 0x4E,
        "b": 0x9C,
        "a": 1.0,
    }


def test_file_name_says_what_the_map_is(graph):
    assert data_filename(graph, "gexf") == "participation-east-midlands-region.gexf"


def test_unknown_format_is_not_found(graph):
    with pytest.raises(NotFoundError):
        graph_data(graph, "xlsx")
