"""The one Settings model: defaults < TOML file < .env < environment < explicit arguments."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from assistant.choices import ACCOUNTS, Account  # noqa: F401 - re-exported
from assistant.resources import default_home

# The model each built-in writer uses unless `model` names one; a writer without an entry (the
# composer, a plugin's) reports its own name.
DEFAULT_MODELS = {
    "local": "qwen2.5-coder-1.5b-instruct-q4_k_m",
    "openai": "gpt-4o-mini",
}


# Caps on every free-text field, enforced before any model call (the requests use them too).
MAX_NAME_CHARS = 200
MAX_FIELD_CHARS = 2_000


class Profile(BaseModel):
    """The sender's own profile, used to say who they are."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field("", max_length=MAX_NAME_CHARS)
    headline: str = Field("", max_length=MAX_FIELD_CHARS)
    about: str = Field("", max_length=MAX_FIELD_CHARS, description="one line about them")


class LintConfig(BaseModel):
    """Per-rule switches: ids or prefixes such as 'style' or 'invite.flattery'."""

    model_config = ConfigDict(extra="forbid")

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)


class Settings(BaseSettings):
    """Cordial's effective settings."""

    model_config = SettingsConfigDict(
        env_prefix="CORDIAL_",
        env_nested_delimiter="__",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
        # A validation error names the setting but never repeats its value: it may be the key.
        hide_input_in_errors=True,
    )

    backend: str = Field(
        "local", description="who writes: a registered writer's name (see assistant.writers)"
    )
    model: str = Field("", description="model name; empty means the backend's default")
    base_url: str | None = Field(None, description="an OpenAI-compatible server, e.g. Ollama")
    api_key: SecretStr | None = Field(
        None, validation_alias=AliasChoices("api_key", "CORDIAL_API_KEY", "OPENAI_API_KEY")
    )
    timeout_s: float = Field(60.0, gt=0, le=600)
    max_retries: int = Field(2, ge=0, le=2, description="retries after the first attempt")
    temperature: float = Field(0.7, ge=0, le=2)
    seed: int | None = Field(None, description="sampling seed, for repeatable runs (evals)")
    draft_budget_s: float = Field(
        8.0, gt=0, le=600, description="no new model sample starts after this; then the composer"
    )
    keep_warm: bool = Field(
        True, description="share one warm embedded model server across runs (draft serve)"
    )
    speculative: Literal["none", "ngram"] = Field(
        "none",
        description="the embedded model's speculative decoding: 'ngram' drafts tokens by "
        "prompt look-up (llama.cpp's ngram-simple); off by default, it was slower on a 2-core "
        "CPU (benchmarks/cli_latency.py --speculative none,ngram)",
    )
    account: Account = "premium"
    notes_per_month: int = Field(5, ge=0, description="free-account personalised notes a month")
    me: Profile = Field(default_factory=Profile)
    home: Path = Field(default_factory=default_home)
    export: Path | None = Field(
        None,
        description="your data export (the zip, its folder or Connections.csv): before an "
        "invitation is drafted, Cordial says if the person is already a connection or has "
        "your invitation pending",
    )
    lint: LintConfig = Field(default_factory=LintConfig)

    @property
    def model_name(self) -> str:
        """The model in use: the explicit one, or the backend's default."""
        return self.model or DEFAULT_MODELS.get(self.backend, self.backend)

    @property
    def settings_file(self) -> Path:
        """The TOML settings file."""
        return self.home / "cordial.toml"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Add $CORDIAL_HOME/cordial.toml below the environment and .env."""
        toml = TomlConfigSettingsSource(settings_cls, toml_file=default_home() / "cordial.toml")
        return init_settings, env_settings, dotenv_settings, toml

    def public_dict(self) -> dict[str, Any]:
        """The settings as plain data with the API key masked."""
        data = self.model_dump(mode="json")
        # Never show any part of the key: even a suffix helps an attacker match leaks.
        data["api_key"] = "********" if self.api_key else None
        data["model"] = self.model_name
        return data
