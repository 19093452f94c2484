"""`tyokieli users …`: users, UI passwords and API tokens."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from tyokieli.cli.common import JsonOpt, build, emit_json, fail, run_service

users_app = typer.Typer(help="Users and API tokens.", no_args_is_help=True)


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="User name (also the UI sign-in name).")],
    role: Annotated[str, typer.Option(help="participant, teacher, coach, admin or mentor.")],
    password: Annotated[
        bool, typer.Option("--password", help="Set a password for signing in to the UI: read from the "
                           "TYOKIELI_NEW_PASSWORD environment variable if set, otherwise asked for.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Create a user and print an API token once (it is stored only as a hash)."""
    secret = None
    if password:
        secret = os.environ.get("TYOKIELI_NEW_PASSWORD") or typer.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    services = build()
    user, token = run_service(lambda: services.users.add_user(name, role, secret))
    if as_json:
        emit_json({"id": user.id, "name": user.name, "role": user.role, "token": token})
    else:
        typer.echo(f"User '{user.name}' ({user.role}) created. API token (shown only now):", err=True)
        typer.echo(token)


@users_app.command("password")
def users_password(name: Annotated[str, typer.Argument(help="User name.")]) -> None:
    """Set a user's UI password (from TYOKIELI_NEW_PASSWORD if set, otherwise asked for)."""
    services = build()
    user = services.users.by_name(name)
    if user is None:
        raise fail(f"no user called '{name}'")
    secret = os.environ.get("TYOKIELI_NEW_PASSWORD") or typer.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    run_service(lambda: services.users.set_password(user.id, secret))
    typer.echo(f"Password set for '{name}'.", err=True)


@users_app.command("list")
def users_list(as_json: JsonOpt = False) -> None:
    """List users: role, whether a UI password is set, and how many API tokens are live."""
    rows = build().users.list_users()
    if as_json:
        emit_json({"users": rows})
        return
    for r in rows:
        typer.echo(f"{r['id']:>5}  {r['name']:<30} {r['role']:<12} password={'yes' if r['password'] else 'no':<4} tokens={r['live_tokens']}")


@users_app.command("token")
def users_token(
    name: Annotated[str, typer.Argument(help="User name.")],
    label: Annotated[str, typer.Option(help="What the token is for, e.g. the machine.")] = "cli",
    as_json: JsonOpt = False,
) -> None:
    """Issue a new API token for a user and print it once (it is stored only as a hash)."""
    services = build()
    user = services.users.by_name(name)
    if user is None:
        raise fail(f"no user called '{name}'")
    token = run_service(lambda: services.users.issue_token(user.id, label))
    if as_json:
        emit_json({"id": user.id, "name": user.name, "role": user.role, "token": token})
    else:
        typer.echo(f"New API token for '{user.name}' (shown only now):", err=True)
        typer.echo(token)


@users_app.command("revoke")
def users_revoke(
    token: Annotated[str | None, typer.Argument(help="The token, or - to read it from standard input.")] = None,
    user: Annotated[str | None, typer.Option("--user", help="Revoke every token of this user instead.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Revoke one API token, or every token of a user (--user NAME)."""
    if (token is None) == (user is None):
        raise fail("give either a TOKEN (or - for standard input) or --user NAME")
    services = build()
    if user is not None:
        found = services.users.by_name(user)
        if found is None:
            raise fail(f"no user called '{user}'")
        count = run_service(lambda: services.users.revoke_user_tokens(found.id))
    else:
        secret = sys.stdin.readline().strip() if token == "-" else (token or "")
        if not services.users.revoke_token(secret):
            raise fail("no live token like that (unknown or already revoked)")
        count = 1
    if as_json:
        emit_json({"revoked": count})
    else:
        typer.echo(f"Revoked {count} token(s).", err=True)
