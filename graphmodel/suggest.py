"""Forgiving names: the canonical id behind a mistyped or aliased id, and close matches.

An id given in the wrong case (`WEST-YORKSHIRE`) or as a name or alias of exactly one entity
(`WYP`) has a canonical id; anything else gets the closest names, by word prefixes (the
full-text index) and then by fuzzy similarity (rapidfuzz) over every entity's names, which
are read once per graph version.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from rapidfuzz import fuzz, process, utils

from graphmodel.engine.base import Engine
from graphmodel.errors import InvalidRequestError, NotFoundError
from graphmodel.search import MAX_QUERY_LENGTH, search
from graphmodel.version import graph_version

__all__ = ["canonical_id", "close_matches", "not_found", "FUZZY_CUTOFF"]

FUZZY_CUTOFF = 80  # rapidfuzz WRatio, 0-100: below this a name is not offered


@dataclass(frozen=True)
class _Names:
    """Every entity's names (id, name, aliases) for fuzzy matching, of one graph version."""

    version: str
    keys: list[str]  # one per name, lower-cased
    owners: list[dict[str, str]]  # the entity {id, name, kind} of each key


_names_by_engine: WeakKeyDictionary[Engine, _Names] = WeakKeyDictionary()
_names_lock = threading.Lock()


def _names(engine: Engine) -> _Names:
    version = graph_version(engine)
    with _names_lock:
        cached = _names_by_engine.get(engine)
        if cached is not None and cached.version == version:
            return cached
    keys: list[str] = []
    owners: list[dict[str, str]] = []
    for row in engine.read("entity_names"):
        owner = {"id": row["id"], "name": row["name"], "kind": row["kind"]}
        for key in dict.fromkeys([row["id"].replace("-", " "), *(row["keys"] or [])]):
            keys.append(key)
            owners.append(owner)
    names = _Names(version, keys, owners)
    with _names_lock:
        _names_by_engine[engine] = names
    return names


def _words(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("_", " ").split())[:MAX_QUERY_LENGTH]


def canonical_id(engine: Engine, text: str, kinds: Iterable[str] | None = None) -> str | None:
    """The id `text` stands for: itself in lower case, or the one entity (of `kinds`) that has
    `text` as its id, name or alias in any case; None when there is no single such entity."""
    wanted = set(kinds or ())
    lowered = text.strip().lower()
    if not lowered or len(lowered) > MAX_QUERY_LENGTH:
        return None
    rows = engine.read("entity_kind", {"id": lowered}) if lowered != text else []
    if rows and (not wanted or rows[0]["kind"] in wanted):
        return str(rows[0]["id"])
    try:
        found = search(engine, _words(lowered) or lowered, 20)
    except InvalidRequestError:
        return None
    exact = {
        r["id"] for r in found if r["match"] == "exact" and (not wanted or r["kind"] in wanted)
    }
    return exact.pop() if len(exact) == 1 else None


def close_matches(engine: Engine, text: str, kinds: Iterable[str] | None = None,
                  limit: int = 5) -> list[dict[str, Any]]:  # fmt: skip
    """Up to `limit` entities (of `kinds`) whose names are close to `text`, closest first:
    [{id, name, kind}]. Names starting with its words come first, then similar spellings."""
    wanted = set(kinds or ())
    words = _words(text)
    found: dict[str, dict[str, Any]] = {}
    if len(words) >= 2:
        try:
            for row in search(engine, words, 20):
                if not wanted or row["kind"] in wanted:
                    found.setdefault(row["id"], {k: row[k] for k in ("id", "name", "kind")})
        except InvalidRequestError:
            pass
    if len(found) < limit and len(words) >= 3:
        names = _names(engine)
        hits = process.extract(
            words, names.keys, scorer=fuzz.WRatio, processor=utils.default_process,
            score_cutoff=FUZZY_CUTOFF, limit=limit * 4,
        )  # fmt: skip
        for _key, _score, index in hits:
            owner = names.owners[index]
            if not wanted or owner["kind"] in wanted:
                found.setdefault(owner["id"], dict(owner))
    return list(found.values())[:limit]


def not_found(engine: Engine, what: str, given: str,
              kinds: Iterable[str] | None = None) -> NotFoundError:  # fmt: skip
    """The NotFoundError for `given`: its canonical id when it has one, else close matches."""
    kinds = tuple(kinds or ())
    canonical = canonical_id(engine, given, kinds)
    if canonical is not None and canonical != given:
        owner = engine.read("entity_kind", {"id": canonical})
        return NotFoundError(what, given, owner[:1], canonical=canonical)
    return NotFoundError(what, given, close_matches(engine, given, kinds))
