"""Actor mentions: where a sentence names a state or organisation, and which one.

Sources of mentions, in order: entities the gazetteer ruler labelled (their code is in
`ent_id_`), other entities the gazetteer knows, generic references to a state ("the country",
"the junta", "the West African nation") resolved to the article's focus country, and subject
pronouns resolved to the previous sentence's subject actor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..gazetteer import Gazetteer
from ..gazetteer.areas import AreaIndex
from ..gazetteer.context import ContextNames
from ..gazetteer.leaders import LeaderIndex
from ..gazetteer.regions import Regions
from .lexicon import Lexicon
from .spans import sentence_ents

__all__ = ["PAIR_NOUNS", "PRONOUNS", "Mention", "Namer", "Salience", "find_mentions", "salience",
           "subject_group"]

_ACTOR_LABELS = frozenset({"GPE", "NORP", "ORG", "LOC", "FAC", "PERSON", "PRODUCT"})
#: pronouns that stand for an actor (extract/sentpass.py parses every sentence holding one)
PRONOUNS = frozenset({"they", "it", "he", "she"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a sentence that names an actor. `how`: name, alias, demonym, capital, seat,
    org, reference (a definite description) or pronoun."""

    start: int
    end: int
    root: int
    code: str
    name: str
    how: str
    text: str


@dataclass(frozen=True, slots=True)
class Namer:
    """Names to actors for one article: the gazetteer, and the leaders in office on the day
    it was published ("Putin ordered ..." is Russia; "Goïta" is Mali)."""

    gaz: Gazetteer
    leaders: LeaderIndex
    areas: AreaIndex
    context: ContextNames
    on: date | None

    def actor(self, span: Any) -> tuple[str, str, str] | None:
        """(code, name, how) for an entity span, or None."""
        hit = _lookup(self.gaz, span)
        if hit is None:
            # the small model tags many leaders' names as ORG, GPE or nothing at all
            leader = self.leaders.lookup(span.text, on=self.on)
            if leader is not None:
                entry = self.gaz.country(leader.code) or self.gaz.org(leader.code)
                return leader.code, entry.name if entry else leader.code, "leader"
        return hit


def _lookup(gaz: Gazetteer, span: Any) -> tuple[str, str, str] | None:
    """The actor an entity names; the ruler's `ent_id_` (a code) decides when the text alone
    does not (a possessive, an odd spelling)."""
    hit = gaz.actor(span.text)
    if hit is None and span.ent_id_:
        code = span.ent_id_
        country, org = gaz.country(code), gaz.org(code)
        if country is not None:
            return code, country.name, "name"
        if org is not None:
            return code, org.name, "org"
    return hit


@dataclass(frozen=True, slots=True)
class Salience:
    """How prominent each state is in an article; `focus` is the most prominent one."""

    weights: dict[str, float]
    #: organisations' weights, for "the alliance", "the bloc".
    orgs: dict[str, float]
    #: weights of states named as places ("in Djibouti", "from Niger", a base or city there):
    #: "in the country", "the junta" most likely mean the host, not the busiest actor.
    hosts: dict[str, float]

    @property
    def focus(self) -> str | None:
        if not self.weights:
            return None
        return max(sorted(self.weights), key=lambda c: self.weights[c])

    @property
    def host_focus(self) -> str | None:
        """The state most named as a place; the focus when none is."""
        if not self.hosts:
            return self.focus
        # a tie goes to the state the article names most, not to the first in the alphabet
        return max(sorted(self.hosts), key=lambda c: (self.hosts[c], self.weights.get(c, 0.0)))

    def best_of(self, codes: frozenset[str]) -> str | None:
        """The most prominent state among `codes` (a region's members), if any is mentioned."""
        found = [c for c in sorted(self.weights) if c in codes]
        return max(found, key=lambda c: self.weights[c]) if found else None


