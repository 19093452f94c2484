"""A long text is parsed in pieces (spaCy holds the GIL for a whole call); the joined analysis has
the same text, offsets and words as the parts parsed one by one."""

from __future__ import annotations

import random

from finnish.analyser import PIECE_CHARS, SpacyVoikkoAnalyser, _pieces

PARAGRAPH = "Siivoan toimiston aamulla. Tyhjennän roskakorit ja pyyhin pöydät. Imuroin lattian."


def test_pieces_join_back_to_the_text_and_stay_short() -> None:
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(["sana ", "lause. ", "\n", "\n\n", "x", "ä"]) for _ in range(rng.randint(0, 4000)))
        pieces = _pieces(text)
        assert "".join(pieces) == text
        assert all(0 < len(p) <= PIECE_CHARS for p in pieces)


def test_a_long_text_is_analysed_whole_with_right_offsets(analyser: SpacyVoikkoAnalyser) -> None:
    text = "\n\n".join([PARAGRAPH] * 80)
    assert len(text) > PIECE_CHARS * 3
    analysis = analyser.analyse(text)
    assert analysis.text == text
    for token in analysis.tokens:
        assert text[token.start:token.end] == token.text
    words = [t.lemma for t in analysis.words]
    assert words.count("roskakori") == 80 and len(analysis.sentences) == 240
