"""The learned scorer: its weights are current, it reads notes as training did, and its
judgements come with a sentence and the words that weighed."""

from __future__ import annotations

import importlib.util
import math
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import lint
from assistant.lint.scorer import Model, model, score
from assistant.lint.scorer.features import blocks, normalize, raw_words

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from training.data import BINARY_HEADS, TRIAGE_LABELS, data_fingerprint  # noqa: E402


def test_weights_are_trained_on_the_committed_data():
    """Changing a labelled set, the features or the training script without `make train`
    leaves stale weights: the fingerprint stored in them no longer matches."""
    assert model().meta["fingerprint"] == data_fingerprint(), "weights are stale: run make train"


def test_weights_hold_every_head():
    heads = model().heads
    assert set(BINARY_HEADS) | {"triage"} == set(heads)
    assert heads["triage"].labels == TRIAGE_LABELS
    assert all(0.0 < model().thresholds[h] < 1.0 for h in BINARY_HEADS)


def test_weights_file_is_small():
    size = (ROOT / "assistant" / "lint" / "scorer" / "weights.bin").stat().st_size
    assert size < 4_000_000


@pytest.mark.skipif(importlib.util.find_spec("sklearn") is None, reason="needs the dev extras")
def test_training_is_deterministic_and_reproduces_the_committed_weights():
    """`training/train_scorer.py --check` retrains from scratch and compares byte for byte."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "training" / "train_scorer.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_run_time_scores_match_the_training_features():
    """The cached word shares give the same score as summing every feature afresh."""
    m = model()
    text = "Hi Ana, I'm a data engineer at Acme; loved your talk on Kafka. Could we chat?"
    fast = m.score(text).raw
    k = m.columns
    total, norm2 = [0.0] * k, 0.0
    for block in blocks(text):
        share, n2 = m._share(block)
        total = [a + b for a, b in zip(total, share, strict=True)]
        norm2 += n2
    slow = [t / math.sqrt(norm2) + b for t, b in zip(total, m.intercepts, strict=True)]
    assert fast == pytest.approx(slow, abs=1e-9)


def test_words_keep_spans_when_normalising_changes_length():
    text = "Straße İstanbul ﬁne 2024"
    words = raw_words(text)
    assert [text[s:e] for _, s, e in words] == ["Straße", "İstanbul", "ﬁne", "2024"]
    assert normalize("ﬁne 2024") == "fine 0000"


def test_probabilities_are_probabilities():
    s = score("We help manufacturers streamline operations. Free audit this week?")
    assert all(0.0 <= s.probability(h) <= 1.0 for h in BINARY_HEADS)
    assert sum(s.distribution("triage").values()) == pytest.approx(1.0)


def test_a_pitch_in_plain_words_is_found_with_its_sentence_and_words():
    text = "Hi Dana, hope your week is going well. I help teams automate their monthly reports."
    found = [f for f in lint(text).findings if f.rule == "invite.sales-pitch"]
    assert found, lint(text).findings
    pitch = found[0]
    assert text[pitch.start : pitch.end] == "I help teams automate their monthly reports."
    assert pitch.reason.startswith("scorer ") and "'" in pitch.reason


def test_a_crisp_pitch_keeps_its_exact_span_and_no_reason():
    text = "Hi Dana, book a demo at https://acme.io/demo"
    pitches = [f for f in lint(text).findings if f.rule == "invite.sales-pitch"]
    assert [text[f.start : f.end] for f in pitches] == ["book a demo", "https://acme.io/demo"]
    assert all(f.reason is None for f in pitches)


def test_who_said_without_im_a_is_enough():
    """The guidance: 'who you are' is any statement of role, field, team or company."""
    for text in (
        "Hi Lee, also in supply-chain analytics here. Your team's approach to demand sensing "
        "in the Q3 post was sharp; would love to connect.",
        "Hi Lee, with a background in energy data I enjoyed your grid-forecasting talk at "
        "DataWeek. Could I ask you one question about it?",
    ):
        assert "invite.missing-who" not in lint(text).rules(), text


def test_non_english_notes_are_judged():
    result = lint("Hallo Frau Weber, schönes Profil! Lassen Sie uns vernetzen.")
    assert "invite.missing-why" in result.rules()


def test_a_corrupt_weights_file_is_refused():
    with pytest.raises(ValueError, match="not a Cordial scorer"):
        Model(b"garbage")


def test_the_word_cache_is_bounded(monkeypatch):
    import assistant.lint.scorer as scorer

    m = Model((ROOT / "assistant" / "lint" / "scorer" / "weights.bin").read_bytes())
    monkeypatch.setattr(scorer, "WORD_CACHE_SIZE", 50)
    m.score(" ".join(f"name{i}x" for i in range(500)))
    assert len(m._words) <= 50


def test_triage_reads_a_note_without_words_as_empty_and_a_little_known_script_by_encoder():
    from assistant.triage.decide import assess

    assert assess("👋🙏").action == "letdown"
    # Few of its n-grams are known: the sentence encoder reads it, and it is judged, not
    # left to a default; the linter's scorer-backed rules stay silent on it.
    korean = "서연님 안녕하세요, 게임 디자이너 김민준입니다. 온보딩 조언을 구할 수 있을까요?"
    judged = assess(korean)
    assert judged.action == "how-can-i-help" and not judged.needs_review
    assert any("sentence encoder" in r for r in judged.reasons)
    assert not lint("서연님 안녕하세요, 게임 디자이너 김민준입니다.").findings
