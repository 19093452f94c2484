"""Agreement: a personal-pronoun subject and its finite verb agree in person and number.

agreement.pronoun_verb   minä menee → menen, hän ovat → on, me siivoaa → siivoamme
agreement.negation       minä ei → en, he ei → eivät

Only personal pronouns count as subjects here: with a noun subject the parse decides too much.
Voikko double-checks the verb: if any reading of the form fits the subject, nothing fires. In
spoken Finnish "me mennään", "ne tulee" are normal; in writing they get a style hint.
"""

from __future__ import annotations

from finnish.feedback_model import FeedbackIssue
from finnish.generator import match_case
from finnish.model import Token
from finnish.rules.base import RuleContext, is_finite, is_negation

# surface form → (person, number); the spoken forms only count in the spoken register
PRONOUNS = {"minä": ("1", "Sing"), "sinä": ("2", "Sing"), "hän": ("3", "Sing"),
            "me": ("1", "Plur"), "te": ("2", "Plur"), "he": ("3", "Plur")}
SPOKEN_PRONOUNS = {"mä": ("1", "Sing"), "mää": ("1", "Sing"), "sä": ("2", "Sing"), "sää": ("2", "Sing"),
                   "se": ("3", "Sing"), "ne": ("3", "Plur")}
PERSON_FI = {("1", "Sing"): "minä", ("2", "Sing"): "sinä", ("3", "Sing"): "hän",
             ("1", "Plur"): "me", ("2", "Plur"): "te", ("3", "Plur"): "he"}
PERSON_EN = {("1", "Sing"): "I", ("2", "Sing"): "you", ("3", "Sing"): "he/she",
             ("1", "Plur"): "we", ("2", "Plur"): "you (plural)", ("3", "Plur"): "they"}


def _subject_verb(ctx: RuleContext, subj: int) -> int | None:
    """The finite verb that carries the subject's person: the negation verb if there is one."""
    head = ctx.tokens[subj].head
    if head < 0:
        return None
    candidates = [head] + ctx.children(head, "aux", "cop")
    finite = [k for k in candidates if is_finite(ctx.tokens[k]) and ctx.tokens[k].feat("Connegative") != "Yes"]
    negs = [k for k in finite if is_negation(ctx.tokens[k])]
    if negs:
        return negs[0]
    finite = [k for k in finite if ctx.tokens[k].feat("Mood") in {"Ind", "Cnd", "Pot"}]
    return finite[0] if finite else None


def _fits(ctx: RuleContext, verb: int, person: str, number: str) -> bool:
    """Voikko knows every reading of the form; spaCy's guess counts only when Voikko has none
    (spaCy reads "he ei" as plural because learners and speakers write it)."""
    tok = ctx.tokens[verb]
    readings = [r for r in ctx.voikko.analyse(tok.text) if r.person]
    if not readings:
        return tok.feat("Person") in (None, person) and tok.feat("Number") in (None, number)
    return any(r.person == person and r.number == number for r in readings)


def check(ctx: RuleContext) -> list[FeedbackIssue]:
    issues: list[FeedbackIssue] = []
    for i, tok in enumerate(ctx.tokens):
        word = tok.text.lower()
        if tok.upos != "PRON" or not tok.dep.startswith("nsubj") or tok.feat("Case") not in (None, "Nom"):
            continue
        spoken_pronoun = word in SPOKEN_PRONOUNS and word not in PRONOUNS
        pn = PRONOUNS.get(word) or SPOKEN_PRONOUNS.get(word)
        if pn is None or (word in {"se", "ne"} and tok.feat("PronType") != "Prs"):
            continue
        verb = _subject_verb(ctx, i)
        if verb is None or verb in ctx.claimed or _fits(ctx, verb, *pn):
            continue
        vt = ctx.tokens[verb]
        passive_we = pn == ("1", "Plur") and vt.feat("Voice") == "Pass"
        third_plural_as_singular = pn == ("3", "Plur") and _fits(ctx, verb, "3", "Sing")
        if spoken_pronoun or passive_we or (word == "he" and third_plural_as_singular and ctx.register == "spoken"):
            if ctx.register == "spoken":
                continue  # everyday spoken Finnish: me mennään, ne tulee, se menee
            if passive_we or spoken_pronoun:
                fix = _verb_form(ctx, vt, pn)
                issues.append(ctx.issue(
                    [verb], "style", "agreement.spoken_form",
                    f"Tämä on puhekieltä. Kirjoitetussa tekstissä: {PERSON_FI[pn]} {fix or '…'}.",
                    f"This is spoken Finnish. In writing: {PERSON_FI[pn]} {fix or '…'}.",
                    [fix] if fix else [], example="Me menemme kotiin.", severity="hint",
                ))
                continue
        fix = _verb_form(ctx, vt, pn)
        negative = is_negation(vt)
        rule = "agreement.negation" if negative else "agreement.pronoun_verb"
        example = {"1": "Minä en tiedä.", "2": "Sinä et tiedä.", "3": "He eivät tiedä."}[pn[0]] if negative else "Minä menen töihin. Me siivoamme."
        issues.append(ctx.issue(
            [verb], "agreement", rule,
            f"Verbi ei sovi sanaan \"{tok.text}\". Sano: {tok.text} {fix or '…'}."
            if fix else f"Verbi ei sovi sanaan \"{tok.text}\".",
            f"The verb does not agree with \"{tok.text}\" ({PERSON_EN[pn]}). Say: {tok.text} {fix or '…'}.",
            [fix] if fix else [], example=example,
        ))
    return issues


def _verb_form(ctx: RuleContext, verb_tok: Token, pn: tuple[str, str]) -> str | None:
    if is_negation(verb_tok):
        return match_case(ctx.generator.negation_verb(*pn), verb_tok.text)
    if verb_tok.feat("Mood") not in (None, "Ind"):
        return None  # conditional and potential forms: say what is wrong, do not guess the form
    return match_case(ctx.generator.finite_verb(verb_tok.lemma, *pn, tense=verb_tok.feat("Tense") or "Pres"), verb_tok.text)
