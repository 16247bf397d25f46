"""YAML reading that remembers where every mapping and key sits in its file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

__all__ = ["Located", "read_yaml"]


class Located(dict):  # type: ignore[type-arg]
    """A mapping that knows its own line and the line of each of its keys (1-based)."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """The line of `key` in the file, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


# libyaml's parser when available (several times faster on large datasets); the marks it
# gives every node carry the same line numbers as the pure-Python parser's.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Located:  # noqa: D103
    loader.flatten_mapping(node)
    result = Located()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            # A second `statuses:` or `name:` would silently replace the first.
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                f"duplicate key {key!r} (first on line {result.key_lines[str(key)]})",
                key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> str:
    # Dates stay text (validated later with their file, line and field), so an impossible
    # date such as 2013-13-01 is a data problem, not a crash of the parser.
    return str(loader.construct_scalar(node))


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file into Located mappings; raises yaml.YAMLError with a position."""
    with path.open("rb") as handle:
        return yaml.load(handle, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
