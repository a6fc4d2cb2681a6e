"""The first pass: decide cheaply, before any parsing, which articles cannot hold an event.

Parsing is nearly all of extraction's cost, and most news holds no security event. An article
can give an event only if (a) some token may trigger a rule — its lemma, its lower-cased form or
a suffix-stripped form is a trigger lemma (extract/pipeline.py `_rules_for`), with the rule's
required cue words present (`with_any`, `with_child`, a `governed_by` word class, and what its
theme needs: `theme_cues`) — and (b) it names an actor the gazetteer or the leaders list
knows: every actor slot, pronoun and description ("the junta") resolves through such a name
(extract/mentions.py needs a named state before any description resolves). The screen is a
superset test on words: it never parses, and an article it rejects gives no events with or
without it. The sentence pass (extract/sentpass.py) applies (a) to each sentence.

Word forms come from the data: each lemma of the rules and the lexicon, inflected by rule
(s/es/ies, d/ed/ied, ing, a doubled last consonant) plus resources/lexicons/<lang>/irregular.yaml;
the nouns of a nominal word class only by their plurals (extract/lexicon.py `noun_forms`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..datafiles import packaged, paused_gc, read_yaml
from ..errors import ResourceError
from ..gazetteer import Gazetteer, fold
from ..gazetteer.leaders import LeaderIndex
from .lexicon import Lexicon, noun_forms
from .rules import RuleSet

__all__ = ["NameTable", "Screen", "all_forms", "build_screen", "class_forms", "context_words",
           "has_name", "inflections", "load_irregular", "name_table", "theme_cues", "words_of"]

# Letter runs: spaCy never splits a run of letters into a trigger and a rest, and a name's
# words are letter runs however it is punctuated ("U.S.", "Côte d'Ivoire", "G5 Sahel").
_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = frozenset("aeiou")
#: what the forces theme of a verb with no object reads: a state after "from", "out of" or
#: "outside of" ("France withdrew from Mali"; extract/themes.py `_forces`, frames.py `cue`)
_FROM_WORDS = frozenset({"from", "out", "outside"})
#: the pronouns a mention of a bloc may be ("it left the bloc"; extract/mentions.py PRONOUNS)
_BLOC_PRONOUNS = frozenset({"it", "they"})
#: what makes an agreement noun a security one besides the `security` class (themes.py
#: `_is_security`): the noun itself, or a defence word anywhere in the sentence
_SECURE_NOUNS = ("pact", "alliance", "treaty", "sofa", "confederation")
_SECURE_SENTENCE = ("defence", "defense", "military", "security", "troop", "base")


def words_of(text: str) -> frozenset[str]:
    """The folded letter runs of a text, each also without a final "s" (plurals, possessives)."""
    words = set(_WORD.findall(fold(text)))
    words.update([w[:-1] for w in words if len(w) > 3 and w.endswith("s")])
    return frozenset(words)


def inflections(lemma: str, irregular: dict[str, tuple[str, ...]], *,
                comparative: bool = False) -> frozenset[str]:
    """Every form of a lemma's letter runs a token of it may take: the lemma, regular noun and
    verb endings, a doubled last consonant ("expelled"), and the irregular forms given; with
    `comparative`, also -er/-est (the lemmatizer strips those from adjectives only, so a
    noun or verb trigger needs none: "header" is no form of "head")."""
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
            out.update({double + "ed", double + "ing"})
            if comparative:
                out.update({double + "er", double + "est"})
        if comparative:
            out.update({word + "er", word + "est", stem + "er", stem + "est"})
    return frozenset(out)


def all_forms(lemmas: Iterable[str], lang: str = "en", *,
              comparative: bool = False) -> frozenset[str]:
    """Every form of every lemma (`inflections` with the language's irregular forms)."""
    irregular = load_irregular(lang)
    return frozenset(f for lemma in lemmas
                     for f in inflections(lemma, irregular, comparative=comparative))


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


#: one requirement on a text's words: one word of a set, or every word of one name of a table
Req = frozenset[str] | dict[str, tuple[frozenset[str], ...]]
#: met when, for some alternative, each of its requirements is ("a forces word, or 'from'
#: together with a state's whole name")
Cue = tuple[tuple[Req, ...], ...]


def one_of(words: frozenset[str]) -> Cue:
    """The cue met by any one of `words`."""
    return ((words,),)


def _holds(req: Req, words: frozenset[str]) -> bool:
    if isinstance(req, frozenset):
        return not req.isdisjoint(words)
    return has_name(words, words, req)


def _met(cue: Cue, words: frozenset[str]) -> bool:
    return any(all(_holds(req, words) for req in alt) for alt in cue)


@dataclass(frozen=True, slots=True)
class _Need:
    """What one rule needs in an article's words: a trigger form, and each cue."""

    triggers: frozenset[str]
    cues: tuple[Cue, ...]


@dataclass(frozen=True, slots=True)
class Screen:
    """The first pass over articles: `admits(text)` is False only when no event can come."""

    needs: tuple[_Need, ...]
    #: every state, organisation and leader form (`name_table`)
    actors: NameTable
    #: trigger form -> the needs it is a trigger of (a unit holds few trigger forms)
    by_trigger: dict[str, tuple[_Need, ...]]

    def admits(self, text: str) -> bool:
        """Whether the text may hold an event (a trigger with its cues, and a known actor)."""
        words = words_of(text)
        return self.has_trigger(words) and self.has_actor(words)

    def has_trigger(self, words: frozenset[str]) -> bool:
        """Whether some rule's trigger form and all its cue words are among `words`."""
        return any(all(_met(cue, words) for cue in need.cues)
                   for word in words for need in self.by_trigger.get(word, ()))

    def has_actor(self, words: frozenset[str]) -> bool:
        """Whether all words of some state, organisation or leader form are among `words`."""
        return has_name(words, words, self.actors)


#: first folded word of each name -> the remaining words of each name, shortest first
NameTable = dict[str, tuple[frozenset[str], ...]]


def name_table(forms: Iterable[str]) -> NameTable:
    """The table of names `has_name` looks words up in."""
    table: dict[str, set[frozenset[str]]] = {}
    # one fold over all the forms (120k city names): fold's cost is mostly per call
    with paused_gc():
        for line in fold("\n".join(form.replace("\n", " ") for form in forms)).split("\n"):
            words = _WORD.findall(line)
            if words:
                table.setdefault(words[0], set()).add(frozenset(words[1:]))
        return {k: tuple(sorted(v, key=len)) for k, v in table.items()}


def has_name(firsts: frozenset[str], words: frozenset[str], table: NameTable) -> bool:
    """Whether all words of some name in `table` are among `words`, its first among `firsts`."""
    return any(rest <= words for word in firsts for rest in table.get(word, ()))


def class_forms(lex: Lexicon, cls: str, lang: str = "en") -> frozenset[str]:
    """Every form of a word class's words a token may belong to it by (`Lexicon.has_tok`):
    noun forms for a nominal class, all forms for any other."""
    if cls in lex.nominal:
        return frozenset(f for word in lex.words[cls] for f in noun_forms(word))
    return all_forms(lex.words[cls], lang)


def context_words(lex: Lexicon, *, lang: str = "en") -> frozenset[str]:
    """Words a mention may be made of without a name: "they", "it", and every form of a state,
    collective-state, organisation or pair noun ("the junta", "the bloc", "the two countries")."""
    from .mentions import PAIR_NOUNS, PRONOUNS

    return PRONOUNS | all_forms((*PAIR_NOUNS, *lex.words["state_nouns"],
                                 *lex.words["collective_state_nouns"], *lex.words["org_nouns"]),
                                lang)


def theme_cues(lex: Lexicon, gaz: Gazetteer, leaders: LeaderIndex, *,
               lang: str = "en") -> dict[str, Cue]:
    """Theme -> the cue a sentence must meet for a rule's theme check (extract/themes.py
    `has_theme`) to pass; no entry for themes no word bounds ("none"; a person ousted, which
    any PERSON entity may be). Names are matched whole: "national" alone is not the National
    Guard, nor "from the south" a withdrawal from South Sudan.

    - forces: a forces word (`theme_tokens`), an armed seat ("the Pentagon") or an armed
      organisation's name ("Wagner", "MINUSMA"), or "from"/"out of"/"outside of" with what
      may name the host state (a state's name, alias, demonym, capital or seat, a leader's
      name, a pronoun or a state noun);
    - agreement: an agreement noun, and something that makes it a security one (a security
      word, a bloc's name or an organisation noun: `_is_security`);
    - bloc: a bloc's name, or what a mention of one may be without its name (an organisation
      noun, "it", "they"); state and pair nouns ("the country", "both sides") name states;
    - bloc_or_agreement: either of the two above;
    - power, installation: a word of the class.
    """
    forms = list(gaz.surface_forms())
    context = context_words(lex, lang=lang)
    bloc_names = name_table(text for text, _, code in forms if lex.has("blocs", code))
    bloc_refs = all_forms(lex.words["org_nouns"], lang) | _BLOC_PRONOUNS
    # the security class holds adjectives ("allied", "strategic"): their -er forms too
    secure = (all_forms(lex.words["security"], lang, comparative=True)
              | all_forms((*_SECURE_NOUNS, *_SECURE_SENTENCE), lang))
    secure_phrases = name_table(lex.phrases["security"])
    agreement = class_forms(lex, "agreement", lang)
    armed = name_table([*(text for text, _, _ in forms
                          if (org := gaz.match_org(text)) is not None and org.sector == "MIL"),
                        *lex.words["armed_seats"], *lex.phrases["armed_seats"]])
    states = name_table([*(text for text, _, code in forms if gaz.country(code) is not None),
                         *(form for leader in leaders.leaders
                           for form in (leader.name, *leader.aliases))])
    blocs: Cue = ((bloc_names,), (bloc_refs,))
    return {
        "forces": ((class_forms(lex, "forces", lang),), (armed,),
                   (_FROM_WORDS, states), (_FROM_WORDS, context)),
        "agreement": tuple((agreement, req) for req in (secure, secure_phrases, bloc_names,
                                                         bloc_refs)),
        "bloc": blocs,
        "bloc_or_agreement": (*blocs, (agreement, secure), (agreement, secure_phrases)),
        "power": one_of(class_forms(lex, "power", lang)),
        "installation": one_of(class_forms(lex, "installations", lang)),
    }


def build_screen(rules: RuleSet, lex: Lexicon, gaz: Gazetteer, leaders: LeaderIndex, *,
                 lang: str = "en") -> Screen:
    """The first pass for a set of rules, word classes, gazetteer and leaders."""
    def forms(lemmas: Iterable[str]) -> frozenset[str]:
        return all_forms(lemmas, lang)

    def first_runs(lemmas: Iterable[str]) -> list[str]:
        # A token is one word: a token of "hand-over" or "coup d'état" (if the tokenizer ever
        # kept one) contains its first letter run, so that run alone stands for the lemma
        # ("over", "out" of "pull-out" would let nearly every article through).
        return [runs[0] for lemma in lemmas if (runs := _WORD.findall(fold(lemma)))]

    themes = theme_cues(lex, gaz, leaders, lang=lang)
    needs = []
    for rule in rules.rules:
        trig = rule.trigger
        plain = [forms(trig.with_any), forms(trig.with_child)]
        if trig.governed_by is not None:
            cls = trig.governed_by
            plain.append(class_forms(lex, cls, lang) | forms(lex.phrases[cls]))
        theme = themes.get(rule.theme)
        cues = [one_of(w) for w in plain if w] + ([theme] if theme else [])
        triggers = all_forms(first_runs(trig.lemmas), lang, comparative="ADJ" in trig.pos)
        needs.append(_Need(triggers, tuple(cues)))
    actors = name_table([*(text for text, _, _ in gaz.surface_forms()),
                         *(form for leader in leaders.leaders
                           for form in (leader.name, *leader.aliases))])
    by_trigger: dict[str, list[_Need]] = {}
    for need in needs:
        for form in need.triggers:
            by_trigger.setdefault(form, []).append(need)
    return Screen(needs=tuple(needs),
                  actors=actors,
                  by_trigger={k: tuple(v) for k, v in by_trigger.items()})
