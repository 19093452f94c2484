"""Plain explanations of Finnish forms for learners: which question a case answers and its ending,
in Finnish (selkokieli) and English. "millä? → -lla: desinfiointiaineella"."""

from __future__ import annotations

CASES: dict[str, tuple[str, str, str, str]] = {
    # case: (question, ending, Finnish name, English name and meaning)
    "Nom": ("kuka? mikä?", "—", "perusmuoto (nominatiivi)", "basic form (nominative)"),
    "Gen": ("kenen? minkä?", "-n", "genetiivi", "genitive (of, whose)"),
    "Par": ("ketä? mitä?", "-a/-ä, -ta/-tä", "partitiivi", "partitive (some, part of)"),
    "Ess": ("kenenä? minä?", "-na/-nä", "essiivi", "essive (as)"),
    "Tra": ("keneksi? miksi?", "-ksi", "translatiivi", "translative (into, becoming)"),
    "Ine": ("kenessä? missä?", "-ssa/-ssä", "inessiivi", "inessive (in)"),
    "Ela": ("kenestä? mistä?", "-sta/-stä", "elatiivi", "elative (out of, from)"),
    "Ill": ("keneen? mihin?", "-Vn, -hVn, -seen", "illatiivi", "illative (into)"),
    "Ade": ("kenellä? millä?", "-lla/-llä", "adessiivi", "adessive (on, with, at)"),
    "Abl": ("keneltä? miltä?", "-lta/-ltä", "ablatiivi", "ablative (off, from)"),
    "All": ("kenelle? mille?", "-lle", "allatiivi", "allative (onto, to)"),
    "Abe": ("kenettä? mittä?", "-tta/-ttä", "abessiivi", "abessive (without)"),
    "Com": ("kenen kanssa?", "-ine-", "komitatiivi", "comitative (with, together with)"),
    "Ins": ("miten? millä tavalla?", "-in", "instruktiivi", "instructive (by means of)"),
}
MOODS: dict[str, tuple[str, str]] = {
    "indicative": ("tavallinen muoto (indikatiivi)", "ordinary statement (indicative)"),
    "imperative": ("käsky (imperatiivi)", "command (imperative)"),
    "conditional": ("konditionaali (-isi-)", "conditional (would, -isi-)"),
    "potential": ("potentiaali (-ne-)", "potential (probably, -ne-)"),
    "A-infinitive": ("perusmuoto (A-infinitiivi)", "basic form (A infinitive)"),
    "MA-infinitive": ("MA-infinitiivi (-maan, -massa, -masta, -malla)", "MA infinitive (-maan, -massa …)"),
    "E-infinitive": ("E-infinitiivi (-essa, -en)", "E infinitive (while, by)"),
}
PERSONS = {"1": ("minä/me", "I/we"), "2": ("sinä/te", "you"), "3": ("hän/he", "he, she, it/they"),
           "4": ("passiivi", "passive")}


def case_phrase(case: str | None, number: str | None) -> tuple[str, str]:
    """('millä? → -lla', 'adessive (on, with, at): -lla') for a case, plural named when it is."""
    if case not in CASES:
        return "", ""
    question, ending, name_fi, name_en = CASES[case]
    plural_fi = ", monikko" if number == "Plur" else ""
    plural_en = ", plural" if number == "Plur" else ""
    return f"{question} → {ending} ({name_fi}{plural_fi})", f"{name_en}{plural_en}: {ending}"


def wrong_form(needed: str, case: str | None, number: str | None, mood: str | None, person: str | None,
               given: str) -> tuple[str, str]:
    """The explanation of a right word in a wrong form: which form is needed and why."""
    if case in CASES:
        fi, en = case_phrase(case, number)
        return (f"Oikea sana, mutta väärä muoto. Tässä kysytään {fi}: {needed}.",
                f"Right word, wrong form. Here the sentence needs the {en}: {needed} (you wrote {given}).")
    if mood in MOODS:
        mood_fi, mood_en = MOODS[mood]
        who_fi, who_en = PERSONS.get(person or "", ("", ""))
        extra_fi = f", {who_fi}" if who_fi else ""
        extra_en = f", {who_en}" if who_en else ""
        return (f"Oikea sana, mutta väärä muoto. Tässä tarvitaan {mood_fi}{extra_fi}: {needed}.",
                f"Right word, wrong form. Here the sentence needs the {mood_en}{extra_en}: {needed} (you wrote {given}).")
    return (f"Oikea sana, mutta väärä muoto. Oikea muoto on {needed}.",
            f"Right word, wrong form. The form needed is {needed} (you wrote {given}).")


def spelling_difference(given: str, expected: str) -> tuple[str, str]:
    """What the one slip is: a missing, extra, changed or swapped letter."""
    g, e = given.casefold(), expected.casefold()
    if len(g) + 1 == len(e):
        i = next((k for k in range(len(g)) if g[k] != e[k]), len(g))
        return f"Sanasta puuttuu kirjain '{e[i]}'.", f"A letter '{e[i]}' is missing."
    if len(g) == len(e) + 1:
        i = next((k for k in range(len(e)) if g[k] != e[k]), len(e))
        return f"Sanassa on ylimääräinen kirjain '{g[i]}'.", f"There is an extra letter '{g[i]}'."
    if len(g) == len(e):
        diff = [k for k in range(len(g)) if g[k] != e[k]]
        if len(diff) == 2 and g[diff[0]] == e[diff[1]] and g[diff[1]] == e[diff[0]]:
            return "Kaksi kirjainta on väärässä järjestyksessä.", "Two letters are the wrong way round."
        if diff:
            k = diff[0]
            return (f"Kirjoita '{e[k]}', ei '{g[k]}'.", f"Write '{e[k]}', not '{g[k]}'.")
    return "Tarkista kirjoitusasu.", "Check the spelling."
