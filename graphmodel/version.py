"""The version of the live graph: what answers may be cached and tagged by."""

from __future__ import annotations

from graphmodel.engine.base import Engine

__all__ = ["graph_version", "EMPTY_VERSION"]

EMPTY_VERSION = "empty"


def graph_version(engine: Engine) -> str:
    """A string that changes whenever the live graph is replaced (one cheap read).

    The load writes a new random version with every graph; a graph loaded before versions
    existed answers its digest and load time; an empty graph answers EMPTY_VERSION.
    """
    rows = engine.read("graph_version")
    if not rows:
        return EMPTY_VERSION
    row = rows[0]
    return str(row["version"] or f"{row['digest']}@{row['loaded_at']}")
