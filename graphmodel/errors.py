"""The errors graphmodel raises, and nothing else escapes it.

    CollabGraphError                 base of everything below
    ├── SchemaDefinitionError        graphmodel/schema.yaml itself is wrong
    ├── StatementError               cypher/ is wrong: unknown, duplicate or malformed statement
    ├── InvalidDataError             seed data refused; carries every Problem (file, line, field)
    ├── NotFoundError                an id, region, root or document that does not exist
    ├── InvalidRequestError          a parameter that is not acceptable (bad date, format, ...)
    ├── QueryRefusedError            the engine refused a statement (write in read-only, syntax)
    │   └── QueryTimeoutError        it ran past its time limit
    ├── GraphUnavailableError        the engine cannot be reached, started, or is restarting
    │   ├── PersistenceError         the engine could not write its data to disk
    │   └── ConsoleBusyError         the console already runs as many queries as it allows
    └── DependencyMissingError       a program the product calls is not installed (Graphviz)

Driver exceptions are translated once, in the engine adapters; the API maps each class
to one status code in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "CollabGraphError",
    "SchemaDefinitionError",
    "StatementError",
    "Problem",
    "InvalidDataError",
    "NotFoundError",
    "InvalidRequestError",
    "QueryRefusedError",
    "QueryTimeoutError",
    "GraphUnavailableError",
    "PersistenceError",
    "ConsoleBusyError",
    "DependencyMissingError",
]


class CollabGraphError(Exception):
    """Base class of every error graphmodel raises."""


class SchemaDefinitionError(CollabGraphError):
    """The schema declaration is malformed."""


class StatementError(CollabGraphError):
    """A Cypher statement file is malformed, or a statement name is unknown or duplicated."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in the seed data, located by file, line and field."""

    file: str
    line: int
    field: str
    message: str
    hint: str = ""
    severity: str = "error"  # or "warning": reported, but the data is still loaded

    def __str__(self) -> str:
        label = "warning: " if self.severity == "warning" else ""
        text = f"{self.file}:{self.line}: {self.field}: {label}{self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class InvalidDataError(CollabGraphError):
    """Seed data was refused; nothing was written. `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        count = sum(1 for p in self.problems if p.severity == "error")
        warnings = len(self.problems) - count
        text = f"{count} problem{'s' if count != 1 else ''} in the seed data"
        if warnings:
            text += f" (and {warnings} warning{'s' if warnings != 1 else ''})"
        super().__init__(text)


@dataclass
class NotFoundError(CollabGraphError):
    """Something named by id does not exist; `suggestions` are close matches, and `canonical`
    is the id it stands for when it is another spelling of one (case, a name, an alias)."""

    what: str
    id: str
    suggestions: list[dict[str, str]] = field(default_factory=list)
    canonical: str | None = None

    def __str__(self) -> str:
        text = f"no {self.what} with id {self.id!r}"
        if self.canonical:
            text += f"; did you mean {self.canonical}? (its id)"
        elif self.suggestions:
            text += "; did you mean " + ", ".join(s["id"] for s in self.suggestions) + "?"
        return text


class InvalidRequestError(CollabGraphError):
    """A request parameter is not acceptable; `parameter` names it."""

    def __init__(self, parameter: str, message: str):
        self.parameter = parameter
        super().__init__(f"{parameter}: {message}")


class QueryRefusedError(CollabGraphError):
    """The engine refused a statement (a write in read-only mode, a syntax error, ...)."""


class QueryTimeoutError(QueryRefusedError):
    """A statement ran past its time limit."""


class GraphUnavailableError(CollabGraphError):
    """The graph engine cannot be reached or started; `retry_after` is a hint in seconds."""

    def __init__(self, message: str, retry_after: int = 5):
        self.retry_after = retry_after
        super().__init__(message)


class PersistenceError(GraphUnavailableError):
    """The engine could not write its data to disk (a full disk, an unwritable directory);
    what is on disk is the last graph that was saved."""

    def __init__(self, message: str, retry_after: int = 30):
        super().__init__(message, retry_after)


class ConsoleBusyError(GraphUnavailableError):
    """The analysts' console is already running as many queries as it allows at once."""

    def __init__(self, message: str, retry_after: int = 1):
        super().__init__(message, retry_after)


class DependencyMissingError(CollabGraphError):
    """A program the product runs (such as Graphviz's `dot`) is not installed; the message
    says how to install it."""
