"""Merge the collectors' files of real notes into tests/data/notes_real.jsonl, split by source.

    .venv/bin/python training/build_real_corpus.py FILE.jsonl [...] [--blind2 FILE.jsonl ...]

Each input row is one note quoted on a public page (see the fields in tests/data/README.md).
Duplicates (same words, ignoring case, spacing and punctuation) keep their first copy. The
split is by *site* (a web host, or a GitHub repository), so no page — nor another page of the
same site — gives notes to both splits; a site's split is fixed by a hash of its name, so
adding notes later never moves an old note between splits. Files after `--blind2` were collected
later from sites none of the others use, after the first test split was reported: all their
notes form the split `test2`, a second blind check scored once.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "notes_real.jsonl"
PREMIUM_LIMIT = 300
TEST_SHARE = 40  # percent of sites whose notes are held out for the test split
FIELDS = (
    "id",
    "direction",
    "text",
    "language",
    "action",
    "expect",
    "why",
    "source",
    "source_kind",
    "quote",
    "split",
)


def site(url: str) -> str:
    """The site a URL belongs to: its host without www., or host/owner/repo on GitHub."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    if host == "github.com":
        return host + "/" + "/".join(parts.path.strip("/").split("/")[:2]).lower()
    return host


def split_for(url: str) -> str:
    """'test' for about TEST_SHARE percent of sites, chosen by a hash of the site's name."""
    h = int(hashlib.sha256(site(url).encode()).hexdigest(), 16) % 100
    return "test" if h < TEST_SHARE else "train"


def key(text: str) -> str:
    """The note's words, for spotting duplicates."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def main(paths: list[str]) -> int:
    """Merge, deduplicate, split and write the corpus; print its counts."""
    seen: set[str] = set()
    rows = []
    blind2 = False
    for path in paths:
        if path == "--blind2":
            blind2 = True
            continue
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            if not r.get("text", "").strip() or key(r["text"]) in seen:
                continue
            seen.add(key(r["text"]))
            r["split"] = "test2" if blind2 else split_for(r["source"])
            # A fact, not a judgement: collectors did not always mark a note over the limit.
            if r["direction"] == "outgoing" and len(r["text"]) > PREMIUM_LIMIT:
                r["expect"] = sorted({*r["expect"], "length.over-limit"})
            rows.append(r)
    for i, r in enumerate(rows, 1):
        r["id"] = f"real-{'in' if r['direction'] == 'incoming' else 'out'}-{i:04d}"
    with OUT.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({k: r[k] for k in FIELDS if k in r}, ensure_ascii=False) + "\n")
    by = {}
    for r in rows:
        k = (r["direction"], r["split"])
        by[k] = by.get(k, 0) + 1
    sites = {site(r["source"]) for r in rows}
    print(f"{len(rows)} notes from {len({r['source'] for r in rows})} pages on {len(sites)} sites")
    for k, n in sorted(by.items()):
        print(f"  {k[0]:<9} {k[1]:<5} {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
