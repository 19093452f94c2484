"""The one settings object. Every value comes from a TYOKIELI_* environment variable or its default.

Nothing here is read at import time by other modules: `create_app(settings)` and the CLI build
a `Settings` and hand it down.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = {"changeme", "change-me", "secret", "please-change"}


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
    sign_in_attempts_per_minute: int = Field(default=10, ge=0, description="UI sign-in attempts per address")

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> Settings:
        if self.environment == "production":
            secret = self.session_secret.get_secret_value()
            if secret.startswith("development-only") or secret.lower() in PLACEHOLDER_SECRETS:
                raise ValueError("TYOKIELI_SESSION_SECRET must be set to a real secret in production")
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
