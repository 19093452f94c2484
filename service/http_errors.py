"""The one mapping of lower rooms' errors to HTTP status codes, collected from the feature packages.
`create_app` registers a handler for each, and the CLI turns them into one line on stderr."""

from __future__ import annotations

from service.core.errors import ErrorMap
from service.practice import extras as practice_extras
from service.practice import service as practice
from service.search import service as search

LOWER_ROOM_ERRORS: ErrorMap = {**search.HTTP_ERRORS, **practice.HTTP_ERRORS, **practice_extras.HTTP_ERRORS}
