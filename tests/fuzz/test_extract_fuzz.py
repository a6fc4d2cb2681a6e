"""Property test of extraction: on arbitrary Unicode (and on text built to trigger the rules)
`Pipeline.extract` never raises, and every evidence span slices exactly the sentence it quotes
out of the article text."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sitrep.records import Article

pytestmark = pytest.mark.model

# Fragments that make the rules fire: actors, triggers, places, dates, numbers, and the
# characters that break naive offsets (astral code points, combining marks, CRLF, NBSP).
_FRAGMENTS = ["France", "Niger", "Mali", "Russia", "the United States", "Wagner", "ECOWAS",
              "Niamey", "Air Base 101", "troops", "soldiers", "forces", "withdrew", "deployed",
              "will withdraw", "signed a defence agreement with", "ended the accord with",
              "seized power in", "demanded that", "leave", "from", "to", "in", "on", "by",
              "Monday", "last week", "March 2024", "September 15", "0000-00-00", "2024-13-45",
              "10 billion", "1,000", "-5", "1e309", "Zyxland", "Qqq of Rrr", ".", ",", ";",
              "\n", "\n\n", "\r\n", "\u00a0", "\u2029", "😀", "e\u0301", "\u200b", "\t", "“",
              "”", "—", "Ṁali", "NIGER", "niger"]
_BUILT = st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=40).map(" ".join)
_TEXT = st.one_of(st.text(min_size=1, max_size=400), _BUILT)
_PUBLISHED = st.one_of(st.none(), st.dates(),
                       st.sampled_from([date.min, date.max, date(2024, 5, 11)]))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=_TEXT, published=_PUBLISHED)
@example(text="France withdrew its troops from Niger on Monday.", published=date.max)
@example(text="France withdrew its troops from Niger last week.", published=date.min)
@example(text="Russia deployed 10 billion troops to Mali in March 2024.",
         published=date(2024, 5, 11))
@example(text="😀 e\u0301 France withdrew\r\nits troops from Niger.\u2029Mali 😀",
         published=None)
def test_extract_never_raises_and_evidence_slices_the_text(
        pipeline: Any, text: str, published: date | None) -> None:
    events = pipeline.extract(Article(id="fuzz", text=text, published=published))
    for event in events:
        assert event.doc_id == "fuzz"
        assert event.evidence, event
        for ev in event.evidence:
            assert 0 <= ev.start < ev.end <= len(text)
            assert text[ev.start:ev.end] == ev.text
        assert event.troops is None or event.troops >= 0
        event.to_dict()  # the record serialises
