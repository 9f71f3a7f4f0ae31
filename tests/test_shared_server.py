"""The shared warm model server: its state file is trusted only after checks, clients reuse it,
and `draft serve` writes, touches and removes that file. The model-marked tests run the real
embedded server in a background process, as `draft` starts it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.backends import local_server, shared_server
from assistant.errors import BackendError
from assistant.settings import Settings
from assistant.writers import writer_for

KEY = "the-servers-own-key"
MODEL = Settings(backend="local").model_name


class _LlamaLike:
    """A loopback server that answers the way llama.cpp's does to the checks (or, `foreign`,
    the way any server that does not ask for a key does)."""

    def __init__(self, *, foreign: bool = False) -> None:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                """Quiet."""

            def _answer(self) -> None:
                outer.paths.append(self.path)  # before answering: the client reads it next
                authorised = self.headers.get("Authorization") == f"Bearer {KEY}"
                public = self.path == "/health"
                status = 200 if foreign or public or authorised else 401
                body = outer.metrics.encode() if self.path == "/metrics" else b'{"ok": true}'
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer  # noqa: N815 - stdlib names

        self.paths: list[str] = []
        self.metrics = "llamacpp:prompt_tokens_total 0\nllamacpp:requests_processing 0"
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        self.base_url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@pytest.fixture
def llama_like():
    server = _LlamaLike()
    yield server
    server.close()


def _write_state(home: Path, mode: int = 0o600, **fields: Any) -> Path:
    state = {"version": 1, "pid": os.getpid(), "base_url": "http://127.0.0.1:9/v1",
             "key": KEY, "model": MODEL, "started": 1.0, **fields}
    path = shared_server.state_path(home)
    path.write_text(json.dumps(state))
    os.chmod(path, mode)
    return path


def _warm(home: Path) -> Settings:
    return Settings(backend="local", home=home, keep_warm=True)


@pytest.fixture(autouse=True)
def no_server_in_this_process(monkeypatch):
    """A process that runs its own embedded server keeps using it; these tests are about one
    that does not (the model tests before them may have left one running)."""
    monkeypatch.setattr(local_server, "current_base_url", lambda: None)


def test_a_checked_state_file_gives_the_endpoint_and_is_touched(cordial_home, llama_like):
    path = _write_state(cordial_home, base_url=llama_like.base_url)
    os.utime(path, (1, 1))
    endpoint = shared_server.find(_warm(cordial_home))
    assert endpoint is not None
    assert (endpoint.base_url, endpoint.api_key, endpoint.pid) == (
        llama_like.base_url, KEY, os.getpid())
    assert path.stat().st_mtime > 1  # the server's idle clock was reset
    assert "key" not in endpoint.public()


@pytest.mark.parametrize(
    ("why", "fields", "mode"),
    [
        ("readable by others", {}, 0o644),
        ("a dead process", {"pid": 2**22 + 12345}, 0o600),
        ("no pid", {"pid": None}, 0o600),
        ("another model", {"model": "some-other-model"}, 0o600),
        ("an older format", {"version": 0}, 0o600),
        ("not loopback", {"base_url": "http://192.0.2.1:8080/v1"}, 0o600),
        ("a wrong key", {"key": "a-guessed-key"}, 0o600),
        ("nothing listening", {"base_url": "http://127.0.0.1:9/v1"}, 0o600),
    ],
)
def test_a_state_file_that_fails_a_check_is_not_trusted(cordial_home, llama_like, why, fields,
                                                        mode):
    _write_state(cordial_home, mode=mode, **{"base_url": llama_like.base_url, **fields})
    assert shared_server.find(_warm(cordial_home)) is None, why


def test_garbage_and_symlinked_state_files_are_not_trusted(cordial_home, tmp_path, llama_like):
    path = shared_server.state_path(cordial_home)
    path.write_text("{not json")
    os.chmod(path, 0o600)
    assert shared_server.find(_warm(cordial_home)) is None
    path.unlink()
    elsewhere = _write_state(tmp_path, base_url=llama_like.base_url)
    path.symlink_to(elsewhere)
    assert shared_server.find(_warm(cordial_home)) is None


def test_a_foreign_server_on_the_port_is_never_sent_the_key(cordial_home):
    """A server that answers without a key (not ours: something else took the port) fails the
    check before any request carries the key."""
    foreign = _LlamaLike(foreign=True)
    try:
        _write_state(cordial_home, base_url=foreign.base_url)
        assert shared_server.find(_warm(cordial_home)) is None
        assert foreign.paths == ["/health", "/tokenize"]  # the keyless probe, then no more
    finally:
        foreign.close()


def test_the_chat_model_uses_the_shared_server_when_one_runs(cordial_home, llama_like,
                                                             monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("no in-process server when a shared one runs")

    monkeypatch.setattr(local_server, "ensure_server", refuse)
    _write_state(cordial_home, base_url=llama_like.base_url)
    model = writer_for(_warm(cordial_home)).chat_model()
    assert model.openai_api_base == llama_like.base_url
    assert model.openai_api_key.get_secret_value() == KEY


def test_keep_warm_off_runs_the_model_in_process(cordial_home, llama_like, monkeypatch):
    monkeypatch.setattr(local_server, "ensure_server", lambda settings: "http://127.0.0.1:7/v1")
    monkeypatch.setattr(local_server, "api_key", lambda: "in-process-key")
    _write_state(cordial_home, base_url=llama_like.base_url)
    settings = Settings(backend="local", home=cordial_home, keep_warm=False)
    assert writer_for(settings).chat_model().openai_api_base == "http://127.0.0.1:7/v1"


def test_a_shared_server_that_fails_to_start_falls_back_to_the_process(cordial_home,
                                                                       monkeypatch, caplog):
    monkeypatch.setattr(local_server, "ensure_server", lambda settings: "http://127.0.0.1:7/v1")
    monkeypatch.setattr(local_server, "api_key", lambda: "in-process-key")
    monkeypatch.setattr(shared_server, "_start_on_first_use", True)

    def fail(settings: Settings) -> shared_server.Endpoint:
        raise BackendError("the shared model server exited (status 1): boom", "see the log")

    monkeypatch.setattr(shared_server, "start_background", fail)
    assert shared_server.local_endpoint(_warm(cordial_home)) == (
        "http://127.0.0.1:7/v1", "in-process-key")
    assert "running the model in this process instead" in caplog.text


@pytest.fixture
def serving(cordial_home, llama_like, monkeypatch):
    """serve() in a thread over the llama-like server instead of the real model."""
    monkeypatch.setattr(shared_server, "POLL_S", 0.05)
    monkeypatch.setattr(local_server, "ensure_server",
                        lambda settings, slot_save_path=None: llama_like.base_url)
    monkeypatch.setattr(local_server, "api_key", lambda: KEY)
    stopped = []
    monkeypatch.setattr(local_server, "stop_server", lambda: stopped.append(True))

    def start(idle_s: float | None = None) -> tuple[threading.Thread, threading.Event]:
        stop = threading.Event()
        ready = threading.Event()
        thread = threading.Thread(target=shared_server.serve, args=(_warm(cordial_home),),
                                  kwargs={"idle_s": idle_s, "stop": stop,
                                          "on_ready": lambda *_: ready.set()}, daemon=True)
        thread.start()
        assert ready.wait(10)
        return thread, stop

    start.stopped = stopped  # type: ignore[attr-defined]
    return start


def test_serve_writes_a_private_state_file_and_removes_it_when_stopped(cordial_home, serving):
    thread, stop = serving()
    path = shared_server.state_path(cordial_home)
    assert path.stat().st_mode & 0o777 == 0o600
    state = json.loads(path.read_text())
    assert state["pid"] == os.getpid() and state["key"] == KEY and state["model"] == MODEL
    assert shared_server.running(cordial_home) is not None
    with pytest.raises(BackendError, match="already runs"):
        shared_server.serve(_warm(cordial_home))
    stop.set()
    thread.join(5)
    assert not thread.is_alive() and not path.exists() and serving.stopped


def test_serve_exits_when_idle_and_when_replaced(cordial_home, serving):
    thread, _ = serving(idle_s=0.3)
    thread.join(5)
    assert not thread.is_alive() and not shared_server.state_path(cordial_home).exists()

    thread, _ = serving()
    _write_state(cordial_home, pid=os.getppid())  # another server took over the file
    thread.join(5)
    assert not thread.is_alive()
    assert json.loads(shared_server.state_path(cordial_home).read_text())["pid"] == os.getppid()


def test_a_client_that_keeps_its_connection_keeps_the_server_awake(cordial_home, serving,
                                                                   llama_like):
    """The web chat touches the state file once; the server's own counters show it working."""
    thread, _ = serving(idle_s=0.5)
    for n in range(1, 16):  # 1.5 s of use, three times the idle time
        llama_like.metrics = f"llamacpp:prompt_tokens_total {n}\nllamacpp:requests_processing 0"
        time.sleep(0.1)
    assert thread.is_alive()
    thread.join(5)  # then nothing changes, and it exits
    assert not thread.is_alive()


