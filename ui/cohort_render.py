"""Plots and the table of the cohort dashboard (matplotlib figures: Gradio sends them as images, so the
UI's CSP needs no script evaluation)."""

from __future__ import annotations

from typing import Any

from service.coach.cohort import Cohort
from service.coach.participants import SKILL_NAMES, SKILLS

STATUS_COLOURS = {"ready": "#2e7d32", "almost": "#f9a825", "not_yet": "#c62828", "not_enough_evidence": "#9e9e9e"}
STATUS_FI = {"ready": "valmis", "almost": "melkein", "not_yet": "ei vielä", "not_enough_evidence": "vähän näyttöä"}
HEADERS = ["Nimi (name)", "Tehtävä (task)", "Valmius (readiness)", "Harjoituksia (sessions)", "Kortteja (cards)",
           "Viimeksi (last practice)", "Pysähtynyt (stalled)"]


def _figure(width: float, height: float) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def activity_figure(data: Cohort) -> Any:
    """Sessions and card reviews per week over the cohort."""
    fig = _figure(6, 2.8)
    ax = fig.add_subplot()
    weeks = [w["week"][-3:] for w in data["summary"]["activity"]]
    sessions = [w["sessions"] for w in data["summary"]["activity"]]
    cards = [w["cards"] for w in data["summary"]["activity"]]
    xs = range(len(weeks))
    ax.bar([x - 0.2 for x in xs], sessions, width=0.4, label="harjoitukset (sessions)", color="#1565c0")
    ax.bar([x + 0.2 for x in xs], cards, width=0.4, label="sanakortit (cards)", color="#90caf9")
    ax.set_xticks(list(xs), weeks)
    ax.set_ylim(0, max([*sessions, *cards, 0]) + 1)  # counts: from zero, whole numbers (an empty week is not negative)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title("Aktiivisuus viikoittain (activity per week)")
    ax.legend(loc="upper left", fontsize=8)
    return fig


def skills_figure(data: Cohort) -> Any:
    """For each task, how many participants are ready / almost / not yet per skill (stacked bars)."""
    tasks = data["summary"]["skills_by_task"]
    fig = _figure(6, max(2.4, 1.9 * len(tasks)))
    if not tasks:
        ax = fig.add_subplot()
        ax.axis("off")
        ax.text(0.5, 0.5, "Ei vielä tavoitetehtäviä (no target tasks yet)", ha="center")
        return fig
    for i, task in enumerate(tasks, start=1):
        ax = fig.add_subplot(len(tasks), 1, i)
        labels = [SKILL_NAMES[s][0] for s in SKILLS]
        left = [0] * len(SKILLS)
        for status, colour in STATUS_COLOURS.items():
            counts = [task["skills"].get(s, {}).get(status, 0) for s in SKILLS]
            ax.barh(labels, counts, left=left, color=colour, label=STATUS_FI[status])
            left = [a + b for a, b in zip(left, counts, strict=True)]
        ax.set_title(task["title"], fontsize=9)
        ax.tick_params(labelsize=8)
        if i == 1:
            ax.legend(fontsize=7, loc="lower right")
    return fig


def table(data: Cohort) -> list[list[Any]]:
    rows = []
    for p in data["participants"]:
        tasks = [(t["title"], t["status"]) for t in p["tasks"]] or [("–", "")]
        for title, status in tasks:
            rows.append([p["name"], title, STATUS_FI.get(status, status), p["sessions"], p["cards"],
                         (p["last_practice"] or "–")[:10], "kyllä (yes)" if p["stalled"] else "ei (no)"])
    return rows


def summary_markdown(data: Cohort) -> str:
    s = data["summary"]
    return (f"**{s['participants']}** osallistujaa (participants) · **{s['stalled']}** pysähtynyt "
            f"(no practice for {data['stalled_days']} days) · **{s['ready_tasks']}** tehtävää valmiina (tasks ready)")
