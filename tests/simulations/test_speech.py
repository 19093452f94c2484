"""Partner lines spoken with espeak-ng (offline, cached) and learner speech through a transcription
endpoint only when one is configured."""

from __future__ import annotations

import wave
from pathlib import Path
from typing import Literal

import pytest

from simulations.festival import scheme_string
from simulations.speech import (
    Speaker,
    SpeechError,
    SpeechUnavailable,
    build_transcriber,
    festival_available,
    partner_voice,
)
from tests.fakes.openai_server import FakeOpenAIServer, openai_server  # noqa: F401 (fixture)


def test_partner_line_becomes_a_finnish_wav_file(tmp_path: Path) -> None:
    speaker = Speaker(tmp_path / "audio", voice="fi")

    path = speaker.synthesize("Hyvää huomenta! Tervetuloa töihin.")

    with wave.open(str(path)) as w:
        seconds = w.getnframes() / w.getframerate()
    assert path.parent == tmp_path / "audio"
    assert 0.5 < seconds < 10


def test_the_same_line_is_synthesised_once_and_served_from_the_cache(tmp_path: Path) -> None:
    speaker = Speaker(tmp_path / "audio")
    first = speaker.synthesize("Kiitos, hyvää päivää.")
    mtime = first.stat().st_mtime_ns

    again = speaker.synthesize("  Kiitos, hyvää päivää. ")

    assert again == first
    assert again.stat().st_mtime_ns == mtime
    assert len(list((tmp_path / "audio").iterdir())) == 1


def test_slow_speech_is_a_different_and_longer_file(tmp_path: Path) -> None:
    speaker = Speaker(tmp_path / "audio")
    normal = speaker.synthesize("Pese kädet ennen kuin menet keittiöön.")
    slow = speaker.synthesize("Pese kädet ennen kuin menet keittiöön.", slow=True)

    assert slow != normal
    assert slow.stat().st_size > normal.stat().st_size


def test_the_file_name_reveals_nothing_of_the_text(tmp_path: Path) -> None:
    path = Speaker(tmp_path / "audio").synthesize("Matti Meikäläinen on sairaana.")

    assert "Matti" not in path.name and "sairaana" not in path.name


def test_text_that_looks_like_an_option_is_spoken_not_obeyed(tmp_path: Path) -> None:
    path = Speaker(tmp_path / "audio").synthesize("--version -w /tmp/evil.wav")

    assert path.is_file() and not Path("/tmp/evil.wav").exists()


def test_missing_espeak_gives_a_clear_error(tmp_path: Path) -> None:
    speaker = Speaker(tmp_path / "audio", executable="espeak-ng-not-installed")

    with pytest.raises(SpeechUnavailable, match="espeak-ng"):
        speaker.synthesize("Hei")
    assert not speaker.available


def test_unknown_voice_gives_a_clear_error_and_leaves_no_file(tmp_path: Path) -> None:
    speaker = Speaker(tmp_path / "audio", voice="zz")

    with pytest.raises(SpeechError, match="voice"):
        speaker.synthesize("Hei")
    assert list((tmp_path / "audio").iterdir()) == []


def test_empty_and_overlong_text_are_refused(tmp_path: Path) -> None:
    speaker = Speaker(tmp_path / "audio")
    with pytest.raises(SpeechError, match="no text"):
        speaker.synthesize("   ")
    with pytest.raises(SpeechError, match="too long"):
        speaker.synthesize("sana " * 1000)


def test_without_a_transcription_model_there_is_no_transcriber() -> None:
    assert build_transcriber(None, "http://127.0.0.1:9/v1", "key") is None
    assert build_transcriber("whisper-1", None, None) is None


def test_learner_speech_is_sent_to_the_configured_endpoint(openai_server: FakeOpenAIServer) -> None:  # noqa: F811
    openai_server.enqueue_transcription("Minä olen sairaana tänään.")
    transcriber = build_transcriber("whisper-1", openai_server.base_url, None)
    assert transcriber is not None

    text = transcriber.transcribe(b"RIFF....WAVEfmt fake audio bytes")

    request = openai_server.requests[-1]
    assert text == "Minä olen sairaana tänään."
    assert request.path == "/v1/audio/transcriptions"
    assert b"whisper-1" in request.raw and b"fake audio bytes" in request.raw


def test_a_failing_transcription_endpoint_asks_the_learner_to_type(openai_server: FakeOpenAIServer) -> None:  # noqa: F811
    openai_server.enqueue_transcription("boom", status=500)
    transcriber = build_transcriber("whisper-1", openai_server.base_url, None)
    assert transcriber is not None

    with pytest.raises(SpeechError, match="type your answer"):
        transcriber.transcribe(b"audio")


def test_the_audio_cache_keeps_only_the_newest_files(tmp_path: Path) -> None:
    speaker = Speaker(tmp_path / "audio", max_files=2)
    first = speaker.synthesize("Yksi.")
    speaker.synthesize("Kaksi.")

    third = speaker.synthesize("Kolme.")

    kept = set((tmp_path / "audio").iterdir())
    assert len(kept) == 2 and third in kept and first not in kept


