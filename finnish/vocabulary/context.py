"""What a cloze sentence fixes about the removed word, read from the parse, so the checker accepts
every form a native speaker would accept in the gap and no other:

- number is fixed by agreement (a modifier or numeral with the word; an adjective with its noun;
  a subject with its finite verb), free otherwise (Pyyhi pinnat ___ → liinalla / liinoilla);
- a total object may also be partitive, and its other number takes the total object's case of
  that number (kuittaat rahtikirjan / rahtikirjat; pese pöytä / pöydät);
- the subject of an existential or possessive *olla* clause may be nominative or partitive
  (Missä teillä on gluteeniton leipä / gluteenitonta leipää?);
- a verb's tense is free where it is the sentence's only finite verb (Riisi hävitettiin /
  hävitetään biojätteeseen), fixed where another verb anchors it;
- a negative verb form (Älä ___ pesuaineita) is one form only: sekoita, never sekoittakaa;
- a command may be singular or plural, unless another command of the sentence fixes which;
- a modifier outside the gap (punainen ___) fixes case and number both.
"""

from __future__ import annotations

from collections.abc import Sequence

from finnish.model import Token
from finnish.vocabulary.model import TargetWord

AGREEING = {"amod", "det", "nummod", "acl"}
_HEADING_END = tuple(".!?:;,–-—")


def _index(tok: Token, all_tokens: Sequence[Token]) -> int:
    return next(i for i, t in enumerate(all_tokens) if t is tok)


def _children(index: int, tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if t.head == index]


def _finite(tok: Token) -> bool:
    return tok.feats.get("VerbForm") == "Fin" and tok.upos in {"VERB", "AUX"}


def _subject_verb(tok: Token, tokens: Sequence[Token], all_tokens: Sequence[Token]) -> Token | None:
    """The finite verb a subject agrees with: its head, or its head's copula or auxiliary."""
    if not 0 <= tok.head < len(all_tokens):
        return None
    head = all_tokens[tok.head]
    if _finite(head):
        return head
    return next((c for c in _children(tok.head, tokens) if c.dep.split(":")[0] in {"cop", "aux"} and _finite(c)), None)


def number_fixed(tok: Token, tokens: Sequence[Token], all_tokens: Sequence[Token], span: Sequence[Token] = ()) -> bool:
    index = _index(tok, all_tokens)
    for other in _children(index, tokens):
        if other in span:
            continue
        if other.dep.split(":")[0] in AGREEING and ("Number" in other.feats or other.upos == "NUM"):
            return True
    if tok.dep.split(":")[0] == "amod" and tok.upos == "ADJ":
        return True  # an adjective agrees with its noun
    if tok.feats.get("Mood") == "Imp":  # Nosta pyörä ja kierrä pultit: one listener or several, not both
        return any(t is not tok and t.feats.get("Mood") == "Imp" and t.feats.get("Person") == "2" for t in tokens)
    if tok.dep.startswith("nsubj"):
        verb = _subject_verb(tok, tokens, all_tokens)
        return verb is not None and "Number" in verb.feats
    return False


def _modified_outside(tok: Token, tokens: Sequence[Token], all_tokens: Sequence[Token], span: Sequence[Token]) -> bool:
    index = _index(tok, all_tokens)
    return any(o.dep.split(":")[0] in AGREEING and o not in span for o in _children(index, tokens))


def _negative(tokens: Sequence[Token]) -> bool:
    return any(t.feats.get("Polarity") == "Neg" or t.lemma in {"ei", "älä"} for t in tokens)


def _existential(tok: Token, tokens: Sequence[Token], all_tokens: Sequence[Token]) -> bool:
    """A subject after the finite *olla* of its clause, without a numeral (Tänään on salaattia)."""
    if not tok.dep.startswith("nsubj") or tok.feats.get("Case") not in {"Nom", "Par"}:
        return False
    index = _index(tok, all_tokens)
    if any(c.upos == "NUM" or c.dep.startswith("nummod") for c in _children(index, tokens)):
        return False
    verb = _subject_verb(tok, tokens, all_tokens)
    return verb is not None and verb.lemma == "olla" and _index(verb, all_tokens) < index


