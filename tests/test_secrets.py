"""Issue 7, secrets: with a fake API key and debug logging on, the library, the CLI and the web
chat go through drafts, failures and exports, and the key shows up in no log line, repr,
traceback, history row, cache file, exported file or web page.

A fake OpenAI-compatible server on loopback checks that the key really was sent, so no test
here passes by never using it. Also: langchain-core is at least 1.2.5, and the history store
reads its rows as plain JSON, never with LangChain's loads."""

from __future__ import annotations

import ast
import importlib.metadata
import json
import logging
import os
import re
import secrets
import socket
import sqlite3
import string
import subprocess
import sys
import tomllib
import traceback
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fake_openai_server import FakeOpenAIServer
from packaging.requirements import Requirement
from packaging.version import Version
from pydantic import ValidationError
from sample_export import make_export_zip

from assistant import api
from assistant.drafting.pipeline import Drafter
from assistant.errors import CordialError
from assistant.settings import Settings
from assistant.store import History

ROOT = Path(__file__).resolve().parents[1]

# Random per run, and distinctive: any 8 characters of the random part found anywhere is a leak.
KEY_RANDOM = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(40))
KEY = f"sk-cordial-FAKE-{KEY_RANDOM}"
# The partial forms servers and SDKs echo: the key's first 8 characters, or its last 4 after
# stars or dots ("sk-****wxyz", "sk-...wxyz").
PARTIAL = re.compile(rf"{re.escape(KEY[:8])}|[*.…]{re.escape(KEY[-4:])}(?![A-Za-z0-9])")

LOGGERS = (
    "assistant",
    "openai",
    "httpx",
    "httpx2",
    "httpcore",
    "httpcore2",
    "langchain",
    "langchain_core",
    "langchain_openai",
    "gradio",
    "uvicorn",
)

REPLY = {"note": "Hi, let's connect!", "situation": "letdown"}
INVITE = {
    "to_headline": "VP Data at Globex",
    "context": "saw her DataConf talk on streaming",
    "ask": "15 minutes of advice",
    "relationship": "stranger",
}
PLAIN_REQUEST = (
    "I want to connect with Jordan Lee, VP Data at Globex; I saw her DataConf talk on "
    "streaming and would like 15 minutes of advice"
)
EXTRACTED = {
    "mode": "invite",
    "recipient_name": "Jordan Lee",
    "recipient_headline": "VP Data at Globex",
    "relationship": "stranger",
    "context": "saw her DataConf talk on streaming",
    "ask": "15 minutes of advice",
}
FAILURES = ["401", "429", "drop-stream", "unreachable"]


# -- finding the key ---------------------------------------------------------------------------


def leaks(text: str | bytes) -> list[str]:
    """Every trace of the key in the text: any 8 characters of its random part (so the whole
    key too), its first 8 characters, or its last 4 as a masked echo."""
    if isinstance(text, bytes):
        text = text.decode("latin-1")  # byte for byte: the key is ASCII in any UTF-8 file
    found = [m.group() for m in PARTIAL.finditer(text)]
    windows = (KEY_RANDOM[i : i + 8] for i in range(len(KEY_RANDOM) - 7))
    return found + [w for w in windows if w in text]


def assert_key_free(text: str | bytes, where: str) -> None:
    """Fail naming where the key showed up."""
    found = leaks(text)
    assert not found, f"the API key leaks in {where}: {found[:3]}"


def assert_home_key_free(home: Path) -> dict[str, bytes]:
    """Every file under CORDIAL_HOME (history.db and any -wal/-shm, the eval cache, ...),
    read as raw bytes; returns them so a test can check they hold what it saved."""
    files = {str(p.relative_to(home)): p.read_bytes() for p in home.rglob("*") if p.is_file()}
    for name, data in files.items():
        assert_key_free(data, f"$CORDIAL_HOME/{name}")
    return files


def assert_sent_the_key(server: FakeOpenAIServer) -> None:
    """The server saw the key, so the test really used it."""
    assert server.received, "the model server was never called"
    for request in server.received:
        headers = {k.lower(): v for k, v in request["headers"].items()}
        assert headers.get("authorization") == f"Bearer {KEY}"


