"""The shape of the code, checked: imports run one way through the rooms, modules and functions stay
small, data crosses rooms typed, and every JSON route declares its response schema.

Rooms, lowest first: finnish < corpora < retrieval < simulations < service < ui < tyokieli. A room
imports only rooms below it (and itself); the UI imports only `service` of ours. Known debts are
listed by name below: a listed module or function that has been fixed fails the test too, so the
lists only shrink."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROOMS = ("finnish", "corpora", "retrieval", "simulations", "service", "ui", "tyokieli")
SIZED_ROOMS = ("finnish", "corpora", "retrieval", "simulations", "service", "tyokieli")
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60
MAX_UNTYPED_DICTS = 30  # `dict[str, Any]` in service/ and simulations/ together

# Modules that are data (tables, word lists), not logic: exempt from the size rule.
DATA_MODULES = {
    "service/core/migrations",  # one file per schema change, generated shape
}

# Known debts, to be paid off (each entry is checked to still be a violation).
LONG_MODULES: set[str] = set()
LONG_FUNCTIONS: set[str] = set()
ROUTES_WITHOUT_SCHEMA: set[str] = set()


def _modules(*rooms: str) -> list[Path]:
    return sorted(p for room in rooms for p in (ROOT / room).rglob("*.py") if ".venv" not in p.parts)


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _is_data(path: Path) -> bool:
    rel = _rel(path)
    return any(rel == d or rel.startswith(d + "/") for d in DATA_MODULES)


def _imported_rooms(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & set(ROOMS)


def upward_imports() -> list[str]:
    bad = []
    for path in _modules(*ROOMS):
        room = _rel(path).split("/")[0]
        rank = ROOMS.index(room)
        for other in sorted(_imported_rooms(ast.parse(path.read_text(encoding="utf-8")))):
            if room == "ui" and other not in ("ui", "service"):
                bad.append(f"{_rel(path)} imports {other} (the UI imports only service)")
            elif ROOMS.index(other) > rank:
                bad.append(f"{_rel(path)} imports {other} (a higher room)")
    return bad


def long_modules() -> set[str]:
    return {_rel(p) for p in _modules(*SIZED_ROOMS)
            if not _is_data(p) and len(p.read_text(encoding="utf-8").splitlines()) > MAX_MODULE_LINES}


def long_functions() -> set[str]:
    out = set()
    for path in _modules(*(r for r in ROOMS if r != "ui")):
        if _is_data(path):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    out.add(f"{_rel(path)}::{node.name}")
    return out


def untyped_dicts() -> int:
    pattern = re.compile(r"dict\[str, Any\]")
    return sum(len(pattern.findall(p.read_text(encoding="utf-8"))) for p in _modules("service", "simulations"))


def test_no_import_runs_up_the_rooms() -> None:
    assert upward_imports() == []


def test_the_checks_see_what_they_look_for() -> None:
    tree = ast.parse("from service.container import Services\nimport ui.app\nfrom .x import y\nimport os\n")
    assert _imported_rooms(tree) == {"service", "ui"}
    assert "service/container.py" not in long_modules()  # a small module is not reported
    assert untyped_dicts() > 0 or not _modules("service")


def test_no_module_is_over_300_lines_unless_it_is_data() -> None:
    found = long_modules()
    assert found - LONG_MODULES == set(), "split these modules (or list a data module in DATA_MODULES)"
    assert LONG_MODULES - found == set(), "these are short now: remove them from LONG_MODULES"


def test_no_function_is_over_60_lines_outside_the_ui() -> None:
    found = long_functions()
    assert found - LONG_FUNCTIONS == set(), "split these functions"
    assert LONG_FUNCTIONS - found == set(), "these are short now: remove them from LONG_FUNCTIONS"


def test_data_crosses_rooms_typed() -> None:
    count = untyped_dicts()
    assert count < MAX_UNTYPED_DICTS, f"{count} `dict[str, Any]` in service/ and simulations/; use typed models"


def test_every_json_route_declares_its_response_schema(tmp_path: Path) -> None:
    """Read from the OpenAPI document the app serves: a JSON answer without a schema is `{}` there.
    Answers with no body (204) and files (PDF, HTML, Markdown) are exempt; they name their media types."""
    from tests.conftest import make_settings
    from tyokieli.app import create_app

    doc = create_app(make_settings(tmp_path, analyser="fake"), with_ui=False).openapi()
    missing = []
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            for code, response in op["responses"].items():
                content = response.get("content") or {}
                if not code.startswith("2") or code == "204":
                    continue
                files = set(content) - {"application/json"}
                if not files and not (content.get("application/json") or {}).get("schema"):
                    missing.append(f"{method.upper()} {path} {code}")
    assert set(missing) - ROUTES_WITHOUT_SCHEMA == set(), \
        "give these routes a response_model (or declare their file media types in responses=)"
    assert ROUTES_WITHOUT_SCHEMA - set(missing) == set(), "these have a schema now: remove them from the list"


def test_one_spelling_and_one_builder_verb() -> None:
    """The README's "analyser" is the one spelling, and components are built by `build_*` functions
    (not make_/get_/default_), so a reader searches for one name per concept."""
    spelling = re.compile(r"[Aa]nalyz")
    verbs = re.compile(r"^def (make|default|get)_(analy|generator|partner|transcriber|engine|chat_model|chunks|library)")
    found = []
    for path in _modules(*ROOMS, "tests", "bench", "eval"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if (spelling.search(line) and "_voikko.analyze(" not in line) or verbs.search(line):
                found.append(f"{_rel(path)}:{n}: {line.strip()}")
    assert not found, "\n".join(found)
