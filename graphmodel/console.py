"""The analysts' read-only Cypher console: the engine itself enforces read-only.

A console must not hurt the service it sits beside: the engine limits each query's time,
memory and rows (on the embedded engine, on a replica of its own), and a `ConsoleGate`
lets only a few console queries run at once; the rest are answered "busy" at once rather
than queued behind them, holding a worker each.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator
from typing import Any

from graphmodel.engine.base import Engine
from graphmodel.errors import ConsoleBusyError, InvalidRequestError

__all__ = ["run_console", "ConsoleGate", "MAX_QUERY_CHARS"]

MAX_QUERY_CHARS = 10_000
_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")


class ConsoleGate:
    """At most `concurrency` console queries at once in this process."""

    def __init__(self, concurrency: int = 1):
        self.concurrency = concurrency
        self._slots = threading.BoundedSemaphore(concurrency)

    @contextlib.contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one of the slots while the block runs; ConsoleBusyError if none is free."""
        if not self._slots.acquire(blocking=False):
            raise ConsoleBusyError(
                f"the console is busy: it runs {self.concurrency} "
                f"quer{'y' if self.concurrency == 1 else 'ies'} at once"
            )
        try:
            yield
        finally:
            self._slots.release()


def run_console(engine: Engine, query: str, params: dict[str, Any] | None, timeout_ms: int,
                row_limit: int, gate: ConsoleGate | None = None) -> dict[str, Any]:  # fmt: skip
    """{columns, rows, truncated, row_limit}; QueryRefusedError for writes, bad Cypher or a
    query past its memory limit, QueryTimeoutError past its time, ConsoleBusyError when
    `gate` has no free slot."""
    if not query.strip():
        raise InvalidRequestError("query", "give a Cypher query")
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidRequestError("query", f"at most {MAX_QUERY_CHARS} characters")
    for name in params or {}:
        if not _PARAM_NAME.match(str(name)):
            raise InvalidRequestError(
                "params", f"{name!r} is not a parameter name (letters, digits, _)"
            )
    with gate.slot() if gate else contextlib.nullcontext():
        columns, rows, truncated = engine.run_readonly(query, params or {}, timeout_ms, row_limit)
    return {"columns": columns, "rows": rows, "truncated": truncated, "row_limit": row_limit}
