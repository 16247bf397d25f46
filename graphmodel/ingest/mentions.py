"""Finding the entities a report names: known ones by every form reports use, and new ones.

``Gazetteer.from_dataset(dataset)`` indexes the known entities under their names, aliases
and the forms reports write ("South Yorkshire Police", "SYP", "the Humberside force",
"Cheshire" for the force, "the PCC for Durham"). ``find_mentions(report, gazetteer)``
returns the Mentions of a report after learning from it: abbreviations the report defines
("Regional Organised Crime Unit (ROCU)") become aliases of what they name, and named
boards, units, programmes and agreements the graph does not know become NewEntity
candidates with a kind, aliases and a slug id. Matching is multi-pattern (Aho-Corasick)
on word boundaries; abbreviations match case-sensitively, names case-insensitively.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick
from rapidfuzz import fuzz, process, utils

from graphmodel.dataset import Dataset
from graphmodel.ingest.paragraphs import Report

__all__ = [
    "KnownEntity",
    "NewEntity",
    "Mention",
    "Gazetteer",
    "Mentions",
    "find_mentions",
    "slugify",
    "KIND_PREFERENCE",
]

KIND_PREFERENCE = (
    "force pcc board unit programme agreement organisation workstream region "
    "police_authority person post facility"
).split()

# The noun a name ends with says what kind of thing it names.
_HEAD_KINDS: list[tuple[str, str]] = [
    (r"fire (?:and|&) rescue (?:service|authority)", "organisation"),
    (r"ambulance service(?: nhs trust)?", "organisation"),
    (r"(?:nhs )?(?:foundation )?trust", "organisation"),
    (r"(?:combined |county |city |borough )?(?:council|authority)", "organisation"),
    (r"university|college|limited|ltd|plc|charity|commission|agency|inspectorate", "organisation"),
    (
        r"(?:strategic |executive |programme |project |management |operating |partnership )?"
        r"(?:board|committee|panel|forum|group|steering group|working group|council of \w+)",
        "board",
    ),
    (
        r"(?:collaboration |section 22a? |s22a? |framework |overarching |legal )?"
        r"(?:agreement|memorandum of understanding|mou|contract|accord)",
        "agreement",
    ),
    (
        r"programme|project|pilot|fund|initiative|scheme|partnership|alliance|network|"
        r"consortium|academy|transformation",
        "programme",
    ),
    (r"workstream|work stream|strand", "workstream"),
    (
        r"unit|units|service|services|team|centre|center|hub|department|branch|command|"
        r"division|function|capability|facility|office|bureau|cell|squad|section",
        "unit",
    ),
]
_HEAD = [(re.compile(rf"(?:^|\s)(?:{p})$", re.IGNORECASE), kind) for p, kind in _HEAD_KINDS]
_SMALL = {"of", "and", "the", "for", "&", "in", "on", "to"}
_NAME_WORD = r"(?:[A-Z][\w'\u2019&-]*|of|and|the|for|&|in|on|to)"
_TITLED = re.compile(rf"\b[A-Z][\w'\u2019&-]*(?:\s+{_NAME_WORD}){{1,9}}")
_STARTERS = {
    "the",
    "this",
    "that",
    "these",
    "those",
    "a",
    "an",
    "each",
    "every",
    "our",
    "their",
    "its",
    "all",
    "any",
    "both",
    "further",
    "following",
    "current",
    "new",
    "his",
    "her",
    "my",
    "your",
    "some",
    "other",
    "such",
    "within",
    "under",
    "through",
    "across",
    "during",
    "appendix",
    "annex",
    "table",
    "section",
    "paragraph",
    "members",
    "dear",
    "yours",
    "in",
    "on",
    "at",
    "by",
    "with",
    "from",
    "and",
    "or",
    "for",
    "to",
    "as",
    "if",
    "when",
    "where",
    "while",
    "since",
}
_POSTS = {
    "chair",
    "chairman",
    "chairperson",
    "vice",
    "deputy",
    "chief",
    "executive",
    "head",
    "director",
    "member",
    "members",
    "leader",
    "clerk",
    "secretary",
    "treasurer",
    "officer",
    "commander",
    "manager",
    "assistant",
    "acting",
    "interim",
}
_GENERIC = {
    "steering", "change", "programme", "project", "executive", "strategic", "management",
    "operational", "operations", "working", "oversight", "governance", "delivery", "regional",
    "national", "local", "joint", "collaboration", "collaborative", "partnership", "police",
    "policing", "force", "forces", "board", "group", "new", "shared", "single", "central",
    "performance", "finance", "business", "transformation", "implementation", "of", "and", "the", "for", "&", "in", "on", "to",
}  # fmt: skip
_NAMED_HEAD = re.compile(
    r"\b(?P<proper>[A-Z][a-z][\w-]+(?:\s+[A-Z][\w-]+){0,2})\s+"
    r"(?P<head>project|programme|pilot|partnership|network|alliance|initiative|hub)\b"
)
_PCC_OF = re.compile(
    r"\b(?:Police,? (?:and|&) Crime Commissioner|Police, Fire and Crime Commissioner|PF?CC)"
    r"\s+(?:for|of)\s+(?:the\s+)?(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})"
)
_REGIONAL = {"unit", "programme", "board", "agreement", "workstream"}
_ABBR_AFTER = re.compile(r"\(\s*(?:the\s+)?['\u2018\"]?([A-Z][A-Za-z0-9&]{1,11})['\u2019\"]?\s*\)")
_ABBR_BEFORE = re.compile(r"\b([A-Z][A-Za-z0-9&]{1,11})\s*\(([A-Z][^()]{4,140})\)")
_FORCE_SUFFIXES = (" Police", " Constabulary", " Police Service", " Police Force")
_PCC_PREFIXES = ("Police and Crime Commissioner for ", "Police & Crime Commissioner for ")


def slugify(text: str, limit: int = 60) -> str:
    """A lowercase hyphenated slug of `text`."""
    text = text.replace("&", " and ")
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return slug[:limit].strip("-") or "entity"


def _is_abbreviation(text: str) -> bool:
    return " " not in text and len(text) <= 10 and sum(c.isupper() for c in text) >= 2


def _fold(text: str) -> str:
    """`text` lower-cased character by character (same length, so offsets carry over)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def kind_of_name(name: str) -> str | None:
    """The kind a name's head noun implies ("... Board" is a board), or None."""
    for pattern, kind in _HEAD:
        if pattern.search(name.strip()):
            return kind
    return None


