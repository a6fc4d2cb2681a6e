"""The HTML page: deterministic, escaped, self-contained, and saying what the text report says."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from sitrep.records import Evidence
from sitrep.report import render_html, render_text
from sitrep.report.html import safe_url
from sitrep.report.lines import sections
from sitrep.report.maps import build_map
from sitrep.state import Fact, Situation, derive_state

from .conftest import AB201, AS_OF, Make, Page

ATTACK = '<script>alert(1)</script><img src=x onerror="alert(2)">'


@pytest.fixture(scope="module")
def page(situation: Situation, niger: list[Fact]) -> str:
    return render_html(situation, timeline=niger)


@pytest.fixture(scope="module")
def hostile(make: Make) -> str:
    """A page whose every text field carries markup: sentence, title, url, names, place."""
    fact = make.fact("deploy", "ongoing", "FRA", ["NER"], doc="evil", text=ATTACK,
                     url='javascript:alert(3)//" onmouseover="alert(4)')
    src = replace(fact.sources[0], title=ATTACK)
    actor = replace(fact.event.actor, name=ATTACK)
    place = replace(AB201, name=ATTACK)
    event = replace(fact.event, actor=actor, place=place,
                    evidence=(Evidence(ATTACK, 0, len(ATTACK)),))
    odd = Fact(event, (src,))
    return render_html(derive_state([odd], "NER", as_of=AS_OF), timeline=[odd])


def test_the_same_input_gives_the_same_bytes(situation: Situation, niger: list[Fact],
                                             page: str) -> None:
    again = derive_state(list(reversed(niger)), "NER", as_of=AS_OF)
    assert render_html(again, timeline=list(reversed(niger))).encode() == page.encode()


_RENDER = """
import sys
from tests.report.conftest import AS_OF, Make, niger_facts
from sitrep.report import render_html
from sitrep.state import derive_state
facts = niger_facts(Make())
page = render_html(derive_state(facts, "NER", as_of=AS_OF), timeline=facts)
sys.stdout.buffer.write(page.encode())
"""


def test_the_bytes_do_not_depend_on_the_process(page: str) -> None:
    root = Path(__file__).parents[2]
    env = {**os.environ,
           "PYTHONPATH": os.pathsep.join([str(root / "src"), str(root), str(root / "tests")])}
    outs = {subprocess.run([sys.executable, "-c", _RENDER], env={**env, "PYTHONHASHSEED": seed},
                           capture_output=True, check=True, cwd=root).stdout
            for seed in ("1", "2")}
    assert outs == {page.encode()}


def test_it_is_one_html_document(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert page.endswith("</html>\n")
    tags = Page(page).tags
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in tags


def test_data_is_escaped_not_executed(hostile: str) -> None:
    tags = Page(hostile).tags
    assert [t for t, _ in tags if t in ("script", "img", "iframe", "object", "embed")] == []
    assert [(t, k) for t, a in tags for k in a if k.startswith("on")] == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile
    assert ATTACK not in hostile


def test_a_non_http_url_is_not_a_link(hostile: str) -> None:
    hrefs = [a["href"] for t, a in Page(hostile).tags if t == "a"]
    assert hrefs and all(h is not None and h.startswith("#") for h in hrefs)


def test_nothing_is_loaded_from_anywhere(page: str, situation: Situation,
                                         niger: list[Fact]) -> None:
    tags = Page(page).tags
    urls = {s.url for f in niger for s in f.sources}
    for tag, attrs in tags:
        assert tag not in ("script", "link", "img", "iframe", "object", "embed", "base")
        assert "src" not in attrs and "xlink:href" not in attrs
        if "href" in attrs:
            href = attrs["href"]
            assert href is not None and (href.startswith("#") or href in urls), href
    assert "url(" not in page and "@import" not in page
    csp = [a["content"] for t, a in tags if t == "meta" and a.get("http-equiv")]
    assert csp == ["default-src 'none'; style-src 'unsafe-inline'"]


def test_every_source_link_and_sentence_is_there(page: str, situation: Situation) -> None:
    tags = Page(page).tags
    hrefs = {a["href"] for t, a in tags if t == "a"}
    for sec in sections(situation):
        for line in sec.lines:
            for src in line.sources:
                assert src.url in hrefs
                assert all(e.text in page for e in src.evidence)
    assert len([t for t, _ in tags if t == "details"]) >= len(situation.presence)


def test_it_says_what_the_text_report_says(page: str, situation: Situation) -> None:
    words = Page(page).words
    for line in render_text(situation).splitlines()[1:]:
        text = line.strip().removeprefix("- ")
        if text and text != "none known" and not text.startswith("“"):
            assert text in words


def test_the_host_shape_is_in_the_svg(page: str) -> None:
    hosts = [a for t, a in Page(page).tags if t == "path" and a.get("class") == "land host"]
    assert len(hosts) == 2  # overview and close-up
    assert all(re.fullmatch(r"(M[-\d. ]+l[-\d. ]+z)+", a["d"] or "") for a in hosts)


def test_every_presence_actor_appears(page: str, situation: Situation) -> None:
    words = Page(page).words
    for p in situation.presence:
        assert f"{situation.name(p.actor)} ({p.actor})" in words


def test_a_place_marker_is_drawn_inside_the_view_box(page: str, situation: Situation) -> None:
    close = build_map(situation).views[-1]
    *_, (w, h, svg) = re.findall(r'<svg class="map" viewBox="0 0 ([\d.]+) ([\d.]+)"(.*?)</svg>',
                                 page, re.S)
    width, height = float(w), float(h)
    circles = re.findall(r'<circle cx="([-\d.]+)" cy="([-\d.]+)"', svg)
    assert len(circles) == len(close.markers) > 0
    for (cx, cy), marker in zip(circles, close.markers, strict=True):
        assert (float(cx), float(cy)) == pytest.approx((marker.x, marker.y), abs=0.05)
        assert 0 < float(cx) < width and 0 < float(cy) < height


def test_the_timeline_table_is_in_date_order(page: str, niger: list[Fact]) -> None:
    dates = re.findall(r'<td data-label="Date" class="date">([\d-]+)', page)
    assert len(dates) == len(niger)
    assert dates == sorted(dates)
    assert dates[0] == "2023-07-26"


def test_a_timeline_fact_after_as_of_is_marked(make: Make, situation: Situation) -> None:
    late = make.fact("withdraw", "completed", "USA", ["NER"], when="2024-09-16",
                     published="2024-09-17")
    html = render_html(situation, timeline=[late])
    assert "after the as-of date" in Page(html).words


def test_an_empty_situation_says_nothing_is_known() -> None:
    empty = derive_state([], "NER", as_of=date(2024, 5, 11), known_at=date(2024, 5, 1))
    page = Page(render_html(empty))
    assert ("Nothing is known about Niger as of 2024-05-11, as known on 2024-05-01"
            in page.words)
    assert page.words.count("None known.") == 6
    assert "No dated facts were given for the timeline." in page.words


def test_a_typical_page_is_small(page: str) -> None:
    assert len(page.encode()) < 300_000


@pytest.mark.parametrize("url, safe", [
    ("https://news.invalid/a?b=1&c=2", True), ("http://x.invalid/", True),
    ("HTTPS://X.INVALID/", True), ("javascript:alert(1)", False),
    ("data:text/html,<b>", False), ("file:///etc/passwd", False), ("//cdn.invalid/x", False),
    ("/relative", False), ("https://x.invalid/a b", False), ("https:///nohost", False),
    (None, False), ("", False),
])
def test_only_http_urls_become_links(url: str | None, safe: bool) -> None:
    assert safe_url(url) == (url if safe else None)
