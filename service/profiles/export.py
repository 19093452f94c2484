"""Printable info packets of a task-language profile in Markdown, HTML and PDF, for three readers:
the learner (words, phrases, situations, targets — plain Finnish with English beside it), the
workplace instructor (what the learner practises and how to help) and the teacher (everything,
with keyness, grammar focus, reasons and text levels).

A packet is built once as plain sections and rendered three ways, so the formats never disagree.
Text from profiles is escaped in HTML; the PDF uses DejaVu Sans (Finnish letters) when installed.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from finnish.profile import BAND_NAMES, SKILL_NAMES, SKILLS, TaskProfile
from service.core.errors import InvalidInput
from service.core.escape import md, md_block
from service.core.pdf import new_pdf

Audience = Literal["learner", "instructor", "teacher"]
AUDIENCES: dict[str, tuple[str, str]] = {
    "learner": ("Oppijalle", "For the learner"),
    "instructor": ("Työpaikkaohjaajalle", "For the workplace instructor"),
    "teacher": ("Opettajalle", "For the teacher"),
}
FORMATS = ("md", "html", "pdf", "json")
MEDIA_TYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
               "pdf": "application/pdf", "json": "application/json"}
KIND_NAMES = {
    "instruction": ("Ohjeet", "Instructions"),
    "request": ("Pyynnöt ja kohteliaat sanat", "Requests and polite words"),
    "obligation": ("Pakko ja velvollisuus", "Obligation"),
    "question": ("Kysymykset", "Questions"),
    "warning": ("Varoitukset ja kiellot", "Warnings and prohibitions"),
    "expression": ("Näin voit sanoa", "What you can say"),
}


def _cue(evidence: str) -> str:
    """A situation's cue as a teacher reads it: "phrase:question" is the phrase kind's name."""
    kind = evidence.removeprefix("phrase:")
    if kind != evidence and kind in KIND_NAMES:
        return f"fraasit: {KIND_NAMES[kind][0].lower()}"
    return evidence


INSTRUCTOR_TIPS = [
    ("Puhu rauhallisesti ja käytä lyhyitä lauseita.", "Speak calmly and use short sentences."),
    ("Näytä samalla, mitä teet, ja nimeä välineet.", "Show what you do and name the tools."),
    ("Käytä samoja sanoja kuin työohjeissa.", "Use the same words as the written instructions."),
    ("Pyydä oppijaa kertomaan omin sanoin, mitä hän tekee seuraavaksi.",
     "Ask the learner to say in their own words what they will do next."),
]


@dataclass
class Section:
    heading: str
    lines: list[str] = field(default_factory=list)  # paragraphs
    items: list[tuple[str, str]] = field(default_factory=list)  # (bold part, rest)


@dataclass
class Packet:
    title: str
    subtitle: str
    sections: list[Section]


def _skill(skill: str) -> str:
    fi, en = SKILL_NAMES[skill]
    return f"{fi} ({en})"


def _key_terms(profile: TaskProfile, audience: Audience) -> Section:
    terms = Section("Tärkeät sanat (Key words)")
    for t in profile.key_terms[:{"learner": 25, "instructor": 20, "teacher": 40}[audience]]:
        head = t.lemma + (f" ({' + '.join(t.parts)})" if t.parts else "")
        detail = []
        if audience != "learner":
            band_fi, band_en = BAND_NAMES[t.band]
            detail.append(f"{band_fi} / {band_en}")
        if audience == "teacher":
            detail.append(f"{t.count}× · keyness {t.keyness:.1f}")
        if t.examples:
            detail.append(f"Esim. (e.g.) “{t.examples[0]}”")
        terms.items.append((head, " — ".join(detail)))
    return terms


def _phrases(profile: TaskProfile, audience: Audience) -> list[Section]:
    sections = []
    for kind, (kfi, ken) in KIND_NAMES.items():
        group = [p for p in profile.phrases if p.kind == kind]
        if group:
            sections.append(Section(
                f"Fraasit: {kfi} (Phrases: {ken})",
                items=[(p.text, p.pattern if audience == "teacher" and p.pattern else "") for p in group],
            ))
    return sections


def _situations(profile: TaskProfile, audience: Audience) -> Section:
    situations = Section("Tilanteet (Situations)")
    for s in profile.situations:
        skills = ", ".join(SKILL_NAMES[k][0] for k in s.skills)
        about = f"{s.label_en}" + (f" — {skills}" if skills and audience != "learner" else "")
        if audience == "teacher" and s.evidence:
            about += f" — vihjeet (cues): {', '.join(_cue(e) for e in s.evidence[:6])}"
        situations.items.append((s.label, about))
    return situations


def _targets(profile: TaskProfile, audience: Audience) -> Section:
    targets = Section("Tavoitetasot (Target levels)")
    for skill in SKILLS:
        target = getattr(profile.skills, skill)
        why = f"{target.why} {('(' + target.why_en + ')') if target.why_en else ''}".strip()
        targets.items.append((f"{_skill(skill)}: {target.cefr}", why if audience != "learner" else ""))
    return targets


def _teacher_only(profile: TaskProfile) -> list[Section]:
    """Grammar focus, the texts and their levels, and the notes: for the teacher's packet."""
    grammar = Section("Kielioppi (Grammar focus)")
    for g in profile.grammar:
        grammar.items.append((f"{g.name} ({g.name_en})",
                              f"{g.count}×, {g.share:.0%} vs. {g.reference_share:.0%} yleiskielessä (in general Finnish)"
                              + (f" — {', '.join(g.examples)}" if g.examples else "")))
    texts = Section("Tekstit ja niiden taso (Texts and their level)")
    for i, tl in enumerate(profile.texts, 1):
        texts.items.append((f"{tl.title or f'Teksti {i}'}: {tl.level}",
                            f"{tl.words} sanaa (words), {tl.sentences} virkettä (sentences)"
                            + ("" if tl.reliable else " — lyhyt teksti, arvio epävarma (short text, uncertain)")))
    sections = [grammar, texts]
    if profile.notes.strip():
        sections.append(Section("Muistiinpanot (Notes)", lines=[profile.notes.strip()]))
    return sections


