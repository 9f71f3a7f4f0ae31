"""Settings: environment, .env and TOML sources, the OpenAI key alias, and masking."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from assistant.settings import Settings


def test_defaults(cordial_home):
    s = Settings()
    assert s.backend == "local" and s.account == "premium"
    assert s.home == cordial_home and s.settings_file == cordial_home / "cordial.toml"
    assert s.model_name == "qwen2.5-coder-1.5b-instruct-q4_k_m"
    assert s.timeout_s > 0 and 0 <= s.max_retries <= 2


def test_toml_file_then_environment(cordial_home, monkeypatch):
    (cordial_home / "cordial.toml").write_text(
        'backend = "composer"\naccount = "free"\n[me]\nname = "Zoë Ó Briain"\n'
        '[lint]\nignore = ["style"]\n',
        encoding="utf-8",
    )
    s = Settings()
    assert (s.backend, s.account, s.me.name, s.lint.ignore) == (
        "composer",
        "free",
        "Zoë Ó Briain",
        ["style"],
    )
    monkeypatch.setenv("CORDIAL_ACCOUNT", "premium")
    monkeypatch.setenv("CORDIAL_ME__HEADLINE", "Illustrator")
    s = Settings()
    assert s.account == "premium" and s.me.headline == "Illustrator" and s.me.name == "Zoë Ó Briain"


def test_openai_api_key_is_honoured_and_masked(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-0123456789abcdef")
    s = Settings()
    assert s.api_key.get_secret_value() == "sk-test-0123456789abcdef"
    shown = json.dumps(s.public_dict()) + repr(s) + str(s)
    assert "0123456789" not in shown and "sk-test" not in shown


def test_cordial_key_wins_over_openai_key(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai-aaaaaaaaaaaa")
    monkeypatch.setenv("CORDIAL_API_KEY", "sk-cordial-bbbbbbbbbbbb")
    assert Settings().api_key.get_secret_value() == "sk-cordial-bbbbbbbbbbbb"


@pytest.mark.parametrize(
    ("field", "value"),
    # An unknown backend is refused by the writers' registry when a draft is asked for
    # (tests/test_writers.py): writers can be registered after the settings are read.
    [("account", "gold"), ("timeout_s", 0), ("max_retries", 5)],
)
def test_bad_values_are_refused(field, value):
    with pytest.raises(ValidationError):
        Settings(**{field: value})
