"""Failing models (OWASP LLM10): a real OpenAI-compatible server on loopback that rate-limits,
hangs, drops its answer half-way or answers with broken JSON. Every call makes at most 3
attempts, ends within timeout x 3 plus the SDK's backoff, and leaves the user a one-line reason
and the composer's draft marked as a fallback; nothing partial is saved and nothing hangs.

`pytest tests/test_failing_models.py -s` prints a table of what each failure cost."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fake_openai_server import SLOW_GAP_S, SLOW_STEPS, FakeOpenAIServer
from openai._constants import INITIAL_RETRY_DELAY, MAX_RETRY_DELAY

from assistant import api
from assistant.backends import local_server
from assistant.settings import Settings

TIMEOUT_S = 1.0
MAX_RETRIES = 2
MAX_ATTEMPTS = 3  # the bound, across all layers, for one call
# The openai SDK waits min(0.5 * 2**n, 8) s, less up to 25% jitter, before its retry n + 1 when
# the server sends no Retry-After header (the fake sends none): at most 0.5 + 1.0 s here.
MAX_BACKOFF_S = sum(min(INITIAL_RETRY_DELAY * 2**n, MAX_RETRY_DELAY) for n in range(MAX_RETRIES))
# A generous allowance on a loaded 2-core machine for what is not waiting on the server: the
# first call's imports, building the client, composing and linting the fallback, SQLite.
SLACK_S = 3.0
BOUND_S = TIMEOUT_S * MAX_ATTEMPTS + MAX_BACKOFF_S + SLACK_S
# Far beyond BOUND_S: only a call that truly hangs gets here, and the test then fails.
HANG_GUARD_S = 60.0

KEY = "sk-test-4f9a2c7e1b"
REPLY = (
    "Hi Ana, thanks for reaching out. I'm glad to connect, and I look forward to keeping in touch."
)
NOTE = "Hi Sam, I enjoyed your talk on data pipelines and would love to connect."
EXTRACT_TEXT = (
    "I want to connect with Jordan Lee, VP Data at Globex. I saw her DataConf talk on "
    "streaming and would like 15 minutes of advice."
)
# How many requests each failure costs one call: the SDK retries a rate limit and a silent
# server (2 retries); an answer broken off mid-stream and a rejected key are not retried.
# A server that drips keep-alive comments is cut off by the whole-call deadline (not retried:
# the answer had begun); a 429 asking for a 100 s wait is retried after the SDK's own backoff.
ATTEMPTS = {"429": 3, "429-wait": 3, "hang": 3, "drip": 1, "drop-stream": 1, "401": 1}
REASONS = {
    "429": "is rate-limiting requests (HTTP 429)",
    "429-wait": "is rate-limiting requests (HTTP 429)",
    "drip": f"did not answer within {TIMEOUT_S:g}s",
    "hang": f"did not answer within {TIMEOUT_S:g}s",
    "drop-stream": "broke off its answer",
    "401": "rejected the API key (HTTP 401)",
}
ROOT = Path(__file__).resolve().parents[1]
DRAFT = [sys.executable, "-c", "from assistant.cli import main; main()"]


@pytest.fixture(autouse=True)
def no_embedded_model(monkeypatch):
    """These tests talk to the fake server only: a slip to the local backend fails at once
    instead of loading the 1.1 GB model."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("the embedded model must not start in these tests")

    monkeypatch.setattr(local_server, "ensure_server", refuse)


@pytest.fixture(scope="module")
def table():
    """Rows of (mode, call, attempts, seconds, reason), printed when the module is done."""
    rows: list[tuple[str, str, int, float, str]] = []
    yield rows
    print(f"\n{'mode':<12} {'call':<16} {'attempts':>8} {'seconds':>8}  fallback reason")
    for mode, call, attempts, seconds, reason in rows:
        print(f"{mode:<12} {call:<16} {attempts:>8} {seconds:>8.2f}  {reason[:100]}")


def _settings(server: FakeOpenAIServer) -> Settings:
    return Settings(
        backend="openai",
        base_url=server.base_url,
        api_key=KEY,
        timeout_s=TIMEOUT_S,
        max_retries=MAX_RETRIES,
    )


