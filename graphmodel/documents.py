"""The source documents, their reading notes, and the facts each asserts."""

from __future__ import annotations

from typing import Any

from graphmodel.engine.base import Engine
from graphmodel.errors import NotFoundError

__all__ = ["list_documents", "get_document"]


def list_documents(engine: Engine) -> list[dict[str, Any]]:
    """[{id, title, body, kind, date, file, notes, entities, relationships}], oldest first."""
    counts = {row["document"]: row for row in engine.read("stats_citations")}
    return [
        {
            **doc,
            "entities": counts.get(doc["id"], {}).get("entities", 0),
            "relationships": counts.get(doc["id"], {}).get("relationships", 0),
        }  # fmt: skip
        for doc in engine.read("documents_list")
    ]


def get_document(
    engine: Engine, document_id: str, limit: int = 100, offset: int = 0
) -> dict[str, Any]:
    """{document, total, limit, offset, facts: [{type, from, to, role, status, ref}]}."""
    rows = engine.read("document_by_id", {"id": document_id}) if len(document_id) <= 200 else []
    if not rows:
        known = [
            {"id": d["id"], "name": d["title"], "kind": "document"}
            for d in engine.read("documents_list")
        ]
        close = [
            d
            for d in known
            if any(part in d["id"] for part in document_id.split("-") if len(part) > 2)
        ]
        raise NotFoundError("document", document_id, close or known)
    count = engine.read("document_fact_count", {"id": document_id})
    facts = engine.read("document_facts", {"id": document_id, "limit": limit, "offset": offset})
    return {
        "document": rows[0],
        "total": count[0]["relationships"] if count else 0,
        "entities": count[0]["entities"] if count else 0,
        "limit": limit,
        "offset": offset,
        "facts": facts,
    }
