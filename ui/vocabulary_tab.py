"""Tab "Sanasto" (words): today's cards of a task, one exercise at a time, big touch targets for a
phone, an audio button, the right answer with the form explained in plain Finnish and English, and
the list of the task's words with their state (new / learning / known). Its styles (#vocab-…) are in
ui/style.css."""

from __future__ import annotations

from typing import Any

import gradio as gr

from service.container import Services
from service.core.auth import CurrentUser
from service.vocabulary import schemas
from ui.common import current_user, error_message, notice

STATES = {"new": ("uusi", "new"), "learning": ("opettelen", "learning"), "known": ("osaan", "known")}
RESULTS = {"right": "✓ Oikein! (Right!)", "wrong_form": "◐ Oikea sana, väärä muoto. (Right word, wrong form.)",
           "typo": "◐ Melkein! Kirjoitusvirhe. (Almost: a spelling slip.)", "wrong_word": "✗ Ei tämä sana. (Not this word.)"}
KINDS = {"cloze": ("Täydennä lause", "Fill in the sentence"), "choice": ("Valitse sana", "Choose the word"),
         "listen": ("Kuuntele ja kirjoita", "Listen and write"), "situation": ("Sano se tilanteessa", "Say it in a situation")}


def _target_choices(services: Services, user: CurrentUser | None) -> list[tuple[str, str]]:
    """The shipped tasks and the stored profiles this user may read."""
    return [(title, cid) for cid, title in services.targets.choices_for(user)]


def exercise_markdown(item: schemas.ExerciseOut | None, position: int, total: int) -> str:
    if item is None:
        return "Ei harjoituksia nyt. *(Nothing to practise right now.)*"
    fi, en = KINDS[item.kind]
    return f"**{position}/{total} · {fi}** *({en})*\n\n{item.prompt}"


def words_table(cards: schemas.CardsOut) -> list[list[str]]:
    """[word, gloss, forms the job uses, state] per card."""
    rows = []
    for c in cards.cards:
        forms = ", ".join(dict.fromkeys(f.form for f in c.forms[:4]))
        state_fi, state_en = STATES[c.state]
        rows.append([c.lemma, c.gloss or "—", forms if c.pos != "PHRASE" else "", f"{state_fi} ({state_en})"])
    return rows


def words_markdown(cards: schemas.CardsOut) -> str:
    """The task's words as a list that wraps on a phone: word — gloss · forms · state."""
    lines = []
    for word, gloss, forms, state in words_table(cards):
        head = f"**{word}**" + (f" — {gloss}" if gloss != "—" else "")  # no gloss: no empty dash
        extra = f" · {forms}" if forms else ""
        lines.append(f"- {head}{extra} · *{state}*")
    return "\n".join(lines) or "Ei sanoja. *(No words.)*"


def result_markdown(review: schemas.ReviewOut) -> str:
    return (f"### {RESULTS[review.result]}\n\n**{review.expected}**\n\n{review.explanation.fi}\n\n"
            f"*{review.explanation.en}*")


def _view(services: Services, user: CurrentUser, target: str, items: list[dict[str, Any]], index: int) -> list[Any]:
    """Everything the tab shows for exercise `index` of today's items."""
    item = schemas.ExerciseOut.model_validate(items[index]) if index < len(items) else None
    audio = None
    if item is not None and item.kind == "listen":
        try:
            audio = str(services.vocabulary.audio(user, item.id, exercise=True))
        except Exception:  # speech is optional: the exercise stays, without sound
            audio = None
    summary = services.vocabulary.session(user, target).summary
    done = item is None
    return [
        exercise_markdown(item, index + 1, len(items)),
        gr.update(choices=(item.choices if item else None) or [], value=None, visible=bool(item and item.choices)),
        gr.update(value="", visible=bool(item and not item.choices)),
        gr.update(value=audio, visible=audio is not None),
        gr.update(visible=not done), gr.update(visible=False),
        "",
        f"{summary.fi} *({summary.en})*",
    ]


