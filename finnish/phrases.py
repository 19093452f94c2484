"""Formulaic phrases of a task's texts, found from the parse: imperatives of instructions, polite
requests (Voisitko …? Saanko …?), obligation (pitää/täytyy + infinitive, on pakko), questions and
warnings (Huomio! Älä …! Ei saa …). Lexical cues live in data/phrases.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from finnish.model import Analysis, Token
from finnish.profile import Phrase, PhraseKind
from finnish.yamlio import load_yaml

DATA = Path(__file__).parent / "data"
MAX_PHRASE_WORDS = 12
KIND_ORDER: tuple[PhraseKind, ...] = ("warning", "obligation", "request", "question", "expression", "instruction")
# Speech the texts quote as a model ("Tarvitsetko kassin?"): what the worker can say.
_QUOTED = re.compile(r'["“”]([^"“”\n]{3,160})["“”]')


@lru_cache(maxsize=1)
def phrase_data() -> dict[str, Any]:
    return load_yaml((DATA / "phrases.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _lemmas(name: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in phrase_data()[name])


def _is_imperative(t: Token) -> bool:
    return t.feats.get("Mood") == "Imp" and t.upos in {"VERB", "AUX"}


def _has_infinitive_after(tokens: Sequence[Token], i: int) -> bool:
    return any(t.feats.get("VerbForm") == "Inf" for t in tokens[i + 1 : i + 5])


def classify(tokens: Sequence[Token], sentence_text: str) -> tuple[PhraseKind, str, str] | None:
    """The kind of one sentence and the pattern that made it so (Finnish, English), or None."""
    words = [t for t in tokens if t.is_word]
    if not words:
        return None
    first = words[0]
    lemmas = [t.lemma.lower() for t in words]
    low = sentence_text.lower()
    # warnings and prohibitions
    if first.lemma.lower() in _lemmas("warning_words"):
        return "warning", f"{first.text.capitalize()}! …", "Attention / warning"
    if any(_is_imperative(t) and t.feats.get("Polarity") == "Neg" for t in words):
        return "warning", "Älä / Älkää + verbi", "Don't … (prohibition)"
    for i, t in enumerate(words[:-1]):
        if t.lemma.lower() == "ei" and words[i + 1].lemma.lower() == "saada" and _has_infinitive_after(words, i + 1):
            return "warning", "ei saa + perusmuoto", "must not …"
    if any(lemma in _lemmas("prohibition_lemmas") for lemma in lemmas):
        return "warning", "on kielletty", "is forbidden"
    # obligation
    for i, t in enumerate(words):
        if t.lemma.lower() in _lemmas("obligation_verbs") and t.upos in {"AUX", "VERB"} and _has_infinitive_after(words, i):
            if t.feats.get("Polarity") != "Neg" and not (i and words[i - 1].lemma.lower() == "ei"):
                return "obligation", f"{t.lemma.lower()} + perusmuoto", f"{t.lemma.lower()} + infinitive (must)"
        if t.lemma.lower() == "olla" and i + 1 < len(words) and words[i + 1].lemma.lower() in _lemmas("obligation_nouns"):
            if _has_infinitive_after(words, i + 1):
                return "obligation", f"on {words[i + 1].text.lower()} + perusmuoto", f"it is {words[i + 1].lemma} to …"
        if t.feats.get("PartForm") == "Pres" and t.feats.get("Voice") == "Pass" and i and words[i - 1].lemma == "olla":
            return "obligation", "on + -ttava (pestävä)", "has to be done"
    # polite requests: Voisitko / Olisiko / Saisinko …? Saanko / Voinko …? Voitko + infinitive?
    if first.feats.get("Clitic") == "Ko" and first.lemma.lower() in _lemmas("polite_verbs"):
        conditional = first.feats.get("Mood") == "Cnd"
        asks_leave = first.lemma.lower() in {"saada", "voida"} and (
            first.feats.get("Person") == "1" or _has_infinitive_after(words, 0))
        if conditional or asks_leave:
            return "request", f"{first.text.capitalize()} …?", "polite request"
    if any(t.feats.get("Mood") == "Cnd" and t.feats.get("Person") in {"1", "2"} for t in words[:3]) and "?" in low:
        return "request", "konditionaali (-isi-) …?", "polite conditional"
    if any(re.search(rf"\b{re.escape(w)}\b", low) for w in _lemmas("polite_words")):
        return "request", "kohtelias sana (kiitos, anteeksi, ole hyvä)", "polite word"
    # questions
    if sentence_text.rstrip().endswith("?"):
        return "question", "kysymys (-ko/-kö, mikä, missä …)", "question"
    # instructions
    if _is_imperative(first) or (len(words) > 1 and _is_imperative(words[1]) and first.upos in {"ADV", "SCONJ"}):
        return "instruction", "käskymuoto: verbi + …", "imperative: verb + …"
    if any(_is_imperative(t) and t.dep in {"ROOT", "root"} for t in words):
        return "instruction", "käskymuoto: verbi + …", "imperative: verb + …"
    return None


def _short(text: str) -> str:
    words = text.split()
    if len(words) <= MAX_PHRASE_WORDS:
        return text
    # keep the first clause when the sentence is long
    cut = " ".join(words[:MAX_PHRASE_WORDS])
    for mark in (",", ";", ":"):
        if mark in cut:
            return cut.split(mark, 1)[0] + " …"
    return cut + " …"


_SPEAKER = re.compile(r"^\s*[A-ZÅÄÖ][\w-]{1,30}:\s+")
_TRAILING_SPEAKER = re.compile(r"\s+[A-ZÅÄÖ][\w-]{1,30}:$")


_BULLET = re.compile(r"^\s*(?:\d{1,2}[.)]|[-–—•*])\s+")


def strip_speakers(text: str) -> str:
    """'Myyjä: Kiitos. Asiakas:' → 'Kiitos.' — dialogue speaker labels, list numbers and bullets
    are not part of a phrase."""
    return _BULLET.sub("", _TRAILING_SPEAKER.sub("", _SPEAKER.sub("", text))).strip()


def _add_quoted(found: dict[str, Phrase], quoted: str, sentence: str) -> None:
    """Speech the texts quote as a model (Kysy asiakkaalta: "Tarvitsetko kassin?")."""
    if len(quoted.split()) < 2 or quoted.lower() in found:
        return
    found[quoted.lower()] = Phrase(
        text=quoted, kind="question" if quoted.endswith("?") else "expression",
        pattern="lainaus: näin voit sanoa", pattern_en="quoted: what you can say",
        examples=[sentence] if sentence.strip('"“” ') != quoted else [],
    )


def find_phrases(analyses: Sequence[Analysis], limit: int = 40) -> list[Phrase]:
    """Phrases of every kind, deduplicated; each keeps the sentence it came from as an example."""
    found: dict[str, Phrase] = {}
    for analysis in analyses:
        for si, s in enumerate(analysis.sentences):
            tokens = analysis.sentence_tokens(si)
            text = strip_speakers(" ".join(analysis.text[s.start : s.end].split()))
            if _SPEAKER.match(text + " "):
                continue
            for quoted in _QUOTED.findall(text):
                _add_quoted(found, quoted.strip(), text)
            unquoted = _QUOTED.sub("", text).strip()
            if len(unquoted.strip('"“” .!?')) == 0:
                continue  # the whole sentence is quoted speech, kept above
            kind = classify(tokens, unquoted)  # the frame decides: Kysy asiakkaalta: "…?" is an instruction
            if kind is None:
                continue
            short = _short(text)
            key = short.lower()
            if key in found:
                found[key].count += 1
                continue
            found[key] = Phrase(
                text=short, kind=kind[0], pattern=kind[1], pattern_en=kind[2], count=1,
                examples=[text] if short != text else [],
            )
    phrases = list(found.values())
    # within a kind: repeated phrases first, bare polite words (Kiitos.) after the real formulas
    phrases.sort(key=lambda p: (KIND_ORDER.index(p.kind), p.pattern.startswith("kohtelias"), -p.count))
    # keep a balance: at most limit // 3 of one kind, so instructions do not crowd out the rest
    per_kind = max(3, limit // 3)
    kept: list[Phrase] = []
    seen: dict[str, int] = {}
    for p in phrases:
        if seen.get(p.kind, 0) < per_kind:
            kept.append(p)
            seen[p.kind] = seen.get(p.kind, 0) + 1
    return kept[:limit]
