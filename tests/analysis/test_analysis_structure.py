"""Centrality, cut points and communities, checked independently with networkx."""

from __future__ import annotations

import networkx as nx
import pytest

from graphmodel.analysis import centrality_scores, fetch_network, network_structure, structure_table
from graphmodel.analysis.structure import undirected
from graphmodel.errors import InvalidRequestError


@pytest.fixture(scope="module")
def structure(engine) -> dict:
    return network_structure(engine, top=10)


def test_articulation_points_really_split_the_network(engine, structure):
    graph = undirected(fetch_network(engine))
    before = nx.number_connected_components(graph)
    assert structure["articulation_points"]
    for point in structure["articulation_points"]:
        cut = graph.copy()
        cut.remove_node(point["entity"]["id"])
        assert nx.number_connected_components(cut) == before + point["pieces"] - 1
        component = nx.node_connected_component(graph, point["entity"]["id"])
        sizes = sorted(
            (len(c) for c in nx.connected_components(cut) if c <= component), reverse=True
        )
        assert (point["largest_piece"], point["nodes_cut_off"]) == (sizes[0], sum(sizes[1:]))


def test_west_yorkshire_is_central_and_bridges_are_cited(structure):
    ids = [c["id"] for c in structure["centrality"]]
    assert "west-yorkshire" in ids[:5]
    assert all(b["sources"] and b["smaller_side"] >= 2 for b in structure["bridges"])


def test_communities_against_regions(structure):
    em = next(r for r in structure["regions"] if r["region"]["id"] == "east-midlands-region")
    assert len(em["communities"]) == 1  # the five East Midlands forces collaborate as one
    assert 0 < structure["region_purity"] <= 1
    assert sum(c["size"] for c in structure["communities"]) <= structure["nodes"]


def test_scores_table_and_bad_input(engine, structure):
    scores = centrality_scores(engine, measure="degree")
    assert scores["west-yorkshire"] > 0
    rows = structure_table(structure)
    assert {r["section"] for r in rows} >= {"centrality", "articulation_point", "community"}
    with pytest.raises(InvalidRequestError):
        centrality_scores(engine, measure="pagerank")
    with pytest.raises(InvalidRequestError):
        network_structure(engine, top=0)


def test_empty_network_says_why(engine):
    assert "no relationships hold" in network_structure(engine, as_of="1900")["note"]
