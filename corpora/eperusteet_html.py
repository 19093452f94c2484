"""Plain text out of the HTML fragments of ePerusteet documents: the text of a fragment, and its list
items (the requirements and criteria) without intro lines such as 'Opiskelija osaa'."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

_INTRO = re.compile(r"^(opiskelija|tutkinnon suorittaja|opiskelija tai tutkinnon suorittaja)\b.*\b(osaa|pystyy)\s*:?$", re.I)


class _TextCollector(HTMLParser):
    BLOCKS = {"p", "li", "br", "div", "tr", "h1", "h2", "h3", "h4", "ul", "ol", "table", "td"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.items: list[str] = []
        self._item: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")
        if tag == "li":
            self._item = []

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")
        if tag == "li" and self._item is not None:
            self.items.append(_squash("".join(self._item)))
            self._item = None

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        if self._item is not None:
            self._item.append(data)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def strip_html(value: str | None) -> str:
    """Plain text of an HTML fragment: tags removed, entities decoded, one blank line between blocks."""
    if not value:
        return ""
    p = _TextCollector()
    p.feed(value)
    p.close()
    lines = [_squash(line) for line in "".join(p.parts).split("\n")]
    return "\n".join(line for line in lines if line)


def html_items(value: str | None) -> list[str]:
    """The list items of an HTML fragment, or its paragraphs when it has no list; intro lines
    such as 'Opiskelija osaa' are dropped."""
    if not value:
        return []
    p = _TextCollector()
    p.feed(value)
    p.close()
    items = [i for i in p.items if i] or [line for line in strip_html(value).split("\n")]
    return [_clean_item(i) for i in items if i and not _INTRO.match(i.strip())]


def _clean_item(text: str) -> str:
    return html.unescape(text).strip().rstrip(";").strip()
