"""The follow-up (issue 21, item 3): the first message to someone who accepted the user's
invitation. Its ask read back from the note, the request and its refusal, the composer's draft,
and the library's front door. The composer backend: fast, no model."""

from __future__ import annotations

import datetime

import pytest

from assistant import api, lint
from assistant.composer import compose_followup, promised_ask
from assistant.drafting.tasks import followup_task
from assistant.errors import InputError
from assistant.requests import FollowupRequest, Person
from assistant.settings import Settings

NOTE = (
    "Hi Tomás, I'm Rosa, a product designer at Northwind. Your article on accessible colour "
    "palettes changed how our team picks colours. Could I ask how you test contrast with real "
    "users?"
)


@pytest.fixture
def composer(cordial_home) -> Settings:
    return Settings(backend="composer")


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (NOTE, "Could I ask how you test contrast with real users?"),
        (
            "Hi Ines, I'm Malik, a backend engineer. We talked about on-call rotations at the "
            "Lisbon SRE meetup. I'd like to stay in touch.",
            "I'd like to stay in touch.",
        ),
        (
            "Hello Ana! Saw your post on hiring. Would you be open to a 15-minute call about "
            "hiring juniors? Thanks!",
            "Would you be open to a 15-minute call about hiring juniors?",
        ),
        # Connecting and then learning: they have connected, the learning is the ask.
        (
            "Hi Jo, I'm Sam. Loved your talk! I'd love to connect and learn from your work.",
            "I'd love to learn from your work.",
        ),
        (
            "Hi, I'm Sam from Acme. So, may I ask for your advice on pricing?",
            "May I ask for your advice on pricing?",
        ),
        # A question is the clearest ask; an offer after it is not one.
        (
            "Hi Ana, would you be open to a call about hiring? Happy to share our findings too.",
            "Would you be open to a call about hiring?",
        ),
        (
            "Hi Ana, could we compare notes on hiring? I'd love to hear your view.",
            "Could we compare notes on hiring?",
        ),
        # "it" was the sentence before: the ask stands without it.
        (
            "Hi Nadia, I saw the analyst opening on your team. Would you review my CV for it?",
            "Would you review my CV?",
        ),
        # A note that drops the subject still asks (the linter agrees it has an ask).
        (
            "Hi Jordan, I saw your DataConf talk and would love 15 minutes of your advice on "
            "moving our batch jobs to Kafka.",
            "I saw your DataConf talk and would love 15 minutes of your advice on moving our "
            "batch jobs to Kafka.",
        ),
        ("Loved your post. Would love to hear how you run audits.", "Would love to hear how "
         "you run audits."),
        # Connecting alone is no ask (the guidance), and neither is nothing.
        ("Hi Jordan, I'm Sam. Loved your DataConf talk. I'd like to connect.", ""),
        ("Let's connect!", ""),
        ("", ""),
    ],
)
def test_the_ask_a_note_made_is_read_back_in_its_words(note, expected):
    assert promised_ask(note) == expected


def test_a_request_with_no_ask_anywhere_is_refused_with_the_fix(composer):
    with pytest.raises(InputError) as caught:
        api.followup_request("Jordan Lee", note="Hi Jordan, let's connect!", settings=composer)
    assert "--ask" in caught.value.fix
    # The user's ask makes the same note a follow-up worth sending.
    request = api.followup_request(
        "Jordan Lee", note="Hi Jordan, let's connect!", ask="a short call", settings=composer
    )
    assert request.ask == "a short call"


def test_a_request_is_validated_like_the_others(composer):
    with pytest.raises(InputError):
        api.followup_request("Jordan", ask="advice", tone="shouty", settings=composer)
    with pytest.raises(InputError):
        api.followup_request("J" * 500, ask="advice", settings=composer)


def test_the_library_drafts_and_saves_a_followup(composer):
    draft = api.draft_followup(
        "Tomás Ferreira", note=NOTE, connected_on=datetime.date(2026, 11, 3), settings=composer
    )
    assert draft.kind == "followup" and draft.path == "composer"
    assert draft.limit == lint.default_limit("followup", "premium") == 1_900
    assert "Tomás" in draft.text and "contrast with real users" in draft.text
    assert draft.chars <= 300
    assert not [f for f in draft.findings if f["severity"] == "error"]
    saved = api.history(1, settings=composer)[0]
    assert saved["kind"] == "followup" and saved["id"] == draft.history_id


