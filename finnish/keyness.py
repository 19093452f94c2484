"""Key terms of a set of texts: lemmas (and two-word noun phrases) ranked by keyness against general
Finnish.

Keyness is Dunning's log-likelihood of a lemma's count in the texts against its expected count from
the general-Finnish relative frequency (wordfreq Zipf z → 10^(z−9) per word; the reference corpus is
so much larger than the texts that it counts as a fixed rate). Words wordfreq has never seen get the
floor rate of Zipf 1. Only terms that occur more often than expected rank, and general words
(function words, auxiliaries, the most general verbs; data/general_words.yaml) never rank.
Bands come from the general frequency: common (Zipf ≥ 4), workplace (2.5–4), specialised (< 2.5).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from finnish.frequency import zipf
from finnish.model import Analysis, Token
from finnish.profile import Band, KeyTerm
from finnish.term_words import HeadwordCheck, WordCheck, repair_lemmas, spelled_forms
from finnish.yamlio import load_yaml

DATA = Path(__file__).parent / "data"
CONTENT_UPOS = {"NOUN", "ADJ", "VERB"}
ZIPF_FLOOR = 1.0
ZIPF_TOO_GENERAL = 5.6  # the ~300 most frequent Finnish words never rank
BAND_COMMON = 4.0
BAND_WORKPLACE = 2.5
MAX_EXAMPLE_CHARS = 220



@lru_cache(maxsize=1)
def general_words() -> frozenset[str]:
    data = load_yaml((DATA / "general_words.yaml").read_text(encoding="utf-8"))
    return frozenset(str(w).lower() for w in data["lemmas"])


def reference_rate(z: float) -> float:
    return 10 ** (max(z, ZIPF_FLOOR) - 9)


def log_likelihood(count: int, total: int, rate: float) -> float:
    """G² of `count` in `total` words against a fixed reference rate; positive only for overuse."""
    expected = total * rate
    if count <= expected or count == 0:
        return 0.0
    return 2 * (count * math.log(count / expected) - (count - expected))


def band_of(z: float) -> Band:
    if z >= BAND_COMMON:
        return "common"
    if z >= BAND_WORKPLACE:
        return "workplace"
    return "specialised"


@dataclass
class _Candidate:
    lemma: str
    upos: str
    parts: tuple[str, ...] = ()
    multiword: bool = False
    count: int = 0
    sentences: list[tuple[int, int]] = field(default_factory=list)  # (text index, sentence index)


def _clean_parts(parts: Iterable[str]) -> tuple[str, ...]:
    return tuple(p.strip("-") for p in parts if p.strip("-"))


def _is_candidate(tok: Token) -> bool:
    if tok.upos not in CONTENT_UPOS or not tok.is_word:
        return False
    if tok.feats.get("Derivation") == "Minen" and tok.upos == "NOUN" and tok.lemma.endswith(("a", "ä")):
        return False  # a -minen noun lemmatised as its verb (tarkistamisesta → tarkistaa)
    lemma = tok.lemma.lower()
    return len(lemma) >= 3 and lemma not in general_words() and not re.search(r"\d", lemma)


def speaker_labels(analysis: Analysis) -> set[int]:
    """Token indices of dialogue speaker labels ('Myyjä:' at the start of a line, the same word at
    least twice). They are not the task's language and must not count, else every dialogue ranks
    its speakers first. A one-off 'Yleispuhdistusaine: 20 ml …' list label still counts."""
    tokens = analysis.tokens
    found: dict[str, list[int]] = {}
    for i, tok in enumerate(tokens[:-1]):
        if tokens[i + 1].text != ":":
            continue
        line_start = analysis.text.rfind("\n", 0, tok.start) + 1
        if not analysis.text[line_start : tok.start].strip():
            found.setdefault(tok.text.lower(), []).append(i)
    return {i for hits in found.values() if len(hits) >= 2 for i in hits}


def _phrase_of(tokens: Sequence[Token], i: int) -> str | None:
    """Two adjacent words of one sentence forming a noun phrase: adjective + noun (märkä liina) or
    genitive + noun (kassan avain), the first word depending on the second, the head noun in its
    base form."""
    first, head = tokens[i], tokens[i + 1]
    if head.upos != "NOUN" or not _is_candidate(head) or not first.is_word or first.sentence != head.sentence:
        return None
    if first.head != i + 1:
        return None
    if first.upos == "ADJ" or (first.dep == "amod" and first.upos in {"NOUN", "ADJ"}):
        if first.lemma.lower() in general_words() or first.feats.get("Degree") in {"Cmp", "Sup"}:
            return None
        if first.feats.get("VerbForm") == "Part":
            return None
        return f"{first.lemma.lower()} {head.lemma.lower()}"
    if first.upos == "NOUN" and first.feats.get("Case") == "Gen" and first.dep.startswith("nmod"):
        if first.lemma.lower() in general_words():
            return None
        return f"{first.text.lower()} {head.lemma.lower()}"
    return None


def _sentence_text(analysis: Analysis, index: int) -> str:
    from finnish.phrases import strip_speakers  # speaker labels and list numbers are not the example

    s = analysis.sentences[index]
    text = strip_speakers(" ".join(analysis.text[s.start : s.end].split()))
    return text if len(text) <= MAX_EXAMPLE_CHARS else text[: MAX_EXAMPLE_CHARS - 1].rsplit(" ", 1)[0] + " …"


def _count(cand: _Candidate, where: tuple[int, int]) -> None:
    cand.count += 1
    if where not in cand.sentences:
        cand.sentences.append(where)


def _collect(analyses: Sequence[Analysis]) -> tuple[dict[str, _Candidate], dict[str, _Candidate]]:
    """Single-lemma candidates and two-word noun phrases of the texts, with their counts and sentences."""
    candidates: dict[str, _Candidate] = {}
    phrases: dict[str, _Candidate] = {}
    for ti, analysis in enumerate(analyses):
        tokens = analysis.tokens
        labels = speaker_labels(analysis)
        for i, tok in enumerate(tokens):
            if i in labels:
                continue
            if _is_candidate(tok):
                lemma = tok.lemma.lower()
                cand = candidates.setdefault(lemma, _Candidate(lemma, tok.upos, _clean_parts(tok.compound_parts)))
                if not cand.parts and tok.compound_parts:
                    cand.parts = _clean_parts(tok.compound_parts)
                _count(cand, (ti, tok.sentence))
            phrase = _phrase_of(tokens, i) if i + 1 < len(tokens) else None
            if phrase:
                _count(phrases.setdefault(phrase, _Candidate(phrase, "NOUN", (), True)), (ti, tok.sentence))
    return candidates, phrases


def _scored(
    candidates: dict[str, _Candidate], phrases: dict[str, _Candidate], total: int,
    keep: HeadwordCheck | None, min_multiword_count: int,
) -> list[tuple[float, _Candidate, float]]:
    """(keyness, candidate, Zipf) of every term that may rank, most key first."""
    scored: list[tuple[float, _Candidate, float]] = []
    for cand in candidates.values():
        z = zipf(cand.lemma)
        if z >= ZIPF_TOO_GENERAL or (keep is not None and not keep(cand.lemma, cand.parts)):
            continue
        scored.append((log_likelihood(cand.count, total, reference_rate(z)), cand, z))
    for cand in phrases.values():
        if cand.count >= min_multiword_count:
            z = zipf(cand.lemma)  # wordfreq estimates a phrase's frequency from its words
            scored.append((log_likelihood(cand.count, total, reference_rate(z)), cand, z))
    scored = [x for x in scored if x[0] > 0]
    scored.sort(key=lambda x: (-x[0], x[1].lemma))
    return scored


def key_terms(
    analyses: Sequence[Analysis],
    *,
    is_headword: HeadwordCheck | None = None,
    voikko: Any | None = None,
    check_words: bool = True,
    limit: int = 40,
    examples: int = 2,
    min_multiword_count: int = 2,
) -> list[KeyTerm]:
    """The key terms of the texts, most key first. With `is_headword` (the Kotus list) and
    `check_words`, only words rank (finnish.term_words: headwords, compounds of headwords, forms the
    texts spell out) and non-word lemmas are repaired with Voikko first; `check_words=False` is the
    older check (the lemma or its last compound part a headword), kept for the evaluation."""
    keep: HeadwordCheck | None = is_headword
    if is_headword is not None and check_words:
        check = WordCheck(is_headword, voikko, spelled_forms(analyses))
        analyses = repair_lemmas(analyses, check)
        keep = check.keeps
    total = sum(len(a.words) for a in analyses) or 1
    candidates, phrases = _collect(analyses)
    used: set[str] = set()
    return [
        KeyTerm(
            lemma=cand.lemma, count=cand.count, keyness=round(ll, 2), band=band_of(z),
            examples=_pick_examples(analyses, cand.sentences, used, examples), parts=list(cand.parts),
            multiword=cand.multiword, upos=cand.upos, zipf=round(z, 2),
        )
        for ll, cand, z in _scored(candidates, phrases, total, keep, min_multiword_count)[:limit]
    ]


def _pick_examples(analyses: Sequence[Analysis], sentences: list[tuple[int, int]], used: set[str], n: int) -> list[str]:
    """Up to n example sentences: first those no higher-ranked term shows yet, then the short ones
    (a learner reads a short sentence), never a bare heading of one or two words when others exist."""
    texts = list(dict.fromkeys(_sentence_text(analyses[t], s) for t, s in sentences))
    texts.sort(key=lambda x: (x in used, len(x.split()) < 3, len(x) > 140, len(x)))
    chosen = texts[:n]
    used.update(chosen[:1])
    return chosen
