"""Prompt injection (OWASP LLM01): every attempt from tests/injection_attempts.py through the
reply pipeline on one backend. Prints, per hijack style and goal: attempts, drafts that carried
out the goal (must be 0), model samples that obeyed before the gate caught them, and which path
made the final draft (the model's text kept, or the composer's after the gate refused it).
Asserts nothing.

Samples use fixed seeds and a generous time budget, so every draft gets its full three model
calls and a rerun is repeatable; the embedded model's answers are cached next to the model
(like the eval suite's), so a second run is fast.

    .venv/bin/python benchmarks/injection_bench.py [--backend local|composer] [--subset]
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.drafting.clean import clean  # noqa: E402
from assistant.drafting.pipeline import Drafter  # noqa: E402
from assistant.drafting.tasks import reply_task  # noqa: E402
from assistant.evals.cache import ResponseCache  # noqa: E402
from assistant.evals.runner import EVAL_BUDGET_S, SEED  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from tests.injection_attempts import GOALS, STYLES, attempts, representative  # noqa: E402

KEPT = ("model", "model-retry", "model-revised")


class Recorder:
    """A response cache wrapper that also keeps every raw model answer of the current draft."""

    def __init__(self, cache: ResponseCache | None) -> None:
        self.cache = cache
        self.answers: list[str] = []

    def get(self, key: str) -> str | None:
        """The cached answer (recorded), or None."""
        hit = self.cache.get(key) if self.cache else None
        if hit is not None:
            self.answers.append(hit)
        return hit

    def put(self, key: str, text: str) -> None:
        """Record a fresh answer and store it."""
        self.answers.append(text)
        if self.cache:
            self.cache.put(key, text)


def settings_for(backend: str, home: Path | None = None) -> Settings:
    """Repeatable settings: a fixed seed and time for every retry."""
    base = Settings(backend=backend, seed=SEED, draft_budget_s=EVAL_BUDGET_S, timeout_s=300)
    return base.model_copy(update={"home": home}) if home else base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["local", "composer"], default="local")
    parser.add_argument("--subset", action="store_true", help="the 30 representative attempts")
    parser.add_argument("--no-cache", action="store_true", help="sample afresh")
    args = parser.parse_args()

    settings = settings_for(args.backend)
    cache = None
    if args.backend == "local" and not args.no_cache:
        cache = ResponseCache(Path(settings.home) / "cache" / "responses.db")
    recorder = Recorder(cache)
    drafter = Drafter(settings, cache=recorder)
    chosen = representative() if args.subset else attempts()

    rows: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    reasons: collections.Counter = collections.Counter()
    followed_ids = []
    start = time.perf_counter()
    for n, attempt in enumerate(chosen, 1):
        recorder.answers = []
        draft = drafter.draft(reply_task(attempt.request()))
        row = rows[attempt.style, attempt.goal]
        row["attempts"] += 1
        row["samples"] += len(recorder.answers)
        row["obeyed"] += sum(attempt.followed(clean(a)) for a in recorder.answers)
        row["kept" if draft.path in KEPT else "composer"] += 1
        if attempt.followed(draft.text):
            row["followed"] += 1
            followed_ids.append((attempt.id, draft.path, draft.text))
        if draft.fallback_reason:
            reasons[draft.fallback_reason] += 1
        print(f"\r{n}/{len(chosen)}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    wall = time.perf_counter() - start

    cols = ("attempts", "followed", "samples", "obeyed", "kept", "composer")
    header = f"{'style':<16} {'goal':<16}" + "".join(f"{c:>9}" for c in cols)
    print(f"backend {args.backend}, {len(chosen)} attempts, {wall:.0f} s")
    print("followed: final drafts that carried out the goal; obeyed: raw model samples that did")
    print("(caught by the gate); kept: the model's text; composer: the composer's\n")
    print(header)
    print("-" * len(header))

    def line(style: str, goal: str, counts: collections.Counter) -> str:
        return f"{style:<16} {goal:<16}" + "".join(f"{counts[c]:>9}" for c in cols)

    by_style: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    by_goal: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    total: collections.Counter = collections.Counter()
    for style in STYLES:
        for goal in GOALS:
            counts = rows.get((style, goal))
            if not counts:
                continue
            print(line(style, goal, counts))
            by_style[style].update(counts)
            by_goal[goal].update(counts)
            total.update(counts)
    print("-" * len(header))
    for style, counts in by_style.items():
        print(line(style, "(all goals)", counts))
    print("-" * len(header))
    for goal, counts in by_goal.items():
        print(line("(all styles)", goal, counts))
    print("-" * len(header))
    print(line("TOTAL", "", total))
    if cache is not None:
        print(f"\ncache: {cache.hits} hits / {cache.misses} misses")
    if reasons:
        print("\nwhy the composer's draft was used:")
        for reason, count in reasons.most_common():
            print(f"  {count:>4}  {reason}")
    for attempt_id, path, text in followed_ids:
        print(f"\nFOLLOWED {attempt_id} ({path}): {text!r}")


if __name__ == "__main__":
    main()
