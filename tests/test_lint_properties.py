"""Property tests: whatever the text, lint never raises, spans lie inside it, and it is
deterministic. 1,000 examples per property."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assistant import lint
from assistant.lint.model import KINDS, SITUATIONS

# Text that stresses the rules: control, zero-width, right-to-left, emoji, CJK, curly quotes,
# and the words the rules look for, so checks fire rather than idle.
_ODD = list("\x00\x1b\r\n\t\u200b\u200d\u2060\ufeff\u202e\u2066\u0301’“”!?[]{}<>") + [
    "👋",
    "👩🏽‍💻",
    "李娜",
    "محمد",
    "Zoë",
    "I'm",
    " Sorry ",
    " PLEASE ",
    "https://x.io/a",
    " we met at ",
    "your talk",
    " would you ",
    "[Name]",
    "{company}",
    " 14 connections in common ",
]
TEXT = st.one_of(
    st.text(max_size=600),
    st.lists(st.one_of(st.sampled_from(_ODD), st.text(max_size=12)), max_size=60).map("".join),
)
FACTS = st.one_of(
    st.none(),
    st.lists(st.text(max_size=20), max_size=5),
    st.fixed_dictionaries(
        {
            "sender": st.lists(st.text(max_size=20), max_size=3),
            "recipient": st.lists(st.sampled_from(_ODD) | st.text(max_size=20), max_size=3),
        }
    ),
)
ARGS = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(KINDS),
        "situation": st.none() | st.sampled_from(SITUATIONS),
        "account": st.sampled_from(["premium", "free"]),
        "limit": st.none() | st.integers(1, 2000),
        "facts": FACTS,
    }
)
HUGE = "Hi Ana, I'm Sam. I loved your talk!! " * 28_000  # about 1 MB
PROPERTY = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(TEXT, ARGS)
@example(
    "", {"kind": "invite", "situation": None, "account": "premium", "limit": None, "facts": None}
)
@example(
    HUGE,
    {"kind": "reply", "situation": "letdown", "account": "free", "limit": None, "facts": ["Ana"]},
)
def test_lint_never_raises_and_spans_lie_inside(text, args):
    result = lint(text, **args)
    assert result.chars <= len(text)
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(text), f
        assert f.message and f.severity in ("error", "warning", "info")
    assert result.ok == (not any(f.severity == "error" for f in result.findings))


@PROPERTY
@given(TEXT, ARGS)
def test_lint_is_deterministic(text, args):
    assert lint(text, **args).to_dict() == lint(text, **args).to_dict()


@PROPERTY
@given(TEXT, ARGS)
def test_json_round_trips(text, args):
    import json

    data = lint(text, **args).to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
