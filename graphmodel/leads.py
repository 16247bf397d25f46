"""Who leads what: by what is led, or by the leader."""

from __future__ import annotations

from typing import Any

from graphmodel.engine.base import Engine
from graphmodel.entities import require_entity
from graphmodel.errors import InvalidRequestError
from graphmodel.schema import load_schema
from graphmodel.search import FULLTEXT_CANDIDATES, MAX_QUERY_LENGTH, search, search_tokens
from graphmodel.timeline import as_of_params

__all__ = ["leads_matching", "leads_of_leader"]


def _check_role(role: str | None) -> None:
    if role is not None and role not in load_schema().roles:
        raise InvalidRequestError("role", "one of: " + ", ".join(sorted(load_schema().roles)))


def _shape(row: dict[str, Any]) -> dict[str, Any]:
    out = {"leader": row["leader"], "role": row["role"], "target": row["target"]}
    for key in ("valid_from", "from_basis", "valid_to", "to_basis", "note"):
        if row.get(key) is not None:
            out[key] = row[key]
    out["sources"] = row["sources"]
    return out


def leads_matching(engine: Engine, text: str, role: str | None = None, as_of: str | None = None,
                   limit: int = 200, matches: int = 50) -> list[dict[str, Any]]:  # fmt: skip
    """[{leader, role, target, sources}] for what matches `text` (and its parts), best match first.

    The text is matched as in `search` (the best `matches` entities) and their leaders are
    read in the same statement.
    """
    if not " ".join(text.split()):
        raise InvalidRequestError("q", "give some text to match")
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidRequestError("q", f"at most {MAX_QUERY_LENGTH} characters")
    _check_role(role)
    time = as_of_params(as_of)
    query = " ".join(text.split()).lower()
    tokens = search_tokens(query)
    if tokens:  # one round trip, through the full-text index
        params = {
            "tokens": tokens,
            "q": query,
            "match_limit": matches,
            "candidates": max(matches, FULLTEXT_CANDIDATES),
            "role": role,
            "limit": limit,
        }
        rows = engine.read("leads_fulltext", {**params, **time})
        return [_shape(r) for r in rows]
    found = search(engine, text, matches)  # only very short words: match by scan first
    labels = ("exact", "prefix", "word", "contains")
    ranked = [{"id": row["id"], "rank": labels.index(row["match"])} for row in found]
    if not ranked:
        return []
    rows = engine.read(
        "leads_for_matches", {"matches": ranked, "role": role, "limit": limit, **time}
    )
    return [_shape(r) for r in rows]


def leads_of_leader(engine: Engine, leader: str, role: str | None = None, as_of: str | None = None,
                    limit: int = 500) -> list[dict[str, Any]]:  # fmt: skip
    """[{leader, role, target, sources}] of what `leader` leads; NotFoundError for an unknown id."""
    _check_role(role)
    rows = engine.read(
        "leads_by_leader", {"leader": leader, "role": role, "limit": limit, **as_of_params(as_of)}
    )
    if (
        not rows
    ):  # one round trip when it leads something; else: unknown, invalid, or leads nothing?
        require_entity(engine, leader, "leader")
    return [_shape(r) for r in rows]
