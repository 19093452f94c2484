"""Honest recommendations: the qualification fit is decided first, units under the threshold are not
shown, a missing qualification is named first, and each unit says why and which evidence supports
which criterion."""

from __future__ import annotations

import pytest

from corpora.qualification_fields import derived_field, generic_unit_names
from corpora.qualifications import Qualification, load_qualifications
from eval.eval_recommendations import current, load_rows, searcher_search
from service.coach.participants import ParticipantIn
from service.coach.qualification_fit import UnitRanker, fit_qualifications
from service.core.auth import CurrentUser
from tests.fakes.search import FakeSearch
from tests.service.coach_factories import report

CORPUS = load_qualifications()
CLEANING = "Puhtaus- ja kiinteistöpalvelualan perustutkinto"


# Units of many fields, as a lexical search pads a list.
PADDING_UNITS = (("1718932", "100360", 46.0), ("3932281", "105434", 45.0), ("1721199", "100773", 44.0),
                 ("1718932", "100359", 42.0), ("33827", "100451", 40.0), ("1718932", "100367", 12.0),
                 ("1718932", "100364", 8.0))


class PaddingSearch(FakeSearch):
    def __init__(self) -> None:
        super().__init__(PADDING_UNITS)


@pytest.fixture
def coach(services) -> CurrentUser:  # type: ignore[no-untyped-def]
    return services.users.add_user("coach-honest", "coach")[0]


@pytest.fixture
def padding(services) -> PaddingSearch:  # type: ignore[no-untyped-def]
    searcher = PaddingSearch()
    services.search.use_searcher(searcher)  # type: ignore[arg-type]
    return searcher


@pytest.mark.parametrize("task, field", [
    ("Siivoan toimiston ja tyhjennän roska-astiat.", CLEANING),
    ("Imuroin käytävät ja pesen wc-tilat.", CLEANING),
    ("Palvelen asiakkaita kaupan kassalla ja annan kuitin.", "Liiketalouden perustutkinto"),
    ("Autan vanhuksia peseytymisessä hoivakodissa.", "Sosiaali- ja terveysalan perustutkinto"),
    ("Vaihdan renkaita ja huollan autoja.", "Autoalan perustutkinto"),
    ("Ajan trukkia varastossa ja kerään tilauksia.", "Logistiikan perustutkinto"),
    ("Trimmaan koiria ja hoidan kissoja.", "Eläintenhoidon ammattitutkinto"),
])
def test_the_best_fitting_qualification_is_decided_from_the_tasks_field(task: str, field: str) -> None:
    fits = fit_qualifications([task], CORPUS)
    assert fits and fits[0].name == field, [(f.name, f.matched) for f in fits]
    assert fits[0].in_corpus == any(q.name == field for q in CORPUS)


def test_a_task_naming_no_field_fits_no_qualification() -> None:
    assert fit_qualifications(["Teen mitä pyydetään."], CORPUS) == []


def test_a_freshly_imported_qualification_gets_field_words_from_its_unit_names() -> None:
    q = Qualification(id=1, name="Turvallisuusalan perustutkinto", units=[
        {"code": "1", "name": "Vartiointi ja valvonta", "format": "2019"},
        {"code": "2", "name": "Yrityksessä toimiminen", "format": "2019"}])
    generic = generic_unit_names([*CORPUS, q])
    field = derived_field(q, generic)
    assert "vartioi" in field.stems and not any(s.startswith("yrityk") for s in field.stems)
    assert fit_qualifications(["Vartioin kauppakeskusta yöllä."], [q])[0].name == q.name


def test_cleaning_task_names_the_missing_qualification_first_and_pads_with_nothing(services, coach, padding) -> None:  # type: ignore[no-untyped-def]
    result = services.recommendations.recommend(coach, ["Siivoan toimiston ja tyhjennän roska-astiat."])
    assert result["recommendations"] == []
    assert result["not_in_corpus"][0]["name"] == CLEANING
    assert result["not_in_corpus"][0]["import_command"].startswith("tyokieli import eperusteet")
    assert "no unit in the shipped corpus fits" in result["message"]["en"]
    assert CLEANING in result["message"]["fi"]


