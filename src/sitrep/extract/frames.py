"""The syntactic neighbourhood of a trigger word: its governors, subjects, objects and the
prepositions that introduce each actor mention.

Everything here reads the spaCy dependency parse. The small model often attaches coordinated
country lists or prepositional phrases to the wrong head, so `cue` falls back on the words to
the left of a mention when the parse gives no preposition.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .mentions import Mention

__all__ = ["Cue", "conjuncts", "cue", "governors", "in_other_clause", "made_by", "np_tokens",
           "subjects", "verb_objects"]

#: dependency labels through which a trigger is governed by a higher word in the same clause.
_CLIMB = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "attr", "oprd", "pcomp",
                    "nsubjpass", "nsubj", "conj", "compound", "appos", "csubj", "dative"})
#: clauses that are not part of a noun phrase's own meaning.
_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj"})
#: words skipped when looking left from a mention for the preposition that introduces it.
_LIST_GLUE = frozenset({",", "and", "or", "as", "well", "the", "its", "their", "both", "also",
                        "neighbouring", "neighboring", "fellow", "-", "&", "nor", "either"})


@dataclass(frozen=True, slots=True)
class Cue:
    """How a mention attaches: `word` is a preposition ("from", "out_of") or a dependency label
    ("nsubj", "dobj", "mod"); `head` the token it attaches to (None when found by position)."""

    word: str
    head: Any


def conjuncts(tok: Any) -> list[Any]:
    """The token and the words coordinated with it ("Mali, Burkina Faso and Niger")."""
    return [tok, *[c for c in tok.conjuncts if c.i > tok.i]]


def governors(trigger: Any, *, limit: int = 7) -> list[Any]:
    """Content words above the trigger in its clause, nearest first.

    "ordered ... troops to withdraw" -> [ordered]; "demanded the withdrawal of" -> [demanded];
    "calling for an end to the presence" (from presence) -> [end, calling].
    """
    out: list[Any] = []
    tok = trigger
    for _ in range(limit):
        # A participle clause ("..., completing the withdrawal") shares its main verb's time.
        participle = tok.dep_ == "advcl" and not any(
            c.dep_ in ("nsubj", "mark") for c in tok.children) and (
            tok.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to"
                                     for c in tok.children))
        # ("went on television in mid-March to announce ...": a purpose clause too)
        if (tok.dep_ not in _CLIMB and not participle) or tok.head is tok:
            break
        # "the force, sent at Maputo's request, will fight": a participle modifying a noun
        # is its own event; the clause around the noun says nothing of its status.
        if tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBG"):
            break
        # A noun trigger's own subject ("the withdrawal began") climbs; a verb's does not.
        if tok.dep_ in ("nsubj", "conj", "compound", "appos") and tok.pos_ == "VERB":
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX", "NOUN", "PROPN", "ADJ"):
            out.append(tok)
    return out


def subjects(verb: Any) -> list[Any]:
    """Subject tokens of a verb (with their conjuncts); for a passive, the "by" agent is not
    included (see `agents`)."""
    subs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")
            and c.tag_ not in ("WDT", "WP")]
    if not subs and verb.dep_ in ("conj", "advcl", "xcomp") and \
            verb.head.pos_ in ("VERB", "AUX"):
        # "France signed the pact and ratified it", "Niger cancelled the accord, calling for
        # ...", "parliament voted to demand ...": a verb with no subject shares its head's.
        subs = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subs and verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        subs = [verb.head]
    return [c for s in subs for c in conjuncts(s)]


def verb_objects(verb: Any) -> list[Any]:
    """Direct objects of a verb, with conjuncts; a passive verb's subject counts as object."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
    return [c for o in objs for c in conjuncts(o)]


def made_by(tok: Any) -> bool:
    """"A US-built base", "Russian-made jets", "Turkish-backed fighters", "a US-brokered deal":
    the state made, backs or brokered the thing; it is not its owner or party ("US-led
    forces" it owns)."""
    head = tok.head
    return bool(tok.dep_ == "npadvmod" and head.tag_ == "VBN" and head.lemma_.lower() != "lead")


