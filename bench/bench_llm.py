"""LLM partner overhead beyond the model's own latency, and time to first audio of a partner line.

The model is the fake OpenAI-compatible server of the tests with a fixed delay per answer, so
what is measured is ours: the scripted plan, the prompt, langchain-openai, validation and checks.
The baseline is the bare `openai` client asking the same server for the same answer in this run.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import median, percentile
from simulations.library import build_library
from simulations.partners.base import PartnerContext, TranscriptTurn
from simulations.partners.llm import build_llm_partner
from simulations.partners.scripted import ScriptedPartner
from simulations.speech import Speaker
from tests.fakes.openai_server import FakeOpenAIServer, ScriptedReply

MODEL_DELAY_S = 0.2
ROUNDS = 25
ANSWER = json.dumps({"reply": "Voi ei. Kuinka kauan olet poissa?", "reply_en": "Oh no. How long will you be away?",
                     "goal_addressed": "say_ill", "in_role": True}, ensure_ascii=False)


def _context() -> PartnerContext:
    transcript = [
        TranscriptTurn(role="partner", text="Mervi puhelimessa, hei.", kind="opening", node="answer"),
        TranscriptTurn(role="learner", text="Hei, tässä on Amina.", kind="answer", goals=["greet"]),
        TranscriptTurn(role="partner", text="Hei! Onko kaikki hyvin?", kind="line", node="ask"),
    ]
    return PartnerContext(scenario=build_library().get("cleaning-call-in-sick"), level="A2", node="ask",
                          turn_kind="answer", transcript=transcript, goals_reached=["greet", "say_ill"],
                          new_goals=["say_ill"])


def _llm_figures() -> list[dict]:
    from openai import OpenAI

    with FakeOpenAIServer(default=ScriptedReply(content=ANSWER, delay_s=MODEL_DELAY_S)) as server:
        client = OpenAI(base_url=server.base_url, api_key="bench", max_retries=0, timeout=10)
        partner = build_llm_partner(ScriptedPartner(), base_url=server.base_url, api_key="bench", model="bench",
                                    timeout_s=10, max_retries=1)
        ctx = _context()
        messages = [{"role": "user", "content": "Olen sairas."}]
        # warm both paths (imports, connection pools) before measuring
        client.chat.completions.create(model="bench", messages=messages)  # type: ignore[arg-type]
        partner.reply(ctx, "Olen sairas.")
        raw, ours = [], []
        for _ in range(ROUNDS):  # interleaved, so drift on a shared machine hits both alike
            t = time.perf_counter()
            client.chat.completions.create(model="bench", messages=messages)  # type: ignore[arg-type]
            raw.append(time.perf_counter() - t)
            t = time.perf_counter()
            reply = partner.reply(ctx, "Olen sairas.")
            ours.append(time.perf_counter() - t)
        assert reply.partner == "llm", "the LLM path fell back during the benchmark"
    overhead_ms = (median(ours) - median(raw)) * 1000
    return [
        {"name": "LLM partner overhead beyond the model (p50)", "value": overhead_ms, "unit": "ms",
         "baseline": f"bare openai client {median(raw) * 1000:.0f} ms (model delay {MODEL_DELAY_S * 1000:.0f} ms)",
         "ratio": median(ours) / median(raw), "goal": "≤ 50 ms"},
        {"name": "LLM partner reply latency (p95)", "value": percentile(ours, 95) * 1000, "unit": "ms",
         "baseline": f"bare openai client p95 {percentile(raw, 95) * 1000:.0f} ms",
         "ratio": percentile(ours, 95) / percentile(raw, 95), "goal": None},
    ]


def _audio_figures() -> list[dict]:
    exe = shutil.which("espeak-ng")
    if exe is None:
        return []
    lines = [f"Selvä. Jos olet poissa yli {n} päivää, tarvitset lääkärintodistuksen." for n in range(2, 9)]
    with tempfile.TemporaryDirectory() as tmp:
        speaker = Speaker(Path(tmp) / "audio")
        raw, first, cached = [], [], []
        for line in lines:
            t = time.perf_counter()
            subprocess.run([exe, "-v", "fi", "-w", str(Path(tmp) / "raw.wav"), line], check=True, capture_output=True)
            raw.append(time.perf_counter() - t)
            t = time.perf_counter()
            speaker.synthesize(line)
            first.append(time.perf_counter() - t)
            t = time.perf_counter()
            speaker.synthesize(line)
            cached.append(time.perf_counter() - t)
    return [
        {"name": "time to first audio of a new partner line (p50)", "value": median(first) * 1000, "unit": "ms",
         "baseline": f"bare espeak-ng {median(raw) * 1000:.0f} ms", "ratio": median(first) / median(raw),
         "goal": "≤ 500 ms"},
        {"name": "audio of a line heard before (cache, p50)", "value": median(cached) * 1000, "unit": "ms",
         "baseline": f"synthesis {median(first) * 1000:.0f} ms", "ratio": median(cached) / median(first),
         "goal": "≤ 5 ms"},
    ]


def run() -> list[dict]:
    return _llm_figures() + _audio_figures()
