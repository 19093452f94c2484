"""Tokenisation that keeps Finnish words whole, as UD Finnish does: spaCy-fi's tokenizer already
keeps roska-astia, wc-istuin, 3., esim., klo, 14.30 and "2 %" right; this adds what it splits:

- suspended compounds: "työ- ja elinkeinoministeriö", "EMAS -järjestelmän" (a hyphen at the end
  of a word, or at the start of a lower-case one, belongs to the word);
- words joined by a slash: "ja/tai", "km/h", "t/vuosi", "91/628/ETY";
- abbreviations spaCy does not list: nk., engl., ven., nr., vrt., ts., …;
- "(8)" is a number in brackets, not the emoticon "8)";
- a number at the very end of a sentence before its full stop is a number and a full stop ("Part 1.").

`customise(nlp)` changes the pipeline's tokenizer in place (and adds the last rule as the first
component); it is idempotent.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

ABBREVIATIONS = (
    "nk.", "engl.", "ven.", "ruots.", "saks.", "ransk.", "lat.", "nr.", "kts.", "vrt.", "ts.", "tk.", "vk.",
    "ko.", "ao.", "em.", "ed.", "ent.", "kpl.", "os.", "ym.", "yms.", "mm.", "esim.", "jne.", "tms.", "ns.",
    "n.", "ks.", "klo.", "puh.", "p.", "s.", "v.", "t.", "o.s.", "k.", "pvm.", "ark.", "as.", "alk.", "ma.",
    "ti.", "ke.", "to.", "pe.", "la.", "su.", "tammik.", "helmik.", "maalisk.", "huhtik.", "toukok.",
    "kesäk.", "heinäk.", "elok.", "syysk.", "lokak.", "marrask.", "jouluk.", "prof.", "tri", "toim.",
)
# a word with a suspended hyphen, a lower-case word after a hyphen, words joined by slashes
_WHOLE = re.compile(
    r"^(?:[^\W\d_][\w]*(?:-[\w]+)*-"  # työ-, sosiaali- (also in "kuva-ja-ääni-")
    r"|-[^\W\d_A-ZÅÄÖ][\w]*(?:-[\w]+)*"  # -järjestelmän, -sarjassa
    r"|[\w.]*[^\W_](?:/[\w.-]*[^\W_])+)$"  # ja/tai, km/h, 91/628/ETY
)
DIGIT_EMOTICONS = ("8)", "(8", "8-)", "8D", "8-D")
COMPONENT = "tyokieli_final_number"


@Language.component(COMPONENT)
def split_final_number(doc: Doc) -> Doc:
    """"Part 1." at the end of the text: the number and the full stop (an ordinal is followed by
    more words). Splits only the last token, so a parse of the rest is not affected."""
    if len(doc) and re.fullmatch(r"\d+\.", doc[-1].text):
        with doc.retokenize() as retokenizer:
            retokenizer.split(doc[-1], [doc[-1].text[:-1], "."], heads=[doc[-1], doc[-1]])  # type: ignore[list-item]
    return doc


def customise(nlp: Any) -> Any:
    tokenizer = nlp.tokenizer
    if COMPONENT in nlp.pipe_names:
        return nlp  # already customised
    previous = tokenizer.token_match

    def token_match(text: str) -> Any:
        return _WHOLE.match(text) or (previous(text) if previous else None)

    tokenizer.token_match = token_match
    rules = {k: v for k, v in (tokenizer.rules or {}).items() if k not in DIGIT_EMOTICONS}
    for abbr in ABBREVIATIONS:
        rules.setdefault(abbr, [{"ORTH": abbr}])
        rules.setdefault(abbr.capitalize(), [{"ORTH": abbr.capitalize()}])
    tokenizer.rules = rules
    nlp.add_pipe(COMPONENT, first=True)
    return nlp
