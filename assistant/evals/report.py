"""Eval reports: Markdown or HTML for people, JUnit XML for CI systems, JSON for scripts."""

from __future__ import annotations

import html
from typing import Any
from xml.etree import ElementTree as ET

from assistant.evals.runner import Comparison, Run, spread


def markdown(run: Run, comparison: Comparison, baseline: dict[str, Any] | None) -> str:
    """The run beside its baseline: regressions, fixes, per-assertion pass rates."""
    base_rate = "n/a" if comparison.baseline_rate is None else f"{comparison.baseline_rate:.1%}"
    lines = [
        f"# Eval run: {run.backend} ({run.model})",
        "",
        f"- cases: {len(run.case_pass_fraction())}, repetitions: {run.repeats}, "
        f"wall time {run.wall_s:.1f} s",
        f"- pass rate: {run.pass_rate():.1%} (baseline {base_rate}, tolerance "
        f"{comparison.tolerance:.0%}); spread: {spread(run.repeat_rates())}",
        f"- drafts by path: {', '.join(f'{p} {n}' for p, n in run.paths().items())}",
        f"- verdict: {'REGRESSION' if comparison.failed else 'ok'}",
        "",
        "## Regressions" if comparison.regressions else "## No regressions",
        *[f"- {c}" for c in comparison.regressions],
        "",
        *(
            ["## Failed in this run only (too few repetitions to call a regression)", ""]
            + [f"- {c}" for c in comparison.unconfirmed]
            + [""]
            if comparison.unconfirmed
            else []
        ),
        "## Fixes" if comparison.fixes else "## No fixes",
        *[f"- {c}" for c in comparison.fixes],
        "",
        "## Pass rate per assertion type",
        "",
        "| assertion | this run | baseline |",
        "|---|---|---|",
    ]
    before = (baseline or {}).get("per_assertion", {})
    for name, rate in run.per_assertion().items():
        old = f"{before[name]:.1%}" if name in before else "n/a"
        lines.append(f"| {name} | {rate:.1%} | {old} |")
    lines += ["", "## Failing cases", ""]
    for r in run.cases:
        if not r.passed:
            why = "; ".join(f"{a.type}: {a.reason}" for a in r.results if not a.passed)
            lines.append(f"- {r.case} (repeat {r.repeat}, {r.path}): {why}\n  > {r.text}")
    return "\n".join(lines) + "\n"


def as_html(report_md: str) -> str:
    """The Markdown report as a self-contained page (escaped; drafts are untrusted text)."""
    return (
        "<!doctype html><meta charset='utf-8'><title>Cordial eval</title>"
        f"<pre style='white-space:pre-wrap;font:14px/1.4 monospace'>{html.escape(report_md)}"
        "</pre>\n"
    )


def junit(run: Run) -> str:
    """One testcase per case and repetition; failures carry the failing assertions."""
    suite = ET.Element(
        "testsuite",
        name=f"cordial-eval-{run.backend}",
        tests=str(len(run.cases)),
        failures=str(sum(not r.passed for r in run.cases)),
        time=f"{run.wall_s:.3f}",
    )
    for r in run.cases:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=r.case.split("/")[0],
            name=f"{r.case}#{r.repeat}",
            time=f"{r.latency_s:.3f}",
        )
        if not r.passed:
            failure = ET.SubElement(
                case,
                "failure",
                message="; ".join(f"{a.type}: {a.reason}" for a in r.results if not a.passed),
            )
            failure.text = r.text
    return ET.tostring(suite, encoding="unicode")
