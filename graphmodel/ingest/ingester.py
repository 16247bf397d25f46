"""Reading a report and proposing its facts: the ingest pipeline, end to end.

``ingest_file(path, document, seed_dir, ...)`` checks the request (a new, well-formed
document id; a readable report; a known issuer), reads the report, and returns the
proposals (see `graphmodel.ingest.proposals`). ``propose(report, gazetteer, ...)`` is the
pipeline itself, for a report already split and a gazetteer already built (the benchmark
uses it with a gazetteer that has never seen the report). Nothing here writes a file.
"""

from __future__ import annotations

import bisect
import hashlib
from pathlib import Path
from typing import Any

from graphmodel.dataset import SLUG, parse_partial_date, read_dataset
from graphmodel.errors import InvalidRequestError
from graphmodel.ingest.dates import document_date
from graphmodel.ingest.formats import SUPPORTED, read_report
from graphmodel.ingest.mentions import Gazetteer, Mentions, find_mentions
from graphmodel.ingest.money import propose_figures
from graphmodel.ingest.paragraphs import Report, split_report
from graphmodel.ingest.registers import find_registers
from graphmodel.ingest.relations import Context, propose_relationships
from graphmodel.ingest.statuses import propose_statuses

__all__ = ["ingest_file", "propose", "check_document_id"]

_MENTION_CONFIDENCE = {"name": 0.95, "alias": 0.9, "defined": 0.9, "form": 0.8, "new": 0.7}


def check_document_id(document: str, seed_dir: Path) -> None:
    """Raise InvalidRequestError unless `document` is a well-formed id new to `seed_dir`."""
    if not SLUG.match(document or ""):
        raise InvalidRequestError(
            "document",
            f"{document!r} is not a document id: lowercase words and digits joined by "
            "hyphens, e.g. northumbria-pcc-2024-03-decision",
        )
    documents = seed_dir / "documents.yaml"
    ids: set[str] = set()
    if documents.is_file():
        import yaml

        data = yaml.safe_load(documents.read_text(encoding="utf-8")) or {}
        ids = {str(d.get("id")) for d in data.get("documents") or [] if isinstance(d, dict)}
    if document in ids or (seed_dir / "facts" / f"{document}.yaml").exists():
        raise InvalidRequestError(
            "document", f"{document!r} is already a document of {seed_dir}; choose a new id"
        )


class _Sentences:
    """Finds the sentence (and paragraph ref) around a character offset."""

    def __init__(self, report: Report):
        self.spans: list[tuple[int, int, str]] = sorted(
            (a, b, p.ref) for p in report.paragraphs for a, b in p.sentences
        )
        self.starts = [a for a, _, _ in self.spans]
        self.text = report.text

    def around(self, offset: int) -> tuple[int, int, str]:
        index = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return self.spans[index] if self.spans else (0, 0, "")

    def block(self, span: tuple[int, int], confidence: float, **extra: Any) -> dict[str, Any]:
        block: dict[str, Any] = {
            "state": "proposed",
            "confidence": confidence,
            "span": [span[0], span[1]],
            "sentence": self.text[span[0] : span[1]],
        }
        block.update({k: v for k, v in extra.items() if v not in (None, False, "")})
        return block


def _entities(mentions: Mentions, sentences: _Sentences, gazetteer: Gazetteer) -> tuple[
    list[dict[str, Any]], list[dict[str, Any]]
]:  # fmt: skip
    first: dict[str, Any] = {}
    forms: dict[str, list[str]] = {}
    for mention in mentions.mentions:
        first.setdefault(mention.entity, mention)
        if mention.how in ("defined", "new") or mention.entity in mentions.new_entities:
            forms.setdefault(mention.entity, [])
            if mention.form not in forms[mention.entity]:
                forms[mention.entity].append(mention.form)
    new: list[dict[str, Any]] = []
    known: list[dict[str, Any]] = []
    for eid, mention in sorted(first.items(), key=lambda item: item[1].start):
        start, end, ref = sentences.around(mention.start)
        if eid in mentions.new_entities:
            entity = mentions.new_entities[eid]
            aliases = [a for a in entity.aliases if a != entity.name]
            aliases += [f for f in forms.get(eid, []) if f != entity.name and f not in aliases]
            new.append(
                {
                    "id": eid,
                    "kind": entity.kind,
                    "name": entity.name,
                    "aliases": aliases,
                    "ref": ref,
                    "proposal": sentences.block(
                        (start, end),
                        entity.confidence,
                        found_as=mention.form,
                        closest_known=[
                            e
                            for e, _ in gazetteer.closest(entity.name, limit=4, cutoff=70)
                            if e not in mentions.new_entities
                        ][:3],
                    ),
                }
            )
            continue
        existing = gazetteer.entities[eid]
        seen = {existing.name.casefold(), *(a.casefold() for a in existing.aliases)}
        extra = [f for f in forms.get(eid, []) if f.casefold() not in seen]
        item: dict[str, Any] = {"id": eid, "ref": ref}
        if extra:
            item["aliases"] = extra
        item["proposal"] = sentences.block(
            (start, end), _MENTION_CONFIDENCE.get(mention.how, 0.8), found_as=mention.form
        )
        known.append(item)
    return new, known


