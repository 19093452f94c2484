"""Which field a task belongs to: the work named by the verb and its objects, and the place where it
is done, count in full; the employer named in the genitive before that place ('päiväkodin
keittiössä', 'sairaalan käytävillä') counts half, so a kitchen job at a daycare is not a care task."""

from __future__ import annotations

import pytest

from corpora.qualifications import load_qualifications
from service.coach.qualification_fit import employer_words, fit_qualifications, lending

CORPUS = load_qualifications()


@pytest.mark.parametrize(("task", "employer"), [
    ("Teen ruokaa koulun keittiössä.", {"koulun"}),
    ("Siivoan hotellin aulassa ja kerroksilla.", {"hotellin"}),
    ("Pesen astioita ravintolan tiskissä.", {"ravintolan"}),
    ("Työskentelen varastossa.", set()),  # the opening verb is never the employer
    ("Autan asukkaita palvelutalon ruokasalissa.", {"palvelutalon"}),
])
def test_the_genitive_before_a_place_is_read_as_the_employer(task: str, employer: set[str]) -> None:
    assert employer_words([task]) == employer


@pytest.mark.parametrize("task", [
    "Valmistan lounaan päiväkodin keittiössä ja pesen astiat.",
    "Siivoan sairaalan käytävillä ja tyhjennän roska-astiat.",
    "Teen voileipiä vanhainkodin keittiössä.",
])
def test_an_employer_of_another_field_does_not_lend_its_units(task: str) -> None:
    fits = fit_qualifications([task], CORPUS)
    care = [f for f in fits if f.qualification == "1724172"]  # Sosiaali- ja terveysalan perustutkinto
    assert not care or care[0].strength < 1.0
    assert "1724172" not in lending(fits)


@pytest.mark.parametrize("task", [
    "Hoidan vanhuksia hoivakodissa.",
    "Autan asukkaita pukeutumisessa palvelutalon huoneissa.",
])
def test_care_work_itself_still_fits_the_care_qualification(task: str) -> None:
    assert "1724172" in lending(fit_qualifications([task], CORPUS))
