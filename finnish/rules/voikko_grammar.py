"""Voikko's own grammar checker, mapped into our categories with learner wording.

Voikko knows punctuation, capital letters, repeated words, a missing main verb and a negation verb
with the wrong main-verb form. Capitals and full stops matter less to a learner than words, so
they are hints; in the spoken register (a transcript) they are left out.
"""

from __future__ import annotations

from finnish.feedback_model import FeedbackIssue
from finnish.generator import match_case
from finnish.rules.base import RuleContext

# Voikko error code → (category, rule, severity, Finnish message, English message)
CODES: dict[int, tuple[str, str, str, str, str]] = {
    2: ("punctuation", "punctuation.extra_space", "hint", "Tässä on ylimääräinen väli.", "There is an extra space here."),
    3: ("punctuation", "punctuation.space_before", "hint", "Välimerkin edessä ei ole väliä.", "No space before a punctuation mark."),
    4: ("punctuation", "punctuation.comma", "hint", "Tarkista pilkku.", "Check the comma."),
    5: ("punctuation", "punctuation.sentence_start", "hint", "Tarkista virkkeen alku.", "Check how the sentence starts."),
    7: ("punctuation", "punctuation.capital", "hint", "Virke alkaa isolla kirjaimella.", "A sentence starts with a capital letter."),
    8: ("repetition", "repetition.word", "error", "Sama sana on kaksi kertaa.", "The same word is written twice."),
    9: ("punctuation", "punctuation.end", "hint", "Virkkeen loppuun tulee piste, kysymysmerkki tai huutomerkki.",
        "A sentence ends with a full stop, a question mark or an exclamation mark."),
    13: ("agreement", "agreement.negation_main_verb", "error",
         "Kieltosanan (en, et, ei …) jälkeen verbi on lyhyessä muodossa: en mene, ei tiedä.",
         "After the negation verb (en, et, ei …) the main verb has its short form: en mene (I don't go)."),
    16: ("missing_verb", "missing_verb.main_verb", "error", "Tarkista, puuttuuko lauseesta verbi.",
         "Check whether the sentence is missing a verb."),
    17: ("missing_verb", "missing_verb.main_verb", "error", "Tarkista, puuttuuko lauseesta verbi.",
         "Check whether the sentence is missing a verb."),
}
SPOKEN_SKIP = {2, 3, 4, 5, 7, 9, 16, 17}


def check(ctx: RuleContext) -> list[FeedbackIssue]:
    text = ctx.analysis.text
    issues: list[FeedbackIssue] = []
    for err in ctx.voikko.grammar_errors(text):
        code = int(getattr(err, "errorCode", 0))
        if ctx.register == "spoken" and code in SPOKEN_SKIP:
            continue
        start, length = int(err.startPos), int(err.errorLen)
        category, rule, severity, msg, msg_en = CODES.get(
            code, ("style", "style.voikko", "hint", str(err.shortDescription or "Tarkista tämä kohta."), "Check this part.")
        )
        suggestions = [str(s) for s in (err.suggestions or [])]
        if code == 13:
            suggestions = _connegative(ctx, start, start + length) or suggestions
        if code in (16, 17):
            words = [t for t in ctx.tokens if t.start >= start and t.end <= start + length and t.is_word]
            if len(words) < 5:
                severity = "hint"  # short phrases without a verb are normal: "Hyvää huomenta!"
        issues.append(FeedbackIssue(start, start + length, category, rule, msg, msg_en, suggestions,  # type: ignore[arg-type]
                                    example="En mene töihin." if code == 13 else "", severity=severity))  # type: ignore[arg-type]
    return issues


def _connegative(ctx: RuleContext, start: int, end: int) -> list[str]:
    out: list[str] = []
    for tok in ctx.tokens:
        if tok.start >= start and tok.end <= end and tok.upos in {"VERB", "AUX"} and tok.lemma != "ei":
            form = ctx.generator.connegative(tok.lemma)
            if form:
                neg = next((t.text for t in ctx.tokens if t.start >= start and t.end <= end and t.lemma == "ei"), "")
                out.append(f"{neg} {match_case(form, tok.text)}".strip())
    return out