def logged(caplog: pytest.LogCaptureFixture) -> str:
    """The log as a handler prints it (tracebacks included), and every record's raw fields."""
    return caplog.text + "\n".join(repr(vars(record)) for record in caplog.records)


def test_the_detector_finds_the_whole_key_and_partial_echoes():
    masked = "sk-" + "*" * 20 + KEY[-4:]
    for text in (KEY, KEY.encode(), f"{KEY[:20]}…", KEY_RANDOM[11:19], f"provided: {masked}."):
        assert leaks(text), text
    assert not leaks("the model server rejected the API key (HTTP 401): sk-***")


# -- fixtures and helpers ----------------------------------------------------------------------


@pytest.fixture
def debug_logs(caplog):
    """Every log record at DEBUG, from the root logger down."""
    for name in (None, *LOGGERS):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


@contextmanager
def model_server(mode: str, reply: str = "Hi") -> Iterator[tuple[str, FakeOpenAIServer | None]]:
    """A base URL for `mode`: a fake server, or a loopback port nothing listens on."""
    if mode == "unreachable":
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        yield f"http://127.0.0.1:{port}/v1", None
        return
    with FakeOpenAIServer(mode=mode, reply=reply) as server:
        yield server.base_url, server


def openai_settings(base_url: str, **extra) -> Settings:
    """The openai backend on the fake server with the fake key; no retries, to stay fast."""
    return Settings(backend="openai", api_key=KEY, base_url=base_url, max_retries=0, **extra)


def composer_text(kind: str) -> str:
    """The composer's note for the test request. It passes the lint gate, so a fake server
    answering with it gives a draft that keeps the model's text: the success path."""
    cfg = Settings(backend="composer")
    if kind == "reply":
        return api.draft_reply("Ana Silva", settings=cfg, save=False, **REPLY).text
    return api.draft_invitation("Jordan Lee", settings=cfg, save=False, **INVITE).text


# -- the library -------------------------------------------------------------------------------


def test_settings_never_show_the_key(monkeypatch):
    monkeypatch.setenv("CORDIAL_API_KEY", KEY)
    for settings in (Settings(), Settings(backend="openai", api_key=KEY)):
        assert settings.api_key.get_secret_value() == KEY
        for where, shown in {
            "repr": repr(settings),
            "str": str(settings),
            "model_dump": repr(settings.model_dump()),
            "model_dump(mode='json')": json.dumps(settings.model_dump(mode="json")),
            "model_dump_json": settings.model_dump_json(),
            "public_dict": json.dumps(settings.public_dict()),
            "model_copy": repr(settings.model_copy(update={"backend": "composer"})),
        }.items():
            assert_key_free(shown, f"Settings {where}")
    # The key in the wrong shape (a list from a TOML file): the error names the field only.
    with pytest.raises(ValidationError) as bad:
        Settings(api_key=[KEY])
    for shown in (str(bad.value), repr(bad.value), "".join(traceback.format_exception(bad.value))):
        assert_key_free(shown, "a Settings validation error")


