"""How far the readers of tests/data/notes_written.jsonl agree: the ceiling the scorer aims at.

    .venv/bin/python training/agreement.py [--json]

- incoming notes: how often the first two readers chose the same action, Cohen's kappa, and
  the same where both were sure; how often one reader's action is the final label;
- outgoing notes: per problem, how often the two readers agree and the kappa; how often they
  found exactly the same problems.
Computed from the file alone (every reading is kept in its row).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from training.data import BINARY_HEADS, WRITTEN, read  # noqa: E402


def kappa(pairs: list[tuple[object, object]]) -> float:
    """Cohen's kappa of two raters over the same items."""
    n = len(pairs)
    if not n:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def first_two(row: dict) -> list[tuple[str, object, int]]:
    """The two independent readings, as (reader, label, sure); the third, if any, came only
    for disagreements."""
    return [tuple(r) for r in row["readings"] if not r[0].startswith("third-")][:2]


def incoming_agreement(rows: list[dict]) -> dict:
    """Agreement of the two readers on incoming actions, and of each reading with the label."""
    pairs = [tuple(label for _, label, _ in first_two(row)) for row in rows]
    sure = [
        tuple(label for _, label, _ in first_two(row))
        for row in rows
        if all(sure for _, _, sure in first_two(row))
    ]
    with_final = [label == row["action"] for row in rows for _, label, _ in first_two(row)]
    return {
        "notes": len(rows),
        "two_readers_agree": sum(a == b for a, b in pairs) / len(pairs),
        "kappa": kappa(pairs),
        "both_sure": len(sure),
        "agree_when_both_sure": sum(a == b for a, b in sure) / len(sure) if sure else None,
        "reader_matches_label": sum(with_final) / len(with_final),
        "labels": dict(Counter(row["action"] for row in rows).most_common()),
    }


def outgoing_agreement(rows: list[dict]) -> dict:
    """Per problem: agreement and kappa of the two readers; exact-set agreement."""
    per_head = {}
    for head in BINARY_HEADS:
        pairs = [tuple(head in label for _, label, _ in first_two(row)) for row in rows]
        per_head[head] = {
            "agree": sum(a == b for a, b in pairs) / len(pairs),
            "kappa": kappa(pairs),
            "labelled": sum(head in row["expect"] for row in rows),
        }
    same = [first_two(row)[0][1] == first_two(row)[1][1] for row in rows]
    return {
        "notes": len(rows),
        "same_problems": sum(same) / len(same),
        "clean": sum(not row["expect"] for row in rows),
        "per_problem": per_head,
    }


def report() -> dict:
    """Both directions' figures."""
    rows = read(WRITTEN)
    return {
        "incoming": incoming_agreement([r for r in rows if r["direction"] == "incoming"]),
        "outgoing": outgoing_agreement([r for r in rows if r["direction"] == "outgoing"]),
    }


def main(argv: list[str] | None = None) -> int:
    """Print the readers' agreement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    figures = report()
    if args.json:
        print(json.dumps(figures, indent=1))
        return 0
    inc, out = figures["incoming"], figures["outgoing"]
    print(
        f"incoming: {inc['notes']} notes; the two readers agree on {inc['two_readers_agree']:.1%}"
        f" (kappa {inc['kappa']:.2f}); where both were sure ({inc['both_sure']}): "
        f"{inc['agree_when_both_sure']:.1%}; a reading matches the final label "
        f"{inc['reader_matches_label']:.1%}"
    )
    print(f"  labels: {inc['labels']}")
    print(
        f"outgoing: {out['notes']} notes ({out['clean']} clean); the two readers found exactly "
        f"the same problems in {out['same_problems']:.1%}"
    )
    for head, h in out["per_problem"].items():
        print(
            f"  {head:<22} agree {h['agree']:.1%}  kappa {h['kappa']:.2f}  labelled {h['labelled']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
