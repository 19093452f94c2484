"""Cards from a task-language profile: every key term (single words, compounds, multiword terms) and
every phrase becomes a card with the forms the task's own texts use, the sentence each comes from,
and cloze items made from those sentences. The other content words the texts use in an inflected
form become cards too (ranked by keyness against general Finnish, then by count), so a profile of a
few hundred words of text gives its learner the job's words in the job's forms, not only its top terms.

The texts are parsed once (the analyser caches by text); a term is found by lemma, a multiword term
as consecutive tokens with its lemmas. No form is ever invented: a card holds only attested forms.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from finnish.analyser import Analyser
from finnish.frequency import zipf
from finnish.keyness import CONTENT_UPOS, general_words, log_likelihood, reference_rate
from finnish.model import Analysis, Token
from finnish.vocabulary import context
from finnish.vocabulary.model import ClozeItem, FormUse, VocabCard

MAX_FORMS = 8
MAX_CLOZE = 6
MIN_WORDS, MAX_WORDS = 3, 30
MAX_WORD_CARDS = 100  # word and term cards of one target: the key terms first, then the texts' other words
Gloss = Callable[[str, str], str | None]
Verify = Callable[[str, str, str], bool]  # (form, lemma, upos): is the form a form of that word (Voikko)?
_LEMMA = re.compile(r"^[a-zåäöšž]+(?:-[a-zåäöšž]+)*$")


def card_key(lemma: str) -> str:
    return hashlib.sha1(lemma.casefold().encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True, slots=True)
class _Sentence:
    text: str
    tokens: tuple[Token, ...]  # the analysis' tokens of this sentence (their indices are global)
    offset: int  # where the sentence starts in the analysed text
    all_tokens: tuple[Token, ...]
    words: tuple[Token, ...] = ()  # the sentence's word tokens (no punctuation or numbers)
    lemmas: tuple[str, ...] = ()  # their lemmas, casefolded


def _sentences(analyses: Iterable[Analysis]) -> list[_Sentence]:
    out: list[_Sentence] = []
    seen: set[str] = set()
    for analysis in analyses:
        for i, s in enumerate(analysis.sentences):
            text = " ".join(analysis.text[s.start:s.end].split())
            if not text or text in seen:
                continue
            seen.add(text)
            tokens = analysis.sentence_tokens(i)
            words = tuple(t for t in tokens if t.is_word)
            out.append(_Sentence(analysis.text[s.start:s.end], tokens, s.start, analysis.tokens, words,
                                 tuple(t.lemma.casefold() for t in words)))
    return out


_LIST_MARK = re.compile(r"^\s*(?:\d+[.)]|[-–•*])\s+")
_SPEAKER = re.compile(r"^\s*[A-ZÅÄÖ][\wåäö-]{1,30}:\s+")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _clean_sentence(text: str) -> str:
    """A sentence as a learner should see it: no list number and no dialogue speaker label in front."""
    return _flat(_SPEAKER.sub("", _LIST_MARK.sub("", _flat(text)), count=1))


def _matches(sent: _Sentence, lemmas: Sequence[str]) -> list[tuple[Token, ...]]:
    n = len(lemmas)
    if lemmas[0] not in sent.lemmas:
        return []
    return [sent.words[i:i + n] for i in range(len(sent.words) - n + 1) if list(sent.lemmas[i:i + n]) == list(lemmas)]


def _cloze(sent: _Sentence, span: tuple[Token, ...], headword: str) -> ClozeItem | None:
    words = [t for t in sent.tokens if t.is_word]
    if not MIN_WORDS <= len(words) <= MAX_WORDS or not any(t.upos in {"VERB", "AUX"} for t in words):
        return None
    if any("Clitic" in t.feats or any(k.startswith("Number[psor") or k == "Person[psor]" for k in t.feats) for t in span):
        return None
    lemmas = {t.lemma.casefold() for t in span}
    if sum(1 for t in words if t.lemma.casefold() in lemmas) > len(span):
        return None  # the word appears twice: the other occurrence would give the answer away
    if context.possessed_by_pronoun(span[-1], sent.tokens, sent.all_tokens):
        return None  # sinun vaunussa / vaunussasi: two spellings of one answer
    start, end = span[0].start - sent.offset, span[-1].end - sent.offset
    cut = context.heading_cut(sent.text, start)
    marker = "\x00"
    cleaned = _clean_sentence(sent.text[cut:start] + marker + sent.text[end:])
    if marker not in cleaned or len(cleaned.split()) < MIN_WORDS:
        return None
    prompt = cleaned.replace(marker, "___") + f" ({headword})"
    sentence = cleaned.replace(marker, " ".join(t.text for t in span))
    targets = [context.target(t, sent.tokens, sent.all_tokens, span) for t in span]
    return ClozeItem(sentence=sentence, prompt=prompt, words=tuple(context.with_head_freedom(targets, span, sent.all_tokens)))


def _term_card(term: dict[str, object], sentences: list[_Sentence], gloss: Gloss) -> VocabCard:
    lemma = str(term["lemma"])
    lemmas = [w.casefold() for w in lemma.split()]
    forms: dict[str, FormUse] = {}
    cloze: list[ClozeItem] = []
    upos = str(term.get("upos") or "")
    for sent in sentences:
        for span in _matches(sent, lemmas):
            form = " ".join(t.text for t in span)
            cleaned = _clean_sentence(sent.text[context.heading_cut(sent.text, span[0].start - sent.offset):])
            if form.casefold() not in cleaned.casefold():
                continue  # a dialogue's speaker label ("Esihenkilö: Hei!") is no use of the word
            forms.setdefault(form.casefold(), FormUse(form=form, sentence=cleaned))
            upos = upos or span[-1].upos
            item = _cloze(sent, span, lemma)
            if item is not None and len(cloze) < MAX_CLOZE and all(c.sentence != item.sentence for c in cloze):
                cloze.append(item)
    multi = len(lemmas) > 1
    return VocabCard(key=card_key(lemma), lemma=lemma, pos=upos or "NOUN", kind="term" if multi else "word",
                     forms=tuple(list(forms.values())[:MAX_FORMS]), gloss=None if multi else gloss(lemma, upos or "NOUN"),
                     band=str(term.get("band") or ""), cloze=tuple(cloze))


def _phrase_card(phrase: dict[str, object]) -> VocabCard:
    text = _flat(str(phrase["text"]))
    examples = [str(e) for e in phrase.get("examples") or [] if isinstance(e, str)]  # type: ignore[attr-defined]
    uses = [FormUse(form=text, sentence=text)] + [FormUse(form=text, sentence=_clean_sentence(e)) for e in examples[:3]]
    return VocabCard(key=card_key(text), lemma=text, pos="PHRASE", kind="phrase", forms=tuple(uses[:MAX_FORMS]),
                     phrase_kind=str(phrase.get("kind") or ""), pattern=str(phrase.get("pattern") or ""),
                     pattern_en=str(phrase.get("pattern_en") or ""))


def profile_sentences(profile: dict[str, object]) -> list[str]:
    """Every sentence a profile itself carries: key-term, phrase and grammar examples and the phrases."""
    out: list[str] = []
    for term in profile.get("key_terms") or []:  # type: ignore[attr-defined]
        out += [str(e) for e in term.get("examples") or []]
    for phrase in profile.get("phrases") or []:  # type: ignore[attr-defined]
        out += [str(phrase.get("text") or "")] + [str(e) for e in phrase.get("examples") or []]
    for feature in profile.get("grammar") or []:  # type: ignore[attr-defined]
        out += [str(e) for e in feature.get("examples") or []]
    return [s for s in dict.fromkeys(_flat(s) for s in out) if s]


def text_words(sentences: Sequence[_Sentence], taken: set[str], verify: Verify | None,
               limit: int) -> list[dict[str, object]]:
    """The texts' other content words (nouns, adjectives, verbs) that appear at least once in an
    inflected form, as key-term entries ranked by keyness against general Finnish, then by count.
    General words (olla, tehdä, asia …) and words Voikko cannot read as forms of their lemma are left out."""
    counts: Counter[tuple[str, str]] = Counter()
    inflected: set[tuple[str, str]] = set()
    total = 0
    general = general_words()
    for sent in sentences:
        spoken = _clean_sentence(sent.text).casefold()
        for tok in sent.tokens:
            if not tok.is_word:
                continue
            total += 1
            lemma = tok.lemma.casefold()
            if tok.upos not in CONTENT_UPOS or lemma in taken or lemma in general or not _LEMMA.match(lemma) \
                    or len(lemma) < 3 or tok.text.casefold() not in spoken:
                continue
            key = (lemma, tok.upos)
            counts[key] += 1
            if key not in inflected and tok.text.casefold() != lemma and (verify is None or verify(tok.text, lemma, tok.upos)):
                inflected.add(key)
    scored = sorted(inflected, key=lambda k: (-log_likelihood(counts[k], total or 1, reference_rate(zipf(k[0]))),
                                              -counts[k], k[0]))
    out: list[dict[str, object]] = []
    for lemma, upos in scored:
        if lemma not in {str(t["lemma"]) for t in out}:
            out.append({"lemma": lemma, "upos": upos, "band": "text"})
        if len(out) >= limit:
            break
    return out


def build_cards(profile: dict[str, object], texts: Sequence[str], analyser: Analyser, gloss: Gloss,
                verify: Verify | None = None, max_words: int = MAX_WORD_CARDS) -> list[VocabCard]:
    """The cards of a profile. `texts` are the task's own texts (a shipped task's workplace texts);
    the profile's own example sentences are always read too. After the key terms and phrases come the
    texts' other inflected content words, up to `max_words` word and term cards in all."""
    sources = [t for t in texts if t.strip()] + profile_sentences(profile)
    sentences = _sentences(analyser.analyse(t) for t in sources)
    cards: dict[str, VocabCard] = {}
    for term in profile.get("key_terms") or []:  # type: ignore[attr-defined]
        card = _term_card(term, sentences, gloss)
        cards.setdefault(card.key, card)
    for phrase in profile.get("phrases") or []:  # type: ignore[attr-defined]
        card = _phrase_card(phrase)
        cards.setdefault(card.key, card)
    words = sum(1 for c in cards.values() if c.kind != "phrase")
    taken = {c.lemma.casefold() for c in cards.values() if c.kind != "phrase"}
    for term in text_words(sentences, taken, verify, max(0, max_words - words)):
        card = _term_card(term, sentences, gloss)
        if card.inflected:
            cards.setdefault(card.key, card)
    return list(cards.values())
