"""The printable word list of a task: each key term with the forms the job uses (and a sentence) and
its English gloss, then the phrases. Plain text/Markdown for the CLI and the info packet."""

from __future__ import annotations

from finnish.vocabulary.model import VocabCard

POS_FI = {"NOUN": "substantiivi", "VERB": "verbi", "ADJ": "adjektiivi", "ADV": "adverbi", "PROPN": "nimi",
          "NUM": "numeraali", "PRON": "pronomini", "ADP": "postpositio"}


def word_lines(cards: list[VocabCard], *, sentences: bool = True, limit: int | None = None) -> list[str]:
    """Markdown list items: '**huone** (substantiivi) — room: huoneessa, huoneeseen …'."""
    out = []
    words = [c for c in cards if c.kind != "phrase"][:limit]
    for card in words:
        forms = ", ".join(dict.fromkeys(f.form for f in card.forms)) or "—"
        gloss = f" — {card.gloss}" if card.gloss else ""
        out.append(f"- **{card.lemma}** ({POS_FI.get(card.pos, card.pos.lower())}){gloss}: {forms}")
        if sentences and card.forms:
            out.append(f"  - *{card.forms[0].sentence}*")
    return out


def phrase_lines(cards: list[VocabCard], limit: int | None = None) -> list[str]:
    return [f"- {c.lemma}" for c in cards if c.kind == "phrase"][:limit]


def word_list_markdown(title: str, cards: list[VocabCard]) -> str:
    lines = [f"# Sanasto: {title}", "", "*Word list: each word with the forms this job uses, and its English gloss "
             "(FreeDict, CC BY-SA 3.0).*", "", "## Sanat (words)", "", *word_lines(cards)]
    phrases = phrase_lines(cards)
    if phrases:
        lines += ["", "## Fraasit (phrases)", "", *phrases]
    return "\n".join(lines) + "\n"
