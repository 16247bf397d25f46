"""Named Cypher statements, read from the files in cypher/.

Each ``.cypher`` file holds one or more statements, each under a comment header::

    // name: entity_by_id
    // returns: one row per entity: id, name, kind, aliases, properties, sources
    // mode: read
    MATCH (n:Entity {id: $id}) RETURN ...

``cypher/load`` and ``cypher/queries`` are shared by every engine; ``cypher/engines/<engine>``
holds what differs (schema statements, full-text procedures) under the same names for each
engine. An unknown, duplicate or malformed statement fails when the registry is built.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graphmodel.errors import StatementError

__all__ = ["Statement", "Statements", "CYPHER_DIR", "ENGINES"]

CYPHER_DIR = Path(__file__).resolve().parent.parent / "cypher"
ENGINES = ("falkordb", "neo4j")
_HEADER = re.compile(r"^//\s*(name|returns|mode)\s*:\s*(.*?)\s*$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class Statement:
    """One named statement: its text, what it returns, read or write, and where it lives."""

    name: str
    text: str
    returns: str
    mode: str
    path: Path

    @property
    def parameters(self) -> frozenset[str]:
        """The $parameters the statement expects."""
        return frozenset(_PARAM.findall(self.text))


def _parse_file(path: Path) -> Iterator[Statement]:
    header: dict[str, str] = {}
    body: list[str] = []

    def flush() -> Iterator[Statement]:
        text = "\n".join(body).strip().rstrip(";").strip()
        if not header and not text:
            return
        name = header.get("name", "")
        if not _NAME.match(name):
            raise StatementError(f"{path}: statement without a valid '// name:' header")
        if header.get("mode") not in ("read", "write", "schema"):
            raise StatementError(f"{path}: {name}: '// mode:' must be read, write or schema")
        if not text:
            raise StatementError(f"{path}: {name}: empty statement")
        yield Statement(name, text, header.get("returns", ""), header["mode"], path)

    for raw in path.read_text(encoding="utf-8").splitlines():
        match = _HEADER.match(raw.strip())
        if match:
            if match.group(1) == "name" and (body and any(line.strip() for line in body)):
                yield from flush()
                header, body = {}, []
            header[match.group(1)] = match.group(2)
        elif raw.strip().startswith("//") and not body:
            continue  # free comment inside the header
        else:
            body.append(raw)
    yield from flush()


class Statements:
    """The registry of named statements for one engine."""

    def __init__(self, engine: str, root: Path = CYPHER_DIR):
        if engine not in ENGINES:
            raise StatementError(f"unknown engine {engine!r}; expected one of {ENGINES}")
        self.engine = engine
        self._by_name: dict[str, Statement] = {}
        folders = [root / "load", root / "queries", root / "engines" / engine]
        for folder in folders:
            for path in sorted(folder.glob("*.cypher")):
                for statement in _parse_file(path):
                    if statement.name in self._by_name:
                        other = self._by_name[statement.name].path
                        raise StatementError(
                            f"duplicate statement name {statement.name!r} in {path} and {other}"
                        )
                    self._by_name[statement.name] = statement
        if not self._by_name:
            raise StatementError(f"no statements found under {root}")

    def __getitem__(self, name: str) -> Statement:
        try:
            return self._by_name[name]
        except KeyError:
            raise StatementError(f"unknown statement {name!r}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __iter__(self) -> Iterator[Statement]:
        return iter(self._by_name.values())

    def names(self) -> list[str]:
        """Every statement name, sorted."""
        return sorted(self._by_name)
