"""The benchmark runner, at a tiny size: every part runs and the results table is written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.common import BENCH_CYPHER, Results, Row, percentile
from benchmarks.run import main
from graphmodel.schema import load_schema
from graphmodel.statements import Statements


def test_naive_statements_cover_every_relationship_type() -> None:
    statements = Statements("falkordb", BENCH_CYPHER)
    for rtype in load_schema().relationships:
        assert f"bench_naive_rel_{rtype.lower()}" in statements
    assert {"bench_naive_entity", "bench_naive_document", "bench_index_entity_id"} <= set(
        statements.names()
    )


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile([3.0], 99) == 3.0
    assert percentile([], 50) == 0.0


def test_results_table_has_one_line_per_figure(capsys: pytest.CaptureFixture[str]) -> None:
    results = Results()
    results.add(
        Row("load", "1k", "real loader", 5000.0, "entities/s", "naive", 250.0, 20.0, ">= 20x", True)
    )
    assert "ratio 20.00" in capsys.readouterr().out
    lines = results.markdown().strip().splitlines()
    assert len(lines) == 3 and "| 20.00 | >= 20x | yes |" in lines[2]


def test_runner_quick_smoke_writes_every_part(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "RESULTS.md"
    code = main(
        ["--quick", "--sizes", "200", "--http-sizes", "200", "--no-extras", "-o", str(output)]
    )
    assert code == 0
    text = output.read_text()
    assert "Machine:" in text
    rows = [
        line
        for line in text.splitlines()
        if line.startswith("| ") and not line.startswith("| part")
    ]
    parts = {row.split("|")[1].strip() for row in rows}
    assert parts == {"load", "queries", "http", "synth"}
    for row in rows:
        cells = [c.strip() for c in row.split("|")[1:-1]]
        if cells[4]:  # a baseline was measured: the ratio is a number
            assert re.fullmatch(r"\d+\.\d\d", cells[6]), row
    http = [r for r in rows if r.split("|")[1].strip() == "http"]
    # cold (no answer cache) and warm: the no-op baseline and four endpoints each
    assert len(http) == 10 and all("non-2xx" not in r for r in http)
    assert any("entity_by_id" in r and "| 200 |" in r for r in rows)
    assert "wrote" in capsys.readouterr().out