def test_library_success_sends_the_key_and_shows_it_nowhere(cordial_home, debug_logs, capfd):
    with (
        FakeOpenAIServer(reply=composer_text("reply")) as for_reply,
        FakeOpenAIServer(reply=composer_text("invite")) as for_invite,
        FakeOpenAIServer(reply=json.dumps(EXTRACTED)) as for_extract,
    ):
        settings = openai_settings(for_reply.base_url)
        reply = api.draft_reply("Ana Silva", settings=settings, **REPLY)
        request = api.reply_request("Ana Silva", settings=settings, **REPLY)
        streamed = list(api.stream_reply(request, settings))[-1]
        invite = api.draft_invitation(
            "Jordan Lee", settings=openai_settings(for_invite.base_url), **INVITE
        )
        extracted = api.extract_request(PLAIN_REQUEST, openai_settings(for_extract.base_url))
        drafter = api.drafter_for(settings)
        model = drafter.writer.model()

    for server in (for_reply, for_invite, for_extract):
        assert_sent_the_key(server)
    assert not (reply.fallback or streamed.fallback or invite.fallback)
    assert extracted.source == "model"
    from langchain_core.load import dumps

    shown = {
        "drafts": "\n".join(d.model_dump_json() + repr(d) for d in (reply, streamed, invite)),
        "the extracted request": repr(extracted),
        "repr(Drafter)": repr(drafter),
        "the Drafter's fields": repr(vars(drafter)),
        "repr(chat model)": repr(model),
        "repr(bound chat model)": repr(model.bind(max_tokens=5)),
        "LangChain's serialisation of the chat model": dumps(model),
        "api.history()": json.dumps(api.history(settings=settings)),
        "the log": logged(debug_logs),
    }
    out = capfd.readouterr()
    shown["stdout"], shown["stderr"] = out.out, out.err
    for where, text in shown.items():
        assert_key_free(text, where)
    # Debug logging really was on: the SDK's and the HTTP client's records were captured.
    names = {record.name.split(".")[0] for record in debug_logs.records}
    assert {"openai", "httpcore2"} <= names or {"openai", "httpcore"} <= names, names
    files = assert_home_key_free(cordial_home)
    assert reply.text.encode() in b"".join(files.values())  # the history rows were read


@pytest.mark.parametrize("mode", FAILURES)
def test_library_failures_show_the_key_nowhere(mode, cordial_home, debug_logs, capfd):
    with model_server(mode) as (base_url, server):
        settings = openai_settings(base_url)
        draft = api.draft_reply("Ana Silva", settings=settings, **REPLY)
        extracted = api.extract_request(PLAIN_REQUEST, settings)
        # classify is the one model call that raises (triage stops asking after it fails):
        # its exception, repr and traceback are what a program using the library would log.
        with pytest.raises(CordialError) as failure:
            Drafter(settings).classify("Hi, let's connect!", ("genuine", "pitch"))
    if server is not None:
        assert_sent_the_key(server)
    assert draft.fallback and draft.backend_failed and extracted.source == "rules"
    shown = {
        "the fallback draft": draft.model_dump_json(),
        "the fallback reason": draft.fallback_reason or "",
        "str(exception)": str(failure.value),
        "repr(exception)": repr(failure.value),
        "the traceback": "".join(traceback.format_exception(failure.value)),
        "api.history()": json.dumps(api.history(settings=settings)),
        "the log": logged(debug_logs),
    }
    out = capfd.readouterr()
    shown["stdout"], shown["stderr"] = out.out, out.err
    for where, text in shown.items():
        assert_key_free(text, f"{where} ({mode})")
    assert_home_key_free(cordial_home)


# -- the CLI -----------------------------------------------------------------------------------

# `draft` as its console script runs it (the same main()), with every logger at DEBUG on
# stderr; OPENAI_LOG=debug in the environment adds the SDK's own handler.
DRAFT = [
    sys.executable,
    "-c",
    "import logging, sys\n"
    "logging.basicConfig(level=logging.DEBUG)\n"
    "from assistant.cli import main\n"
    "sys.argv[0] = 'draft'\n"
    "main()",
]


