"""The scripted partner (the offline default): it follows the scenario's dialogue graph and the
goals the learner has reached. Repair requests get a simpler line, empty/English/off-topic turns a
gentle in-role redirect in Finnish; after a correction the conversation simply goes on."""

from __future__ import annotations

from simulations.partners.base import OneLineStream, PartnerContext, PartnerReply
from simulations.scenario import LEVELS, Level, Line, Node, Scenario

# Default in-role redirects at every level (A1–A2 plain Finnish), English beside.
_REDIRECTS: dict[str, Line] = {
    "empty": Line(A1="Ei hätää. Sano vain lyhyesti.", A2="Ei hätää. Sano vain lyhyesti.",
                  B1="Ei hätää, voit sanoa ihan lyhyesti.", B2="Ei hätää, lyhyt vastauskin riittää.",
                  en="No problem. Just say it briefly."),
    "english": Line(A1="Puhutaan suomea. Sano suomeksi, vaikka yksi sana.",
                    A2="Puhutaan suomea. Sano suomeksi, vaikka yksi sana.",
                    B1="Puhutaan suomea. Sano se suomeksi, vaikka yhdellä sanalla.",
                    B2="Puhutaanhan suomea. Kokeile sanoa se suomeksi, vaikka muutamalla sanalla.",
                    en="Let's speak Finnish. Say it in Finnish, even one word."),
    "off_topic": Line(A1="Palataan nyt työhön.", A2="Palataan nyt työhön.", B1="Palataan nyt työasioihin.",
                      B2="Palataanpa nyt itse asiaan.", en="Let's get back to work now."),
}
_REPAIR_PREFIX = Line(A1="Sanon uudestaan hitaasti:", A2="Sanon uudestaan hitaasti:", B1="Sanon sen uudestaan hitaasti:",
                      B2="Sanon sen vielä kerran hitaammin:", en="I'll say it again slowly:")
_NUDGE_PREFIX = ("Hmm.", "Hmm.")
# A misunderstood fact, corrected in role; {fact} is the right value as the scenario states it.
_CORRECTION = Line(A1="Ei. {Fact}. {Fact}.", A2="Ei, vaan {fact}. {Fact}.", B1="Ei ihan. {Fact}. Toista vielä, ole hyvä.",
                   B2="Ei aivan, vaan {fact}. Toistatko vielä, niin tiedän, että kuulit oikein?",
                   en="No: {fact}. Say it again, please.")
_UNKNOWN = Line(A1="En tiedä. Kysy esihenkilöltä.", A2="En tiedä. Kysy esihenkilöltä.",
                B1="En tiedä sitä. Kysy esihenkilöltä.", B2="Sitä en valitettavasti tiedä. Kysy esihenkilöltä.",
                en="I don't know. Ask the supervisor.")
_STUCK_AFTER = 2  # unproductive turns in a row before the partner helps by asking more simply


def _lower(level: Level) -> Level:
    """One level easier, at least A1: a B2 learner who did not understand gets the B1 wording."""
    return LEVELS[max(0, LEVELS.index(level) - 1)]


