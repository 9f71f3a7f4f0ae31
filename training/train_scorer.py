"""Train the learned scorer from the labelled notes and write `assistant/lint/scorer/weights.bin`.

    .venv/bin/python training/train_scorer.py [--check] [--out PATH]

Deterministic: the same data and code give the same weights. `--check` trains into memory and
exits 1 when the committed weights differ (the stale-weights test runs the cheaper hash check
in `assistant.lint.scorer`). scikit-learn is a dev dependency: only this script imports it.

What it learns (see training/data.py for the sets):
- one yes/no head per fuzzy lint rule (invite.missing-who / -why / -ask, invite.sales-pitch,
  invite.flattery, invite.vague-purpose), from outgoing notes whose problems are listed;
- one five-way head, `triage`, from incoming requests labelled with the reply they deserve;
- the same five-way head over the sentence encoder's vectors (assistant/triage/encoder.py),
  written to `assistant/triage/encoder_head.json`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.lint.scorer import MAGIC, WEIGHTS_FILE  # noqa: E402
from assistant.lint.scorer.features import blocks  # noqa: E402
from training.data import (  # noqa: E402
    BINARY_HEADS,
    TRIAGE_LABELS,
    data_fingerprint,
    incoming_examples,
    outgoing_examples,
)

OUT = ROOT / "assistant" / "lint" / "scorer" / WEIGHTS_FILE
ENCODER_OUT = ROOT / "assistant" / "triage" / "encoder_head.json"
MIN_DF = 3  # a feature seen in only one or two notes is theirs, not the language's
C_BINARY = 4.0  # inverse regularisation, chosen by grouped cross-validation (--cv)
C_TRIAGE = 16.0  # chosen holding out a writer at a time (training/cross_validate.py --by writer)
C_ENCODER = 1.0  # the same way, for the encoder head (1 against 4 and 16)
REAL_WEIGHT = 1.0
PITCH_FROM_INCOMING = 1
# From which probability each yes/no rule reports, chosen on held-out writers of the written
# notes (training/cross_validate.py --by writer --sweep), never on the test split: the best
# balance of precision and recall that adds few alarms on notes the readers found good.
THRESHOLDS = {
    "invite.missing-who": 0.5,
    "invite.missing-why": 0.5,
    "invite.missing-ask": 0.5,
    "invite.sales-pitch": 0.5,
    "invite.flattery": 0.6,
    # Vague purposes are found badly (recall 0.41 at precision 0.71 held out), and from 0.6 on
    # the scorer raised no alarm on a good note.
    "invite.vague-purpose": 0.6,
}


def idf_table(texts: list[str]) -> dict[str, float]:
    """Smoothed idf of every feature in at least MIN_DF notes, as scikit-learn computes it."""
    df: Counter[str] = Counter()
    for text in texts:
        df.update({f for block in blocks(text) for f in block})
    n = len(texts)
    kept = sorted(f for f, d in df.items() if d >= MIN_DF)
    return {f: math.log((1 + n) / (1 + df[f])) + 1.0 for f in kept}


def matrix(texts: list[str], index: dict[str, int], idf: list[float]):
    """Rows as the run-time scorer sees them: summed idf-weighted blocks over the blocks' norm."""
    from scipy.sparse import csr_matrix

    data, cols, ptr = [], [], [0]
    for text in texts:
        row: dict[int, float] = {}
        norm2 = 0.0
        for block in blocks(text):
            for feature, count in block.items():
                i = index.get(feature)
                if i is None:
                    continue
                value = count * idf[i]
                norm2 += value * value
                row[i] = row.get(i, 0.0) + value
        norm = math.sqrt(norm2) or 1.0
        for i in sorted(row):
            cols.append(i)
            data.append(row[i] / norm)
        ptr.append(len(cols))
    return csr_matrix((data, cols, ptr), shape=(len(texts), len(index)))


