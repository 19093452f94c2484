"""Parse repair for learner sentences that start with a verb.

spaCy-fi often misreads a sentence-initial 1st-person verb with no subject as a noun
("Annan asukkaalle vesi" → Anna's…; "Tyhjennän roskakori" → a genitive). Finnish drops the
subject pronoun, learners do too. When a sentence has no finite verb in the parse but Voikko reads
its first word as a 1st/2nd-person indicative verb, we parse it again with the pronoun in front
("minä annan asukkaalle vesi") and map the tokens back to the original offsets.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from finnish.model import Analysis, Token
from finnish.voikko import VoikkoTools

PRONOUN = {("1", "singular"): "minä", ("2", "singular"): "sinä", ("1", "plural"): "me", ("2", "plural"): "te"}


def _verb_pronoun(token: Token, voikko: VoikkoTools) -> str | None:
    for r in voikko.analyse(token.text):
        if r.word_class == "teonsana" and r.mood == "indicative" and r.negative != "true":
            pronoun = PRONOUN.get((r.person or "", {"Sing": "singular", "Plur": "plural"}.get(r.number or "", "")))
            if pronoun:
                return pronoun
    return None


CLAUSAL = {"ROOT", "conj", "parataxis", "advcl", "ccomp", "acl", "xcomp", "cop", "aux", "csubj"}


def _has_finite_verb(tokens: tuple[Token, ...]) -> bool:
    """A finite verb the parse treats as a verb (not "Annan" as the owner of the next word)."""
    return any(
        t.upos in {"VERB", "AUX"} and t.feat("VerbForm") == "Fin" and (t.dep.split(":")[0] in CLAUSAL or t.head < 0)
        for t in tokens
    )


def repair_parse(analyser: Any, analysis: Analysis, voikko: VoikkoTools) -> Analysis:
    tokens = list(analysis.tokens)
    changed = False
    for s_index, sentence in enumerate(analysis.sentences):
        own = analysis.tokens[sentence.first_token : sentence.last_token]
        if not own or _has_finite_verb(own) or not own[0].is_word:
            continue
        pronoun = _verb_pronoun(own[0], voikko)
        if pronoun is None:
            continue
        original = analysis.text[sentence.start : sentence.end]
        first = own[0].text
        prefix = f"{pronoun.capitalize()} {first[:1].lower()}{first[1:]}"
        redo = analyser.analyse(prefix + original[len(first) :])
        new = redo.tokens[1:]
        if len(redo.sentences) != 1 or len(new) != len(own) or not _has_finite_verb(new):
            continue
        shift = sentence.start - (len(prefix) - len(first))
        for j, (old, tok) in enumerate(zip(own, new, strict=True)):
            head = tok.head - 1 + sentence.first_token if tok.head > 0 else -1
            tokens[sentence.first_token + j] = replace(
                tok, text=old.text, start=tok.start + shift if j else old.start, end=old.end,
                head=head, sentence=s_index, known=old.known,
            )
        changed = True
    return Analysis(analysis.text, tuple(tokens), analysis.sentences) if changed else analysis