# ---- Festival's Suopuhe voices (Debian festival + festvox-suopuhe-lj/-mv) -------------------------
needs_festival = pytest.mark.skipif(not festival_available(), reason="festival with the Suopuhe voices is not installed")


def wav_seconds(path: Path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


@needs_festival
def test_festival_speaks_finnish_in_two_voices_and_slower_when_asked(tmp_path: Path) -> None:
    speaker = warm_speaker(tmp_path, engine="auto")
    assert speaker.engine == "festival"
    line = "Hei, tässä on Mervi. Soita huomenna kello yhdeksän, jooko?"
    female = speaker.synthesize(line)
    male = speaker.synthesize(line, partner="male")
    slow = speaker.synthesize(line, slow=True)
    assert female != male and female.read_bytes() != male.read_bytes()
    assert 2.0 < wav_seconds(female) < 15.0
    assert wav_seconds(slow) > wav_seconds(female) * 1.15
    assert speaker.synthesize(line) == female  # cached


@needs_festival
def test_festival_reads_typographic_marks_and_no_options_from_the_text(tmp_path: Path) -> None:
    speaker = warm_speaker(tmp_path)
    path = speaker.synthesize("Työvuoro on 8–16 – “tärkeä” asia… (-o /tmp/evil.wav) 😊")
    assert path.stat().st_size > 44 and not Path("/tmp/evil.wav").exists()
    assert path == speaker.cache_path("Työvuoro on 8–16 – “tärkeä” asia… (-o /tmp/evil.wav) 😊")


def warm_speaker(tmp_path: Path, engine: Literal["festival", "auto"] = "festival") -> Speaker:
    speaker = Speaker(tmp_path / "audio", engine=engine)
    speaker.warm_up()
    assert speaker.warm is not None and speaker.warm.wait_ready(60)
    return speaker


@needs_festival
def test_the_warm_festival_speaks_every_line_and_text_never_becomes_scheme(tmp_path: Path) -> None:
    speaker = warm_speaker(tmp_path)
    marker = tmp_path / "pwned"
    lines = ["Selvä.", 'Hän sanoi "moi" ja lähti.', f'") (system "touch {marker}") ("', "kenoviiva \\ ja \\\"",
             "rivi\ntoinen rivi", "Laita märkä lattia -kyltti käytävälle."]
    for line in lines:
        path = speaker.synthesize(line)
        assert path == speaker.cache_path(line) and wav_seconds(path) > 0.2  # Festival's file, not espeak's
    assert not marker.exists()
    speaker.close()


@needs_festival
def test_a_line_does_not_wait_for_festival_to_start_and_festival_takes_over_when_ready(tmp_path: Path) -> None:
    speaker = Speaker(tmp_path / "audio", engine="festival")
    speaker.festival_wait_s = 0.0  # the process cannot be ready yet: espeak-ng speaks the first line
    first = speaker.synthesize("Hyvää huomenta!")
    assert first == speaker.cache_path("Hyvää huomenta!", engine="espeak") != speaker.cache_path("Hyvää huomenta!")
    assert speaker.warm is not None and speaker.warm.wait_ready(60)  # synthesize started it
    assert speaker.synthesize("Hyvää huomenta!") == speaker.cache_path("Hyvää huomenta!")
    speaker.close()


@needs_festival
def test_a_festival_process_that_died_is_replaced(tmp_path: Path) -> None:
    speaker = warm_speaker(tmp_path)
    assert speaker.warm is not None and speaker.warm._proc is not None
    speaker.warm._proc.kill()
    speaker.warm._proc.wait()
    speaker.festival_wait_s = 0.0
    assert speaker.synthesize("Kiitos.").is_file()  # espeak-ng meanwhile
    assert speaker.warm.wait_ready(60)
    speaker.festival_wait_s = 5.0
    assert speaker.synthesize("Kiitos paljon.") == speaker.cache_path("Kiitos paljon.")
    speaker.close()


def test_a_scheme_string_escapes_quotes_backslashes_and_control_characters() -> None:
    assert scheme_string(b'a"b\\c\nd') == b'"a\\"b\\\\c d"'


@pytest.mark.parametrize(("persona", "voice"), [
    ("Iäkäs mies, vähän ärtynyt.", "male"), ("Iloinen mutta hidas iäkäs nainen.", "female"),
    ("Kiireinen esihenkilö.", "female"), ("Nuori poika, joka kysyy paljon.", "male"), (None, "female"),
    ("Miestä ei näy.", "male"), ("Ihmisten kanssa ystävällinen.", "female"),
])
def test_the_partner_voice_follows_the_persona(persona: str | None, voice: str) -> None:
    assert partner_voice(persona) == voice


def test_espeak_also_has_a_female_and_a_male_variant(tmp_path: Path) -> None:
    speaker = Speaker(tmp_path / "audio")
    assert speaker.engine == "espeak"
    assert speaker.synthesize("Hei!", partner="male") != speaker.synthesize("Hei!", partner="female")