@dataclass
class KnownEntity:
    """An entity the graph knows: id, kind, name and the forms it is found by."""

    id: str
    kind: str
    name: str
    aliases: list[str]


@dataclass
class NewEntity:
    """An entity the report names that the graph does not know."""

    id: str
    kind: str
    name: str
    aliases: list[str]
    start: int  # where it is first named (absolute offset in the report text)
    end: int
    confidence: float


@dataclass(frozen=True, order=True)
class Mention:
    """An entity named at [start, end) of the report text, as `form`."""

    start: int
    end: int
    entity: str
    form: str
    how: str  # "name", "alias", "form", "defined", "new"


@dataclass
class Gazetteer:
    """Known entities and every form that names them, with a preference for ties."""

    entities: dict[str, KnownEntity]
    forms: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # form -> (rank, id)
    pcc_of_force: dict[str, str] = field(default_factory=dict)
    region_of_force: dict[str, str] = field(default_factory=dict)
    region_of: dict[str, set[str]] = field(default_factory=dict)  # collaborations' regions
    context_regions: set[str] = field(default_factory=set)  # the regions a report is about

    @classmethod
    def from_dataset(
        cls,
        dataset: Dataset,
        exclude_document: str | None = None,
        drop_aliases: dict[str, set[str]] | None = None,
    ) -> Gazetteer:
        """The gazetteer of `dataset`, optionally as if `exclude_document` had never been read
        (its entities, relationships and, given as `drop_aliases`, the aliases it added)."""
        drop = drop_aliases or {}
        entities = {
            e.id: KnownEntity(
                e.id, e.kind, e.name, [a for a in e.aliases if a not in drop.get(e.id, set())]
            )
            for e in dataset.entities.values()
            if exclude_document is None or any(s.document != exclude_document for s in e.sources)
        }
        gazetteer = cls(entities)
        for rel in dataset.relationships:
            if rel.type == "OVERSEES" and rel.source in entities and rel.target in entities:
                if exclude_document is None or any(
                    s.document != exclude_document for s in rel.sources
                ):
                    gazetteer.pcc_of_force[rel.target] = rel.source
            if (
                rel.type == "IN_REGION"
                and rel.source in entities
                and entities[rel.source].kind == "force"
                and rel.target in entities
                and rel.source not in gazetteer.region_of_force
            ):
                gazetteer.region_of_force[rel.source] = rel.target
        for rel in dataset.relationships:
            # only collaborations share generic names across regions ("Regional Organised
            # Crime Unit"); their region is the one the data states, not their lead's
            if (
                rel.type == "IN_REGION"
                and rel.source in entities
                and entities[rel.source].kind in _REGIONAL
            ):
                gazetteer.region_of.setdefault(rel.source, set()).add(rel.target)
        gazetteer.index()
        for entity in entities.values():  # "Police and Crime Commissioner for X": X's PCC
            place = next(
                (entity.name[len(p) :] for p in _PCC_PREFIXES if entity.name.startswith(p)), ""
            )
            force = gazetteer.lookup(place) if entity.kind == "pcc" and place else None
            if force and entities[force].kind == "force":
                gazetteer.pcc_of_force.setdefault(force, entity.id)
        return gazetteer

    def add_form(self, form: str, entity: str, rank: int) -> None:
        """Index `form` as naming `entity` (lower rank wins a tie between entities)."""
        form = " ".join(form.split())
        if len(form) < 2 or form.casefold() in _SMALL:
            return
        key = form if _is_abbreviation(form) else form.casefold()
        ranked = self.forms.setdefault(key, [])
        if all(e != entity for _, e in ranked):
            ranked.append((rank, entity))

    def index(self) -> None:
        """(Re)build the forms of every known entity."""
        for entity in self.entities.values():
            self.add_form(entity.name, entity.id, 0)
            for alias in entity.aliases:
                self.add_form(alias, entity.id, 1)
            for form in self.report_forms(entity):
                self.add_form(form, entity.id, 2)

    def report_forms(self, entity: KnownEntity) -> list[str]:
        """The ways reports write a force's or PCC's name beyond its name and aliases."""
        forms: list[str] = []
        if entity.kind == "force":
            place = entity.name
            for suffix in _FORCE_SUFFIXES:
                if place.endswith(suffix):
                    place = place[: -len(suffix)]
                    break
            forms += [place, f"{place} Police", f"{place} Constabulary", f"{place} force",
                      f"{place} Police Force", f"{place} Police Service", f"{place}'s force"]  # fmt: skip
        elif entity.kind == "pcc":
            place = next(
                (entity.name[len(p) :] for p in _PCC_PREFIXES if entity.name.startswith(p)), ""
            )
            if place:
                forms += [f"{place} PCC", f"{place} OPCC", f"PCC for {place}",
                          f"OPCC for {place}", f"{place} Police and Crime Commissioner",
                          f"Office of the Police and Crime Commissioner for {place}",
                          f"Office of the {place} Police and Crime Commissioner",
                          f"{place} Police & Crime Commissioner", f"{place}'s PCC",
                          f"Commissioner for {place}"]  # fmt: skip
        return forms

    def resolve(self, key: str) -> str | None:
        """The entity a form names (the best ranked, then by kind, then by id)."""
        ranked = self.forms.get(key)
        if not ranked:
            return None
        if self.context_regions:
            # an alias shared across regions ("Regional Organised Crime Unit") names the one
            # in the regions the report is about, not one elsewhere
            ranked = [
                (rank, e)
                for rank, e in ranked
                if rank == 0
                or not self.region_of.get(e)
                or self.region_of[e] & self.context_regions
            ]
            if not ranked:
                return None

        def order(item: tuple[int, str]) -> tuple[int, int, str]:
            kind = self.entities[item[1]].kind if item[1] in self.entities else "unit"
            pref = KIND_PREFERENCE.index(kind) if kind in KIND_PREFERENCE else 99
            return (item[0], pref, item[1])

        return min(ranked, key=order)[1]

    def closest(self, name: str, limit: int = 3, cutoff: float = 80) -> list[tuple[str, float]]:
        """Known entities whose name or alias is closest to `name`: [(id, score 0-100)]."""
        choices = [
            (key, entity)
            for key, ranked in self.forms.items()
            if not _is_abbreviation(key)
            for _, entity in ranked
            if entity in self.entities
        ]
        found = process.extract(
            name,
            [key for key, _ in choices],
            scorer=fuzz.token_sort_ratio,
            processor=utils.default_process,
            score_cutoff=cutoff,
            limit=limit * 4,
        )
        best: dict[str, float] = {}
        for key, score, index in found:
            entity = choices[index][1]
            if self.resolve(key) != entity:
                continue  # a form that names something else in this report's regions
            best[entity] = max(best.get(entity, 0), float(score))
        return sorted(best.items(), key=lambda item: (-item[1], item[0]))[:limit]

    def lookup(self, text: str) -> str | None:
        """The entity `text` names exactly (as a whole), or None."""
        text = " ".join(text.split())
        if text.lower().startswith("the "):
            text = text[4:]
        return self.resolve(text) or self.resolve(text.casefold())


