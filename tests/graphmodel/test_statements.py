"""Every statement in cypher/ runs on the embedded FalkorDB and on a real Neo4j 5.26, with
every $param supplied."""

from __future__ import annotations

from typing import Any

import pytest

from graphmodel.dataset import Dataset
from graphmodel.engine.base import Engine
from graphmodel.errors import StatementError
from graphmodel.schema import load_schema
from graphmodel.statements import CYPHER_DIR, Statements

# Values that exercise each parameter on the seed graph; anything unlisted gets None.
PARAMS: dict[str, Any] = {
    "id": "west-yorkshire",
    "ids": ["west-yorkshire", "odyssey"],
    "q": "odyssey",
    "leader": "west-yorkshire",
    "limit": 5,
    "offset": 0,
    "skip_types": [],
    "as_of_start": "2013-01-01",
    "as_of_end": "2013-12-31",
    "as_of_unstated": ["first_reported", "held_by"],
    "tokens": ["odyssey"],
    "matches": [{"id": "odyssey", "rank": 0}],
    "match_limit": 5,
    "candidates": 50,
    "rows": [],
    "props": {"loaded_at": "2000-01-01"},
}

FALKOR = Statements("falkordb")
READS = [s for s in FALKOR if s.mode == "read"]


def _params(statement_params: frozenset[str]) -> dict[str, Any]:
    return {name: PARAMS.get(name) for name in statement_params}


@pytest.mark.parametrize("name", [s.name for s in READS])
def test_read_statement_runs_on_each_engine(engine: Engine, name: str) -> None:
    statement = engine.statements[name]
    rows = engine.read(name, _params(statement.parameters))
    assert isinstance(rows, list)


def test_load_statements_write_and_read_back_cited(
    scratch_engine: Engine, seed_dataset: Dataset
) -> None:
    """Each load statement runs on its own (auto-commit); once its generation is made
    current, the facts read back cited."""
    from graphmodel.rows import build_rows

    rows = build_rows(seed_dataset, load_schema())
    wanted = {"west-yorkshire", "odyssey", "rsss", "npas", "yorkshire-and-the-humber-region"}

    def write(name: str, chosen: list[dict[str, Any]]) -> None:
        scratch_engine.write(name, {"rows": chosen, "gen": 7})

    write("load_documents", rows.documents)
    write("load_entities", [r for r in rows.entities if r["id"] in wanted])
    for rtype, rel_rows in rows.relationships.items():
        write(
            f"load_rel_{rtype.lower()}",
            [r for r in rel_rows if r["from"] in wanted and r["to"] in wanted],
        )
    write("load_statuses", [r for r in rows.statuses if r["entity"] in wanted])
    write("load_figures", [r for r in rows.figures if r["entity"] in wanted])
    assert scratch_engine.read("entity_by_id", {"id": "odyssey"}) == []  # not current yet
    scratch_engine.write("graph_generation_flip", {"gen": 7})
    found = scratch_engine.read("leads_by_leader", {"leader": "west-yorkshire", "role": "lead_force", "limit": 50,
                                                    "as_of_start": None, "as_of_end": None, "as_of_unstated": []})  # fmt: skip
    assert {"odyssey", "rsss", "npas"} <= {r["target"]["id"] for r in found}
    assert all(r["sources"] for r in found)
    odyssey = scratch_engine.read("entity_by_id", {"id": "odyssey"})[0]
    assert {s["document"] for s in odyssey["sources"]} == {
        "wy-pcp-2018-03-regional",
        "wy-pcc-2020-10-letter",
    }


def test_every_relationship_type_has_a_load_statement() -> None:
    for rtype in load_schema().relationships:
        assert f"load_rel_{rtype.lower()}" in FALKOR


def test_engine_specific_statements_exist_for_both_engines_under_the_same_names() -> None:
    def specific(engine: str) -> set[str]:
        return {s.name for s in Statements(engine) if "engines" in s.path.parts}

    # Neo4j builds indexes asynchronously and waits for them, and drops the constraints of
    # graphs loaded before generations; FalkorDB builds each graph afresh
    neo4j_only = {
        "schema_await_indexes",
        "schema_drop_single_generation_keys",
        "schema_drop_single_generation_document_keys",
    }
    # FalkorDB indexes each element of search_keys for exact matches (Neo4j's full-text
    # query takes a limit instead; cypher/engines/falkordb/search.cypher)
    falkordb_only = {"schema_entity_search_keys"}
    assert specific("falkordb") - falkordb_only == specific("neo4j") - neo4j_only
    assert {"schema_entity_id", "search_fulltext", "leads_fulltext"} <= specific("falkordb")


def test_unknown_statement_name_fails_loudly() -> None:
    with pytest.raises(StatementError):
        FALKOR["no_such_statement"]


def test_duplicate_statement_name_fails_at_start(tmp_path) -> None:  # type: ignore[no-untyped-def]
    for folder in ("load", "queries", "engines/falkordb"):
        (tmp_path / folder).mkdir(parents=True)
    text = "// name: twice\n// returns: x\n// mode: read\nRETURN 1 AS x;\n"
    (tmp_path / "queries" / "a.cypher").write_text(text)
    (tmp_path / "queries" / "b.cypher").write_text(text)
    with pytest.raises(StatementError, match="duplicate"):
        Statements("falkordb", tmp_path)


def test_no_cypher_is_built_in_python() -> None:
    import re
    from pathlib import Path

    root = CYPHER_DIR.parent
    pattern = re.compile(r"""(f["']|["']\s*\+)[^"'\n]*\b(MATCH|MERGE|CREATE|UNWIND)\b""")
    offenders = []
    for folder in ("graphmodel", "api"):
        for path in Path(root, folder).rglob("*.py"):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if pattern.search(line):
                    offenders.append(f"{path}:{number}")
    assert not offenders


def test_every_read_statement_reads_only_the_live_generation() -> None:
    """During a reload the database holds two generations (cypher/load/nodes.cypher): each
    read statement that touches the product's nodes picks the live one first, and every node
    pattern it names by label keeps to it."""
    import re

    labelled = re.compile(r"\((\w*):(Entity|Document|Status|Figure|Meta)(\s*\{[^}]*\})?\)")
    offenders = []
    for engine in ("falkordb", "neo4j"):
        for statement in Statements(engine):
            if statement.mode != "read" or statement.name in {"graph_generations_present"}:
                continue
            patterns = labelled.findall(statement.text)
            if not patterns:
                continue
            if "(cur:Current {id: 'graph'})" not in statement.text:
                offenders.append(f"{statement.name}: does not read the live generation")
            offenders += [
                f"{statement.name}: ({var}:{label}{rest}) is not kept to it"
                for var, label, rest in patterns
                if "gen: gen" not in rest
            ]
    assert not offenders, offenders
