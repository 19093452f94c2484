"""Builds a task-language profile from a task's title, description and authentic workplace texts.

texts → analyser (one batch parse) → key terms (keyness vs general Finnish, Kotus headwords),
phrases (from the parse), grammar focus (vs UD reference shares), text levels (finnish.level),
situations (cues in data/situations.yaml). Ambiguous lemmas of key terms get a second opinion
(finnish.lemma_choice) → CEFR target per skill with reasons.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from finnish.analyser import CachedAnalyser
from finnish.grammar_focus import grammar_focus
from finnish.keyness import HeadwordCheck, key_terms
from finnish.lemma_choice import choose_lemmas
from finnish.level import estimate_level
from finnish.phrases import find_phrases
from finnish.profile import ProfileText, Skills, TaskProfile, TextLevel
from finnish.situations import infer_situations, skill_targets


class ProfileInputError(ValueError):
    """The texts cannot make a profile (no text, no words); the message says why."""


def _as_text(item: ProfileText | str) -> ProfileText:
    return item if isinstance(item, ProfileText) else ProfileText(text=item)


def build_profile(
    analyser: CachedAnalyser,
    title: str,
    texts: Sequence[ProfileText | str],
    *,
    description: str = "",
    situations: Sequence[str] = (),
    task_id: str | None = None,
    is_headword: HeadwordCheck | None = None,
    max_terms: int = 40,
    max_phrases: int = 30,
) -> TaskProfile:
    """The profile of one job task. `is_headword` (e.g. the Kotus list) keeps lemmas that are not
    Finnish headwords — usually analysis errors — out of the key terms."""
    items = [_as_text(t) for t in texts if _as_text(t).text.strip()]
    if not title or not title.strip():
        raise ProfileInputError("A profile needs a title: name the job task.")
    if not items:
        raise ProfileInputError("A profile needs at least one text with words in it.")
    analyses = analyser.analyse_many([t.text for t in items])
    if not any(a.words for a in analyses):
        raise ProfileInputError("The texts have no words to analyse.")

    levels = []
    for item, analysis in zip(items, analyses, strict=True):
        est = estimate_level(analysis)
        levels.append(TextLevel(
            level=est.cefr,  # type: ignore[arg-type]
            title=item.title, kind=item.kind, words=est.words, sentences=est.sentences,
            score=est.score, reliable=est.reliable,
        ))
    voikko = getattr(analyser, "voikko", None)
    term_analyses = choose_lemmas(analyses, voikko) if voikko is not None else analyses
    phrases = find_phrases(analyses, limit=max_phrases)
    lemmas: Counter[str] = Counter(t.lemma.lower() for a in analyses for t in a.words)
    description_lemmas: list[str] = []
    context = " ".join(x for x in (title.strip(), description.strip()) if x)
    if context:
        description_lemmas = [t.lemma.lower() for t in analyser.analyse(context).words]
    found = infer_situations(lemmas, description_lemmas, phrases, situations)
    return TaskProfile(
        title=title.strip(),
        description=description.strip(),
        task_id=task_id,
        key_terms=key_terms(term_analyses, is_headword=is_headword, voikko=voikko, limit=max_terms),
        phrases=phrases,
        grammar=grammar_focus(analyses),
        situations=found,
        skills=Skills(**skill_targets(found, levels)),
        texts=levels,
    )
