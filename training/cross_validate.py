"""Out-of-fold figures on the real notes' TRAIN split: the figures to tune on, since the test
split is scored once only.

    .venv/bin/python training/cross_validate.py [--folds 5]

Sites of the train split are dealt into folds; for each fold the scorer is trained without
that fold's real notes and the fold is judged by the full linter and triage (crisp rules and
scorer together), exactly as benchmarks/judgment_report.py judges the test split.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import assistant.lint.scorer as scorer  # noqa: E402
import training.train_scorer as trainer  # noqa: E402
from assistant import lint  # noqa: E402
from benchmarks.judgment_report import (  # noqa: E402
    lint_figures,
    merge,
    print_misses,
    print_report,
    triage_figures,
)
from training.build_real_corpus import site  # noqa: E402
from training.data import (  # noqa: E402
    BINARY_HEADS,
    incoming_examples,
    outgoing_examples,
    real_notes,
)


def fold_of(url: str, folds: int) -> int:
    """A site's fold, fixed by a hash of its name."""
    return int(hashlib.sha256(site(url).encode()).hexdigest(), 16) % folds


def main(argv: list[str] | None = None) -> int:
    """Train k models, judge each held-out fold, print the pooled figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--sweep", action="store_true", help="also try thresholds per rule")
    parser.add_argument("--misses", action="store_true", help="print every disagreement")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="try another training constant, e.g. --set C_TRIAGE=2",
    )
    args = parser.parse_args(argv)
    for item in args.set:
        name, value = item.split("=", 1)
        setattr(trainer, name, float(value))
    records: list[dict] = []
    rows = real_notes("train")
    incoming, outgoing = incoming_examples(), outgoing_examples()
    judged_in, judged_out = [], []
    for k in range(args.folds):
        held = {r["source"] for r in rows if fold_of(r["source"], args.folds) == k}
        raw, _ = trainer.train(
            [e for e in incoming if e.source not in held],
            [e for e in outgoing if e.source not in held],
        )
        model = scorer.Model(raw)
        scorer.model = lambda model=model: model  # score() looks the model up at call time
        fold = [r for r in rows if r["source"] in held]
        judged_in.append(triage_figures([r for r in fold if r["direction"] == "incoming"]))
        judged_out.append(lint_figures([r for r in fold if r["direction"] == "outgoing"]))
        if args.sweep:
            records += raw_judgements(model, [r for r in fold if r["direction"] == "outgoing"])
        print(f"fold {k}: {len(fold)} notes", file=sys.stderr)
    pooled_in, pooled_out = merge(judged_in), merge(judged_out)
    print_report(pooled_in, pooled_out, f"train split, {args.folds}-fold out-of-fold by site")
    if args.misses:
        print_misses(pooled_in, pooled_out)
    if args.sweep:
        sweep(records)
    return 0


def raw_judgements(model, rows: list[dict]) -> list[dict]:
    """Per note and yes/no head: the probability, whether a phrase settled it (a crisp hit,
    or for the missing-* rules a phrase that vetoes), and the label."""
    saved = model.thresholds
    model.thresholds = dict.fromkeys(BINARY_HEADS, 0.0)  # fires unless a phrase vetoes
    out = []
    for r in rows:
        findings = lint(r["text"], kind="invite").findings
        open_ = {f.rule for f in findings}
        crisp = {f.rule for f in findings if not f.reason}
        scores = model.score(r["text"])
        for head in BINARY_HEADS:
            out.append(
                {
                    "head": head,
                    "p": scores.probability(head),
                    "crisp": head in crisp,
                    "vetoed": head not in open_,
                    "want": head in r["expect"],
                    "good": not r["expect"],
                }
            )
    model.thresholds = saved
    return out


def sweep(records: list[dict]) -> None:
    """Precision, recall and false alarms on good notes per head, threshold and veto."""
    print("head                      t   veto  prec  recall  alarms-on-good")
    for head in BINARY_HEADS:
        rows = [r for r in records if r["head"] == head]
        for veto in (True, False):
            for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
                fired = [r["crisp"] or (r["p"] >= t and not (veto and r["vetoed"])) for r in rows]
                tp = sum(f and r["want"] for f, r in zip(fired, rows, strict=True))
                fp = sum(f and not r["want"] for f, r in zip(fired, rows, strict=True))
                fn = sum(not f and r["want"] for f, r in zip(fired, rows, strict=True))
                alarms = sum(f and r["good"] for f, r in zip(fired, rows, strict=True))
                prec = tp / (tp + fp) if tp + fp else float("nan")
                rec = tp / (tp + fn) if tp + fn else float("nan")
                print(f"{head:<25} {t:.1f} {veto!s:<5} {prec:5.2f} {rec:6.2f} {alarms:5d}")


if __name__ == "__main__":
    raise SystemExit(main())
