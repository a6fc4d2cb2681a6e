"""The spaCy pipeline as sitrep loads it: sentence breaks at paragraphs and headlines, the
gazetteer ruler's labels and codes."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(("text", "sentences"), [
    ("Pentagon orders withdrawal\n\nThe Pentagon said so.", 2),
    ("Headline without a stop\nThe body starts here.", 2),
    ("They formed the Alliance of Sahel States (AES),\nwhich binds them to defend each other.", 1),
    ("The juntas signed a charter\nin Bamako on Saturday.", 1),
    ("Chad\n\nChad stunned Paris on Thursday by ending the defence accord.", 2),
])
def test_line_breaks_end_sentences_only_where_a_line_cannot_run_on(
        pipeline: Any, text: str, sentences: int) -> None:
    assert len(list(pipeline.nlp(text).sents)) == sentences


@pytest.mark.parametrize(("text", "entity", "code"), [
    ("Troops left Niger on Friday.", "Niger", "NER"),
    ("Burkina Faso and Mali signed the pact.", "Burkina Faso", "BFA"),
    ("Russian instructors landed in Niamey.", "Niamey", "NER"),
])
def test_the_gazetteer_ruler_codes_what_the_small_model_mislabels(
        pipeline: Any, text: str, entity: str, code: str) -> None:
    ents = {e.text: e.ent_id_ for e in pipeline.nlp(text).ents}
    assert ents.get(entity) == code


def test_stoplisted_compounds_hide_the_state_inside_them(pipeline: Any) -> None:
    doc = pipeline.nlp("Fighters crossed Lake Chad at night.")
    assert "Chad" not in {e.text for e in doc.ents if e.label_ == "GPE"}
