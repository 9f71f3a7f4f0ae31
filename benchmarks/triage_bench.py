"""Triage speed and memory: a generated data export (Invitations.csv of N rows, with
Connections.csv and messages.csv) triaged with composer drafts and written as CSV, the way
`draft triage export.zip --drafts --out triage.csv` does. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/triage_bench.py [--rows 10000] [--flat 50000]

`--flat N` runs a second, larger export to show that peak memory does not grow with rows.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from itertools import islice
from pathlib import Path

from lint_bench import make_notes

from assistant.api import triage
from assistant.triage.inbox import COLUMNS
from assistant.triage.report import write_csv

FIRST = "Ana Jordan Priya Łukasz Zoë Minh Li Mohammed Chidi Amara Sofia Kenji Ji-woo Olu".split()
LAST = "Souza Lee Shah Wiśniewski Ó_Briain Nguyễn Na Ali Okafor Diallo Rossi Sato Kim Bello".split()
ME = "Sam Rivera"


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST).replace('_', ' ')} {rng.randrange(10**6)}"


def make_export(folder: Path, rows: int, seed: int = 11) -> Path:
    """An export zip with `rows` invitations (90 % incoming, a fifth of them blank), a tenth as
    many connections and half as many messages, some of them from the senders."""
    rng = random.Random(seed)
    notes = [n["text"] for n in make_notes(2_000, seed)]
    senders = [_name(rng) for _ in range(rows)]
    with (folder / "Invitations.csv").open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "From",
                "To",
                "Sent At",
                "Message",
                "Direction",
                "inviterProfileUrl",
                "inviteeProfileUrl",
            ]
        )
        for i, sender in enumerate(senders):
            note = "" if rng.random() < 0.2 else rng.choice(notes)
            when = f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/25, {rng.randint(1, 12)}:07 PM"
            url, mine = f"https://www.linkedin.com/in/user{i}", "https://www.linkedin.com/in/sam"
            if rng.random() < 0.9:
                w.writerow([sender, ME, when, note, "INCOMING", url, mine])
            else:
                w.writerow([ME, sender, when, note, "OUTGOING", mine, url])
    with (folder / "Connections.csv").open("w", encoding="utf-8", newline="") as f:
        f.write('Notes:\n"Some e-mail addresses may be missing."\n\n')
        w = csv.writer(f)
        w.writerow(
            [
                "First Name",
                "Last Name",
                "URL",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
            ]
        )
        for i in range(rows // 10):
            first, last = rng.choice(senders).split(" ", 1)
            w.writerow(
                [
                    first,
                    last,
                    f"https://www.linkedin.com/in/c{i}",
                    "",
                    "Acme",
                    "Engineer",
                    f"{rng.randint(1, 28)} Mar 20{rng.randint(10, 25)}",
                ]
            )
    with (folder / "messages.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "CONVERSATION ID",
                "CONVERSATION TITLE",
                "FROM",
                "SENDER PROFILE URL",
                "TO",
                "DATE",
                "SUBJECT",
                "CONTENT",
                "FOLDER",
            ]
        )
        for i in range(rows // 2):
            other = rng.choice(senders)
            sender, to = (ME, other) if i % 2 else (other, ME)
            w.writerow(
                [
                    f"c{i}",
                    "",
                    sender,
                    "",
                    to,
                    "2025-03-01 10:00:00 UTC",
                    "",
                    "Thanks, talk soon!",
                    "INBOX",
                ]
            )
    path = folder / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ("Invitations.csv", "Connections.csv", "messages.csv"):
            z.write(folder / name, name)
    return path


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(rows: int) -> None:
    """One measured run in a fresh process, so its peak RSS is its own; prints JSON."""
    with tempfile.TemporaryDirectory() as tmp:
        export = make_export(Path(tmp), rows)
        out = Path(tmp) / "triage.csv"
        with out.open("w", encoding="utf-8", newline="") as f:  # warm up: imports, tables
            write_csv((t.row() for t in islice(triage(export, drafts=True), 200)), COLUMNS, f)
        before = _rss_mb()
        start = time.perf_counter()
        with out.open("w", encoding="utf-8", newline="") as f:
            n = write_csv((t.row() for t in triage(export, drafts=True)), COLUMNS, f)
        seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "rows": rows,
                "incoming": n,
                "seconds": seconds,
                "rss_before": before,
                "rss_peak": _rss_mb(),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--flat", type=int, default=0, help="a second, larger run")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    for rows in [args.rows, *([args.flat] if args.flat else [])]:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(rows)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out.splitlines()[-1])
        print(
            f"{r['rows']:,} rows ({r['incoming']:,} incoming, composer drafts, CSV out): "
            f"{r['seconds']:.2f} s, {r['rows'] / r['seconds']:,.0f} rows/s, "
            f"peak RSS {r['rss_peak']:.0f} MB ({r['rss_peak'] - r['rss_before']:+.0f} MB "
            "during the run)"
        )


if __name__ == "__main__":
    main()
