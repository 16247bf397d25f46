"""Synthetic national collaboration networks, shaped like the curated seed data.

``write_synthetic(out_dir, entities=N, seed=S)`` writes a dataset directory in the seed
format (``documents.yaml``, ``entities/*.yaml``, ``facts/*.yaml``) that
``graphmodel.dataset.read_dataset`` accepts, and returns what it wrote. The same N and S
(and the same seed dataset) always give the same files.

The shape is measured from the seed dataset (``measure_profile``), not hand-tuned:

- the 43 territorial forces in their regions are the seed's own (``entities/forces.yaml``,
  copied), each with a PCC (``<force>-pcc``) that oversees it; every other kind (units,
  programmes, agreements, boards, workstreams, organisations, people, ...) gets the share
  of the remaining entities that it has in the seed;
- every relationship pattern of the seed (type, kind of start, kind of end) is reproduced:
  each entity on the growing side draws its degree from the seed's observed degrees for that
  pattern (zeros included), and picks its counterparts Chung-Lu style (weights drawn from
  the seed's degrees on the other side), preferring its own region; so the degree
  distributions follow the seed's while the graph grows;
- roles, participation statuses, chair arrangements, dated facts, lifecycle statuses and
  money figures appear at the seed's rates, each cited to a synthetic document.

YAML is written directly as flow mappings (one fact per line), which keeps 100,000
entities to seconds.
"""

from __future__ import annotations

import bisect
import json
import random
import shutil
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphmodel.dataset import Dataset, read_dataset
from graphmodel.errors import InvalidRequestError
from graphmodel.settings import DEFAULT_SEED_DIR
from graphmodel.yamlines import read_yaml

__all__ = [
    "Pattern",
    "Profile",
    "SynthReport",
    "measure_profile",
    "write_synthetic",
    "MIN_ENTITIES",
    "FIXED_KINDS",
]

MIN_ENTITIES = 150
FIXED_KINDS = ("force", "region", "pcc")  # national reference data: does not grow with N
ENTITIES_PER_DOCUMENT = 400
_HIERARCHICAL = {"PART_OF", "REPORTS_TO", "GOVERNS", "SUCCEEDED_BY", "COVERS"}
_LOCAL = 0.8  # chance of choosing a counterpart from the entity's own region
_PROPERTY = {"LEADS": "role", "PARTICIPATES_IN": "status", "CHAIRS": "arrangement"}


@dataclass(frozen=True)
class Pattern:
    """One relationship pattern of the seed: type, start kind, end kind, and its degrees."""

    type: str
    from_kind: str
    to_kind: str
    count: int
    in_degrees: tuple[int, ...]  # per entity of to_kind in the seed, zeros included
    out_degrees: tuple[int, ...]  # per entity of from_kind in the seed, zeros included
    values: tuple[str, ...]  # role / status / arrangement values seen, with repeats
    cost_share_rate: float


@dataclass(frozen=True)
class Profile:
    """What the generator reproduces, measured from a dataset."""

    kind_counts: dict[str, int]
    patterns: tuple[Pattern, ...]
    alias_counts: tuple[int, ...]
    property_counts: tuple[int, ...]
    since_rate: float
    until_rate: float
    status_rate: float
    status_kinds: tuple[str, ...]
    lifecycle: tuple[str, ...]
    figure_rate: float
    figure_kinds: tuple[str, ...]
    figure_entity_kinds: tuple[str, ...]


