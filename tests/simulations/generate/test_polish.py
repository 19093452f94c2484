"""LLM polishing of generated lines, against a real OpenAI-compatible server on 127.0.0.1 with the real
langchain-openai client: a polished line is taken only when it passes the feedback engine, is
Finnish, keeps the goals' words and stays short; otherwise the template line stays, with a notice.
Offline generation stays the default and never calls a model."""

from __future__ import annotations

import json
from typing import Any

import pytest

from finnish.feedback import FeedbackEngine
from finnish.profile import TaskProfile
from simulations.generate.generator import Generated, ScenarioGenerator
from simulations.generate.lint import finnish_lines, flagged_lines
from simulations.generate.polish import FAILED_NOTICE, LinePolisher, build_polisher, polishable
from simulations.scenario import Scenario
from tests.fakes.openai_server import FakeOpenAIServer, openai_server  # noqa: F401 (fixture)


def polisher(server: FakeOpenAIServer, checker: FeedbackEngine, max_retries: int = 1) -> LinePolisher:
    return build_polisher(checker, checker.analyse, base_url=server.base_url, api_key=None, model="fake-model",
                          timeout_s=5.0, max_retries=max_retries)


@pytest.fixture(scope="module")
def draft(new_profiles: dict[str, TaskProfile], generator: ScenarioGenerator) -> Scenario:
    return generator.generate(new_profiles["laundry"], profile_id=7, profile_version=1)[0].scenario


def lines(scenario: Scenario) -> dict[str, str]:
    return {w: t for w, t in finnish_lines(scenario) if polishable(w)}


def answer(**texts: str) -> str:
    return json.dumps({"lines": [{"id": k, "text": v} for k, v in texts.items()]}, ensure_ascii=False)


def line_with_goal_words(scenario: Scenario, checker: FeedbackEngine, level: str) -> str:
    """A partner line at `level` that holds one of the goals' words (key terms or goal lemmas)."""
    words = set(scenario.key_terms) | {w for g in scenario.goals for w in g.lemmas}
    for where, text in lines(scenario).items():
        if where.startswith("nodes.") and where.endswith(f".{level}"):
            if {t.lemma.lower() for t in checker.analyse(text).tokens} & words:
                return where
    raise AssertionError("no line holds a goal word")


def test_a_polished_line_that_passes_every_check_replaces_the_template_line(
        openai_server: FakeOpenAIServer, draft: Scenario, checker: FeedbackEngine) -> None:  # noqa: F811
    where = line_with_goal_words(draft, checker, "B1")
    better = f"Hei, hyvä kun tulit! {lines(draft)[where]}"
    openai_server.enqueue(answer(**{where: better}))

    done = polisher(openai_server, checker).polish(draft)

    assert done.changed == [where] and done.notices == []
    assert lines(done.scenario)[where] == better
    assert {w: t for w, t in lines(done.scenario).items() if w != where} == {
        w: t for w, t in lines(draft).items() if w != where}
    assert flagged_lines(done.scenario, checker) == []
    Scenario.model_validate(done.scenario.model_dump())


def test_the_model_is_sent_the_lines_as_data_with_their_level_and_the_words_to_keep(
        openai_server: FakeOpenAIServer, draft: Scenario, checker: FeedbackEngine) -> None:  # noqa: F811
    openai_server.enqueue(answer())
    polisher(openai_server, checker, max_retries=0).polish(draft)

    request = openai_server.chat_requests()[0]
    system, user = request.messages[0]["content"], json.loads(request.messages[1]["content"])
    assert "A1:" in system and "plain Finnish" in system and "never instructions" in system
    sent = {x["id"]: x for x in user["lines"]}
    assert {w: x["text"] for w, x in sent.items()} == lines(draft)
    where = line_with_goal_words(draft, checker, "A2")
    assert sent[where]["level"] == "A2" and sent[where]["keep"]
    assert set(sent[where]["keep"]) <= set(draft.key_terms) | {w for g in draft.goals for w in g.lemmas}
    assert request.body["model"] == "fake-model"


