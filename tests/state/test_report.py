"""Text and Markdown reports: every section, every line with its sources."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sitrep.report import render_markdown, render_text
from sitrep.state import Fact, derive_state

from .test_fold import story


def test_text_report(make, niger_us) -> None:
    s = derive_state(story(make, niger_us), "NER", as_of=date(2024, 5, 11))
    text = render_text(s)
    lines = text.splitlines()
    assert lines[0] == "Niger as of 2024-05-11"
    for heading in ("Foreign forces present", "Presences that ended", "Agreements in force",
                    "Agreements ended", "Government", "Mutual-defence obligations"):
        assert heading in lines
    assert ("  - United States (USA): withdrawal planned since 2024-05; present since "
            "2024-03-18 (reported); 1,000 troops (also reported: 1,100); at Niamey Air Base "
            "101, Niger Air Base 201") in lines
    assert "      “Title of wire-0318”, 2024-03-18" in lines
    assert "  - since 2023-07-26, by coup" in lines
    assert "  - Burkina Faso (BFA), Mali (MLI), Niger (NER): mutual defence since 2023-09-16" \
        in lines


def test_text_report_says_when_nothing_is_known(make) -> None:
    s = derive_state([], "NER", as_of=date(2024, 5, 11), known_at=date(2024, 5, 1))
    text = render_text(s)
    assert text.startswith("NER as of 2024-05-11, as known on 2024-05-01\n")
    assert text.count("none known") == 6


def test_ended_lines_give_both_ends(make, niger_us) -> None:
    text = render_text(derive_state(story(make, niger_us), "NER", as_of=date(2025, 1, 1)))
    assert ("  - United States (USA): from 2024-03-18 (reported) until 2024-09; 1,000 troops "
            "(also reported: 1,100); handed over Niamey Air Base 101 (2024-07-07), Niger Air "
            "Base 201 (2024-09)") in text.splitlines()
    assert ("  - France (FRA) – Niger (NER): several military cooperation agreements; signed "
            "unknown; ended 2023-08-04 (reported)") in text.splitlines()


def test_markdown_report(make, niger_us) -> None:
    md = render_markdown(derive_state(story(make, niger_us), "NER", as_of=date(2024, 5, 11)))
    assert md.startswith("# Niger as of 2024-05-11\n\n## Foreign forces present\n\n- ")
    assert "\n  - [“Title of wire-0318”, 2024-03-18](<https://news.invalid/wire-0318>)\n" in md
    assert "\n## Government\n\n- since 2023-07-26, by coup\n" in md
    assert "_None known._" not in md


def test_markdown_escapes_what_would_be_markup(make) -> None:
    fact = make.fact("coup", "completed", "NER", when="2023-07-26")
    src = replace(fact.sources[0], url=None, title="A *bold* [claim]")
    odd = Fact(fact.event, (src,))
    md = render_markdown(derive_state([odd], "NER", as_of=date(2024, 1, 1)))
    assert "  - “A \\*bold\\* \\[claim\\]”, 2024-01-01\n" in md
    assert md.count("_None known._") == 5
