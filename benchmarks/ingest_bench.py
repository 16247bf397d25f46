"""Score `collabgraph ingest` leave-one-document-out on the five source documents.

    .venv/bin/python -m benchmarks.ingest_bench [--min-confidence 0.0] [--misses 5]

For each document, the graph knows the other four documents and the police.uk reference
(entities cited only by the held-out document are removed, and so are the aliases its
facts file added); the ingester reads the document and its proposals are compared with
the curated facts of that document in seed/facts/. Printed: precision and recall of the
entities found (known ones by id; new ones by name or alias) and of relationships between
known entities as (type, from, to) and with role or status, per document and overall,
beside the aims; then the worst misses, each with the reason the ingester missed it.
Reads the documents from ../shared/seeds (COLLABGRAPH_SOURCES_DIR to override).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # `python benchmarks/ingest_bench.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import shutil  # noqa: E402
import tempfile  # noqa: E402

import yaml  # noqa: E402
from rapidfuzz import fuzz, utils  # noqa: E402

from graphmodel.dataset import Dataset, read_dataset  # noqa: E402
from graphmodel.exports.importing import import_register  # noqa: E402
from graphmodel.ingest import propose  # noqa: E402
from graphmodel.ingest.formats import read_report  # noqa: E402
from graphmodel.ingest.mentions import Gazetteer  # noqa: E402
from graphmodel.ingest.paragraphs import Report, split_report  # noqa: E402
from graphmodel.ingest.registers import RegisterProposal, write_csv  # noqa: E402
from graphmodel.settings import DEFAULT_SEED_DIR, REPO_ROOT  # noqa: E402

__all__ = ["main", "score_document", "Score"]

AIM_PRECISION, AIM_RECALL = 0.8, 0.5
# Who wrote each report, as a user would say with --issuer ("I", "the PCC" in the text).
ISSUERS = {
    "wy-pcp-2018-03-regional": "west-yorkshire-pcc",
    "wy-pcp-2018-05-triservice": "west-yorkshire-pcc",
    "wm-spcb-2013-07-collaboration": "west-midlands-pcc",
    "leics-pcp-2018-07-regional": "leicestershire-pcc",
    "wy-pcc-2020-10-letter": "west-yorkshire-pcc",
}
_IMPORTANCE = ["LEADS", "CHAIRS", "PARTICIPATES_IN", "GOVERNS", "MEMBER_OF", "REPORTS_TO"]


@dataclass
class Counts:
    """True positives, proposed and expected."""

    tp: int = 0
    proposed: int = 0
    expected: int = 0

    def add(self, other: Counts) -> None:
        """Add another count to this one."""
        self.tp, self.proposed, self.expected = (
            self.tp + other.tp,
            self.proposed + other.proposed,
            self.expected + other.expected,
        )

    @property
    def precision(self) -> float | None:
        """tp / proposed (None when nothing was proposed)."""
        return self.tp / self.proposed if self.proposed else None

    @property
    def recall(self) -> float | None:
        """tp / expected (None when nothing was expected)."""
        return self.tp / self.expected if self.expected else None


def _counts(proposed: set[Any], expected: set[Any]) -> Counts:
    return Counts(len(proposed & expected), len(proposed), len(expected))


@dataclass
class Miss:
    """A curated relationship the ingester did not propose, and why."""

    document: str
    fact: tuple[str, ...]
    ref: str
    reason: str
    rank: int


@dataclass
class Score:
    """One document's scores."""

    document: str
    seconds: float
    known_entities: Counts
    new_entities: Counts
    relationships: Counts
    with_property: Counts
    all_relationships: Counts
    misses: list[Miss] = field(default_factory=list)
    false_positives: list[tuple[str, ...]] = field(default_factory=list)


