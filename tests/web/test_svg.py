"""templates/web/_svg.html: the world map, the graph and the legend as inline SVG."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser
from typing import Any

import pytest

from sitrep.report.maps import STATUS_STYLES
from sitrep.state import Situation, relations
from sitrep.web.graph import GRAPH_STYLES, graph_view
from sitrep.web.world import world_map

from .conftest import AS_OF

EVIL = "Niger<script>alert(1)</script>"


def href(code: str) -> str:
    return f"/actors/{code}"


class Tags(HTMLParser):
    """Every start tag with its attributes, in order."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]


def renamed(sahel: list[Situation]) -> list[Situation]:
    """The situations with Niger's name made hostile."""
    return [replace(s, names=tuple((c, EVIL if c == "NER" else n) for c, n in s.names))
            for s in sahel]


def world(macros: Any, sahel: list[Situation]) -> str:
    return str(macros.world_svg(world_map(sahel, ended=True), href))


def graph(macros: Any, sahel: list[Situation]) -> str:
    return str(macros.graph_svg(graph_view(relations(sahel, as_of=AS_OF, ended=True)), href))


@pytest.mark.parametrize("draw", [world, graph])
def test_names_are_escaped(macros: Any, sahel: list[Situation], draw: Any) -> None:
    svg = draw(macros, renamed(sahel))
    assert "<script>" not in svg and "Niger&lt;script&gt;" in svg


@pytest.mark.parametrize("draw", [world, graph])
def test_svg_is_an_image_with_a_title(macros: Any, sahel: list[Situation], draw: Any) -> None:
    [svg] = Tags(draw(macros, sahel)).all("svg")
    assert svg["role"] == "img" and svg["aria-label"] == (
        "Foreign forces as of 2024-05-11" if draw is world else "Relations as of 2024-05-11")
    assert "<title>" in draw(macros, sahel)


def test_every_coded_country_links_to_its_page(macros: Any, sahel: list[Situation]) -> None:
    view = world_map(sahel)
    links = [a["href"] for a in Tags(str(macros.world_svg(view, href))).all("a")]
    assert links == [href(s.code) for s in view.shapes if s.code]
    assert "/actors/NER" in links


def test_every_node_links_to_its_page(macros: Any, sahel: list[Situation]) -> None:
    rel = relations(sahel, as_of=AS_OF)
    links = {a["href"] for a in Tags(str(macros.graph_svg(graph_view(rel), href))).all("a")}
    assert links == {href(n.code) for n in rel.nodes}


@pytest.mark.parametrize("styles", [STATUS_STYLES, GRAPH_STYLES])
def test_the_legend_shows_each_status_by_dash_and_words(macros: Any, styles: Any) -> None:
    html = str(macros.legend(styles))
    lines = Tags(html).all("line")
    assert [x["stroke-dasharray"] for x in lines] == [s.dash or "none" for s in styles]
    assert [x["stroke"] for x in lines] == [s.colour for s in styles]
    assert all(f"> {s.label}</li>" in html for s in styles)


@pytest.mark.parametrize("status", [s.status for s in STATUS_STYLES])
def test_arrows_are_dashed_by_status(macros: Any, sahel: list[Situation], status: str) -> None:
    style = next(s for s in STATUS_STYLES if s.status == status)
    view = world_map(sahel, ended=True)
    view = replace(view, lines=tuple(replace(x, style=style) for x in view.lines))
    dashes = {p["stroke-dasharray"] for p in Tags(str(macros.world_svg(view, href))).all("path")
              if p.get("stroke") == style.colour and "stroke-dasharray" in p}
    assert dashes == {style.dash or "none"}


def test_country_fills_follow_the_status_colours(macros: Any) -> None:
    fills = macros.ROLE_FILLS
    assert {s.status: s.colour for s in STATUS_STYLES}.items() <= fills.items()


@pytest.mark.parametrize("draw", [world, graph])
def test_same_input_same_bytes(macros: Any, sahel: list[Situation], draw: Any) -> None:
    assert draw(macros, sahel) == draw(macros, list(reversed(sahel)))


def test_no_script_and_nothing_external(macros: Any, sahel: list[Situation]) -> None:
    html = world(macros, sahel) + graph(macros, sahel)
    assert "<script" not in html and "http://www.w3.org/2000/svg" in html
    assert html.count("http") == 2  # the SVG namespace of each drawing, nothing fetched
