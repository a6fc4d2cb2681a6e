"""The first pass: decide cheaply, before any parsing, which articles cannot hold an event.

Parsing is nearly all of extraction's cost, and most news holds no security event. An article
can give an event only if (a) some token may trigger a rule — its lemma, its lower-cased form or
a suffix-stripped form is a trigger lemma (extract/pipeline.py `_rules_for`), with the rule's
required cue words present (`with_any`, `with_child`, a `governed_by` word class, the word
class of an agreement, power or installation theme) — and (b) it
names an actor the gazetteer or the leaders list knows: every actor slot, pronoun and
description ("the junta") resolves through such a name (extract/mentions.py needs a named
state before any description resolves). The screen is a superset test on words: it never
parses, and an article it rejects gives no events with or without it.

Word forms come from the data: each lemma of the rules and the lexicon, inflected by rule
(s/es/ies, d/ed/ied, ing, a doubled last consonant) plus resources/lexicons/<lang>/irregular.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..datafiles import packaged, read_yaml
from ..errors import ResourceError
from ..gazetteer import Gazetteer, fold
from ..gazetteer.leaders import LeaderIndex
from .lexicon import Lexicon
from .rules import RuleSet

__all__ = ["Screen", "build_screen", "inflections", "load_irregular", "words_of"]

# Letter runs: spaCy never splits a run of letters into a trigger and a rest, and a name's
# words are letter runs however it is punctuated ("U.S.", "Côte d'Ivoire", "G5 Sahel").
_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = frozenset("aeiou")
#: rule theme -> the word class one of whose words the theme check needs (extract/themes.py:
#: `agreement_tokens`, "power" objects, `installation_tokens`); other themes are met in ways
#: no single word class bounds (a state as object, an armed organisation as actor).
_THEME_CLASS = {"agreement": "agreement", "power": "power", "installation": "installations"}


def words_of(text: str) -> frozenset[str]:
    """The folded letter runs of a text, each also without a final "s" (plurals, possessives)."""
    words = set(_WORD.findall(fold(text)))
    words.update([w[:-1] for w in words if len(w) > 3 and w.endswith("s")])
    return frozenset(words)


def inflections(lemma: str, irregular: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """Every form of a lemma's letter runs a token of it may take: the lemma, regular noun and
    verb endings, a doubled last consonant ("expelled"), and the irregular forms given."""
    out: set[str] = set()
    for word in _WORD.findall(fold(lemma)):
        out.add(word)
        out.update(irregular.get(word, ()))
        stem = word[:-1] if word.endswith("e") else word
        out.update({word + "s", word + "es", word + "d", word + "ed", stem + "ing",
                    word + "ing", stem + "ed"})
        if word.endswith("man"):
            out.add(word[:-3] + "men")
        if word.endswith("y"):
            out.update({word[:-1] + "ies", word[:-1] + "ied"})
        if len(word) >= 2 and word[-1] not in _VOWELS | {"w", "x", "y"} and word[-2] in _VOWELS:
            # a superset: "quitted", "expelled", but also the harmless "opened"+"openned"
            double = word + word[-1]
            out.update({double + "ed", double + "ing", double + "er", double + "est"})
        out.update({word + "er", word + "est", stem + "er", stem + "est"})
    return frozenset(out)


@lru_cache(maxsize=8)
def load_irregular(lang: str = "en") -> dict[str, tuple[str, ...]]:
    """The packaged irregular forms of a language: lemma -> forms."""
    path: Path = packaged("lexicons", lang, "irregular.yaml")
    data = read_yaml(path, "irregular forms")
    forms = data.get("forms") if isinstance(data, dict) else None
    if not isinstance(forms, dict):
        raise ResourceError(str(path), "expected a mapping with a 'forms' mapping")
    out: dict[str, tuple[str, ...]] = {}
    for lemma, items in forms.items():
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ResourceError(str(path), f"forms of {lemma!r} must be a list of words")
        out[str(lemma)] = tuple(i.lower() for i in items)
    return out


@dataclass(frozen=True, slots=True)
class _Need:
    """What one rule needs in an article's words: a trigger form, and each cue set."""

    triggers: frozenset[str]
    cues: tuple[frozenset[str], ...]


@dataclass(frozen=True, slots=True)
class Screen:
    """The first pass over articles: `admits(text)` is False only when no event can come."""

    needs: tuple[_Need, ...]
    #: first word of each actor form -> the remaining words each form needs
    actors: dict[str, tuple[frozenset[str], ...]]

    def admits(self, text: str) -> bool:
        """Whether the text may hold an event (a trigger with its cues, and a known actor)."""
        words = words_of(text)
        return self.has_trigger(words) and self.has_actor(words)

    def has_trigger(self, words: frozenset[str]) -> bool:
        """Whether some rule's trigger form and all its cue words are among `words`."""
        return any(not need.triggers.isdisjoint(words)
                   and all(not cue.isdisjoint(words) for cue in need.cues)
                   for need in self.needs)

    def has_actor(self, words: frozenset[str]) -> bool:
        """Whether all words of some state, organisation or leader form are among `words`."""
        for word in words:
            for rest in self.actors.get(word, ()):
                if rest <= words:
                    return True
        return False


def build_screen(rules: RuleSet, lex: Lexicon, gaz: Gazetteer, leaders: LeaderIndex, *,
                 lang: str = "en") -> Screen:
    """The first pass for a set of rules, word classes, gazetteer and leaders."""
    irregular = load_irregular(lang)

    def forms(lemmas: Iterable[str]) -> frozenset[str]:
        return frozenset(f for lemma in lemmas for f in inflections(lemma, irregular))

    def first_runs(lemmas: Iterable[str]) -> list[str]:
        # A token is one word: a token of "hand-over" or "coup d'état" (if the tokenizer ever
        # kept one) contains its first letter run, so that run alone stands for the lemma
        # ("over", "out" of "pull-out" would let nearly every article through).
        return [runs[0] for lemma in lemmas if (runs := _WORD.findall(fold(lemma)))]

    needs = []
    for rule in rules.rules:
        trig = rule.trigger
        cues = [forms(trig.with_any), forms(trig.with_child)]
        if trig.governed_by is not None:
            cls = trig.governed_by
            cues.append(forms((*lex.words[cls], *lex.phrases[cls])))
        theme = _THEME_CLASS.get(rule.theme)
        if theme is not None:
            cues.append(forms(lex.words[theme]))
        needs.append(_Need(forms(first_runs(trig.lemmas)), tuple(c for c in cues if c)))
    actors: dict[str, set[frozenset[str]]] = {}
    names = [text for text, _, _ in gaz.surface_forms()]
    names += [form for leader in leaders.leaders for form in (leader.name, *leader.aliases)]
    for name in names:
        words = _WORD.findall(fold(name))
        if words:
            actors.setdefault(words[0], set()).add(frozenset(words[1:]))
    return Screen(needs=tuple(needs),
                  actors={k: tuple(sorted(v, key=len)) for k, v in actors.items()})