def _total_singular(tok: Token, all_tokens: Sequence[Token]) -> str:
    """The case of a singular total object in this clause: nominative after a command or a passive
    (Pese pöytä, pöytä pestään), genitive otherwise (pesen pöydän)."""
    head = all_tokens[tok.head] if 0 <= tok.head < len(all_tokens) else None
    if head is not None and (head.feats.get("Mood") == "Imp" or head.feats.get("Voice") == "Pass"):
        return "Nom"
    return "Gen"


def connegative(tok: Token, tokens: Sequence[Token], all_tokens: Sequence[Token]) -> bool:
    """A verb with a negative auxiliary (en tiedä, älä sekoita): its form is fixed."""
    if tok.upos not in {"VERB", "AUX"}:
        return False
    index = _index(tok, all_tokens)
    return any(c.feats.get("Polarity") == "Neg" or c.lemma == "ei" for c in _children(index, tokens))


def target(tok: Token, tokens: Sequence[Token], all_tokens: Sequence[Token], span: Sequence[Token]) -> TargetWord:
    case = tok.feats.get("Case")
    dep_tok = tok
    if tok.dep == "conj" and 0 <= tok.head < len(all_tokens):
        dep_tok = all_tokens[tok.head]  # "Pue suojatakki ja käsineet": both are objects
    modified = _modified_outside(tok, tokens, all_tokens, span)
    obj_free = (dep_tok.dep == "obj" and case in {"Nom", "Gen"} and not _negative(tokens) and not modified)
    also: tuple[str, ...] = ()
    if not modified and _existential(dep_tok if dep_tok is not tok else tok, tokens, all_tokens):
        also = ("Nom", "Par")
    finite_others = [t for t in tokens if _finite(t) and t is not tok and t.lemma != "ei"]
    tense_free = _finite(tok) and tok.feats.get("Mood") == "Ind" and not finite_others
    return TargetWord(form=tok.text, lemma=tok.lemma, upos=tok.upos, case=case, number=tok.feats.get("Number"),
                      number_fixed=number_fixed(tok, tokens, all_tokens, span), object_case_free=obj_free,
                      total_singular=_total_singular(dep_tok, all_tokens) if obj_free else None,
                      also_cases=also, tense_free=tense_free, exact=connegative(tok, tokens, all_tokens))


def with_head_freedom(words: list[TargetWord], span: Sequence[Token], all_tokens: Sequence[Token]) -> list[TargetWord]:
    """In a multiword term the modifier follows its head's freedom (gluteenitonta leipää as well)."""
    out = list(words)
    for i, tok in enumerate(span):
        head = next((j for j, t in enumerate(span) if 0 <= tok.head < len(all_tokens) and all_tokens[tok.head] is t), None)
        if head is not None:
            h = words[head]
            w = words[i]
            out[i] = TargetWord(w.form, w.lemma, w.upos, w.case, w.number, number_fixed=h.number_fixed,
                                object_case_free=h.object_case_free, total_singular=h.total_singular,
                                also_cases=h.also_cases, tense_free=w.tense_free, exact=w.exact)
    return out


def possessed_by_pronoun(tok: Token, tokens: Sequence[Token], all_tokens: Sequence[Token]) -> bool:
    """sinun ___: the gap may be written with or without a possessive suffix (vaunussa / vaunussasi)."""
    index = _index(tok, all_tokens)
    return any(c.upos == "PRON" and c.feats.get("PronType") == "Prs" and c.feats.get("Case") == "Gen"
               for c in _children(index, tokens))


def heading_cut(text: str, before: int) -> int:
    """Where the sentence proper starts: after a heading line glued to it by the sentence splitter (a
    line without closing punctuation followed by a line starting with a capital letter)."""
    cut = 0
    pos = text.find("\n")
    while 0 <= pos < before:
        line = text[cut:pos].strip()
        rest = text[pos + 1:].lstrip()
        if line and not line.endswith(_HEADING_END) and rest[:1].isupper():
            cut = pos + 1
        pos = text.find("\n", pos + 1)
    return cut
