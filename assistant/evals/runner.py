"""Runs eval cases on a backend, scores them, and compares the run with the committed baseline."""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from assistant import resources
from assistant.drafting.pipeline import Drafter
from assistant.drafting.tasks import followup_task, invitation_task, reply_task
from assistant.errors import CordialError
from assistant.evals.assertions import Output, Result, defaults, evaluate
from assistant.evals.cases import EvalCase
from assistant.requests import FollowupRequest, InviteRequest, Person, ReplyRequest
from assistant.settings import Settings

SEED = 1234  # evals sample with fixed seeds, so a cached or repeated run is comparable
# No time budget in evals: a budget makes the number of samples depend on the machine's load,
# and a regression suite must give the same answer on a busy CI machine (3 calls at most).
EVAL_BUDGET_S = 600.0
# A sampling model's case counts as regressed only over this many repetitions (see compare()).
CASE_GATE_REPEATS = 3


@dataclass
class CaseResult:
    """One case in one repetition."""

    case: str
    repeat: int
    passed: bool
    score: float
    text: str
    path: str
    latency_s: float
    results: list[Result]


@dataclass
class Run:
    """A whole run: every case times every repetition."""

    backend: str
    model: str
    repeats: int
    # The writer gives the same text every time (the composer): one run judges each case.
    deterministic: bool = False
    cases: list[CaseResult] = field(default_factory=list)
    wall_s: float = 0.0

    def case_pass_fraction(self) -> dict[str, float]:
        """Per case, the share of repetitions that passed."""
        by_case: dict[str, list[bool]] = defaultdict(list)
        for r in self.cases:
            by_case[r.case].append(r.passed)
        return {k: sum(v) / len(v) for k, v in sorted(by_case.items())}

    def pass_rate(self) -> float:
        """Mean pass rate over every case and repetition."""
        return sum(r.passed for r in self.cases) / len(self.cases) if self.cases else 0.0

    def repeat_rates(self) -> list[float]:
        """The pass rate of each repetition, to show the spread."""
        rates = []
        for n in range(self.repeats):
            these = [r.passed for r in self.cases if r.repeat == n]
            rates.append(sum(these) / len(these) if these else 0.0)
        return rates

    def per_assertion(self) -> dict[str, float]:
        """Pass rate per assertion type."""
        seen: dict[str, list[bool]] = defaultdict(list)
        for r in self.cases:
            for a in r.results:
                seen[a.type].append(a.passed)
        return {k: sum(v) / len(v) for k, v in sorted(seen.items())}

    def paths(self) -> dict[str, int]:
        """How the drafts were made ("model", "model-retry", "fallback", "composer"), counted:
        the share the model's own text was kept in."""
        return dict(Counter(r.path for r in self.cases).most_common())

    def summary(self) -> dict[str, Any]:
        """The figures a baseline keeps."""
        return {
            "backend": self.backend,
            "model": self.model,
            "repeats": self.repeats,
            "pass_rate": round(self.pass_rate(), 4),
            "per_assertion": {k: round(v, 4) for k, v in self.per_assertion().items()},
            "cases": {k: round(v, 4) for k, v in self.case_pass_fraction().items()},
        }


def request_for(
    case: EvalCase, settings: Settings
) -> InviteRequest | ReplyRequest | FollowupRequest:
    """The case's vars as a validated request."""
    v = case.vars
    me = Person(**(v.get("me") or {}))
    if case.kind == "followup":
        return FollowupRequest(
            recipient=Person(**v["to"]),
            me=me,
            note=v.get("note", ""),
            ask=v.get("ask", ""),
            connected_on=v.get("connected_on"),
            tone=v.get("tone", "warm"),
            limit=v.get("limit"),
        )
    if case.kind == "invite":
        return InviteRequest(
            recipient=Person(**v["to"]),
            me=me,
            relationship=v.get("relationship", "other"),
            context=v.get("context", ""),
            ask=v.get("ask", ""),
            tone=v.get("tone", "warm"),
            account=v.get("account", settings.account),
            limit=v.get("limit"),
        )
    return ReplyRequest(
        requester=Person(**v["from"]),
        me=me,
        note=v.get("note", ""),
        situation=v.get("situation"),
        mutual=v.get("mutual"),
        context=v.get("context", ""),
        limit=v.get("limit"),
    )


# Each kind of request's task, as the library makes it (a case's reply names its situation).
_TASKS = {
    InviteRequest: invitation_task,
    ReplyRequest: reply_task,
    FollowupRequest: followup_task,
}


