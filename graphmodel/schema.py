"""The schema as data: node kinds, relationship types and their vocabularies.

Read once from ``schema.yaml`` beside this module; a malformed declaration raises
SchemaDefinitionError at start-up rather than surfacing later as bad data.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from graphmodel.errors import SchemaDefinitionError

__all__ = ["Kind", "RelationshipType", "Schema", "load_schema", "SCHEMA_PATH"]

SCHEMA_PATH = Path(__file__).with_name("schema.yaml")
_REL_PROPERTIES = {"role", "status", "arrangement", "cost_share", "title"}


@dataclass(frozen=True)
class Kind:
    """A node kind: its id, Cypher label and legend styling."""

    id: str
    label: str
    description: str
    colour: str
    shape: str


@dataclass(frozen=True)
class RelationshipType:
    """A relationship type with the endpoint kinds it allows and the properties it takes."""

    id: str
    description: str
    from_kinds: frozenset[str]
    to_kinds: frozenset[str]
    properties: frozenset[str]
    requires: frozenset[str]


@dataclass(frozen=True)
class Schema:
    """The whole schema; every vocabulary maps a value to its description."""

    kinds: dict[str, Kind]
    relationships: dict[str, RelationshipType]
    roles: dict[str, str]
    statuses: dict[str, str]
    arrangements: dict[str, str]
    lifecycle: dict[str, str]
    figure_kinds: dict[str, str]
    figure_fields: dict[str, str]
    time_bases: dict[str, str]

    def vocabulary(self, prop: str) -> dict[str, str]:
        """The allowed values of a relationship property that has a closed vocabulary."""
        return {"role": self.roles, "status": self.statuses, "arrangement": self.arrangements}.get(
            prop, {}
        )


def _mapping(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, dict) or not data:
        raise SchemaDefinitionError(f"{SCHEMA_PATH.name}: {where} must be a non-empty mapping")
    return data


def _vocab(raw: dict[str, Any], name: str) -> dict[str, str]:
    values = _mapping(raw.get(name), name)
    return {str(k): str(v) for k, v in values.items()}


def parse_schema(raw: Any) -> Schema:
    """Build a Schema from parsed YAML, refusing anything inconsistent."""
    raw = _mapping(raw, "the document")
    kinds: dict[str, Kind] = {}
    for kid, spec in _mapping(raw.get("kinds"), "kinds").items():
        spec = _mapping(spec, f"kinds.{kid}")
        missing = {"label", "description", "colour", "shape"} - spec.keys()
        if missing:
            raise SchemaDefinitionError(f"kinds.{kid} lacks {', '.join(sorted(missing))}")
        kinds[kid] = Kind(kid, spec["label"], spec["description"], spec["colour"], spec["shape"])
    labels = [k.label for k in kinds.values()]
    if len(set(labels)) != len(labels):
        raise SchemaDefinitionError("two kinds share a label")

    rels: dict[str, RelationshipType] = {}
    for rid, spec in _mapping(raw.get("relationships"), "relationships").items():
        spec = _mapping(spec, f"relationships.{rid}")
        ends = {}
        for end in ("from", "to"):
            values = spec.get(end)
            if not isinstance(values, list) or not values:
                raise SchemaDefinitionError(f"relationships.{rid}.{end} must list kinds")
            unknown = set(values) - kinds.keys()
            if unknown:
                raise SchemaDefinitionError(
                    f"relationships.{rid}.{end} names unknown kinds {sorted(unknown)}"
                )
            ends[end] = frozenset(values)
        props = frozenset(spec.get("properties") or [])
        requires = frozenset(spec.get("requires") or [])
        if not props <= _REL_PROPERTIES or not requires <= props:
            raise SchemaDefinitionError(f"relationships.{rid}: unknown or unlisted properties")
        rels[rid] = RelationshipType(
            rid, str(spec.get("description", "")), ends["from"], ends["to"], props, requires
        )
    return Schema(
        kinds=kinds,
        relationships=rels,
        roles=_vocab(raw, "roles"),
        statuses=_vocab(raw, "statuses"),
        arrangements=_vocab(raw, "arrangements"),
        lifecycle=_vocab(raw, "lifecycle"),
        figure_kinds=_vocab(raw, "figure_kinds"),
        figure_fields=_vocab(raw, "figure_fields"),
        time_bases=_vocab(raw, "time_bases"),
    )


@lru_cache(maxsize=1)
def load_schema(path: Path = SCHEMA_PATH) -> Schema:
    """The schema declared in schema.yaml (read once per process)."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SchemaDefinitionError(f"cannot read {path}: {exc}") from exc
    return parse_schema(raw)
