"""postposition.genitive: kanssa, jälkeen, takia, vieressä, alla, päällä … need the genitive:
esimies kanssa → esimiehen kanssa, minä kanssa → minun kanssa.
postposition.preposition_partitive: the prepositions ennen and ilman need the partitive:
ennen työ → ennen työtä, ilman avain → ilman avainta."""

from __future__ import annotations

from finnish.feedback_model import FeedbackIssue
from finnish.rules.base import RuleContext, labels_what_follows

GENITIVE_POSTPOSITIONS = {
    "kanssa", "jälkeen", "takia", "vuoksi", "vieressä", "viereen", "vierestä", "alla", "alle", "alta",
    "päällä", "päälle", "päältä", "luona", "luokse", "luo", "luota", "edessä", "eteen", "edestä",
    "takana", "taakse", "takaa", "sisällä", "sisälle", "sisään", "ulkopuolella", "aikana", "kautta",
    "mukaan", "puolesta", "lähellä", "lähelle", "välissä", "ympärillä", "ympäri", "keskellä",
    "yläpuolella", "alapuolella", "avulla", "sijaan", "tilalle", "puolella", "jäljessä",
}
NOMINALS = {"NOUN", "PROPN", "PRON"}
# Postpositions almost never used as adverbs right after a noun: safe to check by word order alone
# when the parser missed the relation ("Syön lounaan tauko aikana").
BY_ORDER = {"kanssa", "jälkeen", "takia", "vuoksi", "vieressä", "edessä", "takana", "aikana", "lähellä",
            "luona", "välissä", "avulla", "sijaan"}


PARTITIVE_PREPOSITIONS = {"ennen", "ilman"}


def _prepositions(ctx: RuleContext) -> list[FeedbackIssue]:
    issues = []
    for i, adp in enumerate(ctx.tokens):
        word = adp.text.lower()
        if word not in PARTITIVE_PREPOSITIONS or adp.upos != "ADP" or adp.feat("AdpType") != "Prep" or adp.dep != "case":
            continue
        k = adp.head
        if k != i + 1 and not (k > i and all(ctx.tokens[j].dep in {"det", "amod"} for j in range(i + 1, k))):
            continue
        noun = ctx.tokens[k]
        if noun.upos != "NOUN" or not noun.known or k in ctx.claimed or ctx.has_possessive(noun):
            continue
        if ctx.case_of(noun) != "Nom" or ctx.can_be(noun, "Par") or labels_what_follows(ctx, k):
            continue
        phrase = ctx.inflect_phrase(k, "Par")
        fixes = [f"{adp.text} {phrase[2]}"] if phrase else []
        issues.append(ctx.issue(
            [i, k], "postposition", "postposition.preposition_partitive",
            f"Sanan \"{adp.text}\" jälkeen sana on partitiivissa. Esimerkki: ennen työtä, ilman avainta.",
            f"After \"{adp.text}\" the noun is in the partitive. Example: ennen työtä (before work).",
            fixes, example="Pese kädet ennen työtä.", span=(adp.start, phrase[1] if phrase else noun.end),
        ))
    return issues


def check(ctx: RuleContext) -> list[FeedbackIssue]:
    issues = _prepositions(ctx)
    for i, adp in enumerate(ctx.tokens):
        word = adp.text.lower()
        if word not in GENITIVE_POSTPOSITIONS or i == 0:
            continue
        # a place word the parser calls an adverb is often one ("Vanha päiväys eteen, uusi taakse":
        # to the front); only the ones almost never used alone count then
        as_adverb = adp.upos == "ADV" and word not in BY_ORDER
        by_parse = adp.upos in {"ADP", "ADV"} and not as_adverb and 0 <= adp.head < i and ctx.tokens[adp.head].upos in NOMINALS
        by_order = word in BY_ORDER and ctx.tokens[i - 1].sentence == adp.sentence
        if by_parse:
            k = adp.head
        elif by_order:
            k = i - 1
        else:
            continue
        noun = ctx.tokens[k]
        if i - k > 1 and any(ctx.tokens[j].is_word and ctx.tokens[j].dep not in {"det", "amod"} for j in range(k + 1, i)):
            continue  # a postposition comes right after its noun
        if noun.upos not in NOMINALS or ctx.case_of(noun) != "Nom" or not noun.known or k in ctx.claimed:
            continue
        if ctx.has_possessive(noun):
            continue  # "pääni sisällä": the possessive form is also the genitive
        if not by_parse and (noun.upos == "PRON" or not ctx.nominative_only(noun) or noun.feat("Number") == "Plur"):
            continue
        if noun.upos == "PRON" and noun.feat("PronType") not in {"Prs", "Dem"}:
            continue
        if ctx.can_be(noun, "Gen"):
            continue
        phrase = ctx.inflect_phrase(k, "Gen")
        fixes = [f"{phrase[2]} {adp.text}"] if phrase else []
        span = (phrase[0] if phrase else noun.start, adp.end)
        issues.append(ctx.issue(
            [k, i], "postposition", "postposition.genitive",
            f"Sanan \"{adp.text}\" edessä sana on genetiivissä (-n). Esimerkki: esimiehen kanssa, tauon jälkeen.",
            f"The word before \"{adp.text}\" is in the genitive (-n). Example: esimiehen kanssa (with the supervisor).",
            fixes, example="Puhun esimiehen kanssa.", span=span,
        ))
    return issues
