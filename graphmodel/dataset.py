"""Reading and validating the curated dataset in seed/.

``read_dataset(seed_dir)`` returns a validated Dataset or raises InvalidDataError listing
every problem with its file, line and field. Nothing here touches the engine: a dataset
that reaches the loader is whole and consistent.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from graphmodel.errors import InvalidDataError, Problem
from graphmodel.schema import Schema, load_schema
from graphmodel.timeline import parse_partial_date
from graphmodel.yamlines import Located, read_yaml

__all__ = [
    "Source",
    "Document",
    "Entity",
    "Relationship",
    "StatusFact",
    "Figure",
    "Dataset",
    "read_dataset",
    "parse_partial_date",
    "SLUG",
]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_BASES = ("total", "annual", "one_off")
_CASH = ("cash", "non_cash", "combined")

_DOCUMENT_KEYS = {"id", "title", "body", "kind", "date", "file", "notes"}
_TIME_KEYS = {"since", "until", "inferred", "review_on", "held_by"}
_ENTITY_KEYS = {"id", "kind", "name", "aliases", "properties", "region", "note"} | _TIME_KEYS
_ENTITY_FILE_KEYS = _ENTITY_KEYS | {"sources"}
_FACT_ENTITY_KEYS = _ENTITY_KEYS | {"ref"}
_MENTION_KEYS = {"id", "ref", "aliases"}
_REL_KEYS = (
    {"type", "from", "to", "ref", "note"}
    | _TIME_KEYS
    | {
        "role",
        "status",
        "arrangement",
        "cost_share",
        "title",
    }
)
_STATUS_KEYS = {"entity", "status", "ref", "note"} | _TIME_KEYS
_FIGURE_KEYS = {
    "entity",
    "kind",
    "amount",
    "currency",
    "period",
    "basis",
    "cash",
    "force",
    "ref",
    "description",
    "id",
    "part_of",
    "hypothetical",
}


@dataclass(frozen=True, order=True)
class Source:
    """Where a fact was said: a document id and the paragraph or appendix row."""

    document: str
    ref: str


@dataclass(frozen=True)
class Where:
    """Where a fact is written: its file, the line of the item and of each of its keys."""

    file: str
    line: int
    key_lines: tuple[tuple[str, int], ...] = ()

    @classmethod
    def of(cls, file: str, item: Located) -> Where:
        """The location of a Located item in `file`."""
        return cls(file, item.line, tuple(item.key_lines.items()))

    def line_of(self, key: str) -> int:
        """The line of `key`, or of the item when the key is absent."""
        return dict(self.key_lines).get(key, self.line)


@dataclass
class TimeFacts:
    """How a fact's dates are known beyond since/until: which of them are inferred (the note
    says how) and the date it is only to be reviewed on (not an end)."""

    inferred: tuple[str, ...] = ()
    review_on: str | None = None
    held_by: str | None = None  # shown holding by this date; its start is earlier or unknown


@dataclass
class Document:
    """A source document and its reading notes."""

    id: str
    title: str
    body: str
    kind: str
    date: str | None
    file: str
    notes: list[str]


@dataclass
class Entity:
    """A node of the graph, with every source that names it."""

    id: str
    kind: str
    name: str
    aliases: list[str]
    properties: dict[str, Any]
    since: str | None
    until: str | None
    sources: list[Source]
    origin: str
    where: Where | None = None
    time: TimeFacts = field(default_factory=TimeFacts)


@dataclass
class Relationship:
    """A relationship between two entities; one per distinct fact, citing every document."""

    type: str
    source: str
    target: str
    properties: dict[str, Any]
    since: str | None
    until: str | None
    note: str | None
    sources: list[Source]
    where: Where | None = None
    time: TimeFacts = field(default_factory=TimeFacts)

    @property
    def key(self) -> tuple[Any, ...]:
        """What makes two statements the same fact."""
        return (self.type, self.source, self.target, tuple(sorted(self.properties.items())))


@dataclass
class StatusFact:
    """A dated lifecycle status of an entity."""

    entity: str
    status: str
    since: str | None
    until: str | None
    note: str | None
    sources: list[Source]
    where: Where | None = None
    time: TimeFacts = field(default_factory=TimeFacts)


@dataclass
class Figure:
    """A money figure with its period, basis and citation."""

    entity: str
    kind: str
    amount: float
    currency: str
    period: str
    basis: str
    cash: str | None
    force: str | None
    description: str
    sources: list[Source]
    id: str = ""
    part_of: str | None = None
    hypothetical: bool = False
    where: Where | None = None


@dataclass
class Dataset:
    """A validated dataset, ready to load."""

    documents: dict[str, Document]
    entities: dict[str, Entity]
    relationships: list[Relationship]
    statuses: list[StatusFact]
    figures: list[Figure]
    files: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @cached_property
    def implied_starts(self) -> dict[str, tuple[str, str]]:
        """{entity id: (date, why)} for entities with no start of their own that a fact about
        them (its start, or the date it is known to hold by) shows existing before they are
        first reported, or before the date they are known to hold by.

        An entity a relationship or status holds for from D existed at D; `why` names the
        fact and its citation (graphmodel.timeline shows the entity from D, `held_by`).
        """
        found: dict[str, tuple[str, str]] = {}

        def consider(entity_id: str, since: str | None, what: str, sources: list[Source]) -> None:
            entity = self.entities.get(entity_id)
            if not since or entity is None or entity.since:
                return
            first = self.earliest_date(entity.sources)
            if entity.time.held_by and first:
                first = min(first, entity.time.held_by)
            if first is None or since >= first or (entity.until and since > entity.until):
                return
            if entity_id not in found or since < found[entity_id][0]:
                cite = "; ".join(f"{s.document} {s.ref}" for s in sorted(set(sources)))
                found[entity_id] = (
                    since,
                    f"no start stated; it existed by {since}: {what} ({cite})",
                )

        for rel in self.relationships:
            start = rel.since or rel.time.held_by
            what = f"{rel.type} {rel.source} -> {rel.target} from {start}"
            consider(rel.source, start, what, rel.sources)
            consider(rel.target, start, what, rel.sources)
        for status in self.statuses:
            start = status.since or status.time.held_by
            consider(status.entity, start, f"{status.status} from {start}", status.sources)
        return found

    def document_date(self, source: Source) -> str | None:
        """The date of the document a source cites."""
        return self.documents[source.document].date

    def earliest_date(self, sources: Iterable[Source]) -> str | None:
        """The date a fact is first reported: the earliest date among the documents cited.

        None when no cited document is dated, or when one of them is undated reference
        data (the list of forces and regions): reference data states standing facts, which
        hold at every date (from_basis `undated`).
        """
        dates = [self.document_date(s) for s in sources]
        if not dates or None in dates:
            return None
        return min(d for d in dates if d)


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) and not isinstance(value, dt.date)


class _Reader:
    """Collects problems while turning seed files into a Dataset."""

    def __init__(self, root: Path, schema: Schema):
        self.root = root
        self.schema = schema
        self.problems: list[Problem] = []
        self.documents: dict[str, Document] = {}
        self.entities: dict[str, Entity] = {}
        self.entity_where: dict[str, tuple[str, int]] = {}
        self.pending: list[tuple[str, Located, str]] = []  # (file, item, section) checked later
        self.relationships: dict[tuple[Any, ...], Relationship] = {}
        self.statuses: list[StatusFact] = []
        self.figures: list[Figure] = []
        self.figure_ids: dict[str, Figure] = {}
        self.figure_parts: list[tuple[str, Located, str]] = []
        self.files: list[Path] = []

    # -- helpers ---------------------------------------------------------
    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def problem(
        self, file: str, item: dict[str, Any] | None, key: str, message: str, hint: str = ""
    ) -> None:
        line = item.line_of(key) if isinstance(item, Located) else 0
        self.problems.append(Problem(file, line, key, message, hint))

    def unknown_keys(self, file: str, item: Located, allowed: set[str], what: str) -> None:
        for key in item:
            if key not in allowed:
                self.problem(
                    file,
                    item,
                    str(key),
                    f"unknown field in {what}",
                    "allowed: " + ", ".join(sorted(allowed)),
                )

    def choice(
        self, file: str, item: Located, key: str, value: Any, allowed: Iterable[str], what: str
    ) -> Any:
        """`value` if it is one of `allowed` (or None); otherwise a problem, and None."""
        allowed = sorted(allowed)
        if value is None or value in allowed:
            return value
        self.problem(file, item, key, f"unknown {what} {value!r}", "one of: " + ", ".join(allowed))
        return None

    def text(self, file: str, item: Located, key: str, required: bool = True) -> str | None:
        value = item.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(file, item, key, "is missing or blank")
            return None
        if not _is_scalar(value):
            self.problem(file, item, key, "must be text")
            return None
        return str(value).strip()

    def date(self, file: str, item: Located, key: str) -> str | None:
        if item.get(key) is None:
            return None
        value = parse_partial_date(item[key])
        if value is None:
            self.problem(
                file, item, key, f"malformed date {item[key]!r}", "use YYYY, YYYY-MM or YYYY-MM-DD"
            )
        return value

    def span(self, file: str, item: Located) -> tuple[str | None, str | None, TimeFacts]:
        """(since, until, how they are known) of a fact; problems for malformed ones."""
        since, until = self.date(file, item, "since"), self.date(file, item, "until")
        raw = item.get("inferred") or []
        inferred = [raw] if isinstance(raw, str) else raw
        if not isinstance(inferred, list) or not set(inferred) <= {"since", "until"}:
            self.problem(
                file, item, "inferred", f"malformed {raw!r}", "since, until or [since, until]"
            )
            inferred = []
        for key in inferred:
            if item.get(key) is None:
                self.problem(file, item, "inferred", f"says {key} is inferred but gives no {key}")
        props = item.get("properties")
        if inferred and not (item.get("note") or (isinstance(props, dict) and props.get("note"))):
            self.problem(
                file, item, "note", "an inferred date needs a note saying how it was inferred"
            )
        held_by = self.date(file, item, "held_by")
        if held_by and since:
            self.problem(file, item, "held_by", "give since (a start) or held_by (a date it held "
                         "by, start unknown), not both")  # fmt: skip
        if held_by and not (item.get("note") or (isinstance(props, dict) and props.get("note"))):
            self.problem(file, item, "note", "held_by needs a note saying how it is known")
        return since, until, TimeFacts(tuple(inferred), self.date(file, item, "review_on"), held_by)

    def items(self, file: str, data: Any, section: str) -> list[Located]:
        value = data.get(section) if isinstance(data, dict) else None
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(file, data, section, "must be a list")
            return []
        good = []
        for item in value:
            if isinstance(item, Located):
                good.append(item)
            else:
                self.problem(file, data, section, f"every item must be a mapping, not {item!r}")
        return good

    def load_file(self, path: Path) -> Any:
        self.files.append(path)
        try:
            data = read_yaml(path)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else 0
            reason = getattr(exc, "problem", None) or str(exc)
            self.problems.append(
                Problem(self.rel(path), line, "(file)", f"does not parse: {reason}", "fix the YAML")
            )
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self.problems.append(Problem(self.rel(path), 0, "(file)", f"cannot be read: {exc}"))
            return None
        if not isinstance(data, Located):
            self.problems.append(
                Problem(self.rel(path), 1, "(file)", "must be a mapping at the top level")
            )
            return None
        return data

    # -- documents ---------------------------------------------------------
    def read_documents(self, path: Path) -> None:
        file = self.rel(path)
        if not path.exists():
            self.problems.append(Problem(file, 0, "(file)", "is missing", "every seed needs one"))
            return
        data = self.load_file(path)
        if data is None:
            return
        for item in self.items(file, data, "documents"):
            self.unknown_keys(file, item, _DOCUMENT_KEYS, "a document")
            doc_id = self.text(file, item, "id")
            title = self.text(file, item, "title")
            if doc_id is None or title is None:
                continue
            if doc_id in self.documents:
                self.problem(file, item, "id", f"duplicate document id {doc_id!r}")
                continue
            date = None
            if item.get("date") is not None:
                date = parse_partial_date(item["date"])
                if date is None:
                    self.problem(file, item, "date", f"malformed date {item['date']!r}")
            notes = item.get("notes") or []
            if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
                self.problem(file, item, "notes", "must be a list of text")
                notes = []
            self.documents[doc_id] = Document(
                doc_id,
                title,
                self.text(file, item, "body", required=False) or "",
                self.text(file, item, "kind", required=False) or "",
                date,
                self.text(file, item, "file", required=False) or "",
                list(notes),
            )

    # -- entities ----------------------------------------------------------
    def source(self, file: str, item: Located, document: str | None, key: str) -> Source | None:
        ref = self.text(file, item, "ref")
        if document is None or ref is None:
            return None
        if document not in self.documents:
            self.problem(
                file,
                item,
                key,
                f"unknown document id {document!r}",
                "add it to seed/documents.yaml or fix the id",
            )
            return None
        return Source(document, ref)

    def declare_entity(
        self, file: str, item: Located, sources: list[Source], section_keys: set[str]
    ) -> None:
        self.unknown_keys(file, item, section_keys, "an entity")
        eid = self.text(file, item, "id")
        kind = self.text(file, item, "kind")
        name = self.text(file, item, "name")
        if eid is None:
            return
        if not SLUG.match(eid):
            self.problem(file, item, "id", f"{eid!r} is not a lowercase hyphenated slug")
        if eid in self.entities:
            where = self.entity_where[eid]
            self.problem(
                file,
                item,
                "id",
                f"duplicate entity id {eid!r}",
                f"first declared at {where[0]}:{where[1]}",
            )
            return
        kind = self.choice(file, item, "kind", kind, self.schema.kinds, "kind")
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(_is_scalar(a) for a in aliases):
            self.problem(file, item, "aliases", "must be a list of names")
            aliases = []
        props = item.get("properties") or {}
        if not isinstance(props, dict):
            self.problem(file, item, "properties", "must be a mapping")
            props = {}
        clean: dict[str, Any] = {}
        for key, value in props.items():
            ok = _is_scalar(value) or (
                isinstance(value, list) and all(_is_scalar(v) for v in value)
            )
            if isinstance(value, dt.date):
                value, ok = value.isoformat(), True
            if not ok:
                self.problem(
                    file, props, str(key), "a property must be a value or a list of values"
                )
            elif not re.match(r"^[a-z][a-z0-9_]*$", str(key)):
                self.problem(file, props, str(key), "property names are lowercase_with_underscores")
            else:
                clean[str(key)] = value
        if item.get("note"):
            clean["note"] = str(item["note"])
        since, until, time = self.span(file, item)
        if not sources:
            self.problem(file, item, "sources", "an entity needs at least one source")
        if eid and kind and name:
            self.entities[eid] = Entity(
                eid, kind, name, [str(a) for a in aliases], clean, since, until, sources, file,
                Where.of(file, item), time,
            )  # fmt: skip
            self.entity_where[eid] = (file, item.line)
            if item.get("region") is not None:
                self.pending.append((file, item, "region"))

    def read_entity_file(self, path: Path) -> None:
        file = self.rel(path)
        data = self.load_file(path)
        if data is None:
            return
        self.unknown_keys(file, data, {"entities"}, "an entities file")
        for item in self.items(file, data, "entities"):
            sources: list[Source] = []
            raw_sources = item.get("sources")
            if not isinstance(raw_sources, list) or not raw_sources:
                self.problem(file, item, "sources", "must list at least one {document, ref}")
            else:
                for src in raw_sources:
                    if not isinstance(src, Located):
                        self.problem(file, item, "sources", "each source is {document, ref}")
                        continue
                    self.unknown_keys(file, src, {"document", "ref"}, "a source")
                    made = self.source(file, src, self.text(file, src, "document"), "document")
                    if made:
                        sources.append(made)
            self.declare_entity(file, item, sources, _ENTITY_FILE_KEYS)

    # -- facts files ---------------------------------------------------------
    def read_facts_file(self, path: Path) -> None:
        file = self.rel(path)
        data = self.load_file(path)
        if data is None:
            return
        self.unknown_keys(
            file,
            data,
            {"document", "entities", "mentions", "relationships", "statuses", "figures"},
            "a facts file",
        )
        document = self.text(file, data, "document")
        if document is not None and document not in self.documents:
            self.problem(
                file,
                data,
                "document",
                f"unknown document id {document!r}",
                "add it to seed/documents.yaml or fix the id",
            )
            document = None
        if document is not None and path.stem != document:
            self.problem(
                file, data, "document", f"file is named {path.stem!r} but cites {document!r}"
            )
        for item in self.items(file, data, "entities"):
            src = self.source(file, item, document, "ref")
            self.declare_entity(file, item, [src] if src else [], _FACT_ENTITY_KEYS)
        for section in ("mentions", "relationships", "statuses", "figures"):
            for item in self.items(file, data, section):
                self.pending.append((file, item, section + ":" + (document or "")))

    # -- second pass: everything that refers to entities ------------------------
    def entity_ref(
        self, file: str, item: Located, key: str, required: bool = True
    ) -> Entity | None:
        eid = self.text(file, item, key, required=required)
        if eid is None:
            return None
        entity = self.entities.get(eid)
        if entity is None:
            close = sorted(e for e in self.entities if eid.split("-")[0] in e)[:3]
            hint = "declare it in an entities section" + (
                f"; close ids: {', '.join(close)}" if close else ""
            )
            self.problem(file, item, key, f"refers to unknown entity {eid!r}", hint)
        return entity

    def resolve(self) -> None:
        for file, item, section in self.pending:
            name, _, document = section.partition(":")
            doc = document or None
            if name == "region":
                region = self.entity_ref(file, item, "region")
                entity = self.entities.get(str(item.get("id")))
                if region and entity:
                    if region.kind != "region":
                        self.problem(
                            file, item, "region", f"{region.id!r} is a {region.kind}, not a region"
                        )
                    else:
                        self.add_relationship(
                            Relationship(
                                "IN_REGION",
                                entity.id,
                                region.id,
                                {},
                                None,
                                None,
                                None,
                                list(entity.sources[:1]),
                                Where.of(file, item),
                            )
                        )
            elif name == "mentions":
                self.unknown_keys(file, item, _MENTION_KEYS, "a mention")
                entity = self.entity_ref(file, item, "id")
                src = self.source(file, item, doc, "ref")
                if entity and src:
                    if src not in entity.sources:
                        entity.sources.append(src)
                    aliases = item.get("aliases") or []
                    if not isinstance(aliases, list):
                        self.problem(file, item, "aliases", "must be a list of names")
                    else:
                        entity.aliases.extend(
                            str(a)
                            for a in aliases
                            if str(a) not in entity.aliases and str(a) != entity.name
                        )
            elif name == "relationships":
                self.read_relationship(file, item, doc)
            elif name == "statuses":
                self.read_status(file, item, doc)
            elif name == "figures":
                self.read_figure(file, item, doc)
        self.check_figure_parts()

    def check_figure_parts(self) -> None:
        """Every part_of names a figure of the same kind and currency, and no figure is part
        of itself, directly or not."""
        for file, item, whole_id in self.figure_parts:
            whole = self.figure_ids.get(whole_id)
            if whole is None:
                self.problem(file, item, "part_of", f"refers to unknown figure {whole_id!r}",
                             "give the whole figure an id and use it here")  # fmt: skip
                continue
            if item.get("kind") != whole.kind or item.get("currency") != whole.currency:
                self.problem(file, item, "part_of",
                             f"a part must have the kind and currency of {whole_id!r} "
                             f"({whole.kind}, {whole.currency})")  # fmt: skip
            seen, step = {str(item.get("id") or "")}, whole
            while step.part_of:
                if step.id in seen:
                    self.problem(file, item, "part_of", "figures are part of each other in a loop")
                    break
                seen.add(step.id)
                nxt = self.figure_ids.get(step.part_of)
                if nxt is None:
                    break
                step = nxt

    def read_relationship(self, file: str, item: Located, document: str | None) -> None:
        self.unknown_keys(file, item, _REL_KEYS, "a relationship")
        rtype = self.text(file, item, "type")
        rtype = self.choice(
            file, item, "type", rtype, self.schema.relationships, "relationship type"
        )
        spec = self.schema.relationships.get(rtype or "")
        source = self.entity_ref(file, item, "from")
        target = self.entity_ref(file, item, "to")
        src = self.source(file, item, document, "ref")
        since, until, time = self.span(file, item)
        if spec is None:
            return
        if source and source.kind not in spec.from_kinds:
            self.problem(
                file,
                item,
                "from",
                f"a {source.kind} cannot be the start of {rtype}",
                "allowed: " + ", ".join(sorted(spec.from_kinds)),
            )
            source = None
        if target and target.kind not in spec.to_kinds:
            self.problem(
                file,
                item,
                "to",
                f"a {target.kind} cannot be the end of {rtype}",
                "allowed: " + ", ".join(sorted(spec.to_kinds)),
            )
            target = None
        props: dict[str, Any] = {}
        for prop in ("role", "status", "arrangement", "cost_share", "title"):
            if prop not in item:
                if prop in spec.requires:
                    self.problem(file, item, prop, f"{rtype} needs a {prop}")
                continue
            if prop not in spec.properties:
                self.problem(file, item, prop, f"{rtype} does not take a {prop}")
                continue
            value = item[prop]
            if prop == "cost_share":
                if (
                    not isinstance(value, (int, float))
                    or isinstance(value, bool)
                    or not 0 <= value <= 100
                ):
                    self.problem(
                        file, item, prop, f"malformed cost share {value!r}", "a percentage 0-100"
                    )
                    continue
                props[prop] = float(value)
                continue
            vocabulary = self.schema.vocabulary(prop)
            if vocabulary and self.choice(file, item, prop, value, vocabulary, prop) is None:
                continue
            if not _is_scalar(value):
                self.problem(file, item, prop, "must be text")
                continue
            props[prop] = str(value)
        note = item.get("note")
        if source and target and src:
            self.add_relationship(
                Relationship(
                    rtype or "",
                    source.id,
                    target.id,
                    props,
                    since,
                    until,
                    str(note) if note else None,
                    [src],
                    Where.of(file, item),
                    time,
                )
            )

    def add_relationship(self, rel: Relationship) -> None:
        existing = self.relationships.get(rel.key)
        if existing is None:
            self.relationships[rel.key] = rel
            return
        for src in rel.sources:
            if src not in existing.sources:
                existing.sources.append(src)
        if rel.since and not existing.since:
            existing.since = rel.since
            existing.time = TimeFacts(
                tuple({*existing.time.inferred, *(k for k in rel.time.inferred if k == "since")}),
                existing.time.review_on or rel.time.review_on,
                existing.time.held_by,
            )
        if rel.until and not existing.until:
            existing.until = rel.until
            existing.time = TimeFacts(
                tuple({*existing.time.inferred, *(k for k in rel.time.inferred if k == "until")}),
                existing.time.review_on or rel.time.review_on,
                existing.time.held_by,
            )
        if rel.time.review_on and not existing.time.review_on:
            existing.time = TimeFacts(
                existing.time.inferred, rel.time.review_on, existing.time.held_by
            )
        if (
            rel.time.held_by
            and not existing.since
            and (not existing.time.held_by or rel.time.held_by < existing.time.held_by)
        ):
            existing.time = TimeFacts(
                existing.time.inferred, existing.time.review_on, rel.time.held_by
            )
        if rel.note and rel.note != existing.note:
            existing.note = f"{existing.note}; {rel.note}" if existing.note else rel.note

    def read_status(self, file: str, item: Located, document: str | None) -> None:
        self.unknown_keys(file, item, _STATUS_KEYS, "a status")
        entity = self.entity_ref(file, item, "entity")
        status = self.text(file, item, "status")
        status = self.choice(file, item, "status", status, self.schema.lifecycle, "status")
        src = self.source(file, item, document, "ref")
        since, until, time = self.span(file, item)
        note = item.get("note")
        if entity and status and src:
            self.statuses.append(
                StatusFact(
                    entity.id,
                    status,
                    since,
                    until,
                    str(note) if note else None,
                    [src],
                    Where.of(file, item),
                    time,
                )  # fmt: skip
            )

    def read_figure(self, file: str, item: Located, document: str | None) -> None:
        self.unknown_keys(file, item, _FIGURE_KEYS, "a figure")
        entity = self.entity_ref(file, item, "entity")
        kind = self.text(file, item, "kind")
        kind = self.choice(file, item, "kind", kind, self.schema.figure_kinds, "figure kind")
        amount = item.get("amount")
        if not isinstance(amount, (int, float)) or isinstance(amount, bool) or amount < 0:
            self.problem(
                file, item, "amount", f"malformed amount {amount!r}", "a plain number, e.g. 139545"
            )
            amount = None
        currency = self.text(file, item, "currency")
        if currency is not None and not _CURRENCY.match(currency):
            self.problem(
                file,
                item,
                "currency",
                f"malformed currency {currency!r}",
                "an ISO code such as GBP",
            )
            currency = None
        period = self.period(file, item)
        basis = self.text(file, item, "basis")
        basis = self.choice(file, item, "basis", basis, _BASES, "basis")
        cash = self.text(file, item, "cash", required=False)
        self.choice(file, item, "cash", cash, _CASH, "value")
        force = None
        if item.get("force") is not None:
            force_entity = self.entity_ref(file, item, "force")
            force = force_entity.id if force_entity else None
        description = self.text(file, item, "description")
        src = self.source(file, item, document, "ref")
        figure_id = self.text(file, item, "id", required=False)
        if figure_id is not None and not SLUG.match(figure_id):
            self.problem(file, item, "id", f"{figure_id!r} is not a lowercase hyphenated slug")
            figure_id = None
        if figure_id is not None and figure_id in self.figure_ids:
            self.problem(file, item, "id", f"duplicate figure id {figure_id!r}")
            figure_id = None
        part_of = self.text(file, item, "part_of", required=False)
        if part_of is not None:
            self.figure_parts.append((file, item, part_of))
        hypothetical = item.get("hypothetical", False)
        if not isinstance(hypothetical, bool):
            self.problem(file, item, "hypothetical", f"malformed {hypothetical!r}", "true or false")
            hypothetical = False
        if (
            entity
            and kind
            and amount is not None
            and currency
            and period
            and basis
            and description
            and src
        ):
            self.figures.append(
                Figure(
                    entity.id,
                    kind,
                    float(amount),
                    currency,
                    period,
                    basis,
                    cash,
                    force,
                    description,
                    [src],
                    figure_id or "",
                    part_of,
                    hypothetical,
                    Where.of(file, item),
                )
            )
            if figure_id:
                self.figure_ids[figure_id] = self.figures[-1]

    def period(self, file: str, item: Located) -> str | None:
        raw = item.get("period")
        if raw is None:
            self.problem(file, item, "period", "is missing", "a date or an interval start/end")
            return None
        parts = str(raw.isoformat() if isinstance(raw, dt.date) else raw).split("/")
        dates = [parse_partial_date(p) for p in parts]
        if len(parts) > 2 or None in dates:
            self.problem(
                file,
                item,
                "period",
                f"malformed period {raw!r}",
                "a date or start/end, e.g. 2010/2018",
            )
            return None
        if len(dates) == 2 and str(dates[0]) > str(dates[1]):
            self.problem(file, item, "period", f"period {raw!r} ends before it starts")
            return None
        return "/".join(str(d) for d in dates)


def read_dataset(seed_dir: Path, schema: Schema | None = None) -> Dataset:
    """The validated dataset in `seed_dir`; raises InvalidDataError listing every problem."""
    seed_dir = Path(seed_dir)
    reader = _Reader(seed_dir, schema or load_schema())
    if not seed_dir.is_dir():
        raise InvalidDataError([Problem(str(seed_dir), 0, "(directory)", "does not exist")])
    reader.read_documents(seed_dir / "documents.yaml")
    for path in sorted((seed_dir / "entities").glob("*.yaml")):
        reader.read_entity_file(path)
    facts = sorted((seed_dir / "facts").glob("*.yaml"))
    for path in facts:
        reader.read_facts_file(path)
    reader.resolve()
    if reader.problems:
        raise InvalidDataError(reader.problems)
    dataset = Dataset(
        reader.documents,
        reader.entities,
        list(reader.relationships.values()),
        reader.statuses,
        reader.figures,
        reader.files,
    )
    from graphmodel.timecheck import check_time  # noqa: PLC0415 - needs a whole Dataset

    errors, dataset.warnings = check_time(dataset)
    if errors:
        raise InvalidDataError(errors + dataset.warnings)
    return dataset
