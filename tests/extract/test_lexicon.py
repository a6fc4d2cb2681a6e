"""Word classes: nouns are looked up by their noun forms, other classes by lemma and stripped
verb endings; the first pass looks for exactly the noun forms."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sitrep.extract.firstpass import class_forms
from sitrep.extract.lexicon import load_lexicon, noun_forms, noun_keys


def _tok(text: str, lemma: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(lower_=text.lower(), lemma_=lemma or text)


@pytest.mark.parametrize(("word", "cls"), [
    ("troops", "forces"), ("Armies", "forces"), ("servicemen", "forces"), ("bases", "forces"),
    ("garrisons", "installations"), ("facilities", "installations"), ("pacts", "agreement"),
    ("Militaries", "forces"), ("reins", "power_over"),
])
def test_a_noun_or_its_plural_is_of_its_class(word: str, cls: str) -> None:
    assert load_lexicon("en").has_tok(cls, _tok(word))


@pytest.mark.parametrize(("word", "lemma", "cls"), [
    ("United", "United", "forces"),      # not "unit" + "ed"
    ("united", "unite", "forces"),
    ("based", "base", "installations"),  # the verb, even with the noun's lemma
    ("forced", "force", "forces"),
    ("guarded", "guard", "forces"),
    ("controlled", "control", "power"),
    ("dealing", "deal", "agreement"),
])
def test_a_verb_form_is_not_of_a_noun_class(word: str, lemma: str, cls: str) -> None:
    assert not load_lexicon("en").has_tok(cls, _tok(word, lemma))


def test_verb_classes_still_strip_endings() -> None:
    # a stripped ending catches the lemmatizer's slips on verbs ("exited" left as it is)
    lex = load_lexicon("en")
    assert "leave_verbs" not in lex.nominal
    assert lex.has_tok("leave_verbs", _tok("exited"))


def test_noun_forms_are_exactly_the_words_whose_keys_hold_the_noun() -> None:
    lex = load_lexicon("en")
    nouns = {w for cls in lex.nominal for w in lex.words[cls]}
    forms = {f for n in nouns for f in noun_forms(n)}
    for form in forms:
        assert nouns & set(noun_keys(form)), form
    # the other way round, over every word ending the keys may strip
    probes = {w + end for w in nouns for end in ("", "s", "es", "ies", "ed", "ing", "d")}
    probes |= {w[:-1] + "ies" for w in nouns if w.endswith("y")}
    probes |= {w[:-3] + "men" for w in nouns if w.endswith("man")}
    for word in probes:
        if nouns & set(noun_keys(word)):
            assert word in forms, word


def test_the_first_pass_looks_for_noun_forms_of_a_nominal_class() -> None:
    lex = load_lexicon("en")
    forms = class_forms(lex, "forces")
    assert {"troops", "armies", "servicemen", "united"} & forms == {"troops", "armies",
                                                                     "servicemen"}
    assert {"exited", "exiting", "left"} <= class_forms(lex, "leave_verbs")
