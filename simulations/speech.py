"""Speech: partner lines spoken offline with espeak-ng, and learner speech-to-text when an
OpenAI-compatible transcription endpoint is configured.

Audio files are cached by a hash of (voice, speed, text) under the audio directory, so a line is
synthesised once and the file name reveals nothing of the text.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger("tyokieli.speech")

MAX_SPOKEN_CHARS = 2000
# Words per minute: a calm default, and slower for A1–A2 learners.
SPEED_NORMAL = 150
SPEED_SLOW = 115
MAX_CACHED_FILES = 5000  # about 1 GB of short lines; the oldest are removed beyond this


class SpeechError(Exception):
    """Speech could not be produced or understood; the message says what to do."""


class SpeechUnavailable(SpeechError):
    """The speech engine or endpoint is not installed or not configured."""


class Speaker:
    """Text → WAV file with espeak-ng (offline)."""

    def __init__(self, audio_dir: Path, voice: str = "fi", executable: str = "espeak-ng", timeout_s: float = 20.0,
                 max_files: int = MAX_CACHED_FILES) -> None:
        self.audio_dir = Path(audio_dir)
        self.voice = voice
        self.executable = executable
        self.timeout_s = timeout_s
        self.max_files = max_files

    @property
    def available(self) -> bool:
        return shutil.which(self.executable) is not None

    def cache_path(self, text: str, slow: bool = False) -> Path:
        key = f"{self.voice}\x00{SPEED_SLOW if slow else SPEED_NORMAL}\x00{text.strip()}"
        return self.audio_dir / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}.wav"

    def synthesize(self, text: str, *, slow: bool = False) -> Path:
        """The WAV file of `text` spoken in the configured voice (from the cache when it exists)."""
        text = (text or "").strip()
        if not text:
            raise SpeechError("There is no text to speak.")
        if len(text) > MAX_SPOKEN_CHARS:
            raise SpeechError(f"The text is too long to speak: the limit is {MAX_SPOKEN_CHARS} characters.")
        path = self.cache_path(text, slow)
        if path.is_file() and path.stat().st_size > 44:  # more than a bare WAV header
            return path
        exe = shutil.which(self.executable)
        if exe is None:
            raise SpeechUnavailable(
                "Puhe ei ole käytössä: espeak-ng puuttuu. (Speech is not available: install espeak-ng, "
                "e.g. 'sudo apt-get install espeak-ng'.)"
            )
        self.audio_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(suffix=".wav", dir=self.audio_dir)
        os.close(fd)
        try:
            # Text goes in on stdin, never on the command line: it cannot become an option.
            proc = subprocess.run(
                [exe, "-v", self.voice, "-s", str(SPEED_SLOW if slow else SPEED_NORMAL), "-w", tmp, "--stdin"],
                input=text.encode("utf-8"),
                capture_output=True,
                timeout=self.timeout_s,
                check=False,
            )
            if proc.returncode != 0 or Path(tmp).stat().st_size <= 44:
                err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
                raise SpeechError(f"espeak-ng could not speak with the voice '{self.voice}': {err[-1] if err else 'no audio'}")
            os.replace(tmp, path)  # atomic: a concurrent reader never sees half a file
            self._prune()
        except subprocess.TimeoutExpired:
            raise SpeechError("espeak-ng took too long to speak the line.") from None
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return path


    def _prune(self) -> None:
        files = list(self.audio_dir.glob("*.wav"))
        if len(files) <= self.max_files:
            return
        by_age = sorted(files, key=lambda p: p.stat().st_mtime)
        for old in by_age[: len(files) - self.max_files]:
            old.unlink(missing_ok=True)


class Transcriber:
    """Learner audio → Finnish text through an OpenAI-compatible `/audio/transcriptions` endpoint."""

    def __init__(self, base_url: str | None, api_key: str | None, model: str, timeout_s: float = 30.0) -> None:
        self.base_url = base_url
        self.api_key = api_key or "not-needed"  # local servers accept any key
        self.model = model
        self.timeout_s = timeout_s

    def transcribe(self, audio: Path | bytes, *, filename: str = "speech.wav", language: str = "fi") -> str:
        from openai import OpenAI, OpenAIError

        data = Path(audio).read_bytes() if isinstance(audio, (str, Path)) else audio
        if not data:
            raise SpeechError("The recording is empty: record again.")
        client = OpenAI(base_url=self.base_url, api_key=self.api_key, timeout=self.timeout_s, max_retries=0)
        try:
            result: Any = client.audio.transcriptions.create(model=self.model, file=(filename, data), language=language)
        except OpenAIError as exc:
            log.warning("transcription failed: %s", type(exc).__name__)
            raise SpeechError("Puhetta ei voitu muuttaa tekstiksi. Kirjoita vastaus. (Speech could not be "
                              "turned into text; please type your answer.)") from exc
        return str(getattr(result, "text", "") or "").strip()


def make_transcriber(
    model: str | None, base_url: str | None, api_key: str | None, timeout_s: float = 30.0
) -> Transcriber | None:
    """A transcriber only when a model and an endpoint (a base URL or an API key) are configured;
    otherwise None, and the UI hides the microphone."""
    if not model or not (base_url or api_key):
        return None
    return Transcriber(base_url, api_key, model, timeout_s)