def build(services: Services) -> None:
    message = gr.Markdown(visible=False, elem_id="vocab-notice")
    with gr.Row(equal_height=True):
        target = gr.Dropdown(_target_choices(services, None), label="Työtehtävä (job task)", value=None,
                             elem_id="vocab-target", elem_classes=["tk-wrap"], scale=3)
        start = gr.Button("Aloita (start)", variant="primary", elem_id="vocab-start", scale=1)
    summary = gr.Markdown(elem_id="vocab-summary")
    prompt = gr.Markdown(elem_id="vocab-prompt")
    audio = gr.Audio(type="filepath", label="Kuuntele (listen)", visible=False, elem_id="vocab-audio",
                     interactive=False)
    choices = gr.Radio([], label="Valitse (choose)", visible=False, elem_id="vocab-choices")
    answer = gr.Textbox(label="Vastaus (answer)", max_lines=1, elem_id="vocab-answer", autofocus=True)
    check = gr.Button("Tarkista (check)", variant="primary", elem_id="vocab-check", visible=False)
    result = gr.Markdown(elem_id="vocab-result")
    nxt = gr.Button("Seuraava (next) →", elem_id="vocab-next", visible=False)
    with gr.Accordion("Tehtävän sanat (the task's words)", open=False, elem_id="vocab-words-box"):
        words = gr.Markdown(elem_id="vocab-words")
    items = gr.State([])
    index = gr.State(0)
    view = [prompt, choices, answer, audio, check, nxt, result, summary]

    def on_start(chosen: str | None, request: gr.Request) -> list[Any]:
        user = current_user(services, request)
        if user is None or not chosen:
            return [notice("Valitse ensin työtehtävä. (Choose a job task first.)"), [], 0, gr.update(),
                    *[gr.update()] * len(view)]
        try:
            session = services.vocabulary.session(user, chosen)
            found = [i.model_dump() for i in session.items]
            table = words_markdown(services.vocabulary.cards(user, chosen))
            return [notice(None), found, 0, table, *_view(services, user, chosen, found, 0)]
        except Exception as exc:
            return [notice(error_message(exc, "vocabulary tab")), [], 0, gr.update(), *[gr.update()] * len(view)]

    def on_check(chosen: str | None, found: list[dict[str, Any]], i: int, typed: str, picked: str | None,
                 request: gr.Request) -> list[Any]:
        user = current_user(services, request)
        text = (picked or typed or "").strip()
        if user is None or not chosen or i >= len(found):
            return [notice(None), gr.update(), gr.update(), gr.update(), gr.update()]
        if not text:
            return [notice("Kirjoita tai valitse vastaus. (Write or choose an answer.)"), gr.update(), gr.update(),
                    gr.update(), gr.update()]
        try:
            review = services.vocabulary.review(user, str(found[i]["id"]), text[:200])
        except Exception as exc:
            return [notice(error_message(exc, "vocabulary tab")), gr.update(), gr.update(), gr.update(), gr.update()]
        table = words_markdown(services.vocabulary.cards(user, chosen))
        return [notice(None), result_markdown(review), gr.update(visible=False), gr.update(visible=True), table]

    def on_next(chosen: str | None, found: list[dict[str, Any]], i: int, request: gr.Request) -> list[Any]:
        user = current_user(services, request)
        if user is None or not chosen:
            return [i, *[gr.update()] * len(view)]
        return [i + 1, *_view(services, user, chosen, found, i + 1)]

    start.click(on_start, [target], [message, items, index, words, *view])
    target.change(on_start, [target], [message, items, index, words, *view])

    def own_targets(request: gr.Request) -> Any:
        """The tasks and the stored profiles this user may read (the page is built for nobody in particular)."""
        return gr.update(choices=_target_choices(services, current_user(services, request)))

    target.focus(own_targets, outputs=target)
    for trigger in (check.click, answer.submit):
        trigger(on_check, [target, items, index, answer, choices, ], [message, result, check, nxt, words])
    nxt.click(on_next, [target, items, index], [index, *view])
