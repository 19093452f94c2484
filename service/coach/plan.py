"""The personal progress plan (henkilökohtainen suunnitelma): what to practise next, with dates.

It is rebuilt from the readiness every time it is read, so it follows the evidence: a skill that
became ready leaves the focus, words the participant has used leave the word list, scenarios done
well make way for new ones. Dates count from the latest evidence (or today when there is none or it
is older than two weeks): one scenario a week, words in the first week, phrases in the second and a
review with the coach after four weeks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from finnish.labels import STATUS_NAMES
from service.coach.evidence import level_label, level_number
from service.coach.participants import SKILL_NAMES
from service.coach.readiness import ReadinessService, reason
from service.core.auth import CurrentUser

SCENARIOS = 3
WORDS = 8
PHRASES = 5
SPOKEN = ("speaking", "listening", "interaction")


def _base_date(items: list[Any], today: date) -> date:
    if not items:
        return today
    last = max(i.recorded_at for i in items).date()
    return last if (today - last).days <= 14 else today


class PlanService:
    """`scenarios(task)` lists the scenarios of a task as summaries {id, title, task, levels}."""

    def __init__(self, readiness: ReadinessService, scenarios: Callable[[str], list[dict[str, Any]]] | None = None,
                 today: Callable[[], date] | None = None) -> None:
        self.readiness = readiness
        self._scenarios = scenarios or (lambda _task: [])
        self._today = today or (lambda: datetime.now(UTC).date())

    def plan(self, user: CurrentUser, participant_id: int) -> dict[str, Any]:
        p, items = self.readiness.gather(user, participant_id)
        self.readiness.participants.record(user, "read", participant_id)
        result = self.readiness.assess(p, items)
        start = _base_date(items, self._today())
        done: dict[str, float] = {}
        for item in items:
            if item.kind == "simulation" and item.data.get("scenario"):
                goals = item.data.get("goals") or {}
                share = goals.get("reached", 0) / goals["total"] if goals.get("total") else 0.0
                done[item.data["scenario"]] = max(done.get(item.data["scenario"], 0.0), share)

        focus, scenarios, words, phrases = [], [], [], []
        for task in result["tasks"]:
            for skill, info in task["skills"].items():
                if info["status"] == "ready":
                    continue
                fi, en = SKILL_NAMES[skill]
                st_fi, st_en = STATUS_NAMES[info["status"]]
                focus.append({"task": task["task"], "skill": skill, "status": info["status"],
                              "estimate": info["estimate"], "target": info["target"],
                              "why": reason(f"{fi}: {st_fi}" + (f", tavoite {info['target']}" if info["target"] else ""),
                                            f"{en}: {st_en}" + (f", target {info['target']}" if info["target"] else ""))})
            level = _practice_level(result["estimates"])
            for sc in self._next_scenarios(task["task"], done):
                levels = sc.get("levels") or [level]
                scenarios.append({"id": sc["id"], "title": sc.get("title", sc["id"]), "task": task["task"],
                                  "level": level if level in levels else levels[0],
                                  "why": reason("Et ole vielä tehnyt tätä.", "Not done yet.") if sc["id"] not in done
                                  else reason("Harjoittele uudestaan: kaikki tavoitteet eivät onnistuneet.",
                                              "Practise again: not every goal was reached.")})
            for lemma in task["vocabulary"]["missing"][:WORDS]:
                words.append({"lemma": lemma, "task": task["task"]})
            profile = self.readiness.targets.profile(task["task"]) or {}
            missing = set(task["vocabulary"]["missing"])
            ranked = sorted(profile.get("phrases") or [],
                            key=lambda ph: -sum(1 for m in missing if m in str(ph.get("text", "")).casefold()))
            for ph in ranked[:PHRASES]:
                phrases.append({"text": ph.get("text", ""), "task": task["task"]})

        scenarios = scenarios[:SCENARIOS]
        for i, sc in enumerate(scenarios):
            sc["due"] = (start + timedelta(days=7 * (i + 1))).isoformat()
        for w in words:
            w["due"] = (start + timedelta(days=7)).isoformat()
        for ph in phrases:
            ph["due"] = (start + timedelta(days=14)).isoformat()
        review = start + timedelta(days=28)
        steps = [{"due": sc["due"], "kind": "scenario", "fi": f"Harjoitus: {sc['title']} ({sc['level']})",
                  "en": f"Simulation: {sc['title']} ({sc['level']})"} for sc in scenarios]
        if words:
            steps.append({"due": words[0]["due"], "kind": "words", "fi": f"Opettele {len(words)} työn sanaa.",
                          "en": f"Learn {len(words)} work words."})
        if phrases:
            steps.append({"due": phrases[0]["due"], "kind": "phrases", "fi": f"Harjoittele {len(phrases)} fraasia.",
                          "en": f"Practise {len(phrases)} phrases."})
        if any(f["status"] == "not_enough_evidence" and f["skill"] not in SPOKEN for f in focus):
            steps.append({"due": (start + timedelta(days=14)).isoformat(), "kind": "evidence",
                          "fi": "Kirjoita lyhyt työteksti ja pyydä palaute, tai pyydä opettajan arvio.",
                          "en": "Write a short work text and get feedback, or ask for a teacher assessment."})
        steps.append({"due": review.isoformat(), "kind": "review", "fi": "Arviointikeskustelu valmentajan kanssa.",
                      "en": "Review meeting with the coach."})
        steps.sort(key=lambda s: s["due"])
        last = max((i.recorded_at for i in items), default=None)
        return {
            "participant": p.id, "name": p.name, "start": start.isoformat(), "review": review.isoformat(),
            "updated_at": last.isoformat() if last else None, "based_on_evidence": len(items),
            "focus": focus, "scenarios": scenarios, "words": words, "phrases": phrases, "steps": steps,
        }

    def _next_scenarios(self, task: str, done: dict[str, float]) -> list[dict[str, Any]]:
        try:
            found = list(self._scenarios(task))
        except Exception:  # a scenario library that is not ready must not hide the rest of the plan
            return []
        fresh = [s for s in found if s["id"] not in done]
        weak = sorted((s for s in found if s["id"] in done and done[s["id"]] < 1.0), key=lambda s: done[s["id"]])
        return fresh + weak


def _practice_level(estimates: dict[str, Any]) -> str:
    """Practise at the spoken level the evidence shows, at least A1 and at most B2."""
    scores = [e["score"] for k, e in estimates.items() if k in SPOKEN and e["score"] is not None]
    if not scores:
        return "A2"
    label = level_label(min(scores)) or "A2"
    return label if (level_number(label) or 1) <= 4 else "B2"
