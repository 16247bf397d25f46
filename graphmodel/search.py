"""Finding entities by name, abbreviation or alias."""

from __future__ import annotations

from typing import Any

from graphmodel.engine.base import Engine
from graphmodel.errors import InvalidRequestError

__all__ = ["search", "MAX_QUERY_LENGTH"]

MAX_QUERY_LENGTH = 200


def search(engine: Engine, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Entities whose id, name or aliases contain `text` (case-insensitive), best match first.

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