def test_units_outside_the_fitting_field_and_under_the_threshold_are_not_shown(services, coach, padding) -> None:  # type: ignore[no-untyped-def]
    result = services.recommendations.recommend(coach, ["Palvelen asiakkaita kaupan kassalla ja otan vastaan maksut."])
    shown = {r["unit_code"] for r in result["recommendations"]}
    assert {"100359", "100360"} <= shown
    assert not shown & {"105434", "100773", "100451"}  # wood, horticulture, environment
    assert not shown & {"100364", "100367"}  # a fitting field, but far under the best hit
    assert all(0 < r["relevance"] <= 1 and r["strength"] in ("strong", "moderate") for r in result["recommendations"])
    assert result["qualification_fit"][0]["name"] == "Liiketalouden perustutkinto"


def test_each_unit_says_why_in_its_own_requirement_words(services, coach, padding) -> None:  # type: ignore[no-untyped-def]
    result = services.recommendations.recommend(coach, ["Palvelen asiakkaita kaupan kassalla ja otan vastaan maksut."])
    unit = next(r for r in result["recommendations"] if r["unit_code"] == "100360")
    requirements = set(next(q for q in CORPUS if q.id == 1718932).unit("100360").requirements)  # type: ignore[union-attr]
    assert unit["why"] and set(unit["why"]) <= requirements


def test_supported_criteria_link_the_evidence_behind_them(services, coach, padding) -> None:  # type: ignore[no-untyped-def]
    p = services.participants.create(coach, ParticipantIn(name="Amina",
                                                          work_trial_tasks=["Palvelen asiakkaita kaupan kassalla."]))
    ids = [services.evidence.add_simulation(p.id, report("B1", bands={"interaction": "B1", "speaking": "B1"}),
                                            source=f"s{i}").id for i in range(3)]
    result = services.recommendations.recommend(coach, None, p.id)
    supported = [c for r in result["recommendations"] for c in r["supported_criteria"]]
    assert supported
    for c in supported:
        assert c["evidence"] and {e["id"] for e in c["evidence"]} <= set(ids)
        assert all(e["kind"] == "simulation" and e["source"].startswith("s") for e in c["evidence"])


@pytest.mark.slow
def test_no_unrelated_field_unit_in_the_top_five_of_any_eval_task(real_searcher) -> None:  # type: ignore[no-untyped-def]
    run = current(searcher_search(real_searcher), CORPUS)
    offenders = []
    for row in load_rows():
        top, missing = run(row.tasks)
        offenders += [(row.tasks[0], u) for u in top if u.split(":")[0] not in row.related or u in row.reject]
        assert set(row.missing) <= set(missing), row.tasks
    assert offenders == []


def test_a_task_whose_field_nobody_recognises_gets_no_units_at_all() -> None:
    search = PaddingSearch()
    ranker = UnitRanker(lambda q, k: [h.to_dict() for h in search.search(q, k)], lambda: CORPUS)
    tasks = ["Teen mitä pyydetään ja autan muita."]
    assert ranker.rank(tasks, fit_qualifications(tasks, CORPUS)) == []


@pytest.mark.parametrize("task, field", [
    ("Vartioin kauppakeskusta öisin.", "Turvallisuusalan perustutkinto"),
    ("Hitsaan teräsrakenteita konepajassa.", "Kone- ja tuotantotekniikan perustutkinto"),
    ("Ajan linja-autoa kaupungin linjalla.", "Kuljetusalan perustutkinto"),
])
def test_a_field_the_corpus_lacks_is_named_and_lends_no_other_fields_units(task: str, field: str) -> None:
    fits = fit_qualifications([task], CORPUS)
    assert fits[0].name == field and not fits[0].in_corpus
    search = PaddingSearch()
    ranker = UnitRanker(lambda q, k: [h.to_dict() for h in search.search(q, k)], lambda: CORPUS)
    assert ranker.rank([task], fits) == []