def test_the_users_ask_wins_over_the_notes(composer):
    draft = api.draft_followup(
        "Tomás Ferreira", note=NOTE, ask="review my portfolio", settings=composer, save=False
    )
    assert "portfolio" in draft.text and "contrast" not in draft.text


def test_stream_draft_takes_a_followup_request(composer):
    request = api.followup_request("Jordan Lee", ask="a short call about hiring", settings=composer)
    *chunks, draft = list(api.stream_draft(request, composer, save=False))
    assert draft.kind == "followup" and "call about hiring" in draft.text


REQUESTS = [
    FollowupRequest(
        recipient=Person(name="Tomás Ferreira"),
        me=Person(name="Rosa Lindqvist"),
        note=NOTE,
        tone=tone,
    )
    for tone in ("warm", "formal", "concise")
] + [
    FollowupRequest(recipient=Person(name=name), me=Person(name="Sam Ortiz"), ask=ask)
    for name, ask in [
        ("Jordan Lee", "15 minutes of advice on pricing"),
        ("Priya Nair", "review my CV"),
        ("李娜", "introduce me to your data team"),
        ("", "how they handled on-call during the migration"),
        ("Ana Costa", "x " * 400),
    ]
]


@pytest.mark.parametrize("request_", REQUESTS)
@pytest.mark.parametrize("variant", range(3))
def test_the_composers_followup_is_short_clean_and_pitches_nothing_again(request_, variant):
    task = followup_task(request_)
    text = compose_followup(request_, variant=variant)
    assert len(text) <= 300
    assert lint(text, **task.lint_args()).ok, text
    assert not task.problems(text), text
    # It never introduces the sender again: they read the note.
    assert "I'm" not in text and "Northwind" not in text


def test_variants_differ():
    request = REQUESTS[0]
    assert len({compose_followup(request, variant=v) for v in range(3)}) == 3


def _problems(text: str, **fields) -> list[str]:
    request = FollowupRequest(
        recipient=Person(name="Tomás Ferreira"),
        me=Person(name="Rosa Lindqvist", headline="Product designer at Northwind"),
        **({"note": NOTE} | fields),
    )
    task = followup_task(request)
    # What the pipeline's verdict reads: the lint errors, and the draft gate's rules.
    lint_errors = [f.rule for f in lint(text, **task.lint_args()).errors]
    return sorted(set(lint_errors) | set(task.problems(text)))


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "Hi Tomás, thanks for connecting! I'm Rosa, a product designer at Northwind, and your "
            "article on accessible colour palettes changed how our team picks colours. Could I "
            "ask how you test contrast with real users?",
            "followup.repitch",
        ),
        (
            "Hi Tomás, thanks for connecting! Could I ask how you test contrast with real users? "
            "Could you also introduce me to your design director?",
            "followup.second-ask",
        ),
        (
            "Hi Tomás, great meeting you last week! Could I ask how you test contrast with real "
            "users?",
            "followup.invented-meeting",
        ),
        (
            "Hi Tomás, thanks for connecting! Could I ask how you test contrast at Adobe?",
            "grounding.unsupported",
        ),
        (
            "Hi Tomás, thanks! " + "Could I ask how you test contrast with real users? " * 6,
            "followup.too-long",
        ),
    ],
)
def test_the_gate_turns_down_a_followup_that_pitches_asks_twice_or_invents(text, rule):
    assert rule in _problems(text)


def test_the_gate_keeps_a_followup_with_a_reminder_and_the_one_ask():
    text = (
        "Hi Tomás, thanks for connecting! Your article on accessible colour palettes stuck with "
        "me. Could I ask how you test contrast with real users? Let me know if you're open to it."
    )
    assert _problems(text) == []


