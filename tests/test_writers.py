"""Writers registered by name: a new backend is one Writer subclass and one register(), and the
Drafter asks it, gates what it writes and falls back to the composer. The toy `echo` writer
here answers every prompt with the text it was given."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant import api, writers
from assistant.errors import CordialError
from assistant.settings import Settings
from assistant.writers import Call, Writer

ROOT = Path(__file__).resolve().parents[1]
GOOD = (
    "Hi Jordan, I'm Sam, a data engineer at Acme. I enjoyed your DataConf talk on streaming; "
    "could I ask you for 15 minutes of advice?"
)
INVITE = {
    "to_headline": "VP Data at Globex",
    "context": "saw her DataConf talk on streaming",
    "ask": "15 minutes of advice",
    "me": api.Person(name="Sam", headline="data engineer at Acme"),
}


class Echo(Writer):
    """Answers every prompt with `text`, and counts the calls."""

    name = "echo"
    text = GOOD
    calls = 0

    def answer(
        self, messages: list, *, max_tokens: int, seed: int | None, on_done
    ) -> Iterator[str]:
        type(self).calls += 1
        yield self.text
        on_done(Call(0.0, 0.0, 10, 10, True))


@pytest.fixture
def echo(monkeypatch) -> type[Echo]:
    """The echo writer, registered for this test only."""
    monkeypatch.setattr(writers, "_WRITERS", dict(writers._WRITERS))
    monkeypatch.setattr(Echo, "calls", 0)
    writers.register(Echo)
    return Echo


def test_a_registered_writer_drafts_through_the_gate(echo):
    settings = Settings(backend="echo")
    draft = api.draft_invitation("Jordan Lee", settings=settings, save=False, **INVITE)
    assert (draft.text, draft.backend, draft.path) == (GOOD, "echo", "model")
    assert echo.calls == 1 and "echo" in writers.writer_names()


def test_what_the_gate_rejects_falls_back_to_the_composer(echo, monkeypatch):
    monkeypatch.setattr(Echo, "text", "Visit https://evil.example now!!!")
    settings = Settings(backend="echo")
    draft = api.draft_invitation("Jordan Lee", settings=settings, save=False, **INVITE)
    assert draft.backend == "echo+composer" and draft.path == "fallback"
    assert "link" in draft.fallback_reason and draft.text.startswith("Hi Jordan")
    assert echo.calls == 3  # the first sample and two more tries


def test_an_unknown_backend_names_the_registered_ones():
    with pytest.raises(CordialError, match="unknown backend 'nope'") as info:
        api.draft_invitation("Jordan Lee", settings=Settings(backend="nope"), save=False)
    assert info.value.fix == "use one of local, openai, composer"


def test_the_composer_is_deterministic_and_the_models_are_not():
    kinds = {
        name: writers.writer_for(Settings(backend=name)).deterministic
        for name in writers.writer_names()
    }
    assert kinds == {"local": False, "openai": False, "composer": True}


def test_no_module_outside_the_writers_tests_a_backend_name():
    """Issue 19: `backend == "local"` was the real switch, in 8 files; a writer's properties
    (prepare, warm, status, deterministic, concurrency, warm_process) say it now."""
    # A backend's name compared, or looked up in a list of names.
    test = re.compile(
        r"\bbackend\s*(?:==|!=|in|not in)\s*[\"'(\[{]"
        r"|\b(?:backend|model)\s*(?:==|!=)\s*[\"'](?:local|openai|composer)[\"']"
    )
    paths = [ROOT / "app.py", *(ROOT / "assistant").rglob("*.py")]
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in paths
        if "writers" not in path.parts
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if test.search(line)
    ]
    assert found == []


def test_priming_reads_each_prompts_fixed_part_with_one_token(monkeypatch):
    """Issue 20: the web's first draft waited for the model to read ~1,100 tokens of fixed
    prompt (extract, then invite). warm(prompts) sends each prompt's fixed part ahead, one token
    answered, so a prefix-caching server has it; the messages must be the real prompt's prefix
    or the cache would not match."""
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from assistant.drafting.tasks import invitation_task
    from assistant.prompting.templates import render
    from assistant.writers.chat import CallersModel

    sent: list[tuple[list, dict]] = []

    class Recording(FakeListChatModel):
        def bind(self, **kwargs):
            model = self

            class Bound:
                def stream(self, messages):
                    sent.append((messages, kwargs))
                    return model.stream(messages)

            return Bound()

    writer = CallersModel(Settings(), Recording(responses=["x", "x"]))
    writer.prime(("extract", "invite"))

    assert [kwargs for _, kwargs in sent] == [{"max_tokens": 1}, {"max_tokens": 1}]
    request = api.invitation_request(api.Person(name="Jordan Lee"), **INVITE)
    real = render("invite", invitation_task(request).values)
    primed = sent[1][0]
    # Everything before the request's own message is the same text, so the server reuses it.
    assert [m.content for m in primed[:-1]] == [m.content for m in real[:-1]]
    assert len(primed) == len(real) and primed[-1].content != real[-1].content
    assert sent[0][0][0].content == render("extract", {"text": "x"})[0].content
