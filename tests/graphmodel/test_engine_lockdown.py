"""The embedded engine is locked down: a password from an owner-only file, owner-only data,
loopback only, a memory cap; console queries on a replica under its own caps."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import redis

from graphmodel.dataset import Dataset
from graphmodel.engine.falkordb import EmbeddedFalkorDB
from graphmodel.engine.server import read_password
from graphmodel.errors import QueryRefusedError
from graphmodel.loading import load_dataset


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on `port` (IPv4 and IPv6, as hex)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, port_hex = fields[1].rsplit(":", 1)
            if int(port_hex, 16) == port and fields[3] == "0A":  # LISTEN
                found.add(address)
    return found


def listening_ports_of(pid: int) -> set[int]:
    """The TCP ports process `pid` listens on."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(fd)
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


@pytest.fixture
def locked(tmp_path: Path, seed_dataset: Dataset) -> EmbeddedFalkorDB:
    engine = EmbeddedFalkorDB(tmp_path / "data", memory_mb=256, console_memory_mb=64)
    load_dataset(engine, seed_dataset)
    yield engine  # type: ignore[misc]
    engine.close()


def test_data_directory_and_files_are_readable_by_their_owner_only(
    locked: EmbeddedFalkorDB,
) -> None:
    data = locked.server.data_dir
    assert mode(data) == 0o700
    for name in ("engine.password", "collabgraph.rdb", "falkordb.log", "server.json"):
        assert mode(data / name) == 0o600, name
    locked.run_readonly("RETURN 1", {}, 1000, 10)  # starts the console's replica
    assert mode(data / "console") == 0o700
    assert mode(data / "console" / "falkordb-console.log") == 0o600


def test_engine_wants_the_password_from_its_file_and_listens_on_loopback_only(
    locked: EmbeddedFalkorDB,
) -> None:
    password = read_password(locked.server.data_dir)
    assert len(password) >= 32
    for wrong in (None, "not-the-password"):
        with pytest.raises(redis.AuthenticationError):
            redis.Redis(port=locked.port, password=wrong).execute_command(
                "GRAPH.RO_QUERY", "collabgraph", "MATCH (n) RETURN count(n)"
            )
    client = redis.Redis(port=locked.port, password=password, decode_responses=True)
    assert client.ping()
    assert listening_addresses(locked.port) == {"0100007F"}  # 127.0.0.1
    assert locked.server.process is not None
    assert listening_ports_of(locked.server.process.pid) == {locked.port}  # no Bolt listener
    assert client.config_get("bind")["bind"] == "127.0.0.1"
    assert locked.server.process is not None
    cmdline = Path(f"/proc/{locked.server.process.pid}/cmdline").read_bytes()
    assert password.encode() not in cmdline  # given on stdin, not in the process list


def test_engine_has_a_memory_cap_and_refuses_writes_past_it(locked: EmbeddedFalkorDB) -> None:
    client = redis.Redis(port=locked.port, password=locked.password, decode_responses=True)
    assert client.config_get("maxmemory")["maxmemory"] == str(256 * 1024 * 1024)
    assert client.config_get("maxmemory-policy")["maxmemory-policy"] == "noeviction"
    client.config_set("maxmemory", "1mb")  # below what the graph already takes
    try:
        with pytest.raises(QueryRefusedError, match="memory cap"):
            locked.write("load_meta", {"props": {"loaded_at": "x"}, "gen": 1})
    finally:
        client.config_set("maxmemory", str(256 * 1024 * 1024))


def test_console_runs_on_a_replica_with_its_own_caps(locked: EmbeddedFalkorDB) -> None:
    columns, rows, truncated = locked.run_readonly(
        "MATCH (e:Entity {id: $id}) RETURN e.name AS name", {"id": "npas"}, 1000, 10
    )
    assert rows == [{"name": "National Police Air Service"}] and not truncated
    replica = locked.console
    assert replica.process is not None and replica.port != locked.port
    limits = Path(f"/proc/{replica.process.pid}/limits").read_text()
    line = next(row for row in limits.splitlines() if row.startswith("Max address space"))
    assert int(line.split()[3]) == replica.address_space_mb * 1024 * 1024
    assert listening_addresses(replica.port) == {"0100007F"}
    with pytest.raises(redis.AuthenticationError):
        redis.Redis(port=replica.port).ping()
    with pytest.raises(QueryRefusedError, match="read-only|write"):
        locked.run_readonly("CREATE (:Intruder)", {}, 1000, 10)


def test_huge_console_allocation_leaves_the_engine_that_serves_the_api_untouched(
    locked: EmbeddedFalkorDB,
) -> None:
    assert locked.server.process is not None
    pid = locked.server.process.pid
    with pytest.raises(QueryRefusedError, match="more memory than the console allows"):
        locked.run_readonly("RETURN size(range(1, 2000000000))", {}, 5000, 10)
    with pytest.raises(QueryRefusedError, match="more memory"):  # growing past the per-query cap
        locked.run_readonly("RETURN size(range(1, 20000000))", {}, 5000, 10)
    assert locked.server.process.pid == pid and locked.server.process.poll() is None
    assert locked.read("load_info")
    assert locked.run_readonly("RETURN 1 AS one", {}, 1000, 10)[1] == [{"one": 1}]
