"""The Finnish analyser: spaCy-fi for tokens, parse and morphology; Voikko for lemmas it does not
know and for compound parts. One object per process, thread-safe, cached by text hash."""

from __future__ import annotations

import hashlib
import re
import threading
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Protocol

from finnish.coalesce import Coalescer
from finnish.lemmas import refine as refine_lemma
from finnish.model import Analysis, Sentence, Token
from finnish.pieces import PIECE_CHARS, split_text
from finnish.voikko import VoikkoTools, compound_parts

# Voikko's baseform of an adverb or adposition is its source word (paljon → paljo, takaisin →
# taata), so its lemma replaces spaCy's only for words that inflect.
_INFLECTING = {"NOUN", "VERB", "ADJ", "PROPN", "AUX", "NUM"}


class Analyser(Protocol):
    def analyse(self, text: str) -> Analysis: ...


def _parse_feats(morph: str) -> dict[str, str]:
    if not morph:
        return {}
    out: dict[str, str] = {}
    for part in morph.split("|"):
        key, _, value = part.partition("=")
        if key and value:
            out[key] = value
    return out


class _LruCache:
    def __init__(self, size: int) -> None:
        self._size = size
        self._data: OrderedDict[str, Analysis] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, key: str) -> Analysis | None:
        with self._lock:
            hit = self._data.get(key)
            if hit is not None:
                self._data.move_to_end(key)
            return hit

    def put(self, key: str, value: Analysis) -> None:
        if self._size <= 0:
            return
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self._size:
                self._data.popitem(last=False)


class CachedAnalyser(ABC):
    """Shared caching for every analyser: `_analyse_uncached` is the one method to write."""

    def __init__(self, cache_size: int = 2048) -> None:
        self._cache = _LruCache(cache_size)

    def analyse(self, text: str) -> Analysis:
        key = _LruCache.key(text)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        result = self._analyse_uncached(text)
        self._cache.put(key, result)
        return result

    def analyse_many(self, texts: Iterable[str]) -> list[Analysis]:
        return [self.analyse(t) for t in texts]

    @abstractmethod
    def _analyse_uncached(self, text: str) -> Analysis: ...


BATCH = 16  # texts parsed together at most (eight ≈ a learner's turn each, at about twice the speed)


