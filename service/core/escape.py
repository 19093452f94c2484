"""Escaping of user-written text (names, titles, notes, learner turns) wherever it is rendered:
Markdown (Gradio's Markdown components, Markdown exports) and HTML. In Markdown, HTML is escaped
first (Markdown passes raw HTML through) and then every character with a Markdown meaning is
backslash-escaped, so `<img onerror>`, `[x](javascript:…)`, `**` or a leading `#` show as text."""

from __future__ import annotations

import html
import re

# Characters that make markup anywhere in a line. Ordinary punctuation of Finnish text ( ) : . - ! (an image needs "[", which is escaped)
# stays as written: it makes markup only at the start of a line, handled by _LINE_START.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~>])")
_LINE_START = re.compile(r"^(\s*)(?:(\d+)([.)])|([-+=])(?=\s|$))")
_LINE_BREAKS = re.compile(r"[\r\n]+")


def md(text: object) -> str:
    """User text as inline Markdown that renders exactly as written (one line)."""
    value = html.escape(_LINE_BREAKS.sub(" ", str(text)), quote=True)
    value = _MARKDOWN_SPECIAL.sub(r"\\\1", value)
    return _LINE_START.sub(lambda m: m.group(1) + (f"{m.group(2)}\\{m.group(3)}" if m.group(2) else f"\\{m.group(4)}"),
                           value, count=1)


def md_block(text: object) -> str:
    """User text of several lines as Markdown paragraphs, every line escaped."""
    return "\n".join(md(line) for line in str(text).splitlines())


def html_text(text: object) -> str:
    """User text inside HTML (element content or a quoted attribute)."""
    return html.escape(str(text), quote=True)
