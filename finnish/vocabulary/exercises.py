"""Exercises from a card and the task's own sentences: cloze with the form, choose the word, listen
and write, say it in a situation. Every item carries the words the checker reads its answer against;
only items whose expected form the checker itself can read are made (so no fair answer is refused)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from finnish.analyser import Analyser
from finnish.vocabulary.checker import AnswerChecker
from finnish.vocabulary.model import ExerciseKind, TargetWord, VocabCard

CONTENT = {"NOUN", "VERB", "ADJ", "ADV", "PROPN", "NUM"}
SITUATION_KINDS = {  # which situations of a profile a kind of phrase is said in
    "warning": ("reading_safety", "warning", "safety"), "instruction": ("receiving_instructions", "instruction"),
    "request": ("asking_for_help", "asking", "request"), "question": ("asking_for_help", "asking", "question"),
    "obligation": ("receiving_instructions", "reading_instructions"), "expression": ("reporting_problem", "small_talk"),
}


@dataclass(frozen=True, slots=True)
class ExerciseItem:
    index: int
    kind: ExerciseKind
    prompt: str
    headword: str
    expected: str
    words: tuple[TargetWord, ...]
    choices: tuple[str, ...] = ()
    audio_text: str = ""
    any_order: bool = False  # a situation answer: the phrase's words in any order


def _order(seed: str, items: Sequence[VocabCard]) -> list[VocabCard]:
    return sorted(items, key=lambda c: hashlib.sha1((seed + c.key).encode("utf-8")).hexdigest())


def cloze_items(card: VocabCard, checker: AnswerChecker) -> list[ExerciseItem]:
    out: list[ExerciseItem] = []
    for item in card.cloze:
        if all(checker.checkable(w) for w in item.words):
            out.append(ExerciseItem(len(out), "cloze", item.prompt, card.lemma, item.expected, item.words))
    return out


def _inflect(other: VocabCard, word: TargetWord, checker: AnswerChecker) -> str | None:
    """The distractor word in the form the sentence asks for (so only the word is being chosen): made
    by omorfi, else a form the texts use; either only when Voikko reads it in that case and number."""
    candidates: list[str] = []
    if checker.generator is not None and word.case and word.number and other.pos in {"NOUN", "ADJ"}:
        try:
            form = checker.generator.nominal(other.lemma, other.pos, word.case, word.number)
        except Exception:  # no generator: the attested forms below are the only distractors
            form = None
        if form:
            candidates.append(form)
    candidates += [w.form for c in other.cloze for w in c.words if w.case == word.case and w.number == word.number]
    needed = checker.readings(word.form, word.lemma)
    for form in candidates:
        readings = checker.readings(form, other.lemma)
        if any(r.case == n.case and r.number == n.number and r.mood == n.mood and r.person == n.person
               for r in readings for n in needed):
            return form.lower() if word.form[:1].islower() else form[:1].upper() + form[1:]
    return None


def choice_items(card: VocabCard, cards: Sequence[VocabCard], checker: AnswerChecker) -> list[ExerciseItem]:
    if card.kind != "word":
        return []
    pool = [c for c in cards if c.kind == "word" and c.pos == card.pos and c.key != card.key]
    out: list[ExerciseItem] = []
    for cloze in cloze_items(card, checker):
        word = cloze.words[0]
        distractors: list[str] = []
        for other in _order(card.key + str(cloze.index), pool):
            form = _inflect(other, word, checker)
            if form and form.casefold() not in {d.casefold() for d in distractors} | {word.form.casefold()}:
                distractors.append(form)
            if len(distractors) == 3:
                break
        if len(distractors) < 2:
            continue
        options = sorted([word.form, *distractors], key=lambda f: hashlib.sha1(f.encode("utf-8")).hexdigest())
        prompt = cloze.prompt.rsplit(" (", 1)[0]
        out.append(ExerciseItem(len(out), "choice", prompt, card.lemma, word.form, cloze.words, tuple(options)))
    return out


def phrase_words(text: str, analyser: Analyser, checker: AnswerChecker) -> tuple[TargetWord, ...]:
    """The words of a phrase as the checker reads them (exact form: what is heard is what is written)."""
    out: list[TargetWord] = []
    for tok in analyser.analyse(text).words:
        lemma = next((r.baseform for r in checker.readings(tok.text, tok.lemma)), None)
        if lemma is None:  # parser and Voikko disagree (ravista: ravi or ravistaa?): name the word as written
            lemma = tok.text.casefold()
        out.append(TargetWord(form=tok.text, lemma=lemma, upos=tok.upos, case=tok.feats.get("Case"),
                              number=tok.feats.get("Number")))
    return tuple(out)


def listen_items(card: VocabCard, analyser: Analyser, checker: AnswerChecker) -> list[ExerciseItem]:
    out: list[ExerciseItem] = []
    texts = [card.lemma] if card.kind == "phrase" else list(dict.fromkeys(f.form for f in card.forms))[:3]
    for text in texts:
        words = phrase_words(text, analyser, checker)
        if words:
            out.append(ExerciseItem(len(out), "listen", "Kuuntele ja kirjoita. (Listen and write what you hear.)",
                                    card.lemma, " ".join(w.form for w in words), words, audio_text=text))
    return out


def situation_items(card: VocabCard, situations: Sequence[dict[str, object]], analyser: Analyser,
                    checker: AnswerChecker) -> list[ExerciseItem]:
    if card.kind != "phrase":
        return []
    hints = SITUATION_KINDS.get(card.phrase_kind, ())
    chosen = next((s for s in situations if any(h in str(s.get("id", "")) for h in hints)), None)
    chosen = chosen or (situations[0] if situations else None)
    words = tuple(w for w in phrase_words(card.lemma, analyser, checker) if w.upos in CONTENT)
    if not words:
        return []
    where_fi = f"Tilanne: {chosen.get('label')}. " if chosen else ""
    where_en = f"Situation: {chosen.get('label_en') or chosen.get('label')}. " if chosen else ""
    pattern = f" Malli / pattern: {card.pattern} ({card.pattern_en})." if card.pattern else ""
    lemmas = ", ".join(dict.fromkeys(w.lemma for w in words))
    prompt = f"{where_fi}Sano se suomeksi näillä sanoilla: {lemmas}. ({where_en}Say it in Finnish with these words.){pattern}"
    return [ExerciseItem(0, "situation", prompt, card.lemma, card.lemma, words, audio_text=card.lemma, any_order=True)]