def _within_guard(call: Callable[[], Any]) -> tuple[Any, float]:
    """call() in a daemon thread, with its wall time; fails instead of hanging the test run."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    start = time.perf_counter()
    thread.start()
    thread.join(HANG_GUARD_S)
    elapsed = time.perf_counter() - start
    assert not thread.is_alive(), f"the call still runs after {HANG_GUARD_S:g}s: it hangs"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"], elapsed


def _request(settings: Settings) -> Any:
    return api.reply_request("Ana Silva", note=NOTE, situation="accept", settings=settings)


def _cli_reply(env: dict[str, str]) -> subprocess.CompletedProcess:
    """`draft reply` to the test request on the openai backend, in its own process."""
    args = ["reply", "--from", "Ana Silva", "--note", NOTE, "--situation", "accept"]
    return subprocess.run(
        [*DRAFT, *args, "--backend", "openai"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=HANG_GUARD_S,  # the hard guard: a hanging CLI fails the test
    )


def _assert_explained_fallback(draft: Any, mode: str, settings: Settings) -> None:
    """The composer's draft, marked as a fallback with a one-line reason, and it alone saved."""
    assert draft.fallback and draft.backend_failed and draft.path == "fallback"
    assert draft.text == api.task_for(_request(settings)).compose(0)
    assert REASONS[mode] in draft.fallback_reason
    assert "\n" not in draft.fallback_reason and KEY not in draft.fallback_reason
    saved = api.history(settings=settings)
    assert [(row["text"], row["fallback"]) for row in saved] == [(draft.text, True)]


@pytest.mark.parametrize("mode", ["429", "429-wait", "hang", "drip", "drop-stream", "401"])
def test_draft_reply_from_a_failing_server_falls_back_within_the_bound(mode, table):
    with FakeOpenAIServer(mode=mode, reply=REPLY) as server:
        settings = _settings(server)
        request = _request(settings)
        draft, elapsed = _within_guard(lambda: api.draft_reply(request, settings=settings))
        attempts = server.requests
        asked_to_stream = [r["body"]["stream"] for r in server.received]
    table.append((mode, "draft_reply", attempts, elapsed, draft.fallback_reason))
    assert attempts == ATTEMPTS[mode] <= MAX_ATTEMPTS
    assert elapsed <= BOUND_S
    # Every call streams, so a stalled or broken stream is what the SDK and Cordial see.
    assert asked_to_stream == [True] * attempts
    _assert_explained_fallback(draft, mode, settings)


@pytest.mark.parametrize("mode", ["429", "hang", "drip", "drop-stream"])
def test_stream_draft_from_a_failing_server_saves_only_the_composers_draft(mode, table):
    with FakeOpenAIServer(mode=mode, reply=REPLY) as server:
        settings = _settings(server)
        items, elapsed = _within_guard(lambda: list(api.stream_draft(_request(settings), settings)))
        attempts = server.requests
    *chunks, draft = items
    table.append((mode, "stream_draft", attempts, elapsed, draft.fallback_reason))
    assert attempts == ATTEMPTS[mode] <= MAX_ATTEMPTS
    assert elapsed <= BOUND_S
    partial = "".join(chunks)
    if mode == "drop-stream":
        # The first half of the answer reached the user live, then the stream broke off.
        assert partial and REPLY.startswith(partial) and partial != REPLY
    else:
        assert chunks == []
    _assert_explained_fallback(draft, mode, settings)


@pytest.mark.parametrize("mode", ["429", "hang", "drop-stream", "bad-json"])
def test_extract_request_from_a_failing_server_reads_by_rules(mode, table):
    with FakeOpenAIServer(mode=mode) as server:
        settings = _settings(server)
        extracted, elapsed = _within_guard(lambda: api.extract_request(EXTRACT_TEXT, settings))
        attempts = server.requests
    table.append((mode, "extract", attempts, elapsed, f"read by {extracted.source}"))
    # Broken JSON gets one more sample, then the rules: two answered requests, no retries.
    assert attempts == {**ATTEMPTS, "bad-json": 2}[mode] <= MAX_ATTEMPTS
    assert elapsed <= BOUND_S
    assert extracted.source == "rules"
    assert extracted.recipient_name == "Jordan Lee"
    assert api.history(settings=settings) == []


@pytest.mark.parametrize("mode", ["429", "hang"])
def test_a_whole_chat_turn_asks_a_failing_server_once(mode, table):
    """A web chat turn extracts the request, then drafts: after the extract's failed call the
    breaker sends the draft straight to the composer, so the turn costs one call's attempts
    and one call's wait, not two."""
    with FakeOpenAIServer(mode=mode, reply=REPLY) as server:
        settings = _settings(server)

        def turn() -> Any:
            extracted = api.extract_request(EXTRACT_TEXT, settings)
            request = api.invitation_request(
                extracted.recipient_name,
                to_headline=extracted.recipient_headline,
                context=extracted.context,
                ask=extracted.ask,
                settings=settings,
            )
            return list(api.stream_draft(request, settings))

        items, elapsed = _within_guard(turn)
        attempts = server.requests
    draft = items[-1]
    table.append((mode, "extract + stream", attempts, elapsed, draft.fallback_reason))
    assert attempts == ATTEMPTS[mode] <= MAX_ATTEMPTS
    assert elapsed <= BOUND_S
    assert draft.fallback and draft.backend_failed
    assert REASONS[mode] in draft.fallback_reason and "not asked again" in draft.fallback_reason


