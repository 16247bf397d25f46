"""What a reader can pick on a served map page or the maps index: regions and entities."""

from __future__ import annotations

from typing import Any

from graphmodel.engine.base import Engine

__all__ = ["map_choices"]


def map_choices(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """{"regions": [{id, name}], "entities": [{id, name, kind}]}, each sorted by name."""
    return {
        "regions": engine.read("map_regions"),
        "entities": engine.read("map_entity_choices"),
    }
