"""`-o -` writes every export and map to standard output (and says so on stderr)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.cli import main


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment of a user whose embedded graph holds the seed data."""
    env = {"COLLABGRAPH_DATA_DIR": str(tmp_path_factory.mktemp("cli-data")), "NEO4J_URI": ""}
    result = CliRunner().invoke(main, ["load", "-q"], env=env)
    assert result.exit_code == 0, result.output
    return env


@pytest.mark.parametrize(
    ("args", "starts"),
    [
        (["export", "flowchart", "--root", "east-midlands", "--format", "mermaid"], b"---"),
        (["export", "flowchart", "--root", "necb", "--format", "dot"], b"digraph"),
        (["export", "flowchart", "--root", "necb", "--format", "drawio"], b"<"),
        (["export", "register", "--region", "east-midlands", "--format", "csv"], b"Row,"),
        (["export", "register", "--region", "east-midlands", "--format", "xlsx"], b"PK"),
        (["export", "register", "--national", "--format", "html"], b"<!"),
        (["map", "--view", "leads"], b"<!DOCTYPE html>"),
        (["map", "--view", "governance", "--format", "graphml"], b"<graphml"),
        (
            ["map", "--view", "neighbourhood", "--entity", "staffordshire", "--format", "gexf"],
            b"<gexf",
        ),  # fmt: skip
    ],
)
def test_dash_writes_to_standard_output(cli_env: dict[str, str], args: list[str],
                                        starts: bytes, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [*args, "-o", "-"], env=cli_env)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.lstrip().startswith(starts)
    assert "standard output" in result.stderr
    assert not (tmp_path / "-").exists()  # no file named '-'


def test_stdout_csv_and_json_parse(cli_env: dict[str, str]) -> None:
    register = CliRunner().invoke(
        main, ["export", "register", "--region", "east-midlands", "--format", "csv", "-o", "-"],
        env=cli_env,
    )  # fmt: skip
    assert len(list(csv.reader(io.StringIO(register.stdout)))) > 10
    data = CliRunner().invoke(main, ["map", "--view", "leads", "--format", "json", "-o", "-"],
                              env=cli_env)  # fmt: skip
    assert json.loads(data.stdout)["nodes"]


def test_stdout_needs_a_format_for_exports(cli_env: dict[str, str]) -> None:
    result = CliRunner().invoke(main, ["export", "flowchart", "--root", "necb", "-o", "-"],
                                env=cli_env)  # fmt: skip
    assert result.exit_code == 1 and "--format" in result.stderr
