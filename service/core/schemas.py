"""Shared pieces of the response schemas: the base class and the small fi/en text pair.

Every JSON route declares a `response_model`; its schema is what `/openapi.json` promises and what
Schemathesis checks the answers against. Fields the service returns but the schema does not name are
left out of the answer, so a new field is added here (in the feature's `schemas.py`) first."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Schema(BaseModel):
    """Base of the response schemas."""

    model_config = ConfigDict(extra="ignore")


class OpenSchema(Schema):
    """A schema whose declared fields are checked and whose other fields pass through: for shapes
    that other features extend (a new field reaches the client before its schema names it)."""

    model_config = ConfigDict(extra="allow")


class FiEn(Schema):
    """A short text in plain Finnish with English beside it."""

    fi: str
    en: str


class HealthOut(Schema):
    status: str
    analyser: str
