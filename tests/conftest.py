"""Shared test set-up: every test gets its own CORDIAL_HOME so nothing touches ~/.cordial."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def cordial_home(tmp_path, monkeypatch):
    """A private settings home; OPENAI_API_KEY from the developer's shell is hidden."""
    home = tmp_path / "cordial-home"
    home.mkdir()
    monkeypatch.setenv("CORDIAL_HOME", str(home))
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("CORDIAL_API_KEY", raising=False)
    monkeypatch.delenv("CORDIAL_BACKEND", raising=False)
    return home
