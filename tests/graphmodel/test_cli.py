"""The command line, run as a user runs it: a real process on each real engine."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from graphmodel.settings import DEFAULT_SEED_DIR

CLI = [sys.executable, "-m", "graphmodel.cli"]


def run(args: list[str], user_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **user_env}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=180)


def test_load_stats_search_and_no_stray_server(user_env: dict[str, str]) -> None:
    data = Path(user_env["COLLABGRAPH_DATA_DIR"])
    loaded = run(["load"], user_env)
    assert loaded.returncode == 0, loaded.stderr
    assert "loading:" in loaded.stderr  # progress
    stats = json.loads(run(["stats", "--json"], user_env).stdout)
    assert stats["entities"] >= 150 and stats["relationships"] >= 350
    assert stats["unsourced"]["total"] == 0
    found = json.loads(run(["search", "EMSOU", "--json"], user_env).stdout)["results"]
    assert found[0]["id"] == "emsou"
    state = data / "server.json"
    assert not state.exists() or not _alive(json.loads(state.read_text())["pid"])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def test_bad_seed_exits_non_zero_naming_file_line_field(
    tmp_path: Path, user_env: dict[str, str]
) -> None:
    seed = tmp_path / "seed"
    shutil.copytree(DEFAULT_SEED_DIR, seed)
    facts = seed / "facts" / "wy-pcc-2020-10-letter.yaml"
    facts.write_text(
        facts.read_text().replace(
            "\nrelationships:\n",
            "\nrelationships:\n  - {type: LEADS, from: kent, to: npas, role: boss, ref: x}\n",
            1,
        )
    )
    result = run(["load", "--seed", str(seed)], user_env)
    assert result.returncode == 1
    assert "wy-pcc-2020-10-letter.yaml:" in result.stderr and "role" in result.stderr
    assert "nothing was loaded" in result.stderr


def test_every_command_has_help(tmp_path: Path) -> None:
    for command in ([], ["load"], ["stats"], ["search"], ["show"], ["validate"], ["serve"]):
        result = run([*command, "--help"], {"COLLABGRAPH_DATA_DIR": str(tmp_path), "NEO4J_URI": ""})
        assert result.returncode == 0 and "Usage:" in result.stdout
