"""Outcomes speed and memory: a generated data export (Invitations.csv of N rows, 70 % of
them sent by the user, with Connections.csv and messages.csv) summed up by `api.outcomes` and
written as JSON, the way `draft outcomes export.zip --format json` does. Prints figures;
asserts nothing.

    .venv/bin/python benchmarks/outcomes_bench.py [--rows 100000] [--flat 10000] [--unique]

Notes are drawn from 2,000 distinct texts (a fifth blank); people reuse their notes, and each
distinct text is linted once. `--unique` makes every note distinct (the name is in it), the
worst case for the linter. `--flat N` runs a second, smaller export in its own process to show
how peak memory grows with rows.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

from lint_bench import make_notes

from assistant.api import outcomes, write_outcomes

ME, ME_URL = "Sam Rivera", "https://www.linkedin.com/in/sam"
START = datetime(2025, 9, 1)


def make_export(folder: Path, rows: int, unique: bool, seed: int = 21) -> Path:
    """An export zip: `rows` invitations over six months (70 % sent), about half of the sent
    ones accepted (in Connections.csv, with 5 % older connections), and a message to a third of
    those who accepted."""
    rng = random.Random(seed)
    notes = [n["text"][:280] for n in make_notes(2_000, seed) if n["kind"] != "reply"]
    invitations = io.StringIO()
    connections = io.StringIO()
    messages = io.StringIO()
    inv = csv.writer(invitations)
    inv.writerow(
        ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"]
    )
    conn = csv.writer(connections)
    connections.write('Notes:\n"Some e-mail addresses may be missing."\n\n')
    conn.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    msg = csv.writer(messages)
    msg.writerow(
        ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
         "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS"]
    )  # fmt: skip
    for i in range(rows):
        name, url = f"Person{i} Surname{i % 997}", f"https://www.linkedin.com/in/p{i}"
        sent = START + timedelta(minutes=rng.randrange(180 * 24 * 60))
        note = "" if rng.random() < 0.2 else rng.choice(notes)
        if note and unique:
            note = f"Hi Person{i}, {note}"[:300]
        when = f"{sent.month}/{sent.day}/{sent:%y}, {sent:%I:%M %p}".replace(", 0", ", ")
        if rng.random() < 0.3:
            inv.writerow([name, ME, when, note, "INCOMING", url, ME_URL])
            continue
        inv.writerow([ME, name, when, note, "OUTGOING", ME_URL, url])
        if rng.random() < 0.5:
            connected = sent + timedelta(days=rng.randrange(30))
            conn.writerow([f"Person{i}", f"Surname{i % 997}", url + "/", "", "Acme", "Engineer",
                           f"{connected:%d %b %Y}"])  # fmt: skip
            if rng.random() < 0.33:
                said = connected + timedelta(days=rng.randrange(10))
                msg.writerow([f"c{i}", "", ME, ME_URL, name, url, f"{said:%Y-%m-%d %H:%M:%S} UTC",
                              "", "Thanks for connecting!", "INBOX", ""])  # fmt: skip
    for i in range(rows // 20):
        conn.writerow([f"Old{i}", "Friend", f"https://www.linkedin.com/in/o{i}", "", "", "",
                       f"{date(2019, 1, 1) + timedelta(days=i % 2000):%d %b %Y}"])  # fmt: skip
    path = folder / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Invitations.csv", invitations.getvalue())
        z.writestr("Connections.csv", connections.getvalue())
        z.writestr("messages.csv", messages.getvalue())
    return path


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(export: Path) -> None:
    """One measured run in a fresh process, so its peak RSS is its own; prints JSON."""
    from assistant.lint import lint

    lint("Hi, warming up the rules and the scorer.")  # imports and tables, not the run
    before = _rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    report = outcomes(export)
    with (export.parent / "outcomes.json").open("w", encoding="utf-8") as f:
        write_outcomes(report, "json", f)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    from assistant.outcomes.report import check_note

    linted = check_note.cache_info().misses  # lint calls in the timed run
    # The Python heap's peak over a second run (traced apart: tracing slows the run).
    tracemalloc.start()
    outcomes(export)
    heap_peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()

    print(
        json.dumps(
            {
                "sent": report.sent,
                "accepted": report.accepted,
                "stale": len(report.stale),
                "notes_linted": linted,
                "seconds": seconds,
                "cpu": cpu,
                "rss_before": before,
                "rss_peak": _rss_mb(),
                "heap_peak": heap_peak,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--flat", type=int, default=0, help="a second run of this many rows")
    parser.add_argument("--unique", action="store_true", help="every note a distinct text")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    for rows in [args.rows, *([args.flat] if args.flat else [])]:
        with tempfile.TemporaryDirectory() as tmp:
            export = make_export(Path(tmp), rows, args.unique)  # made here, measured there
            size = sum(i.file_size for i in zipfile.ZipFile(export).infolist())
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(export)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        r = json.loads(out.splitlines()[-1])
        print(
            f"{rows:,} rows ({size / 1e6:.1f} MB of CSV; {r['sent']:,} sent, {r['accepted']:,} "
            f"accepted, {r['stale']:,} stale; {r['notes_linted']:,} notes linted, one per "
            "distinct text): "
            f"{r['seconds']:.2f} s ({r['cpu']:.2f} s CPU: the machine may be shared), "
            f"{rows / r['seconds']:,.0f} rows/s, peak RSS "
            f"{r['rss_peak']:.0f} MB ({r['rss_peak'] - r['rss_before']:+.0f} MB during the run), "
            f"Python heap peak {r['heap_peak']:.1f} MB"
        )


if __name__ == "__main__":
    main()
