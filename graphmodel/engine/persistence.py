"""Making a FalkorDB (Redis) server write its data to disk, and knowing that it did.

A snapshot (BGSAVE) is written by a forked child to a temporary file that is flushed,
fsync'ed and renamed over the data file, and the directory fsync'ed (Redis >= 7): when the
server reports the save finished with status ok, the data is on disk whole. Readers keep
being served meanwhile (the fork writes; the server does not stop).
"""

from __future__ import annotations

import time

import redis

from graphmodel.errors import GraphUnavailableError, PersistenceError

__all__ = ["save_snapshot"]

_POLL = 0.02


def _persistence(client: redis.Redis) -> dict[str, object]:
    info: dict[str, object] = client.info("persistence")
    return info


def _wait_idle(client: redis.Redis, deadline: float) -> dict[str, object]:
    while True:
        info = _persistence(client)
        if not info.get("rdb_bgsave_in_progress"):
            return info
        if time.monotonic() > deadline:
            raise PersistenceError("the engine's snapshot did not finish in time")
        time.sleep(_POLL)


def save_snapshot(client: redis.Redis, timeout: float = 600.0) -> None:
    """Return once a snapshot taken after this call started is on disk.

    PersistenceError if the server cannot write it (a full disk, an unwritable directory,
    a failed fork); GraphUnavailableError if the server cannot be reached.
    """
    deadline = time.monotonic() + timeout
    try:
        while True:
            _wait_idle(client, deadline)  # a save already running may predate our change
            try:
                client.bgsave()
                break
            except redis.ResponseError as exc:
                if "in progress" not in str(exc).lower():
                    raise PersistenceError(f"the engine refused to save its data: {exc}") from exc
        # Ours was accepted: no other save can start while it runs, so the next idle state
        # follows it (or a later automatic save, which holds our change too).
        info = _wait_idle(client, deadline)
    except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
        raise GraphUnavailableError(
            f"the graph engine went away while saving its data ({exc.__class__.__name__})"
        ) from exc
    if info.get("rdb_last_bgsave_status") != "ok":
        raise PersistenceError("the engine could not write its data to disk")
