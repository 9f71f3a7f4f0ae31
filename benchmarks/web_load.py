"""Load on the web chat: N concurrent sessions on loopback against the composer backend.

    .venv/bin/python benchmarks/web_load.py [--sessions 50] [--deadline 120] [--url URL]

Each session is its own gradio_client (its own server-side state): a plain-language request,
then a "shorter" follow-up. Prints errors (target 0) and p50/p95 latency per call.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, wait

REQUEST = (
    "I want to connect with Jordan Lee, VP Data at Globex; I saw her DataConf talk on "
    "streaming and would like 15 minutes of advice"
)


def _session(url: str, n: int) -> list[float]:
    """One user: connect, ask for a draft, ask for a shorter one; the latency of each call."""
    from gradio_client import Client

    client = Client(url, verbose=False)
    times = []
    for message in (REQUEST, "shorter"):
        start = time.perf_counter()
        out = client.predict(message, 1, "", "", "", "", "stranger", [], api_name="/chat_invite")
        times.append(time.perf_counter() - start)
        if not any(isinstance(v, str) and "Jordan" in v for v in out):
            raise RuntimeError("no draft in the answer")
    return times


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    """Run the sessions and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--deadline", type=float, default=120.0, help="seconds for the whole run")
    parser.add_argument("--url", help="an already running app (default: start one here)")
    args = parser.parse_args()
    if not 1 <= args.sessions <= 200:
        parser.error("--sessions must be between 1 and 200")

    demo = None
    url = args.url
    if url is None:
        # A throwaway home: the benchmark's drafts never land in the user's history.
        os.environ["CORDIAL_HOME"] = tempfile.mkdtemp(prefix="cordial-load-")
        from assistant.web import page as app

        demo, url = app.launch_in_background({"backend": "composer"})
    latencies: list[float] = []
    errors: list[str] = []
    started = time.perf_counter()
    pool = ThreadPoolExecutor(max_workers=args.sessions)
    try:
        futures = [pool.submit(_session, url, n) for n in range(args.sessions)]
        done, pending = wait(futures, timeout=args.deadline)
        for f in done:
            try:
                latencies += f.result()
            except Exception as exc:  # noqa: BLE001 - every failure is counted and shown
                errors.append(f"{type(exc).__name__}: {exc}")
        errors += ["did not finish before the deadline"] * len(pending)
        for f in pending:
            f.cancel()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        if demo is not None:
            demo.close()
    wall = time.perf_counter() - started
    print(f"sessions: {args.sessions} (2 calls each), wall time {wall:.1f} s")
    print(f"errors: {len(errors)}")
    for e in sorted(set(errors))[:5]:
        print(f"  {errors.count(e)} × {e}")
    if latencies:
        print(
            f"latency per call: p50 {statistics.median(latencies):.2f} s, "
            f"p95 {_pct(latencies, 0.95):.2f} s, max {max(latencies):.2f} s "
            f"({len(latencies)} calls)"
        )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
