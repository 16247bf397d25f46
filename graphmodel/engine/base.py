"""The engine port: what every adapter provides, and nothing engine-specific."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from graphmodel.statements import Statements

__all__ = ["Engine", "ProgressCallback", "Batch", "plain"]

ProgressCallback = Callable[[str, int, int], None]  # (step, done, total)
Batch = tuple[str, Mapping[str, Any]]  # (statement name, parameters)
_SCALAR_TYPES = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """A driver value as plain Python: dicts, lists, str, int, float, bool, None.

    Graph elements (which analysts' console queries may return) become maps of their
    labels or type and properties.
    """
    kind = type(value)  # exact types first: cheap, and what drivers return almost always
    if kind in _SCALAR_TYPES:
        return value
    if kind is list or isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if kind is dict:
        return {str(k): plain(v) for k, v in value.items()}
    # Graph elements before other mappings: Neo4j's nodes and relationships are Mappings.
    labels = getattr(value, "labels", None)
    if labels is not None:  # a node (FalkorDB or Neo4j)
        props = getattr(value, "properties", None)
        props = props if isinstance(props, Mapping) else dict(value.items())
        return {"labels": sorted(labels), "properties": plain(props)}
    rel_type = getattr(value, "relation", None) or getattr(value, "type", None)
    if rel_type is not None and (hasattr(value, "properties") or hasattr(value, "start_node")):
        props = getattr(value, "properties", None)
        props = props if isinstance(props, Mapping) else dict(value.items())
        return {"type": str(rel_type), "properties": plain(props)}
    nodes = getattr(value, "nodes", None)
    if nodes is not None:  # a path: FalkorDB's has methods, Neo4j's attributes
        edges = value.edges() if callable(nodes) else value.relationships
        nodes = nodes() if callable(nodes) else nodes
        return {"nodes": [plain(n) for n in nodes], "edges": [plain(e) for e in edges]}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (str, int, float, bool)):  # a subclass (an enum, say)
        return value
    return str(value)


class Engine(ABC):
    """A graph engine reached through named statements.

    Adapters are transport only: connect, run a named statement with parameters, map
    records to plain dicts, translate driver errors into graphmodel.errors.
    """

    kind: str
    statements: Statements

    @abstractmethod
    def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a named read statement; one dict per record."""

    @abstractmethod
    def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a named write statement against the live graph."""

    @abstractmethod
    def run_readonly(
        self, text: str, params: Mapping[str, Any], timeout_ms: int, row_limit: int
    ) -> tuple[list[str], list[dict[str, Any]], bool]:
        """Run analyst Cypher with the engine enforcing read-only; (columns, rows, truncated)."""

    @abstractmethod
    def replace_graph(
        self, batches: Iterable[Batch], total: int, progress: ProgressCallback | None
    ) -> None:
        """Build a new graph from `batches` and make it the live graph in one step.

        Readers see the old graph or the new one, never a mix; on failure the old graph
        stays exactly as it was.
        """

    @abstractmethod
    def ping(self) -> None:
        """Return if the engine answers; raise GraphUnavailableError if not."""

    @abstractmethod
    def describe(self) -> dict[str, Any]:
        """What this engine is and where (for stats, /readyz and logs); no secrets."""

    @abstractmethod
    def close(self) -> None:
        """Release connections (and stop an embedded server this process started)."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
