"""Voikko's own grammar checker, mapped into our categories with learner wording.

Voikko knows punctuation, capital letters, repeated words, a missing main verb and a negation verb
with the wrong main-verb form. Capitals and full stops matter less to a learner than words, so
they are hints; in the spoken register (a transcript) they are left out.
"""

from __future__ import annotations

from finnish.feedback_model import FeedbackIssue
from finnish.generator import match_case
from finnish.model import Token
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
# Words Finnish doubles on purpose: greetings and farewells (hei hei, moi moi), answer particles
# (joo joo, niin niin), and intensifiers (pikku pikku). Doubling them is not a slip.
REDUPLICATED = {
    "hei", "moi", "moikka", "heippa", "hejo", "terve", "joo", "juu", "jaa", "no", "niin", "kyllä",
    "okei", "ok", "kiitos", "voi", "ai", "oi", "aha", "hups", "kas", "nyt", "heti", "kohta", "pian",
    "hiljaa", "varovasti", "pikku", "tosi", "ihan", "aivan", "hyvä", "hyvin", "selvä", "jes",
}
RESPONSE_WORDS = {"selvä", "okei", "ok", "joo", "juu", "kyllä", "ei", "no", "niin", "hyvä", "kiitos", "tässä", "eli"}
PLACE_CASES = {"Ine", "Ade", "Ela", "Abl", "Ess"}
PLACE_ADVERBS = {"kotona", "täällä", "siellä", "tuolla", "töissä", "ulkona", "sisällä"}
PERSONAL_PRONOUNS = {"minä", "sinä", "hän", "me", "te", "he", "mä", "sä", "mää", "sää"}


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
        if code == 8 and _intended_repetition(ctx, start, start + length):
            continue
        if code == 8 and ctx.register == "spoken":
            severity = "hint"  # in speech (a transcript) a repeated word is usually a hesitation
        if code in (16, 17) and not _clear_missing_verb(ctx, start, start + length):
            severity = "hint"
        issues.append(FeedbackIssue(start, start + length, category, rule, msg, msg_en, suggestions,  # type: ignore[arg-type]
                                    example="En mene töihin." if code == 13 else "", severity=severity))  # type: ignore[arg-type]
    return issues


def _span_words(ctx: RuleContext, start: int, end: int) -> list[Token]:
    return [t for t in ctx.tokens if t.start >= start and t.end <= end and t.is_word]


def _intended_repetition(ctx: RuleContext, start: int, end: int) -> bool:
    """"hei hei", "joo joo": a doubled interjection or particle is idiomatic, not a slip."""
    words = _span_words(ctx, start, end)
    return bool(words) and all(t.text.lower() in REDUPLICATED or t.upos == "INTJ" for t in words)


def _clear_missing_verb(ctx: RuleContext, start: int, end: int) -> bool:
    """A verbless sentence of 5+ words is an error when something in it needs a verb: a personal
    subject ("Minä huomenna töissä kello kahdeksan") or a where-phrase ("Hyvä työ tänään ja
    huomenna kotona"). Short phrases ("Hyvää huomenta!") and elliptic answers in a dialogue
    ("Selvä, ensin roskat ja sitten pöydät.", "Kaksi kiloa kaalia ja neljä kiloa porkkanaa.")
    are normal Finnish."""
    words = _span_words(ctx, start, end)
    if len(words) < 5:
        return False
    after_first = ctx.analysis.text[words[0].end : words[0].end + 1]
    if words[0].upos == "INTJ" or (words[0].text.lower() in RESPONSE_WORDS and after_first in {",", "!", "."}):
        return False  # "Selvä, ensin roskat …": an answer to what was just said
    subject = any(t.text.lower() in PERSONAL_PRONOUNS and t.feat("Case") in {None, "Nom"} for t in words)
    place = any(t.feat("Case") in PLACE_CASES or t.text.lower() in PLACE_ADVERBS for t in words)
    return subject or place


def _connegative(ctx: RuleContext, start: int, end: int) -> list[str]:
    out: list[str] = []
    for tok in ctx.tokens:
        if tok.start >= start and tok.end <= end and tok.upos in {"VERB", "AUX"} and tok.lemma != "ei":
            form = ctx.generator.connegative(tok.lemma)
            if form:
                neg = next((t.text for t in ctx.tokens if t.start >= start and t.end <= end and t.lemma == "ei"), "")
                out.append(f"{neg} {match_case(form, tok.text)}".strip())
    return out