@dataclass
class SynthReport:
    """What `write_synthetic` wrote."""

    out_dir: Path
    seed: int
    documents: int
    entities: int
    relationships: int
    statuses: int
    figures: int
    by_kind: dict[str, int] = field(default_factory=dict)
    by_type: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The report as plain data."""
        return {**self.__dict__, "out_dir": str(self.out_dir)}


def measure_profile(dataset: Dataset) -> Profile:
    """The kind shares, relationship patterns with their degrees, and fact rates of `dataset`."""
    kinds = {e.id: e.kind for e in dataset.entities.values()}
    by_kind: dict[str, list[str]] = defaultdict(list)
    for eid, kind in kinds.items():
        by_kind[kind].append(eid)
    grouped: dict[tuple[str, str, str], list[Any]] = defaultdict(list)
    for rel in dataset.relationships:
        grouped[(rel.type, kinds[rel.source], kinds[rel.target])].append(rel)
    patterns = []
    for (rtype, fk, tk), rels in sorted(grouped.items()):
        ins, outs = Counter(r.target for r in rels), Counter(r.source for r in rels)
        prop = _PROPERTY.get(rtype)
        patterns.append(
            Pattern(
                rtype,
                fk,
                tk,
                len(rels),
                tuple(sorted(ins.get(e, 0) for e in by_kind[tk])),
                tuple(sorted(outs.get(e, 0) for e in by_kind[fk])),
                tuple(
                    sorted(str(r.properties[prop]) for r in rels if prop and prop in r.properties)
                ),
                sum("cost_share" in r.properties for r in rels) / len(rels),
            )
        )
    rels_total = max(1, len(dataset.relationships))
    entities = list(dataset.entities.values())
    return Profile(
        kind_counts={k: len(v) for k, v in sorted(by_kind.items())},
        patterns=tuple(patterns),
        alias_counts=tuple(sorted(len(e.aliases) for e in entities)),
        property_counts=tuple(sorted(len(e.properties) for e in entities)),
        since_rate=sum(1 for r in dataset.relationships if r.since) / rels_total,
        until_rate=sum(1 for r in dataset.relationships if r.until) / rels_total,
        status_rate=len(dataset.statuses) / max(1, len(entities)),
        status_kinds=tuple(sorted(kinds[s.entity] for s in dataset.statuses)),
        lifecycle=tuple(sorted(s.status for s in dataset.statuses)),
        figure_rate=len(dataset.figures) / max(1, len(entities)),
        figure_kinds=tuple(sorted(f.kind for f in dataset.figures)),
        figure_entity_kinds=tuple(sorted(kinds[f.entity] for f in dataset.figures)),
    )


# -- names -----------------------------------------------------------------------------

_TOPICS = (
    "Major Crime",
    "Firearms",
    "Dog Support",
    "Forensic Services",
    "Cyber Crime",
    "Underwater Search",
    "Roads Policing",
    "Legal Services",
    "Occupational Health",
    "Counter Terrorism",
    "Surveillance",
    "Scientific Support",
    "Collision Investigation",
    "Mounted",
    "Custody",
    "Fleet",
    "Procurement",
    "Human Resources",
    "Learning and Development",
    "Intelligence",
    "Economic Crime",
    "Public Protection",
    "Kidnap and Extortion",
    "Air Support",
    "Marine",
    "Digital Forensics",
    "Estates",
    "Vetting",
    "Professional Standards",
    "Firearms Licensing",
    "Emergency Services Network",
    "Blue Light",
    "Missing Persons",
    "Child Sexual Exploitation",
    "Modern Slavery",
    "Fraud",
    "Witness Care",
    "Criminal Justice",
)
_SUFFIX = {
    "unit": ("Unit", "Service", "Team", "Hub", "Centre"),
    "programme": ("Programme", "Project", "Pilot", "Fund", "Review"),
    "agreement": (
        "Section 22A Agreement",
        "Collaboration Agreement",
        "Memorandum of Understanding",
    ),
    "workstream": ("Workstream", "Strand"),
    "board": ("Board", "Steering Group", "Strategic Board", "Working Group", "Joint Committee"),
    "post": ("Head of", "Regional Lead for", "Director of", "Programme Manager for"),
    "facility": ("House", "Training Centre", "Depot", "Operations Centre"),
}
_ORGANISATIONS = (
    "{} Fire and Rescue Service",
    "{} Ambulance Service",
    "University of {}",
    "{} County Council",
    "{} Health Partnership",
    "{} Community Safety Partnership",
)
_FIRST = (
    "Alex",
    "Sam",
    "Jo",
    "Chris",
    "Pat",
    "Robin",
    "Morgan",
    "Jamie",
    "Kim",
    "Lee",
    "Ashley",
    "Dana",
    "Jordan",
    "Taylor",
    "Casey",
    "Rowan",
    "Avery",
    "Quinn",
    "Sasha",
    "Drew",
)
_LAST = (
    "Ashworth",
    "Bramley",
    "Carrow",
    "Denholm",
    "Ellery",
    "Fenwick",
    "Garside",
    "Hollins",
    "Ingram",
    "Jessop",
    "Kirkby",
    "Lowther",
    "Marsden",
    "Norcliffe",
    "Oakes",
    "Pickering",
    "Quarmby",
    "Redfern",
    "Sowerby",
    "Thwaite",
    "Underwood",
    "Varley",
    "Wadsworth",
)
_SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ra",
    "ven",
    "tor",
    "sel",
    "dan",
    "ori",
    "pha",
    "mer",
    "cus",
    "tal",
    "nex",
    "vo",
    "lyn",
    "bre",
    "ath",
    "ion",
    "sky",
)
_TITLES = (
    "Chief Constable",
    "Deputy Chief Constable",
    "Assistant Chief Constable",
    "Police and Crime Commissioner",
    "Chief Finance Officer",
    "Chief Executive",
    "Director of Resources",
    "Head of Collaboration",
)
_NATIONAL = (
    ("national-police-chiefs-council", "National Police Chiefs' Council", ["NPCC"]),
    ("college-of-policing", "College of Policing", ["CoP"]),
    ("home-office", "Home Office", ["HO"]),
    ("hmicfrs", "HM Inspectorate of Constabulary and Fire & Rescue Services", ["HMICFRS", "HMIC"]),
    ("national-crime-agency", "National Crime Agency", ["NCA"]),
    ("association-of-pccs", "Association of Police and Crime Commissioners", ["APCC"]),
)


def _slug(text: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(p for p in out.split("-") if p)


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[0].isupper())


class _Generator:
    """One generation run: entities, relationships and facts, all from one random stream."""

    def __init__(
        self,
        profile: Profile,
        forces: list[dict[str, Any]],
        region_names: dict[str, str],
        total: int,
        seed: int,
    ):
        self.p, self.rng, self.seed = profile, random.Random(seed), seed
        self.entities: list[
            dict[str, Any]
        ] = []  # {id, kind, name, aliases, properties, region, doc}
        self.index: dict[str, int] = {}
        self.by_kind: dict[str, list[int]] = defaultdict(list)
        self.rels: list[dict[str, Any]] = []
        self.seen: set[tuple[str, int, int]] = set()
        self.regions = sorted({f["region"] for f in forces})
        self.forces = forces
        self.total = total
        self.region_names = region_names
        self.force_places: dict[str, list[str]] = defaultdict(list)
        self.force_ids: dict[str, list[int]] = defaultdict(list)
        for force in forces:
            self.force_places[force["region"]].append(force["place"])

    # -- entities ----------------------------------------------------------------------
    def add(self, eid: str, kind: str, name: str, region: str | None, **extra: Any) -> int:
        position = len(self.entities)
        self.entities.append({"id": eid, "kind": kind, "name": name, "region": region, **extra})
        self.index[eid] = position
        self.by_kind[kind].append(position)
        return position

    def fixed(self) -> None:
        for region in self.regions:
            self.add(region, "region", region, region, declared=True)
        for force in self.forces:
            position = self.add(force["id"], "force", force["name"], force["region"], declared=True)
            self.force_ids[force["region"]].append(position)
        for force in self.forces:
            self.add(
                f"{force['id']}-pcc",
                "pcc",
                f"Police and Crime Commissioner for {force['place']}",
                force["region"],
                aliases=[f"{force['place']} PCC", f"OPCC {force['place']}"],
            )
        for eid, name, aliases in _NATIONAL:
            self.add(eid, "organisation", name, None, aliases=list(aliases))

    def kind_plan(self) -> dict[str, int]:
        growing = {k: c for k, c in self.p.kind_counts.items() if k not in FIXED_KINDS}
        room = self.total - len(self.entities)
        seed_total = sum(growing.values())
        plan = {k: max(1, round(room * c / seed_total)) for k, c in growing.items()}
        biggest = max(plan, key=lambda k: plan[k])
        plan[biggest] += room - sum(plan.values())
        return plan

    def growing(self) -> None:
        plan = self.kind_plan()
        order = [k for k, n in sorted(plan.items()) for _ in range(n)]
        self.rng.shuffle(order)  # interleave kinds so hierarchy order is not kind order
        weights = [sum(1 for f in self.forces if f["region"] == r) for r in self.regions]
        for serial, kind in enumerate(order, start=1):
            region = (
                None if self.rng.random() < 0.15 else self.rng.choices(self.regions, weights)[0]
            )
            name = self.name(kind, region)
            self.add(f"{_slug(name)[:48].strip('-')}-{serial:x}", kind, name, region)

    def place(self, region: str | None) -> str:
        if region is None:
            return "National"
        if self.rng.random() < 0.5:
            return self.region_names[region]
        return self.rng.choice(self.force_places[region])

    def codename(self) -> str:
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.randint(2, 3))).title()

    def name(self, kind: str, region: str | None) -> str:
        rng = self.rng
        if kind == "person":
            return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        if kind == "organisation":
            return rng.choice(_ORGANISATIONS).format(self.place(region))
        if kind == "police_authority":
            return f"{self.place(region)} Police Authority"
        if kind == "post":
            return f"{rng.choice(_SUFFIX['post'])} {rng.choice(_TOPICS)}"
        if kind == "facility":
            return f"{self.codename()} {rng.choice(_SUFFIX['facility'])}"
        suffix = rng.choice(_SUFFIX.get(kind, ("Collaboration",)))
        return f"{self.place(region)} {rng.choice(_TOPICS)} {suffix}"

    def decorate(self) -> None:
        """Aliases and properties at the seed's rates."""
        for ent in self.entities:
            if ent.get("declared"):
                continue
            ent.setdefault("aliases", [])
            wanted = self.rng.choice(self.p.alias_counts)
            candidates = [_acronym(ent["name"]), f"Operation {self.codename()}", self.codename()]
            for alias in candidates[: max(0, wanted - len(ent["aliases"]))]:
                if alias and alias != ent["name"] and alias not in ent["aliases"]:
                    ent["aliases"].append(alias)
            props: dict[str, Any] = {}
            for key in ("note", "reference_code", "established", "meets", "register_row"):
                if len(props) >= min(3, self.rng.choice(self.p.property_counts)):
                    break
                props[key] = self.prop_value(key, ent)
            ent["properties"] = props

    def prop_value(self, key: str, ent: dict[str, Any]) -> Any:
        if key == "note":
            return f"Synthetic {ent['kind'].replace('_', ' ')} generated for scale testing."
        if key == "reference_code":
            return f"SYN-{self.rng.randint(1000, 99999)}"
        if key == "established":
            return str(self.rng.randint(2005, 2021))
        if key == "meets":
            return self.rng.choice(("monthly", "quarterly", "bi-monthly"))
        return self.rng.randint(1, 60)

    # -- relationships -------------------------------------------------------------------
    def relate(self) -> None:
        for pattern in self.p.patterns:
            if pattern.type == "IN_REGION" and pattern.from_kind == "force":
                continue  # forces.yaml places every force
            if pattern.type == "OVERSEES" and pattern.from_kind == "pcc":
                for force in self.forces:
                    self.link(pattern, self.index[f"{force['id']}-pcc"], self.index[force["id"]])
                continue
            self.follow(pattern)

    def follow(self, pattern: Pattern) -> None:
        """Edges of one pattern: anchors draw a degree, counterparts are drawn by weight."""
        anchor_is_target = pattern.to_kind not in FIXED_KINDS or pattern.from_kind in FIXED_KINDS
        anchors = self.by_kind[pattern.to_kind if anchor_is_target else pattern.from_kind]
        others = self.by_kind[pattern.from_kind if anchor_is_target else pattern.to_kind]
        degrees = pattern.in_degrees if anchor_is_target else pattern.out_degrees
        other_degrees = pattern.out_degrees if anchor_is_target else pattern.in_degrees
        if not anchors or not others or not degrees:
            return
        pools = self.pools(others, other_degrees)
        hierarchical = pattern.type in _HIERARCHICAL and not {
            pattern.from_kind,
            pattern.to_kind,
        } & set(FIXED_KINDS)
        for anchor in anchors:
            wanted = self.rng.choice(degrees)
            if not wanted:
                continue
            chosen: set[int] = set()
            for attempt in range(wanted * 8):
                if len(chosen) >= wanted:
                    break
                other = self.pick(pattern, anchor, pools, local=attempt < wanted * 2)
                if other is None:
                    break
                if other == anchor or other in chosen:
                    continue
                source, target = (other, anchor) if anchor_is_target else (anchor, other)
                if hierarchical and source < target:
                    continue  # the later entity sits below the earlier one: no cycles
                if self.link(pattern, source, target):
                    chosen.add(other)

    def pools(
        self, members: list[int], degrees: Sequence[int]
    ) -> dict[str | None, tuple[list[int], list[float]]]:
        """Counterpart pools (national and per region), with cumulative Chung-Lu weights."""
        by_region: dict[str | None, list[int]] = defaultdict(list)
        weight: dict[int, float] = {}
        for member in members:
            weight[member] = 0.5 + self.rng.choice(degrees)
            by_region[None].append(member)
            region = self.entities[member]["region"]
            if region is not None:
                by_region[region].append(member)
        result = {}
        for region, group in by_region.items():
            total, cumulative = 0.0, []
            for member in group:
                total += weight[member]
                cumulative.append(total)
            result[region] = (group, cumulative)
        return result

    def pick(
        self, pattern: Pattern, anchor: int, pools: dict[str | None, Any], local: bool
    ) -> int | None:
        """A counterpart for `anchor`: from its own region at first (mostly), then from anywhere."""
        region = self.entities[anchor]["region"]
        if pattern.type == "IN_REGION":
            return self.index.get(region) if region else None
        key = region if local and region in pools and self.rng.random() < _LOCAL else None
        group, cumulative = pools[key]
        return group[bisect.bisect_left(cumulative, self.rng.random() * cumulative[-1])]

    def link(self, pattern: Pattern, source: int, target: int) -> bool:
        key = (pattern.type, source, target)
        if key in self.seen:
            return False
        self.seen.add(key)
        rel: dict[str, Any] = {
            "type": pattern.type,
            "from": self.entities[source]["id"],
            "to": self.entities[target]["id"],
        }
        prop = _PROPERTY.get(pattern.type)
        if prop and pattern.values:
            rel[prop] = self.rng.choice(pattern.values)
        if pattern.type == "PARTICIPATES_IN" and self.rng.random() < pattern.cost_share_rate:
            rel["cost_share"] = self.rng.choice((10, 12.5, 20, 25, 33.3, 50))
        if pattern.type == "HOLDS_OFFICE":
            rel["title"] = self.rng.choice(_TITLES)
        if self.rng.random() < self.p.since_rate:
            rel["since"] = self.date(2010, 2019)
        if self.rng.random() < self.p.until_rate:
            rel["until"] = self.date(2020, 2023)
        rel["_anchor"] = target
        self.rels.append(rel)
        return True

    def date(self, first: int, last: int) -> str:
        year = self.rng.randint(first, last)
        shape = self.rng.random()
        if shape < 0.3:
            return str(year)
        if shape < 0.6:
            return f"{year}-{self.rng.randint(1, 12):02d}"
        return f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    # -- statuses and money ------------------------------------------------------------------
    def facts(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        statuses, figures = [], []
        status_pool = [i for k in sorted(set(self.p.status_kinds)) for i in self.by_kind[k]]
        dated: set[int] = set()  # one lifecycle status per entity: two would overlap in time
        for _ in range(round(self.p.status_rate * len(self.entities)) if status_pool else 0):
            entity = self.rng.choice(status_pool)
            if entity in dated:
                continue
            dated.add(entity)
            statuses.append(
                {
                    "entity": self.entities[entity]["id"],
                    "status": self.rng.choice(self.p.lifecycle),
                    "since": self.date(2012, 2021),
                    "_anchor": entity,
                }
            )
        figure_pool = [i for k in sorted(set(self.p.figure_entity_kinds)) for i in self.by_kind[k]]
        for _ in range(round(self.p.figure_rate * len(self.entities)) if figure_pool else 0):
            entity = self.rng.choice(figure_pool)
            year = self.rng.randint(2012, 2021)
            region = self.entities[entity]["region"]
            kind = self.rng.choice(self.p.figure_kinds)
            figure = {
                "entity": self.entities[entity]["id"],
                "kind": kind,
                "amount": self.rng.randint(10, 5000) * 1000,
                "currency": "GBP",
                "period": f"{year}-04-01/{year + 1}-03-31",
                "basis": self.rng.choice(("total", "annual")),
                "description": f"Synthetic {kind} figure",
                "_anchor": entity,
            }
            if region and self.rng.random() < 0.5:
                figure["force"] = self.entities[self.rng.choice(self.force_ids[region])]["id"]
            figures.append(figure)
        return statuses, figures


# -- writing ---------------------------------------------------------------------------------


def _flow(item: dict[str, Any]) -> str:
    """A YAML flow mapping for `item` (JSON-quoted values are valid YAML)."""
    return (
        "{"
        + ", ".join(
            f"{k}: {json.dumps(v, ensure_ascii=False)}"
            for k, v in item.items()
            if not k.startswith("_")
        )
        + "}"
    )


def _read_forces(seed_dir: Path) -> list[dict[str, Any]]:
    data = read_yaml(seed_dir / "entities" / "forces.yaml")
    forces = []
    for item in data["entities"]:
        if item.get("kind") == "force":
            place = str(item["name"])
            for suffix in (" Police Service", " Constabulary", " Police"):
                place = place.removesuffix(suffix)
            forces.append(
                {"id": item["id"], "name": item["name"], "region": item["region"], "place": place}
            )
    return forces


def write_synthetic(
    out_dir: Path, entities: int, seed: int = 0, seed_dir: Path = DEFAULT_SEED_DIR
) -> SynthReport:
    """Write a synthetic dataset of about `entities` entities to `out_dir`; what was written.

    Raises InvalidRequestError when `entities` is below MIN_ENTITIES.
    """
    if entities < MIN_ENTITIES:
        raise InvalidRequestError(
            "entities", f"at least {MIN_ENTITIES} (the national reference data alone is ~100)"
        )
    source = read_dataset(seed_dir)
    profile = measure_profile(source)
    region_names = {r.id: r.name for r in source.entities.values() if r.kind == "region"}
    gen = _Generator(profile, _read_forces(seed_dir), region_names, entities, seed)
    gen.fixed()
    gen.growing()
    gen.decorate()
    gen.relate()
    statuses, figures = gen.facts()
    return _write(Path(out_dir), gen, source, seed_dir, statuses, figures)


def _write(
    out: Path,
    gen: _Generator,
    source: Dataset,
    seed_dir: Path,
    statuses: list[dict[str, Any]],
    figures: list[dict[str, Any]],
) -> SynthReport:
    for stale in ("documents.yaml", "entities", "facts"):
        target = out / stale
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    (out / "entities").mkdir(parents=True, exist_ok=True)
    (out / "facts").mkdir()
    shutil.copyfile(seed_dir / "entities" / "forces.yaml", out / "entities" / "forces.yaml")
    growing = [e for e in gen.entities if not e.get("declared")]
    n_docs = max(1, -(-len(growing) // ENTITIES_PER_DOCUMENT))
    doc_ids = [f"synth-{gen.seed}-{i:04d}" for i in range(1, n_docs + 1)]
    _write_documents(out, gen, source, doc_ids)
    sections: dict[str, dict[str, list[str]]] = {d: defaultdict(list) for d in doc_ids}
    refs: Counter[str] = Counter()

    def cite(doc: str, item: dict[str, Any]) -> dict[str, Any]:
        refs[doc] += 1
        return {**item, "ref": f"{refs[doc] // 10 + 1}.{refs[doc] % 10 + 1}"}

    national = {n[0] for n in _NATIONAL}
    body = []
    for position, ent in enumerate(growing):
        doc = doc_ids[position * n_docs // len(growing)]
        ent["doc"] = doc
        item = {
            "id": ent["id"],
            "kind": ent["kind"],
            "name": ent["name"],
            "aliases": ent["aliases"],
        }
        if ent["properties"]:
            item["properties"] = ent["properties"]
        if ent["kind"] in FIXED_KINDS or ent["id"] in national:
            body.append(item | {"sources": [{"document": doc_ids[0], "ref": "1.1"}]})
        else:
            sections[doc]["entities"].append(_flow(cite(doc, item)))
    for section, items in (
        ("relationships", gen.rels),
        ("statuses", statuses),
        ("figures", figures),
    ):
        for item in items:
            doc = gen.entities[item["_anchor"]].get("doc", doc_ids[0])
            sections[doc][section].append(_flow(cite(doc, item)))
    with (out / "entities" / "bodies.yaml").open("w", encoding="utf-8") as handle:
        handle.write("# Synthetic PCCs and national bodies (collabgraph synth).\nentities:\n")
        handle.writelines(f"  - {_flow(item)}\n" for item in body)
    for doc in doc_ids:
        with (out / "facts" / f"{doc}.yaml").open("w", encoding="utf-8") as handle:
            handle.write(
                f"# Synthetic facts (collabgraph synth, seed {gen.seed}).\ndocument: {doc}\n"
            )
            for section in ("entities", "relationships", "statuses", "figures"):
                if sections[doc][section]:
                    handle.write(f"{section}:\n")
                    handle.writelines(f"  - {line}\n" for line in sections[doc][section])
    kinds = Counter(e["kind"] for e in gen.entities)
    types = Counter(r["type"] for r in gen.rels) + Counter({"IN_REGION": len(gen.forces)})
    return SynthReport(
        out,
        gen.seed,
        len(doc_ids) + 1,
        len(gen.entities),
        sum(types.values()),
        len(statuses),
        len(figures),
        dict(sorted(kinds.items())),
        dict(sorted(types.items())),
    )


def _write_documents(out: Path, gen: _Generator, source: Dataset, doc_ids: list[str]) -> None:
    reference = source.documents["police-uk-forces"]
    lines = [
        "# Synthetic source documents (collabgraph synth); police-uk-forces is the real reference.",
        "documents:",
        "  - "
        + _flow(
            {
                "id": reference.id,
                "title": reference.title,
                "body": reference.body,
                "kind": reference.kind,
                "date": reference.date,
                "file": reference.file,
                "notes": reference.notes,
            }
        ),
    ]
    region_names = sorted(gen.region_names.values())
    for number, doc in enumerate(doc_ids, start=1):
        region = region_names[number % len(region_names)]
        item = {
            "id": doc,
            "title": f"{region} collaboration update {number}",
            "body": f"Synthetic {region} police and crime panel",
            "kind": "panel report",
            "date": gen.date(2012, 2021),
            "file": f"synthetic/{doc}.txt",
            "notes": [f"Generated by collabgraph synth (seed {gen.seed}); not a real document."],
        }
        lines.append("  - " + _flow(item))
    (out / "documents.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
