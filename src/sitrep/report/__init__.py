"""Renderings of a Situation for people: text, Markdown and a self-contained HTML page.

The JSON rendering is `Situation.to_dict()`; these only format, they decide nothing.
Importing this package stays light: the HTML rendering loads Jinja2 and the world map on
first use.
"""

from .html import render_html
from .markdown import render_markdown
from .render import REPORT_FORMATS, render_report
from .text import render_text
from .timeline import timeline_facts

__all__ = ["REPORT_FORMATS", "render_html", "render_markdown", "render_report", "render_text",
           "timeline_facts"]
