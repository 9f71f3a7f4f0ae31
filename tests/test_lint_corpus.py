"""Precision and recall per rule on two hand-labelled corpora in tests/data/:
lint_corpus.jsonl (the rules were tuned on it) and lint_heldout.jsonl (written later by
someone who never saw the rules; its first, blind scores are in the closing note of the
linter issue, and it gates the same thresholds since).

Each line lists every rule that should fire on it; the test prints a table and fails any
required rule below precision 0.95 (0.90 for a rule the scorer decides) or recall 0.85. Run
with -s to see the tables."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from assistant import lint
from assistant.lint import RULES_BY_ID

DATA = Path(__file__).parent / "data"
CORPORA = ["lint_corpus.jsonl", "lint_heldout.jsonl"]
REQUIRED = [
    "length.over-limit", "note.blank", "note.default-text", "invite.missing-who",
    "invite.missing-why", "invite.missing-ask", "invite.flattery", "invite.sales-pitch",
    "invite.vague-purpose", "invite.mutual-count-reason", "style.placeholder", "style.shouting",
    "style.apology-opener", "style.personal-data-ask", "reply.no-opening", "reply.harsh",
    "reply.invented-meeting", "grounding.unsupported",
]  # fmt: skip
MIN_PRECISION, MIN_RECALL = 0.95, 0.85
# A rule the learned scorer decides is held to its precision on writers it never saw
# (training/cross_validate.py --by writer --sweep); here, with about ten positives a rule, one
# false alarm costs nine points, so its floor is 0.90.
MIN_SCORED_PRECISION = 0.90


def _min_precision(rule: str) -> float:
    return MIN_PRECISION if RULES_BY_ID[rule].judged_by == "rules" else MIN_SCORED_PRECISION


def _load(name: str = "lint_corpus.jsonl") -> list[dict]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def score(items: list[dict]) -> dict[str, Counter]:
    """True positives, false positives and false negatives per rule."""
    counts: dict[str, Counter] = {rule: Counter() for rule in REQUIRED}
    for item in items:
        fired = lint(
            item["text"],
            kind=item["kind"],
            situation=item.get("situation"),
            account=item.get("account") or "premium",
            limit=item.get("limit"),
            facts=item.get("facts"),
        ).rules()
        expected = set(item["expect"])
        for rule in REQUIRED:
            hit, want = rule in fired, rule in expected
            counts[rule]["tp" if hit and want else "fp" if hit else "fn" if want else "tn"] += 1
    return counts


@pytest.mark.parametrize("name", CORPORA)
def test_corpus_is_large_and_covers_every_kind(name):
    items = _load(name)
    assert len(items) >= 150
    assert {i["kind"] for i in items} == {"invite", "reply", "incoming"}
    for item in items:
        assert set(item["expect"]) <= set(RULES_BY_ID), item["id"]


@pytest.mark.parametrize("name", CORPORA)
def test_precision_and_recall_per_rule(name, capsys):
    counts = score(_load(name))
    rows, failing = [], []
    for rule, c in counts.items():
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        rows.append(
            f"{rule:<28} {c['tp']:>4} {c['fp']:>4} {c['fn']:>4} {precision:>6.2f} {recall:>6.2f}"
        )
        if c["tp"] + c["fn"] == 0:
            failing.append(f"{rule}: no positive examples in the corpus")
        elif precision < _min_precision(rule) or recall < MIN_RECALL:
            failing.append(f"{rule}: precision {precision:.2f}, recall {recall:.2f}")
    with capsys.disabled():
        print(f"\n{name}\nrule                           tp   fp   fn  prec.  recall")
        print("\n".join(rows))
    assert not failing, "; ".join(failing)


@pytest.mark.parametrize("item", _load() + _load("lint_heldout.jsonl"), ids=lambda i: i["id"])
def test_no_error_on_corpus_spans(item):
    result = lint(
        item["text"],
        kind=item["kind"],
        situation=item.get("situation"),
        facts=item.get("facts"),
        account=item.get("account") or "premium",
    )
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(item["text"])
