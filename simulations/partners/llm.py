"""`LLMPartner`: the conversation partner voiced by a language model behind any OpenAI-compatible
endpoint (langchain-openai `ChatOpenAI`).

The scripted partner still decides where the conversation goes (the step of the dialogue graph,
whether it is finished); the model says that line in its own words, in role and at the learner's
level, grounded in the scenario, the task profile's phrases and retrieved workplace texts. So a
time-out, an endpoint error or unusable output falls back to the scripted line at once, with a
visible notice, and the conversation goes on from the same step.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from finnish.feedback_model import FeedbackIssueData
from simulations.grounding import task_grounding
from simulations.llm_caller import LLMError, call_structured, parse_structured
from simulations.partners import llm_prompt as P
from simulations.partners.base import Partner, PartnerContext, PartnerReply
from simulations.scenario import Scenario

log = logging.getLogger("tyokieli.llm")

FALLBACK_NOTICE = ("Tekoälykumppani ei vastannut. Harjoituskumppani jatkaa. "
                   "(The AI partner did not answer; the scripted partner carries on.)")
EXPLAIN_FALLBACK_NOTICE = ("Selitystä ei nyt saatu. Tässä on palaute suomeksi ja englanniksi. "
                           "(No explanation right now; here is the feedback in Finnish and English.)")


@dataclass
class LLMStats:
    """Counters for tests, benchmarks and the logs (no learner text)."""

    calls: int = 0
    fallbacks: int = 0
    attempts: int = 0
    last_error: str | None = None
    last_goal_addressed: str | None = None
    seconds: list[float] = field(default_factory=list)


def _to_messages(pairs: Sequence[tuple[str, str]]) -> list[Any]:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
    return [kinds[role](content=content) for role, content in pairs]


def build_chat_model(base_url: str | None, api_key: str | None, model: str, timeout_s: float) -> Any:
    """A `ChatOpenAI` for any OpenAI-compatible endpoint. Local servers take any key."""
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    return ChatOpenAI(
        base_url=base_url,
        api_key=SecretStr(api_key or "not-needed"),
        model=model,
        timeout=timeout_s,
        max_retries=0,  # retries are ours (llm_caller), and a time-out is never retried
        temperature=0.4,
        model_kwargs={"response_format": {"type": "json_object"}},
    )


class LLMPartner:
    name = "llm"

    def __init__(
        self,
        chat_model: Any,
        fallback: Partner,
        *,
        max_retries: int = 2,
        retriever: Callable[[str], list[str]] | None = None,
        grounding: Callable[[Scenario, str], tuple[list[str], list[str]]] | None = task_grounding,
    ) -> None:
        self.chat_model = chat_model
        self.fallback = fallback
        self.max_retries = max_retries
        self.retriever = retriever
        self.grounding = grounding
        self.stats = LLMStats()

    # -- the Partner interface ----------------------------------------------------------------------
    def reply(self, session: PartnerContext, turn: str | None) -> PartnerReply:
        plan = self.fallback.reply(session, turn)
        messages, marker = self._messages(session, turn, plan)
        self.stats.calls += 1
        try:
            result = call_structured(
                self._complete, messages, P.LLMTurn, max_retries=self.max_retries,
                correction=lambda a, r: _to_messages(P.correction_messages(a, r)),
                check=lambda v: P.leak_reason(v, marker),
            )
        except LLMError as exc:
            return self._fall_back(plan, exc)
        except Exception as exc:  # anything else from the client stack: the learner's turn still gets a line
            log.error("unexpected LLM client error: %s", type(exc).__name__)
            return self._fall_back(plan, exc)
        self.stats.attempts += result.attempts
        self.stats.seconds.append(result.seconds)
        return self._voiced(plan, result.value, session)

    def stream(self, session: PartnerContext, turn: str | None) -> Iterator[str | PartnerReply]:
        """Yields the reply text as it grows (str), then the final PartnerReply. Invalid streamed
        output is asked again without streaming; failures end in the scripted line with a notice."""
        plan = self.fallback.reply(session, turn)
        messages, marker = self._messages(session, turn, plan)
        self.stats.calls += 1
        started = time.perf_counter()
        content, shown, blocked = "", "", False
        try:
            for chunk in self.chat_model.stream(messages):
                content += str(chunk.content or "")
                if blocked:
                    continue
                visible = P.preview(_partial_answer(content), marker)
                if visible is None:
                    blocked = True  # nothing more of this answer is shown; it is checked in full below
                elif visible and visible != shown:
                    shown = visible
                    yield shown
        except Exception as exc:  # the endpoint failed mid-stream: the scripted line takes over
            yield self._fall_back(plan, exc)
            return
        try:
            value = parse_structured(content, P.LLMTurn)
            reason = P.leak_reason(value, marker)
            if reason:
                raise ValueError(reason)
        except ValueError as exc:
            if self.max_retries < 1:
                yield self._fall_back(plan, exc)
                return
            retry = messages + _to_messages(P.correction_messages(content, str(exc)))
            try:
                result = call_structured(
                    self._complete, retry, P.LLMTurn, max_retries=self.max_retries - 1,
                    correction=lambda a, r: _to_messages(P.correction_messages(a, r)),
                    check=lambda v: P.leak_reason(v, marker),
                )
            except LLMError as err:
                yield self._fall_back(plan, err)
                return
            value = result.value
        self.stats.seconds.append(time.perf_counter() - started)
        yield self._voiced(plan, value, session)

    def explain(self, feedback_issue: FeedbackIssueData, language: str,
                learner_text: str | None = None) -> P.ExplainedIssue:
        """An explanation of one feedback item in the learner's own language, e.g. "arabia" or
        "Ukrainian". Falls back to the item's own Finnish and English message with a notice."""
        language = " ".join(str(language or "").split())[:40]
        if not language or not all(ch.isalpha() or ch in " -()" for ch in language):
            language = "English"
        try:
            result = call_structured(
                self._complete, _to_messages(P.explain_messages(feedback_issue, language, learner_text)),
                P.Explanation, max_retries=self.max_retries,
            )
        except Exception as exc:  # LLMError or anything else: the feedback itself is still useful
            self.stats.last_error = type(exc).__name__
            text = f"{feedback_issue.get('message', '')}\n\n{feedback_issue.get('message_en', '')}".strip()
            return {"explanation": text, "language": "fi+en", "notice": EXPLAIN_FALLBACK_NOTICE}
        return {"explanation": result.value.explanation, "language": language, "notice": None}

    # -- internals ----------------------------------------------------------------------------------
    def _messages(self, session: PartnerContext, turn: str | None, plan: PartnerReply) -> tuple[list[Any], str]:
        if self.grounding is not None and not (session.retrieved and session.profile_phrases):
            try:
                phrases, texts = self.grounding(session.scenario, plan.text)
                session = session.model_copy(update={"profile_phrases": session.profile_phrases or phrases,
                                                     "retrieved": session.retrieved or texts})
            except Exception as exc:  # grounding is a help, not a condition
                log.warning("task grounding for the LLM partner failed: %s", type(exc).__name__)
        if not session.retrieved and self.retriever is not None:
            try:
                query = f"{session.scenario.title} {session.scenario.setting}"  # never the learner's words
                session = session.model_copy(update={"retrieved": self.retriever(query)[:3]})
            except Exception as exc:  # grounding is a help, not a condition
                log.warning("retrieval for the LLM partner failed: %s", type(exc).__name__)
        marker = P.new_marker()
        pairs = [("system", P.system_prompt(session, marker)), *P.history_messages(session),
                 ("user", P.turn_message(session, turn, plan.text))]
        return _to_messages(pairs), marker

    def _complete(self, messages: Sequence[Any]) -> str:
        return str(self.chat_model.invoke(list(messages)).content or "")

    def _voiced(self, plan: PartnerReply, value: P.LLMTurn, session: PartnerContext) -> PartnerReply:
        goal_ids = {g.id for g in session.scenario.goals}
        self.stats.last_goal_addressed = value.goal_addressed if value.goal_addressed in goal_ids else None
        return plan.model_copy(update={"text": value.reply.strip(), "text_en": value.reply_en, "partner": "llm"})

    def _fall_back(self, plan: PartnerReply, exc: BaseException) -> PartnerReply:
        self.stats.fallbacks += 1
        self.stats.last_error = type(exc).__name__
        log.warning("LLM partner fell back to the scripted line: %s", type(exc).__name__)
        return plan.model_copy(update={"notice": FALLBACK_NOTICE, "partner": "scripted"})


def _partial_answer(content: str) -> P.PartialTurn:
    """The fields of a JSON answer that is still arriving."""
    from langchain_core.utils.json import parse_partial_json

    text = content.strip()
    if text.startswith("```"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
    start = text.find("{")
    if start < 0:
        return {}
    try:
        data = parse_partial_json(text[start:])
    except Exception:
        return {}
    if not isinstance(data, dict):
        return {}
    return {"reply": data.get("reply"), "in_role": data.get("in_role")}


def build_llm_partner(
    fallback: Partner, *, base_url: str | None, api_key: str | None, model: str, timeout_s: float,
    max_retries: int, retriever: Callable[[str], list[str]] | None = None,
) -> LLMPartner:
    return LLMPartner(build_chat_model(base_url, api_key, model, timeout_s), fallback,
                      max_retries=max_retries, retriever=retriever)


__all__ = ["FALLBACK_NOTICE", "LLMPartner", "build_llm_partner", "build_chat_model"]
