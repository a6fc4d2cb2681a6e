"""Word classes the rules refer to (resources/lexicons/<lang>/terms.yaml), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..datafiles import packaged, read_yaml
from ..errors import ResourceError

__all__ = ["Lexicon", "lemma_keys", "load_lexicon", "noun_forms", "noun_keys"]

_REQUIRED = (
    "forces", "agreement", "security", "non_security", "power", "failed_coup", "planned",
    "ongoing", "completed", "hypothetical", "negation", "demand", "demand_object", "reporting",
    "dating_governors", "state_nouns", "collective_state_nouns", "blocs", "coup_agents",
    "leaders", "armed_seats", "officials", "installations",
    "org_nouns", "local_rulers", "personnel", "intent", "territory", "participation",
    "own_orders", "object_not_forces", "leave_verbs", "handover",
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Named sets of lower-cased lemmas (single words) and phrases (several words)."""

    words: dict[str, frozenset[str]]
    phrases: dict[str, tuple[str, ...]]
    #: classes of nouns, which a token belongs to only by a noun form of the word itself
    #: (`noun_keys`), never by the verb endings `lemma_keys` strips
    nominal: frozenset[str] = frozenset()

    def has(self, cls: str, lemma: str) -> bool:
        """Whether `lemma` (any case; a word or a listed phrase) belongs to word class `cls`."""
        low = lemma.lower()
        return low in self.words[cls] or (" " in low and low in self.phrases[cls])

    def has_tok(self, cls: str, tok: Any) -> bool:
        """Whether a spaCy token belongs to the class under any of its `lemma_keys` (of a
        nominal class: its `noun_keys`)."""
        keys = noun_keys(tok.lower_) if cls in self.nominal else lemma_keys(tok)
        return any(k in self.words[cls] for k in keys)


def lemma_keys(tok: Any) -> tuple[str, ...]:
    """The lemma and plausible base forms of a token.

    The small English model's lemmatizer slips on news verbs ("hopes" -> "hop", "ousted" ->
    "oust" is fine but "stationed" -> "stationed"): a light suffix strip of the lower-cased
    word backs it up, so classes and triggers list base forms only.
    """
    return _keys(tok.lemma_, tok.lower_)


@lru_cache(maxsize=65536)
def _keys(lemma: str, low: str) -> tuple[str, ...]:
    keys = [lemma.lower(), low]
    if low.endswith("ies"):
        keys.append(low[:-3] + "y")
    if low.endswith(("es", "ed")):
        keys += [low[:-2], low[:-1]]
    elif low.endswith("s") and not low.endswith("ss"):
        keys.append(low[:-1])
    if low.endswith("ing"):
        keys += [low[:-3], low[:-3] + "e"]
    return tuple(dict.fromkeys(keys))


@lru_cache(maxsize=65536)
def noun_keys(low: str) -> tuple[str, ...]:
    """A lower-cased word and the singulars it may be of ("troops" -> "troop", "armies" ->
    "army", "servicemen" -> "serviceman"). Not the model's lemma, nor a stripped -ed or -ing:
    "United" is no form of "unit", nor "based" of "base", nor "forced" of "force". Word-level
    on purpose: the first pass looks for exactly the `noun_forms` of a class's nouns."""
    keys = [low]
    if low.endswith("s"):
        keys.append(low[:-1])
        if low.endswith("es"):
            keys.append(low[:-2])
        if low.endswith("ies"):
            keys.append(low[:-3] + "y")
    if low.endswith("men"):
        keys.append(low[:-3] + "man")
    return tuple(keys)


def noun_forms(noun: str) -> frozenset[str]:
    """Every word whose `noun_keys` hold `noun` (its inverse): the noun, -s, -es, -y -> -ies,
    -man -> -men."""
    out = {noun, noun + "s", noun + "es"}
    if noun.endswith("y"):
        out.add(noun[:-1] + "ies")
    if noun.endswith("man"):
        out.add(noun[:-3] + "men")
    return frozenset(out)


def load_lexicon(lang: str = "en") -> Lexicon:
    """The packaged word classes for a language."""
    return _load(str(packaged("lexicons", lang, "terms.yaml")))


@lru_cache(maxsize=8)
def _load(path: str) -> Lexicon:
    return parse_lexicon(Path(path))


def parse_lexicon(path: Path) -> Lexicon:
    """Read and validate a terms.yaml file; errors name the file and the class at fault."""
    data = read_yaml(path, "word classes")
    if not isinstance(data, dict) or not isinstance(data.get("classes"), dict):
        raise ResourceError(str(path), "expected a mapping with a 'classes' mapping")
    classes = data["classes"]
    missing = [c for c in _REQUIRED if c not in classes]
    if missing:
        raise ResourceError(str(path), f"missing word classes: {', '.join(missing)}")
    nominal = data.get("nominal", [])
    if not isinstance(nominal, list) or not all(isinstance(n, str) for n in nominal):
        raise ResourceError(str(path), "'nominal' must be a list of class names")
    unknown = [n for n in nominal if n not in classes]
    if unknown:
        raise ResourceError(str(path), f"'nominal' names no class: {', '.join(unknown)}")
    words: dict[str, frozenset[str]] = {}
    phrases: dict[str, tuple[str, ...]] = {}
    for name, items in classes.items():
        if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items):
            raise ResourceError(str(path), f"class {name!r} must be a list of non-empty strings")
        low = [i.lower().replace("_", " ") for i in items]
        words[name] = frozenset(i for i in low if " " not in i)
        phrases[name] = tuple(i for i in low if " " in i)
    return Lexicon(words=words, phrases=phrases, nominal=frozenset(nominal))