def in_other_clause(tok: Any, near: set[int]) -> bool:
    """Whether a word sits in a clause of its own, below a verb with a subject or a
    conjunction that is not among `near` ("..., when fighting broke out on the border with
    Azerbaijan")."""
    cur = tok
    for _ in range(10):
        if cur.i in near or cur.head is cur:
            return False
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX") and cur.i not in near and any(
                c.dep_ in ("nsubj", "nsubjpass", "mark") for c in cur.children):
            return True
    return False


def np_tokens(head: Any) -> Iterator[Any]:
    """The tokens of a noun phrase without its nested clauses and non-"of" prepositions."""
    stack = [head]
    while stack:
        tok = stack.pop()
        yield tok
        for child in tok.children:
            if child.dep_ in _CLAUSES or child.dep_ in ("punct", "cc"):
                continue
            if child.dep_ == "prep" and child.lower_ != "of":
                continue
            if child.dep_ == "appos" and child.pos_ != "PROPN":
                continue  # "Australia, PNG's biggest security partner,": a description
            stack.append(child)


def cue(mention: Mention, doc: Any, forces_words: frozenset[str] = frozenset(),
        territory_words: frozenset[str] = frozenset()) -> Cue:
    """The preposition or role by which a mention attaches to the rest of its sentence.

    `forces_words`: nouns whose modifiers name an owner ("US troops"), never a place.
    """
    tok = doc[mention.root]
    while tok.dep_ in ("conj", "appos") and tok.head is not tok:
        tok = tok.head
    # "in the capital of Niamey", "from the town of Gao": the outer preposition counts.
    while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ == "pobj" \
            and tok.head.head.pos_ in ("NOUN",):
        tok = tok.head.head
    if tok.dep_ == "pobj":
        prep = tok.head
        word = prep.lower_
        if word == "of" and prep.head.lower_ in ("out", "outside"):
            return Cue("out_of", prep.head.head)
        if word == "of" and prep.head.dep_ == "prep":
            # "because of", "ahead of": treat like the outer preposition's head.
            return Cue("of", prep.head)
        return Cue(word, prep.head)
    if tok.dep_ in ("amod", "compound", "poss", "nmod", "nummod"):
        head = tok.head
        # "in Syria's north-east", "on Armenia's borders": the place phrase's preposition.
        if head.dep_ == "pobj" and tok.dep_ in ("poss", "compound") and head.pos_ == "NOUN" \
                and head.lemma_.lower() not in forces_words:
            prep = head.head
            return Cue(prep.lower_, prep.head)
        # "on the Armenian side of the border", "on Malian soil"
        if tok.dep_ == "amod" and head.lemma_.lower() in territory_words:
            place = head
            while place.dep_ == "pobj" and place.head.lower_ == "of" \
                    and place.head.head.dep_ == "pobj":
                place = place.head.head
            if place.dep_ == "pobj":
                return Cue(place.head.lower_, place.head.head)
            if place.dep_ in ("dobj", "nsubjpass"):
                return Cue(place.dep_, place.head)
        return Cue("mod", head)
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "agent", "dative"):
        return Cue(tok.dep_, tok.head)
    return _linear_cue(mention, doc)


def _linear_cue(mention: Mention, doc: Any) -> Cue:
    """Look left over list glue ("with neighbouring Burkina Faso, and Mali") for a preposition."""
    i = mention.start - 1
    sent_start = doc[mention.start].sent.start
    steps = 0
    while i >= sent_start and steps < 12:
        tok = doc[i]
        if tok.pos_ == "ADP":
            if tok.lower_ == "of" and i > sent_start and doc[i - 1].lower_ == "out":
                return Cue("out_of", None)
            return Cue(tok.lower_, None)
        if tok.lower_ in _LIST_GLUE or tok.pos_ in ("PROPN", "ADJ", "DET") or tok.ent_type_:
            i -= 1
            steps += 1
            continue
        break
    return Cue(doc[mention.root].dep_, None)