class ScriptedPartner(OneLineStream):
    """Deterministic: the same context and turn always give the same reply."""

    name = "scripted"

    def reply(self, session: PartnerContext, turn: str | None) -> PartnerReply:
        sc = session.scenario
        if session.turn_kind == "opening" or turn is None:
            node = sc.node(session.node)
            return self._line(session, node, node.say, "opening")
        if session.turn_kind == "repair":
            return self._rephrase(session, sc.node(session.node))
        if session.turn_kind in _REDIRECTS:
            return self._redirect(session, sc.node(session.node))
        if session.turn_kind == "misunderstood" and session.misunderstood:
            return self._correct(session, sc.node(session.node))
        if session.turn_kind == "question":
            return self._answer(session, sc.node(session.node))
        target = advance(sc, session.node, session.goals_reached, session.new_goals, moved_by_answer=True,
                         intents=session.intents)
        if target != session.node:
            node = sc.node(target)
            return self._line(session, node, node.say, "closing" if node.end else "line")
        return self._nudge(session, sc.node(session.node))

    # -- the kinds of reply ---------------------------------------------------------------------

    def _line(self, s: PartnerContext, node: Node, line: Line, kind: str) -> PartnerReply:
        return PartnerReply(
            text=line.text(s.level), text_en=line.en, node=node.id, kind=kind,  # type: ignore[arg-type]
            finished=node.end, partner=self.name, text_standard=line.standard.text(s.level) if line.standard else None,
        )

    def _correct(self, s: PartnerContext, node: Node) -> PartnerReply:
        """"Ei, kaksitoista kiloa. Kaksitoista kiloa." – the goal stays open, the step waits."""
        seen: list[str] = []
        for m in s.misunderstood:
            if m["expected"] not in seen:
                seen.append(m["expected"])
        fact = ", ".join(seen)
        text = _CORRECTION.text(s.level).format(fact=fact, Fact=fact[:1].upper() + fact[1:])
        return PartnerReply(text=text, text_en=(_CORRECTION.en or "").format(fact=fact), node=node.id,
                            kind="correction", partner=self.name)

    def _answer(self, s: PartnerContext, node: Node) -> PartnerReply:
        """A learner question from the fact sheet (or "I don't know"), then back to the step."""
        found = next((a for a in s.scenario.answers if a.id == s.answer), None)
        line = found.say if found else (s.scenario.unknown_answer or _UNKNOWN)
        again = node.say.text(s.level)
        en = f"{line.en} {node.say.en}" if line.en and node.say.en else line.en
        return PartnerReply(text=f"{line.text(s.level)} {again}", text_en=en, node=node.id, kind="answer",
                            partner=self.name)

    def _simpler_text(self, s: PartnerContext, node: Node) -> tuple[str, str | None]:
        if node.simpler is not None:
            return node.simpler.text(_lower(s.level)), node.simpler.en or node.say.en
        return node.say.text(_lower(s.level)), node.say.en

    def _rephrase(self, s: PartnerContext, node: Node) -> PartnerReply:
        text, en = self._simpler_text(s, node)
        last = next((t.text for t in reversed(s.transcript) if t.role == "partner"), None)
        if last is not None and text.strip() == last.strip():
            # already as simple as the script gets: say it again, slowly, flagged as such
            text = f"{_REPAIR_PREFIX.text(s.level)} {text}"
            en = f"{_REPAIR_PREFIX.en} {en}" if en else _REPAIR_PREFIX.en
        return PartnerReply(text=text, text_en=en, node=node.id, kind="rephrase", partner=self.name)

    def _redirect(self, s: PartnerContext, node: Node) -> PartnerReply:
        fi, en = _REDIRECTS[s.turn_kind].text(s.level), _REDIRECTS[s.turn_kind].en or ""
        if s.turn_kind == "off_topic" and s.scenario.redirect is not None:
            fi, en = s.scenario.redirect.text(s.level), s.scenario.redirect.en or en
        again, again_en = self._simpler_text(s, node) if s.stuck >= _STUCK_AFTER else (node.say.text(s.level), node.say.en)
        return PartnerReply(
            text=f"{fi} {again}", text_en=f"{en} {again_en}" if again_en else en,
            node=node.id, kind="redirect", partner=self.name,
        )

    def _nudge(self, s: PartnerContext, node: Node) -> PartnerReply:
        if s.stuck >= _STUCK_AFTER:
            text, en = self._simpler_text(s, node)
            return PartnerReply(text=text, text_en=en, node=node.id, kind="rephrase", partner=self.name)
        if node.nudge is not None:
            return PartnerReply(
                text=node.nudge.text(s.level), text_en=node.nudge.en, node=node.id, kind="nudge", partner=self.name
            )
        return PartnerReply(
            text=f"{_NUDGE_PREFIX[0]} {node.say.text(s.level)}",
            text_en=f"{_NUDGE_PREFIX[1]} {node.say.en}" if node.say.en else None,
            node=node.id, kind="nudge", partner=self.name,
        )


def advance(
    scenario: Scenario, node_id: str, reached: list[str], new_goals: list[str], *, moved_by_answer: bool,
    intents: list[str] | None = None,
) -> str:
    """Where the graph goes from `node_id` given the goals reached. A step that expects goals is
    passed once one of them is reached (several steps in one turn if the learner got ahead); a step
    that expects nothing is passed by any answer, one step per turn."""
    current = scenario.node(node_id)
    moved = False
    seen: set[str] = set()
    while not current.end and current.id not in seen:
        seen.add(current.id)
        if current.expects:
            hits = [g for g in current.expects if g in reached]
            if not hits:
                break
            ordered = [g for g in new_goals if g in hits] + [g for g in hits if g not in new_goals]
            target = next((current.branches[g] for g in ordered if g in current.branches), None)
            target = target or current.continue_to(reached, intents or [])
        elif moved_by_answer and not moved:
            target = current.continue_to(reached, intents or [])
        else:
            break
        if target is None:
            break
        current = scenario.node(target)
        moved = True
    return current.id