def fit(x, y, c: float, weights: list[float]):
    """A logistic regression; lbfgs on one thread is deterministic."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced", tol=1e-4)
    model.fit(x, y, sample_weight=weights)
    return model


def sample_weights(examples: list) -> list[float]:
    """Real notes count REAL_WEIGHT times a synthetic one: they are the style to learn."""
    return [REAL_WEIGHT if e.source.startswith("http") else 1.0 for e in examples]


def _ignored_for_other_reasons(text: str) -> bool:
    """True when a crisp rule, not selling, makes an incoming note one to ignore."""
    from assistant import lint

    crisp = ["style.personal-data-ask", "note.assistant-order"]
    return bool(lint(text, kind="incoming", select=crisp).findings)


def train(incoming: list | None = None, outgoing: list | None = None) -> tuple[bytes, dict]:
    """Fit every head (on the shipped training data unless given) and return the weights
    file's bytes and a summary."""
    incoming = incoming_examples() if incoming is None else incoming
    outgoing = outgoing_examples() if outgoing is None else outgoing
    from scipy.sparse import vstack

    texts = [e.text for e in incoming] + [e.text for e in outgoing]
    idf_by_feature = idf_table(texts)
    vocab = list(idf_by_feature)
    index = {f: i for i, f in enumerate(vocab)}
    idf = [idf_by_feature[f] for f in vocab]

    heads, columns, intercepts = [], [], []
    x_out = matrix([e.text for e in outgoing], index, idf)
    x_in = matrix([e.text for e in incoming], index, idf)
    # Selling reads the same whichever way a note travels: the pitch head also learns from
    # incoming requests, an ignored one being a pitch unless a crisp rule says why it is
    # ignored (a personal-data ask, orders to an assistant): those are not sales talk.
    x_both = vstack([x_out, x_in]).tocsr()
    for name in BINARY_HEADS:
        y = [int(name in e.problems) for e in outgoing]
        if name == "invite.sales-pitch" and PITCH_FROM_INCOMING:
            y += [
                int(e.label == "ignore" and not _ignored_for_other_reasons(e.text))
                for e in incoming
            ]
            model = fit(x_both, y, C_BINARY, sample_weights(outgoing + incoming))
        else:
            model = fit(x_out, y, C_BINARY, sample_weights(outgoing))
        heads.append({"name": name, "labels": [name], "first": len(columns)})
        columns.append(model.coef_[0])
        intercepts.append(float(model.intercept_[0]))
    model = fit(x_in, [e.label for e in incoming], C_TRIAGE, sample_weights(incoming))
    order = [list(model.classes_).index(label) for label in TRIAGE_LABELS]
    heads.append({"name": "triage", "labels": list(TRIAGE_LABELS), "first": len(columns)})
    for k in order:
        columns.append(model.coef_[k])
        intercepts.append(float(model.intercept_[k]))

    summary = {
        "fingerprint": data_fingerprint(),
        "features": len(vocab),
        "incoming": dict(sorted(Counter(e.label for e in incoming).items())),
        "outgoing": len(outgoing),
        "outgoing_problems": {h: sum(h in e.problems for e in outgoing) for h in BINARY_HEADS},
    }
    return encode(vocab, idf, heads, columns, intercepts, THRESHOLDS, summary), summary


def train_encoder_head(incoming: list | None = None, encoder=None) -> str:
    """Fit the triage head over the sentence encoder's vectors; the head file's text."""
    from assistant.triage.encoder import Encoder

    incoming = incoming_examples() if incoming is None else incoming
    vectors = (encoder or Encoder()).vectors([e.text for e in incoming])
    model = fit(vectors, [e.label for e in incoming], C_ENCODER, sample_weights(incoming))
    order = [list(model.classes_).index(label) for label in TRIAGE_LABELS]
    head = {
        "labels": list(TRIAGE_LABELS),
        # Rounded: the file is reviewed in diffs, and six decimals change no decision.
        "coef": [[round(float(w), 6) for w in model.coef_[k]] for k in order],
        "intercept": [round(float(model.intercept_[k]), 6) for k in order],
        "meta": {"fingerprint": data_fingerprint(), "C": C_ENCODER, "notes": len(incoming)},
    }
    return json.dumps(head, separators=(",", ":")) + "\n"


def encode(vocab, idf, heads, columns, intercepts, thresholds, meta) -> bytes:
    """The weights file: magic, header length, JSON header, vocabulary, idf, weight rows."""
    from array import array

    k = len(columns)
    # 16-bit weights with a scale per column: half the file, and a weight moves by at most
    # 1/65,534 of its column's largest, which changes no decision.
    scales = [max(abs(float(w)) for w in column) / 32767 or 1.0 for column in columns]
    header = json.dumps(
        {
            "heads": heads,
            "columns": k,
            "scales": scales,
            "intercepts": [round(b, 6) for b in intercepts],
            "vocab_bytes": len("\n".join(vocab).encode("utf-8")),
            "meta": meta,
            "thresholds": thresholds,
        },
        sort_keys=True,
    ).encode("utf-8")
    rows = array(
        "h", (round(float(columns[c][i]) / scales[c]) for i in range(len(vocab)) for c in range(k))
    )
    return b"".join(
        [
            MAGIC,
            len(header).to_bytes(4, "little"),
            header,
            "\n".join(vocab).encode("utf-8"),
            array("f", idf).tobytes(),
            rows.tobytes(),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Train, then write the weights or (--check) compare them with the committed ones."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the weights are stale")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    raw, summary = train()
    head = train_encoder_head()
    digest = hashlib.sha256(raw).hexdigest()[:16]
    if args.check:
        same = args.out.exists() and args.out.read_bytes() == raw
        same_head = ENCODER_OUT.exists() and ENCODER_OUT.read_text(encoding="utf-8") == head
        print(f"weights {'up to date' if same else 'STALE'} ({digest})")
        print(f"encoder head {'up to date' if same_head else 'STALE'}")
        return 0 if same and same_head else 1
    args.out.write_bytes(raw)
    ENCODER_OUT.write_text(head, encoding="utf-8")
    print(json.dumps(summary, indent=1))
    print(f"wrote {args.out.relative_to(ROOT)}: {len(raw) / 1e6:.2f} MB, sha256 {digest}")
    print(f"wrote {ENCODER_OUT.relative_to(ROOT)}: {len(head) / 1e3:.0f} kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