@dataclass
class Mentions:
    """What a report names: mentions in text order and the new entities among them."""

    mentions: list[Mention]
    new_entities: dict[str, NewEntity]
    defined: dict[str, str]  # abbreviation the report defines -> entity id

    def within(self, start: int, end: int) -> list[Mention]:
        """The mentions inside [start, end), in order."""
        return [m for m in self.mentions if m.start >= start and m.end <= end]


def _long_form(words: list[str], abbr: str) -> int | None:
    """How many trailing `words` spell `abbr` (Schwartz-Hearst style), or None."""
    letters = [c.lower() for c in abbr if c.isalnum()]
    for count in range(1, min(len(words), len(letters) + 5) + 1):
        candidate = words[-count:]
        if candidate[0].lower() in _SMALL:
            continue
        if candidate[0][0].lower() != letters[0]:
            continue
        text = " ".join(candidate).lower()
        position = len(text)
        ok = True
        for letter in reversed(letters):
            position = text.rfind(letter, 0, position)
            if position < 0:
                ok = False
                break
        significant = [w for w in candidate if w.lower() not in _SMALL]
        if ok and len(significant) <= len(letters) + 1 and len(significant) >= min(2, len(letters)):
            return count
    return None


def _definitions(text: str) -> Iterable[tuple[str, str, int, int]]:
    """(long form, abbreviation, start, end of long form) for each definition in `text`."""
    for match in _ABBR_AFTER.finditer(text):
        abbr = match[1]
        if not _is_abbreviation(abbr) and not abbr[0].isupper():
            continue
        before = text[max(0, match.start() - 160) : match.start()]
        cut = max(before.rfind(c) for c in ".;:(\n")
        before = before[cut + 1 :]
        words = before.split()
        count = _long_form(words, abbr)
        if count is None:
            continue
        long = " ".join(words[-count:]).strip(" ,'\u2018\u2019\"")
        start = text.rfind(words[-count], 0, match.start())
        yield long, abbr, start, start + len(" ".join(words[-count:]))
    for match in _ABBR_BEFORE.finditer(text):
        abbr, long = match[1], " ".join(match[2].split())
        if not _is_abbreviation(abbr):
            continue
        count = _long_form(long.replace(",", "").split(), abbr)
        if count is not None and count == len(long.replace(",", "").split()):
            yield long, abbr, match.start(2), match.end(2)


