"""How well the linter and triage judge notes people really sent: prints the figures issue 12 asks.

    .venv/bin/python benchmarks/judgment_report.py [--split test|test2|train|all] [--code DIR]
        [--before DIR] [--json F]

- Triage on incoming requests: agreement with the label, a confusion matrix, and agreement
  per language group.
- The linter on outgoing invitations: good notes with no error- or warning-level finding,
  expected problems found, sales-pitch recall, and precision / recall per rule.

`--code DIR` runs the same report against another checkout's `assistant` package (say a
worktree of the commit before the scorer), so rules-only and scorer figures come from one
script on one split. `--before DIR` prints the headline figures of this checkout beside those of
another checkout (the code before a change) on the same notes and labels, and beside how often
careful readers agree (training/agreement.py). The test split is scored once and reported;
never tune on it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "data" / "notes_real.jsonl"
ACTIONS = ("ask-how-met", "how-can-i-help", "letdown", "ignore", "follow")
# The problems outgoing notes are labelled with; precision and recall are given for these.
RULES = (
    "invite.missing-who",
    "invite.missing-why",
    "invite.missing-ask",
    "invite.sales-pitch",
    "invite.flattery",
    "invite.vague-purpose",
    "invite.mutual-count-reason",
    "note.default-text",
    "style.placeholder",
    "style.shouting",
    "style.apology-opener",
    "style.personal-data-ask",
    "length.over-limit",
)
GROUPS = {
    "en": "English",
    **dict.fromkeys("de fr es it pt nl pl sv da no fi tr ro cs hu id ms sw".split(), "Latin"),
}


def language_group(code: str) -> str:
    """English, another language in Latin script, or another script."""
    return GROUPS.get(code, "other script")


def load(split: str) -> list[dict]:
    """The real notes of one split (or all)."""
    rows = [json.loads(line) for line in REAL.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if split == "all" or r["split"] == split]


def triage_figures(rows: list[dict]) -> dict:
    """Counts for triage: a confusion matrix, right answers per language group, the misses."""
    from assistant.triage.decide import assess

    confusion = {a: Counter() for a in ACTIONS}
    groups: dict[str, Counter] = defaultdict(Counter)
    misses = []
    for r in rows:
        got = assess(r["text"]).action
        confusion[r["action"]][got] += 1
        groups[language_group(r["language"])].update(right=got == r["action"], n=1)
        if got != r["action"]:
            misses.append({"text": r["text"][:120], "expected": r["action"], "got": got})
    return {"confusion": confusion, "groups": groups, "misses": misses}


def lint_figures(rows: list[dict], only: tuple[str, ...] | None = None) -> dict:
    """Counts for the linter: good notes left clean, problems found, hits per rule. With
    `only`, just those rules count (the written notes were labelled for the six judged ones)."""
    from assistant import lint

    counts: Counter = Counter()
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    false_alarms = []
    for r in rows:
        result = lint(r["text"], kind="invite")
        fired = {f.rule for f in result.findings if f.severity in ("error", "warning")}
        want = set(r["expect"])
        if only is not None:
            fired, want = fired & set(only), want & set(only)
        if not want:
            counts.update(good=1, good_clean=not fired)
            if fired:
                false_alarms.append({"text": r["text"][:120], "fired": sorted(fired)})
        counts.update(expected=len(want), found=len(want & fired), n=1)
        for rule in RULES:
            if rule in want and rule in fired:
                tp[rule] += 1
            elif rule in fired:
                fp[rule] += 1
            elif rule in want:
                fn[rule] += 1
    return {"counts": counts, "tp": tp, "fp": fp, "fn": fn, "false_alarms": false_alarms}


def merge(parts: list[dict]) -> dict:
    """Add up the counts of several runs (the folds of a cross-validation)."""
    out: dict = {}
    for part in parts:
        for k, v in part.items():
            if isinstance(v, list):
                out.setdefault(k, []).extend(v)
            elif isinstance(v, Counter):
                out.setdefault(k, Counter()).update(v)
            else:  # a table of counters
                table = out.setdefault(k, defaultdict(Counter))
                for row, counter in v.items():
                    table[row].update(counter)
    return out


def _ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def _pct(x: float | None) -> str:
    return "    -" if x is None else f"{100 * x:5.1f}%"


def print_report(t: dict, lf: dict, title: str) -> None:
    """The figures as tables a person reads."""
    confusion = t["confusion"]
    n = sum(sum(row.values()) for row in confusion.values())
    right = sum(confusion[a][a] for a in ACTIONS)
    print(f"== {title}")
    print(f"triage: {n} incoming requests, agreement {_pct(_ratio(right, n))}")
    print("  expected \\ got  " + " ".join(f"{a[:9]:>9}" for a in ACTIONS))
    for a in ACTIONS:
        print(f"  {a:<15} " + " ".join(f"{confusion[a][b]:>9}" for b in ACTIONS))
    for group, g in sorted(t["groups"].items()):
        print(f"  {group:<13} {g['right']:>3}/{g['n']:<3} {_pct(_ratio(g['right'], g['n']))}")
    c = lf["counts"]
    print(f"lint: {c['n']} outgoing notes")
    print(
        f"  good notes with no error or warning: {_pct(_ratio(c['good_clean'], c['good']))}"
        f" ({c['good_clean']} of {c['good']})"
    )
    print(
        f"  expected problems found: {_pct(_ratio(c['found'], c['expected']))}"
        f" ({c['found']} of {c['expected']})"
    )
    tp, fp, fn = lf["tp"], lf["fp"], lf["fn"]
    pitch = "invite.sales-pitch"
    print(f"  sales-pitch recall: {_pct(_ratio(tp[pitch], tp[pitch] + fn[pitch]))}")
    print(f"  {'rule':<28} precision  recall  fired  expected")
    for rule in RULES:
        if tp[rule] + fp[rule] + fn[rule]:
            print(
                f"  {rule:<28} {_pct(_ratio(tp[rule], tp[rule] + fp[rule]))}  "
                f"{_pct(_ratio(tp[rule], tp[rule] + fn[rule]))}  {tp[rule] + fp[rule]:>5}  "
                f"{tp[rule] + fn[rule]:>8}"
            )


def headline(t: dict, lf: dict) -> dict[str, float | None]:
    """The figures issue 18 sets targets for, as fractions."""
    confusion = t["confusion"]
    n = sum(sum(row.values()) for row in confusion.values())
    c, tp, fn = lf["counts"], lf["tp"], lf["fn"]
    pitch = "invite.sales-pitch"
    figures = {
        "triage": _ratio(sum(confusion[a][a] for a in ACTIONS), n),
        "good notes clean": _ratio(c["good_clean"], c["good"]),
        "expected problems found": _ratio(c["found"], c["expected"]),
        "sales-pitch recall": _ratio(tp[pitch], tp[pitch] + fn[pitch]),
    }
    for group, g in sorted(t["groups"].items()):
        figures[f"triage, {group}"] = _ratio(g["right"], g["n"])
    return figures


def print_beside(now: dict, before: dict, readers: dict) -> None:
    """This checkout's headline figures beside another checkout's and the readers'."""
    print(f"  {'figure':<26} {'this code':>9} {'before':>9} {'readers':>9}")
    for name, value in now.items():
        print(
            f"  {name:<26} {_pct(value):>9} {_pct(before.get(name)):>9} "
            f"{_pct(readers.get(name)):>9}"
        )


