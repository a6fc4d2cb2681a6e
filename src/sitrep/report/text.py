"""The situation as plain text, for a terminal or an e-mail."""

from __future__ import annotations

from ..state import Situation
from .lines import sections, source_label, title

__all__ = ["render_text"]


def render_text(situation: Situation) -> str:
    """A readable report: a title, then each section's lines with their sources."""
    out = [title(situation)]
    for section in sections(situation):
        out += ["", section.heading]
        if not section.lines:
            out.append("  none known")
        for line in section.lines:
            out.append(f"  - {line.text}")
            out += [f"      {source_label(src)}" for src in line.sources]
    return "\n".join(out) + "\n"
