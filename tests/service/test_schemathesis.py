"""Schemathesis against /openapi.json: every operation gets a bounded number of generated requests
(valid and invalid ones), authenticated as an admin. No answer may be a 5xx (a deliberate 503
"not available here" aside) and no answer may break the response schema its operation declares.

(schemathesis' own pytest plugin does not run on pytest 9 yet, so the operations are driven with
hypothesis directly; the failures of every operation are gathered and reported together.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, response_schema_conformance

from service.container import build_services
from tests.conftest import add_user, make_settings
from tyokieli.app import create_app

MAX_EXAMPLES = 6


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def fuzzed_app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, analyser: object
) -> Iterator[tuple[Any, dict[str, str]]]:
    extra: dict[str, Any] = {}
    if request.param == "postgres":
        extra["database_url"] = request.getfixturevalue("postgres_cluster").create_database()
    # No rate limits: the fuzzer sends many requests on one token and must reach the handlers.
    app_settings = make_settings(Path(tmp_path_factory.mktemp("fuzz")), rate_limit_per_minute=0,
                                 embedder_model="fake", **extra)
    services = build_services(app_settings)
    admin = add_user(services, "fuzz-admin", "admin")
    yield create_app(app_settings, services, with_ui=False), admin.headers
    services.close()


def _unavailable_is_not_a_crash(ctx: Any, response: Any, case: Any) -> bool | None:
    if response.status_code == 503:
        return None
    return not_a_server_error(ctx, response, case)  # type: ignore[no-any-return]


def fuzz_operation(operation: Any, headers: dict[str, str], mode: GenerationMode) -> str | None:
    """Runs one operation's generated cases; returns a description of the first failure, if any."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
              derandomize=True, database=None, print_blob=False)
    def run(case: Any) -> None:
        # A generous timeout: the first search in a fresh data dir builds the (fake-embedder) index.
        response = case.call(headers=headers, timeout=600)
        case.validate_response(response, checks=[_unavailable_is_not_a_crash, response_schema_conformance])

    try:
        run()
    except (KeyboardInterrupt, SystemExit):
        raise
    except Unsatisfiable:  # nothing invalid to send (an operation without parameters)
        return None
    except BaseException as exc:  # hypothesis re-raises the failing case (a FailureGroup)
        inner = getattr(exc, "exceptions", ())
        detail = " | ".join(str(e)[:500] for e in inner) if inner else ""
        return f"{operation.label} [{mode.value}]: {str(exc)[:300]} {detail}"
    return None


@pytest.mark.slow
def test_api_never_answers_5xx_nor_breaks_its_own_schema(fuzzed_app: tuple[Any, dict[str, str]]) -> None:
    app, headers = fuzzed_app
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 10
    failures = [
        failure
        for operation in operations
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        if (failure := fuzz_operation(operation, headers, mode)) is not None
    ]
    assert not failures, "\n\n".join(failures)