def _titled_names(text: str) -> Iterable[tuple[str, int, int, str]]:
    """(name, start, end, kind) of capitalised names ending in a kind's head noun."""
    for match in _TITLED.finditer(text):
        words = match[0].split()
        while words and words[-1].lower() in _SMALL:
            words.pop()
        start = match.start()
        while words and (words[0].lower() in _STARTERS or words[0].isupper() and len(words[0]) > 6):
            start = text.find(words[1], start + len(words[0])) if len(words) > 1 else start
            words = words[1:]
        lowered = [w.lower() for w in words]
        if "of" in lowered[:4] and lowered[0] in _POSTS:
            # "Chair of the X Authority", "Chief Executive of Y": the body, not the post
            cut = lowered.index("of") + 1
            if cut < len(words) and lowered[cut] == "the":
                cut += 1
            if cut < len(words):
                start = text.find(words[cut], start + len(" ".join(words[: cut - 1])))
                words = words[cut:]
        while words and words[0].lower() in _POSTS | {"chair", "co-chair", "lead"}:
            if len(words) > 1:
                start = text.find(words[1], start + len(words[0]))
            words = words[1:]
        # the longest prefix that ends in a head noun
        for end in range(len(words), 1, -1):
            name = " ".join(words[:end])
            kind = kind_of_name(name)
            if kind and sum(w[0].isupper() for w in words[:end]) >= 2:
                yield name, start, start + len(name), kind
                break


