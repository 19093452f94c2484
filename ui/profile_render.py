"""Pure helpers of the "Kieliprofiili" tab: a profile to table rows, chart data and Markdown, and
the teacher's edits back into a profile. No Gradio here, so they are easy to test."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from service.core.escape import md
from service.core.labels import BAND_NAMES, CEFR_LEVELS, SKILL_NAMES, SKILLS, TaskProfile

TERM_COLUMNS = ["Sana (term)", "Määrä (count)", "Avainsanaisuus (keyness)", "Taso (band)",
                "Osat (parts)", "Esimerkki (example)"]
PHRASE_COLUMNS = ["Laji (kind)", "Fraasi (phrase)"]
KIND_LABELS = {"instruction": "ohje", "request": "pyyntö", "obligation": "pakko", "question": "kysymys",
               "warning": "varoitus", "expression": "sano näin"}
KIND_BY_LABEL = {v: k for k, v in KIND_LABELS.items()}


def split_pasted(text: str | None) -> list[str]:
    """Several pasted texts separated by a line of three or more dashes."""
    parts = re.split(r"(?m)^\s*-{3,}\s*$", text or "")
    return [p.strip() for p in parts if p.strip()]


def term_rows(profile: dict[str, Any]) -> list[list[Any]]:
    return [
        [t["lemma"], t["count"], round(float(t["keyness"]), 1), BAND_NAMES[t["band"]][0],
         " + ".join(t.get("parts") or []), (t.get("examples") or [""])[0]]
        for t in profile.get("key_terms", [])
    ]


def phrase_rows(profile: dict[str, Any]) -> list[list[str]]:
    return [[KIND_LABELS.get(p["kind"], p["kind"]), p["text"]] for p in profile.get("phrases", [])]


def skill_chart(profile: dict[str, Any]) -> pd.DataFrame:
    rows = []
    for skill in SKILLS:
        level = profile["skills"][skill]["cefr"]
        rows.append({"skill": f"{SKILL_NAMES[skill][0]} ({level})", "level": CEFR_LEVELS.index(level) + 1,
                     "cefr": level})
    return pd.DataFrame(rows)


def skill_figure(profile: dict[str, Any]) -> Any:
    """A horizontal bar per skill on the CEFR scale (matplotlib: renders offline as an image)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    data = skill_chart(profile)
    fig = Figure(figsize=(7, 2.6), dpi=100)
    ax = fig.subplots()
    labels = [f"{SKILL_NAMES[s][0]}\n({s})" for s in SKILLS]
    ax.barh(labels[::-1], list(data["level"])[::-1], color="#f97316")
    for y, (lv, cefr) in enumerate(zip(list(data["level"])[::-1], list(data["cefr"])[::-1], strict=True)):
        ax.text(lv + 0.05, y, cefr, va="center", fontsize=9)
    ax.set_xlim(0, 6.5)
    ax.set_xticks(range(1, 7), list(CEFR_LEVELS))
    ax.set_title("Tavoitetaso taidoittain (CEFR target per skill)", fontsize=10)
    ax.tick_params(axis="y", labelsize=8)
    fig.tight_layout()
    return fig


def summary_markdown(profile: dict[str, Any]) -> str:
    e = md  # titles, labels and reasons are written by people: shown as text, never Markdown or HTML
    lines = [f"### {e(profile['title'])}"]
    if profile.get("id"):
        lines.append(f"Tallennettu profiili #{profile['id']}, versio {profile['version']} "
                     f"(saved profile, version {profile['version']}; muokkasi / changed by {e(str(profile.get('updated_by')))})")
    else:
        lines.append("Tallentamaton profiili. *(Not saved yet.)*")
    levels = ", ".join(f"{e(t.get('title') or str(i + 1))}: {t['level']}" for i, t in enumerate(profile.get("texts", [])))
    if levels:
        lines.append(f"**Tekstien taso (text levels):** {levels}")
    if profile.get("situations"):
        lines.append("**Tilanteet (situations):** " + "; ".join(
            f"{e(s['label'])} ({e(s.get('label_en') or '')})" for s in profile["situations"]))
    lines.append("**Tavoitetasot (targets):**")
    for skill in SKILLS:
        target = profile["skills"][skill]
        lines.append(f"- {SKILL_NAMES[skill][0]} ({skill}): **{target['cefr']}** — {e(target.get('why', ''))}")
    if profile.get("grammar"):
        lines.append("**Kielioppi (grammar focus):** " + ", ".join(
            f"{e(g['name'])} {g['count']}×" for g in profile["grammar"]))
    return "\n\n".join(lines)


def _rows(table: Any) -> list[list[Any]]:
    if table is None:
        return []
    if isinstance(table, pd.DataFrame):
        return table.values.tolist()
    return [list(r) for r in table]


def apply_edits(
    profile: dict[str, Any],
    *,
    title: str,
    notes: str,
    levels: dict[str, str],
    terms: Any,
    phrases: Any,
    situation_ids: list[str] | None = None,
) -> dict[str, Any]:
    """The profile with the teacher's edits: a key-term row whose word is cleared is removed, a new
    row is a teacher-added term; phrases likewise; skill levels from the dropdowns."""
    out = dict(profile)
    out["title"] = (title or "").strip() or profile["title"]
    out["notes"] = notes or ""
    old_terms = {t["lemma"]: t for t in profile.get("key_terms", [])}
    new_terms = []
    for row in _rows(terms):
        lemma = str(row[0] or "").strip()
        if not lemma:
            continue
        term = dict(old_terms.get(lemma) or {"lemma": lemma, "count": 0, "keyness": 0.0, "band": "workplace",
                                             "examples": [], "parts": []})
        example = str(row[5] or "").strip() if len(row) > 5 else ""
        if example and example not in term["examples"]:
            term["examples"] = [example] + list(term["examples"])
        new_terms.append(term)
    out["key_terms"] = new_terms
    old_phrases = {p["text"]: p for p in profile.get("phrases", [])}
    new_phrases = []
    for row in _rows(phrases):
        text = str(row[1] or "").strip() if len(row) > 1 else ""
        if not text:
            continue
        kind = KIND_BY_LABEL.get(str(row[0]).strip(), str(row[0]).strip())
        phrase = dict(old_phrases.get(text) or {"text": text, "kind": "instruction"})
        if kind in KIND_LABELS:
            phrase["kind"] = kind
        new_phrases.append(phrase)
    out["phrases"] = new_phrases
    skills = {k: dict(v) for k, v in profile["skills"].items()}
    for skill, level in levels.items():
        if level and level != skills[skill]["cefr"]:
            skills[skill] = {"cefr": level, "why": "Opettaja muutti tason.", "why_en": "Set by the teacher."}
    out["skills"] = skills
    if situation_ids is not None:
        from service.core.labels import situation

        kept = {s["id"]: s for s in profile.get("situations", [])}
        out["situations"] = [kept.get(sid) or situation(sid, "teacher").model_dump() for sid in situation_ids]
    return TaskProfile.model_validate(out).model_dump(mode="json") | {
        k: profile[k] for k in ("id", "version", "updated_by") if k in profile
    }
