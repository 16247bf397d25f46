"""Finding entities by name, abbreviation or alias."""

from __future__ import annotations

import re
from typing import Any

from graphmodel.engine.base import Engine
from graphmodel.errors import InvalidRequestError

__all__ = ["search", "search_tokens", "MAX_QUERY_LENGTH", "FULLTEXT_CANDIDATES"]

MAX_QUERY_LENGTH = 200
# The full-text index's best matches (by its own score) that are ranked by name; the limit is
# pushed into the index, so a word shared by thousands of entities costs no more than this.
FULLTEXT_CANDIDATES = 250


# Words the full-text engines ignore (RediSearch's default stop words); a query of only these
# is answered by the scan.
_STOP_WORDS = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their "
    "then there these they this to was will with".split()
)


def search_tokens(query: str) -> list[str]:
    """The words of a query the full-text index can match as prefixes (2+ letters or digits)."""
    words = re.findall(r"[a-z0-9]+", query.lower())
    return [w for w in dict.fromkeys(words) if len(w) >= 2 and w not in _STOP_WORDS]


def search(engine: Engine, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Entities whose id, name or aliases have words starting with every word of `text`
    (case-insensitive; found through the engine's full-text index), best match first.

    Each result is {id, name, kind, aliases, match, sources}: match is 'exact', 'prefix',
    'word' or 'contains'; sources cite the documents that name the entity.
    """
    query = " ".join(text.split()).lower()
    if not query:
        raise InvalidRequestError("q", "give some text to search for")
    if len(query) > MAX_QUERY_LENGTH:
        raise InvalidRequestError("q", f"at most {MAX_QUERY_LENGTH} characters")
    if not 1 <= limit <= 1000:
        raise InvalidRequestError("limit", "between 1 and 1000")
    tokens = search_tokens(query)
    if tokens:
        params = {"tokens": tokens, "q": query, "limit": limit,
                  "candidates": max(limit, FULLTEXT_CANDIDATES)}  # fmt: skip
        rows = engine.read("search_fulltext", params)
    else:  # nothing the index can take (only very short words): scan names instead
        rows = engine.read("search_entities", {"q": query, "limit": limit})
    labels = ("exact", "prefix", "word", "contains")
    return [
        {
            "id": row["id"],
            "name": row["name"],
            "kind": row["kind"],
            "aliases": row["aliases"] or [],
            "match": labels[int(row["rank"])],
            "sources": row["sources"],
        }
        for row in rows
    ]
