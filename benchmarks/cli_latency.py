"""End-to-end `draft` latency as a user scripting it sees it: the twenty requests of
draft_scenarios.yaml, each a new `draft invite|reply ... --json` process (start-up included).

Phases, in order: `cold` (CORDIAL_KEEP_WARM=0, every call loads the model itself; a few calls
only), `start` (the first call, which starts the shared server), `warm` (every call on it),
`restart` (the server stopped and started again, its saved KV cache restored, then the first
draft) and `no-cache` (the same restart with the saved cache deleted).
Prints wall time p50/p95, time to first token, and how many drafts fell back. Asserts nothing.
`--speculative none,ngram` repeats `start` and `warm` for each decoding mode (the shared server
restarted between them) so before and after print in one run; every call samples with the
same seeds (`--seed`).

    .venv/bin/python benchmarks/cli_latency.py [--cold 3] [--home DIR] [--speculative none,ngram]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from assistant.backends import shared_server
from assistant.backends.model_files import ensure_model
from assistant.settings import Settings, default_home

SCENARIOS = Path(__file__).with_name("draft_scenarios.yaml")


def command(scenario: dict[str, Any]) -> list[str]:
    """The `draft` command line for one scenario."""
    me = scenario["me"]
    if scenario["kind"] == "invite":
        to = scenario["to"]
        args = ["invite", "--to", to["name"], "--to-headline", to.get("headline", ""),
                "--relationship", scenario["relationship"],
                "--account", scenario.get("account", "premium")]
        args += ["--context", scenario.get("context", ""), "--ask", scenario.get("ask", "")]
        args += ["--from-name", me["name"], "--from-headline", me.get("headline", "")]
    else:
        sender = scenario["from"]
        args = ["reply", "--from", sender["name"], "--from-headline", sender.get("headline", ""),
                "--situation", scenario["situation"], "--note", scenario.get("note", "")]
        if scenario.get("mutual") is not None:
            args += ["--mutual", str(scenario["mutual"])]
    return [sys.executable, "-m", "assistant.cli", *args, "--backend", "local", "--json"]


def run(scenario: dict[str, Any], env: dict[str, str]) -> dict[str, Any]:
    """One `draft` process: wall time, and the draft's own figures."""
    started = time.perf_counter()
    done = subprocess.run(command(scenario), capture_output=True, text=True, env=env,
                          timeout=900, check=False)
    wall = time.perf_counter() - started
    try:
        draft = json.loads(done.stdout)
    except ValueError:
        print(f"  failed ({done.returncode}): {done.stderr.strip()[-200:]}")
        return {"wall": wall, "first_token": None, "fallback": True, "reason": "no JSON"}
    return {"wall": wall, "first_token": draft.get("first_token_s"),
            "fallback": draft["fallback"], "reason": draft.get("fallback_reason")}


def report(name: str, rows: list[dict[str, Any]]) -> None:
    walls = sorted(r["wall"] for r in rows)
    firsts = sorted(r["first_token"] for r in rows if r["first_token"] is not None)
    p95 = walls[min(len(walls) - 1, round(0.95 * (len(walls) - 1)))]
    line = f"{name:<13} n={len(rows):>2}  wall p50 {statistics.median(walls):6.2f} s"
    line += f"  p95 {p95:6.2f} s"
    if firsts:
        line += f"  first token p50 {statistics.median(firsts):5.2f} s"
    fallbacks = [r["reason"] for r in rows if r["fallback"]]
    line += f"  fell back {len(fallbacks)}"
    print(line + "".join(f"\n           - {reason}" for reason in fallbacks))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", type=int, default=3, help="cold calls to time (0 skips)")
    parser.add_argument("--home", type=Path, default=None, help="CORDIAL_HOME to use")
    parser.add_argument("--speculative", default="none",
                        help="decoding modes to compare, comma-separated (none, ngram)")
    parser.add_argument("--seed", type=int, default=42, help="CORDIAL_SEED for every call")
    args = parser.parse_args()
    scenarios = yaml.safe_load(SCENARIOS.read_text())

    home = args.home or Path(tempfile.mkdtemp(prefix="cordial-latency-"))
    # Reuse the machine's assembled model file rather than assembling 1 GB again.
    source = default_home() / "models"
    if args.home is None and source.is_dir():
        (home / "models").mkdir(parents=True)
        for item in source.iterdir():
            (home / "models" / item.name).symlink_to(item)
    ensure_model(home)
    settings = Settings(backend="local", home=home)
    shared_server.stop_running(settings)
    env = {**os.environ, "CORDIAL_HOME": str(home), "CORDIAL_TIMEOUT_S": "120",
           "CORDIAL_SEED": str(args.seed)}
    modes = args.speculative.split(",")
    print(f"home {home}; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}")

    if args.cold:
        cold = [run(s, {**env, "CORDIAL_KEEP_WARM": "0"}) for s in scenarios[: args.cold]]
        report("cold", cold)

    for mode in modes:
        shared_server.stop_running(settings)
        warm_env = {**env, "CORDIAL_KEEP_WARM": "1", "CORDIAL_SPECULATIVE": mode}
        first = run(scenarios[0], warm_env)  # starts the shared server
        label = "" if len(modes) == 1 else f"[{mode}]"
        report(f"start{label}", [first])
        report(f"warm{label}", [run(s, warm_env) for s in scenarios])

    # The saved cache holds the last prompt: leave an invitation there, restart, and draft a
    # different invitation (the shared prefix is restored, its own part is not); then the same
    # without the saved cache, for contrast.
    invites = [s for s in scenarios if s["kind"] == "invite"]
    run(invites[0], warm_env)
    for label, keep_cache in (("restart", True), ("no-cache", False)):
        shared_server.stop_running(settings)  # saves slot 0's KV cache
        if not keep_cache:
            for saved in shared_server.kv_dir(home).glob("*.bin"):
                saved.unlink()
        restarted = shared_server.start_background(settings)
        print(f"{label}: new server pid {restarted.pid}")
        report(label, [run(invites[1], warm_env)])
    shared_server.stop_running(settings)

if __name__ == "__main__":
    main()
