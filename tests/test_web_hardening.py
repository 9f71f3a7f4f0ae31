"""The web chat refuses what it must: files outside the app, uploads over the cap, and work
beyond a full queue (answered at once with a message, never left waiting)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("gradio")

import httpx  # noqa: E402

from assistant import api  # noqa: E402
from assistant.web import page as app  # noqa: E402

SECRET = "sk-cordial-FAKE-0123456789abcdef-dotenv"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def served(cordial_home, tmp_path, monkeypatch):
    """The app on loopback, started from a folder that holds a .env with a secret."""
    (tmp_path / ".env").write_text(f"OPENAI_API_KEY={SECRET}\n", encoding="utf-8")
    yield from _serve_from(tmp_path, monkeypatch, tmp_path)


def _serve_from(folder, monkeypatch, also):
    """The app on loopback started from `folder`: yields (its url, also), then closes it."""
    monkeypatch.chdir(folder)
    demo, url = app.launch_in_background({"backend": "composer"})
    try:
        yield url.rstrip("/"), also
    finally:
        demo.close()


@pytest.mark.parametrize(
    "path",
    [
        "/gradio_api/file=../../etc/passwd",
        "/gradio_api/file=..%2F..%2F..%2Fetc%2Fpasswd",
        "/gradio_api/file=/etc/passwd",
        "/gradio_api/file=.env",
        "/gradio_api/file={cwd}/.env",
        "/gradio_api/file=app.py",
        "/gradio_api/file=%2e%2e/%2e%2e/etc/passwd",
        "/file=../../etc/passwd",
        "/gradio_api/file/../../etc/passwd",
    ],
)
def test_files_outside_the_app_are_refused(served, path):
    url, cwd = served
    response = httpx.get(url + path.format(cwd=cwd), follow_redirects=True, timeout=10)
    assert response.status_code in (403, 404), (path, response.status_code)
    assert "root:" not in response.text and SECRET not in response.text


@pytest.fixture
def served_from_the_repo(cordial_home, monkeypatch):
    """The app as `make run` starts it: from the repository folder, with a settings file and a
    history database in CORDIAL_HOME."""
    from assistant import api

    (cordial_home / "cordial.toml").write_text('[me]\nname = "Sam Ortiz"\n', encoding="utf-8")
    api.draft_reply("Ana", note="Hi!", settings=api.Settings(backend="composer"))
    assert (cordial_home / "history.db").exists()
    yield from _serve_from(ROOT, monkeypatch, cordial_home)


@pytest.mark.parametrize(
    "path",
    [
        "app.py",
        "pyproject.toml",
        "assistant/settings.py",
        "prompts/letdown.yaml",
        "{root}/app.py",
        "{home}/history.db",
        "{home}/cordial.toml",
        "../{home_name}/history.db",
    ],
)
def test_the_apps_own_files_settings_and_history_are_refused(served_from_the_repo, path):
    url, home = served_from_the_repo
    target = path.format(root=ROOT, home=home, home_name=home.name)
    response = httpx.get(f"{url}/gradio_api/file={target}", follow_redirects=True, timeout=10)
    assert response.status_code in (403, 404), (target, response.status_code)
    assert "Sam Ortiz" not in response.text and "SQLite format" not in response.text
    assert "def " not in response.text and "[project]" not in response.text


def test_an_upload_over_the_cap_is_refused(served):
    url, _ = served
    too_big = b"x" * ((app.MAX_UPLOAD_MB << 20) + 1024)
    response = httpx.post(
        url + "/gradio_api/upload",
        files={"files": ("Invitations.csv", too_big, "text/csv")},
        timeout=60,
    )
    assert response.status_code == 413
    assert "File size exceeded" in response.text
    small = httpx.post(
        url + "/gradio_api/upload",
        files={"files": ("Invitations.csv", b"From,To\n", "text/csv")},
        timeout=60,
    )
    assert small.status_code == 200
    # The file route itself works: the app's own uploads are served, nothing else.
    (uploaded,) = small.json()
    assert httpx.get(f"{url}/gradio_api/file={uploaded}", timeout=10).text == "From,To\n"


def test_a_full_queue_answers_with_a_message(cordial_home, monkeypatch):
    from gradio_client import Client

    release = threading.Event()

    def slow_suggestion(*args, **kwargs):
        release.wait(30)  # holds its worker until the test lets go
        raise RuntimeError("released")

    # One worker and room for one waiting job: the third and later jobs find the queue full.
    monkeypatch.setattr(app, "CONCURRENCY", 1)
    monkeypatch.setattr(app, "QUEUE_SIZE", 1)
    monkeypatch.setattr(api, "choose_situation", slow_suggestion)
    demo, url = app.launch_in_background({"backend": "composer"})
    try:
        client = Client(url, verbose=False)
        jobs = [client.submit("hi", 1, False, api_name="/suggest") for _ in range(5)]
        # The jobs reach the server in any order: one runs, one waits, the rest are refused.
        # The refused ones finish at once while the running one still holds the only worker.
        deadline = time.monotonic() + 20
        while sum(job.done() for job in jobs) < 3 and time.monotonic() < deadline:
            time.sleep(0.1)
        refused = []
        for job in (j for j in jobs if j.done()):
            with pytest.raises(Exception) as info:
                job.result(timeout=1)
            refused.append(repr(info.value))
        assert len(refused) >= 3, refused
        assert all("Queue is full" in message for message in refused), refused
    finally:
        release.set()
        demo.close()
