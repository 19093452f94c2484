"""The portfolio as a page and as a PDF: plain Finnish with English beside it, only the chosen parts."""

from __future__ import annotations

from html import escape

from service.core.pdf import new_pdf
from service.workplace.portfolio import Portfolio

TITLES = {"tasks": ("Harjoitellut työtehtävät", "Tasks practised"),
          "skills": ("Suomen kielen taito", "Finnish skills"),
          "words": ("Työn sanoja, joita osaan", "Work words I use"),
          "observations": ("Havainnot työpaikalla", "Observations at the workplace"),
          "units": ("Tutkinnon osat, joihin näyttö sopii", "Qualification units the evidence supports")}
STATUS = {"ready": "valmis (ready)", "almost": "melkein valmis (almost)", "not_yet": "harjoittelee (practising)",
          "not_enough_evidence": "harjoittelee (practising)"}


def lines(data: Portfolio) -> list[tuple[str, list[str]]]:
    """(heading, lines) for each chosen section, in the order of the portfolio."""
    out: list[tuple[str, list[str]]] = []
    for section in data.get("include") or []:
        fi, en = TITLES[section]
        heading = f"{fi} ({en})"
        if section == "tasks":
            rows = [f"{t['title']}: {t['practised']} harjoitusta, {STATUS.get(t['status'], t['status'])}"
                    for t in data.get("tasks") or []]
        elif section == "skills":
            rows = [f"{s['name']} ({s['name_en']}): {s['level']} - "
                    + ", ".join(f"{k} {n}" for k, n in s["evidence"].items()) for s in data.get("skills") or []]
        elif section == "words":
            rows = [", ".join(data.get("words") or [])] if data.get("words") else []
        elif section == "observations":
            rows = [f"{o['date']}: {o['situation_label'] or o['situation']} - {o['result_fi']} ({o['result_en']})"
                    + (f". {o['note']}" if o.get("note") else "") for o in data.get("observations") or []]
        else:
            rows = [f"{u['qualification_name']}: {u['unit_code']} {u['unit_name']}" for u in data.get("units") or []]
        out.append((heading, rows or ["-"]))
    return out


def to_html(data: Portfolio, *, shared: bool = False) -> str:
    parts = [f"<h1>Osaamiskansio: {escape(data['name'])}</h1>", "<p>Competence portfolio</p>"]
    if shared and data.get("expires"):
        parts.append(f"<p>Linkki toimii {escape(data['expires'][:10])} asti (the link works until then).</p>")
    for heading, rows in lines(data):
        parts.append(f"<h2>{escape(heading)}</h2><ul>" + "".join(f"<li>{escape(r)}</li>" for r in rows) + "</ul>")
    body = "\n".join(parts)
    return ("<!doctype html><html lang='fi'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'><title>Osaamiskansio</title>"
            "<style>body{font-family:sans-serif;max-width:42rem;margin:1rem auto;padding:0 1rem;line-height:1.5}"
            "h2{font-size:1.1rem;margin-top:1.5rem}</style></head>"
            f"<body>{body}</body></html>")


def not_found_page() -> str:
    return ("<!doctype html><html lang='fi'><head><meta charset='utf-8'><title>Linkki ei toimi</title></head>"
            "<body style='font-family:sans-serif;max-width:36rem;margin:2rem auto'>"
            "<h1>Linkki ei toimi</h1><p>Tämä osaamiskansion linkki on poistettu tai vanhentunut.</p>"
            "<p>This portfolio link was removed or has expired.</p></body></html>")


def to_pdf(data: Portfolio) -> bytes:
    pdf, font, text = new_pdf()
    pdf.add_page()
    pdf.set_font(font, "B", 16)
    pdf.multi_cell(0, 9, text(f"Osaamiskansio: {data['name']}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(font, "", 10)
    pdf.multi_cell(0, 6, text("Competence portfolio"), new_x="LMARGIN", new_y="NEXT")
    for heading, rows in lines(data):
        pdf.ln(3)
        pdf.set_font(font, "B", 12)
        pdf.multi_cell(0, 7, text(heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, "", 10)
        for row in rows:
            pdf.multi_cell(0, 6, text(f"- {row}"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
