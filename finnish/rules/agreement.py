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


def _subject_verb(ctx: RuleContext, subj: int, with_imperative: bool) -> int | None:
    """The finite verb that carries the subject's person: the negation verb if there is one."""
    head = ctx.tokens[subj].head
    if head < 0:
        return None
    candidates = [head] + ctx.children(head, "aux", "cop")
    finite = [k for k in candidates if is_finite(ctx.tokens[k]) and ctx.tokens[k].feat("Connegative") != "Yes"]
    negs = [k for k in finite if is_negation(ctx.tokens[k])]
    if negs:
        return negs[0]
    # "Me pese ikkunat": after a pronoun subject an imperative-looking form is a present tense gone wrong
    moods = {"Ind", "Cnd", "Pot", "Imp"} if with_imperative else {"Ind", "Cnd", "Pot"}
    finite = [k for k in finite if ctx.tokens[k].feat("Mood") in moods]
    if finite:
        return finite[0]
    # "Sinä laittaa pöydän": the parser reads the 3rd-person form as an infinitive
    verb = ctx.tokens[head]
    if with_imperative and verb.upos == "VERB" and verb.feat("VerbForm") == "Inf" and not ctx.children(head, "aux", "cop"):
        if any(r.person and r.mood == "indicative" for r in ctx.voikko.analyse(verb.text)):
            return head
    return None


def _fits(ctx: RuleContext, verb: int, person: str, number: str) -> bool:
    """Voikko knows every reading of the form; spaCy's guess counts only when Voikko has none
    (spaCy reads "he ei" as plural because learners and speakers write it)."""
    tok = ctx.tokens[verb]
    readings = [r for r in ctx.voikko.analyse(tok.text) if r.person]
    if not readings:
        return tok.feat("Person") in (None, person) and tok.feat("Number") in (None, number)
    return any(r.person == person and r.number == number and r.mood != "imperative" for r in readings)


def _pronoun_issues(ctx: RuleContext) -> list[FeedbackIssue]:
    issues: list[FeedbackIssue] = []
    for i, tok in enumerate(ctx.tokens):
        word = tok.text.lower()
        if tok.upos != "PRON" or not tok.dep.startswith("nsubj") or tok.feat("Case") not in (None, "Nom"):
            continue
        pn = PRONOUNS.get(word) or SPOKEN_PRONOUNS.get(word)
        if pn is None or (word in {"se", "ne"} and tok.feat("PronType") != "Prs"):
            continue
        verb = _subject_verb(ctx, i, with_imperative=tok.head > i)
        if verb is None or verb in ctx.claimed or _fits(ctx, verb, *pn):
            continue
        vt = ctx.tokens[verb]
        if pn == ("2", "Sing") and vt.feat("Mood") == "Imp":
            continue  # "Sinä pese" reads as an imperative with a pronoun: not sure enough
        passive_we = pn == ("1", "Plur") and vt.feat("Voice") == "Pass"
        they_singular = pn == ("3", "Plur") and _fits(ctx, verb, "3", "Sing")
        if passive_we or they_singular:
            # everyday spoken Finnish: me mennään, ne/he tulee, he ei
            if ctx.register == "spoken":
                continue
            if passive_we:
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


