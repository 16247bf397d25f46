"""The embedded engine's own read path: its one-pass reply decoder, and how search bounds
the full-text matches it ranks (cypher/engines/falkordb/search.cypher)."""

from __future__ import annotations

from typing import Any

import pytest
from falkordb.query_result import QueryResult

from graphmodel.engine.base import Engine
from graphmodel.engine.falkordb import EmbeddedFalkorDB, _compact_records, _records
from graphmodel.search import search_tokens
from graphmodel.timeline import as_of_params

NO_TIME = as_of_params(None)

# (statement, parameters): statements behind the busiest endpoints, and some that return
# numbers, booleans, nulls and nested lists.
NAMED = [
    ("entity_with_relationships", {"id": "west-yorkshire", **NO_TIME}),
    ("entity_with_relationships", {"id": "emsou", **as_of_params("2013")}),
    ("leads_by_leader", {"leader": "west-yorkshire", "role": None, "limit": 500, **NO_TIME}),
    (
        "search_fulltext",
        {"tokens": ["yorks"], "q": "yorks", "limit": 20, "candidates": 250},
    ),
    (
        "leads_fulltext",
        {
            "tokens": ["forensic"],
            "q": "forensic",
            "match_limit": 50,
            "candidates": 250,
            "role": None,
            "limit": 200,
            **NO_TIME,
        },
    ),  # fmt: skip
    (
        "entity_list",
        {"kind": None, "status": None, "region": None, "limit": 50, "offset": 0, **NO_TIME},
    ),
    ("stats_facts", {}),
    ("stats_entities_by_kind", {}),
]

# Literal values of every type the decoder handles, and graph elements it leaves to the
# client library.
LITERAL = (
    "RETURN 1 AS i, -2.5 AS f, true AS t, false AS no, null AS nothing, 'x' AS s, "
    "[1, 'a', null, [true, 2.0]] AS nested, {a: 1, b: {c: [null, 'd']}, e: null} AS m"
)
ELEMENTS = (
    "MATCH p = (n:Entity {id: 'emsou'})-[r]-(m:Entity) "
    "RETURN n, r, p, n.id AS id ORDER BY m.id LIMIT 3"
)


def _both(engine: EmbeddedFalkorDB, text: str, params: dict[str, Any]) -> tuple[Any, Any]:
    graph = engine._graph()
    query = graph._build_params_header(dict(params)) + text
    raw = engine._db.connection.execute_command(
        "GRAPH.RO_QUERY", engine.graph_name, query, "--compact"
    )
    return _compact_records(graph, raw), _records(QueryResult(graph, raw))


@pytest.mark.parametrize(("name", "params"), NAMED, ids=[n for n, _ in NAMED])
def test_decoder_answers_what_the_client_library_does(
    falkordb_seed: EmbeddedFalkorDB, name: str, params: dict[str, Any]
) -> None:
    fast, library = _both(falkordb_seed, falkordb_seed.statements[name].text, params)
    assert fast == library
    assert fast[1], f"{name} answered no rows: the comparison proves nothing"


@pytest.mark.parametrize("text", [LITERAL, ELEMENTS], ids=["literals", "graph-elements"])
def test_decoder_handles_every_type_or_leaves_it_to_the_library(
    falkordb_seed: EmbeddedFalkorDB, text: str
) -> None:
    fast, library = _both(falkordb_seed, text, {})
    assert fast == library and fast[1]
    if text == LITERAL:
        row = fast[1][0]
        assert row["t"] is True and row["no"] is False and row["f"] == -2.5
        assert row["m"] == {"a": 1, "b": {"c": [None, "d"]}, "e": None}
    else:
        assert fast[1][0]["n"]["labels"] == ["Entity"]


def _search(engine: Engine, q: str, candidates: int, limit: int = 1000) -> list[tuple[Any, ...]]:
    rows = engine.read(
        "search_fulltext",
        {"tokens": search_tokens(q), "q": q, "limit": limit, "candidates": candidates},
    )
    return [(r["rank"], len(r["name"]), r["name"], r["id"]) for r in rows]


@pytest.mark.parametrize("q", ["yorkshire", "west yorkshire", "police", "co", "regional"])
@pytest.mark.parametrize("candidates", [1, 3, 10])
def test_search_ranks_the_shortest_named_matches_and_every_exact_match(
    falkordb_seed: EmbeddedFalkorDB, q: str, candidates: int
) -> None:
    """With more matches than $candidates, FalkorDB ranks the $candidates matches with the
    shortest names (the loader creates entities in that order, the order the full-text index
    serves them in) and every exact match, wherever it is: what docs/api.md promises."""
    everything = _search(falkordb_seed, q, candidates=100_000)
    assert len(everything) > candidates, "the text must match more than the candidates"
    shortest = sorted(everything, key=lambda row: row[1:])[:candidates]
    exact = [row for row in everything if row[0] == 0]
    expected = sorted(set(shortest) | set(exact))[:20]
    assert _search(falkordb_seed, q, candidates, limit=20) == expected


def test_an_exact_match_is_found_beyond_the_candidates(falkordb_seed: EmbeddedFalkorDB) -> None:
    """West Yorkshire's id shares its words with a dozen entities; one candidate is enough."""
    assert _search(falkordb_seed, "west-yorkshire", candidates=1, limit=1)[0][3] == "west-yorkshire"
