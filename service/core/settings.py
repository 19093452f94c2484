"""The one settings object. Every value comes from a TYOKIELI_* environment variable or its default.

Nothing here is read at import time by other modules: `create_app(settings)` and the CLI build
a `Settings` and hand it down.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = {"changeme", "change-me", "secret", "please-change", "password", "development-only-session-secret"}
MIN_SECRET_ENTROPY_BITS = 256  # 32 bytes


def secret_entropy_bits(secret: str) -> float:
    """An upper bound of the secret's entropy: its length times log2 of the alphabet it draws from
    (the classes of characters it uses), and never more than 8 bits a byte. Repeats count once."""
    import math

    if not secret:
        return 0.0
    alphabet = 0
    for chars, size in ((str.islower, 26), (str.isupper, 26), (str.isdigit, 10)):
        if any(chars(c) for c in secret):
            alphabet += size
    if any(not c.isalnum() for c in secret):
        alphabet += 33
    if any(ord(c) > 127 for c in secret):
        alphabet += 128
    distinct = len(set(secret))
    per_char = math.log2(max(2, min(alphabet, distinct * 4)))
    return min(len(secret.encode("utf-8")) * 8.0, len(secret) * per_char, distinct * 8.0 * 4)


def weak_secret(secret: str) -> str | None:
    """Why a secret is unfit for production, or None when it will do."""
    if secret.startswith("development-only") or secret.strip().lower() in PLACEHOLDER_SECRETS:
        return "it is a known default"
    if len(secret.encode("utf-8")) < 32:
        return f"it has {len(secret.encode('utf-8'))} bytes; at least 32 random bytes are needed"
    if secret_entropy_bits(secret) < MIN_SECRET_ENTROPY_BITS * 0.75:
        return "it is not random enough (too few different characters)"
    return None


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TYOKIELI_", env_file=None, extra="ignore")

    environment: Literal["development", "production", "test"] = "development"
    data_dir: Path = Path("./data")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default: SQLite file tyokieli.db in DATA_DIR (WAL mode)"
    )
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    # How long an idle HTTP connection stays open. Learners think for seconds between turns; with
    # uvicorn's 5 s a connection closed at the moment the next turn is sent fails as a reset. Keep
    # it longer than a load balancer's own idle timeout (nginx 60 s), so that the balancer closes first.
    keep_alive_s: int = Field(default=75, ge=1, le=3600)
    # One line per request (client address, method, path without its query, status). Off by
    # default: addresses are personal data, and a reverse proxy usually logs requests already.
    access_log: bool = False
    max_text_chars: int = Field(default=200_000, ge=1)
    max_upload_bytes: int = Field(default=5 * 1024 * 1024, ge=1)

    # Finnish analysis
    analyser: Literal["spacy", "fake"] = "spacy"
    spacy_model: str = "spacy_fi_experimental_web_md"
    analysis_cache_size: int = Field(default=2048, ge=0)

    # Retrieval: empty embedder_model = the locally built floret model in DATA_DIR/models
    embedder_model: str = ""
    index_dir: Path | None = None

    # Conversation partner and LLM (OpenAI-compatible endpoint)
    partner: Literal["scripted", "llm"] = "scripted"
    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("TYOKIELI_LLM_API_KEY", "OPENAI_API_KEY")
    )
    llm_model: str = "gpt-4o-mini"
    llm_timeout_s: float = Field(default=20.0, gt=0)
    llm_max_retries: int = Field(default=2, ge=0, le=5)
    transcription_model: str | None = None

    # Speech
    espeak_voice: str = "fi"
    # Vocabulary practice: new cards a learner meets a day
    vocabulary_new_per_day: int = Field(default=10, ge=0, le=200)

    # Security
    token_ttl_days: int = Field(default=90, ge=1)
    cors_origins: list[str] = Field(default_factory=list)
    session_secret: SecretStr = SecretStr("development-only-session-secret")
    log_learner_text: bool = False
    # Rate limits, counted in the database so every worker shares them (see service/ratelimit.py); 0 = off
    rate_limit_per_minute: int = Field(default=60, ge=0, description="Per token and expensive endpoint")
    sign_in_attempts_per_minute: int = Field(
        default=10, ge=0, description="Wrong UI passwords per account and address before the back-off starts"
    )
    # Addresses (or CIDR networks) of reverse proxies whose X-Forwarded-For is believed; none by default
    trusted_proxies: list[str] = Field(default_factory=list)
    # The bounded pool for CPU-heavy work (service/core/workers.py): threads, and jobs that may wait
    worker_threads: int = Field(default=2, ge=1, le=64)
    worker_queue: int = Field(default=16, ge=0, le=10_000)
    # Uploads: unpacked size of a .docx, paragraphs, PDF pages and parse time (422 above)
    max_unpacked_bytes: int = Field(default=20 * 1024 * 1024, ge=1)
    max_paragraphs: int = Field(default=20_000, ge=1)
    max_pdf_pages: int = Field(default=500, ge=1)
    max_parse_seconds: float = Field(default=20.0, gt=0)
    # UI sign-in sessions end after this many hours (and at once on revoke, password/role change, erase)
    ui_session_hours: int = Field(default=12, ge=1, le=24 * 30)

    @model_validator(mode="after")
    def _refuse_weak_secrets(self) -> Settings:
        if self.environment == "production":
            problem = weak_secret(self.session_secret.get_secret_value())
            if problem:
                raise ValueError(
                    f"TYOKIELI_SESSION_SECRET is not fit for production: {problem}. "
                    "Make one with: python -c 'import secrets; print(secrets.token_urlsafe(48))'"
                )
        return self

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url) or self.llm_api_key is not None

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'tyokieli.db').resolve()}"

    @property
    def resolved_index_dir(self) -> Path:
        return self.index_dir or (self.data_dir / "index")

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    def ensure_dirs(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.resolved_index_dir.mkdir(parents=True, exist_ok=True)
        self.models_dir.mkdir(parents=True, exist_ok=True)
