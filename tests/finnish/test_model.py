"""The analysis data model: join_analyses builds the analysis of joined texts from their own analyses."""

from __future__ import annotations

import pytest

from finnish.analyser import FakeAnalyser
from finnish.level import estimate_level
from finnish.model import Analysis, Sentence, Token, join_analyses


def _parsed(text: str, heads: list[int]) -> Analysis:
    """A one-sentence analysis of whitespace-separated words with the given heads (-1 = root)."""
    tokens, pos = [], 0
    for i, (word, head) in enumerate(zip(text.split(), heads, strict=True)):
        start = text.index(word, pos)
        pos = start + len(word)
        tokens.append(Token(word, start, pos, word.lower(), "VERB" if head < 0 else "NOUN",
                            dep="root" if head < 0 else "advcl" if i == 0 else "obj", head=head))
    return Analysis(text, tuple(tokens), (Sentence(tokens[0].start, tokens[-1].end, 0, len(tokens)),))


@pytest.fixture
def fake() -> FakeAnalyser:
    return FakeAnalyser()


def test_joined_tokens_point_at_their_own_text(fake: FakeAnalyser) -> None:
    parts = [fake.analyse(t) for t in ["Hei! Minä olen Aino.", "  Tulen huomenna  ", "Kiitos, hei."]]

    joined = join_analyses(parts)

    assert joined.text == "Hei! Minä olen Aino.   Tulen huomenna   Kiitos, hei."
    assert [t.text for t in joined.tokens] == [t.text for a in parts for t in a.tokens]
    assert all(joined.text[t.start : t.end] == t.text for t in joined.tokens)


def test_each_part_keeps_its_own_sentences_shifted_past_the_parts_before(fake: FakeAnalyser) -> None:
    parts = [fake.analyse("Hei! Minä olen Aino."), fake.analyse("Tulen huomenna"), fake.analyse("Kiitos.")]

    joined = join_analyses(parts)

    assert [joined.text[s.start : s.end] for s in joined.sentences] == \
        ["Hei!", "Minä olen Aino.", "Tulen huomenna", "Kiitos."]
    assert [(s.first_token, s.last_token) for s in joined.sentences] == [(0, 2), (2, 6), (6, 8), (8, 10)]
    assert [[t.text for t in joined.sentence_tokens(i)] for i in range(len(joined.sentences))] == \
        [[t.text for t in a.sentence_tokens(i)] for a in parts for i in range(len(a.sentences))]
    assert all(joined.sentences[t.sentence].first_token <= i < joined.sentences[t.sentence].last_token
               for i, t in enumerate(joined.tokens))


def test_heads_point_at_the_same_words_and_roots_stay_roots() -> None:
    first, second = _parsed("Tulen huomenna", [-1, 0]), _parsed("Siivoan keittiön tänään", [-1, 0, 0])

    joined = join_analyses([first, second], sep=" / ")

    assert [t.head for t in joined.tokens] == [-1, 0, -1, 2, 2]
    assert [joined.tokens[t.head].text for t in joined.tokens if t.head >= 0] == ["Tulen", "Siivoan", "Siivoan"]
    assert joined.text == "Tulen huomenna / Siivoan keittiön tänään"
    assert all(joined.text[t.start : t.end] == t.text for t in joined.tokens)


def test_everything_but_the_positions_is_kept(fake: FakeAnalyser) -> None:
    parts = [_parsed("Tulen huomenna", [-1, 0]), fake.analyse("Kiitos.")]

    joined = join_analyses(parts)

    def unplaced(t: Token) -> tuple[object, ...]:
        return t.text, t.lemma, t.upos, t.feats, t.compound_parts, t.dep, t.known

    assert [unplaced(t) for t in joined.tokens] == [unplaced(t) for a in parts for t in a.tokens]


def test_one_analysis_joined_is_itself(fake: FakeAnalyser) -> None:
    alone = fake.analyse("Minä olen Aino.")

    assert join_analyses([alone]) is alone


def test_no_analyses_join_to_an_empty_one() -> None:
    assert join_analyses([]) == Analysis("", (), ())


def test_an_empty_text_among_the_parts_keeps_the_offsets_right(fake: FakeAnalyser) -> None:
    joined = join_analyses([fake.analyse(""), fake.analyse("Hei."), fake.analyse(""), fake.analyse("Moi.")])

    assert joined.text == " Hei.  Moi."
    assert [joined.text[s.start : s.end] for s in joined.sentences] == ["Hei.", "Moi."]
    assert all(joined.text[t.start : t.end] == t.text for t in joined.tokens)


def test_joining_texts_that_end_their_sentences_equals_analysing_the_joined_text(fake: FakeAnalyser) -> None:
    texts = ["Hei! Minä olen Aino.", "Tulen huomenna kello 8.", "Kiitos, hei."]

    assert join_analyses([fake.analyse(t) for t in texts]) == fake.analyse(" ".join(texts))


def test_the_level_estimate_reads_a_joined_analysis_as_the_texts_sentences(analyser) -> None:  # type: ignore[no-untyped-def]
    texts = ["Hei, minä olen Aino ja soitan, koska olen sairas tänään", "Minulla on kuumetta ja kurkku on kipeä.",
             "Tulen takaisin töihin heti, kun olen taas terve ja jaksan tehdä työni.", "Kiitos, että ymmärrät."]
    per_text = [analyser.analyse(t) for t in texts]

    joined = join_analyses(per_text)
    estimate = estimate_level(joined)

    assert estimate.words == sum(len(a.words) for a in per_text)
    assert estimate.sentences == sum(len(a.sentences) for a in per_text)
    assert all(0 <= t.head < len(joined.tokens) and joined.tokens[t.head].sentence == t.sentence
               for t in joined.tokens if t.head >= 0)
    hardest = [r for r in estimate.reasons if r.feature == "hardest_sentence"]
    assert all(any(t.rstrip(".") in r.message_en for t in texts) for r in hardest)
