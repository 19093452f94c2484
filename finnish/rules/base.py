"""What every rule gets to see (the parse, Voikko, the generator, the register) and small helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from finnish.feedback_model import Category, FeedbackIssue, Register
from finnish.generator import FormGenerator, match_case
from finnish.model import Analysis, Token
from finnish.voikko import VoikkoTools

CASE_NAMES: dict[str, tuple[str, str]] = {
    # case → (Finnish name with a question and an example, English name); A2 wording, no linguist notation
    "Nom": ("perusmuoto (esim. kauppa)", "nominative (basic form)"),
    "Gen": ("genetiivi (-n, esim. esimiehen)", "genitive (-n)"),
    "Par": ("partitiivi (esim. kahvia, avainta)", "partitive (-a/-ä, -ta/-tä)"),
    "Ine": ("inessiivi (missä? esim. kaupassa)", "inessive (-ssa/-ssä, in)"),
    "Ela": ("elatiivi (mistä? esim. työstä)", "elative (-sta/-stä, from/about)"),
    "Ill": ("illatiivi (mihin? esim. kauppaan, kotiin)", "illative (into, to)"),
    "Ade": ("adessiivi (missä? millä? esim. torilla)", "adessive (-lla/-llä, on/at)"),
    "Abl": ("ablatiivi (keneltä? esim. esimieheltä)", "ablative (-lta/-ltä, from someone)"),
    "All": ("allatiivi (kenelle? esim. esimiehelle)", "allative (-lle, to someone)"),
    "Ess": ("essiivi (-na/-nä)", "essive (-na/-nä)"),
    "Tra": ("translatiivi (-ksi)", "translative (-ksi)"),
}


def case_fi(case: str) -> str:
    return CASE_NAMES.get(case, (case, case))[0]


def case_en(case: str) -> str:
    return CASE_NAMES.get(case, (case, case))[1]


@dataclass
class RuleContext:
    analysis: Analysis
    voikko: VoikkoTools
    generator: FormGenerator
    register: Register = "written"
    claimed: set[int] = field(default_factory=set)  # token indices that already have an issue

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self.analysis.tokens

    @cached_property
    def _children(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for i, t in enumerate(self.analysis.tokens):
            if t.head >= 0:
                out.setdefault(t.head, []).append(i)
        return out

    def children(self, i: int, *deps: str) -> list[int]:
        kids = self._children.get(i, [])
        if not deps:
            return list(kids)
        return [k for k in kids if self.tokens[k].dep in deps or self.tokens[k].dep.split(":")[0] in deps]

    def voikko_cases(self, token: Token) -> set[tuple[str | None, str | None]]:
        """Every (case, number) Voikko can read the word form as: spaCy picks one, Voikko knows all."""
        return {(r.case, r.number) for r in self.voikko.analyse(token.text)}

    def has_possessive(self, token: Token) -> bool:
        """käteni, katseensa: with a possessive suffix the nominative and genitive look the same
        (and so do singular and plural), so no case or number rule can judge the form."""
        if any(k.endswith("[psor]") for k in token.feats):
            return True
        return any(dict(r.raw).get("POSSESSIVE") for r in self.voikko.analyse(token.text))

    def verb_person(self, token: Token) -> str | None:
        """The person of a finite verb: spaCy's, unless Voikko reads the form only as another
        person ("kutsun" is 1st person; spaCy sometimes calls it a 3rd-person past)."""
        spacy_person = token.feat("Person")
        persons = {r.person for r in self.voikko.analyse(token.text) if r.person and r.mood == "indicative"}
        if len(persons) == 1 and spacy_person not in persons:
            return persons.pop()
        return spacy_person

    def verb_between(self, a: int, b: int) -> bool:
        """A verb lies between two tokens: they probably belong to different clauses."""
        lo, hi = sorted((a, b))
        return any(t.upos in {"VERB", "AUX"} and t.feat("VerbForm") == "Fin" for t in self.tokens[lo + 1 : hi])

    def nominative_only(self, token: Token) -> bool:
        """Voikko reads the form only as a nominative (spaCy sometimes tags "kassa" as inessive)."""
        cases = {c for c, _ in self.voikko_cases(token)}
        return cases == {"Nom"}

    def case_of(self, token: Token) -> str | None:
        """spaCy's case, unless Voikko knows the form can only be a nominative."""
        return "Nom" if self.nominative_only(token) else token.feat("Case")

    def can_be(self, token: Token, case: str, number: str | None = None) -> bool:
        return any(c == case and (number is None or n == number) for c, n in self.voikko_cases(token))

    def inflect(self, token: Token, case: str, number: str | None = None) -> str | None:
        """The token's word in another case (keeping its number unless told), by the generator."""
        number = number or token.feat("Number") or "Sing"
        form = self.generator.nominal(token.lemma, token.upos, case, number)
        if form is None and token.compound_parts:
            form = self.generator.compound(token.compound_parts, token.upos, case, number)
        return match_case(form, token.text)

    def inflect_phrase(self, head: int, case: str, number: str | None = None) -> tuple[int, int, str] | None:
        """The noun with its determiners and adjectives in the new case: tämä työ → tästä työstä.
        Returns (start, end, text) of the phrase, or None when a word cannot be generated."""
        number = number or self.tokens[head].feat("Number") or "Sing"
        head_case = self.case_of(self.tokens[head])
        modifiers = [k for k in self.children(head, "det", "amod") if k < head and self.case_of(self.tokens[k]) == head_case]
        first = min([head, *modifiers])
        if any(k not in modifiers and k != head and self.tokens[k].is_word for k in range(first, head)):
            modifiers, first = [], head  # something else sits between: change the noun only
        words = []
        for k in range(first, head + 1):
            form = self.inflect(self.tokens[k], case, number)
            if form is None:
                return None
            words.append(form)
        text = self.analysis.text
        out, pos = "", self.tokens[first].start
        for k, form in zip(range(first, head + 1), words, strict=True):
            out += text[pos : self.tokens[k].start] + form
            pos = self.tokens[k].end
        return self.tokens[first].start, self.tokens[head].end, out

    def issue(
        self,
        tokens: list[int],
        category: Category,
        rule: str,
        message: str,
        message_en: str,
        suggestions: list[str],
        example: str = "",
        severity: str = "error",
        span: tuple[int, int] | None = None,
    ) -> FeedbackIssue:
        self.claimed.update(tokens)
        start, end = span or (min(self.tokens[i].start for i in tokens), max(self.tokens[i].end for i in tokens))
        seen: list[str] = []
        for s in suggestions:
            if s and s not in seen:
                seen.append(s)
        return FeedbackIssue(
            start=start, end=end, category=category, rule=rule, message=message, message_en=message_en,
            suggestions=seen, example=example, severity=severity,  # type: ignore[arg-type]
        )


