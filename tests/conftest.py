"""Shared fixtures. The real analyser (spaCy-fi + Voikko) loads once per test process."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from finnish.analyser import SpacyVoikkoAnalyser, build_analyser
from service.container import Services, build_services
from service.core.settings import Settings
from tests.pg import PostgresCluster, PostgresUnavailable
from tyokieli.app import create_app
from tyokieli.server import limit_blas_threads

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


def needs_shared_data(*parts: str) -> Path:
    """A path in the project's shared data folder (beside the checkout). Missing on a developer's
    machine → the test is skipped; missing in CI (CI=true) → the test fails, it must be there."""
    import os

    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"shared data missing in CI: {path}")
        pytest.skip(f"shared data not found at {path}")
    return path


@pytest.fixture(scope="session")
def analyser() -> SpacyVoikkoAnalyser:
    a = build_analyser("spacy")
    assert isinstance(a, SpacyVoikkoAnalyser)
    return a


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"data_dir": tmp_path / "data", "environment": "test"}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def settings(tmp_path: Path, database_url: str | None) -> Settings:
    if database_url is None:
        return make_settings(tmp_path)
    return make_settings(tmp_path, database_url=database_url)


# ---- PostgreSQL (tests/pg.py): the storage and API tests run on SQLite and on PostgreSQL ----------
# A test under these folders that uses `services` (or `client`) runs twice: [sqlite] and [postgres].
# A test marked @pytest.mark.postgres that uses `settings` runs on PostgreSQL only.
POSTGRES_SUITES = ("tests/service/", "tests/storage/")


def pytest_configure(config: pytest.Config) -> None:
    limit_blas_threads()  # as `tyokieli serve` does; two test processes share the two cores


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_backend" not in metafunc.fixturenames:
        return
    on_postgres = pytest.param("postgres", marks=pytest.mark.postgres)
    rel = Path(str(metafunc.definition.path)).resolve().relative_to(REPO).as_posix()
    if metafunc.definition.get_closest_marker("postgres") is not None:
        metafunc.parametrize("db_backend", [on_postgres], indirect=True)
    elif "services" in metafunc.fixturenames and rel.startswith(POSTGRES_SUITES):
        metafunc.parametrize("db_backend", ["sqlite", on_postgres], indirect=True)


@pytest.fixture
def db_backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    try:
        cluster = PostgresCluster.start()
    except PostgresUnavailable as exc:
        if os.environ.get("CI"):  # CI runs as root with the package installed: it must work there
            raise
        pytest.skip(f"PostgreSQL could not be started here: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture
def database_url(db_backend: str, request: pytest.FixtureRequest) -> Iterator[str | None]:
    """None for SQLite (the file in the test's data dir); a fresh migrated PostgreSQL database else."""
    if db_backend != "postgres":
        yield None
        return
    cluster: PostgresCluster = request.getfixturevalue("postgres_cluster")
    url = cluster.create_database()
    yield url
    cluster.drop_database(url)


@pytest.fixture
def services(settings: Settings, analyser: SpacyVoikkoAnalyser) -> Iterator[Services]:
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
