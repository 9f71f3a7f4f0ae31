"""Triage suggestions: a table of incoming notes and the reply each should get."""

from __future__ import annotations

import pytest

from assistant.triage import Suggestion, suggest_situation

CASES = [
    # (note, mutual, known, expected situation)
    ("", None, False, "letdown"),
    ("   ", 3, False, "letdown"),
    ("I'd like to add you to my professional network.", None, False, "letdown"),
    ("Hi, let's connect!", 1, False, "letdown"),
    (
        "It would be a great honour to connect with such an inspiring leader.",
        None,
        False,
        "letdown",
    ),
    ("Let's explore mutual synergies and opportunities.", None, False, "letdown"),
    (
        "Hi, our product helps data teams cut cloud costs by 40%. Can we book a quick call "
        "for a demo? https://acme.io",
        12,
        False,
        "ignore",
    ),
    (
        "Hi Sam, I'm Priya, a data engineer at Initech. I read your post on Kafka backpressure "
        "and I'd love to ask you two questions about partitioning. Would you mind?",
        8,
        False,
        "how-can-i-help",
    ),
    (
        "Great to meet you at the Berlin meetup last week! Let's stay in touch.",
        None,
        False,
        "how-met",
    ),
    ("Hi, we met at PyCon in Prague, I was the one asking about typing.", 2, False, "how-met"),
    ("I love your posts on streaming, they're always insightful.", None, False, "follow"),
    ("Hi, let's connect!", 40, True, "accept"),
    ("", None, True, "accept"),
]


@pytest.mark.parametrize(("note", "mutual", "known", "expected"), CASES)
def test_situation_table(note, mutual, known, expected):
    s = suggest_situation(note, mutual=mutual, known=known)
    assert isinstance(s, Suggestion)
    assert s.situation == expected, s.reasons
    assert s.reasons and all(isinstance(r, str) and r for r in s.reasons)
    assert 0.0 < s.confidence <= 1.0


def test_reasons_quote_the_words_that_decided():
    s = suggest_situation("Hi, our product saves you money. Quick call? https://x.io")
    assert any("our product" in r for r in s.reasons)


def test_few_mutual_connections_is_a_reason():
    s = suggest_situation("Hi, let's connect!", mutual=2)
    assert "only 2 connections in common" in s.reasons
    assert (
        suggest_situation("Hi, let's connect!", mutual=1)
        .reasons[-1]
        .endswith("connection in common")
    )


def test_pitch_wins_over_a_meeting_claim():
    note = "We met at DataConf! Our product cuts costs, book a demo: https://acme.io"
    assert suggest_situation(note).situation == "ignore"