def readers_agreement() -> dict[str, float | None]:
    """How often two careful readers of the written notes agree (the scorer's ceiling)."""
    sys.path.insert(0, str(ROOT))
    from training.agreement import report

    figures = report()
    return {"triage": figures["incoming"]["two_readers_agree"]}


def run_before(code: Path, split: str) -> dict:
    """The headline figures of another checkout's code on the same notes, in a subprocess."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "before.json"
        cmd = [sys.executable, __file__, "--split", split, "--code", str(code), "--json", str(out)]
        subprocess.run(cmd, check=True, capture_output=True)
        return json.loads(out.read_text(encoding="utf-8"))["headline"]


def print_misses(t: dict, lf: dict) -> None:
    """Every triage miss and every false alarm, one line each, for --misses."""
    for m in t["misses"]:
        print(f"  triage {m['expected']} -> {m['got']}: {m['text']}")
    for m in lf["false_alarms"]:
        print(f"  false alarm {m['fired']}: {m['text']}")


def main(argv: list[str] | None = None) -> int:
    """Score the chosen split and print (or save) the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=("test", "test2", "train", "all"))
    parser.add_argument("--code", type=Path, help="another checkout whose assistant/ to score")
    parser.add_argument("--before", type=Path, help="another checkout to print beside this one")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--misses", action="store_true", help="print every disagreement")
    args = parser.parse_args(argv)
    sys.path.insert(0, str((args.code or ROOT).resolve()))
    rows = load(args.split)
    t = triage_figures([r for r in rows if r["direction"] == "incoming"])
    lf = lint_figures([r for r in rows if r["direction"] == "outgoing"])
    print_report(t, lf, f"{args.split} split, code from {args.code or 'this checkout'}")
    if args.misses:
        print_misses(t, lf)
    if args.before:
        print(f"== headline figures beside {args.before} and the readers of the written notes")
        print_beside(headline(t, lf), run_before(args.before, args.split), readers_agreement())
    if args.json:
        figures = {"triage": t, "lint": lf, "headline": headline(t, lf)}
        args.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False, default=dict))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