def draft(*args: str, cwd: Path, **env: str | None) -> subprocess.CompletedProcess:
    """Run `draft` with the fake key (env=None unsets a variable); cwd is a scratch folder so
    no developer's .env is read."""
    full_env = {
        **os.environ,
        "CORDIAL_API_KEY": KEY,
        "CORDIAL_MAX_RETRIES": "0",
        "OPENAI_LOG": "debug",
        "PYTHONPATH": str(ROOT),
        **env,
    }
    full_env = {name: value for name, value in full_env.items() if value is not None}
    return subprocess.run(
        [*DRAFT, *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=120
    )


def assert_run_key_free(run: subprocess.CompletedProcess, what: str) -> None:
    """Neither output of the run shows the key, and no traceback was printed."""
    assert_key_free(run.stdout, f"stdout of {what}")
    assert_key_free(run.stderr, f"stderr of {what}")
    assert "Traceback" not in run.stderr, run.stderr[-2000:]


def test_cli_drafts_failures_history_and_config_show_the_key_nowhere(cordial_home, tmp_path):
    reply_args = ["reply", "--from", "Ana Silva", "--note", REPLY["note"], "--situation"]
    reply_args += [REPLY["situation"], "--backend", "openai", "--json"]
    invite_args = ["invite", "--to", "Jordan Lee", "--to-headline", INVITE["to_headline"]]
    invite_args += ["--context", INVITE["context"], "--ask", INVITE["ask"], "--relationship"]
    invite_args += [INVITE["relationship"], "--backend", "openai", "--json"]
    # Each run costs two seconds of start-up: the library test goes through every failure,
    # here a success, a rejected key and a closed port cover both commands.
    runs = {}
    with (
        FakeOpenAIServer(reply=composer_text("reply")) as ok,
        FakeOpenAIServer(mode="401") as rejecting,
        model_server("unreachable") as (closed, _),
    ):
        runs["reply"] = draft(*reply_args, cwd=tmp_path, CORDIAL_BASE_URL=ok.base_url)
        runs["invite (401)"] = draft(
            *invite_args, cwd=tmp_path, CORDIAL_BASE_URL=rejecting.base_url
        )
        runs["reply (unreachable)"] = draft(*reply_args, cwd=tmp_path, CORDIAL_BASE_URL=closed)
    assert runs["reply"].returncode == 0, runs["reply"].stderr[-2000:]
    assert json.loads(runs["reply"].stdout)["fallback"] is False
    assert "openai._base_client" in runs["reply"].stderr  # debug logging really was on
    for what in ("invite (401)", "reply (unreachable)"):
        assert runs[what].returncode == 4, runs[what].stderr[-2000:]
    assert "rejected the API key" in runs["invite (401)"].stderr
    for server in (ok, rejecting):
        assert_sent_the_key(server)

    runs["config show"] = draft("config", "show", cwd=tmp_path)
    runs["config show --json"] = draft("config", "show", "--json", cwd=tmp_path)
    assert json.loads(runs["config show --json"].stdout)["api_key"] == "********"
    runs["history --json"] = draft("history", "--json", "--limit", "100", cwd=tmp_path)
    exported = tmp_path / "history.jsonl"
    exported.write_text(runs["history --json"].stdout, encoding="utf-8")
    assert len(exported.read_text(encoding="utf-8").splitlines()) == 3

    for what, run in runs.items():
        assert_run_key_free(run, f"draft {what}")
    assert_key_free(exported.read_bytes(), "the exported history")
    assert_home_key_free(cordial_home)


def test_cli_eval_reports_cache_and_triage_export_show_the_key_nowhere(cordial_home, tmp_path):
    report, junit = tmp_path / "eval.md", tmp_path / "eval.xml"
    triaged, zipped = tmp_path / "triage.csv", make_export_zip(tmp_path)
    with FakeOpenAIServer(reply=composer_text("reply")) as server:
        evaluated = draft(
            *["eval", "--backend", "openai", "--cases", "reply_letdown.yaml", "--tag", "smoke"],
            *["--report", str(report), "--junit", str(junit), "--json"],
            cwd=tmp_path,
            CORDIAL_BASE_URL=server.base_url,
        )
        triage = draft(
            *["triage", str(zipped), "--drafts", "--backend", "openai", "--out", str(triaged)],
            cwd=tmp_path,
            CORDIAL_BASE_URL=server.base_url,
        )
    assert_sent_the_key(server)
    assert json.loads(evaluated.stdout)["cases"], evaluated.stderr[-2000:]
    assert triage.returncode == 0, triage.stderr[-2000:]
    assert_run_key_free(evaluated, "draft eval")
    assert_run_key_free(triage, "draft triage")
    for path in (report, junit, triaged):
        assert_key_free(path.read_bytes(), path.name)
    files = assert_home_key_free(cordial_home)
    assert any(name.startswith("cache") for name in files)  # the response cache was written


@pytest.mark.parametrize(
    ("env", "toml"),
    [
        ({"CORDIAL_TIMEOUT_S": "-5"}, None),  # a bad value next to the key
        ({"CORDIAL_API_KEY": None}, f'api_key = ["{KEY}"]\n'),  # the key in the wrong shape
        ({"CORDIAL_API_KEY": None}, f"api_key = {KEY}\n"),  # the key unquoted: not TOML
    ],
    ids=["bad-timeout", "key-in-a-list", "key-unquoted"],
)
def test_cli_settings_errors_are_one_line_without_the_key(env, toml, cordial_home, tmp_path):
    if toml is not None:
        (cordial_home / "cordial.toml").write_text(toml, encoding="utf-8")
    run = draft(
        "reply", "--from", "Ana", "--note", "Hi", "--backend", "openai", cwd=tmp_path, **env
    )
    assert run.returncode == 1
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, run.stderr[-2000:]
    assert_run_key_free(run, "a run with bad settings")


# -- the web chat ------------------------------------------------------------------------------


def _labelled(client, api_name: str, *args) -> dict:
    """An endpoint's outputs by label (all values of each label, in order)."""
    endpoint = client.view_api(print_info=False, return_format="dict")["named_endpoints"][api_name]
    out = client.predict(*args, api_name=api_name)
    labelled: dict = {}
    for spec, value in zip(endpoint["returns"], out, strict=True):
        labelled.setdefault(spec["label"], []).append(value)
    return labelled


def test_web_chat_shows_the_key_nowhere(cordial_home, debug_logs, capfd, tmp_path):
    pytest.importorskip("gradio")
    gradio_client = pytest.importorskip("gradio_client")
    import httpx

    from assistant.web import page as app

    shown: dict[str, str] = {}
    reply_fields = ["Ana Silva", REPLY["note"], None, REPLY["situation"], False, ""]
    export = make_export_zip(tmp_path)
    failures = {
        "401": "rejected the API key",
        "429": "is rate-limiting requests",
        "drop-stream": "broke off its answer",
    }
    with (
        FakeOpenAIServer(reply=composer_text("reply")) as ok,
        FakeOpenAIServer(mode="401") as rejecting,
        FakeOpenAIServer(mode="429") as limiting,
        FakeOpenAIServer(mode="drop-stream", reply=composer_text("reply")) as dropping,
    ):
        for server in (ok, rejecting, limiting, dropping):
            overrides = {"backend": "openai", "api_key": KEY, "base_url": server.base_url}
            demo, url = app.launch_in_background({**overrides, "max_retries": 0})
            try:
                for path in ("", "config", "gradio_api/info"):
                    page = httpx.get(url.rstrip("/") + "/" + path, timeout=30)
                    assert page.status_code == 200, path
                    shown[f"{server.mode} /{path}"] = page.text
                client = gradio_client.Client(url, verbose=False)
                drafted = _labelled(client, "/draft_reply", 1, *reply_fields, [])
                chatted = _labelled(
                    client, "/chat_invite", PLAIN_REQUEST, 1, *[""] * 4, "stranger", []
                )
                inbox = _labelled(client, "/inbox", gradio_client.handle_file(str(export)), True)
            finally:
                demo.close()
            shown[f"{server.mode} draft"] = json.dumps(drafted, default=str)
            shown[f"{server.mode} chat"] = json.dumps(chatted, default=str)
            shown[f"{server.mode} inbox"] = json.dumps(inbox, default=str)
            csv_path = inbox["All requests as CSV"][0]
            shown[f"{server.mode} inbox CSV"] = Path(csv_path).read_text(encoding="utf-8")
            assert_sent_the_key(server)
            notice = json.dumps(drafted["Notice"])
            if server is ok:
                # One "Draft" per chat tab, in the tabs' order.
                reply_tab = list(app.HINTS).index("reply")
                assert drafted["Draft"][reply_tab] in ok.reply and "composer" not in notice
            else:
                assert failures[server.mode] in notice, notice

    assert "openai" in shown["ok /config"] and "Ana Silva" in shown["ok draft"]  # real pages
    shown["the log"] = logged(debug_logs)
    out = capfd.readouterr()
    shown["stdout"], shown["stderr"] = out.out, out.err
    for where, text in shown.items():
        assert_key_free(text, f"the web chat's {where}")
    assert_home_key_free(cordial_home)


# -- langchain-core and the history store ------------------------------------------------------


def test_langchain_core_is_at_least_1_2_5_and_the_project_requires_it():
    assert Version(importlib.metadata.version("langchain-core")) >= Version("1.2.5")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (pin,) = [r for r in map(Requirement, project["dependencies"]) if r.name == "langchain-core"]
    # 1.2.5 escapes user data that looks like a serialised LangChain object (CVE-2025-68664).
    assert not pin.specifier.contains("1.2.4") and pin.specifier.contains("1.2.5")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_the_history_store_reads_only_json():
    store = ROOT / "assistant" / "store.py"
    unsafe = ("langchain", "langchain_core", "pickle", "marshal", "shelve", "dill")
    assert not {m for m in _imports(store) if m.split(".")[0] in unsafe}
    tree = ast.parse(store.read_text(encoding="utf-8"))
    calls = [n.func for n in ast.walk(tree) if isinstance(n, ast.Call)]
    loads = {ast.unparse(f) for f in calls if getattr(f, "attr", getattr(f, "id", "")) == "loads"}
    assert loads == {"json.loads"}
    # Nothing else in Cordial imports LangChain's deserialiser either.
    for path in [ROOT / "app.py", *(ROOT / "assistant").rglob("*.py")]:
        assert not {m for m in _imports(path) if ".load" in m and m.startswith("langchain")}, path


LC_SECRET = {"lc": 1, "type": "secret", "id": ["OPENAI_API_KEY"]}
LC_OBJECT = {
    "lc": 1,
    "type": "constructor",
    "id": ["langchain_core", "messages", "HumanMessage"],
    "kwargs": {"content": "constructed"},
}


def _plain(value) -> bool:
    """True when the value is JSON data all the way down, no constructed object in it."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return value is None or isinstance(value, str | int | float | bool)


def test_langchain_shaped_history_rows_come_back_as_plain_data(cordial_home, monkeypatch):
    from click.testing import CliRunner
    from langchain_core import load as lc_load

    from assistant.cli import cli

    # LangChain's loads would turn the secret-shaped row into the key from the environment.
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # loads is marked beta
        assert lc_load.loads(json.dumps(LC_SECRET), secrets_from_env=True) == KEY

    def refuse(*args, **kwargs):
        raise AssertionError("LangChain's loads read a history row")

    monkeypatch.setattr(lc_load, "loads", refuse)
    monkeypatch.setattr(lc_load, "load", refuse)

    settings = Settings(backend="composer")
    request = api.reply_request(
        "Ana Silva", note=json.dumps(LC_OBJECT), situation="letdown", settings=settings
    )
    drafted = api.draft_reply(request, settings=settings, save=False)
    history = History(settings.home / "history.db")
    history.save(drafted.model_copy(update={"text": json.dumps(LC_SECRET)}), request)
    # A row whose request and findings columns are themselves LangChain-shaped JSON.
    with sqlite3.connect(history.path) as conn:
        conn.execute(
            "INSERT INTO drafts (created, kind, situation, request, text, findings, backend,"
            " model, fallback, latency_s) VALUES (0, 'reply', NULL, ?, 'hi', ?, 'composer',"
            " 'composer', 0, 0)",
            (json.dumps(LC_OBJECT), json.dumps([LC_SECRET])),
        )
    conn.close()

    raw, saved = api.history(settings=settings)
    assert saved["text"] == json.dumps(LC_SECRET)
    assert saved["request"]["note"] == json.dumps(LC_OBJECT)
    assert raw["request"] == LC_OBJECT and raw["findings"] == [LC_SECRET]
    assert _plain([raw, saved])
    exported = CliRunner().invoke(cli, ["history", "--json"])
    assert exported.exit_code == 0, exported.output
    assert [json.loads(line) for line in exported.output.splitlines()] == [raw, saved]
    assert_key_free(exported.output, "draft history --json")
