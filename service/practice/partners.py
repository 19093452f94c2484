"""The practice engine's parts chosen by settings: the partner (scripted or LLM), the session engine
over a library view, and `tyokieli simulate`'s offline run."""

from __future__ import annotations

import logging
from typing import cast

from finnish.analyser import CachedAnalyser
from finnish.feedback import FeedbackEngine
from service.core.errors import NotFound
from service.core.settings import Settings
from service.practice.shapes import OfflineRun, TurnJSON
from simulations.engine import SimulationEngine
from simulations.errors import UnknownScenario
from simulations.goals import GoalTracker
from simulations.library import ScenarioLibrary
from simulations.partners.base import Partner
from simulations.partners.llm import build_llm_partner
from simulations.partners.scripted import ScriptedPartner

log = logging.getLogger("tyokieli.simulations")


def build_partner(settings: Settings) -> Partner:
    """The partner chosen by `settings.partner`: "scripted" (offline default) or "llm" (falls back to
    the scripted partner on time-outs and errors)."""
    scripted = ScriptedPartner()
    if settings.partner != "llm":
        return scripted
    if not settings.llm_enabled:  # no endpoint and no key: every turn would wait for a time-out
        log.warning("TYOKIELI_PARTNER=llm but no TYOKIELI_LLM_BASE_URL or API key is set: using the scripted partner")
        return scripted
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key is not None else None
    return build_llm_partner(scripted, base_url=settings.llm_base_url, api_key=key, model=settings.llm_model,
                             timeout_s=settings.llm_timeout_s, max_retries=settings.llm_max_retries)


def build_engine(library: ScenarioLibrary, analyser: CachedAnalyser, checker: FeedbackEngine,
                 partner: Partner) -> SimulationEngine:
    """The session engine over a library view, with the one feedback engine and the one partner."""
    return SimulationEngine(library, GoalTracker(analyser), checker, partner)


def run_offline(engine: SimulationEngine, scenario_id: str, level: str, lines: list[str]) -> OfflineRun:
    """`tyokieli simulate`: plays the lines as learner turns on the container's engine, storing nothing."""
    try:
        state = engine.start(scenario_id, level)  # type: ignore[arg-type]
    except UnknownScenario as exc:
        raise NotFound(exc.message) from None
    unused = 0
    for line in lines:
        if state.finished:
            unused += 1
            continue
        state = engine.turn(state, line).state
    state = engine.finish(state)
    return {"scenario": scenario_id, "level": state.level, "finished_reason": state.finished_reason,
            "unused_lines": unused, "transcript": [cast(TurnJSON, t.model_dump(mode="json")) for t in state.transcript],
            "report": engine.report(state)}
