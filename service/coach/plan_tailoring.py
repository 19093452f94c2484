"""How the intake mapping (alkukartoitus) tailors the progress plan, and why.

- work capacity and hours → sessions per week and the dates of the plan (fewer hours: more days
  between scenarios and a later review; full-time capacity: two sessions a week);
- support needs → shorter sessions, each scenario planned twice, fewer new words at a time, and
  explanations in plain Finnish first (reading difficulties: listening before reading, level A1;
  hearing: the text beside the audio);
- languages known → English explanations offered (or the strongest language when an LLM explains);
- the Finnish self-assessment → the practice level while there is no spoken evidence;
- prior competence, education and work history → scenarios of work already done are weighted down
  (moved after the new ones).
Every change comes with a reason in Finnish and English. No intake → nothing changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from service.coach.plan_shapes import ExplanationsData, TailoringData, TailoringReason

DEFAULT_SESSION_MINUTES = 20
SHORT_SESSION_MINUTES = 10
FULL_TIME_HOURS = 30
_NUM = r"(\d{1,2}(?:[.,]\d)?)"
_PER_DAY = re.compile(_NUM + r"\s*(?:h|t|tuntia|tunnin|tuntii|hours?)\s*(?:/\s*(?:pv|päivä|day|d)\b|päivässä|a day|per day|daily)")
_PER_WEEK = re.compile(_NUM + r"\s*(?:h|t|tuntia|tunnin|hours?)\s*(?:/\s*(?:vko|viikko|week|wk)\b|viikossa|a week|per week|weekly)")
_DAYS = re.compile(r"(\d)\s*(?:pv|päivää|päivänä|days?)\s*(?:/\s*(?:vko|viikko|week)\b|viikossa|a week|per week)")
_PERCENT = re.compile(r"(\d{2,3})\s*%")
_LIMITED = ("osa-aik", "part-time", "part time", "väsy", "jaksa", "uupu", "fatigue", "tired", "kipu", "kipe",
            "pain", "työkyvyn rajoit", "work capacity", "työkyky", "rajoitt", "limited", "masennu", "depress")
_READING = ("luki", "lukemi", "dyslex", "reading", "näkö", "vision", "luku- ja kirjoitus", "illitera")
_HEARING = ("kuulo", "hearing", "kuuro", "deaf")
_ATTENTION = ("keskitty", "muisti", "concentrat", "memory", "adhd", "oppimisvai", "learning diff", "add ")
_STRONG = ("native", "äidinkieli", "mother", "first", "c2", "c1", "fluent", "sujuva", "b2", "b1")
_ENGLISH = ("english", "englanti", "engl")
_WORD = re.compile(r"[^\W\d_]{5,}", re.UNICODE)
_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")


def _texts(data: Mapping[str, object], key: str) -> list[str]:
    value = data.get(key)
    return [str(v) for v in value] if isinstance(value, list) else []


def _has(text: str, keys: Iterable[str]) -> bool:
    return any(k in text for k in keys)


def stems(text: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(text.casefold())}


@dataclass
class PlanTailoring:
    """What the plan does differently for this participant (the defaults when there is no intake)."""

    applied: bool = False
    sessions_per_week: float = 1.0
    session_minutes: int = DEFAULT_SESSION_MINUTES
    repeat_scenarios: bool = False
    words_per_batch: int = 8
    practice_level: str | None = None  # from the self-assessment, used while no spoken evidence exists
    prior_stems: set[str] = field(default_factory=set)
    explanations: ExplanationsData = field(default_factory=lambda: ExplanationsData(
        language="Finnish", mode="default", plain_finnish_first=False))
    reasons: list[TailoringReason] = field(default_factory=list)

    @property
    def interval_days(self) -> int:
        return max(3, round(7 / self.sessions_per_week))

    def add(self, kind: str, fi: str, en: str) -> None:
        self.reasons.append(TailoringReason(kind=kind, fi=fi, en=en))

    def data(self) -> TailoringData:
        return TailoringData(applied=self.applied, sessions_per_week=self.sessions_per_week,
                             interval_days=self.interval_days, session_minutes=self.session_minutes,
                             repeat_scenarios=self.repeat_scenarios, words_per_batch=self.words_per_batch,
                             practice_level=self.practice_level, explanations=self.explanations,
                             reasons=list(self.reasons))


def weekly_hours(text: str) -> float | None:
    """Hours a week the participant can work or practise, from free text ('4 h/päivä, 3 pv/vko',
    '20 tuntia viikossa', 'työkyky 50 %'), or None when the text gives no number."""
    low = text.casefold()
    if m := _PER_WEEK.search(low):
        return float(m.group(1).replace(",", "."))
    days = int(m.group(1)) if (m := _DAYS.search(low)) else None
    if m := _PER_DAY.search(low):
        return float(m.group(1).replace(",", ".")) * (days or 5)
    if days:
        return days * 7.5
    if (m := _PERCENT.search(low)) and _has(low, ("työkyk", "capacity", "työaika", "working time")):
        return 37.5 * min(100, int(m.group(1))) / 100
    return None


def _pace(t: PlanTailoring, needs: str) -> None:
    hours = weekly_hours(needs)
    if hours is not None and hours >= FULL_TIME_HOURS:
        t.sessions_per_week = 2.0
        t.add("pace", f"Työkyky noin {hours:g} tuntia viikossa: kaksi harjoitusta viikossa.",
              f"Work capacity about {hours:g} hours a week: two sessions a week.")
    elif hours is not None:
        t.sessions_per_week = 0.5 if hours <= 10 else 0.7
        t.add("pace", f"Työkyky noin {hours:g} tuntia viikossa: harjoitus {t.interval_days} päivän välein, "
                      "arviointi myöhemmin.",
              f"Work capacity about {hours:g} hours a week: one session every {t.interval_days} days, "
              "a later review.")
    elif _has(needs, _LIMITED):
        t.sessions_per_week = 0.7
        t.add("pace", f"Työkyvyssä on rajoituksia: harjoitus {t.interval_days} päivän välein.",
              f"Work capacity is limited: one session every {t.interval_days} days.")


def _support(t: PlanTailoring, needs: str) -> None:
    reading, hearing, attention = _has(needs, _READING), _has(needs, _HEARING), _has(needs, _ATTENTION)
    if reading or attention or _has(needs, _LIMITED):
        t.session_minutes, t.repeat_scenarios, t.words_per_batch = SHORT_SESSION_MINUTES, True, 5
        t.add("session", f"Lyhyet harjoitukset (noin {SHORT_SESSION_MINUTES} min), jokainen harjoitus kahdesti, "
                         "5 uutta sanaa kerrallaan.",
              f"Short sessions (about {SHORT_SESSION_MINUTES} min), each scenario twice, 5 new words at a time.")
    if reading:
        t.practice_level = "A1"
        t.add("support", "Lukemisen tuki: ensin kuunnellaan, sitten luetaan. Selkeä suomi ensin.",
              "Reading support: listen first, then read. Plain Finnish first.")
    if hearing:
        t.add("support", "Kuulon tuki: puhe näkyy aina myös tekstinä.",
              "Hearing support: speech is always shown as text too.")
    if reading or hearing or attention or needs.strip():
        t.explanations["plain_finnish_first"] = True


def _languages(t: PlanTailoring, data: Mapping[str, object], llm: bool) -> None:
    raw = data.get("languages")
    langs = [x for x in raw if isinstance(x, Mapping)] if isinstance(raw, list) else []
    known = [(str(x.get("language", "")), str(x.get("level", "")).casefold()) for x in langs]
    known = [(lang, level) for lang, level in known if lang.casefold() not in ("suomi", "finnish", "")]
    english = any(_has(lang.casefold(), _ENGLISH) and _has(level, _STRONG) for lang, level in known)
    strongest = max(known, key=lambda x: next((len(_STRONG) - i for i, k in enumerate(_STRONG) if k in x[1]), 0),
                    default=None)
    if llm and strongest:
        t.explanations["language"], t.explanations["mode"] = strongest[0], "llm"
        t.add("explanations", f"Selitykset kielellä {strongest[0]} (vahvin kieli).",
              f"Explanations in {strongest[0]} (the strongest language).")
    elif english:
        t.explanations["language"], t.explanations["mode"] = "English", "gloss"
        t.add("explanations", "Osaat englantia: selitykset myös englanniksi.",
              "You know English: explanations are offered in English too.")
    elif known:
        t.explanations["language"], t.explanations["mode"] = "Finnish", "plain"
        t.explanations["plain_finnish_first"] = True
        t.add("explanations", "Englanti ei ole vahva kieli: selitykset selkeällä suomella ja kuvilla.",
              "English is not a strong language: explanations in plain Finnish.")


def tailor(data: Mapping[str, object] | None, llm: bool = False) -> PlanTailoring:
    """The plan's tailoring from an intake (the defaults, `applied` False, without one)."""
    t = PlanTailoring()
    if not data:
        return t
    t.applied = True
    needs = " ".join([*_texts(data, "support_needs"), str(data.get("notes") or "")]).casefold()
    _pace(t, needs)
    _support(t, needs)
    _languages(t, data, llm)
    assessed = data.get("self_assessment")
    levels = [str(v) for v in assessed.values() if str(v) in _LEVELS] if isinstance(assessed, Mapping) else []
    if levels and t.practice_level is None:
        t.practice_level = min(levels, key=_LEVELS.index)
        t.add("level", f"Oma arvio: harjoitukset alkavat tasolta {t.practice_level}, kunnes puheesta on näyttöä.",
              f"Self-assessment: scenarios start at {t.practice_level} until there is spoken evidence.")
    prior = " ".join(_texts(data, "prior_competence") + _texts(data, "work_history") + _texts(data, "education"))
    t.prior_stems = stems(prior)
    if t.prior_stems:
        t.add("prior", "Aiempi osaaminen: jo tehdyn työn harjoitukset ovat suunnitelmassa viimeisinä.",
              "Prior competence: scenarios of work already done come last in the plan.")
    return t