def run_case(drafter: Drafter, case: EvalCase, repeat: int) -> CaseResult:
    """Draft one case and score every assertion."""
    request = request_for(case, drafter.settings)
    task = _TASKS[type(request)](request)
    draft = drafter.draft(task)
    out = Output(draft.text, draft, task)
    checks = [
        *defaults(case.kind, drafter.writer.deterministic),
        *[a.model_dump() for a in case.asserts],
    ]
    results = [evaluate(a["type"], a.get("value"), out) for a in checks]
    weights = [a.get("weight", 1.0) for a in checks]
    score = sum(r.score * w for r, w in zip(results, weights, strict=True)) / sum(weights)
    return CaseResult(
        case.id,
        repeat,
        all(r.passed for r in results),
        score,
        draft.text,
        draft.path,
        draft.latency_s,
        results,
    )


def run(
    cases: list[EvalCase],
    settings: Settings,
    *,
    repeats: int = 1,
    cache: Any = None,
    concurrency: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> Run:
    """Every case `repeats` times; repetitions use different seeds."""
    drafters = [
        Drafter(
            settings.model_copy(update={"seed": SEED + 100 * n, "draft_budget_s": EVAL_BUDGET_S}),
            cache=cache,
        )
        for n in range(repeats)
    ]
    writer = drafters[0].writer
    result = Run(settings.backend, settings.model_name, repeats, writer.deterministic)
    jobs = [(n, c) for n in range(repeats) for c in cases]
    started = time.perf_counter()
    done = 0
    # A writer may take fewer calls at once (the embedded server has one slot).
    workers = max(1, min(concurrency, writer.concurrency or concurrency))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for case_result in pool.map(lambda job: run_case(drafters[job[0]], job[1], job[0]), jobs):
            result.cases.append(case_result)
            done += 1
            if progress:
                progress(done, len(jobs))
    result.wall_s = time.perf_counter() - started
    return result


def baseline_path(backend: str) -> Traversable:
    """evals/baseline/<backend>.json"""
    return resources.evals() / "baseline" / f"{backend}.json"


def load_baseline(backend: str) -> dict[str, Any] | None:
    """The committed baseline for the backend, if any."""
    path = baseline_path(backend)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def save_baseline(run_result: Run, baseline: dict[str, Any] | None = None) -> Path:
    """Write the run as the backend's baseline (merged into the old one for a subset run)."""
    data = run_result.summary()
    if baseline:
        data["cases"] = {**baseline.get("cases", {}), **data["cases"]}
    path = baseline_path(run_result.backend)
    if not isinstance(path, Path):  # e.g. installed inside a zip: nowhere to write
        raise CordialError(
            f"cannot write the baseline {path}", "run it from a checkout (pip install -e .)"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


@dataclass
class Comparison:
    """How a run compares with its baseline."""

    regressions: list[str]
    fixes: list[str]
    new: list[str]
    pass_rate: float
    baseline_rate: float | None
    tolerance: float
    # Cases that passed in every baseline repetition and failed in this run's one or two
    # repetitions of a sampling model: printed, never failing (see compare()).
    unconfirmed: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """A case that always passed now fails in most repetitions, or the pass rate fell."""
        dropped = (
            self.baseline_rate is not None and self.pass_rate < self.baseline_rate - self.tolerance
        )
        return bool(self.regressions) or dropped


def compare(run_result: Run, baseline: dict[str, Any] | None, tolerance: float) -> Comparison:
    """Regressions (a case that passed in every baseline repetition now fails in most of this
    run's) and fixes; the pass rate is compared on the cases both runs share.

    A sampling model's single case is not evidence: llama.cpp samples differently on another
    machine even with the same seed, so one repetition flips a case now and then. Its cases count
    as regressed only over at least CASE_GATE_REPEATS repetitions; with fewer, the gate is the
    pass rate within `tolerance` and the flipped cases are reported as `unconfirmed`. The
    composer is deterministic, so any of its cases that flips is a regression."""
    now = run_result.case_pass_fraction()
    before = (baseline or {}).get("cases", {})
    shared = [k for k in now if k in before]
    flipped = [k for k in shared if before[k] == 1.0 and now[k] < 0.5]
    per_case = run_result.deterministic or run_result.repeats >= CASE_GATE_REPEATS
    fixes = [k for k in shared if before[k] == 0.0 and now[k] == 1.0]
    rate = sum(now[k] for k in shared) / len(shared) if shared else run_result.pass_rate()
    base_rate = sum(before[k] for k in shared) / len(shared) if shared else None
    return Comparison(
        flipped if per_case else [],
        fixes,
        [k for k in now if k not in before],
        rate,
        base_rate,
        tolerance,
        unconfirmed=[] if per_case else flipped,
    )


def spread(rates: list[float]) -> str:
    """min-max and standard deviation of the per-repetition pass rates."""
    if len(rates) < 2:
        return "one repetition"
    return (
        f"min {min(rates):.1%}, max {max(rates):.1%}, "
        f"stdev {statistics.pstdev(rates):.1%} over {len(rates)} repetitions"
    )
