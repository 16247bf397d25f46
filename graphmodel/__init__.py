"""The police collaboration graph: domain model, validation, engine access, loading, analysis."""

from graphmodel.errors import CollabGraphError

__all__ = ["CollabGraphError"]
