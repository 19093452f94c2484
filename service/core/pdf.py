"""One place that starts a PDF with a font that has the Finnish letters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_LATIN1_STANDINS = {"“": '"', "”": '"', "—": "-", "–": "-", "…": "...", "×": "x", "•": "-"}


def new_pdf() -> tuple[Any, str, Callable[[str], str]]:
    """An A4 FPDF with DejaVu Sans when installed (Debian fonts-dejavu-core), else the core
    Helvetica, whose Latin-1 has ä, ö and å but not every other letter. Returns the document, the
    font family and the function that makes text printable in that font."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    regular, bold = DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf"
    if regular.is_file() and bold.is_file():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        return pdf, "DejaVu", lambda text: text

    def latin1(text: str) -> str:
        for char, standin in _LATIN1_STANDINS.items():
            text = text.replace(char, standin)
        return text.encode("latin-1", "replace").decode("latin-1")

    return pdf, "Helvetica", latin1
