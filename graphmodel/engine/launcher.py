"""Starting engine processes that die with this process, whichever thread asks.

Linux sends the parent-death signal (PR_SET_PDEATHSIG) when the *thread* that forked the
child ends, not the process: a server restarted from a short-lived background thread
would be orphaned as soon as that thread returned. So every engine process is forked by
one launcher thread that lives as long as this process, and asks for SIGTERM when it dies.
"""

from __future__ import annotations

import ctypes
import os
import queue
import resource
import signal
import subprocess
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

__all__ = ["ChildLimits", "spawn"]

_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class ChildLimits:
    """What the child process is allowed: its address space (bytes), niceness, umask."""

    address_space: int | None = None
    nice: int = 0
    umask: int = 0o077


def _preexec(parent: int, limits: ChildLimits) -> Callable[[], None]:
    def run() -> None:
        os.umask(limits.umask)  # data files readable by their owner only
        try:
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):
            pass
        if os.getppid() != parent:  # the parent died before the signal was armed
            os._exit(1)
        if limits.address_space:
            resource.setrlimit(resource.RLIMIT_AS, (limits.address_space, limits.address_space))
        if limits.nice:
            os.nice(limits.nice)

    return run


class _Launcher:
    """One daemon thread forking every engine process of this process."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def run(self, job: Callable[[], Any]) -> Any:
        """The result of `job()` run on the launcher thread (its exception re-raised here)."""
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._serve, name="collabgraph-engine-launcher", daemon=True
                )
                self._thread.start()
        future: Future[Any] = Future()
        self._jobs.put((job, future))
        return future.result()

    def _serve(self) -> None:
        while True:
            job, future = self._jobs.get()
            try:
                future.set_result(job())
            except BaseException as exc:  # handed back to the caller's thread
                future.set_exception(exc)


_LAUNCHER = _Launcher()  # process-wide by nature: the death signal is tied to its thread


def spawn(args: list[str], limits: ChildLimits, **popen: Any) -> subprocess.Popen[bytes]:
    """A child process started by the launcher thread: it gets SIGTERM when this process
    dies (even by SIGKILL), runs under `limits`, and sits in its own session."""
    parent = os.getpid()

    def start() -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            args, preexec_fn=_preexec(parent, limits), start_new_session=True, **popen
        )

    process: subprocess.Popen[bytes] = _LAUNCHER.run(start)
    return process