def test_a_meeting_the_note_speaks_of_may_be_recalled():
    note = "Hi Ines, I'm Malik. We talked about on-call rotations at the Lisbon SRE meetup."
    text = "Hi Tomás, great meeting you at the Lisbon SRE meetup! Could I ask for a few tips?"
    assert "followup.invented-meeting" not in _problems(text, note=note, ask="a few tips")


def test_the_notes_ask_is_kept_as_it_speaks_to_them():
    # The user's ask field may speak of them ("ask her"): turned to "you". The note's sentence
    # already speaks to them: "how you onboard them" is not "how you onboard you".
    note = "Hi Ana, would you be open to a 15-minute call about how you onboard them?"
    request = FollowupRequest(recipient=Person(name="Ana Costa"), note=note)
    assert "how you onboard them?" in compose_followup(request)
    request = FollowupRequest(recipient=Person(name="Ana Costa"), ask="ask her how she hires")
    assert "how you hire" in compose_followup(request)


def test_an_ask_with_nothing_to_answer_gets_no_no_rush():
    request = FollowupRequest(
        recipient=Person(name="Ines Bauer"), note="Hi Ines, I'd like to stay in touch."
    )
    assert [compose_followup(request, variant=v).count("rush") for v in range(3)] == [0, 0, 0]


def test_the_eval_suite_drafts_followups_and_gates_them(composer):
    from assistant.evals.assertions import Output, evaluate
    from assistant.evals.cases import load_cases
    from assistant.evals.runner import request_for, run

    cases = load_cases("followup*")
    assert len(cases) >= 15
    request = request_for(cases[0], composer)
    assert isinstance(request, FollowupRequest)
    result = run(cases, composer)
    assert result.pass_rate() >= 0.95 and result.paths() == {"composer": len(cases)}
    # The gate-clean assertion fails a re-pitch the linter alone lets through.
    task = followup_task(request)
    repitch = "Hi Tomás, thanks! " + NOTE
    assert lint(repitch, **task.lint_args()).ok
    assert not evaluate("gate-clean", None, Output(repitch, None, task)).passed


def test_the_warm_process_drafts_a_followup_job(composer):
    from assistant.serving.draft_service import run_job

    request = api.followup_request("Tomás Ferreira", note=NOTE, settings=composer)
    job = {
        "kind": "followup",
        "variants": 1,
        "request": request.model_dump(mode="json"),
        "settings": {},
    }
    draft = run_job(job, backend="composer")
    assert draft["kind"] == "followup" and "contrast" in draft["text"]


def test_the_gate_keeps_a_good_model_followup_and_replaces_a_repitch(cordial_home):
    """A fake chat model stands in for the model: what is tested is the gate on follow-ups."""
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from assistant.drafting.pipeline import Drafter

    request = FollowupRequest(recipient=Person(name="Tomás Ferreira"), note=NOTE)
    good = (
        "Hi Tomás, thanks for connecting! I'd love to hear how you test contrast with real users."
    )
    repitch = "Hi Tomás, thanks! " + NOTE.removeprefix("Hi Tomás, ")
    settings = Settings(backend="local", timeout_s=5)

    kept = Drafter(settings, model=FakeListChatModel(responses=[good])).draft(
        followup_task(request)
    )
    assert kept.text == good and kept.path == "model" and kept.kind == "followup"

    model = FakeListChatModel(responses=[repitch] * 3)
    replaced = Drafter(settings, model=model).draft(followup_task(request))
    assert replaced.path == "fallback" and replaced.text == compose_followup(request)
    assert replaced.fallback_reason == "the model's draft pitched your invitation note again"


def test_the_prompt_holds_the_note_and_the_ask_and_a_date_only_when_known():
    from assistant.prompting import render

    request = FollowupRequest(recipient=Person(name="Tomás Ferreira"), note=NOTE)
    last = render("followup", followup_task(request).values)[-1].content
    assert "test contrast with real users" in last and "CONNECTED ON" not in last
    assert last.count("<<<FACTS") == 1 and "Write my message to Tomás" in last
    dated = request.model_copy(update={"connected_on": datetime.date(2026, 11, 3)})
    task = followup_task(dated)
    assert "CONNECTED ON: 3 November 2026" in render("followup", task.values)[-1].content
    assert "3 November 2026" in task.facts["shared"]
