"""numeral.partitive: after a number of two or more the noun is in the partitive singular:
kaksi lapsi / kaksi lapset → kaksi lasta, 3 kahvi → 3 kahvia."""

from __future__ import annotations

from finnish.feedback_model import FeedbackIssue
from finnish.rules.base import RuleContext, is_label_number, labels_what_follows

ONE = {"yksi", "1"}


def _is_two_or_more(text: str, lemma: str) -> bool:
    if lemma.lower() in ONE or text in ONE:
        return False
    if text.replace(",", "").replace(".", "").isdigit():
        return text not in {"0", "1"} and "," not in text and "." not in text
    return True


def check(ctx: RuleContext) -> list[FeedbackIssue]:
    issues = []
    for i, num in enumerate(ctx.tokens):
        if num.upos != "NUM" or num.dep != "nummod" or num.head < 0:
            continue
        if num.feat("NumType") not in (None, "Card") or num.feat("Case") not in (None, "Nom"):
            continue
        if not _is_two_or_more(num.text, num.lemma) or is_label_number(ctx, i):
            continue
        noun = ctx.tokens[num.head]
        k = num.head
        if k < i or noun.upos != "NOUN" or not noun.known or k in ctx.claimed:
            continue  # the number comes before its noun ("kello kymmenen" is a time, not a count)
        # spaCy sometimes calls "kaksi asukas" a partitive; Voikko knows the form's real cases
        if noun.feat("Case") != "Nom" and not ctx.nominative_only(noun):
            continue
        if ctx.can_be(noun, "Par", "Sing") or labels_what_follows(ctx, k):
            continue  # "kaksi pilkku kolme", "214 kello kaksi": the noun is part of a number or a time
        phrase = ctx.inflect_phrase(k, "Par", "Sing")
        fixes = [phrase[2]] if phrase else []
        issues.append(ctx.issue(
            [k], "numeral", "numeral.partitive",
            f"Numeron \"{num.text}\" jälkeen sana on partitiivissa ja yksikössä. Esimerkki: kaksi lasta, kolme kahvia.",
            f"After the number \"{num.text}\" the noun is in the partitive singular. Example: kaksi lasta (two children).",
            fixes, example="Minulla on kaksi lasta.", span=phrase[:2] if phrase else None,
        ))
    return issues
