"""Gradio's own English words get a Finnish wording with the English beside it (ui/gradio_words.py);
the page scan in an English browser is tests/ui/test_layout_per_role.py."""

from __future__ import annotations

import json
import re

from ui.gradio_words import GRADIO_WORDS, HEAD

FINNISH = re.compile(r"[äöÄÖ]|\b(tai|napsauta|valitse|kopioi|lisää|poista|palauta|tyhjennä|lataa|hae|virhe|kopioitu|ladataan)\b", re.I)


def test_every_gradio_word_has_a_finnish_wording_or_is_dropped() -> None:
    for english, ours in GRADIO_WORDS.items():
        assert ours == "" or FINNISH.search(ours), (english, ours)
        assert english not in GRADIO_WORDS.values()  # a replacement is never replaced again


def test_the_words_go_into_the_page_as_one_script_that_cannot_close_early() -> None:
    assert HEAD.startswith("<script>") and HEAD.endswith("</script>") and HEAD.count("</script>") == 1
    payload = HEAD[HEAD.index("const WORDS = ") + len("const WORDS = "):HEAD.index(", ATTRS")]
    assert json.loads(payload.replace("<\\/", "</")) == GRADIO_WORDS
