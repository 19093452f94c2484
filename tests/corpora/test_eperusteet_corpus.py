"""The shipped corpus generated from ePerusteet: qualifications, units, level descriptors, known gaps."""

from __future__ import annotations

from corpora.cefr import koto_goals, load_cefr, scale_level
from corpora.known_qualifications import named_but_missing
from corpora.qualifications import SHIPPED_DIR, get_unit, load_qualifications


def test_the_shipped_corpus_holds_the_vocational_qualifications_with_attribution() -> None:
    names = {q.name for q in load_qualifications()}
    assert {"Sosiaali- ja terveysalan perustutkinto", "Liiketalouden perustutkinto", "Autoalan perustutkinto"} <= names
    assert len(names) == 9  # 8 qualifications of the snapshot (+ Liikunnan ja valmennuksen at)
    assert "Opetushallitus, ePerusteet" in (SHIPPED_DIR / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert all(q.source == "Opetushallitus, ePerusteet" and q.diary_number for q in load_qualifications())


def test_a_unit_record_carries_its_qualification_requirements_criteria_and_demonstration() -> None:
    record = get_unit("100359")
    assert record is not None
    assert record.qualification_name == "Liiketalouden perustutkinto" and record.diary_number == "59/011/2014"
    assert record.unit.name == "Asiakaspalvelu" and record.unit.credits == 30.0
    assert "palvelee ulkoista ja sisäistä asiakasta" in record.unit.requirements
    assert record.unit.assessment and all(t.levels for t in record.unit.assessment)
    assert "palvelutilanteessa" in record.unit.demonstration


def test_a_unit_shared_by_qualifications_can_be_asked_within_one() -> None:
    record = get_unit("101050", qualification="1724172")
    assert record is not None and record.qualification_name == "Sosiaali- ja terveysalan perustutkinto"
    assert get_unit("100359", qualification="1724172") is None
    assert get_unit("999999") is None


def test_kotoutumiskoulutus_goals_are_given_per_skill_for_three_level_ranges() -> None:
    data = load_cefr()
    assert [g.levels for g in data.kotoutumiskoulutus_2022] == ["A1.2–A1.3", "A2.1–A2.2", "B1.1–B1.2"]
    goals = koto_goals("A2.1")
    assert goals is not None and {s.skill for s in goals.skills} == {"listening_reading", "speaking_writing", "interaction"}
    assert all(s.goals for s in goals.skills)


def test_the_finnish_proficiency_scale_has_a_descriptor_per_column_and_level() -> None:
    levels = [s.level for s in load_cefr().proficiency_scale]
    assert levels[:7] == ["A1.1", "A1.2", "A1.3", "A2.1", "A2.2", "B1.1", "B1.2"]
    a21 = scale_level("A2.1")
    assert a21 is not None and a21.name == "Peruskielitaidon alkuvaihe"
    assert set(a21.descriptors) == {"interaction", "strategies", "cultural", "interpreting", "producing"}
    assert all(v.startswith("Opiskelija") for v in a21.descriptors.values())


def test_qualifications_named_but_missing_are_recognised_in_any_case() -> None:
    found = named_but_missing("Voisiko hän suorittaa PUHTAUS- JA KIINTEISTÖPALVELUALAN perustutkinnon?", [])
    assert [q.name for q in found] == ["Puhtaus- ja kiinteistöpalvelualan perustutkinto"]
    assert found[0].import_command == "tyokieli import eperusteet --koulutuskoodi 381141"
    assert named_but_missing("Autan asukkaita ruokailussa", []) == []
    # a cleaning task points to the cleaning qualification the corpus lacks
    assert [q.name for q in named_but_missing("Siivoan potilashuoneen", [])] == ["Puhtaus- ja kiinteistöpalvelualan perustutkinto"]
    # once imported, it is no longer missing
    assert named_but_missing("logistiikan perustutkinto", ["Logistiikan perustutkinto"]) == []