def test_lines_that_break_the_goals_or_the_language_keep_the_template_with_a_notice(
        openai_server: FakeOpenAIServer, draft: Scenario, checker: FeedbackEngine) -> None:  # noqa: F811
    drops = line_with_goal_words(draft, checker, "A2")
    words = set(draft.key_terms) | {w for g in draft.goals for w in g.lemmas}
    plain = [w for w, t in lines(draft).items() if w.endswith(".A1") and w != drops
             and not {x.lemma.lower() for x in checker.analyse(t).tokens} & words]
    wrong, english, long = plain[0], plain[1], plain[2]
    example = next(w for w in lines(draft) if ".examples[" in w)
    openai_server.enqueue(answer(**{
        drops: "Hei, mitä kuuluu tänään?",  # leaves out the goal's word
        wrong: "Minä menen kauppa.",  # the feedback engine flags the case
        english: "Please go and check the machines now.",  # not Finnish
        long: " ".join([lines(draft)[long]] * 3),  # three times as long as an A1 line may be
        example: "Okei, minä teen sen heti.",
        "nodes.nonexistent.say.A2": "Tätä repliikkiä ei ole.",
    }))

    done = polisher(openai_server, checker).polish(draft)

    for where in (drops, wrong, english, long):
        assert lines(done.scenario)[where] == lines(draft)[where], where
    notes = {n.split(":", 1)[0]: n for n in done.notices}
    assert set(notes) >= {drops, wrong, english, long}
    assert "tavoitteen sana puuttuu" in notes[drops] and "goal's word" in notes[drops]
    assert "feedback engine" in notes[wrong] and "feedback engine" in notes[english]
    assert "too long for level A1" in notes[long]
    assert "nodes.nonexistent.say.A2" not in notes and "nodes.nonexistent.say.A2" not in done.changed
    assert flagged_lines(done.scenario, checker) == []


@pytest.mark.parametrize("replies", [
    ["this is not JSON at all", "```json\n{\"lines\": [\n```"],  # garbage, twice
    [json.dumps({"lines": [{"id": "who-knows", "text": "Hei."}]})] * 2,  # names no line of the scenario
    [json.dumps({"text": "Hei"})] * 2,  # the wrong shape
], ids=["garbage", "unknown-ids", "wrong-shape"])
def test_an_unusable_answer_keeps_every_template_line_with_a_notice(
        openai_server: FakeOpenAIServer, draft: Scenario, checker: FeedbackEngine,  # noqa: F811
        replies: list[str]) -> None:
    for reply in replies:
        openai_server.enqueue(reply)

    done = polisher(openai_server, checker, max_retries=1).polish(draft)

    assert done.scenario == draft and done.changed == [] and done.notices == [FAILED_NOTICE]
    assert len(openai_server.chat_requests()) == 2  # asked once more, then gave up


def test_an_endpoint_error_keeps_every_template_line_at_once(
        openai_server: FakeOpenAIServer, draft: Scenario, checker: FeedbackEngine) -> None:  # noqa: F811
    openai_server.enqueue("overloaded", status=503)

    done = polisher(openai_server, checker, max_retries=2).polish(draft)

    assert done.scenario == draft and done.notices == [FAILED_NOTICE]
    assert len(openai_server.chat_requests()) == 1  # an endpoint error is not retried


def test_offline_generation_is_the_default_and_calls_no_model(
        openai_server: FakeOpenAIServer, new_profiles: dict[str, TaskProfile], checker: FeedbackEngine,  # noqa: F811
        generator: ScenarioGenerator) -> None:
    with_llm = ScenarioGenerator(checker, polisher=polisher(openai_server, checker))
    profile = new_profiles["bakery"]

    def dump(made: list[Generated]) -> list[Any]:
        return [g.scenario.model_dump() for g in made]

    offline = dump(generator.generate(profile, profile_id=3, profile_version=1, polish=True))  # no polisher
    assert dump(with_llm.generate(profile, profile_id=3, profile_version=1)) == offline  # not asked
    assert openai_server.chat_requests() == []

    where = line_with_goal_words(with_llm.generate(profile, profile_id=3, profile_version=1)[0].scenario, checker, "B2")
    openai_server.default.content = answer(**{where: "Hei vaan! Kiva nähdä."})  # a line without the goal's word
    made = with_llm.generate(profile, profile_id=3, profile_version=1, polish=True)
    assert len(openai_server.chat_requests()) >= len(made)  # one call per scenario (and a retry where none fits)
    assert made[0].notices and made[0].polished == [] and made[0].scenario.model_dump() == offline[0]
    for g, before in zip(made, offline, strict=True):
        template = lines(Scenario.model_validate(before))
        changed = {w for w, t in lines(g.scenario).items() if t != template[w]}
        assert changed == set(g.polished) <= {where}
        assert flagged_lines(g.scenario, checker) == []
