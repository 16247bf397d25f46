"""The embedded engine's life cycle: start, reuse, persistence, clean stop, clear failures."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graphmodel.engine.falkordb import EmbeddedFalkorDB
from graphmodel.errors import GraphUnavailableError


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    # A zombie is dead for our purposes.
    try:
        with open(f"/proc/{pid}/status") as status:
            return "zombie" not in status.read()
    except OSError:
        return False


def test_second_engine_on_same_data_dir_reuses_the_running_server(tmp_path: Path) -> None:
    first = EmbeddedFalkorDB(tmp_path)
    try:
        second = EmbeddedFalkorDB(tmp_path)
        assert second.port == first.port and not second.server.owned
        second.close()
        first.ping()  # closing the non-owner left the server running
    finally:
        first.close()
    assert not (tmp_path / "server.json").exists()  # the owner stopped it and cleaned up


def test_data_persists_across_restarts(tmp_path: Path, seed_dataset) -> None:  # type: ignore[no-untyped-def]
    from graphmodel.loading import load_dataset
    from graphmodel.stats import graph_stats

    engine = EmbeddedFalkorDB(tmp_path)
    load_dataset(engine, seed_dataset)
    entities = graph_stats(engine)["entities"]
    engine.close()
    again = EmbeddedFalkorDB(tmp_path)
    try:
        assert graph_stats(again)["entities"] == entities
    finally:
        again.close()


def test_no_server_is_left_when_the_process_that_started_it_is_killed(tmp_path: Path) -> None:
    script = (
        "import sys, time\n"
        "from graphmodel.engine.falkordb import EmbeddedFalkorDB\n"
        "e = EmbeddedFalkorDB(sys.argv[1])\n"
        "print(e.server.process.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    server_pid = int(child.stdout.readline())
    assert _alive(server_pid)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    deadline = time.monotonic() + 15
    while _alive(server_pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(server_pid)


def test_unusable_data_dir_gives_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(GraphUnavailableError, match="COLLABGRAPH_DATA_DIR"):
        EmbeddedFalkorDB(blocker / "data")
