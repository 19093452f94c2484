"""Reading the project's YAML data quickly: libyaml's C parser where PyYAML has it (about ten times
faster than the pure-Python one, which made loading the scenario library take seconds), with the
same safe semantics as `yaml.safe_load`."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """`yaml.safe_load(text)`, through the C parser when available."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a SafeLoader