class SpacyVoikkoAnalyser(CachedAnalyser):
    def __init__(self, model: str = "spacy_fi_experimental_web_md", cache_size: int = 2048) -> None:
        super().__init__(cache_size)
        import spacy  # heavy: loaded once, here

        from finnish.tokens import customise as customise_tokenizer

        self.nlp = customise_tokenizer(spacy.load(model, exclude=["ner"]))
        self.voikko = VoikkoTools()
        self._nlp_lock = threading.Lock()
        self._lexical_cached = lru_cache(maxsize=100_000)(self._lexical)
        # Short texts that threads ask for at the same time (concurrent turns) are parsed together:
        # one nlp.pipe call over several texts is about twice as fast as one call each, and gives
        # the same analyses (tests/finnish/test_analyser_batching.py).
        self.batched = Coalescer(self._pipe, max_batch=BATCH)

    def parse(self, text: str) -> Any:
        """The raw spaCy Doc (for callers that need the parse itself, e.g. benchmarks). A long text
        is parsed in paragraph-sized pieces joined into one Doc: spaCy holds the GIL for the whole of
        one call, and one call over 200,000 characters froze every other thread for a quarter second."""
        if len(text) <= PIECE_CHARS:
            with self._nlp_lock:
                return self.nlp(text)
        from spacy.tokens import Doc

        docs = []
        for piece in split_text(text):
            with self._nlp_lock:  # taken per piece: the turns that arrive meanwhile go in between
                docs.append(self.nlp(piece))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def _pipe(self, texts: list[str]) -> list[Any]:
        with self._nlp_lock:
            return list(self.nlp.pipe(texts, batch_size=len(texts)))

    def _analyse_uncached(self, text: str) -> Analysis:
        doc = self.batched.run(text) if len(text) <= PIECE_CHARS else self.parse(text)
        return self._from_doc(text, doc)

    def analyse_many(self, texts: Iterable[str]) -> list[Analysis]:
        texts = list(texts)
        out: list[Analysis | None] = [None] * len(texts)
        todo: list[int] = []
        for i, t in enumerate(texts):
            hit = self._cache.get(_LruCache.key(t))
            if hit is None:
                todo.append(i)
            else:
                out[i] = hit
        if todo:
            short = [i for i in todo if len(texts[i]) <= PIECE_CHARS]
            parsed: dict[int, Any] = {}
            for j in range(0, len(short), 32):  # the lock per batch (_pipe): turns arriving meanwhile go in between
                chunk = short[j:j + 32]
                parsed.update(zip(chunk, self._pipe([texts[i] for i in chunk]), strict=True))
            for i in todo:
                if i not in parsed:
                    parsed[i] = self.parse(texts[i])  # long: in pieces, see parse()
            docs = [parsed[i] for i in todo]
            for i, doc in zip(todo, docs, strict=True):
                result = self._from_doc(texts[i], doc)
                self._cache.put(_LruCache.key(texts[i]), result)
                out[i] = result
        return [a for a in out if a is not None]

    def lemmatize(self, text: str) -> Analysis:
        """Tokens, lemmas, morphology and compound parts without the dependency parse (about twice
        as fast): for search terms and keyness, where the parse is not used. `dep` is empty, `head`
        is -1 and the whole text is one sentence."""
        return self.lemmatize_many([text])[0]

    def lemmatize_many(self, texts: Iterable[str]) -> list[Analysis]:
        texts = list(texts)
        keys = ["lemmatize:" + _LruCache.key(t) for t in texts]
        out: list[Analysis | None] = [self._cache.get(k) for k in keys]
        todo = [i for i, hit in enumerate(out) if hit is None]
        if todo:
            with self._nlp_lock, self.nlp.select_pipes(disable=["parser"]):
                docs = list(self.nlp.pipe([texts[i] for i in todo], batch_size=64))
            for i, doc in zip(todo, docs, strict=True):
                result = self._from_doc(texts[i], doc)
                self._cache.put(keys[i], result)
                out[i] = result
        return [a for a in out if a is not None]

    def _lexical(
        self, text: str, upos: str, morph: str, spacy_lemma: str, sent_start: bool
    ) -> tuple[str, tuple[str, ...], bool, dict[str, str]]:
        """Lemma, compound parts, whether Voikko knows the form, and feats: a pure function of the
        word and spaCy's reading of it, so it is cached (words repeat, Zipf's law)."""
        feats = _parse_feats(morph)
        lemma = spacy_lemma or text
        parts: tuple[str, ...] = ()
        known = True
        if any(c.isalpha() for c in text) and upos not in {"PUNCT", "SYM"}:
            reading = self.voikko.best_reading(text, upos, feats, lemma)
            known = reading is not None
            if reading is not None:
                if not spacy_lemma or (upos in _INFLECTING and not self.voikko.is_known_lemma(lemma)):
                    lemma = reading.baseform if upos == "PROPN" else reading.baseform.lower()
                elif upos == "PROPN" and sent_start and "PROPN" not in reading.upos_candidates:
                    # a capitalised first word that Voikko knows only as a common word
                    lemma = lemma.lower()
            lemma = refine_lemma(text, upos, feats, lemma, self.voikko)
            if reading is not None and reading.baseform.lower() == lemma.lower():
                parts = compound_parts(text, reading)
        return lemma, parts, known, feats

    def _token(self, tok: Any, index_of: dict[int, int], sentence: int) -> Token:
        text = tok.text
        upos = tok.pos_ or "X"
        lemma, parts, known, feats = self._lexical_cached(
            text, upos, str(tok.morph), tok.lemma_, bool(tok.is_sent_start)
        )
        head = index_of.get(tok.head.i, -1) if tok.head.i != tok.i else -1
        return Token(
            text=text,
            start=tok.idx,
            end=tok.idx + len(text),
            lemma=lemma,
            upos=upos,
            feats=dict(feats),
            compound_parts=parts,
            dep=tok.dep_,
            head=head,
            sentence=sentence,
            known=known,
        )

    def _from_doc(self, text: str, doc: Any) -> Analysis:
        index_of: dict[int, int] = {}
        for tok in doc:
            if not tok.is_space:
                index_of[tok.i] = len(index_of)
        tokens: list[Token] = []
        sentences: list[Sentence] = []
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        for sent in sents:
            words = [t for t in sent if not t.is_space]
            if not words:
                continue
            first = len(tokens)
            for tok in words:
                tokens.append(self._token(tok, index_of, len(sentences)))
            sentences.append(Sentence(tokens[first].start, tokens[-1].end, first, len(tokens)))
        return Analysis(text=text, tokens=tuple(tokens), sentences=tuple(sentences))


_FAKE_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_FAKE_SENT_END = {".", "!", "?"}


class FakeAnalyser(CachedAnalyser):
    """A first-class stand-in for tests of the layers above: regex tokens, lemma = lower-case word,
    upos NOUN for words and PUNCT otherwise. Fast and predictable; knows no Finnish."""

    def _analyse_uncached(self, text: str) -> Analysis:
        tokens: list[Token] = []
        sentences: list[Sentence] = []
        first = 0
        for m in _FAKE_TOKEN.finditer(text):
            word = m.group()
            is_word = any(c.isalpha() for c in word)
            tokens.append(
                Token(
                    text=word,
                    start=m.start(),
                    end=m.end(),
                    lemma=word.lower(),
                    upos="NOUN" if is_word else ("NUM" if word.isdigit() else "PUNCT"),
                    sentence=len(sentences),
                )
            )
            if word in _FAKE_SENT_END:
                sentences.append(Sentence(tokens[first].start, tokens[-1].end, first, len(tokens)))
                first = len(tokens)
        if first < len(tokens):
            sentences.append(Sentence(tokens[first].start, tokens[-1].end, first, len(tokens)))
        return Analysis(text=text, tokens=tuple(tokens), sentences=tuple(sentences))


_shared: dict[tuple[str, str, int], CachedAnalyser] = {}
_shared_lock = threading.Lock()


def build_analyser(mode: str = "spacy", model: str = "spacy_fi_experimental_web_md", cache_size: int = 2048) -> CachedAnalyser:
    """One analyser per process and configuration: spaCy and Voikko load once."""
    key = (mode, model, cache_size)
    with _shared_lock:
        if key not in _shared:
            _shared[key] = FakeAnalyser(cache_size) if mode == "fake" else SpacyVoikkoAnalyser(model, cache_size)
        return _shared[key]