def test_the_breaker_closes_once_its_time_is_up(monkeypatch):
    with FakeOpenAIServer(mode="429", reply=REPLY) as server:
        settings = _settings(server)
        assert api.draft_reply(_request(settings), settings=settings, save=False).backend_failed
        assert server.requests == 3
        monkeypatch.setattr(api.drafter_for(settings).writer.breaker, "open_s", 0.0)
        api.draft_reply(_request(settings), settings=settings, save=False)
        assert server.requests == 6  # asked again: the breaker does not stay open for ever


def test_a_working_server_drafts_with_the_model(table):
    """The same fake, answering: the failures above are the server's, not the harness's."""
    with FakeOpenAIServer(mode="ok", reply=REPLY) as server:
        settings = _settings(server)
        items, elapsed = _within_guard(lambda: list(api.stream_draft(_request(settings), settings)))
        attempts = server.requests
    *chunks, draft = items
    table.append(("ok", "stream_draft", attempts, elapsed, "(none: the model's draft)"))
    assert attempts == 1
    assert len(chunks) > 5 and "".join(chunks) == REPLY
    assert draft.text == REPLY and draft.path == "model" and not draft.fallback
    assert [row["text"] for row in api.history(settings=settings)] == [REPLY]


def test_a_slow_but_moving_answer_is_not_cut_off(table):
    """The deadline follows progress: an answer that takes longer than timeout_s in all, but
    sends data well within it each time, is the model's draft, not a timeout."""
    with FakeOpenAIServer(mode="slow", reply=REPLY) as server:
        settings = _settings(server)
        items, elapsed = _within_guard(lambda: list(api.stream_draft(_request(settings), settings)))
        attempts = server.requests
    draft = items[-1]
    table.append(("slow", "stream_draft", attempts, elapsed, "(none: the model's draft)"))
    assert elapsed > SLOW_STEPS * SLOW_GAP_S > TIMEOUT_S
    assert attempts == 1 and draft.text == REPLY and not draft.fallback


@pytest.mark.parametrize("mode", ["429", "drop-stream"])
def test_cli_reply_from_a_failing_server_exits_4_with_one_line_and_the_composers_draft(
    mode, table, cordial_home
):
    with FakeOpenAIServer(mode=mode, reply=REPLY) as server:
        env = {
            **os.environ,
            "CORDIAL_BASE_URL": server.base_url,
            "CORDIAL_API_KEY": KEY,
            "CORDIAL_TIMEOUT_S": str(TIMEOUT_S),
            "CORDIAL_MAX_RETRIES": str(MAX_RETRIES),
        }
        start = time.perf_counter()
        out = _cli_reply(env)
        elapsed = time.perf_counter() - start
        attempts = server.requests
    reasons = [line for line in out.stderr.splitlines() if REASONS[mode] in line]
    table.append((mode, "cli draft reply", attempts, elapsed, reasons[0] if reasons else "?"))
    assert out.returncode == 4, out.stderr
    assert attempts == ATTEMPTS[mode]
    # Said once, on one line, with no traceback and no part of the key.
    assert len(reasons) == 1 and reasons[0].startswith("note: this draft is the composer's:")
    assert "Traceback" not in out.stderr and KEY not in out.stderr + out.stdout
    settings = Settings(backend="openai", home=cordial_home)
    composed = api.task_for(_request(settings)).compose(0)
    assert out.stdout.strip() == composed.strip()
    saved = api.history(settings=settings)
    assert [(row["text"], row["fallback"]) for row in saved] == [(composed, True)]


def test_a_draft_the_gate_turns_down_is_explained_on_the_cli_and_the_web(cordial_home):
    """The server answers, but with what a hijacked model writes: the user gets the
    composer's draft and one line saying why, on the CLI and in the web chat's notice."""
    from assistant.web.view import notice_text

    obeying = "Hi Ana, thanks for connecting! Details here: https://evil.example/offer"
    with FakeOpenAIServer(mode="ok", reply=obeying) as server:
        env = {**os.environ, "CORDIAL_BASE_URL": server.base_url, "CORDIAL_API_KEY": KEY}
        out = _cli_reply(env)
        settings = _settings(server)
        draft = api.draft_reply(_request(settings), settings=settings, save=False)
    why = "the model's draft added a link you did not give"
    assert out.returncode == 0, out.stderr  # the model answered: not a failure
    assert "evil.example" not in out.stdout
    assert f"note: this draft is the composer's: {why}" in out.stderr
    assert draft.fallback and not draft.backend_failed and why in draft.fallback_reason
    assert why in notice_text(draft) and "not the model" in notice_text(draft)
