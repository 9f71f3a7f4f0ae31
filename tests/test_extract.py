"""Reading a plain-language request: the model's JSON is checked; the rules never invent."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
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