def find_mentions(sent: Any, namer: Namer, lex: Lexicon, *, salient: Salience,
                  regions: Regions, previous_subject: tuple[Mention, ...],
                  recent: tuple[str, ...] = (), light: bool = False) -> list[Mention]:
    """All actor mentions of one sentence, in text order. `light`: named entities only (no
    pronouns, descriptions or untagged leaders) — enough for a sentence with no trigger, whose
    mentions only feed the article's memory."""
    out: list[Mention] = []
    taken: set[int] = set()
    focus = salient.focus
    for ent in sentence_ents(sent):
        if ent.label_ not in _ACTOR_LABELS:
            continue
        hit = namer.actor(ent)
        if hit is None:
            # "the French base in Gao", "the Russian Defence Ministry": a state named inside
            # a facility's or a body's name still names it.
            for tok in ent:
                inner = namer.gaz.actor(tok.text) if tok.pos_ in ("ADJ", "PROPN") else None
                if inner is not None and tok.i not in taken:
                    out.append(Mention(tok.i, tok.i + 1, tok.i, *inner, tok.text))
                    taken.add(tok.i)
            continue
        code, name, how = hit
        code = _disambiguate(code, ent.text, salient, namer.context)
        seat = _seat_of_org(how, ent.text, salient, namer.context)
        if seat is not None:
            code, name, how = seat, seat, "org"
        out.append(Mention(ent.start, ent.end, ent.root.i, code, name, how, ent.text))
        taken.update(range(ent.start, ent.end))
    root_subject = subject_group(sent, out)
    for tok in () if light else sent:
        if tok.i in taken:
            continue
        low = tok.lower_
        if tok.pos_ == "PROPN" and not tok.ent_type_:
            hit = namer.actor(sent.doc[tok.i:tok.i + 1])
            if hit is not None and hit[2] == "leader":
                out.append(Mention(tok.i, tok.i + 1, tok.i, *hit, tok.text))
                taken.add(tok.i)
                continue
        if tok.pos_ == "PRON" and low in PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass"):
            # In a subordinate clause "they" is most often the main clause's subject.
            group = root_subject if tok.head.i != sent.root.i else ()
            group = group or previous_subject
            if low != "they":
                # "The Russian mercenary group Wagner said that it ...": the subject's head,
                # not a state modifying it
                heads = [a for a in group if sent.doc[a.root].dep_ in ("nsubj", "nsubjpass")]
                group = (*heads, *group)[:1]
            out += [Mention(tok.i, tok.i + 1, tok.i, a.code, a.name, "pronoun", tok.text)
                    for a in group]
            continue
        if focus is None or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        before = [m.code for m in reversed(out) if m.start < tok.i
                  and namer.gaz.country(m.code) is not None]
        after = {m.code for m in out if m.start > tok.i and namer.gaz.country(m.code)}
        pair = _pair_reference(tok, (*before, *recent), taken, named_after=len(after))
        if pair:
            start = min((c.i for c in tok.lefts), default=tok.i)
            out += [Mention(start, tok.i + 1, tok.i, c, c, "reference",
                            sent.doc[start:tok.i + 1].text) for c in pair]
            continue
        orgs = tuple(m.code for m in out if m.start < tok.i and m.how == "org")
        org = _org_reference(tok, lex, salient, taken, orgs)
        if org is not None:
            out.append(Mention(tok.i - 1, tok.i + 1, tok.i, org, org, "reference",
                               sent.doc[tok.i - 1:tok.i + 1].text))
            continue
        if _is_reference(tok, lex, taken):
            mods = [c for c in tok.lefts if c.dep_ in ("det", "amod", "compound", "nmod")]
            start = min((c.i for c in mods), default=tok.i)
            local = _host_context(tok, lex)
            ref = _regional(sent.doc[start:tok.i], regions, salient) or (
                salient.host_focus if local else focus)
            if ref is not None:
                out.append(Mention(start, tok.i + 1, tok.i, ref, ref, "reference",
                                   sent.doc[start:tok.i + 1].text))
    out.sort(key=lambda m: m.start)
    return out


