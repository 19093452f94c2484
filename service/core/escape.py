"""Escaping of user-written text (names, titles, notes, learner turns) wherever it is rendered:
Markdown (Gradio's Markdown components, Markdown exports) and HTML. In Markdown, HTML is escaped
first (Markdown passes raw HTML through) and then every character with a Markdown meaning is
backslash-escaped, so `<img onerror>`, `[x](javascript:…)`, `**` or a leading `#` show as text."""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>:])")
_LINE_BREAKS = re.compile(r"[\r\n]+")


def md(text: object) -> str:
    """User text as inline Markdown that renders exactly as written (one line)."""
    value = html.escape(_LINE_BREAKS.sub(" ", str(text)), quote=True)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


def md_block(text: object) -> str:
    """User text of several lines as Markdown paragraphs, every line escaped."""
    return "\n".join(md(line) for line in str(text).splitlines())


def html_text(text: object) -> str:
    """User text inside HTML (element content or a quoted attribute)."""
    return html.escape(str(text), quote=True)
