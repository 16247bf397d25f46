"""HTTP caching for a read-mostly graph: ETags, 304s and an in-process answer cache.

The graph only changes when it is loaded, and every load writes a new version
(graphmodel.version). So a GET answer is a function of the graph version and the request:

- every 200 answer to a GET carries `ETag` (from the version, the day and the request),
  `Cache-Control: public, max-age=0, must-revalidate` and `Vary: Accept`, and a request
  whose `If-None-Match` holds that tag gets 304 with no body;
- answers (200, redirects and 404s) are kept in memory under the same key, so a repeated
  request is answered here without routing or reaching the engine;
- the version is read at most every `check_every` seconds (one cheap read, off the event
  loop), so a reload by any process is seen within that time, and the cache is emptied.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass

import anyio.to_thread
from cachetools import LRUCache
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graphmodel.errors import CollabGraphError
from graphmodel.version import graph_version

__all__ = ["AnswerCache", "UNCACHED_PATHS", "CACHE_CONTROL"]

# Answers that describe the process or the engine's health, not the graph.
UNCACHED_PATHS = frozenset({"/healthz", "/readyz", "/api/noop"})
CACHE_CONTROL = b"public, max-age=0, must-revalidate"
_KEPT_STATUSES = frozenset({200, 301, 307, 308, 404})
_MAX_ENTRY_BYTES = 8 * 1024 * 1024


@dataclass
class _Answer:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: bytes | None

    @property
    def size(self) -> int:
        return len(self.body) + 64 * len(self.headers) + 256


@dataclass
class _VersionClock:
    """The last graph version seen, and when to look again."""

    version: str | None = None
    next_check: float = 0.0
    checking: bool = False


def _request_headers(scope: Scope) -> tuple[str, str | None]:
    """(Accept, If-None-Match) of a request, read in one pass over its raw headers."""
    accept, if_none_match = "", None
    for name, value in scope["headers"]:
        if name == b"accept":
            accept = value.decode("latin-1")
        elif name == b"if-none-match":
            if_none_match = value.decode("latin-1")
    return accept, if_none_match


def _accepts_csv(accept: str) -> bool:
    return "text/csv" in accept and "application/json" not in accept


def _matches(if_none_match: str, etag: bytes) -> bool:
    tag = etag.decode()
    candidates = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return "*" in candidates or tag in candidates


class AnswerCache:
    """ASGI middleware: ETag, 304 and cached answers for GET requests (see module doc)."""

    def __init__(self, app: ASGIApp, max_bytes: int = 64 * 1024 * 1024,
                 check_every: float = 0.5) -> None:  # fmt: skip
        self.app = app
        self.check_every = check_every
        self.enabled = max_bytes > 0
        self.answers: LRUCache[tuple[str, bytes, bool], _Answer] = LRUCache(
            maxsize=max(max_bytes, 1), getsizeof=lambda a: a.size
        )
        self.clock = _VersionClock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] in UNCACHED_PATHS:
            await self.app(scope, receive, send)
            return
        version = await self._version(scope)
        if version is None:  # the engine does not answer: nothing can be tagged
            await self.app(scope, receive, send)
            return
        accept, if_none_match = _request_headers(scope)
        key = (scope["path"], scope["query_string"], _accepts_csv(accept))
        kept = self.answers.get(key) if self.enabled else None
        if kept is None:
            etag = self._etag(version, key)
            kept = await self._answer(scope, receive, send, etag, if_none_match)
            if kept is None:  # sent as it came, not kept
                return
            if (
                self.enabled
                and self.clock.version == version
                and len(kept.body) <= _MAX_ENTRY_BYTES
            ):
                self.answers[key] = kept
        await self._send(send, kept, if_none_match)

    def _etag(self, version: str, key: tuple[str, bytes, bool]) -> bytes:
        path, query, csv = key
        seed = f"{version}|{path}?{query.decode('latin-1')}|{csv}".encode()
        return b'"' + hashlib.blake2b(seed, digest_size=12).hexdigest().encode() + b'"'

    async def _version(self, scope: Scope) -> str | None:
        clock = self.clock
        now = time.monotonic()
        if clock.version is not None and (now < clock.next_check or clock.checking):
            return clock.version
        clock.checking = True
        try:
            engine = scope["app"].state.engine
            version = await anyio.to_thread.run_sync(graph_version, engine)
            version += f"@{dt.date.today().isoformat()}"  # answers default to today (as_of)
        except CollabGraphError:
            version = None
        finally:
            clock.checking = False
            clock.next_check = time.monotonic() + self.check_every
        if version != clock.version:
            self.answers.clear()
            clock.version = version
        return version

    async def _answer(self, scope: Scope, receive: Receive, send: Send, etag: bytes,
                      if_none_match: str | None) -> _Answer | None:  # fmt: skip
        """The app's answer, buffered; None when it was not a single-body answer (then it has
        already been sent as it came)."""
        start: Message | None = None
        chunks: list[bytes] = []
        passthrough = False

        async def capture(message: Message) -> None:
            nonlocal start, passthrough
            if passthrough:
                await send(message)
            elif message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if message.get("more_body", False) and sum(map(len, chunks)) > _MAX_ENTRY_BYTES:
                    passthrough = True  # too big to keep: send what we have and stream on
                    assert start is not None
                    await send(start)
                    await send({"type": "http.response.body", "body": b"".join(chunks),
                                "more_body": True})  # fmt: skip

        await self.app(scope, receive, capture)
        if passthrough or start is None:
            return None
        status = int(start["status"])
        headers = list(start.get("headers", []))
        tagged = etag if status == 200 else None
        if tagged is not None:
            headers += [(b"etag", tagged), (b"cache-control", CACHE_CONTROL), (b"vary", b"Accept")]
        answer = _Answer(status, headers, b"".join(chunks), tagged)
        if status not in _KEPT_STATUSES:
            await self._send(send, answer, if_none_match)
            return None
        return answer

    async def _send(self, send: Send, answer: _Answer, if_none_match: str | None) -> None:
        if answer.etag is not None and if_none_match and _matches(if_none_match, answer.etag):
            headers = [
                (k, v) for k, v in answer.headers if k in (b"etag", b"cache-control", b"vary")
            ]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        await send(
            {"type": "http.response.start", "status": answer.status, "headers": answer.headers}
        )
        await send({"type": "http.response.body", "body": answer.body})
