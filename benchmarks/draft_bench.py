"""Drafting figures on twenty varied scenarios: time to first token and to the finished draft
(p50, p95), model calls per draft, time spent outside the model, the share of drafts where the
model's own text was kept, and the share of final drafts within the limit and lint-clean.
Prints figures; asserts nothing.

    .venv/bin/python benchmarks/draft_bench.py [--backend local] [--retry revise|resample]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import yaml

from assistant import lint
from assistant.api import drafter_for, invitation_request, reply_request
from assistant.drafting.tasks import invitation_task, reply_task
from assistant.requests import Person
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def tasks(settings: Settings) -> list:
    """The benchmark's scenarios as drafting tasks."""
    scenarios = yaml.safe_load((ROOT / "benchmarks" / "draft_scenarios.yaml").read_text())
    out = []
    for s in scenarios:
        me = Person(**s["me"])
        if s["kind"] == "invite":
            req = invitation_request(
                Person(**s["to"]),
                context=s.get("context", ""),
                ask=s.get("ask", ""),
                relationship=s["relationship"],
                account=s.get("account", "premium"),
                me=me,
                settings=settings,
            )
            out.append(invitation_task(req))
        else:
            req = reply_request(
                Person(**s["from"]),
                note=s.get("note", ""),
                situation=s["situation"],
                mutual=s.get("mutual"),
                context=s.get("context", ""),
                me=me,
                settings=settings,
            )
            out.append(reply_task(req))
    return out


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", default="local", choices=["local", "openai", "composer"])
    parser.add_argument("--retry", default="resample", choices=["revise", "resample"])
    parser.add_argument("--limit", type=int, default=20, help="how many scenarios")
    parser.add_argument("--show", action="store_true", help="print every draft")
    args = parser.parse_args()
    if args.show:
        import logging

        logging.basicConfig(level=logging.INFO, format="    %(message)s")
        for noisy in ("httpx", "httpx2", "openai"):
            logging.getLogger(noisy).setLevel(logging.WARNING)

    settings = Settings(backend=args.backend)
    drafter = drafter_for(settings)
    drafter.retry = args.retry
    work = tasks(settings)[: args.limit]
    t0 = time.perf_counter()
    drafter.draft(work[0])  # warm-up: start the server, fill the prompt cache
    print(f"warm-up (server start and first draft): {time.perf_counter() - t0:.1f} s")

    drafts = []
    for task in work:
        draft = drafter.draft(task)
        drafts.append(draft)
        if args.show:
            print(
                f"[{draft.path:13}] {draft.chars:3}/{draft.limit} {draft.latency_s:5.1f}s "
                f"{draft.text!r}"
            )

    total = [d.latency_s for d in drafts]
    first = [d.first_token_s for d in drafts if d.first_token_s is not None]
    calls = [d.usage.model_calls for d in drafts]
    model_s = sum(d.usage.model_s for d in drafts)
    kept = sum(d.path.startswith("model") for d in drafts)
    clean = sum(
        lint(d.text, kind=d.kind, situation=d.situation, limit=d.limit).ok and d.chars <= d.limit
        for d in drafts
    )
    n = len(drafts)
    print(f"backend {args.backend} ({settings.model_name}), retry={args.retry}, {n} scenarios")
    if first:
        print(
            f"time to first token: p50 {statistics.median(first):.2f} s, "
            f"p95 {pct(first, 95):.2f} s (target warm p50 < 1 s)"
        )
    print(
        f"finished draft: p50 {statistics.median(total):.2f} s, p95 {pct(total, 95):.2f} s "
        f"(budget p95 <= 8 s)"
    )
    print(f"model calls per draft: mean {statistics.mean(calls):.2f}, max {max(calls)}")
    outside = 1 - model_s / sum(total) if sum(total) else 0.0
    print(f"time outside model calls: {outside:.1%} (target < 10%)")
    print(f"model's own text kept: {kept}/{n} = {kept / n:.0%} (target >= 80%)")
    print(
        f"final drafts within the limit and free of error findings: {clean}/{n} = "
        f"{clean / n:.0%} (must be 100%)"
    )
    paths = {p: sum(d.path == p for d in drafts) for p in sorted({d.path for d in drafts})}
    print(f"paths: {paths}")


if __name__ == "__main__":
    main()
