"""Government (rektio): the case a verb, adjective or noun wants for its complement, read from the
lexicon `finnish/data/government.yaml` (data, not code).

government.case         pidän tämä työ → tästä työstä, menen kauppa → kauppaan, soitan esimies → esimiehelle
object_case.partitive_verb  odotan bussi → bussia (entries with role "object"; run by object_case.py)

A complement fires only when its case is one the entry lists as certainly wrong (`trigger`, by
default only the bare nominative) and it is right for no other entry of the same word. Entries
marked `certain: false` (words with other meanings the parse cannot tell apart) give a style hint.
"""

from __future__ import annotations

from finnish.feedback_model import Category, FeedbackIssue
from finnish.frequency import zipf
from finnish.model import Token
from finnish.rules.base import RuleContext, case_en, case_fi, is_finite, labels_what_follows
from finnish.rules.government_lexicon import LEXICON as LEXICON
from finnish.rules.government_lexicon import GovernmentEntry as GovernmentEntry
from finnish.rules.government_lexicon import GovernmentLexicon, load_lexicon, load_place_adverbs

MOTION_VERBS = {"mennä", "tulla", "lähteä", "päästä", "palata", "saapua", "juosta", "kävellä", "muuttaa"}
# Time words in the bare nominative are adverbials, not complements: "menen töihin joka päivä"
TIME_WORDS = {"päivä", "viikko", "kuukausi", "vuosi", "aamu", "ilta", "yö", "kerta", "hetki", "tunti",
              "minuutti", "kello", "aika", "viikonloppu", "maanantai", "tiistai", "keskiviikko",
              "torstai", "perjantai", "lauantai", "sunnuntai", "kevät", "kesä", "syksy", "talvi",
              "tauko", "loma", "aamupäivä", "iltapäivä", "vuoro", "työvuoro", "yövuoro", "iltavuoro"}
TIME_DETERMINERS = {"joka", "jokainen", "koko", "ensi", "viime", "seuraava", "toinen"}


def _motion_with_where_adverb(ctx: RuleContext) -> list[FeedbackIssue]:
    """"Menen kotona": after a verb of motion the place adverb takes its "to where" form (kotiin)."""
    adverbs = load_place_adverbs()
    issues = []
    for i, verb in enumerate(ctx.tokens):
        if verb.lemma not in MOTION_VERBS or verb.upos != "VERB":
            continue
        for k in ctx.children(i, "advmod", "obl"):
            adv = ctx.tokens[k]
            entry = adverbs.get(adv.text.lower())
            if entry is None or k in ctx.claimed or k < i or ctx.children(k):
                continue  # with dependents it is a postposition ("kodin lähellä")
            fix = entry.to if adv.text[:1].islower() else entry.to.capitalize()
            issues.append(ctx.issue(
                [k], "government", "government.direction",
                f"Verbin \"{verb.lemma}\" kanssa kysytään mihin?: {entry.to}, ei {entry.where}. Esimerkki: Menen kotiin.",
                f"\"{verb.lemma}\" is movement, so use the \"to where\" form: {entry.to}, not {entry.where} (at). "
                "Example: Menen kotiin (I go home).",
                [fix], example="Menen kotiin.",
            ))
    return issues


def _is_time_adverbial(ctx: RuleContext, k: int) -> bool:
    tok = ctx.tokens[k]
    if tok.lemma in TIME_WORDS and tok.dep != "obj":
        return True
    return any(ctx.tokens[d].lemma in TIME_DETERMINERS for d in ctx.children(k, "det", "amod", "nummod"))


def _total_object_is_right(ctx: RuleContext, verb: Token, case: str | None) -> bool:
    """For a verb that also takes an ordinary object: a genitive object is right, and so is a
    nominative one in imperative, passive and infinitive clauses."""
    if case == "Gen":
        return True
    return case == "Nom" and (verb.feat("Mood") == "Imp" or verb.feat("Voice") == "Pass" or not is_finite(verb))


def _is_nominal(ctx: RuleContext, k: int) -> bool:
    tok = ctx.tokens[k]
    if tok.upos == "PRON":
        return tok.feat("PronType") == "Prs"
    if tok.upos == "ADJ":
        return tok.dep != "amod"  # an adjective standing alone as a noun ("omainen")
    if tok.upos not in {"NOUN", "PROPN"}:
        return False
    # "kohta", "alas": a form Voikko also reads as an adverb is not a sure complement
    return not any(r.word_class == "seikkasana" for r in ctx.voikko.analyse(tok.text))


