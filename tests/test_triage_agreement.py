"""Triage agreement with labelled incoming invitations: prints agreement and the confusion
matrix per set, and fails below each set's floor.

The helper-written sets are training data of the learned scorer now, so their figures are
in-sample; the honest figures are the real notes' test split, in tests/test_real_notes.py."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from assistant.triage import assess

DATA = Path(__file__).parent / "data"
ACTIONS = ("accept", "ask-how-met", "how-can-i-help", "letdown", "follow", "ignore")
# In-sample floors: the scorer learned from these sets (they scored 100 % with the old rules,
# which were tuned on all but blind5).
TARGET = 0.90
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


@pytest.mark.parametrize(("name", "target"), [(name, TARGET) for name in SETS])
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


def test_quotes_line_up_where_lower_case_is_longer():
    """'İ' lowers to two characters; the quoted sentence still indexes the note as written."""
    note = "İstanbul'dan selam! WE MET AT the summit last week."
    found = assess(note)
    assert found.action == "ask-how-met"
    assert any("WE MET AT the summit" in reason for reason in found.reasons)
