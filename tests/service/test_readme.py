"""The README stays true: the two commands come first and every setting is documented."""

from __future__ import annotations

from pathlib import Path

from service.core.settings import Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_the_two_commands_come_first() -> None:
    first_block = README.split("```", 2)[1]
    assert "make run" in first_block and "make test" in first_block


def test_every_setting_is_in_the_configuration_table() -> None:
    missing = [name for name in Settings.model_fields if f"TYOKIELI_{name.upper()}" not in README]
    assert not missing, f"README's configuration table lacks: {missing}"
