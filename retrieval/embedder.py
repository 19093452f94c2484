"""Sentence embeddings. One required method: `Embedder.embed_batch(texts) -> (n, dim) float32`, rows
L2-normalised.

The default model is built locally, with no download: a sentence-transformers model (WordEmbeddings →
WordWeights (smooth inverse frequency) → mean Pooling) whose vocabulary is the corpus lemmas and compound parts plus common
Finnish words from wordfreq, and whose vectors come from spaCy-fi's floret table. It is saved in the
sentence-transformers format and loaded with `SentenceTransformer(path)`. Texts are lemmatised by our
analyser before encoding, so siivoan / siivousta / siivoojana meet. A Hugging Face model name
(TYOKIELI_EMBEDDER_MODEL) replaces it where a hub is reachable; it then gets the raw text.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from finnish.analyser import Analyser
from retrieval.text import analyse_all

FLORET_MODEL_VERSION = "floret-lemmas-v4"
COMMON_WORDS = 50_000


class EmbedderError(Exception):
    """An embedding model that cannot be built or loaded."""


class Embedder(Protocol):
    def embed_batch(self, texts: Sequence[str]) -> np.ndarray: ...


def embedder_version(embedder: Embedder) -> str:
    return str(getattr(embedder, "version", type(embedder).__name__))


def _normalise(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float32)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.maximum(norms, 1e-12)


class FakeEmbedder:
    """Predictable and instant, for tests: each lower-case word adds 1 to dimension crc32(word) % dim,
    so texts sharing words are close and a test can predict the ranking. Knows no Finnish."""

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.version = f"fake-{dim}"
        self.calls: list[list[str]] = []

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in t.lower().split():
                w = w.strip(".,:;!?()\"'")
                if w:
                    out[i, zlib.crc32(w.encode()) % self.dim] += 1.0
        return _normalise(out)


class LemmaSentenceEmbedder:
    """A sentence-transformers model over lemmas: texts are lemmatised by the analyser first."""

    def __init__(self, model: Any, analyser: Analyser, version: str) -> None:
        self.model = model
        self.analyser = analyser
        self.version = version

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed_terms(analyse_all(self.analyser, texts))

    def embed_terms(self, terms: Sequence[Sequence[str]]) -> np.ndarray:
        """Embeds texts that are already lemmatised (the index build analyses each chunk once)."""
        lemma_texts = [" ".join(t) for t in terms]
        vecs = self.model.encode(lemma_texts, batch_size=256, convert_to_numpy=True, show_progress_bar=False)
        return _normalise(vecs)


class HubEmbedder:
    """A sentence-transformers model from the Hugging Face hub (raw text in)."""

    def __init__(self, name: str) -> None:
        from sentence_transformers import SentenceTransformer

        try:
            self.model = SentenceTransformer(name, device="cpu")
        except Exception as exc:  # the hub is unreachable or the name is wrong
            raise EmbedderError(
                f"cannot load the embedding model '{name}' ({type(exc).__name__}); unset TYOKIELI_EMBEDDER_MODEL "
                "to use the built-in model"
            ) from None
        self.version = f"hub:{name}"

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        return _normalise(self.model.encode(list(texts), convert_to_numpy=True, show_progress_bar=False))


def _vocabulary(chunk_terms: Sequence[Sequence[str]]) -> list[str]:
    seen: Counter[str] = Counter()
    for terms in chunk_terms:
        seen.update(terms)
    return sorted(seen)


def sif_weights(words: Sequence[str], a: float = 1e-3) -> dict[str, float]:
    """Smooth inverse frequency a / (a + p(w)) with general-Finnish frequencies from wordfreq: frequent
    words weigh little in the sentence vector."""
    from wordfreq import word_frequency

    return {w: a / (a + word_frequency(w, "fi")) for w in words}


def build_floret_model(
    path: Path, nlp_vocab: Any, chunk_terms: Sequence[Sequence[str]], baseforms: Callable[[str], Iterable[str]] | None = None
) -> str:
    """Builds and saves the default model; returns its version string (changes with its vocabulary).

    Texts reach the model lemmatised, so the common words from wordfreq (inflected forms) enter the
    vocabulary as their base forms when `baseforms` (e.g. Voikko) is given."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Pooling, WordEmbeddings, WordWeights
    from sentence_transformers.sentence_transformer.modules.tokenizer import WhitespaceTokenizer
    from wordfreq import top_n_list

    words = _vocabulary(chunk_terms)
    seen = set(words)
    for word in top_n_list("fi", COMMON_WORDS):
        if not word.isalpha():
            continue
        for w in (baseforms(word) if baseforms else [word]):
            w = w.lower()
            if w and w not in seen:
                seen.add(w)
                words.append(w)
    weights = np.stack([np.asarray(nlp_vocab.get_vector(w), dtype=np.float32) for w in words])
    # floret vectors share a common direction: removing the mean and the first principal component
    # sharpens cosine similarity (Arora et al. 2017); pooling is linear, so doing it per word is enough
    weights -= weights.mean(axis=0, keepdims=True)
    pc = np.linalg.svd(weights[:20_000], full_matrices=False)[2][0]
    weights -= np.outer(weights @ pc, pc).astype(np.float32)
    tokenizer = WhitespaceTokenizer(vocab=words, stop_words=[], do_lower_case=True)
    emb = WordEmbeddings(tokenizer, weights, update_embeddings=False)
    word_weights = WordWeights(vocab=words, word_weights=sif_weights(words), unknown_word_weight=1.0)
    pooling = Pooling(weights.shape[1], pooling_mode="mean")
    model = SentenceTransformer(modules=[emb, word_weights, pooling], device="cpu")
    path.mkdir(parents=True, exist_ok=True)
    model.save(str(path))
    version = f"{FLORET_MODEL_VERSION}:{hashlib.sha256(' '.join(words).encode()).hexdigest()[:12]}"
    (path / "tyokieli_model.json").write_text(json.dumps({"version": version, "words": len(words)}) + "\n")
    return version


def load_floret_model(path: Path, analyser: Analyser) -> LemmaSentenceEmbedder:
    from sentence_transformers import SentenceTransformer

    try:
        meta = json.loads((path / "tyokieli_model.json").read_text())
        model = SentenceTransformer(str(path), device="cpu")
    except Exception as exc:
        raise EmbedderError(
            f"the embedding model in {path} is missing or damaged ({type(exc).__name__}); "
            "rebuild it with `tyokieli index build --force`"
        ) from None
    return LemmaSentenceEmbedder(model, analyser, str(meta["version"]))
