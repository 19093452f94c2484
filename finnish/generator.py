"""Word-form generation with omorfi (PyPI `pyomorfi`, GPL-3 like this project, ships its own
transducers): lemma + part of speech + case/number or person → the inflected form.

Suggestions made by the feedback rules come from here, never from string surgery: kauppa + Ill →
kauppaan, esimies + Gen → esimiehen, mennä + 1st person singular → menen.

The transducer takes ~3 s to load, so it loads lazily on first use, once per process, under a lock.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from typing import Any

_CASES = {
    "Nom": "NOM", "Gen": "GEN", "Par": "PAR", "Ess": "ESS", "Tra": "TRA", "Ine": "INE", "Ela": "ELA",
    "Ill": "ILL", "Ade": "ADE", "Abl": "ABL", "All": "ALL", "Abe": "ABE", "Ins": "INS", "Com": "COM",
}
_PERSONS = {("1", "Sing"): "SG1", ("2", "Sing"): "SG2", ("3", "Sing"): "SG3",
            ("1", "Plur"): "PL1", ("2", "Plur"): "PL2", ("3", "Plur"): "PL3"}
_PERSONAL_PRONOUNS = {"minä": "SG1", "sinä": "SG2", "hän": "SG3", "me": "PL1", "te": "PL2", "he": "PL3"}


class GeneratorUnavailable(RuntimeError):
    """The omorfi transducer could not be loaded."""


class FormGenerator:
    """Thread-safe omorfi generator; `None` means "no form could be generated"."""

    def __init__(self) -> None:
        self._omorfi: Any = None
        self._lock = threading.Lock()
        self._generate_cached = lru_cache(maxsize=50_000)(self._generate_uncached)

    def _load(self) -> Any:
        with self._lock:
            if self._omorfi is None:
                # the analyser tells which extra tags a lemma carries (e.g. työ has
                # [BLACKLIST=TOOSHORTFORCOMPOUND]); the generator needs the exact tag string
                try:
                    import pyomorfi
                    from pyomorfi.omorfi import Omorfi
                except ImportError as exc:  # pragma: no cover - the dependency is declared
                    raise GeneratorUnavailable("pyomorfi is not installed") from exc
                omorfi = Omorfi()
                here = os.path.dirname(pyomorfi.__file__)
                omorfi.load_generator(os.path.join(here, "omorfi.generate.kfst"))
                omorfi.load_analyser(os.path.join(here, "omorfi.analyse.kfst"))
                self._omorfi = omorfi
            return self._omorfi

    @property
    def loaded(self) -> bool:
        return self._omorfi is not None

    def _generate_uncached(self, omor: str) -> str | None:
        omorfi = self._load()
        with self._lock:
            out = omorfi.generate(omor)
        if not out or not isinstance(out, str) or out.startswith("["):
            return None
        # several forms come as "a/b"; prefer the one written without a hyphen (potilashuoneen)
        forms = [f for f in out.split("/") if f]
        plain = [f for f in forms if "-" not in f]
        chosen = plain or forms
        return chosen[0] if chosen else None

    def generate(self, omor: str) -> str | None:
        return self._generate_cached(omor)

    @lru_cache(maxsize=20_000)  # noqa: B019 - one generator per process
    def _prefixes(self, lemma: str, upos: str) -> tuple[str, ...]:
        """The tag strings omorfi uses for this lemma up to number and case, read off an analysis of
        the lemma itself: "[WORD_ID=työ][UPOS=NOUN][BLACKLIST=TOOSHORTFORCOMPOUND]"."""
        omorfi = self._load()
        with self._lock:
            analyses = list(omorfi.analyse(lemma))
        out: list[str] = []
        for a in analyses:
            raw = str(getattr(a, "raw", ""))
            if f"[WORD_ID={lemma}]" in raw and f"[UPOS={upos}]" in raw and "[NUM=" in raw and "[BOUNDARY=COMPOUND]" not in raw:
                prefix = raw[: raw.index("[NUM=")]
                if prefix not in out:
                    out.append(prefix)
        return tuple(out)

    def nominal(self, lemma: str, upos: str, case: str, number: str = "Sing") -> str | None:
        """A noun, adjective, proper noun or pronoun in the given case and number."""
        if case not in _CASES or not lemma:
            return None
        num = "PL" if number == "Plur" else "SG"
        low = lemma.lower()
        if upos == "PRON" and low in _PERSONAL_PRONOUNS:
            tags = f"[UPOS=PRON][PRONTYPE=PRS][PERS={_PERSONAL_PRONOUNS[low]}][NUM={_PERSONAL_PRONOUNS[low][:2]}]"
            return self.generate(f"[WORD_ID={low}]{tags}[CASE={_CASES[case]}]")
        if upos in {"PRON", "DET"}:
            for tag in ("[UPOS=PRON][PRONTYPE=DEM]", "[UPOS=PRON][PRONTYPE=IND]", "[UPOS=PRON][PRONTYPE=INT]", "[UPOS=DET]"):
                form = self.generate(f"[WORD_ID={low}]{tag}[NUM={num}][CASE={_CASES[case]}]")
                if form:
                    return form
            return None
        pos = {"ADJ": "[UPOS=ADJ][CMP=POS]", "PROPN": "[UPOS=PROPN]"}.get(upos, "[UPOS=NOUN]")
        word_id = lemma if upos == "PROPN" else low
        form = self.generate(f"[WORD_ID={word_id}]{pos}[NUM={num}][CASE={_CASES[case]}]")
        if form is None:
            for prefix in self._prefixes(word_id, "NOUN" if upos not in {"ADJ", "PROPN"} else upos):
                form = self.generate(f"{prefix}[NUM={num}][CASE={_CASES[case]}]")
                if form:
                    break
        if form is None and upos == "PROPN":
            form = self.generate(f"[WORD_ID={word_id}][UPOS=PROPN][PROPER=GEO][NUM={num}][CASE={_CASES[case]}]")
        if form is None and upos == "ADJ":
            form = self.generate(f"[WORD_ID={low}][UPOS=NOUN][NUM={num}][CASE={_CASES[case]}]")
        return form

    def compound(self, parts: tuple[str, ...], upos: str, case: str, number: str = "Sing") -> str | None:
        """A compound the lexicon does not list: inflect the last part, keep the first ones."""
        if len(parts) < 2:
            return None
        last = self.nominal(parts[-1], upos, case, number)
        return "".join(parts[:-1]) + last if last else None

    def finite_verb(self, lemma: str, person: str, number: str, tense: str = "Pres") -> str | None:
        """Indicative active: mennä, 1, Sing → menen; with tense "Past" → menin."""
        pers = _PERSONS.get((person, number))
        if pers is None or tense not in {"Pres", "Past"}:
            return None
        t = "PRESENT" if tense == "Pres" else "PAST"
        for upos in ("VERB", "AUX"):
            form = self.generate(f"[WORD_ID={lemma.lower()}][UPOS={upos}][VOICE=ACT][MOOD=INDV][TENSE={t}][PERS={pers}]")
            if form:
                return form
        return None

    def connegative(self, lemma: str) -> str | None:
        """The verb form after the negation verb: mennä → (en) mene."""
        for upos in ("VERB", "AUX"):
            form = self.generate(f"[WORD_ID={lemma.lower()}][UPOS={upos}][VOICE=ACT][MOOD=INDV][TENSE=PRESENT][NEG=CON]")
            if form:
                return form
        return None

    def negation_verb(self, person: str, number: str) -> str | None:
        """The negation verb for a person: 1, Sing → en; 3, Plur → eivät."""
        pers = _PERSONS.get((person, number))
        if pers is None:
            return None
        return self.generate(f"[WORD_ID=ei][UPOS=AUX][SUBCAT=NEG][VOICE=ACT][PERS={pers}]")


def match_case(form: str | None, original: str) -> str | None:
    """Keeps the learner's capital first letter on a generated form."""
    if form and original[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


_shared: FormGenerator | None = None
_shared_lock = threading.Lock()


def build_generator() -> FormGenerator:
    """One generator per process (the transducer itself loads on the first `generate`)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = FormGenerator()
        return _shared
