"""Speech: partner lines spoken offline — with Festival's Finnish Suopuhe diphone voices when they
are installed (recorded human speech, clearer than espeak's formant voice; two voices, so a male
and a female partner sound different), otherwise with espeak-ng — and learner speech-to-text when
an OpenAI-compatible transcription endpoint is configured.

Audio files are cached by a hash of (voice, speed, text) under the audio directory, so a line is
synthesised once and the file name reveals nothing of the text.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Literal

from simulations.festival import WarmFestival

log = logging.getLogger("tyokieli.speech")

MAX_SPOKEN_CHARS = 2000
# Words per minute: a calm default, and slower for A1–A2 learners.
SPEED_NORMAL = 150
SPEED_SLOW = 115
MAX_CACHED_FILES = 5000  # about 1 GB of short lines; the oldest are removed beyond this
FESTIVAL_WAIT_S = 0.3  # how long a line waits for the warm Festival before espeak-ng speaks it instead
Voice = Literal["female", "male"]
# Festival (Debian festvox-suopuhe-lj / -mv): Suopuhe's female (LJ) and male (MV) Finnish voices
FESTIVAL_VOICES: dict[str, str] = {"female": "suo_fi_lj_diphone", "male": "hy_fi_mv_diphone"}
FESTIVAL_VOICE_DIR = Path("/usr/share/festival/voices/finnish")
FESTIVAL_SLOW_STRETCH = 1.35  # durations × this in slow mode (about the espeak slow/normal ratio)
ESPEAK_VARIANTS: dict[str, str] = {"female": "+f3", "male": "+m3"}
_MALE = re.compile(r"\b(mies|miestä|miehen|poika|isä|isoisä|herra|vaari|ukki)\b", re.IGNORECASE)
_LATIN1 = str.maketrans({"–": "-", "—": "-", "“": '"', "”": '"', "„": '"', "’": "'", "‘": "'", "…": "..."})


def festival_available(executable: str = "text2wave") -> bool:
    return shutil.which(executable) is not None and all(
        (FESTIVAL_VOICE_DIR / name).is_dir() for name in FESTIVAL_VOICES.values())


def partner_voice(persona: str | None) -> Voice:
    """A male voice for a partner described as a man, otherwise a female one."""
    return "male" if _MALE.search(persona or "") else "female"


def festival_text(text: str) -> bytes:
    """Suopuhe reads ISO-8859-1: typographic marks become their plain forms, other signs are dropped."""
    return text.translate(_LATIN1).encode("latin-1", errors="ignore")


def _cached(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 44  # more than a bare WAV header


class SpeechError(Exception):
    """Speech could not be produced or understood; the message says what to do."""


class SpeechUnavailable(SpeechError):
    """The speech engine or endpoint is not installed or not configured."""


class Speaker:
    """Text → WAV file, offline: espeak-ng, or Festival's Suopuhe voices (`engine="festival"`, or
    `"auto"`: Festival when its Finnish voices are installed, else espeak-ng)."""

    def __init__(self, audio_dir: Path, voice: str = "fi", executable: str = "espeak-ng", timeout_s: float = 20.0,
                 max_files: int = MAX_CACHED_FILES, engine: Literal["espeak", "festival", "auto"] = "espeak") -> None:
        self.audio_dir = Path(audio_dir)
        self.voice = voice
        self.timeout_s = timeout_s
        self.max_files = max_files
        self.engine = "festival" if engine == "festival" or (engine == "auto" and festival_available()) else "espeak"
        self.executable = "text2wave" if self.engine == "festival" else executable
        self.espeak = executable
        self.festival_wait_s = FESTIVAL_WAIT_S
        # Festival kept running (simulations/festival.py); started by warm_up(), before the first line
        self.warm = WarmFestival(tuple(FESTIVAL_VOICES.values())) if self.engine == "festival" else None

    def warm_up(self) -> None:
        """Starts the warm Festival process in the background (at once; a no-op for espeak-ng), so
        the next partner line does not wait for Festival to start."""
        if self.warm is not None:
            self.warm.start()

    def close(self) -> None:
        if self.warm is not None:
            self.warm.close()

    @property
    def available(self) -> bool:
        return shutil.which(self.executable) is not None

    def cache_path(self, text: str, slow: bool = False, partner: Voice | None = None, engine: str | None = None) -> Path:
        engine = engine or self.engine
        key = f"{self.voice}\x00{SPEED_SLOW if slow else SPEED_NORMAL}\x00{text.strip()}"
        if engine == "festival" or partner:
            key = f"{engine}\x00{partner or 'female'}\x00{key}"
        return self.audio_dir / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}.wav"

    def command(self, out: str, slow: bool, partner: Voice | None, engine: str | None = None) -> list[str]:
        """The command that reads the text on stdin (never on the command line) and writes `out`."""
        if (engine or self.engine) == "festival":
            exe = shutil.which("text2wave") or "text2wave"
            stretch = FESTIVAL_SLOW_STRETCH if slow else 1.0
            return [exe, "-eval", f"(voice_{FESTIVAL_VOICES[partner or 'female']})",
                    "-eval", f"(Parameter.set 'Duration_Stretch {stretch})", "-o", out]
        exe = shutil.which(self.espeak) or self.espeak
        voice = self.voice + (ESPEAK_VARIANTS[partner] if partner and "+" not in self.voice else "")
        return [exe, "-v", voice, "-s", str(SPEED_SLOW if slow else SPEED_NORMAL), "-w", out, "--stdin"]

    def synthesize(self, text: str, *, slow: bool = False, partner: Voice | None = None) -> Path:
        """The WAV file of `text` spoken in the configured voice (from the cache when it exists);
        `partner` picks the female or male voice."""
        text = (text or "").strip()
        if not text:
            raise SpeechError("There is no text to speak.")
        if len(text) > MAX_SPOKEN_CHARS:
            raise SpeechError(f"The text is too long to speak: the limit is {MAX_SPOKEN_CHARS} characters.")
        path = self.cache_path(text, slow, partner)
        if _cached(path):
            return path
        if shutil.which(self.executable) is None:
            raise SpeechUnavailable(
                f"Puhe ei ole käytössä: {self.executable} puuttuu. (Speech is not available: install espeak-ng, "
                "e.g. 'sudo apt-get install espeak-ng', or festival with festvox-suopuhe-lj.)"
            )
        self.audio_dir.mkdir(parents=True, exist_ok=True)
        if self.warm is not None:
            if self._speak_warm(text, path, slow, partner):
                return path
            if shutil.which(self.espeak):  # Festival not ready in time: espeak-ng speaks this line now
                fallback = self.cache_path(text, slow, partner, engine="espeak")
                if not _cached(fallback):
                    self._run(text, fallback, slow, partner, "espeak")
                return fallback
        self._run(text, path, slow, partner, self.engine)
        return path

    def _speak_warm(self, text: str, path: Path, slow: bool, partner: Voice | None) -> bool:
        """The line from the warm Festival process (started here if it is not running), or False
        when it is not ready within FESTIVAL_WAIT_S."""
        assert self.warm is not None
        self.warm.start()
        fd, tmp = tempfile.mkstemp(suffix=".wav", dir=self.audio_dir)
        os.close(fd)
        try:
            spoke = self.warm.speak(festival_text(text), tmp, FESTIVAL_VOICES[partner or "female"],
                                    FESTIVAL_SLOW_STRETCH if slow else 1.0, wait_s=self.festival_wait_s,
                                    timeout_s=self.timeout_s)
            if spoke and _cached(Path(tmp)):
                os.replace(tmp, path)
                self._prune()
                return True
            return False
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    def _run(self, text: str, path: Path, slow: bool, partner: Voice | None, engine: str) -> None:
        """One run of the engine's command, the text on stdin, the WAV file moved into place."""
        fd, tmp = tempfile.mkstemp(suffix=".wav", dir=self.audio_dir)
        os.close(fd)
        exe = "text2wave" if engine == "festival" else self.espeak
        try:
            # Text goes in on stdin, never on the command line: it cannot become an option.
            proc = subprocess.run(
                self.command(tmp, slow, partner, engine),
                input=festival_text(text) if engine == "festival" else text.encode("utf-8"),
                capture_output=True,
                timeout=self.timeout_s,
                check=False,
            )
            if proc.returncode != 0 or Path(tmp).stat().st_size <= 44:
                err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
                raise SpeechError(f"{exe} could not speak with the voice '{self.voice}': "
                                  f"{err[-1] if err else 'no audio'}")
            os.replace(tmp, path)  # atomic: a concurrent reader never sees half a file
            self._prune()
        except subprocess.TimeoutExpired:
            raise SpeechError(f"{exe} took too long to speak the line.") from None
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

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


def build_transcriber(
    model: str | None, base_url: str | None, api_key: str | None, timeout_s: float = 30.0
) -> Transcriber | None:
    """A transcriber only when a model and an endpoint (a base URL or an API key) are configured;
    otherwise None, and the UI hides the microphone."""
    if not model or not (base_url or api_key):
        return None
    return Transcriber(base_url, api_key, model, timeout_s)
