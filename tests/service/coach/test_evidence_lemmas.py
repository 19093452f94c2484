"""Key terms a simulation report names in an inflected form count by their lemma (readiness coverage)."""

from __future__ import annotations

from tests.service.coach_factories import report

TASK = "cleaning-office"


def test_inflected_key_terms_in_a_report_count_by_lemma(services) -> None:  # type: ignore[no-untyped-def]
    coach = services.users.add_user("lemma-coach", "coach")[0]
    from service.coach.participants import ParticipantIn

    pid = services.participants.create(coach, ParticipantIn(name="Lemma", target_tasks=[TASK])).id
    services.evidence.add_simulation(pid, report("A2", bands={"writing": "A2"}, used=["pöydät", "lattiaa", "imurilla"],
                                                 task=TASK))
    used = services.evidence.items(pid)[0].data["terms_used"]
    assert {"pöytä", "lattia", "imuri"} <= set(used)
