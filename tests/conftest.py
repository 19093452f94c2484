"""Shared fixtures. The real analyser (spaCy-fi + Voikko) loads once per test process."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from finnish.analyser import SpacyVoikkoAnalyzer, get_analyzer
from service.app import create_app
from service.container import Services, build_services
from service.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def analyser() -> SpacyVoikkoAnalyzer:
    a = get_analyzer("spacy")
    assert isinstance(a, SpacyVoikkoAnalyzer)
    return a


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"data_dir": tmp_path / "data", "environment": "test"}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def services(settings: Settings, analyser: SpacyVoikkoAnalyzer) -> Iterator[Services]:
    s = build_services(settings)
    yield s
    s.close()


@dataclass
class ApiUser:
    name: str
    role: str
    token: str
    id: int

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def add_user(services: Services, name: str, role: str, password: str | None = None) -> ApiUser:
    user, token = services.users.add_user(name, role, password)
    return ApiUser(user.name, user.role, token, user.id)


@pytest.fixture
def app(services: Services, settings: Settings):  # type: ignore[no-untyped-def]
    return create_app(settings, services, with_ui=False)


@pytest.fixture
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app) as c:
        yield c


@pytest.fixture
def users(services: Services) -> dict[str, ApiUser]:
    """One signed-up user per role: users['teacher'].headers etc."""
    return {role: add_user(services, f"test-{role}", role) for role in ("participant", "teacher", "coach", "admin")}
