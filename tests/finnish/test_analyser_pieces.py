"""A long text is parsed in pieces (spaCy holds the GIL for a whole call); the joined analysis has
the same text, offsets and words as the parts parsed one by one, and the parser is let go between
the pieces (and between the batches of many short texts), so a turn never waits for all of it."""

from __future__ import annotations

import random

from finnish.analyser import SpacyVoikkoAnalyser
from finnish.pieces import PIECE_CHARS, split_text

PARAGRAPH = "Siivoan toimiston aamulla. Tyhjennän roskakorit ja pyyhin pöydät. Imuroin lattian."


def test_pieces_join_back_to_the_text_and_stay_short() -> None:
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(["sana ", "lause. ", "\n", "\n\n", "x", "ä"]) for _ in range(rng.randint(0, 4000)))
        pieces = split_text(text)
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


class CountingLock:
    """A lock that counts how often it was taken."""

    def __init__(self) -> None:
        import threading

        self.lock, self.taken = threading.Lock(), 0

    def __enter__(self) -> None:
        self.lock.acquire()
        self.taken += 1

    def __exit__(self, *_: object) -> None:
        self.lock.release()


def test_the_parser_is_let_go_between_the_pieces_of_a_long_text(analyser: SpacyVoikkoAnalyser) -> None:
    # so that a learner's turn waits for one piece of a teacher's long upload, not for all of it
    text = "\n\n".join([PARAGRAPH + " Kiitos, osa 1."] * 40)
    pieces = len(split_text(text))
    assert pieces >= 2
    lock, analyser._nlp_lock = analyser._nlp_lock, CountingLock()  # type: ignore[assignment]
    try:
        analyser.parse(text)
        assert analyser._nlp_lock.taken == pieces  # type: ignore[attr-defined]
        many = [f"Lause numero {i} palasista." for i in range(70)]
        analyser._nlp_lock.taken = 0  # type: ignore[attr-defined]
        assert len(analyser.analyse_many(many)) == 70
        assert analyser._nlp_lock.taken == 3  # type: ignore[attr-defined]  # 32 + 32 + 6
    finally:
        analyser._nlp_lock = lock
