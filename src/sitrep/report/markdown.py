"""The situation as Markdown: headings per section, sources as links."""

from __future__ import annotations

import re

from ..state import Situation, Source
from .lines import sections, source_label, title

__all__ = ["render_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _source(src: Source) -> str:
    label = _md(source_label(src))
    return f"[{label}](<{src.url}>)" if src.url else label


def render_markdown(situation: Situation) -> str:
    """A Markdown report: a title, a section per heading, each line with its sources."""
    out = [f"# {_md(title(situation))}"]
    for section in sections(situation):
        out += ["", f"## {section.heading}", ""]
        if not section.lines:
            out.append("_None known._")
        for line in section.lines:
            out.append(f"- {_md(line.text)}")
            out += [f"  - {_source(src)}" for src in line.sources]
    return "\n".join(out) + "\n"
