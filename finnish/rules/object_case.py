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
from finnish.rules.base import RuleContext, clause_is_negative, is_finite, is_negation, labels_what_follows

NOMINALS = {"NOUN", "PROPN"}
# verbs that take no object: a bare noun after them ("menen töihin bussi", "nukun sänky") lacks a case
# only meaning can tell (bussilla? bussiin?), so suggesting an object form (bussin) would be wrong
NO_OBJECT_VERBS = {"mennä", "tulla", "lähteä", "palata", "saapua", "juosta", "kävellä", "kulkea", "matkustaa",
                   "käydä", "nukkua", "asua", "istua", "seistä", "herätä", "jäädä"}


def _object_candidates(ctx: RuleContext, verb: int) -> list[int]:
    # "soitan ravintola Kuusesta", "tilaan huone 214": the name or number after the noun carries the case
    return [k for k in government.complements(ctx, verb, role_object=True) if not labels_what_follows(ctx, k)]


def _bare_obliques(ctx: RuleContext, verb: int) -> list[int]:  # noqa: D401
    """An oblique the parser gave a case the form cannot have ("En löydä tilauslista" read as an
    elative): Voikko says it is a bare nominative, so it is really the object."""
    return [k for k in ctx.children(verb, "obl") if ctx.tokens[k].upos == "NOUN" and ctx.tokens[k].known
            and k not in ctx.claimed and ctx.nominative_only(ctx.tokens[k]) and not ctx.children(k, "case")
            and ctx.tokens[k].lemma not in government.TIME_WORDS]


def _partitive_issue(ctx: RuleContext, k: int, rule: str, msg: str, msg_en: str, example: str) -> FeedbackIssue:
    number = ctx.tokens[k].feat("Number") or "Sing"
    phrase = ctx.inflect_phrase(k, "Par", number)
    fixes = [phrase[2]] if phrase else []
    return ctx.issue([k], "object_case", rule, msg, msg_en, fixes, example=example, span=phrase[:2] if phrase else None)


def _negation(ctx: RuleContext) -> list[FeedbackIssue]:
    issues = []
    for v, verb in enumerate(ctx.tokens):
        if verb.upos != "VERB" or not verb.known:
            continue
        # "En osaa tehdä keitto": the negation reaches the object of an infinitive under the negated verb
        negated_above = (verb.feat("VerbForm") == "Inf" and verb.dep == "xcomp" and verb.head >= 0
                         and clause_is_negative(ctx, verb.head) and not ctx.children(v, "nsubj"))
        if not (clause_is_negative(ctx, v) or negated_above):
            continue
        for k in _object_candidates(ctx, v) + _bare_obliques(ctx, v):
            tok = ctx.tokens[k]
            if k < v or ctx.has_possessive(tok):
                continue  # an object before its verb is usually a misread subject
            if ctx.case_of(tok) not in {"Nom", "Gen"} or ctx.can_be(tok, "Par"):
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
        subjects = ctx.children(h, "nsubj")
        if not (possessive or place):
            # "Varastossa ei ole tila": the parser makes the thing itself the head, under a place
            places = [k for k in ctx.children(h, "obl") if k < h and ctx.tokens[k].feat("Case") in {"Ade", "Ine"}
                      and ctx.tokens[k].upos in {"NOUN", "PROPN", "PRON"}]
            if not places or subjects or min(cops) > h or not (min(cops) < h):
                continue
            subjects = [h]
        for k in subjects:
            tok = ctx.tokens[k]
            if tok.upos not in NOMINALS or ctx.case_of(tok) != "Nom" or not tok.known or k in ctx.claimed:
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


def _governing_person(ctx: RuleContext, v: int) -> str | None:
    """The person of the verb a clause depends on: "Voinko pitää tauon?" → the 1st (voin)."""
    verb = ctx.tokens[v]
    if is_finite(verb):
        if verb.feat("Voice") != "Act" or clause_is_negative(ctx, v):
            return None
        if verb.feat("Mood") == "Imp" and verb.head < 0 and v == _sentence_start(ctx, v):
            # "Pyyhin peili": spaCy reads a sentence-initial 1st person as an imperative; Voikko knows better
            readings = ctx.voikko.analyse(verb.text)
            if not any(r.mood == "imperative" for r in readings):
                persons = {r.person for r in readings if r.mood == "indicative" and r.person in {"1", "2"}}
                return persons.pop() if len(persons) == 1 else None
        if verb.feat("Mood") not in {"Ind", "Cnd"}:
            return None
        return ctx.verb_person(verb)
    if verb.feat("VerbForm") != "Inf" or verb.feat("InfForm") not in (None, "1"):
        return None
    # a modal as aux of the infinitive (voin pitää), or the infinitive as xcomp of a finite verb (haluan siivota)
    heads = [k for k in ctx.children(v, "aux") if is_finite(ctx.tokens[k])]
    if verb.dep == "xcomp" and verb.head >= 0 and is_finite(ctx.tokens[verb.head]):
        heads.append(verb.head)
    for k in heads:
        if is_negation(ctx.tokens[k]) or ctx.tokens[k].feat("Voice") != "Act" or clause_is_negative(ctx, k):
            return None
        if ctx.tokens[k].feat("Person") in {"1", "2"} and ctx.tokens[k].feat("Mood") in {"Ind", "Cnd"}:
            return ctx.tokens[k].feat("Person")
    return None


def _sentence_start(ctx: RuleContext, k: int) -> int:
    return ctx.analysis.sentences[ctx.tokens[k].sentence].first_token


def _total_object(ctx: RuleContext) -> list[FeedbackIssue]:
    issues = []
    for v, verb in enumerate(ctx.tokens):
        if verb.upos != "VERB" or verb.lemma in NO_OBJECT_VERBS:
            continue
        person = _governing_person(ctx, v)
        if person not in {"1", "2", "3"}:
            continue
        if person == "3" and not [k for k in ctx.children(v) if ctx.tokens[k].dep == "nsubj" and k < v]:
            continue  # "Tarvitaan…", "Siellä on…": without a visible subject the parse is a guess
        if ctx.children(v, "cop") or not verb.known:
            continue  # "asia on näyttää …": an infinitive read as a finite verb
        for k in _object_candidates(ctx, v):
            tok = ctx.tokens[k]
            if k < v:
                continue
            if tok.upos != "NOUN" or ctx.case_of(tok) != "Nom" or tok.feat("Number") != "Sing":
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
