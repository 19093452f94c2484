"""Error messages a person can read, in Finnish with English beside it. The services write their
refusals in English (the API's language) or already bilingually; the UI shows every one in both:
known English refusals get their Finnish wording, form-validation errors are named by field, and
anything else gets a Finnish lead before the English."""

from __future__ import annotations

import re

from pydantic import ValidationError

FIELD_NAMES = {
    "name": "nimi", "languages": "kielet", "target_tasks": "tavoitetehtävät", "work_trial_place": "työkokeilupaikka",
    "work_trial_tasks": "työkokeilun tehtävät", "self_assessment": "oma arvio", "teacher_assessment": "opettajan arvio",
    "coach": "valmentaja", "coaches": "valmentajat", "user": "käyttäjätunnus", "title": "otsikko", "text": "teksti",
    "texts": "tekstit", "task": "tehtävä", "level": "taso", "query": "hakuteksti",
}
PROBLEMS = {
    "missing": "puuttuu", "string_too_long": "on liian pitkä", "string_too_short": "on liian lyhyt",
    "too_long": "on liian pitkä: liian monta riviä", "too_short": "puuttuu", "extra_forbidden": "ei kuulu lomakkeeseen",
    "value_error": "sisältää merkkejä, joita ei voi tallentaa", "string_type": "ei ole tekstiä", "int_parsing": "ei ole numero",
}
# English refusals of the services → the same in plain Finnish (matched on the start of the message)
KNOWN: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"A participant needs a name", re.I), "Kirjoita osallistujan nimi tai nimimerkki (1–200 merkkiä)."),
    (re.compile(r"The work-trial place is longer than (\d+)", re.I), "Työkokeilupaikka on liian pitkä (enintään {0} merkkiä)."),
    (re.compile(r"(.+): one entry is longer than (\d+)", re.I), "Yksi rivi on liian pitkä (enintään {1} merkkiä)."),
    (re.compile(r"(.+): at most (\d+) entries", re.I), "Liian monta riviä (enintään {1})."),
    (re.compile(r"(.+): there is no user '(.+)'", re.I), "Käyttäjää '{1}' ei ole."),
    (re.compile(r"The account '(.+)' already belongs", re.I), "Käyttäjätunnus '{0}' kuuluu jo toiselle osallistujalle."),
    (re.compile(r"(.+): '(.+)' is a (\w+), not a", re.I), "'{1}' ei ole oikean roolin käyttäjä."),
    (re.compile(r"(.+): '(.+)' for (\w+) is not a level", re.I), "'{1}' ei ole taso. Valitse A1–C2."),
    (re.compile(r"Unknown task|No task|unknown target", re.I), "Tehtävää ei löydy. Valitse listasta."),
    (re.compile(r"not allowed|forbidden|only (an? )?(admin|coach|teacher)", re.I), "Sinulla ei ole oikeutta tähän."),
    (re.compile(r"not found|does not exist|no such", re.I), "Tätä ei löydy."),
    (re.compile(r"too long|longer than", re.I), "Teksti on liian pitkä."),
    (re.compile(r"empty|is missing|needs", re.I), "Jotain puuttuu. Täytä kentät."),
]
_FINNISH = re.compile(r"[äöÄÖ]|\b(ja|ei|on|tai|ole|Kirjoita|Valitse|Tämä|Anna|Lisää)\b")


def is_finnish(text: str) -> bool:
    return bool(_FINNISH.search(text))


def with_finnish(message: str) -> str:
    """A service's message in Finnish with the English beside it (unchanged if already Finnish)."""
    message = " ".join(str(message).split())
    if not message or is_finnish(message):
        return message
    for pattern, finnish in KNOWN:
        found = pattern.search(message)
        if found:
            return f"{finnish.format(*found.groups())} ({message})"
    return f"Tarkista tiedot. ({message})"


def validation_message(exc: ValidationError) -> str:
    """Each wrong form field by its Finnish name, then the English."""
    fi, en = [], []
    for err in exc.errors()[:5]:
        field = next((str(p) for p in err.get("loc", ()) if isinstance(p, str)), "")
        name = FIELD_NAMES.get(field, field or "lomake")
        fi.append(f"{name[:1].upper()}{name[1:]} {PROBLEMS.get(str(err.get('type')), 'ei kelpaa')}.")
        en.append(f"{field or 'form'}: {err.get('msg', 'invalid')}")
    return " ".join(fi) + " (" + "; ".join(en) + ")"
