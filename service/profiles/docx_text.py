"""The text of a .docx, read as a stream with limits instead of loading the whole document tree.

A .docx is a zip of XML parts. A tiny file can unpack to gigabytes, or hold millions of empty
paragraphs that python-docx would build objects for one by one (45 s for a 54 KB file). Here the
zip's declared sizes are checked first, then `word/document.xml` is parsed incrementally: every
paragraph is counted, the text kept is bounded, and the parse time is checked as it goes.
Paragraphs come in document order; a table row becomes its distinct cells joined by " – ".
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import TYPE_CHECKING

from service.core.errors import InvalidInput

if TYPE_CHECKING:
    from service.profiles.ingest import ParseLimits

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT = "word/document.xml"
CHECK_EVERY = 2_000  # events between two looks at the clock


def _refuse_broken(name: str) -> InvalidInput:
    return InvalidInput(f"{name} cannot be opened as a Word (.docx) document.")


def _open_document(name: str, data: bytes, limits: ParseLimits) -> tuple[zipfile.ZipFile, zipfile.ZipInfo]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse_broken(name) from exc
    unpacked = sum(i.file_size for i in infos)
    if unpacked > limits.unpacked_bytes:
        raise InvalidInput(
            f"{name} unpacks to {unpacked:,} bytes; the limit is {limits.unpacked_bytes:,}. "
            "Save the document again without embedded objects, or paste its text."
        )
    try:
        return archive, archive.getinfo(DOCUMENT)
    except KeyError as exc:
        raise _refuse_broken(name) from exc


def docx_text(name: str, data: bytes, limits: ParseLimits, check_time: Callable[[], None], max_chars: int) -> str:
    from lxml import etree

    archive, info = _open_document(name, data, limits)
    parts: list[str] = []
    kept = 0
    paragraphs = 0
    cells: list[str] = []
    cell: list[str] = []
    tables = 0
    events = 0
    try:
        with archive.open(info) as stream:
            context = etree.iterparse(stream, events=("start", "end"), resolve_entities=False, no_network=True,
                                      huge_tree=False, remove_comments=True, remove_pis=True)
            for event, element in context:
                events += 1
                if events % CHECK_EVERY == 0:
                    check_time()
                tag = element.tag
                if event == "start":
                    if tag == W + "tbl":
                        tables += 1
                    continue
                if tag == W + "p":
                    paragraphs += 1
                    if paragraphs > limits.paragraphs:
                        raise InvalidInput(
                            f"{name} has more than {limits.paragraphs:,} paragraphs: split it into smaller files "
                            "or paste its text."
                        )
                    text = _paragraph_text(element)
                    if text.strip():
                        kept += len(text)
                        if tables:
                            cell.append(text)
                        else:
                            parts.append(text)
                elif tag == W + "tc":
                    cells.append("\n".join(cell).strip())
                    cell = []
                elif tag == W + "tr":
                    row = [c for c in dict.fromkeys(cells) if c]
                    if row:
                        parts.append(" – ".join(row))
                    cells = []
                elif tag == W + "tbl":
                    tables = max(0, tables - 1)
                if tag in (W + "p", W + "tr", W + "tbl") and element.getparent() is not None and not tables:
                    element.clear()  # the parsed part of the tree is dropped as we go
                if kept > max_chars * 2:
                    break  # more than any profile can take: the length check that follows refuses it
    except InvalidInput:
        raise
    except Exception as exc:  # zlib, lxml and zip errors of broken files
        raise _refuse_broken(name) from exc
    text = "\n\n".join(parts)
    if not text.strip():
        raise InvalidInput(f"{name} has no text in it.")
    return text


def _paragraph_text(paragraph: object) -> str:
    out: list[str] = []
    for node in paragraph.iter(W + "t", W + "tab", W + "br", W + "cr"):  # type: ignore[attr-defined]
        if node.tag == W + "t":
            out.append(node.text or "")
        elif node.tag == W + "tab":
            out.append("\t")
        else:
            out.append("\n")
    return "".join(out)
