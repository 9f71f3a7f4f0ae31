"""Regression floors on the real notes' test split (tests/data/notes_real.jsonl).

The split was scored once, blind, when the scorer was frozen (docs/real-notes-report.md); the
floors sit a few notes under those figures so a regression fails without anyone tuning on the
split. Never raise a floor by changing the code to fit these notes.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.judgment_report import (  # noqa: E402
    ACTIONS,
    lint_figures,
    load,
    print_report,
    triage_figures,
)

# Scored once, on the labels as the guidance's policy now reads them (issue 18,
# docs/real-notes-report.md): triage 67.4 % (64 of 95), good invitations clean 84.6 % (11 of
# 13), expected problems found 65.2 % (73 of 112). Each floor allows about five notes of slack
# (the good-invitations one, on 13 notes, two).
TRIAGE_FLOOR = 0.62
GOOD_CLEAN_FLOOR = 0.69
FOUND_FLOOR = 0.60


def test_real_notes_corpus_is_split_by_site():
    from training.build_real_corpus import site

    rows = load("all")
    incoming = [r for r in rows if r["direction"] == "incoming"]
    outgoing = [r for r in rows if r["direction"] == "outgoing"]
    assert len(incoming) >= 200 and len(outgoing) >= 150
    splits = ("train", "test", "test2")
    sites = {split: {site(r["source"]) for r in rows if r["split"] == split} for split in splits}
    for i, a in enumerate(splits):
        for b in splits[i + 1 :]:
            assert not sites[a] & sites[b], f"a site gives notes to both {a} and {b}"
    assert all(r["source"].startswith(("https://", "http://")) for r in rows)
    assert {r["action"] for r in incoming} == set(ACTIONS)


def test_real_notes_test_split_floors():
    rows = load("test")
    t = triage_figures([r for r in rows if r["direction"] == "incoming"])
    lf = lint_figures([r for r in rows if r["direction"] == "outgoing"])
    print_report(t, lf, "real notes, test split")
    n = sum(sum(row.values()) for row in t["confusion"].values())
    right = sum(t["confusion"][a][a] for a in ACTIONS)
    c = lf["counts"]
    assert right / n >= TRIAGE_FLOOR
    assert c["good_clean"] / c["good"] >= GOOD_CLEAN_FLOOR
    assert c["found"] / c["expected"] >= FOUND_FLOOR