# ---------------------------------------------------------------------------------------------
# The real embedded server, started in the background the way `draft` starts it


@pytest.fixture
def shared_home(tmp_path, model_home):
    """A home with the test machine's model file linked in, and a shared server stopped at the
    end whatever happens."""
    home = tmp_path / "shared-home"
    (home / "models").mkdir(parents=True)
    for item in (model_home / "models").iterdir():
        (home / "models" / item.name).symlink_to(item)
    settings = Settings(backend="local", home=home, keep_warm=True, timeout_s=300)
    yield settings
    shared_server.stop_running(settings)


@pytest.mark.model
def test_the_background_server_is_shared_hardened_and_keeps_its_cache(shared_home, monkeypatch):
    settings = shared_home
    endpoint = shared_server.start_background(settings)
    root = endpoint.base_url.removesuffix("/v1")
    with httpx.Client(trust_env=False, timeout=60) as client:
        auth = {"Authorization": f"Bearer {endpoint.api_key}"}
        chat = {"model": settings.model_name, "max_tokens": 2,
                "messages": [{"role": "user", "content": "hi"}]}
        assert client.post(f"{endpoint.base_url}/chat/completions", json=chat).status_code == 401
        assert client.get(f"{endpoint.base_url}/models").status_code == 401
        assert client.get(f"{endpoint.base_url}/models", headers=auth).status_code == 200
        assert client.get(f"{root}/slots", headers=auth).status_code != 200
        assert client.get(f"{root}/metrics").status_code == 401
        evil = client.options(f"{endpoint.base_url}/chat/completions",
                              headers={"Origin": "http://evil.example",
                                       "Access-Control-Request-Method": "POST"})
        assert evil.headers.get("access-control-allow-origin") != "http://evil.example"
    assert shared_server.state_path(settings.home).stat().st_mode & 0o777 == 0o600

    # Another process, the CLI, drafts on it without starting a server of its own.
    env = {**os.environ, "CORDIAL_HOME": str(settings.home), "CORDIAL_KEEP_WARM": "1",
           "CORDIAL_TIMEOUT_S": "300"}
    draft = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "invite", "--to", "Priya Nair",
         "--context", "heard your podcast episode on Kubernetes", "--ask", "a short chat",
         "--from-name", "Sam", "--from-headline", "SRE at Fintrail", "--json"],
        capture_output=True, text=True, timeout=600, env=env, check=False)
    assert draft.returncode in (0, 4), draft.stderr
    drafted = json.loads(draft.stdout)
    # The shared server answered; whether the gate kept its text or the composer wrote the
    # draft after turned-down samples depends on how this machine samples, so either counts.
    assert drafted["backend"] in ("local", "local+composer"), drafted
    assert drafted["usage"]["model_calls"] >= 1, drafted
    assert shared_server.running(settings.home).pid == endpoint.pid

    stopped = shared_server.stop_running(settings)
    assert stopped is not None and stopped.pid == endpoint.pid
    assert not shared_server.state_path(settings.home).exists()
    saved = list((settings.home / shared_server.KV_DIR).glob("*.slot0.bin"))
    assert saved and saved[0].stat().st_size > 0  # the prompt cache survives the restart

    again = shared_server.start_background(settings)
    assert again.pid != endpoint.pid
    log = (settings.home / shared_server.LOG_FILE).read_text()
    assert log.count("its saved prompt cache restored") == 1


