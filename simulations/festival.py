"""One Festival process kept warm (`festival --pipe`): the Suopuhe voices are loaded once, so a new
partner line takes tens of milliseconds instead of the ~2 s a fresh `text2wave` spends starting
Festival and loading a voice. The process reads Scheme on stdin; each request ends with a unique
tag printed on stdout, which is how we know the WAV file is complete. Text goes in as a Scheme
string with every backslash and quote escaped and control characters removed, so it can never
become code. When the process is not ready in time (still starting, busy, dead), `speak` returns
False at once and the caller falls back to another engine."""

from __future__ import annotations

import itertools
import logging
import queue
import shutil
import subprocess
import threading
import time

log = logging.getLogger("tyokieli.speech")
START_TIMEOUT_S = 30.0


def scheme_string(text: bytes) -> bytes:
    """`text` (ISO-8859-1 bytes) as a Scheme string literal: quotes and backslashes escaped, control
    characters (newlines included) turned into spaces."""
    clean = bytes(b if b >= 32 else 32 for b in text)
    return b'"' + clean.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'


class WarmFestival:
    """A persistent Festival process with the given voices loaded; thread-safe, one line at a time."""

    def __init__(self, voices: tuple[str, ...], executable: str = "festival") -> None:
        self.voices = voices
        self.executable = executable
        self._proc: subprocess.Popen[bytes] | None = None
        self._lines: queue.Queue[bytes] = queue.Queue()
        self._ready = threading.Event()
        self._starting = threading.Lock()
        self._busy = threading.Lock()
        self._tags = itertools.count()

    @property
    def available(self) -> bool:
        return shutil.which(self.executable) is not None

    def start(self) -> None:
        """Starts the process in the background (returns at once); a no-op when it runs or is starting."""
        if self._ready.is_set() or not self.available or not self._starting.acquire(blocking=False):
            return
        threading.Thread(target=self._start, name="festival-warm", daemon=True).start()

    def _start(self) -> None:
        try:
            exe = shutil.which(self.executable) or self.executable
            proc = subprocess.Popen([exe, "--pipe"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL)
            self._proc, self._lines = proc, queue.Queue()
            threading.Thread(target=self._read, args=(proc, self._lines), name="festival-out", daemon=True).start()
            loads = b"".join(b"(voice_%s)\n" % v.encode("ascii") for v in self.voices)
            if self._request(loads, START_TIMEOUT_S):
                self._ready.set()
            else:
                log.warning("festival did not start in %.0f s; speaking with the fallback engine", START_TIMEOUT_S)
                self._stop()
        except OSError as exc:
            log.warning("festival could not start: %s", type(exc).__name__)
        finally:
            self._starting.release()

    @staticmethod
    def _read(proc: subprocess.Popen[bytes], lines: queue.Queue[bytes]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line.strip())

    def _request(self, scheme: bytes, timeout_s: float) -> bool:
        """Sends Scheme and waits for its end tag; False on a timeout or a dead process."""
        proc = self._proc
        if proc is None or proc.stdin is None or proc.poll() is not None:
            return False
        tag = b"TK-DONE-%d" % next(self._tags)
        try:
            proc.stdin.write(scheme + b'\n(format t "%s\\n")\n(fflush nil)\n' % tag)
            proc.stdin.flush()
        except OSError:
            return False
        deadline = time.monotonic() + timeout_s
        while (left := deadline - time.monotonic()) > 0:
            try:
                if self._lines.get(timeout=left) == tag:
                    return True
            except queue.Empty:
                break
        return False

    def wait_ready(self, timeout_s: float) -> bool:
        return self._ready.wait(timeout_s)

    def speak(self, text: bytes, out: str, voice: str, stretch: float, *, wait_s: float, timeout_s: float) -> bool:
        """Writes `text` spoken by `voice` to the WAV file `out`. False (nothing written that counts)
        when the process is not ready within `wait_s` or does not answer within `timeout_s`."""
        if not self.wait_ready(wait_s) or not self._busy.acquire(timeout=wait_s):
            return False
        try:
            target = out.encode("utf-8")
            if b'"' in target or b"\\" in target:
                return False
            scheme = (b"(voice_%s)\n(Parameter.set 'Duration_Stretch %.2f)\n"
                      b"(utt.save.wave (utt.synth (Utterance Text %s)) \"%s\" 'riff)"
                      % (voice.encode("ascii"), stretch, scheme_string(text), target))
            if self._request(scheme, timeout_s):
                return True
            log.warning("festival did not answer; restarting it")
            self._stop()
            self.start()
            return False
        finally:
            self._busy.release()

    def _stop(self) -> None:
        self._ready.clear()
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait(timeout=5)

    def close(self) -> None:
        self._stop()
