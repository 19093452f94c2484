"""Domain errors of the simulations room (the service layer maps them to HTTP with `register_error`)."""

from __future__ import annotations


class SimulationError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnknownScenario(SimulationError):
    """No scenario with this id (→ 404)."""


class InvalidScenario(SimulationError):
    """A scenario file does not follow the schema (→ 422)."""


class SessionNotFound(SimulationError):
    """No such session, or it belongs to someone else (→ 404)."""


class SessionFinished(SimulationError):
    """The session is already finished: no more turns (→ 409)."""