def complements(ctx: RuleContext, head: int, role_object: bool, with_object: bool = True) -> list[int]:
    """The nouns that complete `head`, with the parse's usual slips repaired: after a 1st/2nd-person
    verb, or as a second subject or object, a noun is a complement the parser misread."""
    deps = ("obj",) if role_object else (("obj", "obl", "nmod", "dep") if with_object else ("obl", "nmod", "dep"))
    verb = ctx.tokens[head]
    kids = ctx.children(head, *deps)
    subjects = [k for k in ctx.children(head, "nsubj") if k > head and ctx.tokens[k].upos in {"NOUN", "PROPN", "ADJ"}]
    if ctx.verb_person(verb) in {"1", "2"} and verb.feat("Number"):
        kids += subjects  # "Asun Helsinki": a 1st/2nd-person verb has no noun subject
    elif len(ctx.children(head, "nsubj")) > 1:
        kids += subjects[-1:]  # "Biojäte menee ruskea astia": two subjects, the last is a complement
    if not with_object and not role_object:
        objects = ctx.children(head, "obj")
        kids += objects[1:]  # "Pahvi laitetaan pahvinkeräys": the second object is the destination
    if role_object:
        # "Olen opiskellut suomi": a bare nominative the parser called an oblique is the object
        kids += [k for k in ctx.children(head, "obl") if ctx.nominative_only(ctx.tokens[k])]
        # "Autan asukas pukemaan": the parser makes the object the subject of the -maan verb
        for x in ctx.children(head, "xcomp"):
            if ctx.tokens[x].feat("InfForm") == "3":
                kids += [k for k in ctx.children(x, "nsubj") if head < k < x]
    elif verb.lemma in MOTION_VERBS and ctx.verb_person(verb) in {"1", "2"}:
        # "Menen varasto hakemaan": the parser makes the place the subject of the -maan verb
        for x in ctx.children(head, "xcomp"):
            if ctx.tokens[x].feat("InfForm") == "3":
                kids += [k for k in ctx.children(x, "nsubj") if head < k < x]
    out = []
    for k in sorted(set(kids)):
        tok = ctx.tokens[k]
        if not tok.is_word or len(tok.text) < 2 or not _is_nominal(ctx, k) or ctx.has_possessive(tok):
            continue
        if ctx.verb_between(head, k):
            continue
        if not tok.known or k in ctx.claimed or ctx.children(k, "case") or ctx.children(k, "nummod"):
            continue
        if _is_time_adverbial(ctx, k):
            continue
        out.append(k)
    return out


def _entries_for(lexicon: GovernmentLexicon, tok: Token) -> tuple[str, list[GovernmentEntry]]:
    pos = "VERB" if tok.upos == "AUX" else tok.upos
    entries = lexicon.for_lemma(tok.lemma, pos)
    if not entries and tok.feat("VerbForm") == "Part":
        entries = lexicon.for_lemma(tok.text.lower(), "ADJ")  # kiinnostunut, tyytyväinen as participles
        pos = "ADJ"
    return pos, entries


def check(ctx: RuleContext, roles: tuple[str, ...] = ("complement", "destination", "location", "source", "recipient")) -> list[FeedbackIssue]:
    lexicon = load_lexicon()
    object_role = roles == ("object",)
    issues: list[FeedbackIssue] = [] if object_role else _motion_with_where_adverb(ctx)
    for i, head in enumerate(ctx.tokens):
        pos, all_entries = _entries_for(lexicon, head)
        entries = [e for e in all_entries if e.role in roles]
        if not entries:
            continue
        right = set().union(*(e.right_cases for e in all_entries))
        if not object_role and _has_right_complement(ctx, i, right):
            continue  # "Laitan maidon jääkaappiin": the destination is there; the rest is an object
        if any(ctx.tokens[k].feat("Case") in {"Ess", "Tra"} for k in ctx.children(i)):
            continue  # "pidän ratkaisua hyvänä" (consider X good): another construction
        transitive = any(e.transitive for e in all_entries) and any(e.role != "complement" for e in entries)
        has_object_entry = any(e.role == "object" for e in all_entries)
        for k in complements(ctx, i, object_role, with_object=object_role or not transitive):
            dep = ctx.tokens[k]
            if not object_role and has_object_entry and dep.dep == "obj":
                continue  # "puhun suomi": the object rule has the better answer
            if labels_what_follows(ctx, k):
                continue  # "soitan ravintola Kuusesta": the name after the noun carries the case
            case = ctx.case_of(dep)
            hits = [e for e in entries if case in e.trigger]
            if not hits or case in right:
                continue
            if any(ctx.can_be(dep, c) for c in right):
                continue  # Voikko reads the form in a right case too: the parse may be wrong
            first_object = dep.dep == "obj" and ctx.children(i, "obj")[:1] == [k]
            if first_object and any(e.transitive for e in all_entries) and _total_object_is_right(ctx, head, case):
                continue
            issues.append(_issue(ctx, i, k, hits[0]))
        if not object_role and pos == "ADJ":
            issues += _adjective_before_noun(ctx, i, entries, right)
    return issues


