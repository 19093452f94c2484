"""Test data for the profile tests: Finnish workplace texts and files of every supported kind."""

from __future__ import annotations

import io
from pathlib import Path

TEXTS = Path(__file__).resolve().parents[1] / "data" / "profile"


def cleaning_text() -> str:
    return (TEXTS / "siivous.txt").read_text(encoding="utf-8")


def cashier_text() -> str:
    return (TEXTS / "kierratys.txt").read_text(encoding="utf-8")


def docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def pdf_bytes(text: str | None, password: str | None = None) -> bytes:
    """A PDF with `text` as its text layer, or an image-only page (a drawn box) when text is None."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if text is None:
        pdf.rect(20, 20, 100, 60, style="F")
    else:
        pdf.add_font("DejaVu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
        pdf.set_font("DejaVu", size=11)
        pdf.multi_cell(0, 6, text)
    data = bytes(pdf.output())
    if password is None:
        return data
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(data)).pages:
        writer.add_page(page)
    writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
