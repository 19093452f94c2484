"""Object case.

object_case.negation            en löydä avain → avainta (a negated verb takes a partitive object)
object_case.existential_negation  minulla ei ole aika → aikaa
object_case.total_object        siivoan huone → huoneen / huonetta (a singular object of an active
                                indicative verb is not in the bare nominative; imperative and passive
                                clauses are different: "Siivoa huone!", "Huone siivotaan" are right)
object_case.partitive_verb      odotan bussi → bussia (verbs listed with role "object" in the
                                government lexicon)
"""

from __future__ import annotations

from finnish.feedback_model import FeedbackIssue
from finnish.rules import government
from finnish.rules.base import RuleContext, clause_is_negative, is_finite, is_negation

NOMINALS = {"NOUN", "PROPN"}


def _object_candidates(ctx: RuleContext, verb: int) -> list[int]:
    return government.complements(ctx, verb, role_object=True)


def _partitive_issue(ctx: RuleContext, k: int, rule: str, msg: str, msg_en: str, example: str) -> FeedbackIssue:
    number = ctx.tokens[k].feat("Number") or "Sing"
    phrase = ctx.inflect_phrase(k, "Par", number)
    fixes = [phrase[2]] if phrase else []
    return ctx.issue([k], "object_case", rule, msg, msg_en, fixes, example=example, span=phrase[:2] if phrase else None)


def _negation(ctx: RuleContext) -> list[FeedbackIssue]:
    issues = []
    for v, verb in enumerate(ctx.tokens):
        if verb.upos != "VERB" or not clause_is_negative(ctx, v):
            continue
        for k in _object_candidates(ctx, v):
            tok = ctx.tokens[k]
            if tok.feat("Case") not in {"Nom", "Gen"} or ctx.can_be(tok, "Par"):
                continue
            if tok.upos == "PRON":
                continue
            issues.append(_partitive_issue(
                ctx, k, "object_case.negation",
                "Kieltolauseessa objekti on partitiivissa (-a/-ä, -ta/-tä). Esimerkki: En löydä avainta.",
                "In a negative sentence the object is in the partitive. Example: En löydä avainta (I can't find the key).",
                "En löydä avainta.",
            ))
    return issues


def _existential_negation(ctx: RuleContext) -> list[FeedbackIssue]:
    """'Minulla ei ole aika', 'Kaupassa ei ole maito': the thing that is not there is partitive."""
    issues = []
    for h, head in enumerate(ctx.tokens):
        cops = [k for k in ctx.children(h, "cop") if ctx.tokens[k].lemma == "olla"]
        if not cops or not any(is_negation(ctx.tokens[k]) for k in ctx.children(h, "aux")):
            continue
        possessive = any(ctx.tokens[k].dep == "cop:own" for k in cops)
        place = head.upos in {"NOUN", "PROPN", "PRON"} and head.feat("Case") in {"Ade", "Ine"}
        if not (possessive or place):
            continue
        for k in ctx.children(h, "nsubj"):
            tok = ctx.tokens[k]
            if tok.upos not in NOMINALS or tok.feat("Case") != "Nom" or not tok.known or k in ctx.claimed:
                continue
            if ctx.can_be(tok, "Par") or ctx.children(k, "nummod"):
                continue
            issues.append(_partitive_issue(
                ctx, k, "object_case.existential_negation",
                "Lauseessa \"minulla ei ole …\" tai \"täällä ei ole …\" sana on partitiivissa. Esimerkki: Minulla ei ole aikaa.",
                "After \"minulla ei ole …\" (I don't have …) or \"there is no …\" the word is in the partitive. Example: Minulla ei ole aikaa.",
                "Minulla ei ole aikaa.",
            ))
    return issues


def _total_object(ctx: RuleContext) -> list[FeedbackIssue]:
    issues = []
    for v, verb in enumerate(ctx.tokens):
        if verb.upos != "VERB" or not is_finite(verb) or verb.feat("Voice") != "Act":
            continue
        if verb.feat("Mood") not in {"Ind", "Cnd"} or clause_is_negative(ctx, v):
            continue
        person = verb.feat("Person")
        if person not in {"1", "2", "3"}:
            continue
        if person == "3" and not ctx.children(v, "nsubj"):
            continue  # "Tarvitaan…", "Siellä on…": without a visible subject the parse is a guess
        for k in _object_candidates(ctx, v):
            tok = ctx.tokens[k]
            if tok.upos != "NOUN" or tok.feat("Case") != "Nom" or tok.feat("Number") != "Sing":
                continue
            if ctx.can_be(tok, "Gen", "Sing") or ctx.can_be(tok, "Par"):
                continue
            gen = ctx.inflect_phrase(k, "Gen", "Sing")
            par = ctx.inflect_phrase(k, "Par", "Sing")
            fixes = [p[2] for p in (gen, par) if p]
            span = (gen or par)[:2] if (gen or par) else None  # type: ignore[index]
            issues.append(ctx.issue(
                [k], "object_case", "object_case.total_object",
                "Objekti ei ole tässä perusmuodossa. Koko asia: -n (Siivoan huoneen). Osa tai kesken: -a/-ä (Siivoan huonetta).",
                "The object is not in the basic form here. The whole thing: -n (Siivoan huoneen, I clean the room). "
                "Part of it or still going on: partitive (Siivoan huonetta, I am cleaning the room).",
                fixes, example="Siivoan huoneen.", span=span,
            ))
    return issues


def check(ctx: RuleContext) -> list[FeedbackIssue]:
    issues = government.check(ctx, roles=("object",))
    issues += _negation(ctx)
    issues += _existential_negation(ctx)
    issues += _total_object(ctx)
    return issues
