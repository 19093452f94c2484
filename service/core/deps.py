"""FastAPI dependencies: the services of this app and the signed-in user.

A plain `def` dependency runs in the thread pool, one hop per dependency per request; the ones that
only read memory are `async def`, so a request hops once for its token check and once for its route."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.container import Services
from service.core.auth import CurrentUser, bearer_token
from service.core.errors import Forbidden

_bearer = HTTPBearer(auto_error=False, description="API token from `tyokieli users add`")


def _services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


async def get_services(request: Request) -> Services:
    return _services(request)


def get_current_user(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> CurrentUser:
    services = _services(request)
    # Read through the one strict parser (HTTPBearer, kept for the OpenAPI scheme, accepts any run of spaces).
    del credentials
    user = services.users.authenticate(bearer_token(request.headers.get("authorization")))
    request.state.user = user
    return user


def require_roles(*roles: str) -> Callable[[CurrentUser], Awaitable[CurrentUser]]:
    async def check(user: Annotated[CurrentUser, Depends(get_current_user)]) -> CurrentUser:
        if user.role not in roles and user.role != "admin":
            raise Forbidden(f"This needs the role {' or '.join(roles)}; you are signed in as {user.role}.")
        return user

    return check


ServicesDep = Annotated[Services, Depends(get_services)]
UserDep = Annotated[CurrentUser, Depends(get_current_user)]
