"""The map views read from the seed graph: what each draws, and how it is narrowed."""

from __future__ import annotations

import pytest

from graphmodel.errors import InvalidRequestError, NotFoundError
from graphmodel.maps import VIEWS, MapQuery, fetch_map, map_graph
from graphmodel.maps.layout import ORIENTATIONS, levels
from graphmodel.maps.render import page_payload


def test_leads_view_draws_every_lead_relationship_with_its_role_and_citation(engine):
    graph = map_graph(engine, MapQuery("leads"))
    assert graph.number_of_edges() > 50
    for _, _, attrs in graph.edges(data=True):
        assert attrs["type"] == "LEADS"
        assert attrs["role"]
        assert attrs["sources"] and all(s["document"] and "ref" in s for s in attrs["sources"])


def test_leads_view_sizes_a_leader_by_how_much_it_leads(engine):
    graph = map_graph(engine, MapQuery("leads"))
    wyp = graph.nodes["west-yorkshire"]
    led = [t for _, t, a in graph.out_edges("west-yorkshire", data=True) if a["type"] == "LEADS"]
    assert wyp["weight"] == len(led) > 3
    assert wyp["weight"] == max(w for _, w in graph.nodes(data="weight"))


def test_governance_view_holds_only_governance_types_and_board_memberships(engine):
    graph = map_graph(engine, MapQuery("governance"))
    types = {a["type"] for *_, a in graph.edges(data=True)}
    assert types <= {"CHAIRS", "MEMBER_OF", "GOVERNS", "REPORTS_TO"}
    assert {"CHAIRS", "GOVERNS"} <= types
    for _, target, attrs in graph.edges(data=True):
        if attrs["type"] == "MEMBER_OF":
            assert graph.nodes[target]["kind"] == "board"


def _drawn(graph) -> dict[str, tuple[float, float]]:
    return {n["id"]: (n["x"], n["y"]) for n in page_payload(graph)["nodes"]}


@pytest.mark.parametrize(
    ("view", "upper_side"),
    [
        ("governance", {"CHAIRS": 0, "MEMBER_OF": 0, "GOVERNS": 0, "REPORTS_TO": 1}),
        ("leads", {"LEADS": 0}),
        ("participation", {"PARTICIPATES_IN": 0}),
    ],
)
def test_each_view_draws_the_upper_side_of_its_relationships_above(engine, view, upper_side):
    graph = map_graph(engine, MapQuery(view))
    level = levels(graph, ORIENTATIONS[view])
    drawn = _drawn(graph)
    for source, target, attrs in graph.edges(data=True):
        if attrs["type"] not in upper_side:
            continue
        above, below = (source, target) if upper_side[attrs["type"]] == 0 else (target, source)
        if level[above] != level[below]:  # equal only within a cycle
            assert drawn[above][1] < drawn[below][1]


def test_participation_puts_forces_on_one_side_and_collaborations_on_the_other(engine):
    graph = map_graph(engine, MapQuery("participation", region="east-midlands"))
    drawn = _drawn(graph)
    forces = [drawn[n][1] for n, kind in graph.nodes(data="kind") if kind == "force"]
    agreements = [drawn[n][1] for n, kind in graph.nodes(data="kind") if kind == "agreement"]
    assert max(forces) < min(agreements)


def test_participation_view_carries_statuses(engine):
    graph = map_graph(engine, MapQuery("participation"))
    statuses = {a["status"] for *_, a in graph.edges(data=True)}
    assert {"member", "not_participating"} <= statuses


def test_neighbourhood_holds_the_entity_and_everything_next_to_it(engine):
    graph = map_graph(engine, MapQuery("neighbourhood", entity="staffordshire"))
    neighbours = set(graph.predecessors("staffordshire")) | set(graph.successors("staffordshire"))
    assert neighbours == set(graph) - {"staffordshire"}
    assert "staffordshire-pcc" in neighbours


def test_region_narrows_to_what_the_region_takes_part_in(engine):
    everything = map_graph(engine, MapQuery("leads"))
    em = map_graph(engine, MapQuery("leads", region="east-midlands"))
    same = map_graph(engine, MapQuery("leads", region="east-midlands-region"))
    assert set(em) == set(same)
    assert 0 < em.number_of_nodes() < everything.number_of_nodes()
    assert "em-s22-emsou-overarching" in em and "leicestershire" in em
    # Forces elsewhere appear only where they lead something the region takes part in.
    assert "south-yorkshire" in everything and "south-yorkshire" not in em
    assert [t for _, t in em.out_edges("west-yorkshire")] == ["npas-s22-agreement"]


def test_as_of_keeps_only_what_held_then(engine):
    # 2013: CRASU still under CMPG, no NPAS yet; 2020: NPAS and no CRASU.
    early = map_graph(engine, MapQuery("neighbourhood", entity="west-midlands", as_of="2013-07"))
    late = map_graph(engine, MapQuery("neighbourhood", entity="west-midlands", as_of="2020"))
    assert "npas" not in early
    assert "crasu" not in late


def test_entity_narrows_other_views_to_two_steps_around_it(engine):
    graph = map_graph(engine, MapQuery("participation", entity="staffordshire"))
    assert "staffordshire" in graph
    assert (
        1 < graph.number_of_nodes() < map_graph(engine, MapQuery("participation")).number_of_nodes()
    )


def test_empty_map_says_why(engine):
    graph = map_graph(engine, MapQuery("leads", as_of="1990"))
    assert graph.number_of_nodes() == 0
    assert "1990" in graph.graph["empty_reason"]


@pytest.mark.parametrize(
    ("query", "what"),
    [
        (MapQuery("heatmap"), "map view"),
        (MapQuery("leads", region="atlantis"), "region"),
        (MapQuery("leads", entity="west-yorkshir"), "entity"),
    ],
)
def test_unknown_names_raise_not_found(engine, query, what):
    with pytest.raises(NotFoundError) as caught:
        fetch_map(engine, query)
    assert caught.value.what == what


def test_unknown_entity_suggests_close_matches(engine):
    with pytest.raises(NotFoundError) as caught:
        fetch_map(engine, MapQuery("leads", entity="west-yorkshir"))
    assert "west-yorkshire" in [s["id"] for s in caught.value.suggestions]


def test_bad_date_and_missing_entity_name_the_parameter(engine):
    with pytest.raises(InvalidRequestError) as bad_date:
        fetch_map(engine, MapQuery("leads", as_of="2018-13-01"))
    assert bad_date.value.parameter == "as_of"
    with pytest.raises(InvalidRequestError) as no_entity:
        fetch_map(engine, MapQuery("neighbourhood"))
    assert no_entity.value.parameter == "entity"


def test_map_statements_run_with_every_parameter(engine):
    runner = engine
    statements = engine.statements
    values = {
        "scope": ["west-yorkshire"],
        "entity": "west-yorkshire",
        "region": "east-midlands-region",
        "ids": ["west-yorkshire", "emsou"],
        "id": "west-yorkshire",
        "as_of_start": "2018-01-01",
        "as_of_end": "2018-12-31",
        "as_of_unstated": [],
    }
    names = [s.name for s in statements if s.name.startswith("map_")]
    assert {VIEWS[v].statement for v in VIEWS} <= set(names)
    for name in names:
        params = {p: values[p] for p in statements[name].parameters}
        assert isinstance(runner.read(name, params), list)
        assert isinstance(runner.read(name, {p: None for p in params}), list)
