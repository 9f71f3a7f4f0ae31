"""Triage agreement with a labelled set of incoming invitations, written by a person who never
saw the rules: prints agreement and the confusion matrix, fails below 90 %."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from assistant.triage import assess

DATA = Path(__file__).parent / "data"
ACTIONS = ("accept", "ask-how-met", "how-can-i-help", "letdown", "follow", "ignore")
TARGET = 0.90
# What the rules scored on each set written after them, before any tuning: 82.5 %, 80.8 %,
# 82.5 %, 88.3 %, 80.0 %. The last set stays untuned and gates here.
BLIND_TARGET = 0.75
SETS = tuple(
    f"triage_{s}.jsonl"
    for s in ("labelled", "heldout", "fresh", "blind2", "blind3", "blind4", "blind5")
)


def _rows(name: str) -> list[dict]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _predict(row: dict) -> str:
    return assess(
        row["note"], mutual=row["mutual"], connected=row["connected"], messaged=row["messaged"]
    ).action


def agreement(rows: list[dict]) -> tuple[float, Counter, list[tuple[dict, str]]]:
    """Share of rows where the rules pick the labelled action, the confusion counts (expected,
    predicted), and the disagreements."""
    confusion: Counter = Counter()
    wrong = []
    for row in rows:
        got = _predict(row)
        confusion[row["action"], got] += 1
        if got != row["action"]:
            wrong.append((row, got))
    return 1 - len(wrong) / len(rows), confusion, wrong


def matrix(confusion: Counter) -> str:
    """The confusion matrix as text: rows are the labels, columns the rules' actions."""
    short = {a: a[:8] for a in ACTIONS}
    lines = ["expected \\ got  " + " ".join(f"{short[a]:>8}" for a in ACTIONS)]
    for expected in ACTIONS:
        cells = " ".join(f"{confusion[expected, got]:>8}" for got in ACTIONS)
        lines.append(f"{expected:<15} {cells}")
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("name", "target"),
    # Each set was written by someone who saw neither the rules nor the other sets. The rules
    # were tuned on each in turn after measuring it blind, so the tuned sets gate at the
    # target; blind5 is kept blind: its figure is the honest estimate on new requests.
    [*((name, TARGET) for name in SETS[:-1]), (SETS[-1], BLIND_TARGET)],
)
def test_triage_agrees_with_labels(name: str, target: float) -> None:
    rows = _rows(name)
    score, confusion, wrong = agreement(rows)
    print(f"\n{name}: agreement {score:.1%} on {len(rows)} requests")
    print(matrix(confusion))
    for row, got in wrong:
        print(f"  {row['id']}: expected {row['action']}, got {got}: {row['note'][:90]!r}")
    assert len(rows) >= (100 if name == SETS[0] else 60)
    assert score >= target


def test_labelled_set_is_well_formed() -> None:
    for name in SETS:
        rows = _rows(name)
        assert len({r["id"] for r in rows}) == len(rows)
        assert {r["action"] for r in rows} <= set(ACTIONS)
        assert set(ACTIONS) <= {r["action"] for r in rows}, "every action is represented"


def test_signals_are_case_blind_and_quote_the_note_where_lower_case_is_longer():
    from assistant.triage.decide import Signal

    meeting = Signal(r"\bwe met at\b")
    assert meeting.search("Hi! WE MET AT DataConf").span() == (4, 13)
    # 'İ' lowers to two characters; the span still indexes the note as written.
    note = "İstanbul: We Met At the summit"
    assert note[slice(*meeting.search(note).span())] == "We Met At"
    assert assess("İstanbul'dan selam! WE MET AT the summit last week.").action == "ask-how-met"


def test_a_signal_with_an_upper_case_letter_is_refused():
    from assistant.triage.decide import Signal

    with pytest.raises(ValueError, match="lower case"):
        Signal(r"\bWe met\b")
    assert Signal(r"\bwe met\S*\b").search("We MET!")
