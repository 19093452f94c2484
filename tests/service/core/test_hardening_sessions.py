"""Findings 2, 3, 4 and 9: one strict Authorization parser and limits per user; UI sessions bound
to the user id and session version; weak production secrets refused; sign-in back-off per account
and address, X-Forwarded-For believed only from trusted proxies."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from service.container import Services, build_services
from service.core.addresses import client_address, parse_networks
from service.core.auth import bearer_token
from service.core.errors import Unauthorized
from service.core.settings import Settings
from service.core.signin import SignInGuard
from tests.conftest import add_user, make_settings
from tyokieli.app import create_app
from ui.common import current_user

PASSWORD = "hyva-salasana-1"


@pytest.mark.parametrize("header", ["Bearer tk_abc", "bearer tk_abc", "BEARER tk_abc", "bEaReR tk_abc"])
def test_the_bearer_scheme_is_read_in_any_case(header: str) -> None:
    assert bearer_token(header) == "tk_abc"


@pytest.mark.parametrize("header", ["Bearer  tk_abc", "Bearer\ttk_abc", " Bearer tk_abc", "Bearer tk_abc ",
                                    "Basic dXNlcjpwYXNz", "Bearer", "Bearer tk_a tk_b", "Token tk_abc",
                                    "Bearer tk_abc\x00", "Bearer " + " " * 150 + "tk_abc"])
def test_every_other_shape_of_authorization_is_refused(header: str) -> None:
    with pytest.raises(Unauthorized):
        bearer_token(header)


@pytest.fixture
def limited(tmp_path: Path, database_url: str | None, analyser: object) -> Iterator[tuple[TestClient, Services]]:
    extra = {"database_url": database_url} if database_url else {}
    settings = make_settings(tmp_path, rate_limit_per_minute=4, analyser="fake", **extra)
    services = build_services(settings)
    with TestClient(create_app(settings, services, with_ui=False)) as client:
        yield client, services
    services.close()


@pytest.mark.parametrize("db_backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)
def test_header_variants_and_a_second_token_share_one_limit(limited: tuple[TestClient, Services]) -> None:
    client, services = limited
    user = add_user(services, "kiireinen", "participant")
    second = services.users.issue_token(user.id, "toinen")
    spellings = [f"Bearer {user.token}", f"bearer {user.token}", f"BEARER {user.token}", f"Bearer {second}"]
    spellings += [f"Bearer{' ' * n}{user.token}" for n in range(2, 40)]
    codes = [client.post("/api/v1/analysis", json={"text": "Hei."}, headers={"Authorization": h}).status_code
             for h in spellings]
    assert codes.count(200) <= 5, codes  # four a minute (one more if the minute turns)
    assert set(codes) <= {200, 401, 429}, codes
    assert all(c in (401, 429) for c in codes[6:]), codes


def _sign_in(client: TestClient, name: str, password: str = PASSWORD) -> int:
    return client.post("/ui/login", data={"username": name, "password": password}).status_code


def _ui_user(client: TestClient) -> str | None:
    response = client.get("/ui/gradio_api/user")
    if response.status_code == 404:
        response = client.get("/ui/user")
    return response.json() if response.status_code == 200 else None  # type: ignore[no-any-return]


class _GradioRequest:
    """What a Gradio event hands a tab: the HTTP request with its cookies."""

    def __init__(self, client: TestClient) -> None:
        self.request = type("R", (), {"cookies": dict(client.cookies.items()), "headers": {}})()
        self.username = None


@pytest.fixture
def ui(services: Services, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, services, with_ui=True), base_url="https://testserver") as client:
        yield client


def test_revoke_password_change_and_role_change_end_the_ui_session(ui: TestClient, services: Services) -> None:
    user = add_user(services, "ohjaaja", "coach", PASSWORD)
    for end in (lambda: services.users.revoke_user_tokens(user.id),
                lambda: services.users.set_password(user.id, "uusi-salasana-2"),
                lambda: services.users.set_role(user.id, "teacher")):
        ui.cookies.clear()
        password = "uusi-salasana-2" if services.users.check_password("ohjaaja", "uusi-salasana-2") else PASSWORD
        assert _sign_in(ui, "ohjaaja", password) == 200
        assert _ui_user(ui) == "ohjaaja"
        assert current_user(services, _GradioRequest(ui)).id == user.id  # type: ignore[union-attr]
        end()
        assert current_user(services, _GradioRequest(ui)) is None
        assert _ui_user(ui) is None  # Gradio itself no longer sees the cookie


def test_an_erased_users_cookie_gives_a_new_user_of_the_same_name_nothing(
    ui: TestClient, services: Services
) -> None:
    coach = add_user(services, "valmentaja", "coach")
    old = add_user(services, "amina", "participant", PASSWORD)
    created = ui.post("/api/v1/participants", json={"name": "Amina", "user": "amina"}, headers=coach.headers)
    assert created.status_code == 201, created.text
    assert _sign_in(ui, "amina") == 200
    stolen = dict(ui.cookies.items())
    services.privacy.erase(None, created.json()["id"])
    new = add_user(services, "amina", "admin", "toinen-salasana-3")
    assert new.id != old.id  # ids are never reused
    ui.cookies.clear()
    for k, v in stolen.items():
        ui.cookies.set(k, v)
    assert current_user(services, _GradioRequest(ui)) is None
    assert _ui_user(ui) is None


@pytest.mark.parametrize("secret", ["", "x", "password", "changeme", "a" * 64, "development-only-session-secret",
                                    "abcabcabcabcabcabcabcabcabcabcabc", "Passw0rd!", "9f2c4e7a1b3d5f60"])  # 8 random bytes: too short
def test_production_refuses_weak_secrets(tmp_path: Path, secret: str) -> None:
    with pytest.raises(ValidationError):
        Settings(environment="production", data_dir=tmp_path, session_secret=secret)  # type: ignore[arg-type]


def test_production_accepts_a_random_secret(tmp_path: Path) -> None:
    for secret in (secrets.token_urlsafe(32), secrets.token_hex(32), secrets.token_urlsafe(64)):
        assert Settings(environment="production", data_dir=tmp_path, session_secret=secret)  # type: ignore[arg-type]


def test_forwarded_for_counts_only_from_a_trusted_proxy() -> None:
    none, proxy = parse_networks([]), parse_networks(["10.0.0.0/8"])
    spoofed = {"x-forwarded-for": "203.0.113.9"}
    assert client_address("127.0.0.1", spoofed, none) == "127.0.0.1"
    assert client_address("198.51.100.7", spoofed, proxy) == "198.51.100.7"
    assert client_address("10.0.0.2", {"x-forwarded-for": "1.2.3.4, 203.0.113.9, 10.0.0.5"}, proxy) == "203.0.113.9"
    assert client_address("10.0.0.2", {}, proxy) == "10.0.0.2"


def test_back_off_grows_per_account_and_address_and_spares_the_neighbours(services: Services) -> None:
    now = [1_000_000.0]
    guard = SignInGuard(services.db, limit=3, clock=lambda: now[0])
    nat = "192.0.2.1"
    for _ in range(3):
        assert guard.wait("anna", nat) is None
        guard.failed("anna", nat)
    first = guard.wait("anna", nat)
    assert first is not None and first >= 1
    assert guard.wait("bertta", nat) is None  # someone else behind the same address signs in
    now[0] += first + 1
    guard.failed("anna", nat)
    assert guard.wait("anna", nat) > first  # type: ignore[operator]  # the wait doubles
    assert guard.wait("anna", "198.51.100.3") is None  # the account from elsewhere: not yet held
    guard.succeeded("bertta", nat)
    for name in [f"user{i}" for i in range(40)]:  # one address trying many accounts is held back
        guard.failed(name, nat)
    assert guard.wait("carl", nat) is not None
    assert guard.wait("bertta", nat) is None  # …but an account that signed in from it before is not


def test_spoofed_forwarded_for_does_not_escape_the_sign_in_back_off(tmp_path: Path, analyser: object) -> None:
    settings = make_settings(tmp_path, sign_in_attempts_per_minute=3, analyser="fake")
    services = build_services(settings)
    try:
        add_user(services, "anna", "teacher", PASSWORD)
        add_user(services, "bertta", "teacher", "bertan-salasana-9")
        with TestClient(create_app(settings, services, with_ui=True)) as client:
            codes = [client.post("/ui/login", data={"username": "anna", "password": "wrong-one"},
                                 headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code for i in range(20)]
            assert 429 in codes and codes.index(429) <= 3, codes
            assert _sign_in(client, "anna") == 429  # even the right password waits for the account
            assert _sign_in(client, "bertta", "bertan-salasana-9") == 200  # the neighbour is not locked out
    finally:
        services.close()