def _adjective_before_noun(ctx: RuleContext, i: int, entries: list[GovernmentEntry], right: set[str]) -> list[FeedbackIssue]:
    """"Olen tyytyväinen palkka": the parser makes the adjective describe the noun. With "olla" on
    the noun it may mean "palkkaan"; "olen tyytyväinen asiakas" is also good Finnish, so a hint."""
    adj = ctx.tokens[i]
    k = adj.head
    if adj.dep != "amod" or k != i + 1 or k in ctx.claimed:
        return []
    noun = ctx.tokens[k]
    if noun.upos != "NOUN" or ctx.case_of(noun) != "Nom" or not ctx.children(k, "cop"):
        return []
    if any(ctx.can_be(noun, c) for c in right):
        return []
    entry = entries[0]
    if not entry.certain:
        return []
    fixes = _usual_first([f for f in (ctx.inflect(noun, c) for c in [entry.case, *entry.alt][:3]) if f])
    return [ctx.issue(
        [k], "style", "government.case",
        f"Tarkista: jos tarkoitat \"{adj.text} + mistä/mihin\", sanan \"{adj.text}\" kanssa käytetään muotoa "
        f"{case_fi(entry.case)}. Esimerkki: {entry.example}",
        f"Check: if you mean \"{adj.text} ({entry.meaning}) something\", it takes the {case_en(entry.case)}. "
        f"Example: {entry.example} ({entry.example_en})",
        fixes, example=entry.example, severity="hint",
    )]


def _usual_first(forms: list[str]) -> list[str]:
    """Where two cases are right (kauppaan / torille), the one used more in Finnish comes first and
    a form hardly anyone uses (kaupalle, Helsingillä) is left out."""
    if len(forms) < 2:
        return forms
    freq = {f: zipf(f.split()[-1]) for f in forms}
    best = max(freq.values())
    kept = [f for f in forms if f == forms[0] or freq[f] >= best - 1.0]
    return sorted(kept, key=lambda f: -freq[f])


def _has_right_complement(ctx: RuleContext, head: int, right: set[str]) -> bool:
    """A complement in a right case is already there ("tauolla" is a time, not a place)."""
    return any(
        ctx.tokens[k].feat("Case") in right and not ctx.children(k, "case") and ctx.tokens[k].lemma not in TIME_WORDS
        for k in ctx.children(head, "obj", "obl", "nmod")
        if ctx.tokens[k].upos in {"NOUN", "PROPN", "PRON"}
    )


def _issue(ctx: RuleContext, head: int, k: int, entry: GovernmentEntry) -> FeedbackIssue:
    dep = ctx.tokens[k]
    number = dep.feat("Number") or "Sing"
    fixes: list[str] = []
    span = None
    for case in [entry.case, *entry.alt][:3]:
        phrase = ctx.inflect_phrase(k, case, number)
        if phrase:
            span = span or phrase[:2]
            fixes.append(phrase[2])
    fixes = _usual_first(fixes)
    word = ctx.tokens[head].lemma
    severity = "error" if entry.certain else "hint"
    category: Category = "object_case" if entry.role == "object" else ("government" if entry.certain else "style")
    rule = "object_case.partitive_verb" if entry.role == "object" else "government.case"
    if entry.role == "object" and "Gen" in entry.alt:
        msg = f"Verbin \"{word}\" objekti ei ole perusmuodossa: partitiivi (-a/-ä) tai -n. Esimerkki: {entry.example}"
        msg_en = (f"The object of \"{word}\" ({entry.meaning}) is not in the basic form: partitive or genitive (-n). "
                  f"Example: {entry.example} ({entry.example_en})")
    elif entry.role == "object":
        msg = f"Verbin \"{word}\" objekti on aina partitiivissa (-a/-ä, -ta/-tä). Esimerkki: {entry.example}"
        msg_en = f"The object of \"{word}\" ({entry.meaning}) is always in the partitive. Example: {entry.example} ({entry.example_en})"
    else:
        msg = f"Sanan \"{word}\" kanssa käytetään muotoa {case_fi(entry.case)}. Esimerkki: {entry.example}"
        msg_en = f"\"{word}\" ({entry.meaning}) takes the {case_en(entry.case)}. Example: {entry.example} ({entry.example_en})"
    if not entry.certain:
        msg = "Tarkista: " + msg[0].lower() + msg[1:]
        msg_en = "Check: " + msg_en
    return ctx.issue([k], category, rule, msg, msg_en, fixes, example=entry.example, severity=severity, span=span)
