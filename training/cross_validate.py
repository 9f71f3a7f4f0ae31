"""Out-of-fold figures to tune on, since the test split is scored once only.

    .venv/bin/python training/cross_validate.py [--by site|writer] [--folds 5] [--curve]

- `--by site` (the default): sites of the real notes' train split are dealt into folds; for
  each fold the scorer is trained without that fold's real notes and the fold is judged.
- `--by writer`: each writer of tests/data/notes_written.jsonl is a fold: the scorer is
  trained without any note of that writer and judged on them, so a writer's habits cannot
  help: the figure to hold against the readers' agreement (training/agreement.py).
- `--curve`: the same folds at 25 %, 50 % and 100 % of the written notes in training, to see
  whether more data still helps.
Every fold is judged by the full linter and triage (crisp rules and scorer together), exactly
as benchmarks/judgment_report.py judges the test split.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import assistant.lint.scorer as scorer  # noqa: E402
import assistant.triage.decide as decide  # noqa: E402
import training.train_scorer as trainer  # noqa: E402
from assistant import lint  # noqa: E402
from assistant.triage.encoder import Encoder  # noqa: E402
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
    written_notes,
)

CURVE = (0.25, 0.5, 1.0)


def fold_of(url: str, folds: int) -> int:
    """A site's fold, fixed by a hash of its name."""
    return int(hashlib.sha256(site(url).encode()).hexdigest(), 16) % folds


def site_folds(folds: int) -> list[tuple[set[str], list[dict]]]:
    """Per fold: the sources held out of training, and the real train-split notes to judge."""
    rows = real_notes("train")
    out = []
    for k in range(folds):
        held = {r["source"] for r in rows if fold_of(r["source"], folds) == k}
        out.append((held, [r for r in rows if r["source"] in held]))
    return out


def writer_folds() -> list[tuple[set[str], list[dict]]]:
    """Per writer of the written notes: that writer held out, and their notes to judge."""
    rows = written_notes()
    writers = sorted({r["writer"] for r in rows})
    return [({"written:" + w}, [r for r in rows if r["writer"] == w]) for w in writers]


def kept(example, fraction: float) -> bool:
    """Whether a written note stays in training at this fraction (fixed by a hash of its text,
    so a smaller fraction is a subset of a larger one)."""
    if fraction >= 1.0 or not example.source.startswith("written:"):
        return True
    return int(hashlib.sha256(example.text.encode()).hexdigest(), 16) % 1000 < fraction * 1000


class KnownVectors(Encoder):
    """The sentence encoder with every note's vector computed once for all folds."""

    known: dict = {}

    def vectors(self, notes):
        import numpy as np

        missing = [n for n in dict.fromkeys(notes) if n not in self.known]
        if missing:
            self.known.update(zip(missing, Encoder().vectors(missing), strict=True))
        return np.vstack([self.known[n] for n in notes])


def judge_folds(folds, incoming, outgoing, fraction=1.0, sweep=False, only=None):
    """Train without each fold's held sources, judge the fold; the pooled figures (and the
    raw judgements for --sweep)."""
    judged_in, judged_out, records = [], [], []
    for k, (held, fold) in enumerate(folds):
        train_in = [e for e in incoming if e.source not in held and kept(e, fraction)]
        raw, _ = trainer.train(
            train_in, [e for e in outgoing if e.source not in held and kept(e, fraction)]
        )
        model = scorer.Model(raw)
        scorer.model = lambda model=model: model  # score() looks the model up at call time
        # The encoder's head is trained without the fold as well, and triage asks it.
        head = json.loads(trainer.train_encoder_head(train_in, KnownVectors()))
        decide.encoder = lambda head=head: KnownVectors(head)
        judged_in.append(triage_figures([r for r in fold if r["direction"] == "incoming"]))
        judged_out.append(
            lint_figures([r for r in fold if r["direction"] == "outgoing"], only=only)
        )
        if sweep:
            records += raw_judgements(model, [r for r in fold if r["direction"] == "outgoing"])
        print(f"fold {k}: {len(fold)} notes", file=sys.stderr)
    return merge(judged_in), merge(judged_out), records


def main(argv: list[str] | None = None) -> int:
    """Train one model per fold, judge each held-out fold, print the pooled figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--by", choices=("site", "writer"), default="site")
    parser.add_argument("--folds", type=int, default=5, help="with --by site")
    parser.add_argument("--curve", action="store_true", help="also at 25 %% and 50 %% of data")
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
    folds = site_folds(args.folds) if args.by == "site" else writer_folds()
    incoming, outgoing = incoming_examples(), outgoing_examples()
    what = f"{args.folds}-fold by site, train split" if args.by == "site" else "by writer"
    for fraction in CURVE if args.curve else (1.0,):
        pooled_in, pooled_out, records = judge_folds(
            folds,
            incoming,
            outgoing,
            fraction,
            args.sweep,
            None if args.by == "site" else BINARY_HEADS,
        )
        print_report(pooled_in, pooled_out, f"{what}, {fraction:.0%} of the written notes")
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
