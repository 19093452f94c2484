"""Long texts are parsed in paragraph-sized pieces (spaCy holds the GIL for the whole of one call):
where to cut them so that they join back to exactly the text."""

from __future__ import annotations

PIECE_CHARS = 2_000


def split_text(text: str, size: int = PIECE_CHARS) -> list[str]:
    """Consecutive pieces of at most about `size` characters that join back to exactly `text`,
    cut after a blank line where there is one, else after a line break, a sentence end or a space
    (in the second half of the piece, so that no piece is tiny)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        j = min(len(text), i + size)
        if j < len(text):
            for mark in ("\n\n", "\n", ". ", "? ", "! ", " "):
                cut = text.rfind(mark, i + size // 2, j)
                if cut > i:
                    j = cut + len(mark)
                    break
        out.append(text[i:j])
        i = j
    return out