class _Finder:
    def __init__(self, report: Report, gazetteer: Gazetteer, document: str):
        self.report, self.gazetteer, self.document = report, gazetteer, document
        self.new: dict[str, NewEntity] = {}
        self.defined: dict[str, str] = {}
        self.taken = set(gazetteer.entities)

    def new_id(self, name: str, aliases: list[str]) -> str:
        short = next((a for a in aliases if _is_abbreviation(a) and len(a) >= 3), None)
        base = slugify(short) if short else slugify(" ".join(name.split()[:7]))
        slug, n = base, 2
        while slug in self.taken:
            slug, n = f"{base}-{n}", n + 1
        self.taken.add(slug)
        return slug

    def learn_definitions(self) -> None:
        text = self.report.text
        for long, abbr, start, end in _definitions(text):
            known = self.gazetteer.lookup(long)
            by_abbr = self.gazetteer.resolve(abbr)
            if known:
                self.gazetteer.add_form(abbr, known, 1)
                self.defined.setdefault(abbr, known)
                continue
            if by_abbr:
                self.gazetteer.add_form(long, by_abbr, 1)
                self.defined.setdefault(abbr, by_abbr)
                continue
            near = self.gazetteer.closest(long, limit=1, cutoff=94)
            if near:
                self.gazetteer.add_form(long, near[0][0], 1)
                self.gazetteer.add_form(abbr, near[0][0], 1)
                self.defined.setdefault(abbr, near[0][0])
                continue
            kind = kind_of_name(long) or kind_of_name(long.split(",")[0])
            if kind is None and abbr.endswith(("U", "B", "P", "S")):
                kind = {"U": "unit", "B": "board", "P": "programme", "S": "unit"}[abbr[-1]]
            if kind is None:
                continue
            entity = self.add_new(long, kind, start, end, 0.8, [abbr])
            self.defined.setdefault(abbr, entity)

    def add_new(
        self, name: str, kind: str, start: int, end: int, confidence: float, aliases: list[str]
    ) -> str:
        key = name.casefold()
        for entity in self.new.values():
            if entity.name.casefold() == key:
                entity.aliases += [a for a in aliases if a not in entity.aliases]
                for alias in aliases:
                    self.gazetteer.add_form(alias, entity.id, 1)
                return entity.id
        eid = self.new_id(name, aliases)
        self.new[eid] = NewEntity(eid, kind, name, list(aliases), start, end, confidence)
        self.gazetteer.entities[eid] = KnownEntity(eid, kind, name, list(aliases))
        self.gazetteer.add_form(name, eid, 0)
        for alias in aliases:
            self.gazetteer.add_form(alias, eid, 1)
        return eid

    def learn_pccs(self) -> None:
        """A PCC the graph does not know, named after its force ("the PCC for Cumbria")."""
        for match in _PCC_OF.finditer(self.report.text):
            force = self.gazetteer.lookup(match["place"])
            if not force or self.gazetteer.entities[force].kind != "force":
                continue
            if force in self.gazetteer.pcc_of_force:
                continue
            place = match["place"].strip()
            eid = self.add_new(
                f"Police and Crime Commissioner for {place}",
                "pcc",
                match.start(),
                match.end(),
                0.85,
                [f"{place} PCC", f"PCC for {place}"],
            )
            self.gazetteer.pcc_of_force[force] = eid

    def learn_names(self) -> None:
        text = self.report.text
        for name, start, end, kind in _titled_names(text):
            if " and the " in name:
                continue  # two names joined ("the Board and the Home Office")
            parts = [p.strip() for p in re.split(r"\s+(?:and|&)\s+", name)]
            if len(parts) > 1 and all(
                self.gazetteer.lookup(p) or (kind_of_name(p) and len(p.split()) >= 2) for p in parts
            ):
                continue  # "WYFRS Authority and Yorkshire Ambulance Service": each on its own
            if self.gazetteer.lookup(name):
                continue
            if all(w.lower() in _GENERIC for w in name.split()[:-1]):
                continue  # "the Steering Board", "Police Authority": a common noun, not a name
            near = self.gazetteer.closest(name, limit=1, cutoff=94)
            if near and self.gazetteer.entities[near[0][0]].kind == kind:
                # "Tri Service Collaboration Board" for "Tri-Service Collaboration Board"
                self.gazetteer.add_form(name, near[0][0], 1)
                continue
            if any(self.gazetteer.lookup(" ".join(name.split()[i:])) for i in (1, 2)):
                # "West Yorkshire Tri-Service Board" adds a place to a known name: still new,
                # but less sure
                confidence = 0.6
            else:
                confidence = 0.7
            self.add_new(name, kind, start, end, confidence, [])
        for match in _NAMED_HEAD.finditer(text):
            # "the Evolve project": a proper name before a lower-case head noun
            proper, head = match["proper"], match["head"].lower()
            if proper.split()[0].lower() in _STARTERS | _POSTS or self.gazetteer.lookup(proper):
                continue
            name = f"{proper} {head}"
            if self.gazetteer.lookup(name):
                continue
            head_kind = kind_of_name(name)
            if head_kind:
                self.add_new(name, head_kind, match.start(), match.end(), 0.6, [proper])

    def scan(self) -> list[Mention]:
        text = self.report.text
        folded = _fold(text)
        exact = ahocorasick.Automaton()
        loose = ahocorasick.Automaton()
        for key in self.gazetteer.forms:
            (exact if _is_abbreviation(key) else loose).add_word(key, key)
        found: list[Mention] = []
        for automaton, haystack in ((exact, text), (loose, folded)):
            if len(automaton) == 0:
                continue
            automaton.make_automaton()
            for end_index, key in automaton.iter(haystack):
                start, end = end_index - len(key) + 1, end_index + 1
                if start > 0 and (haystack[start - 1].isalnum() or haystack[start - 1] == "-"):
                    continue
                if end < len(haystack) and (
                    haystack[end].isalnum()
                    or (
                        haystack[end] == "-"
                        and end + 1 < len(haystack)
                        and haystack[end + 1].isalnum()
                    )
                ):
                    continue
                entity = self.gazetteer.resolve(key)
                if entity is None:
                    continue
                rank = min(r for r, e in self.gazetteer.forms[key] if e == entity)
                how = "new" if entity in self.new else ("name", "alias", "form")[min(rank, 2)]
                if key in self.defined:
                    how = "defined"
                found.append(Mention(start, end, entity, text[start:end], how))
        # longest match wins; then earliest
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken: list[Mention] = []
        used = [False] * (len(text) + 1)
        for mention in found:
            if any(used[mention.start : mention.end]):
                continue
            for i in range(mention.start, mention.end):
                used[i] = True
            taken.append(mention)
        return sorted(taken)


def find_mentions(report: Report, gazetteer: Gazetteer, document: str) -> Mentions:
    """The mentions of known and new entities in `report` (the gazetteer learns new forms)."""
    finder = _Finder(report, gazetteer, document)
    forces = Counter(
        gazetteer.region_of_force[m.entity]
        for m in finder.scan()
        if m.entity in gazetteer.region_of_force
    )
    total = sum(forces.values())
    gazetteer.context_regions = {r for r, n in forces.items() if n >= 0.2 * total}
    finder.learn_pccs()
    finder.learn_definitions()
    finder.learn_names()
    mentions = finder.scan()
    named = {m.entity for m in mentions}
    new = {k: v for k, v in finder.new.items() if k in named}
    return Mentions(mentions, new, finder.defined)
