"""`collabgraph map` end to end, on each engine."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from click.testing import CliRunner

from graphmodel.cli import main


@pytest.fixture(scope="module")
def loaded_env(make_user_env: Callable[[], dict[str, str]]) -> dict[str, str]:
    """Environment of a user whose graph (on the engine under test) holds the seed data."""
    env = make_user_env()
    result = CliRunner().invoke(main, ["load", "--quiet"], env=env)
    assert result.exit_code == 0, result.output
    return env


def test_map_writes_a_self_contained_page(loaded_env, tmp_path):
    out = tmp_path / "em-governance.html"
    result = CliRunner().invoke(
        main,
        ["map", "--view", "governance", "--region", "east-midlands", "-o", str(out)],
        env=loaded_env,
    )
    assert result.exit_code == 0, result.output
    assert "governance map" in result.output
    html = out.read_text(encoding="utf-8")
    assert "vis.Network" in html and 'data-embedded="graphml"' in html


def test_map_unknown_region_exits_non_zero_with_a_message(loaded_env, tmp_path):
    out = tmp_path / "x.html"
    result = CliRunner().invoke(
        main, ["map", "--view", "leads", "--region", "atlantis", "-o", str(out)], env=loaded_env
    )
    assert result.exit_code == 1
    assert "no region with id 'atlantis'" in result.output
    assert not out.exists()


def test_map_refuses_an_unknown_file_type(tmp_path):
    result = CliRunner().invoke(main, ["map", "--view", "leads", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    assert "unknown file type" in result.output


def test_map_command_is_registered_with_help():
    result = CliRunner().invoke(main, ["map", "--help"])
    assert result.exit_code == 0
    assert "--view" in result.output and "--as-of" in result.output


def test_an_exported_page_carries_every_date_and_opens_at_the_one_asked_for(loaded_env, tmp_path):
    out = tmp_path / "leads-2013.html"
    result = CliRunner().invoke(
        main, ["map", "--view", "leads", "--as-of", "2013", "-o", str(out)], env=loaded_env
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    payload = json.loads(
        re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)[1]
    )
    assert payload["meta"]["open_at"] == "2013"
    ids = {n["id"] for n in payload["nodes"]}
    assert {"crasu", "npas"} <= ids  # both dates travel; the page filters by itself
    assert "2013" in payload["dates"] and "2020" in payload["dates"]