def _disambiguate(code: str, text: str, salient: Salience, names: ContextNames) -> str:
    """"eastern Congo" in an article about Goma and Kinshasa is the DRC: a name two states
    share means the one the article otherwise names more."""
    pair = names.shared_codes(text)
    if code not in pair:
        return code

    def weight(c: str) -> float:
        return salient.weights.get(c, 0.0) + salient.hosts.get(c, 0.0)

    return max(pair, key=lambda c: (weight(c), c == code))


def _seat_of_org(how: str, text: str, salient: Salience, names: ContextNames) -> str | None:
    """"Brussels agreed to send a mission" in an article about the EU: the EU."""
    if how != "capital":
        return None
    orgs = [o for o in names.seated_orgs(text) if salient.orgs.get(o)]
    return max(orgs, key=lambda o: salient.orgs[o]) if orgs else None


def subject_group(sent: Any, mentions: list[Mention]) -> tuple[Mention, ...]:
    """The actors named as the subject of a sentence's main verb: "Mali, Burkina Faso and
    Niger announced ..." gives all three (a later "they" stands for the group)."""
    root = sent.root
    subs = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    toks = {t.i for s in subs for t in s.subtree}
    return tuple(m for m in mentions if m.root in toks and m.how != "pronoun")


PAIR_NOUNS = frozenset({"country", "government", "nation", "side", "state", "neighbour",
                         "neighbor", "capital", "ally", "leader", "junta", "ruler", "regime"})
#: how many states a counted plural names: "the two countries", "the three juntas"
_COUNTS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5}


def _pair_reference(tok: Any, recent: tuple[str, ...], taken: set[int], *,
                    named_after: int = 0) -> tuple[str, ...]:
    """"the two countries", "both governments", "the three leaders": the last two (three...)
    states named before — unless the sentence names them after ("in the three junta-ruled
    states ...: in Mali ..., in Burkina Faso ... and in Niger")."""
    if tok.lemma_.lower() not in PAIR_NOUNS or tok.tag_ not in ("NNS", "NNPS"):
        return ()
    counts = [_COUNTS[c.lower_] for c in tok.lefts if c.lower_ in _COUNTS]
    if not counts or any(c.i in taken for c in tok.lefts) or named_after >= counts[0]:
        return ()
    group = tuple(dict.fromkeys(recent))[:counts[0]]
    return group if len(group) == counts[0] else ()


def _org_reference(tok: Any, lex: Lexicon, salient: Salience, taken: set[int],
                   before: tuple[str, ...] = ()) -> str | None:
    """"the alliance", "the bloc": the organisation named last in the same sentence ("the
    ECOWAS heads of state met, and ... their departure from the bloc"), else the one the
    article names most."""
    if not lex.has("org_nouns", tok.lemma_) or tok.i == 0 or tok.doc[tok.i - 1].lower_ != "the":
        return None
    if any(c.i in taken for c in tok.children):
        return None
    if tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "prep" and c.lower_ == "of"
                                         for c in tok.children):
        return None  # "the missions of Niger's ambassadors": several, or named by their "of"
    if before:
        return before[-1]
    if not salient.orgs:
        return None
    return max(sorted(salient.orgs), key=lambda c: salient.orgs[c])


def _is_reference(tok: Any, lex: Lexicon, taken: set[int]) -> bool:
    """A definite description of a state: "the country", "the junta", "the new leaders"."""
    lemma = tok.lemma_.lower()
    if not lex.has("state_nouns", lemma):
        return False
    # Plural "the countries" names several states; only collective plurals refer to one.
    if tok.tag_ in ("NNS", "NNPS") and not lex.has("collective_state_nouns", lemma):
        return False
    dets = [c for c in tok.children if c.dep_ == "det"]
    if not dets or dets[0].lower_ != "the":
        return False
    # "the Malian government" is a named mention already; "the US military" too.
    if any(i in taken for c in tok.children if c.dep_ in ("amod", "compound", "poss")
           for i in range(c.left_edge.i, c.i + 1)):
        return False
    # "the government of Chad", "the country's" ... is named by its complement.
    return not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)