def build_packet(profile: TaskProfile, audience: Audience, word_list: Sequence[tuple[str, str]] = ()) -> Packet:
    """The info packet of a profile for one audience, section by section."""
    fi, en = AUDIENCES[audience]
    sections: list[Section] = []
    if profile.description and audience != "learner":
        sections.append(Section("Työtehtävä (The task)", lines=[profile.description]))
    if audience == "instructor":
        sections.append(Section("Näin autat oppijaa (How to help the learner)",
                                items=[(a, b) for a, b in INSTRUCTOR_TIPS]))
    sections.append(_key_terms(profile, audience))
    if word_list:  # the vocabulary trainer's cards: each word with the forms this job uses, and its gloss
        sections.append(Section("Sanalista: sanat ja muodot työssä (Word list: the forms this job uses)",
                                items=list(word_list)))
    sections += _phrases(profile, audience)
    sections += [_situations(profile, audience), _targets(profile, audience)]
    if audience == "teacher":
        sections += _teacher_only(profile)
    return Packet(title=f"Kieliprofiili: {profile.title}", subtitle=f"{fi} ({en})", sections=sections)


def to_markdown(packet: Packet) -> str:
    # Titles, descriptions, notes, terms and phrases are written by people: escaped, never markup.
    out = [f"# {md(packet.title)}", "", f"*{md(packet.subtitle)}*", ""]
    for s in packet.sections:
        out += [f"## {md(s.heading)}", ""]
        out += [md_block(line) + "\n" for line in s.lines]
        for bold, rest in s.items:
            out.append(f"- **{md(bold)}**" + (f" — {md(rest)}" if rest else ""))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def to_html(packet: Packet) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="fi"><head><meta charset="utf-8" />',
        f"<title>{e(packet.title)}</title>",
        "<style>body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:50em;margin:2em auto;line-height:1.45}"
        "h1{font-size:1.6em}h2{font-size:1.2em;border-bottom:1px solid #999;margin-top:1.6em}"
        "li{margin:.25em 0}@media print{body{margin:0}}</style></head><body>",
        f"<h1>{e(packet.title)}</h1>",
        f"<p><em>{e(packet.subtitle)}</em></p>",
    ]
    for s in packet.sections:
        parts.append(f"<section><h2>{e(s.heading)}</h2>")
        parts += [f"<p>{e(line)}</p>" for line in s.lines]
        if s.items:
            parts.append("<ul>")
            for bold, rest in s.items:
                parts.append(f"<li><strong>{e(bold)}</strong>" + (f" — {e(rest)}" if rest else "") + "</li>")
            parts.append("</ul>")
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def to_pdf(packet: Packet) -> bytes:
    pdf, family, clean = new_pdf()
    pdf.set_title(clean(packet.title))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font(family, "B", 16)
    pdf.multi_cell(width, 8, clean(packet.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "", 10)
    pdf.multi_cell(width, 6, clean(packet.subtitle), new_x="LMARGIN", new_y="NEXT")
    for s in packet.sections:
        pdf.ln(3)
        pdf.set_font(family, "B", 12)
        pdf.multi_cell(width, 7, clean(s.heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, "", 10)
        for line in s.lines:
            pdf.multi_cell(width, 5, clean(line), new_x="LMARGIN", new_y="NEXT")
        for head, rest in s.items:
            text = f"**{_pdf_md(clean(head))}**" + (f" — {_pdf_md(clean(rest))}" if rest else "")
            pdf.multi_cell(width, 5, "• " + text if family == "DejaVu" else "- " + text, markdown=True,
                           new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _pdf_md(text: str) -> str:
    # fpdf2's markdown treats ** __ -- as markers; keep them literal by breaking the pairs up
    return text.replace("**", "*\u200b*").replace("__", "_\u200b_").replace("--", "-\u200b-")


def _slug(title: str) -> str:
    ascii_title = title.lower().replace("ä", "a").replace("ö", "o").replace("å", "a")
    return re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")[:60] or "profiili"


def export(profile: TaskProfile, fmt: str, audience: str = "teacher",
           word_list: Sequence[tuple[str, str]] = ()) -> tuple[bytes, str, str]:
    """(content, media type, file name) of one export."""
    if fmt not in FORMATS:
        raise InvalidInput(f"Unknown export format '{fmt}': choose one of {', '.join(FORMATS)}.")
    if audience not in AUDIENCES:
        raise InvalidInput(f"Unknown audience '{audience}': choose one of {', '.join(AUDIENCES)}.")
    name = f"kieliprofiili-{_slug(profile.title)}"
    if fmt == "json":
        body = json.dumps(profile.model_dump(mode="json"), ensure_ascii=False, indent=2).encode("utf-8")
        return body, MEDIA_TYPES[fmt], f"{name}.json"
    packet = build_packet(profile, audience, word_list)  # type: ignore[arg-type]
    name = f"{name}-{audience}.{fmt}"
    if fmt == "md":
        return to_markdown(packet).encode("utf-8"), MEDIA_TYPES[fmt], name
    if fmt == "html":
        return to_html(packet).encode("utf-8"), MEDIA_TYPES[fmt], name
    return to_pdf(packet), MEDIA_TYPES[fmt], name
