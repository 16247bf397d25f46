"""Review: the curator's decisions on a proposals file, and writing what was accepted.

``decide(proposals, ...)`` applies decisions made by flags (accept everything at or above
a confidence, reject the rest, merge a new entity into a known one); the interactive walk
through the proposals lives in the CLI and uses ``summary``, ``accept``, ``reject``,
``merge`` and ``edit`` from here. ``accepted_facts(proposals)`` turns the accepted items
into an ordinary facts file (no `proposal` blocks: a sentence or span is never loaded),
and ``write_accepted(proposals, seed_dir)`` validates the seed directory with it exactly
as `collabgraph load` would, hands accepted register tables to the register import, and
only then writes facts/<document>.yaml and the document's entry in documents.yaml.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graphmodel.dataset import read_dataset
from graphmodel.errors import InvalidRequestError
from graphmodel.exports.importing import _append_document, import_register
from graphmodel.ingest.mentions import slugify
from graphmodel.ingest.proposals import PROPOSAL_SECTIONS
from graphmodel.ingest.registers import RegisterProposal, write_csv
from graphmodel.schema import SCHEMA_PATH

__all__ = [
    "ReviewReport",
    "decide",
    "summary",
    "merge",
    "accepted_facts",
    "write_accepted",
    "pending",
]

_SEED_KEYS = {
    "entities": ("id", "kind", "name", "aliases", "ref", "since", "until", "region", "properties", "note"),
    "mentions": ("id", "ref", "aliases"),
    "relationships": ("type", "from", "to", "role", "status", "arrangement", "cost_share", "title",
                      "ref", "since", "until", "note"),
    "statuses": ("entity", "status", "ref", "since", "until", "note"),
    "figures": ("entity", "kind", "amount", "currency", "period", "basis", "cash", "force", "ref",
                "description"),
}  # fmt: skip


@dataclass
class ReviewReport:
    """What a review wrote: counts of accepted facts, files written, facts dropped."""

    document: str
    accepted: dict[str, int]
    facts_file: Path | None = None
    register_documents: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The report as plain data."""
        return {
            "document": self.document,
            "accepted": self.accepted,
            "facts_file": str(self.facts_file) if self.facts_file else None,
            "register_documents": self.register_documents,
            "dropped": self.dropped,
        }