def _host_context(tok: Any, lex: Lexicon) -> bool:
    """Whether a state description stands for the host: "in the country", "left the country",
    "the junta" (a local ruler, not a foreign one)."""
    if lex.has_tok("local_rulers", tok):
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE:
        return True
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("leave", "quit", "exit", "enter")


def _regional(words: Any, regions: Regions, salient: Salience) -> str | None:
    """"the West African country", "the small Horn of Africa state" -> the most prominent
    state of that region in the article."""
    toks = [t for t in words if t.dep_ != "det"]
    for n in range(len(toks)):
        for m in range(len(toks), n, -1):
            members = regions.states_for(" ".join(t.text for t in toks[n:m]))
            if members:
                return salient.best_of(members)
    return None


_HOW_WEIGHT = {"name": 1.0, "alias": 1.0, "demonym": 0.5, "capital": 0.5, "seat": 0.3,
               "leader": 0.7}
_LOCATIVE = frozenset({"in", "from", "to", "into", "inside", "across", "throughout", "within",
                       "of"})


def salience(doc: Any, namer: Namer) -> Salience:
    """Weigh each state's mentions: subjects and hosts count more, modifiers less, and the
    headline twice; the result's `focus` is what "the country" most likely means."""
    weights: dict[str, float] = {}
    orgs: dict[str, float] = {}
    hosts: dict[str, float] = {}
    for n, sent in enumerate(doc.sents):
        headline = 2.0 if n == 0 and not sent.text.rstrip().endswith((".", "?", "!")) else 1.0
        for ent in sentence_ents(sent):
            if ent.label_ not in _ACTOR_LABELS:
                continue
            gaz = namer.gaz
            hit = namer.actor(ent)
            if hit is not None and gaz.org(hit[0]) is not None:
                orgs[hit[0]] = orgs.get(hit[0], 0.0) + 1.0
            place = _place_country(namer, ent, hit)
            if place is not None:
                hosts[place] = hosts.get(place, 0.0) + headline
            if hit is None or gaz.country(hit[0]) is None:
                continue
            root = ent.root
            w = _HOW_WEIGHT.get(hit[2], 0.5)
            if root.dep_ in ("nsubj", "nsubjpass") or (
                    root.dep_ == "poss" and root.head.dep_ in ("nsubj", "nsubjpass")):
                w += 1.5
            elif root.dep_ == "pobj" and root.head.lower_ in ("in", "from", "to", "inside"):
                w += 0.5
            weights[hit[0]] = weights.get(hit[0], 0.0) + w * headline
    return Salience(weights=weights, orgs=orgs, hosts=hosts)


def _place_country(namer: Namer, ent: Any, hit: tuple[str, str, str] | None) -> str | None:
    """The state an entity names as a place: "in Niger", a base, a city, a province (not
    "Niger said")."""
    gaz = namer.gaz
    root = ent.root
    if hit is not None and gaz.country(hit[0]) is not None:
        if hit[2] in ("name", "alias") and root.dep_ == "pobj" and \
                root.head.lower_ in _LOCATIVE - {"of"}:
            return hit[0]
        if hit[2] == "capital" and root.dep_ == "pobj":
            return hit[0]
        return None
    site = gaz.site(ent.text)
    if site is not None:
        return site.country
    city = gaz.city(ent.text) if ent.label_ in ("GPE", "LOC", "FAC") else None
    if city is not None:
        return city.country
    area = namer.areas.lookup(ent.text) if ent.label_ in ("GPE", "LOC", "ORG") else None
    return area.country if area is not None else None
