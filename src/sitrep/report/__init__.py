"""Renderings of a Situation for people: text and Markdown (HTML comes later).

The JSON rendering is `Situation.to_dict()`; these only format, they decide nothing.
"""

from .markdown import render_markdown
from .text import render_text

__all__ = ["render_markdown", "render_text"]
