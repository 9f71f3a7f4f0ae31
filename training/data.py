"""The labelled notes the scorer learns from, and the real-note test split it is judged on.

Sets (all JSON Lines under tests/data/):
- `triage_*.jsonl`: incoming requests written by helpers for the rules (synthetic), relabelled
  by the guidance's label policy; rows the export decides (a connection) are left out;
- `lint_corpus.jsonl`, `lint_heldout.jsonl`: notes with the lint problems they have
  (synthetic); English rows only, since their who/why/ask labels were never given for others;
- `notes_synthetic.jsonl`, `notes_synthetic2.jsonl`: varied synthetic notes for both tasks,
  written to the label policy by helpers who saw neither the rules nor the real notes;
- `notes_written.jsonl`: thousands of notes by independent writers, each labelled by two
  readers who saw only the guidance (a third settled disagreements); a note's source is its
  writer, so cross-validation can hold a whole writer out;
- `notes_real.jsonl`: notes real people wrote, quoted on public pages, with their source and a
  split by source; only `split == "train"` rows are learned from.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
BINARY_HEADS = (
    "invite.missing-who",
    "invite.missing-why",
    "invite.missing-ask",
    "invite.sales-pitch",
    "invite.flattery",
    "invite.vague-purpose",
)
TRIAGE_LABELS = ("ask-how-met", "how-can-i-help", "letdown", "ignore", "follow")
REAL = DATA / "notes_real.jsonl"
SYNTHETIC = (DATA / "notes_synthetic.jsonl", DATA / "notes_synthetic2.jsonl")
WRITTEN = DATA / "notes_written.jsonl"
LINT_SETS = ("lint_corpus.jsonl", "lint_heldout.jsonl")


@dataclass(frozen=True)
class Incoming:
    """An incoming request and the reply it deserves."""

    text: str
    label: str
    source: str


@dataclass(frozen=True)
class Outgoing:
    """An outgoing note and the problems it has."""

    text: str
    problems: frozenset[str]
    source: str


def read(path: Path) -> list[dict]:
    """The rows of a JSON Lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def triage_sets() -> list[Path]:
    """The helper-written triage sets, in a fixed order."""
    return sorted(DATA.glob("triage_*.jsonl"))


def written_notes() -> list[dict]:
    """The independent writers' notes with their readers' labels."""
    return read(WRITTEN) if WRITTEN.exists() else []


def real_notes(split: str | None = None) -> list[dict]:
    """The real notes, optionally one split."""
    rows = read(REAL) if REAL.exists() else []
    return [r for r in rows if split is None or r["split"] == split]


def incoming_examples() -> list[Incoming]:
    """Every incoming request the triage head learns from."""
    out = []
    for path in triage_sets():
        for row in read(path):
            if row["action"] != "accept" and not row.get("connected") and not row.get("messaged"):
                out.append(Incoming(row["note"], row["action"], path.stem))
    rows = [r for path in SYNTHETIC for r in read(path)]
    out += [Incoming(r["text"], r["action"], "synthetic") for r in rows if "action" in r]
    out += [
        Incoming(r["text"], r["action"], "written:" + r["writer"])
        for r in written_notes()
        if r["direction"] == "incoming"
    ]
    out += [
        Incoming(r["text"], r["action"], r["source"])
        for r in real_notes("train")
        if r["direction"] == "incoming"
    ]
    return out


def outgoing_examples() -> list[Outgoing]:
    """Every outgoing note the yes/no heads learn from."""
    from assistant.lint.language import looks_english

    out = []
    for name in LINT_SETS:
        for row in read(DATA / name):
            if row["kind"] in ("invite", "incoming") and looks_english(row["text"].lower()):
                out.append(Outgoing(row["text"], frozenset(row["expect"]), name))
    rows = [r for path in SYNTHETIC for r in read(path)]
    out += [Outgoing(r["text"], frozenset(r["expect"]), "synthetic") for r in rows if "expect" in r]
    out += [
        Outgoing(r["text"], frozenset(r["expect"]), "written:" + r["writer"])
        for r in written_notes()
        if r["direction"] == "outgoing"
    ]
    out += [
        Outgoing(r["text"], frozenset(r["expect"]), r["source"])
        for r in real_notes("train")
        if r["direction"] == "outgoing"
    ]
    return out


def data_fingerprint() -> str:
    """A hash of every input of training: the data files and the code that reads them."""
    files = [
        *triage_sets(),
        *(DATA / name for name in LINT_SETS),
        *SYNTHETIC,
        WRITTEN,
        REAL,
        ROOT / "assistant" / "lint" / "scorer" / "features.py",
        ROOT / "training" / "train_scorer.py",
        Path(__file__),
    ]
    digest = hashlib.sha256()
    for path in files:
        if path.exists():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]
