"""The embedded engine keeps what a load reported: on disk before success, the old graph when
the disk is full, one server per data directory, and no server left without its owner."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graphmodel.dataset import Dataset
from graphmodel.engine.falkordb import EmbeddedFalkorDB
from graphmodel.engine.server import EmbeddedServer
from graphmodel.errors import GraphUnavailableError, PersistenceError
from graphmodel.loading import load_dataset
from graphmodel.settings import DEFAULT_SEED_DIR
from graphmodel.stats import graph_stats

CLI = [sys.executable, "-m", "graphmodel.cli"]


def run(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLLABGRAPH_DATA_DIR": str(data_dir)}
    env.pop("NEO4J_URI", None)
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=180)


def changed_seed(tmp_path: Path) -> Path:
    """A copy of the seed that loads the same facts under another digest."""
    import shutil

    seed = tmp_path / "seed-v2"
    shutil.copytree(DEFAULT_SEED_DIR, seed)
    documents = seed / "documents.yaml"
    documents.write_text(documents.read_text() + "\n# second edition\n")
    return seed


def digest(engine: EmbeddedFalkorDB) -> str:
    load = graph_stats(engine)["load"]
    assert load is not None
    return str(load["digest"])


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        with open(f"/proc/{pid}/status") as status:
            return "zombie" not in status.read()
    except OSError:
        return False


def test_load_reported_by_the_cli_survives_kill_9_of_the_engine_right_after(
    tmp_path: Path, seed_dataset: Dataset
) -> None:
    data = tmp_path / "data"
    owner = EmbeddedFalkorDB(data)  # a long-lived owner, as `collabgraph serve` is
    try:
        load_dataset(owner, seed_dataset, "first")
        old = digest(owner)
        loaded = run(["load", "--json", "--seed", str(changed_seed(tmp_path))], data)
        assert loaded.returncode == 0, loaded.stderr
        new = json.loads(loaded.stdout)["digest"]
        assert new != old
        assert owner.server.process is not None
        owner.server.process.send_signal(signal.SIGKILL)
        owner.server.process.wait(timeout=10)
    finally:
        owner.close()
    again = EmbeddedFalkorDB(data)
    try:
        assert digest(again) == new
    finally:
        again.close()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A directory on an 8 MB tmpfs of its own (the test fills it)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", str(mount)], check=True
    )
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave: int) -> Path:
    """Fill `disk` until it is full, then free about `leave` bytes; the filler file."""
    filler = disk / "filler"
    chunk = b"\0" * 65536
    with open(filler, "wb", buffering=0) as handle:  # unbuffered: close has nothing to flush
        try:
            while True:
                handle.write(chunk)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def test_full_disk_fails_the_load_keeps_the_old_graph_and_one_engine(
    small_disk: Path, tmp_path: Path, seed_dataset: Dataset
) -> None:
    data = small_disk / "data"
    owner = EmbeddedFalkorDB(data)
    assert owner.server.process is not None
    pid = owner.server.process.pid
    try:
        load_dataset(owner, seed_dataset, "first")
        old = digest(owner)
        snapshot = (data / "collabgraph.rdb").stat().st_size
        filler = fill(small_disk, leave=snapshot // 2)

        loaded = run(["load", "--seed", str(changed_seed(tmp_path))], data)
        assert loaded.returncode == 1
        assert "could not write its data to disk" in loaded.stderr
        assert "previous graph is still served" in loaded.stderr
        assert "Traceback" not in loaded.stderr and "loaded" not in loaded.stdout
        # The CLI attached to the failing engine rather than starting a second one.
        assert json.loads((data / "server.json").read_text())["pid"] == pid and alive(pid)
        assert digest(owner) == old  # what is served is what is on disk

        with pytest.raises(PersistenceError, match="could not save its data when stopping"):
            owner.close()
        assert not alive(pid)

        # A command that starts the engine itself says so too, and exits non-zero.
        stats = run(["stats", "--json"], data)
        assert stats.returncode == 1, stats.stderr
        assert "could not save its data when stopping" in stats.stderr
        assert "Traceback" not in stats.stderr

        filler.unlink()
    finally:
        with contextlib.suppress(PersistenceError):  # already closed, unless a check failed
            owner.close()
    again = EmbeddedFalkorDB(data)
    try:
        assert digest(again) == old  # the old graph was not lost
    finally:
        again.close()


def test_an_engine_alive_but_not_answering_is_waited_for_never_replaced(tmp_path: Path) -> None:
    owner = EmbeddedFalkorDB(tmp_path)
    assert owner.server.process is not None
    pid = owner.server.process.pid
    os.kill(pid, signal.SIGSTOP)
    try:
        with pytest.raises(GraphUnavailableError, match="running but not answering"):
            EmbeddedServer(tmp_path, start_timeout=1.5).start()
        assert json.loads((tmp_path / "server.json").read_text())["pid"] == pid
    finally:
        os.kill(pid, signal.SIGCONT)
        owner.close()


OWNER = """
import sys
from graphmodel.engine.falkordb import EmbeddedFalkorDB
engine = EmbeddedFalkorDB(sys.argv[1])
print(engine.server.process.pid, flush=True)
sys.stdin.readline()
engine.close()
"""

# Attaches, then keeps reading: when the owner stops, its reads fail and the engine is
# restarted from a background thread; it prints the new server's pid and waits.
SECOND = """
import sys, time
from graphmodel.engine.falkordb import EmbeddedFalkorDB
from graphmodel.errors import GraphUnavailableError
engine = EmbeddedFalkorDB(sys.argv[1])
print("attached" if not engine.server.owned else "owner", flush=True)
deadline = time.monotonic() + 60
while not engine.server.owned and time.monotonic() < deadline:
    try:
        engine.read("load_info")
    except GraphUnavailableError:
        pass
    time.sleep(0.2)
print(engine.server.process.pid, flush=True)
time.sleep(120)
"""


def test_two_processes_on_one_data_dir_leave_no_orphan(tmp_path: Path) -> None:
    def start(script: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-c", script, str(tmp_path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip

    owner = start(OWNER)
    second: subprocess.Popen[str] | None = None
    try:
        assert owner.stdout is not None and owner.stdin is not None
        first_server = int(owner.stdout.readline())
        second = start(SECOND)
        assert second.stdout is not None
        assert second.stdout.readline().strip() == "attached"
        owner.stdin.write("\n")
        owner.stdin.flush()
        assert owner.wait(timeout=60) == 0
        assert not alive(first_server)
        restarted = int(second.stdout.readline())  # the second process now owns a server
        assert restarted != first_server and alive(restarted)
        second.send_signal(signal.SIGKILL)
        second.wait(timeout=10)
        deadline = time.monotonic() + 15
        while alive(restarted) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not alive(restarted), (
            "the server restarted from a background thread outlived its owner"
        )
    finally:
        for process in (owner, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
