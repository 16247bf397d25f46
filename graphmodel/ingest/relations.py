"""Proposing relationships from the sentences of a report.

``propose_relationships(report, mentions, context)`` returns RelationshipProposals: for each
sentence, each trigger phrase of collaboration reports ("lead force for", "chaired by",
"withdrew from", "is made up of", "reports to", ...) joins the list of entities named just
before it with the list named just after it, in the direction the phrase gives, into the
schema's relationship types; a pair whose kinds the schema does not allow is dropped.
Roles, statuses and chair arrangements come from the phrase and its sentence; `since` and
`until` only where the sentence states them. "I" and "the PCC" stand for the issuer,
"the Force" for the force the issuer oversees, "the Board" for the board last named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphmodel.ingest.dates import dates_in
from graphmodel.ingest.mentions import Gazetteer, Mention, Mentions
from graphmodel.ingest.paragraphs import Paragraph, Report
from graphmodel.schema import Schema, load_schema

__all__ = ["RelationshipProposal", "Context", "propose_relationships", "Rule", "RULES"]


@dataclass
class RelationshipProposal:
    """A proposed relationship with its citation, confidence and supporting sentence span."""

    type: str
    source: str
    target: str
    properties: dict[str, str]
    ref: str
    confidence: float
    span: tuple[int, int]
    since: str | None = None
    until: str | None = None
    rule: str = ""

    @property
    def key(self) -> tuple[str, str, str, tuple[tuple[str, str], ...]]:
        """What makes two proposals the same fact."""
        return (self.type, self.source, self.target, tuple(sorted(self.properties.items())))


@dataclass
class Context:
    """What the ingester knows about the report: who issued it and the gazetteer."""

    gazetteer: Gazetteer
    issuer: str | None = None
    schema: Schema = field(default_factory=load_schema)

    @property
    def issuer_force(self) -> str | None:
        """The force the issuing PCC oversees (or the issuer itself if it is a force)."""
        if self.issuer is None:
            return None
        kind = self.gazetteer.entities[self.issuer].kind
        if kind == "force":
            return self.issuer
        return next((f for f, p in self.gazetteer.pcc_of_force.items() if p == self.issuer), None)

    def kind(self, entity: str) -> str:
        """The kind of a known or new entity."""
        return self.gazetteer.entities[entity].kind


@dataclass(frozen=True)
class Rule:
    """A trigger phrase and the relationship it states.

    `direction` is "active" (named before -> named after) or "passive" (after -> before).
    `types` are tried in order; the first the schema allows for the pair's kinds is used.
    """

    name: str
    pattern: re.Pattern[str]
    types: tuple[str, ...]
    direction: str
    confidence: float
    status: str | None = None
    role: str | None = None


def _rule(name: str, pattern: str, types: str, direction: str, confidence: float,
          status: str | None = None, role: str | None = None) -> Rule:  # fmt: skip
    return Rule(name, re.compile(pattern, re.IGNORECASE), tuple(types.split()), direction,
                confidence, status, role)  # fmt: skip


_AUX = r"(?:(?:is|are|was|were|be|been|being|has|have|had|will|would|also|currently|now|jointly|formally|still|the|a|an|as|acting|acts|act|remains?)\s+)*"
RULES: list[Rule] = [
    _rule("lead policing body", _AUX + r"lead (?:local )?policing body (?:for|of|on)\b", "LEADS", "active", 0.9, role="lead_policing_body"),
    _rule("host force", _AUX + r"host(?:ing)? (?:force|organisation|body|agency|partner|authority) (?:for|of|to)\b", "LEADS", "active", 0.9, role="host"),
    _rule("lead force", _AUX + r"lead (?:force|forces|organisation|agency|partner|authority|body)(?: for| on| of| in|,)", "LEADS", "active", 0.9),
    _rule("acting as lead", r"\b(?:acting|acts?|act) as (?:the )?lead (?:force|(?:local )?policing body|organisation|partner|authority)\b", "LEADS", "active", 0.8),
    _rule("lead for", _AUX + r"(?:the )?lead (?:for|on)\b(?! collaboration)", "LEADS", "active", 0.75),
    _rule("hosts", r"\bhosts\b|\bhosted\b(?! by)", "LEADS", "active", 0.8, role="host"),
    _rule("hosted by", r"\b(?:is |are |was |were )?hosted (?:by|at|within)\b", "LEADS", "passive", 0.85, role="host"),
    _rule("led by", r"\b(?:led|managed|run|headed|directed|commanded|coordinated) by\b", "LEADS", "passive", 0.85),
    _rule("delivered on behalf", r"\bdelivered by\b(?=[^.]{0,60}\bon behalf of\b)", "LEADS", "passive", 0.85),
    _rule("lead role", r"\b(?:play|plays|played|take|takes|took|have|has|had) (?:a|the) lead(?:ing)? role in\b(?: the (?:local |national |regional )?(?:governance|delivery|development|work) of\b)?", "LEADS", "active", 0.8),
    _rule("leads", r"\b(?:leads|led)\b(?! by| on projects| to)", "LEADS", "active", 0.7),
    _rule("co-chair", r"\bco-?chair(?:s|ed|ing)?\b(?! by)|\bjointly chair(?:s|ed)?\b", "CHAIRS", "active", 0.85, role="co"),
    _rule("chaired by", r"\b(?:co-?)?chaired (?:jointly )?by\b", "CHAIRS", "passive", 0.9),
    _rule("chair of", _AUX + r"(?:the )?(?:vice[- ])?chair(?:man|person|woman)? (?:of|for)\b", "CHAIRS", "active", 0.85),
    _rule("chairs", r"\bchairs\b|\bchaired\b(?! by)|\b(?:I|we|does|do|did|will|to|currently|also|now)\s+(?:\w+ly\s+|also\s+|however\s+)*chair\b(?! of)", "CHAIRS", "active", 0.85),
    _rule("withdrew", r"\bwithdr[ae]w(?:n|s|ing)? (?:\w+ ){0,3}?from\b|\bpulled out of\b|\bleft\b|\bexited\b|\bwithdrawal (?:of \w+ )?from\b", "PARTICIPATES_IN", "active", 0.8, status="withdrawn"),
    _rule("declined", r"\b(?:decided|chose|elected|opted|agreed) not to (?:join|take part in|participate in|be part of)\b|\bdeclined to (?:join|participate in|take part in)\b|\bstay(?:ed|s)? outside\b", "PARTICIPATES_IN", "active", 0.8, status="declined"),
    _rule("not participating", r"\b(?:is|are|was|were|does|do|did)? ?not (?:participating|taking part|take part|participate) in\b", "PARTICIPATES_IN", "active", 0.8, status="not_participating"),
    _rule("incorporate into", r"\binto\b", "PARTICIPATES_IN", "active", 0.7, status="proposed"),
    _rule("take part", r"\b(?:take|takes|took|taking) part in\b|\bparticipat(?:e|es|ed|ing) in\b|\bjoin(?:ed|s|ing)?\b(?! up)|\b(?:is|are) (?:a )?(?:partners?|part(?:y|ies)|signator(?:y|ies)) (?:in|to|of)\b|\bsigned up to\b|\bcontribut(?:e|es|ed|ing) to\b|\b(?:are|is) involved in\b|\bmembers? of\b|\bsit on\b|\bsits on\b|\brepresented on\b", "MEMBER_OF PARTICIPATES_IN", "active", 0.75, status="member"),
    _rule("made up of", r"\b(?:is |are )?made up of\b|\bcompris(?:es|ed|ing)(?: of)?\b|\bconsists? of\b|\bmembership (?:includes|comprises|of)\b|\bbrings together\b|\bincludes? representatives (?:from|of)\b|\bmembers (?:are|include)\b", "MEMBER_OF PARTICIPATES_IN", "passive", 0.8, status="member"),
    _rule("include", r"\b(?:include|includes|included)\b(?! in)", "MEMBER_OF PARTICIPATES_IN", "passive", 0.65, status="member"),
    _rule("between", r"\bbetween\b", "PARTICIPATES_IN", "passive", 0.65, status="member"),
    _rule("covers", r"\b(?:which |that )?cover(?:s|ing|ed)?\b(?: the force areas of)?", "COVERS PARTICIPATES_IN", "active", 0.7, status="member"),
    _rule("agreement for", r"(?<=agreement) (?:for|covering|underpinning|relating to|governing)\b", "COVERS", "active", 0.8),
    _rule("under agreement", r"\bunder (?:the (?:umbrella|terms) of )?(?=(?:a |an |the )?[^.]{0,40}agreement)", "COVERS", "passive", 0.8),
    _rule("governed by", r"\b(?:governed|overseen|scrutinised) by\b|\bunder the (?:governance|oversight|direction) of\b", "GOVERNS", "passive", 0.85),
    _rule("governs", r"\b(?:governs|oversees|oversaw|scrutinises)\b|\b(?:has|have|provides?|with) (?:strategic )?oversight (?:of|for)\b|\bresponsible for (?:the )?governance of\b", "GOVERNS", "active", 0.75),
    _rule("reports to", r"\breports? (?:in)?to\b|\breporting (?:in)?to\b|\baccountable to\b|\bfeeds? into\b|\bkeep(?:s|ing)?\b(?=[^.]{0,120}\binformed\b)|\bprovides? (?:regular )?updates? to\b", "REPORTS_TO", "active", 0.8),
    _rule("part of", r"\b(?:is |are |as |forms? )?(?:a |an )?(?:part|component|element|strand|workstream|sub-?group|subgroup) of\b|\bunder the umbrella of\b|\bsits? (?:within|under)\b", "PART_OF", "active", 0.75),
    _rule("funded by", r"\bfunded by\b", "FUNDS", "passive", 0.8),
    _rule("funds", r"\bfunds\b|\bfunded\b(?! by)", "FUNDS", "active", 0.7),
    _rule("commissioned by", r"\bcommissioned by\b|\bsponsored by\b", "COMMISSIONS", "passive", 0.8),
    _rule("commissions", r"\bcommissions\b|\bcommissioned\b(?! by)|\bsponsored\b(?! by)", "COMMISSIONS", "active", 0.7),
    _rule("established by", r"\b(?:established|founded|set up|formed|created) by\b", "FOUNDED", "passive", 0.8),
    _rule("established", r"\b(?:formally )?(?:established|founded|set up)\b(?! by)", "FOUNDED", "active", 0.7),
    _rule("evaluated by", r"\bevaluated by\b", "EVALUATES", "passive", 0.8),
    _rule("replaced by", r"\b(?:replaced|superseded|succeeded) by\b|\b(?:transferred|handed over|passed) to\b", "SUCCEEDED_BY", "active", 0.7),
    _rule("provides", r"\bprovides?\b(?= [^.]{0,30}\b(?:service|services|support)\b)|\bdelivered by\b(?![^.]{0,60}\bon behalf of\b)", "PROVIDES", "active", 0.6),
]  # fmt: skip
_PASSIVE_PROVIDES = {"delivered by"}

_LIST_GAP = re.compile(
    r"^[\s,;/()'\"\u2018\u2019]*(?:\w+[\s,]+)??"
    r"(?:(?:and|&|or|as well as|plus|along with|together with)\s+)?"
    r"(?:(?:the|its|their|a|an|all|both)\s+)?[\s,()'\"\u2018\u2019]*$",
    re.IGNORECASE,
)
_TIGHT_GAP = re.compile(
    r"^[\s,()'\"\u2018\u2019]*(?:(?:the|a|an|its|their|all|both|four|three|two|seven|\d)\s+)*[\s'\"\u2018\u2019]*$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"[;:.]|\b(?:which|who|whilst|while|but|although|however|because)\b", re.IGNORECASE
)
_SELF = re.compile(
    r"\b(?:I|I've|I'm|myself|[Tt]he (?:Commissioner|PCC|Police and Crime Commissioner))\b"
    r"(?!\s+(?:for|of)\b)(?!'s)"
)
_THIS = re.compile(
    r"^(?:This|It|This [Bb]ody|The [Gg]roup)\b"
    r"(?= (?:is|are|was|were|has|have|will|also|now|currently|comprises|consist|consists|"
    r"brings|bring|reports|report|covers|cover|includes|include))"
)
_THE_FORCE = re.compile(r"\b(?:the|our) [Ff]orce\b(?!s)")
_THE_KIND = re.compile(
    r"\b(?:[Tt]he|[Tt]his) ([Bb]oard|[Cc]ommittee|[Pp]rogramme|[Uu]nit|[Aa]greement|"
    r"[Cc]ollaboration [Bb]oard|[Pp]anel|[Nn]etwork|[Pp]roject|[Ss]ervice|[Cc]ollaboration|"
    r"[Hh]ub|[Cc]entre|[Tt]eam)\b"
    r"(?! (?:of|for|between)\b)"
)
_KIND_WORD: dict[str, tuple[str, ...]] = {
    "board": ("board",), "committee": ("board",), "panel": ("board",),
    "collaboration board": ("board",), "programme": ("programme",), "project": ("programme",),
    "network": ("programme",), "unit": ("unit",), "service": ("unit",), "hub": ("unit",),
    "centre": ("unit",), "team": ("unit",),
    "agreement": ("agreement",), "collaboration": ("unit", "programme", "agreement"),
}  # fmt: skip
_POST_OF = re.compile(r"^\s*(?:and [A-Z][\w ]{0,40}?\s+)?(?:of|for)\s+(?:the\s+)?$")
_POST_TITLE = re.compile(
    r"(?:the\s+)?(?:(?:Deputy |Assistant |Temporary )?Chief Constable|Chief Executive|"
    r"Chief Officer|(?:Vice[- ])?Chair(?:man|person)?|Director|Head|Leader|Commander|"
    r"Police,? (?:and|&|Fire and) Crime Commissioner|PF?CC)'?s?"
    r"(?:\s+and\s+(?:the\s+)?(?:Chief Constable|Chief Officer|PCC)s?)?\s+(?:of|for)\s+"
    r"(?:the\s+)?$"
)
_CLAUSE_END = re.compile(r"[;.]|,\s*(?:which|who|and|but)\b|\s(?:and|but|while|whilst)\s")
_ROTATING = re.compile(r"\brotat(?:e|es|ed|ing|ion)\b", re.IGNORECASE)
_CO = re.compile(r"\bco-?chair|\bjointly\b|\bjoint chairs?\b", re.IGNORECASE)


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9]+", text))


class _Sentence:
    """One sentence with its mentions (and stand-ins for "I", "the Force", "the Board")."""

    def __init__(
        self,
        text: str,
        start: int,
        mentions: list[Mention],
        context: Context,
        recent: dict[str, str],
    ):
        self.text, self.start, self.context = text, start, context
        local = [Mention(m.start - start, m.end - start, m.entity, m.form, m.how) for m in mentions]
        taken = [(m.start, m.end) for m in local]

        def free(a: int, b: int) -> bool:
            return all(b <= s or a >= e for s, e in taken)

        extra: list[Mention] = []
        if context.issuer:
            for match in _SELF.finditer(text):
                if free(match.start(), match.end()):
                    extra.append(
                        Mention(match.start(), match.end(), context.issuer, match[0], "issuer")
                    )
            force = context.issuer_force
            if force:
                for match in _THE_FORCE.finditer(text):
                    if free(match.start(), match.end()):
                        extra.append(Mention(match.start(), match.end(), force, match[0], "issuer"))
        for match in _THE_KIND.finditer(text):
            kinds = _KIND_WORD.get(match[1].lower(), ())  # "the Board": the board last named
            named = dict(recent)
            named.update(
                {context.kind(m.entity): m.entity for m in local if m.end <= match.start()}
            )
            kind = next((k for k in kinds if k in named), None)
            if kind and free(match.start(), match.end()):
                extra.append(Mention(match.start(), match.end(), named[kind], match[0], "anaphor"))
        this = _THIS.match(text)
        if this and "subject" in recent and free(this.start(), this.end()):
            extra.append(Mention(this.start(), this.end(), recent["subject"], this[0], "anaphor"))
        ordered = sorted(local + extra)
        # "the PCCs and Chief Constables of X and Y": the post stands for the bodies after it
        self.mentions = [
            m
            for i, m in enumerate(ordered)
            if not (
                context.kind(m.entity) == "post"
                and i + 1 < len(ordered)
                and _POST_OF.match(text[m.end : ordered[i + 1].start])
            )
        ]
        real = [m for m in self.mentions if m.how not in ("issuer", "anaphor")]
        for mention in real:
            recent[context.kind(mention.entity)] = mention.entity
        if real:
            recent["subject"] = real[0].entity

    def group_before(self, position: int, loose: bool) -> list[Mention]:
        """The list of entities named just before `position` (nearest first)."""
        before = [m for m in self.mentions if m.end <= position]
        if not before:
            return []
        gap = self.text[before[-1].end : position]
        limit = 8 if loose else 4
        if _words(gap) > limit or _CLAUSE_BREAK.search(gap):
            return []
        group = [before[-1]]
        for mention in reversed(before[:-1]):
            between = _POST_TITLE.sub("", self.text[mention.end : group[-1].start])
            if not _LIST_GAP.match(between):
                break
            group.append(mention)
        return group

    def group_after(self, position: int) -> list[Mention]:
        """The list of entities named just after `position` (in order)."""
        after = [m for m in self.mentions if m.start >= position]
        if not after:
            return []
        gap = self.text[position : after[0].start]
        gap = _POST_TITLE.sub("", gap)  # "chaired by the Chief Constable of X": X
        if not (_TIGHT_GAP.match(gap) or (_words(gap) <= 3 and not _CLAUSE_BREAK.search(gap))):
            return []
        group = [after[0]]
        for mention in after[1:]:
            between = _POST_TITLE.sub("", self.text[group[-1].end : mention.start])
            if not _LIST_GAP.match(between):
                break
            group.append(mention)
        return group


def _role(rule: Rule, source_kind: str, sentence: str) -> str:
    if rule.role:
        return rule.role
    if source_kind == "pcc":
        if re.search(r"\blead (?:local )?policing body\b", sentence, re.IGNORECASE):
            return "lead_policing_body"
        return "pcc_lead"
    if source_kind == "force":
        return "lead_force"
    if source_kind == "board":
        return "workstream_lead"
    return "project_lead"


def _arrangement(rule: Rule, sentence: str) -> str:
    if _ROTATING.search(sentence):
        return "rotating"
    if rule.role == "co" or _CO.search(sentence):
        return "co"
    return "sole"


def _dates(sentence: str, status: str | None) -> tuple[str | None, str | None]:
    since = until = None
    for phrase in dates_in(sentence):
        if phrase.role == "since" and since is None:
            since = phrase.iso
        elif phrase.role == "until" and until is None:
            until = phrase.iso
    if status in ("withdrawn", "declined") and not since:
        # the withdrawal (or refusal) holds from the day it happened
        plain = [p.iso for p in dates_in(sentence) if p.role in ("", "until")]
        since, until = (plain[0] if plain else None), None
    return since, until


class _Proposer:
    def __init__(self, report: Report, mentions: Mentions, context: Context):
        self.report, self.mentions, self.context = report, mentions, context
        self.proposals: dict[tuple[object, ...], RelationshipProposal] = {}
        self.heading: str | None = None
        self.recent: dict[str, str] = {}

    def allowed(self, rtype: str, source: str, target: str) -> bool:
        spec = self.context.schema.relationships[rtype]
        return (
            source != target
            and self.context.kind(source) in spec.from_kinds
            and self.context.kind(target) in spec.to_kinds
        )

    def add(self, proposal: RelationshipProposal) -> None:
        existing = self.proposals.get(proposal.key)
        if existing is None or proposal.confidence > existing.confidence:
            self.proposals[proposal.key] = proposal

    @staticmethod
    def orient(
        rule: Rule, left: list[Mention], right: list[Mention]
    ) -> list[tuple[Mention, Mention]]:
        """(from, to) pairs of the two groups in the rule's direction."""
        if rule.direction == "active":
            return [(a, b) for a in left for b in right]
        return [(b, a) for a in left for b in right]

    def allowed_any(self, rule: Rule, source: Mention, target: Mention) -> bool:
        """Whether any of the rule's types allows this pair."""
        return any(self.allowed(t, source.entity, target.entity) for t in rule.types)

    @staticmethod
    def coordinated_subject(sentence: _Sentence, position: int) -> list[Mention]:
        """The sentence's subject for a second verb ("X is chaired by Y and reports to Z")."""
        before = sentence.text[:position]
        if not re.search(r"\band\s+(?:\w+ly\s+|also\s+)?$", before) or not sentence.mentions:
            return []
        subject = sentence.mentions[0]
        return [subject] if subject.end <= position else []

    def paragraph(self, paragraph: Paragraph) -> None:
        # "the Board", "the service": what was last named in this section of the report
        if paragraph.heading != self.heading:
            self.heading, self.recent = paragraph.heading, {}
        recent = self.recent
        recent.pop("subject", None)
        # the heading names what unnumbered paragraphs are about ("the Board" after it)
        for entity in self.heading_entities(paragraph.heading):
            recent[self.context.kind(entity)] = entity
        for start, end in paragraph.sentences:
            text = self.report.text[start:end]
            sentence = _Sentence(
                text, start, self.mentions.within(start, end), self.context, recent
            )
            if len(sentence.mentions) >= 2:
                self.sentence(sentence, paragraph.ref, (start, end))
            self.oversees(sentence, paragraph.ref, (start, end))

    def oversees(self, sentence: _Sentence, ref: str, span: tuple[int, int]) -> None:
        """A PCC named in a report is the local policing body of its force (once)."""
        forces = {p: f for f, p in self.context.gazetteer.pcc_of_force.items()}
        for mention in sentence.mentions:
            force = forces.get(mention.entity)
            if mention.how in ("issuer", "anaphor") or force is None:
                continue
            if any(k[0] == "OVERSEES" and k[1] == mention.entity for k in self.proposals):
                continue
            if self.allowed("OVERSEES", mention.entity, force):
                self.add(
                    RelationshipProposal(
                        "OVERSEES", mention.entity, force, {}, ref, 0.9, span, rule="pcc of force"
                    )
                )

    def heading_entities(self, heading: str) -> list[str]:
        found = self.context.gazetteer.lookup(heading)
        if found:
            return [found]
        inner = re.findall(r"\(([^()]+)\)", heading)
        return [e for e in (self.context.gazetteer.lookup(t) for t in inner) if e]

    def sentence(self, sentence: _Sentence, ref: str, span: tuple[int, int]) -> None:
        claimed: list[tuple[int, int]] = []
        for rule in RULES:
            for match in rule.pattern.finditer(sentence.text):
                if any(match.start() < b and match.end() > a for a, b in claimed):
                    continue
                if any(m.start <= match.start() < m.end for m in sentence.mentions):
                    continue  # the phrase is inside a name ("Lead Force Board")
                if rule.name == "incorporate into" and not re.search(
                    r"\b(?:incorporat|integrat|bring|brought|extend|add)\w*\b",
                    sentence.text[: match.start()],
                    re.IGNORECASE,
                ):
                    continue
                if self.apply(rule, match, sentence, ref, span):
                    claimed.append((match.start(), match.end()))

    def apply(
        self, rule: Rule, match: re.Match[str], sentence: _Sentence, ref: str, span: tuple[int, int]
    ) -> bool:
        left = sentence.group_before(match.start(), loose=rule.direction == "active")
        right = sentence.group_after(match.end())
        if rule.name == "incorporate into":
            intro = re.search(r"\b(?:incorporat|integrat|bring|brought|extend|add)\w*\b",
                              sentence.text[: match.start()], re.IGNORECASE)  # fmt: skip
            assert intro is not None
            left = sentence.group_after(intro.end())
            left = [m for m in left if m.end <= match.start()]
        if rule.name == "acting as lead":
            # "NPAS is delivered ... with X and Y acting as the lead policing body": NPAS
            subject = sentence.mentions[0] if sentence.mentions else None
            right = [subject] if subject and left and subject.end <= left[-1].start else []
        if right and not left and rule.direction == "active":
            left = self.coordinated_subject(sentence, match.start())
        if not left or not right:
            return False
        if rule.direction == "active" and not any(
            self.allowed_any(rule, a, b) for a, b in self.orient(rule, left, right)
        ):
            left = self.coordinated_subject(sentence, match.start()) or left
        if rule.name == "co-chair":
            partner = re.compile(r"\b(?:along|together|jointly) with\b").search(
                sentence.text, right[0].end
            )
            if partner:  # "co-chairs the Board along with the Chair of X": X co-chairs it
                right = [m for m in right if m.end <= partner.start()]
                left = left + sentence.group_after(partner.end())
        pairs = self.orient(rule, left, right)
        status = rule.status
        if rule.name == "incorporate into" and not re.search(
            r"\b(?:propos|plan|expect|consider|explor|will|would|intend|scop)",
            sentence.text,
            re.IGNORECASE,
        ):
            status = "member"
        if status == "member" and re.search(
            r"\b(?:propos\w*|plans? to|intends? to|expected to|will (?:join|be)|would|being scoped|considering|exploring|invited to|in discussions?|may)\b",
            sentence.text,
            re.IGNORECASE,
        ):
            status = "proposed"
        first = min(m.start for m in left + right)
        last = max(m.end for m in left + right)
        tail = _CLAUSE_END.search(sentence.text, last)
        clause = sentence.text[first : tail.start() if tail else len(sentence.text)]
        since, until = _dates(clause, status)
        near_left = max(left, key=lambda m: m.end)
        near_right = min(right, key=lambda m: m.start)
        spread = _words(sentence.text[min(near_left.end, match.start()) : match.start()]) + _words(
            sentence.text[match.end() : max(match.end(), near_right.start)]
        )
        made = False
        for position, (source, target) in enumerate(pairs):
            for rtype in rule.types:
                if not self.allowed(rtype, source.entity, target.entity):
                    continue
                props: dict[str, str] = {}
                skind = self.context.kind(source.entity)
                if rtype == "LEADS" and skind == "board" and rule.direction == "passive":
                    # "directed by the Change Board": a board oversees, it does not lead
                    if not self.allowed("GOVERNS", source.entity, target.entity):
                        continue
                    rtype = "GOVERNS"
                if rtype == "LEADS":
                    props["role"] = _role(rule, skind, sentence.text)
                elif rtype == "PARTICIPATES_IN":
                    props["status"] = status or "member"
                elif rtype == "CHAIRS":
                    props["arrangement"] = _arrangement(rule, sentence.text)
                confidence = rule.confidence
                # how far the two lists stand from the phrase, not where in its list each is
                confidence -= 0.02 * max(0, spread - 6)
                confidence -= 0.01 * min(position, 5)
                for mention in (source, target):
                    if mention.how in ("issuer", "anaphor"):
                        confidence -= 0.1
                    if mention.entity in self.mentions.new_entities:
                        confidence -= 0.1 * (
                            1 - self.mentions.new_entities[mention.entity].confidence
                        )
                self.add(
                    RelationshipProposal(
                        rtype,
                        source.entity,
                        target.entity,
                        props,
                        ref,
                        round(max(0.05, min(confidence, 0.99)), 2),
                        span,
                        since if rtype not in ("COVERS",) else None,
                        until,
                        rule.name,
                    )  # fmt: skip
                )
                made = True
                break
        return made


def propose_relationships(
    report: Report, mentions: Mentions, context: Context
) -> list[RelationshipProposal]:
    """The relationships the report's sentences state, one per fact (its best-supported
    statement), in the order the report states them."""
    proposer = _Proposer(report, mentions, context)
    for paragraph in report.paragraphs:
        proposer.paragraph(paragraph)
    return sorted(proposer.proposals.values(), key=lambda p: (p.span, p.type, p.source, p.target))