def _held_out_aliases(seed_dir: Path, document: str) -> dict[str, set[str]]:
    """Aliases that only the held-out document's facts file gives entities declared elsewhere
    (its mentions' aliases that no declaration and no other document's facts give)."""
    added: dict[str, set[str]] = {}
    elsewhere: dict[str, set[str]] = {}
    files = sorted((seed_dir / "entities").glob("*.yaml")) + sorted(
        (seed_dir / "facts").glob("*.yaml")
    )
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        mine = path.stem == document and path.parent.name == "facts"
        for item in (data.get("entities") or []) + (data.get("mentions") or []):
            aliases = {str(a) for a in item.get("aliases") or []}
            target = added if mine and item in (data.get("mentions") or []) else elsewhere
            if mine and item in (data.get("entities") or []):
                continue
            target.setdefault(str(item["id"]), set()).update(aliases)
    return {k: v - elsewhere.get(k, set()) for k, v in added.items()}


def _registers(
    seed_dir: Path, document: str, proposals: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(entities, relationships) the register import makes of the report's register tables,
    imported into a copy of the seed without the held-out document's facts."""
    if not proposals.get("registers"):
        return [], []
    entities: list[dict[str, Any]] = []
    relationships: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as tmp:
        trial = Path(tmp) / "seed"
        shutil.copytree(seed_dir, trial)
        (trial / "facts" / f"{document}.yaml").unlink()
        for index, item in enumerate(proposals["registers"], start=1):
            register = RegisterProposal(
                item["label"], item["region"], item["header"], item["rows"],
                bool(item["blank_member"]), 0.0,
            )  # fmt: skip
            name = f"bench-register-{index}"
            csv_path = write_csv(register, Path(tmp) / f"{name}.csv")
            report = import_register(
                csv_path, item["region"], name, trial, blank_member=register.blank_member
            )
            facts = yaml.safe_load(report.facts_file.read_text(encoding="utf-8"))
            for entity in facts.get("entities") or []:
                entities.append(
                    {
                        **entity,
                        "aliases": entity.get("aliases") or [],
                        "proposal": {"confidence": 1.0},
                    }
                )
            relationships += [
                {**rel, "proposal": {"confidence": 1.0}} for rel in facts.get("relationships") or []
            ]
    return entities, relationships


def _cites(sources: Iterable[Any], document: str) -> bool:
    return any(s.document == document for s in sources)


def _matches(name: str, entity: Any) -> bool:
    for form in [entity.name, *entity.aliases]:
        if utils.default_process(form) == utils.default_process(name):
            return True
        if (
            len(form) > 6
            and fuzz.token_sort_ratio(name, form, processor=utils.default_process) >= 90
        ):
            return True
    return False


def _why(dataset: Dataset, report: Report, mentioned: set[str], proposals: dict[str, Any],
         fact: tuple[str, str, str], ref: str) -> str:  # fmt: skip
    """A short explanation of a miss, from what the ingester saw."""
    kind, source, target = fact
    near = [
        (r["type"], r["from"], r["to"])
        for r in proposals["relationships"]
        if {r["from"], r["to"]} == {source, target}
    ]
    if near:
        return f"proposed as {near[0][0]} {near[0][1]} -> {near[0][2]} instead"
    missing = [e for e in (source, target) if e not in mentioned]
    if missing:
        names = ", ".join(f"{e} ({dataset.entities[e].name})" for e in missing)
        return f"never named in a form the ingester knows: {names}"
    forms = {e: [dataset.entities[e].name, *dataset.entities[e].aliases] for e in (source, target)}
    together = [
        report.text[a:b]
        for p in report.paragraphs
        for a, b in p.sentences
        if all(any(f.casefold() in report.text[a:b].casefold() for f in forms[e]) for e in forms)
    ]
    if together:
        return (
            "both named in one sentence, but no trigger phrase joins them: "
            f"\u201c{together[0][:150]}\u201d"
        )
    return "never named in the same sentence: the curator inferred it from the context"


def score_document(dataset: Dataset, seed_dir: Path, sources_dir: Path, document: str,
                   min_confidence: float = 0.0) -> Score:  # fmt: skip
    """The scores of ingesting `document` with a graph that knows every other document."""
    doc = dataset.documents[document]
    gazetteer = Gazetteer.from_dataset(dataset, document, _held_out_aliases(seed_dir, document))
    known = set(gazetteer.entities)
    issuer = ISSUERS.get(document)
    started = time.perf_counter()
    report = split_report(read_report(sources_dir / doc.file))
    proposals = propose(
        report, gazetteer, document, issuer=issuer if issuer in known else None, date=doc.date
    )
    seconds = time.perf_counter() - started

    def confident(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [i for i in items if i["proposal"]["confidence"] >= min_confidence]

    gold_entities = {e.id for e in dataset.entities.values() if _cites(e.sources, document)}
    gold_known = gold_entities & known
    gold_new = (
        {dataset.entities[e] for e in gold_entities - known}
        if False
        else [dataset.entities[e] for e in sorted(gold_entities - known)]
    )
    mentioned = {m["id"] for m in confident(proposals["mentions"])}
    register_entities, register_rels = _registers(seed_dir, document, proposals)
    new_proposed = confident(proposals["entities"]) + register_entities
    matched: dict[str, str] = {}
    for item in new_proposed:
        for entity in gold_new:
            if entity.id not in matched.values() and any(
                _matches(n, entity) for n in [item["name"], *item.get("aliases", [])]
            ):
                matched[item["id"]] = entity.id
                break
    new_counts = Counts(len(matched), len(new_proposed), len(gold_new))
    gold_rels = {
        (r.type, r.source, r.target): r
        for r in dataset.relationships
        if _cites(r.sources, document) and r.source in known and r.target in known
    }
    proposed_rels = [
        r for r in confident(proposals["relationships"]) if r["from"] in known and r["to"] in known
    ]
    got = {(r["type"], r["from"], r["to"]) for r in proposed_rels}

    def prop(value: dict[str, Any]) -> str:
        return str(value.get("role") or value.get("status") or value.get("arrangement") or "")

    got_prop = {(r["type"], r["from"], r["to"], prop(r)) for r in proposed_rels}
    gold_prop = {(k[0], k[1], k[2], prop(r.properties)) for k, r in gold_rels.items()}
    every = {
        (r["type"], matched.get(r["from"], r["from"]), matched.get(r["to"], r["to"]))
        for r in confident(proposals["relationships"]) + register_rels
    }
    gold_every = {
        (r.type, r.source, r.target) for r in dataset.relationships if _cites(r.sources, document)
    }
    score = Score(
        document,
        seconds,
        _counts(mentioned & known, gold_known),
        new_counts,
        _counts(got, set(gold_rels)),
        _counts(got_prop, gold_prop),
        _counts(every, gold_every),
    )
    all_mentioned = mentioned | {issuer} if issuer else mentioned
    for fact in sorted(set(gold_rels) - got):
        rel = gold_rels[fact]
        ref = next(s.ref for s in rel.sources if s.document == document)
        rank = _IMPORTANCE.index(fact[0]) if fact[0] in _IMPORTANCE else len(_IMPORTANCE)
        score.misses.append(
            Miss(
                document,
                fact,
                ref,
                _why(dataset, report, all_mentioned, proposals, fact, ref),
                rank,
            )
        )
    score.false_positives = sorted(got - set(gold_rels))
    return score


def _pct(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


def main(argv: list[str] | None = None) -> int:
    """Score every document; print the table, the aims and the worst misses."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-confidence", type=float, default=0.0)
    parser.add_argument("--misses", type=int, default=5, help="how many misses to explain")
    parser.add_argument("--repeat", type=int, default=1, help="(accepted for benchmarks.run)")
    args = parser.parse_args(argv)
    sources_dir = Path(
        os.environ.get("COLLABGRAPH_SOURCES_DIR", REPO_ROOT.parent / "shared" / "seeds")
    )
    if not sources_dir.is_dir():
        print(f"ingest benchmark skipped: {sources_dir} (the source documents) is not there")
        return 0
    dataset = read_dataset(DEFAULT_SEED_DIR)
    documents = [d for d in dataset.documents.values() if (sources_dir / d.file).is_file()]
    totals = {name: Counts() for name in ("known", "new", "rels", "props", "all")}
    misses: list[Miss] = []
    false_positives: list[tuple[str, tuple[str, ...]]] = []
    print(f"Ingest, leave one document out ({len(documents)} documents, "
          f"proposals with confidence >= {args.min_confidence}):")  # fmt: skip
    header = (
        f"{'document':32} {'known entities P/R':>19} {'new entities P/R':>17} "
        f"{'rels (type,from,to) P/R':>24} {'+role/status P/R':>17} {'all rels P/R':>13} "
        f"{'seconds':>8}"
    )
    print(header)
    for document in documents:
        score = score_document(
            dataset, DEFAULT_SEED_DIR, sources_dir, document.id, args.min_confidence
        )
        for name, counts in zip(totals, (score.known_entities, score.new_entities, score.relationships, score.with_property, score.all_relationships), strict=True):  # fmt: skip
            totals[name].add(counts)
        misses += score.misses
        false_positives += [(document.id, fp) for fp in score.false_positives]
        r = score.relationships
        print(
            f"{document.id:32} {_pct(score.known_entities.precision)} / {_pct(score.known_entities.recall)}"
            f"    {_pct(score.new_entities.precision)} / {_pct(score.new_entities.recall)}"
            f"    {_pct(r.precision)} / {_pct(r.recall)} ({r.tp}/{r.proposed}/{r.expected})"
            f"   {_pct(score.with_property.precision)} / {_pct(score.with_property.recall)}"
            f"  {_pct(score.all_relationships.precision)} / {_pct(score.all_relationships.recall)}"
            f"  {score.seconds:7.2f}"
        )  # fmt: skip
    rels, props = totals["rels"], totals["props"]
    print(
        f"{'overall (micro)':32} {_pct(totals['known'].precision)} / {_pct(totals['known'].recall)}"
        f"    {_pct(totals['new'].precision)} / {_pct(totals['new'].recall)}"
        f"    {_pct(rels.precision)} / {_pct(rels.recall)} ({rels.tp}/{rels.proposed}/{rels.expected})"
        f"   {_pct(props.precision)} / {_pct(props.recall)}"
        f"  {_pct(totals['all'].precision)} / {_pct(totals['all'].recall)}"
    )  # fmt: skip
    met_p = (rels.precision or 0) >= AIM_PRECISION
    met_r = (rels.recall or 0) >= AIM_RECALL
    print(
        f"aim, relationships between known entities: precision >= {AIM_PRECISION} "
        f"({'met' if met_p else 'NOT met'}: {_pct(rels.precision).strip()}), recall >= "
        f"{AIM_RECALL} ({'met' if met_r else 'NOT met'}: {_pct(rels.recall).strip()})"
    )
    print("(tp/proposed/expected; 'rels' count only relationships whose two ends the graph "
          "already knew; 'all rels' every curated relationship of the document, a proposed new "
          "entity standing for the curated one it matches by name or alias)")  # fmt: skip
    print(f"\nThe {args.misses} worst misses (most important types first), and why:")
    for miss in sorted(misses, key=lambda m: (m.rank, m.document, m.fact))[: args.misses]:
        print(f"- {miss.document} {miss.ref}: {' '.join(miss.fact)} -- {miss.reason}")
    if false_positives:
        print(f"\nProposed but not curated ({len(false_positives)}):")
        for document_id, fact in false_positives:
            print(f"- {document_id}: {' '.join(fact)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
