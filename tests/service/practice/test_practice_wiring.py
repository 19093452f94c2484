"""Which practice extras a running Työkieli has, decided by settings alone."""

from __future__ import annotations

from pathlib import Path

from service.container import build_services
from service.practice.partners import build_partner
from simulations.partners.llm import LLMPartner
from simulations.partners.scripted import ScriptedPartner
from simulations.speech import Transcriber
from tests.conftest import make_settings


def test_offline_defaults_have_speech_but_no_microphone_and_no_llm(tmp_path: Path) -> None:
    services = build_services(make_settings(tmp_path, analyser="fake"))
    try:
        assert services.speech is not None and services.speech.audio_dir == tmp_path / "data" / "audio"
        assert services.transcriber is None
        assert services.explainer is None
        assert isinstance(services.simulations.engine.partner, ScriptedPartner)
    finally:
        services.close()


def test_an_endpoint_and_a_transcription_model_switch_on_the_llm_and_the_microphone(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, analyser="fake", partner="llm", llm_base_url="http://127.0.0.1:9/v1",
                             transcription_model="whisper-1")
    services = build_services(settings)
    try:
        assert isinstance(services.transcriber, Transcriber) and services.transcriber.model == "whisper-1"
        assert services.explainer is not None
        assert isinstance(services.simulations.engine.partner, LLMPartner)
    finally:
        services.close()


def test_llm_partner_without_any_endpoint_stays_scripted(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("TYOKIELI_LLM_API_KEY", raising=False)
    settings = make_settings(tmp_path, partner="llm", llm_base_url=None)

    assert isinstance(build_partner(settings), ScriptedPartner)