# nouns that a number after them names: huone 214, kerros 3, linja 5, kohta 2
LABEL_NOUNS = {
    "huone", "kerros", "linja", "raide", "portti", "kohta", "sivu", "luku", "numero", "paikka", "osasto",
    "talo", "rappu", "porras", "asunto", "ovi", "laituri", "pöytä", "kassa", "bussi", "ratikka", "huoneisto",
    "tehtävä", "vaihe", "kello", "klo", "hylly", "lava", "tuote", "tilaus", "auto", "kaappi", "vuode", "sänky",
}


def labels_what_follows(ctx: RuleContext, k: int) -> bool:
    """"ennen kello yhdeksää", "ravintola Kuusesta", "kaksi pilkku kolme": a noun followed by the
    number or the name it labels stays in the basic form; the number or the name carries the case."""
    tokens = ctx.tokens
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    if after is not None and after.sentence == tokens[k].sentence:
        if after.upos == "NUM" or after.feat("NumType") or (after.upos == "PROPN" and after.text[:1].isupper()):
            return True
    return any(j > k and tokens[j].dep in {"nummod", "flat", "flat:name", "appos"} for j in ctx.children(k))


def is_label_number(ctx: RuleContext, i: int) -> bool:
    """"huoneessa kolme", "huone 214": the number names the room, it does not count the noun after it."""
    before = ctx.tokens[i - 1] if i > 0 else None
    return before is not None and before.sentence == ctx.tokens[i].sentence and before.lemma.lower() in LABEL_NOUNS


def is_finite(token: Token) -> bool:
    return token.upos in {"VERB", "AUX"} and token.feat("VerbForm") == "Fin"


def is_negation(token: Token) -> bool:
    return token.lemma == "ei" and token.feat("Polarity") == "Neg"


def clause_is_negative(ctx: RuleContext, verb: int) -> bool:
    return any(is_negation(ctx.tokens[k]) for k in ctx.children(verb, "aux"))