def _noun_subject_issues(ctx: RuleContext) -> list[FeedbackIssue]:
    """"Kokki ovat", "Kuorma-autot tulee": a noun subject before its verb. Only the subject's own
    number counts; a plural subject with a singular verb is normal in speech, so only in writing."""
    issues: list[FeedbackIssue] = []
    for i, tok in enumerate(ctx.tokens):
        if tok.upos != "NOUN" or not tok.dep.startswith("nsubj") or tok.head <= i or not tok.known:
            continue
        if ctx.case_of(tok) != "Nom" or ctx.children(i, "conj") or ctx.children(i, "nummod") or ctx.has_possessive(tok):
            continue
        numbers = {n for c, n in ctx.voikko_cases(tok) if c == "Nom"}
        if len(numbers) != 1:
            continue
        number = numbers.pop() or "Sing"
        if number == "Plur" and ctx.register == "spoken":
            continue
        verb = _subject_verb(ctx, i, with_imperative=False)
        if verb is None or verb in ctx.claimed or is_negation(ctx.tokens[verb]) and number == "Plur" and ctx.register == "spoken":
            continue
        if any(ctx.tokens[k].is_word for k in range(i + 1, verb) if ctx.tokens[k].upos in {"NOUN", "PRON", "PROPN"}):
            continue  # another noun sits between: the parse may have picked the wrong subject
        if _fits(ctx, verb, "3", number):
            continue
        vt = ctx.tokens[verb]
        if not (_fits(ctx, verb, "3", "Sing") or _fits(ctx, verb, "3", "Plur")):
            continue  # the verb is not 3rd person at all: a different mistake
        fix = _verb_form(ctx, vt, ("3", number))
        one = number == "Sing"
        issues.append(ctx.issue(
            [verb], "agreement", "agreement.noun_verb",
            (f"\"{tok.text}\" on yksi, joten verbi on yksikössä: {tok.text} {fix or '…'}." if one else
             f"\"{tok.text}\" on monikossa, joten verbi on monikossa: {tok.text} {fix or '…'}."),
            (f"\"{tok.text}\" is singular, so the verb is singular: {tok.text} {fix or '…'}." if one else
             f"\"{tok.text}\" is plural, so the verb is plural: {tok.text} {fix or '…'}."),
            [fix] if fix else [], example="Kokki on keittiössä. Kokit ovat keittiössä.",
        ))
    return issues


def _connegative_issues(ctx: RuleContext) -> list[FeedbackIssue]:
    """"Asukas tarvitse apua": the short form (en tarvitse) without a negation verb."""
    issues: list[FeedbackIssue] = []
    for v, verb in enumerate(ctx.tokens):
        if verb.upos not in {"VERB", "AUX"} or verb.feat("Connegative") != "Yes" or v in ctx.claimed:
            continue
        if any(is_negation(ctx.tokens[k]) for k in ctx.children(v, "aux")):
            continue
        head = verb.head if verb.dep in {"cop", "aux"} else v
        if head >= 0 and any(is_negation(ctx.tokens[k]) for k in ctx.children(head, "aux")):
            continue
        if any(is_negation(t) for t in ctx.tokens[:v] if t.sentence == verb.sentence):
            continue
        subjects = [k for k in ctx.children(head, "nsubj") if k < v]
        if not subjects:
            continue
        subj = ctx.tokens[subjects[0]]
        pn = PRONOUNS.get(subj.text.lower()) or ("3", subj.feat("Number") or "Sing")
        if _fits(ctx, v, *pn) or subj.upos == "PRON" and subj.text.lower() not in PRONOUNS:
            continue
        fix = match_case(ctx.generator.finite_verb(verb.lemma, *pn), verb.text)
        issues.append(ctx.issue(
            [v], "agreement", "agreement.pronoun_verb",
            f"Verbistä puuttuu pääte. Sano: {subj.text} {fix or '…'}.",
            f"The verb is missing its personal ending. Say: {subj.text} {fix or '…'}.",
            [fix] if fix else [], example="Asukas tarvitsee apua.",
        ))
    return issues


def check(ctx: RuleContext) -> list[FeedbackIssue]:
    return _pronoun_issues(ctx) + _noun_subject_issues(ctx) + _connegative_issues(ctx)


def _verb_form(ctx: RuleContext, verb_tok: Token, pn: tuple[str, str]) -> str | None:
    if is_negation(verb_tok):
        return match_case(ctx.generator.negation_verb(*pn), verb_tok.text)
    if verb_tok.feat("Mood") not in (None, "Ind", "Imp"):
        return None  # conditional and potential forms: say what is wrong, do not guess the form
    tense = verb_tok.feat("Tense") if verb_tok.feat("Mood") == "Ind" else "Pres"
    return match_case(ctx.generator.finite_verb(verb_tok.lemma, *pn, tense=tense or "Pres"), verb_tok.text)
