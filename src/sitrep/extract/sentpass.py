"""The sentence pass: in an article the first pass admits, parse only the sentences that matter.

A sentence feeds extraction in two ways (extract/pipeline.py `events_from_doc`): a trigger
in it may give events, and its actor mentions and places feed the article's memory (salience
and focus, the previous subject, owners of forces, recent states, the last place). A sentence
unit is skipped — tokenized, but not tagged, parsed or run through NER — when its words show
that it can do neither:

1. no rule's trigger word form together with that rule's cue words (the first pass's test,
   extract/firstpass.py, applied to the unit): no token of it can give an event;
2. no word of a name an entity may resolve to: every word of some gazetteer form (states,
   organisations, capitals, demonyms, sites), leader's name or area, or of a city whose first
   word is capitalized or follows "the" (city names are also everyday words: "Young", "Buy",
   "Spring"; a city is only ever read off a statistical entity, which starts so);
3. no word a mention may be made of without a name: "they", "it", "he", "she", and the forms of
   state, organisation and pair nouns ("the junta", "the bloc", "the two countries").

Articles with a "that year", "a month later" phrase are parsed whole: those resolve against
the article's earlier DATE entities (extract/timing.py). An article with no unit passing (1)
gives no event and is not parsed at all.

Units are cut cheaply, at blank lines and after a sentence end followed by a capital, and only
where the parser splits too (not after "Gen.", "U.S.", an initial). Neighbouring units to parse
are parsed together; each run of skipped units becomes one sentence with no annotation; one
Doc over the original text is stitched back (`Doc.from_docs`), so evidence offsets stay those
of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..gazetteer import Gazetteer
from ..gazetteer.areas import AreaIndex
from ..gazetteer.leaders import LeaderIndex
from .firstpass import NameTable, Screen, context_words, has_name, name_table, words_of
from .lexicon import Lexicon
from .timing import ANAPHORA

__all__ = ["SentenceScreen", "build_sentence_screen", "plan", "skipped_doc", "stitch", "units"]

#: a candidate cut: a word, then spaces, then what may open a sentence
_GAP = re.compile(r"(\S+)[ \t]+(?=[\"“‘(]?[A-Z])|\n[ \t\r\f\v]*\n\s*")
_END = re.compile(r"([^\W\d_]+|\d+)[.!?][\"”’')]*")
#: capitalized words ending in a period that do not end a sentence
_ABBREVIATIONS = frozenset({
    "gen", "col", "lt", "maj", "capt", "sgt", "adm", "brig", "cmdr", "mr", "mrs", "ms", "dr",
    "st", "mt", "ft", "gov", "sen", "rep", "pres", "prof", "rev", "jr", "sr", "inc", "ltd",
    "co", "corp", "no", "nos", "vol", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "etc", "vs", "approx", "est", "dept", "univ", "gens", "cpl",
    "pvt", "hon", "messrs",
})
_CAPITAL = re.compile(r"(?:\b[Tt]he\s+)([^\W\d_]+)|\b([^\W\d_a-z][^\W\d_]*)")


def units(text: str) -> list[tuple[int, int]]:
    """Cheap sentence units (start, end) covering the whole text, each with its trailing
    whitespace, so that tokenizing a unit alone gives the tokens the whole text has there."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _GAP.finditer(text):
        word = m.group(1)
        if word is not None and not _ends_sentence(word):
            continue
        if m.end() > start:
            out.append((start, m.end()))
            start = m.end()
    if start < len(text) or not out:
        out.append((start, len(text)))
    return out


def _ends_sentence(word: str) -> bool:
    """"withdrew.", "2023.", "Chad." end a sentence; "Gen.", "U.S.", "J." do not."""
    m = _END.fullmatch(word)
    if m is None:
        return False
    stem = m.group(1)
    if stem.isdigit() or stem.islower():
        return len(stem) >= 2 and stem not in _ABBREVIATIONS
    return len(stem) >= 3 and stem.lower() not in _ABBREVIATIONS and not stem.isupper()


