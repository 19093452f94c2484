"""Names of grammatical categories in Finnish and English, for learners and teachers."""

from __future__ import annotations

UPOS_NAMES: dict[str, tuple[str, str]] = {
    "NOUN": ("substantiivi", "noun"),
    "PROPN": ("erisnimi", "proper noun"),
    "VERB": ("verbi", "verb"),
    "AUX": ("apuverbi", "auxiliary verb"),
    "ADJ": ("adjektiivi", "adjective"),
    "ADV": ("adverbi", "adverb"),
    "PRON": ("pronomini", "pronoun"),
    "DET": ("determiner", "determiner"),
    "NUM": ("numeraali", "numeral"),
    "ADP": ("adpositio", "adposition"),
    "CCONJ": ("rinnastuskonjunktio", "coordinating conjunction"),
    "SCONJ": ("alistuskonjunktio", "subordinating conjunction"),
    "INTJ": ("interjektio", "interjection"),
    "PUNCT": ("välimerkki", "punctuation"),
    "SYM": ("symboli", "symbol"),
    "X": ("muu", "other"),
}

CASE_NAMES: dict[str, tuple[str, str]] = {
    "Nom": ("nominatiivi", "nominative"),
    "Gen": ("genetiivi", "genitive"),
    "Par": ("partitiivi", "partitive"),
    "Acc": ("akkusatiivi", "accusative"),
    "Ess": ("essiivi", "essive"),
    "Tra": ("translatiivi", "translative"),
    "Ine": ("inessiivi", "inessive"),
    "Ela": ("elatiivi", "elative"),
    "Ill": ("illatiivi", "illative"),
    "Ade": ("adessiivi", "adessive"),
    "Abl": ("ablatiivi", "ablative"),
    "All": ("allatiivi", "allative"),
    "Abe": ("abessiivi", "abessive"),
    "Ins": ("instruktiivi", "instructive"),
    "Com": ("komitatiivi", "comitative"),
}

# The question a learner can ask to find the case: "missä?" → inessive.
CASE_QUESTIONS: dict[str, str] = {
    "Nom": "kuka? mikä?",
    "Gen": "kenen? minkä?",
    "Par": "ketä? mitä?",
    "Ine": "missä?",
    "Ela": "mistä?",
    "Ill": "mihin?",
    "Ade": "millä? kenellä? missä?",
    "Abl": "miltä? keneltä? mistä?",
    "All": "mille? kenelle? mihin?",
    "Ess": "minkä? millaisena?",
    "Tra": "miksi? millaiseksi?",
}

NUMBER_NAMES = {"Sing": ("yksikkö", "singular"), "Plur": ("monikko", "plural")}
PERSON_NAMES = {"1": ("1. persoona", "1st person"), "2": ("2. persoona", "2nd person"), "3": ("3. persoona", "3rd person")}


def upos_fi(upos: str) -> str:
    return UPOS_NAMES.get(upos, (upos, upos))[0]


def case_fi(case: str | None) -> str:
    return CASE_NAMES.get(case or "", ("", ""))[0]


def case_en(case: str | None) -> str:
    return CASE_NAMES.get(case or "", ("", ""))[1]
