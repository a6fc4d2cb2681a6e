"""One entry point for every rendering of a situation, by format name."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..errors import ConfigError
from ..state import Fact, Situation

__all__ = ["REPORT_FORMATS", "render_report"]

REPORT_FORMATS = ("text", "markdown", "json", "html")


def render_report(situation: Situation, *, fmt: str = "text", facts: Iterable[Fact] = ()) -> str:
    """The situation as text, Markdown, JSON (docs/state.md) or one HTML page (docs/report.md).

    `facts` are those the situation was folded from; the HTML page draws its timeline from
    them (the other formats do not use them).
    """
    if fmt == "json":
        return json.dumps(situation.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown(situation)
    if fmt == "text":
        from .text import render_text

        return render_text(situation)
    if fmt == "html":
        from .html import render_html
        from .timeline import timeline_facts

        shown = timeline_facts(facts, situation.country, as_of=situation.as_of,
                               known_at=situation.known_at)
        return render_html(situation, timeline=shown)
    raise ConfigError(f"unknown report format {fmt!r}: choose one of "
                      f"{', '.join(REPORT_FORMATS)}")
