"""Texts for task-language profiles: pasted text and uploaded .txt, .md, .docx and .pdf files.

Every refusal is a domain error with a message a person understands: too large → 413, unsupported
type → 415, empty or unreadable (encrypted or image-only PDF, broken file) → 422, not Finnish → 422.
"""

from __future__ import annotations

import io
import logging
import time
from dataclasses import dataclass, field
from pathlib import PurePath

from finnish.profile import ProfileText
from finnish.profile_language import check_finnish
from service.core.errors import InvalidInput, TooLarge, UnsupportedMediaType

log = logging.getLogger("tyokieli.ingest")

SUPPORTED = {".txt": "text", ".md": "text", ".docx": "docx", ".pdf": "pdf"}
MIN_WORDS_FOR_LANGUAGE_CHECK = 3


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


@dataclass(frozen=True)
class ParseLimits:
    """What one uploaded file may cost to read: a small .docx can unpack to gigabytes or hold
    millions of empty paragraphs, a PDF thousands of pages. Above these → 422 saying which."""

    unpacked_bytes: int = 20 * 1024 * 1024
    paragraphs: int = 20_000
    pdf_pages: int = 500
    seconds: float = 20.0


@dataclass
class _Deadline:
    name: str
    seconds: float
    started: float = field(default_factory=time.monotonic)

    def check(self) -> None:
        if time.monotonic() - self.started > self.seconds:
            raise InvalidInput(
                f"{self.name} takes too long to read (over {self.seconds:g} seconds): split it into smaller files "
                "or paste its text."
            )


class Ingest:
    def __init__(self, max_upload_bytes: int, max_text_chars: int, limits: ParseLimits | None = None) -> None:
        self.max_upload_bytes = max_upload_bytes
        self.max_text_chars = max_text_chars
        self.limits = limits or ParseLimits()

    def pasted(self, text: str, title: str = "", what: str = "The pasted text") -> ProfileText:
        return ProfileText(text=self._checked(text, what), title=title, kind="pasted")

    def upload(self, upload: Upload) -> ProfileText:
        name = PurePath(upload.filename or "").name or "file"
        suffix = PurePath(name).suffix.lower()
        kind = SUPPORTED.get(suffix)
        if kind is None:
            raise UnsupportedMediaType(
                f"{name}: this file type is not supported. Upload .txt, .md, .docx or .pdf files."
            )
        if len(upload.data) > self.max_upload_bytes:
            raise TooLarge(
                f"{name} is too large: {len(upload.data):,} bytes; the limit is {self.max_upload_bytes:,} bytes."
            )
        if not upload.data.strip():
            raise InvalidInput(f"{name} is empty.")
        deadline = _Deadline(name, self.limits.seconds)
        if kind == "text":
            text = _decode(name, upload.data)
        elif kind == "docx":
            from service.profiles.docx_text import docx_text

            text = docx_text(name, upload.data, self.limits, deadline.check, self.max_text_chars)
        else:
            text = _pdf_text(name, upload.data, self.limits, deadline)
        deadline.check()
        return ProfileText(text=self._checked(text, name), title=PurePath(name).stem, kind=suffix.lstrip("."))

    def all(self, pasted: list[str], uploads: list[Upload]) -> list[ProfileText]:
        """Every text checked before any is used: one bad file refuses the whole request."""
        texts = [self.pasted(t, what=f"Text {i + 1}") for i, t in enumerate(pasted) if t and t.strip()]
        texts += [self.upload(u) for u in uploads]
        if not texts:
            raise InvalidInput("Give at least one text: paste it or upload a file.")
        total = sum(len(t.text) for t in texts)
        if total > self.max_text_chars:
            raise TooLarge(f"The texts are too long together: {total:,} characters; the limit is {self.max_text_chars:,}.")
        return texts

    def _checked(self, text: str, what: str) -> str:
        if not isinstance(text, str) or not text.strip():
            raise InvalidInput(f"{what} is empty: there is no text in it.")
        if len(text) > self.max_text_chars:
            raise TooLarge(f"{what} is too long: {len(text):,} characters; the limit is {self.max_text_chars:,}.")
        lang = check_finnish(text)
        if lang.words >= MIN_WORDS_FOR_LANGUAGE_CHECK and not lang.finnish:
            raise InvalidInput(
                f"{what} does not look like Finnish (only {lang.share:.0%} of its words are Finnish). "
                "A task-language profile needs the Finnish texts of the workplace."
            )
        if lang.words == 0:
            raise InvalidInput(f"{what} has no words in it.")
        return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(name: str, data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InvalidInput(f"{name} is not a readable text file: its character encoding could not be recognised.")
    return str(best)


def _pdf_text(name: str, data: bytes, limits: ParseLimits, deadline: _Deadline) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InvalidInput(f"{name} is an encrypted (password-protected) PDF: save it without a password and try again.")
        if len(reader.pages) > limits.pdf_pages:
            raise InvalidInput(f"{name} has {len(reader.pages):,} pages; the limit is {limits.pdf_pages:,}. "
                               "Upload the pages that describe the task.")
        pages = []
        for page in reader.pages:
            deadline.check()
            pages.append(page.extract_text() or "")
    except InvalidInput:
        raise
    except (PdfReadError, ValueError, OSError, KeyError) as exc:
        raise InvalidInput(f"{name} cannot be read as a PDF file: it is broken or not a PDF.") from exc
    except Exception as exc:  # pypdf raises many kinds of errors on broken files
        log.info("unreadable pdf: %s", type(exc).__name__)
        raise InvalidInput(f"{name} cannot be read as a PDF file: it is broken or not a PDF.") from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise InvalidInput(
            f"{name} has no text layer: it looks like a scanned (image-only) PDF. "
            "Copy the text in by hand or upload a PDF with text."
        )
    return text