# ---------------------------------------------------------------------------------------------
# The draft service `draft serve` offers beside the model server


def _composer_job(job: dict) -> dict:
    """The service's own drafting, on the composer so no model is needed."""
    from assistant.serving.draft_service import run_job

    return run_job(job, backend="composer")


@pytest.fixture
def draft_service():
    from assistant.serving.draft_service import DraftService

    jobs: list[dict] = []

    def run(job: dict) -> dict:
        jobs.append(job)
        return _composer_job(job)

    service = DraftService(run).start()
    service.jobs = jobs  # type: ignore[attr-defined]
    yield service
    service.close()


def test_the_draft_service_answers_only_with_its_key(draft_service):
    from assistant.serving.draft_service import MAX_BODY

    with httpx.Client(trust_env=False, timeout=30) as client:
        assert client.post(draft_service.url, json={"kind": "invite"}).status_code == 401
        wrong = {"Authorization": "Bearer not-the-key"}
        assert client.post(draft_service.url, json={}, headers=wrong).status_code == 401
        auth = {"Authorization": f"Bearer {draft_service.key}"}
        other_path = draft_service.url.replace("/draft", "/other")
        assert client.post(other_path, json={}, headers=auth).status_code == 400
        huge = {"kind": "invite", "pad": "x" * MAX_BODY}
        assert client.post(draft_service.url, json=huge, headers=auth).status_code == 400
        assert client.post(draft_service.url, json={"kind": "invite"},
                           headers=auth).status_code == 422  # no request: the caller drafts
    assert draft_service.jobs == [{"kind": "invite"}]


