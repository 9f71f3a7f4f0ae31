"""Shared test set-up: every test gets its own CORDIAL_HOME so nothing touches ~/.cordial."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from assistant.backends import local_server
from assistant.backends.model_files import ensure_model
from assistant.settings import Settings

# In CI the property and fuzz tests run the same examples every time, so a red build means a
# change broke something, not that a new random example turned up (run them locally to explore).
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def cordial_home(tmp_path, monkeypatch):
    """A private settings home; OPENAI_API_KEY from the developer's shell is hidden, and no
    shared model server is started."""
    home = tmp_path / "cordial-home"
    home.mkdir()
    monkeypatch.setenv("CORDIAL_HOME", str(home))
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("CORDIAL_API_KEY", raising=False)
    monkeypatch.delenv("CORDIAL_BACKEND", raising=False)
    monkeypatch.delenv("CORDIAL_EXPORT", raising=False)
    # No test leaves a shared model server running in the background; its own tests opt in.
    monkeypatch.setenv("CORDIAL_KEEP_WARM", "0")
    return home


@pytest.fixture(scope="session")
def model_home() -> Path:
    """A home shared across runs so the 1.1 GB model is assembled once per machine."""
    home = Path(os.environ.get("CORDIAL_TEST_HOME") or Path.home() / ".cordial").expanduser()
    ensure_model(home)
    return home


@pytest.fixture(scope="session")
def stop_local_server_at_end():
    """Stop the embedded server when the session ends rather than at interpreter exit."""
    yield
    local_server.stop_server()


@pytest.fixture
def local_settings(model_home, stop_local_server_at_end) -> Settings:
    """Settings for the local backend on the shared model; generous timeout for slow CI."""
    return Settings(
        backend="local", home=model_home, timeout_s=300, max_retries=0, draft_budget_s=300
    )
