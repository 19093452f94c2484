"""Gradio's own words in Finnish with the English beside them, whatever the browser's language.

Gradio translates part of its interface by the browser's language and writes the rest (the upload
box's and the table's buttons, their aria-labels) in English only. A small script in the page's
head (`HEAD`, allowed by the UI's CSP) replaces each known English text, aria-label, title and
placeholder with the Finnish one, and keeps doing so as Gradio redraws. tests/ui/test_layout_per_role.py
scans every tab of every role in an English browser for English-only text."""

from __future__ import annotations

import json

# Gradio's English → ours ("Finnish (English)" where a person reads it; aria-labels the same)
GRADIO_WORDS: dict[str, str] = {
    "Drop File Here": "Pudota tiedosto tähän (drop file here)",
    "Drop Files Here": "Pudota tiedostot tähän (drop files here)",
    "Click to Upload": "tai napsauta ja valitse (click to upload)",
    "- or -": "",
    "or": "tai",
    "Click to upload or drop files": "Valitse tai pudota tiedosto (upload a file)",
    "Drop CSV or TSV files here to import data into dataframe": "Pudota CSV- tai TSV-tiedosto taulukkoon (import a table)",
    "Copy table data": "Kopioi taulukko (copy the table)",
    "Copied to clipboard": "Kopioitu (copied)",
    "Add row": "Lisää rivi (add a row)",
    "Add row above": "Lisää rivi yläpuolelle (add a row above)",
    "Add row below": "Lisää rivi alapuolelle (add a row below)",
    "Delete row": "Poista rivi (delete the row)",
    "Reset to default value": "Palauta oletus (reset)",
    "Sort ascending": "Järjestä nousevasti (sort ascending)",
    "Sort descending": "Järjestä laskevasti (sort descending)",
    "Clear": "Tyhjennä (clear)",
    "Remove": "Poista (remove)",
    "Download": "Lataa (download)",
    "Loading...": "Ladataan… (loading)",
    "Uploading...": "Ladataan… (uploading)",
    "Error": "Virhe (error)",
    "Fullscreen": "Koko näyttö (full screen)",
    "Exit fullscreen mode": "Pois koko näytöstä (exit full screen)",
    "Search": "Hae (search)",
    "Select all": "Valitse kaikki (select all)",
}

_SCRIPT = """
(() => {
  const WORDS = %s, ATTRS = ["aria-label", "title", "placeholder"];
  const fix = (root) => {
    if (!root || root.nodeType !== 1) return;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = n.nodeValue.trim();
      if (t && Object.prototype.hasOwnProperty.call(WORDS, t)) n.nodeValue = n.nodeValue.replace(t, WORDS[t]);
    }
    for (const el of [root, ...root.querySelectorAll("[aria-label],[title],[placeholder]")]) {
      for (const a of ATTRS) {
        const v = el.getAttribute && el.getAttribute(a);
        if (v && Object.prototype.hasOwnProperty.call(WORDS, v)) el.setAttribute(a, WORDS[v]);
      }
    }
  };
  new MutationObserver((changes) => {
    for (const c of changes) {
      if (c.type === "childList") c.addedNodes.forEach((n) => fix(n.nodeType === 3 ? n.parentElement : n));
      else fix(c.target.nodeType === 3 ? c.target.parentElement : c.target);
    }
  }).observe(document.documentElement, {subtree: true, childList: true, characterData: true,
                                         attributes: true, attributeFilter: ATTRS});
  document.addEventListener("DOMContentLoaded", () => fix(document.body));
})();
"""
HEAD = "<script>" + _SCRIPT % json.dumps(GRADIO_WORDS, ensure_ascii=False).replace("</", "<\\/") + "</script>"
