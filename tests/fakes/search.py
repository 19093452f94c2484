"""A fake qualification search: answers every query with chosen real units of the shipped corpus
(as the hybrid searcher's hits) and records the queries, so a test can predict the recommendations
and check what was asked."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from corpora.qualifications import Qualification, load_qualifications
from retrieval.hybrid import UnitHit

# (qualification id, unit code, score): customer service and sales units of the business qualification
# and one unit of another field.
RETAIL_UNITS = (("1718932", "100360", 30.0), ("1718932", "100359", 29.0), ("33827", "100451", 25.0))


@lru_cache(maxsize=1)
def _corpus() -> tuple[Qualification, ...]:
    return tuple(load_qualifications())


def unit_hit(qualification: str, code: str, score: float) -> UnitHit:
    """A hit on a real unit of the shipped corpus, as the hybrid searcher returns it."""
    q = next(q for q in _corpus() if str(q.id) == qualification)
    unit = q.unit(code)
    assert unit is not None
    return UnitHit(qualification=qualification, qualification_name=q.name, unit_code=code, unit_name=unit.name,
                   score=score, snippet=unit.name)


class FakeSearch:
    def __init__(self, units: Sequence[tuple[str, str, float]] = RETAIL_UNITS) -> None:
        self.hits = [unit_hit(*u) for u in units]
        self.queries: list[str] = []

    def search(self, query: str, k: int) -> list[UnitHit]:
        self.queries.append(query)
        return self.hits[:k]
