"""Finding 7: a name, title or note with markup renders as text in every tab's Markdown/HTML and in
every export (Markdown, HTML, PDF) — no tag, link or heading of the author's own survives."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from service.core.escape import md, md_block
from ui.readiness_render import heatmap_html, plan_markdown, readiness_markdown

ATTACKS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "[klikkaa](javascript:alert(1))",
    "![kuva](http://evil.example/x.png)",
    "# Otsikko",
    "**lihava** _kursiivi_ `koodi`",
    "<a href='javascript:alert(1)'>x</a>",
    "Amina\n\n<iframe src=//evil>",
    "&lt;script&gt;",
    "| a | b |\n|---|---|",
    "> lainaus",
    "1. lista",
]


def rendered(markdown: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def tags(html: str) -> list[str]:
    """The elements and their attributes: what the markup *does*, whatever text it shows."""
    found = re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-z-]+(?:=(?:'[^']*'|\"[^\"]*\"|[^\s>]+))?)*)\s*/?>", html)
    return sorted(t for t in found if t[0] not in ("p", "br"))  # paragraphs: the text's own line breaks


def assert_same_markup(render: object, attack: str, benign: str = "Amina Testinen") -> None:
    """Rendering with the attack as the user's text makes exactly the elements of a plain name."""
    with_attack, with_name = render(attack), render(benign)  # type: ignore[operator]
    assert tags(with_attack) == tags(with_name), (attack, with_attack)
    assert "javascript:" not in " ".join(a for _, a in tags(with_attack))


@pytest.mark.parametrize("attack", ATTACKS)
def test_escaped_markdown_renders_as_the_same_text(attack: str) -> None:
    assert_same_markup(lambda t: rendered(md(t)), attack)
    assert_same_markup(lambda t: rendered(md_block(t)), attack)


def _readiness(name: str) -> dict:  # type: ignore[type-arg]
    skills = {s: {"status": "not_yet", "estimate": "A1", "target": "A2", "evidence_count": 1, "confidence": "low",
                  "reasons": [{"fi": "syy", "en": "reason"}]}
              for s in ("speaking", "listening", "reading", "writing", "interaction")}
    task = {"task": "t", "title": name, "status": "not_yet", "skills": skills,
            "vocabulary": {"covered": 1, "total": 2, "missing": [name]}, "goals": {"reached": 0, "total": 1}}
    return {"id": 1, "name": name, "summary": {"fi": "yhteenveto", "en": "summary"}, "tasks": [task],
            "evidence_count": 1}


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_participant_name_with_markup_is_text_in_the_readiness_tab(attack: str) -> None:
    assert_same_markup(lambda t: rendered(readiness_markdown(_readiness(t))), attack)
    def heat(t: str) -> dict:  # type: ignore[type-arg]
        statuses = dict.fromkeys(("speaking", "listening", "reading", "writing", "interaction"), "not_yet")
        return {"id": 1, "name": t, "evidence_count": 1, "tasks": [{"title": t, "skills": statuses}]}

    assert_same_markup(lambda t: heatmap_html([heat(t)]), attack)

    def plan(t: str) -> str:
        return rendered(plan_markdown({"name": t, "based_on_evidence": 1, "phrases": [{"text": t}], "words": [{"lemma": t}],
                                       "steps": [{"due": "2026-01-01", "fi": t, "en": t}]}))

    assert_same_markup(plan, attack)


@pytest.mark.parametrize("attack", ATTACKS)
def test_profile_summary_and_every_export_show_markup_as_text(attack: str) -> None:
    from finnish.profile import TaskProfile
    from service.profiles.export import build_packet, to_html, to_markdown, to_pdf
    from ui.profile_render import summary_markdown

    def profile(t: str) -> TaskProfile:
        return TaskProfile.model_validate({
            "title": t, "description": t, "notes": t,
            "skills": {s: {"cefr": "A2", "why": t} for s in ("speaking", "listening", "reading", "writing", "interaction")},
        })

    assert_same_markup(lambda t: rendered(summary_markdown(profile(t).model_dump(mode="json"))), attack)
    assert_same_markup(lambda t: rendered(to_markdown(build_packet(profile(t), "teacher"))), attack)
    assert_same_markup(lambda t: to_html(build_packet(profile(t), "teacher")), attack)
    assert to_pdf(build_packet(profile(attack), "teacher")).startswith(b"%PDF")