def pending(proposals: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(section, item) of every proposal not yet accepted or rejected, entities first."""
    return [
        (section, item)
        for section in PROPOSAL_SECTIONS
        for item in proposals.get(section) or []
        if item["proposal"]["state"] == "proposed"
    ]


def summary(section: str, item: dict[str, Any]) -> str:
    """One line saying what a proposal states."""
    if section == "entities":
        aliases = f" ({', '.join(item.get('aliases') or [])})" if item.get("aliases") else ""
        return f"new {item['kind']} {item['id']}: {item['name']}{aliases}"
    if section == "mentions":
        return f"names known entity {item['id']}" + (
            f", also as {', '.join(item['aliases'])}" if item.get("aliases") else ""
        )
    if section == "relationships":
        extra = [
            f"{k}={item[k]}"
            for k in ("role", "status", "arrangement", "since", "until")
            if k in item
        ]
        return f"{item['from']} -{item['type']}-> {item['to']}" + (
            f" [{', '.join(extra)}]" if extra else ""
        )
    if section == "statuses":
        return f"{item['entity']} is {item['status']}" + (
            f" since {item['since']}" if item.get("since") else ""
        )
    if section == "figures":
        return (
            f"{item['kind']} {item['amount']:,.0f} {item['currency']} for {item['entity']} "
            f"({item['basis']}, {item['period']})"
        )
    return f"register table {item['label']} of {item['region']} ({len(item['rows'])} rows)"


def merge(
    proposals: dict[str, Any], new_id: str, known_id: str, known: set[str] | None = None
) -> None:
    """Merge new entity `new_id` into the known entity `known_id` everywhere it is used:
    its name and aliases become aliases of the known one (as a mention). InvalidRequestError
    if `new_id` is not a proposed entity or `known_id` is not in `known` (when given)."""
    if known is not None and known_id not in known:
        raise InvalidRequestError("merge", f"{known_id!r} is not a known entity id")
    entity = next((e for e in proposals.get("entities") or [] if e["id"] == new_id), None)
    if entity is None:
        raise InvalidRequestError("merge", f"{new_id!r} is not a new entity of this proposals file")
    entity["proposal"]["state"] = "rejected"
    entity["proposal"]["merged_into"] = known_id
    mention = next((m for m in proposals.get("mentions") or [] if m["id"] == known_id), None)
    names = [entity["name"], *(entity.get("aliases") or [])]
    if mention is None:
        mention = {"id": known_id, "ref": entity["ref"], "proposal": dict(entity["proposal"])}
        mention["proposal"].pop("merged_into", None)
        mention["proposal"]["state"] = "accepted"
        proposals.setdefault("mentions", []).append(mention)
    mention["aliases"] = list(dict.fromkeys([*(mention.get("aliases") or []), *names]))
    for item in proposals.get("relationships") or []:
        for key in ("from", "to"):
            if item[key] == new_id:
                item[key] = known_id
    for section in ("statuses", "figures"):
        for item in proposals.get(section) or []:
            for key in ("entity", "force"):
                if item.get(key) == new_id:
                    item[key] = known_id


def decide(
    proposals: dict[str, Any],
    *,
    accept_all: bool = False,
    min_confidence: float | None = None,
    merges: dict[str, str] | None = None,
    reject_registers: bool = False,
    known: set[str] | None = None,
) -> None:
    """Apply decisions made by flags to every proposal still undecided (merges into ids
    of `known`, when given)."""
    for new_id, known_id in (merges or {}).items():
        merge(proposals, new_id, known_id, known)
    if not accept_all and min_confidence is None:
        return
    threshold = min_confidence if min_confidence is not None else 0.0
    for section, item in pending(proposals):
        if section == "registers" and reject_registers:
            item["proposal"]["state"] = "rejected"
            continue
        ok = float(item["proposal"].get("confidence") or 0) >= threshold
        item["proposal"]["state"] = "accepted" if ok else "rejected"


def _figure_fields() -> set[str]:
    """The optional figure fields the schema declares (`id`, `part_of`, `hypothetical` where
    the seed format has them; docs/time-and-money.md)."""
    raw = yaml.safe_load(SCHEMA_PATH.read_text(encoding="utf-8")) or {}
    return set(raw.get("figure_fields") or {})


def _clean(section: str, item: dict[str, Any]) -> dict[str, Any]:
    keys = _SEED_KEYS[section]
    if section == "figures":
        extra = _figure_fields() & {"id", "part_of", "hypothetical"}
        keys = (*keys, *sorted(extra))
        item = dict(item)
        notes = []
        if item.get("hypothetical") and "hypothetical" not in extra:
            notes.append("an estimate, not incurred or realised")
        if item.get("part_of") and "part_of" not in extra:
            notes.append(f"part of figure {item['part_of']}")
        if notes:  # a seed format without these fields keeps the knowledge in the description
            item["description"] = f"{item['description']} ({'; '.join(notes)})"
    return {k: item[k] for k in keys if k in item and item[k] not in (None, [], "")}


def accepted_facts(proposals: dict[str, Any], known: set[str]) -> tuple[dict[str, Any], list[str]]:
    """(the facts file of the accepted proposals, what was dropped and why).

    A fact naming a new entity that was not accepted is dropped, since nothing may refer
    to an entity that does not exist; `known` are the ids the seed data already has.
    """
    accepted = {
        section: [i for i in proposals.get(section) or [] if i["proposal"]["state"] == "accepted"]
        for section in PROPOSAL_SECTIONS
    }
    exists = set(known) | {e["id"] for e in accepted["entities"]}
    dropped: list[str] = []

    def keep(section: str, item: dict[str, Any], *keys: str) -> bool:
        missing = [item[k] for k in keys if item.get(k) and item[k] not in exists]
        if missing:
            dropped.append(f"{summary(section, item)}: {', '.join(missing)} was not accepted")
        return not missing

    facts: dict[str, Any] = {"document": proposals["document"]}
    facts["entities"] = [_clean("entities", e) for e in accepted["entities"]]
    facts["mentions"] = [_clean("mentions", m) for m in accepted["mentions"] if m["id"] in exists]
    facts["relationships"] = [
        _clean("relationships", r)
        for r in accepted["relationships"]
        if keep("relationships", r, "from", "to")
    ]
    facts["statuses"] = [
        _clean("statuses", s) for s in accepted["statuses"] if keep("statuses", s, "entity")
    ]
    facts["figures"] = [
        _clean("figures", f) for f in accepted["figures"] if keep("figures", f, "entity", "force")
    ]
    return {k: v for k, v in facts.items() if v or k == "document"}, dropped


def write_accepted(proposals: dict[str, Any], seed_dir: Path) -> ReviewReport:
    """Write the accepted proposals into `seed_dir` as the facts of the new document.

    Everything is validated in a copy of the seed directory first (with any accepted
    register table imported there too); nothing is written unless all of it validates.
    Raises InvalidRequestError if the document is already in the seed, InvalidDataError
    listing every problem if the result would not validate.
    """
    seed_dir = Path(seed_dir)
    document = proposals["document"]
    dataset = read_dataset(seed_dir)
    if document in dataset.documents or (seed_dir / "facts" / f"{document}.yaml").exists():
        raise InvalidRequestError(
            "document", f"{document!r} is already in {seed_dir}: its facts were written before"
        )
    facts, dropped = accepted_facts(proposals, set(dataset.entities))
    counts = {k: len(v) for k, v in facts.items() if isinstance(v, list)}
    facts_text = (
        f"# Facts of {document} accepted in `collabgraph review` from the proposals read by\n"
        f"# `collabgraph ingest` from {proposals.get('source', {}).get('file', 'the report')}.\n"
        + yaml.safe_dump(facts, sort_keys=False, allow_unicode=True, width=100)
    )
    registers = [
        r for r in proposals.get("registers") or [] if r["proposal"]["state"] == "accepted"
    ]
    entry = dict(proposals["document_entry"])
    with tempfile.TemporaryDirectory(prefix="collabgraph-review-") as staging:
        trial = Path(staging) / "seed"
        shutil.copytree(seed_dir, trial)
        documents_text = _append_document(trial / "documents.yaml", entry)
        (trial / "documents.yaml").write_text(documents_text, encoding="utf-8")
        (trial / "facts").mkdir(exist_ok=True)
        (trial / "facts" / f"{document}.yaml").write_text(facts_text, encoding="utf-8")
        register_documents = []
        for register in registers:
            register_document = f"{document}-{slugify(register['label'], 30)}"
            table = RegisterProposal(
                register["label"], register["region"], register["header"], register["rows"],
                bool(register.get("blank_member")), 0.0,
            )  # fmt: skip
            csv_path = write_csv(table, Path(staging) / f"{register_document}.csv")
            import_register(
                csv_path,
                register["region"],
                register_document,
                trial,
                title=f"{entry.get('title', document)}: {register['label']}",
                date=entry.get("date"),
                blank_member=bool(register.get("blank_member")),
            )
            register_documents.append(register_document)
        read_dataset(trial)  # the whole seed, validated as `collabgraph load` would
        before = {p.relative_to(seed_dir) for p in seed_dir.rglob("*.yaml")}
        changed = [
            p.relative_to(trial)
            for p in trial.rglob("*.yaml")
            if p.relative_to(trial) not in before or p.name == "documents.yaml"
        ]
        for relative in sorted(changed):
            target = seed_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(trial / relative, target)
    counts["registers"] = len(registers)
    return ReviewReport(
        document, counts, seed_dir / "facts" / f"{document}.yaml", register_documents, dropped
    )