@dataclass(frozen=True, slots=True, repr=False)  # its tables are long
class SentenceScreen:
    """Which sentence units need the full pipeline (see the module docstring)."""

    screen: Screen
    #: first word of each gazetteer, leader or area form -> the remaining words of each form
    names: NameTable
    #: the same for city names, whose first word must be capitalized or follow "the"
    cities: NameTable
    #: words a mention may be made of without a name
    context: frozenset[str]

    def may_give_event(self, words: frozenset[str]) -> bool:
        """Whether a unit's words hold some rule's trigger form with its cue words."""
        return self.screen.has_trigger(words)

    def needs_parse(self, text: str, words: frozenset[str] | None = None) -> bool:
        """Whether a unit may give an event or feed the article's memory (`words`: its
        `words_of`, when the caller has them)."""
        words = words_of(text) if words is None else words
        if self.may_give_event(words) or not self.context.isdisjoint(words):
            return True
        if has_name(words, words, self.names):
            return True
        capitals = words_of(" ".join(w for pair in _CAPITAL.findall(text) for w in pair if w))
        return has_name(capitals, words, self.cities)

    def whole(self, text: str) -> bool:
        """Whether an article must be parsed whole (it dates events against earlier dates)."""
        return ANAPHORA.search(text) is not None


def build_sentence_screen(screen: Screen, gaz: Gazetteer, leaders: LeaderIndex,
                          areas: AreaIndex, lex: Lexicon, *, lang: str = "en") -> SentenceScreen:
    """The sentence pass over the first pass's rules and every name or word a mention, place
    or salience lookup may resolve."""
    names = name_table(text for text, _, _ in gaz.surface_forms())
    leader_forms = (form for leader in leaders.leaders for form in (leader.name, *leader.aliases))
    area_forms = (form for area in areas.areas() for form in (area.name, *area.aliases))
    for word, rests in name_table([*leader_forms, *area_forms]).items():
        names[word] = tuple(sorted({*names.get(word, ()), *rests}, key=len))
    return SentenceScreen(screen=screen, names=names, cities=name_table(gaz.city_index().keys()),
                          context=context_words(lex, lang=lang))


def plan(text: str, screen: SentenceScreen) -> list[tuple[int, int, bool]]:
    """The article as runs (start, end, parse) covering it: neighbouring units to parse form
    one run, and neighbouring units to skip another. Empty when no unit may give an event
    (nothing to parse, no event); one run over the whole text when some unit may give an event
    and the article dates events against earlier dates (`SentenceScreen.whole`)."""
    runs: list[tuple[int, int, bool]] = []
    events = False
    for start, end in units(text):
        unit = text[start:end]
        words = words_of(unit)
        events = events or screen.may_give_event(words)
        parse = screen.needs_parse(unit, words)
        if runs and runs[-1][2] == parse:
            runs[-1] = (runs[-1][0], end, parse)
        else:
            runs.append((start, end, parse))
    if not events:
        return []
    return [(0, len(text), True)] if screen.whole(text) else runs


def skipped_doc(nlp: Any, text: str) -> Any:
    """A run that needs no parsing: its tokens as one sentence, with no tags or entities."""
    from spacy.tokens import Doc

    toks = nlp.make_doc(text)
    n = len(toks)
    if n == 0:
        return toks
    return Doc(nlp.vocab, words=[t.text for t in toks], spaces=[bool(t.whitespace_) for t in toks],
               heads=[0] * n, deps=["ROOT"] + ["dep"] * (n - 1))


def stitch(docs: list[Any]) -> Any:
    """One Doc over the runs' docs, in order, their texts joined as they are."""
    from spacy.tokens import Doc

    if len(docs) == 1:
        return docs[0]
    # the runs' tensors differ in width (a skipped run has none); nothing downstream reads them
    return Doc.from_docs(docs, ensure_whitespace=False,  # type: ignore[call-arg]
                         exclude=["tensor", "user_data"])
