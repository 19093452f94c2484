"""A target a coach typed that matches no task or profile ("Kassatyö kierrätyskeskuksessa"): the
closest tasks and stored profiles by shared word stems, and the offer to create a profile for it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypedDict

MAX_SUGGESTIONS = 5
_WORD = re.compile(r"[^\W\d_]{3,}")


def _stems(text: str) -> set[str]:
    # Finnish inflects and compounds: 5-letter stems of the words and of their halves match
    # "kierrätyskeskuksessa" with "Kierrätyskeskuksen kassa"
    out: set[str] = set()
    for w in _WORD.findall(text.lower()):
        out.add(w[:5])
        if len(w) >= 10:
            out.add(w[len(w) // 2:][:5])
    return out


class Suggestion(TypedDict):
    id: str
    title: str
    score: float  # share of the reference's word stems the choice has


def closest(ref: str, choices: Sequence[tuple[str, str]], n: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    """Choices (id, title) sharing word stems with `ref`, best first."""
    wanted = _stems(ref)
    scored = []
    for cid, title in choices:
        shared = len(wanted & _stems(f"{title} {cid.replace('-', ' ')}"))
        if shared:
            scored.append((shared / max(len(wanted), 1), cid, title))
    scored.sort(key=lambda x: (-x[0], x[2]))
    return [{"id": cid, "title": title, "score": round(score, 2)} for score, cid, title in scored[:n]]


def unknown_target_message(ref: str, suggestions: list[Suggestion]) -> str:
    names = "; ".join(f"{s['title']} ({s['id']})" for s in suggestions)
    near_fi = f" Lähimmät: {names}." if suggestions else ""
    near_en = f" Closest: {names}." if suggestions else ""
    return (f"Tehtävää tai profiilia '{ref}' ei löydy.{near_fi} Voit myös pyytää opettajaa tekemään tälle tehtävälle "
            f"kieliprofiilin (Kieliprofiili-välilehti) ja valita sen sitten. / No task or profile '{ref}'.{near_en} Or "
            "create a task-language profile for this task (a teacher, in Kieliprofiili or POST /api/v1/profiles) and "
            "choose it as profile:<id>.")


def create_profile_offer(ref: str) -> dict[str, str]:
    return {"title": ref, "route": "POST /api/v1/profiles",
            "how": "A teacher pastes this task's workplace texts under this title; the target is then profile:<id>."}
