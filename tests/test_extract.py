"""Reading a plain-language request: the model's JSON is checked; the rules never invent."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.drafting.extract import Extracted, extract_by_rules, parse_answer
from assistant.drafting.pipeline import Drafter
from assistant.errors import InputError
from assistant.settings import Settings

REQUEST = (
    "I want to connect with Jordan Lee, VP Data at Globex; I saw her DataConf talk on "
    "streaming and would like 15 minutes of advice"
)


def test_rules_read_the_example_request():
    got = extract_by_rules(REQUEST)
    assert (got.recipient_name, got.recipient_headline) == ("Jordan Lee", "VP Data at Globex")
    assert got.context == "I saw her DataConf talk on streaming"
    assert got.ask == "15 minutes of advice" and got.source == "rules"


def test_rules_read_a_received_request():
    got = extract_by_rules('I got a request from Chris Park, 3 mutual connections: "Hi, connect?"')
    assert (got.mode, got.requester_name, got.mutual, got.note) == (
        "reply",
        "Chris Park",
        3,
        "Hi, connect?",
    )


def test_model_answer_in_a_code_fence_with_odd_values_is_cleaned():
    raw = (
        '```json\n{"mode": "invite", "recipient_name": "Jordan Lee", "relationship": "boss",'
        ' "mutual": "many", "extra": 1}\n```'
    )
    got = parse_answer(raw, REQUEST)
    assert got.recipient_name == "Jordan Lee" and got.relationship == "other"
    assert got.mutual is None


@pytest.mark.parametrize(
    "raw",
    [
        "no json here",
        "{not json}",
        '{"mode": "invite"}',
        '{"mode": "invite", "recipient_name": "Alex Kim"}',
    ],
)
def test_unusable_or_invented_answers_are_refused(raw):
    assert parse_answer(raw, REQUEST) is None


def test_drafter_falls_back_to_rules_on_malformed_json():
    model = FakeListChatModel(responses=["{malformed", "still not json"])
    got = Drafter(Settings(backend="local"), model=model).extract(REQUEST)
    assert got.source == "rules" and got.recipient_name == "Jordan Lee"


def test_drafter_uses_a_good_model_answer():
    model = FakeListChatModel(
        responses=[
            '{"mode": "invite", "recipient_name": "Jordan Lee", '
            '"context": "her DataConf talk", "ask": "advice"}'
        ]
    )
    got = Drafter(Settings(backend="local"), model=model).extract(REQUEST)
    assert got.source == "model" and got.context == "her DataConf talk"


@pytest.mark.parametrize("text", ["", "   ", "x" * 4_001])
def test_empty_or_huge_requests_are_refused_before_any_model_call(text):
    with pytest.raises(InputError):
        Drafter(Settings(backend="composer")).extract(text)


@example(", \r")  # a blank after the comma: found by CI's derandomized run
@settings(max_examples=1000, deadline=None)
@given(st.text(min_size=1, max_size=400))
def test_rules_never_raise_and_never_invent_a_name(text):
    got = extract_by_rules(text)
    assert isinstance(got, Extracted)
    for name in (got.recipient_name, got.requester_name):
        assert name in text


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=300))
def test_parsing_any_answer_never_raises(raw):
    parse_answer(raw, REQUEST)


# --- the sender's self-description and the relationship the words give ----------------------

PRIYA = "I want to connect with Priya Nair, head of platform at Lumen Health"


@pytest.mark.parametrize(
    "text, name, headline",
    [
        # The issue's request: the self-description last.
        (
            f"{PRIYA}. I heard her podcast episode on migrating to Kubernetes and want to ask how "
            "they handled on-call during the move. I'm Sam, an SRE at Fintrail.",
            "Sam",
            "SRE at Fintrail",
        ),
        # First, then the request.
        (f"I'm Sam, an SRE at Fintrail. {PRIYA}; I heard her podcast.", "Sam", "SRE at Fintrail"),
        # Curly apostrophe, a two-word name, no article.
        (f"I\u2019m Sam Ortiz, SRE at Fintrail. {PRIYA}.", "Sam Ortiz", "SRE at Fintrail"),
        # In parentheses, after the request.
        (
            f"{PRIYA}. I'm Sam Ortiz (staff engineer at Fintrail).",
            "Sam Ortiz",
            "staff engineer at Fintrail",
        ),
        # "and I'm".
        (f"I'm Sam and I'm an SRE at Fintrail. {PRIYA}.", "Sam", "SRE at Fintrail"),
        # "my name is" with "I work on ... at".
        (
            f"My name is Ana Ruiz and I work on payments at Stripe. {PRIYA}.",
            "Ana Ruiz",
            "working on payments at Stripe",
        ),
        (f"my name's Ana. {PRIYA}.", "Ana", ""),
        # A role with no name, in several forms.
        (
            "As a data engineer at Globex, I'd like to write to Jordan Lee.",
            "",
            "data engineer at Globex",
        ),
        (f"{PRIYA}. I'm a PhD student at MIT and would like advice.", "", "PhD student at MIT"),
        (
            f"{PRIYA}. I'm Head of Data at Fintrail and would like to compare notes.",
            "",
            "Head of Data at Fintrail",
        ),
        (f"I work at Fintrail as an SRE and {PRIYA[2:]}.", "", "SRE at Fintrail"),
        (
            f"{PRIYA}. I lead the reliability team at Fintrail.",
            "",
            "leading the reliability team at Fintrail",
        ),
        (f"{PRIYA}. I'm working on search at Zalando.", "", "working on search at Zalando"),
        (f"{PRIYA}. I'm an engineer at Fintrail too.", "", "engineer at Fintrail"),
        (f"{PRIYA}. Im Sam, data engineer at Acme.", "Sam", "data engineer at Acme"),
        # Membership of a team.
        (f"{PRIYA}. I'm on the data team at Acme.", "", "on the data team at Acme"),
        (
            f"I'm Sam, part of the platform group at Fintrail. {PRIYA}.",
            "Sam",
            "part of the platform group at Fintrail",
        ),
        # A greeting that names the user.
        (f"Hi, this is Sam from Fintrail. {PRIYA}.", "Sam", ""),
        (f"Sam here - data engineer at Acme. {PRIYA}.", "Sam", "data engineer at Acme"),
        # Not self-descriptions: a fan, a hope, someone else's name.
        (f"I'm a big fan of her podcast. {PRIYA}.", "", ""),
        (f"{PRIYA}. I'm hoping to ask about on-call at Lumen.", "", ""),
        (f"{PRIYA}. I'm Dana's former teammate.", "", ""),
        (f"{PRIYA}. I'm \U0001f642 excited.", "", ""),
        (f"{PRIYA}. I'm on the fence about asking.", "", ""),
        (f"{PRIYA}. I'm in the same area as her team.", "", ""),
        (f"{PRIYA}; I heard her podcast.", "", ""),
    ],
)
def test_rules_read_the_senders_own_words(text, name, headline):
    got = extract_by_rules(text)
    assert (got.sender_name, got.sender_headline) == (name, headline)
    assert got.recipient_name in ("Priya Nair", "Jordan Lee")
    # Who the user is stays out of "why this person".
    if headline:
        assert headline not in got.context


def test_a_headline_ends_where_a_new_clause_starts():
    got = extract_by_rules(
        "I want to connect with Lee Chen, a fellow Michigan alum, and would like advice on "
        "internships."
    )
    assert got.recipient_headline == "a fellow Michigan alum"
    assert got.ask == "advice on internships" and got.relationship == "alumni"


def test_the_issue_request_reads_right():
    got = extract_by_rules(
        f"{PRIYA}. I heard her podcast episode on migrating to Kubernetes and want to ask how "
        "they handled on-call during the move. I'm Sam, an SRE at Fintrail."
    )
    assert (got.recipient_name, got.recipient_headline) == (
        "Priya Nair",
        "head of platform at Lumen Health",
    )
    assert got.relationship == "stranger"
    assert got.context == "I heard her podcast episode on migrating to Kubernetes"
    assert got.ask == "how they handled on-call during the move"


@pytest.mark.parametrize(
    "said, relationship",
    [
        ("I heard her podcast episode on Kubernetes", "stranger"),
        ("I saw her talk at PyCon and read her post", "stranger"),
        ("we met at PyCon last spring", "met"),
        ("we briefly met at the SRE meetup in Berlin", "met"),
        ("I met her at KubeCon", "met"),
        ("we chatted at SREcon about paging", "met"),
        ("we worked together at Acme", "colleague"),
        ("I used to work with him at Acme", "colleague"),
        ("she is my former manager", "colleague"),
        ("I was on her team at Acme", "colleague"),
        ("she's my old boss from Acme", "colleague"),
        ("my colleague Dana Cole works with her", "stranger"),
        ("Dana suggested I reach out", "referral"),
        ("Dana Cole referred me to her", "referral"),
        ("my former colleague Dana suggested I reach out", "referral"),
        ("she's a fellow Michigan alum", "alumni"),
        ("we both studied at ETH", "alumni"),
        # Denied or not a claim: no relationship.
        ("we haven't met, but I loved her talk at KubeCon", "stranger"),
        ("we have never worked together", "stranger"),
        ("I read about her colleagues at Lumen", "stranger"),
        ("she suggested I follow up after her talk", "stranger"),
        ("I'd like to ask her for a referral", "stranger"),
        ("her post introduced me to chaos engineering", "stranger"),
        ("my manager wants me to learn from her", "stranger"),
        ("I'd love a role on her team", "stranger"),
        ("I'm not sure we met at PyCon", "stranger"),
    ],
)
def test_the_relationship_is_only_what_the_words_say(said, relationship):
    assert extract_by_rules(f"{PRIYA}; {said}.").relationship == relationship


def _answer(**fields) -> str:
    return json.dumps({"mode": "invite", "recipient_name": "Priya Nair", **fields})


PODCAST = (
    f"{PRIYA}. I heard her podcast and want to ask about on-call. I'm Sam, an SRE at Fintrail."
)


@pytest.mark.parametrize("claimed", ["colleague", "met", "referral", "alumni"])
def test_a_model_relationship_without_evidence_is_downgraded(claimed):
    got = parse_answer(_answer(relationship=claimed), PODCAST)
    assert got.relationship == "stranger" and got.source == "model"


def test_a_model_relationship_with_evidence_is_kept_or_corrected_to_the_words():
    text = f"{PRIYA}; we met at PyCon and I'd like to ask about on-call."
    assert parse_answer(_answer(relationship="met"), text).relationship == "met"
    assert parse_answer(_answer(relationship="colleague"), text).relationship == "met"
    assert parse_answer(_answer(relationship="stranger"), text).relationship == "met"
    assert parse_answer(_answer(relationship="other"), PODCAST).relationship == "other"


def test_a_dropped_self_description_is_read_by_the_rules():
    got = parse_answer(_answer(relationship="colleague"), PODCAST)
    assert (got.sender_name, got.sender_headline) == ("Sam", "SRE at Fintrail")


def test_a_model_sender_that_is_invented_or_the_recipients_is_dropped():
    text = f"{PRIYA}; I heard her podcast."
    invented = parse_answer(
        _answer(sender_name="Ana", sender_headline="data engineer at Initech"), text
    )
    assert (invented.sender_name, invented.sender_headline) == ("", "")
    theirs = parse_answer(
        _answer(
            recipient_headline="head of platform at Lumen Health",
            sender_name="Priya Nair",
            sender_headline="head of platform at Lumen Health",
        ),
        text,
    )
    assert (theirs.sender_name, theirs.sender_headline) == ("", "")


def test_a_model_sender_name_that_is_someone_else_is_dropped():
    text = "Help me write to Lee Chen, ML lead at Initech. Dana suggested I reach out."
    assert (
        parse_answer(_answer(recipient_name="Lee Chen", sender_name="Dana"), text).sender_name == ""
    )
    signed = f"{PRIYA}; I heard her podcast. Thanks, Sam"
    assert parse_answer(_answer(sender_name="Sam"), signed).sender_name == "Sam"


@pytest.mark.parametrize(
    "text, guess, headline",
    [
        (
            "Help me write to Lee Chen. Dana suggested I reach out about ranking models.",
            "suggested I reach out about ranking models",
            "",
        ),
        (
            "Help me write to Lee Chen. Dana, a PM at Initech, suggested I reach out.",
            "PM at Initech",
            "",
        ),
        (
            "Help me write to Lee Chen. Big fan here - SRE at Fintrail.",
            "SRE at Fintrail",
            "SRE at Fintrail",
        ),
    ],
)
def test_a_model_sender_headline_is_kept_only_as_the_users_own_role(text, guess, headline):
    raw = _answer(recipient_name="Lee Chen", sender_headline=guess)
    assert parse_answer(raw, text).sender_headline == headline


def test_a_model_sender_name_that_is_a_role_is_dropped():
    text = f"I'm a PhD student at MIT. {PRIYA}; I heard her podcast."
    got = parse_answer(_answer(sender_name="PhD student at MIT"), text)
    assert (got.sender_name, got.sender_headline) == ("", "PhD student at MIT")
    text = f"Ana de la Cruz here. {PRIYA}; I heard her podcast."
    assert parse_answer(_answer(sender_name="Ana de la Cruz"), text).sender_name == "Ana de la Cruz"


def test_a_model_recipient_headline_in_words_the_request_never_uses_is_dropped():
    text = "My name is Ana Ruiz, a data engineer at Globex. I want to connect with Tom Berg."
    raw = json.dumps(
        {"mode": "invite", "recipient_name": "Tom Berg", "recipient_headline": "VP Data at Globex"}
    )
    assert parse_answer(raw, text).recipient_headline == ""
    text = f"{PRIYA}; I heard her podcast."
    raw = _answer(recipient_headline="Head of Platform, Lumen")
    assert parse_answer(raw, text).recipient_headline == "Head of Platform, Lumen"


def test_a_model_context_or_ask_copied_from_the_prompt_example_is_the_rules_reading():
    text = "Help me write to Lee Chen, ML lead at Initech. Dana suggested I reach out."
    raw = _answer(
        recipient_name="Lee Chen",
        context="saw her DataConf talk on streaming",
        ask="what internships did you get?",
    )
    got = parse_answer(raw, text)
    assert got.context == "Dana suggested I reach out" and got.ask == ""
    assert got.recipient_headline == "ML lead at Initech"  # left empty by the model: the rules'


def test_a_model_sender_in_the_users_words_is_kept():
    text = f"Sam here, SRE at Fintrail. {PRIYA}; I heard her podcast."
    got = parse_answer(_answer(sender_name="Sam", sender_headline="SRE at Fintrail"), text)
    assert (got.sender_name, got.sender_headline) == ("Sam", "SRE at Fintrail")


def test_a_model_reply_to_a_request_to_write_to_someone_is_refused():
    text = "Help me write to Lee Chen, ML lead at Initech. Dana suggested I reach out."
    assert parse_answer(json.dumps({"mode": "reply", "requester_name": "Dana"}), text) is None
    pasted = "Hi, I'm Chris and I would love to connect with you."
    raw = json.dumps({"mode": "reply", "requester_name": "Chris"})
    assert parse_answer(raw, pasted).requester_name == "Chris"


def test_a_received_note_is_not_read_as_the_user():
    text = 'I got a request from Chris Park: "Hi, I\'m Chris, a recruiter at Initech"'
    assert extract_by_rules(text).sender_name == ""
    raw = json.dumps({"mode": "reply", "requester_name": "Chris Park", "sender_name": "Chris"})
    assert parse_answer(raw, text).sender_name == ""


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["I'm ", "my name is ", "as a ", "I work on "]))
def test_the_sender_is_always_the_users_words(text, lead):
    got = extract_by_rules(f"{PRIYA}. {lead}{text}")
    assert got.sender_name in text
    assert all(w in f"{lead}{text}" for w in got.sender_headline.split() if w != "working")


# --- the same on the embedded model ----------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    "text, relationship, name, headline",
    [
        (
            f"{PRIYA}. I heard her podcast episode on migrating to Kubernetes and want to ask how "
            "they handled on-call during the move. I'm Sam, an SRE at Fintrail.",
            "stranger",
            "Sam",
            "SRE at Fintrail",
        ),
        (
            "My name is Ana Ruiz, a data engineer at Globex. I want to connect with Tom Berg; "
            "we worked together at Acme and I'd like to catch up.",
            "colleague",
            "Ana Ruiz",
            "data engineer at Globex",
        ),
        (
            "Help me write to Lee Chen, ML lead at Initech. Dana suggested I reach out about "
            "ranking models.",
            "referral",
            "",
            "",
        ),
        (
            "I'm a PhD student at MIT. I want to connect with Lee Chen, a fellow Michigan alum, "
            "and would like advice on internships.",
            "alumni",
            "",
            "PhD student at MIT",
        ),
    ],
)
def test_embedded_model_reads_sender_and_relationship(
    local_settings, text, relationship, name, headline
):
    from assistant import api

    got = api.extract_request(text, local_settings)
    print(f"read by {got.source}: {got!r}")  # with -s: whether the model or the rules read it
    assert got.relationship == relationship
    assert (got.sender_name, got.sender_headline) == (name, headline)