def propose(
    report: Report,
    gazetteer: Gazetteer,
    document: str,
    *,
    issuer: str | None = None,
    date: str | None = None,
) -> dict[str, Any]:
    """The proposals for `report` as a dict in the proposals-file shape (without the
    document entry and source, which `ingest_file` adds)."""
    mentions = find_mentions(report, gazetteer, document)
    context = Context(gazetteer, issuer)
    sentences = _Sentences(report)
    new, known = _entities(mentions, sentences, gazetteer)
    relationships = []
    for rel in propose_relationships(report, mentions, context):
        item: dict[str, Any] = {"type": rel.type, "from": rel.source, "to": rel.target}
        item.update(rel.properties)
        item["ref"] = rel.ref
        if rel.since:
            item["since"] = rel.since
        if rel.until:
            item["until"] = rel.until
        item["proposal"] = sentences.block(rel.span, rel.confidence, rule=rel.rule)
        relationships.append(item)
    statuses = []
    for status in propose_statuses(report, mentions, context):
        item = {"entity": status.entity, "status": status.status, "ref": status.ref}
        if status.since:
            item["since"] = status.since
        item["proposal"] = sentences.block(status.span, status.confidence)
        statuses.append(item)
    figures = []
    for figure in propose_figures(report, mentions, context, date):
        item = {
            "id": figure.id,
            "entity": figure.entity,
            "kind": figure.kind,
            "amount": figure.amount,
            "currency": figure.currency,
            "period": figure.period,
            "basis": figure.basis,
        }
        if figure.force:
            item["force"] = figure.force
        if figure.part_of:
            item["part_of"] = figure.part_of
        if figure.hypothetical:
            item["hypothetical"] = True
        item["ref"] = figure.ref
        item["description"] = figure.description
        item["proposal"] = sentences.block(
            figure.span,
            figure.confidence,
            share_of_another_figure=figure.part_of_hint,
        )
        figures.append(item)
    registers = []
    for register in find_registers(report, gazetteer):
        registers.append(
            {
                "label": register.label,
                "region": register.region,
                "blank_member": register.blank_member,
                "header": register.header,
                "rows": register.rows,
                "proposal": {
                    "state": "proposed",
                    "confidence": register.confidence,
                    "handed_to": "collabgraph import register",
                },
            }
        )
    return {
        "document": document,
        "entities": new,
        "mentions": known,
        "relationships": relationships,
        "statuses": statuses,
        "figures": figures,
        "registers": registers,
    }


def ingest_file(
    path: Path,
    document: str,
    seed_dir: Path,
    *,
    title: str | None = None,
    date: str | None = None,
    issuer: str | None = None,
    body: str | None = None,
    kind: str | None = None,
) -> dict[str, Any]:
    """The proposals for the report at `path` as the new document `document` of `seed_dir`.

    Raises InvalidRequestError for a bad or clashing document id, a malformed date, an
    unknown issuer, or a file that is not a readable report; InvalidDataError if the seed
    data itself does not validate.
    """
    path, seed_dir = Path(path), Path(seed_dir)
    check_document_id(document, seed_dir)
    if date is not None and parse_partial_date(date) is None:
        raise InvalidRequestError(
            "date", f"{date!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
        )
    blocks = read_report(path)
    dataset = read_dataset(seed_dir)
    gazetteer = Gazetteer.from_dataset(dataset)
    issuer_id = None
    if issuer:
        issuer_id = issuer if issuer in gazetteer.entities else gazetteer.lookup(issuer)
        if issuer_id is None:
            raise InvalidRequestError(
                "issuer", f"{issuer!r} is not a known entity: give an id such as west-yorkshire-pcc"
            )
    report = split_report(blocks)
    lines = [b.text for b in blocks if b.text][:30]
    found_date = date or document_date(lines)
    heading = next((b.text for b in blocks if b.kind == "heading"), None)
    proposals = propose(report, gazetteer, document, issuer=issuer_id, date=found_date)
    entry = {
        "id": document,
        "title": title or heading or path.stem,
        "body": body or (gazetteer.entities[issuer_id].name if issuer_id else "unknown"),
        "kind": kind or "report",
        "date": found_date,
        "file": path.name,
        "notes": [f"Read with `collabgraph ingest` from {path.name}; facts accepted in review."]
        + (
            []
            if date or not found_date
            else [f"Date {found_date} read from the report's opening lines."]
        ),
    }
    return {
        "document": document,
        "document_entry": entry,
        "source": {
            "file": path.name,
            "format": SUPPORTED[path.suffix.lower()],
            "characters": len(report.text),
            "sha256": hashlib.sha256(report.text.encode("utf-8")).hexdigest(),
            "issuer": issuer_id,
        },
        **{k: v for k, v in proposals.items() if k != "document"},
    }
