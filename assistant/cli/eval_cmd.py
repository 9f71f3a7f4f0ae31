"""`draft eval`: run the golden scenarios and compare with the committed baseline."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from assistant.cli.output import clean, json_text
from assistant.writers import writer_names


@click.command("eval")
@click.option(
    "--backend",
    type=click.Choice(writer_names()),
    help="Which backend drafts (default from settings).",
)
@click.option(
    "--cases",
    "pattern",
    default="*.yaml",
    show_default=True,
    help="Glob of case files in evals/cases.",
)
@click.option("--tag", "tags", multiple=True, help="Only cases with this tag (repeatable).")
@click.option(
    "--repeat",
    type=click.IntRange(1, 20),
    default=1,
    show_default=True,
    help="Run every case N times with different seeds and report the spread.",
)
@click.option("--no-cache", is_flag=True, help="Ask the model again instead of the cache.")
@click.option("--json", "as_json", is_flag=True, help="Print the run's figures as JSON.")
@click.option("--junit", "junit_file", type=click.Path(dir_okay=False), help="Write JUnit XML.")
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False),
    help="Write a report: FILE.md or FILE.html.",
)
@click.option("--update-baseline", is_flag=True, help="Make this run the new baseline.")
@click.option(
    "--tolerance",
    type=click.FloatRange(0, 1),
    default=0.05,
    show_default=True,
    help="How far the pass rate may fall below the baseline.",
)
@click.option(
    "--concurrency",
    type=click.IntRange(1, 16),
    default=4,
    show_default=True,
    help="Cases at once (the embedded model always runs one at a time).",
)
def eval_command(
    backend,
    pattern,
    tags,
    repeat,
    no_cache,
    as_json,
    junit_file,
    report_file,
    update_baseline,
    tolerance,
    concurrency,
) -> None:
    """Draft every eval case, check its assertions, and compare with evals/baseline/.

    Exit status 1 when a case that passed in the baseline now fails, or the pass rate fell by
    more than the tolerance.
    """
    from assistant.evals import (
        ResponseCache,
        compare,
        load_baseline,
        load_cases,
        report,
        run,
        save_baseline,
        spread,
    )
    from assistant.settings import Settings

    settings = Settings(**({"backend": backend} if backend else {}))
    cases = load_cases(pattern, list(tags))
    if not cases:
        raise click.UsageError("no eval case matches those files and tags")
    cache = None if no_cache else ResponseCache(settings.home / "cache" / "responses.db")
    bar = _progress_bar() if sys.stderr.isatty() else None
    result = run(
        cases, settings, repeats=repeat, cache=cache, concurrency=concurrency, progress=bar
    )
    baseline = load_baseline(settings.backend)
    comparison = compare(result, baseline, tolerance)
    text = report.markdown(result, comparison, baseline)
    if report_file:
        body = report.as_html(text) if report_file.endswith(".html") else text
        Path(report_file).write_text(body, encoding="utf-8")
    if junit_file:
        Path(junit_file).write_text(report.junit(result), encoding="utf-8")
    if as_json:
        summary = {
            **result.summary(),
            "repeat_rates": result.repeat_rates(),
            "paths": result.paths(),
            "wall_s": round(result.wall_s, 2),
            "regressions": comparison.regressions,
            "unconfirmed": comparison.unconfirmed,
            "fixes": comparison.fixes,
            "failed": comparison.failed,
        }
        click.echo(json_text(summary, indent=2))
    else:
        click.echo(
            f"{len(cases)} cases x {repeat} on {result.backend} ({result.model}): "
            f"pass rate {result.pass_rate():.1%}, {spread(result.repeat_rates())}, "
            f"{result.wall_s:.1f} s"
        )
        for name, rate in result.per_assertion().items():
            click.echo(f"  {name:<22} {rate:.1%}")
        click.echo("drafts by path: " + ", ".join(f"{p} {n}" for p, n in result.paths().items()))
        for case in comparison.regressions:
            click.echo(f"REGRESSION {clean(case)}", err=True)
        for case in comparison.unconfirmed:
            click.echo(f"failed in this run only (too few repetitions): {clean(case)}", err=True)
        if cache is not None:
            click.echo(f"cache: {cache.hits} hits, {cache.misses} misses", err=True)
    if update_baseline:
        click.echo(f"baseline written: {save_baseline(result, baseline)}", err=True)
        return
    sys.exit(1 if comparison.failed else 0)


def _progress_bar():
    def bar(done: int, total: int) -> None:
        click.echo(f"\r{done}/{total} cases", err=True, nl=done >= total)

    return bar