def test_draft_invite_sends_its_checked_request_to_the_warm_process(
        cordial_home, llama_like, draft_service, monkeypatch, capsys):
    from assistant.cli import main

    def refuse(*_args, **_kwargs):
        raise AssertionError("the CLI must not build a model client when the service drafts")

    monkeypatch.setattr(local_server, "ensure_server", refuse)
    monkeypatch.setattr("assistant.backends.chat_models.chat_openai", refuse)
    monkeypatch.setenv("CORDIAL_KEEP_WARM", "1")
    _write_state(cordial_home, base_url=llama_like.base_url,
                 services={"drafts": draft_service.public()})
    main(["invite", "--to", "Priya Nair", "--context", "heard your podcast on Kubernetes",
          "--ask", "how you handled on-call", "--from-name", "Sam", "--json"])  # exits 0: returns
    draft = json.loads(capsys.readouterr().out)
    assert draft["text"].startswith("Hi Priya") and draft["backend"] == "composer"
    [job] = draft_service.jobs
    assert job["kind"] == "invite" and job["request"]["recipient"]["name"] == "Priya Nair"
    assert "api_key" not in job["settings"]


def test_a_job_cannot_send_the_server_to_another_model_server(cordial_home, monkeypatch):
    """The service drafts on its own backend and home, whatever the job's settings say."""
    from assistant import api
    from assistant.serving.draft_service import run_job

    seen = {}
    real = api.draft_invitation

    def draft(request, *, variants, settings):
        seen.update(backend=settings.backend, base_url=settings.base_url, home=settings.home)
        return real(request, variants=variants,
                    settings=settings.model_copy(update={"backend": "composer"}))

    monkeypatch.setattr(api, "draft_invitation", draft)
    job = {"kind": "invite", "variants": 1,
           "request": {"recipient": {"name": "Ana"}, "context": "your talk"},
           "settings": {"backend": "openai", "base_url": "http://evil.example/v1",
                        "home": "/tmp/elsewhere"}}
    run_job(job)
    assert seen == {"backend": "local", "base_url": None, "home": cordial_home}


def test_no_draft_service_means_drafting_in_this_process(cordial_home, llama_like):
    from assistant.requests import InviteRequest
    from assistant.serving.draft_service import draft_remotely

    request = InviteRequest(recipient={"name": "Ana"}, context="your talk")
    settings = _warm(cordial_home)
    _write_state(cordial_home, base_url=llama_like.base_url)  # an older server: no service
    assert draft_remotely("invite", request, 1, settings) is None
    gone = {"url": "http://127.0.0.1:9/cordial/v1/draft", "key": "k"}  # nothing listening
    _write_state(cordial_home, base_url=llama_like.base_url, services={"drafts": gone})
    assert draft_remotely("invite", request, 1, settings) is None
    far = {"url": "http://192.0.2.1:80/cordial/v1/draft", "key": "k"}  # never off the machine
    _write_state(cordial_home, base_url=llama_like.base_url, services={"drafts": far})
    assert draft_remotely("invite", request, 1, settings) is None


def test_draft_serve_status_and_stop(cordial_home, llama_like):
    """`draft serve --status` shows the checked server without its key; `--stop` ends it."""
    from click.testing import CliRunner

    from assistant.cli import cli

    runner = CliRunner()
    assert runner.invoke(cli, ["serve", "--status"]).output == (
        "no shared model server is running\n"
    )
    server = subprocess.Popen(["sleep", "60"])  # stands in for the serving process
    try:
        _write_state(cordial_home, base_url=llama_like.base_url, pid=server.pid)
        status = runner.invoke(cli, ["serve", "--status"])
        assert status.exit_code == 0, status.output
        info = json.loads(status.output)
        assert info["pid"] == server.pid and info["model"] == MODEL and info["idle_s"] >= 0
        assert KEY not in status.output

        stopped = runner.invoke(cli, ["serve", "--stop"])
        assert stopped.output == f"stopped the shared model server (pid {server.pid})\n"
        with pytest.raises(ProcessLookupError):  # ended (and reaped by --stop, its parent)
            os.kill(server.pid, 0)
    finally:
        server.kill()
        server.wait()
    assert runner.invoke(cli, ["serve", "--stop"]).output == "no shared model server is running\n"
