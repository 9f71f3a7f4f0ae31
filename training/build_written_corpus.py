"""Merge the independent writers' notes and the readers' labels into tests/data/notes_written.jsonl.

    .venv/bin/python training/build_written_corpus.py CORPUS_DIR

CORPUS_DIR is the working folder of one labelling round (see tests/data/README.md, "How the
written notes were made"):
- `written/<writer>/part*.jsonl`: each writer's notes (`id`, `direction`, `language`, `text`);
- `reading/<batch>.jsonl`: the shuffled batches readers saw (`id`, `direction`, `text` only);
- `labels/<reader>/<batch>.tsv`: one reader's labels, `id<TAB>label<TAB>sure` a line; an
  incoming label is an action, an outgoing one `ok` or problems joined by commas;
- `labels/third-<reader>/<batch>.tsv`: the third readings of the notes the first two disagreed on.

Each row keeps its readings as `[reader, label, sure]` (sure is 1 or 0).

A note's label is what its two readers agree on; where they disagree, the third reading
decides: for an incoming note the action two of the three chose (no majority: the note is left
out), for an outgoing note each problem that two of the three found. Every reading is kept in
the row, so `training/agreement.py` recomputes the readers' agreement from the file alone.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "notes_written.jsonl"
ACTIONS = ("ask-how-met", "how-can-i-help", "letdown", "ignore", "follow")
PROBLEMS = {
    "who": "invite.missing-who",
    "why": "invite.missing-why",
    "ask": "invite.missing-ask",
    "vague": "invite.vague-purpose",
    "flattery": "invite.flattery",
    "pitch": "invite.sales-pitch",
}


def key(text: str) -> str:
    """The note's words, for spotting duplicates across writers."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def parse_label(direction: str, label: str) -> str | list[str]:
    """An action, or the sorted rule ids of an outgoing note's problems."""
    label = label.strip().lower()
    if direction == "incoming":
        if label not in ACTIONS:
            raise ValueError(f"unknown action {label!r}")
        return label
    if label == "ok":
        return []
    names = [p.strip() for p in label.split(",") if p.strip()]
    unknown = [p for p in names if p not in PROBLEMS]
    if unknown:
        raise ValueError(f"unknown problems {unknown}")
    return sorted(PROBLEMS[p] for p in set(names))


def read_labels(folder: Path, directions: dict[str, str]) -> dict[str, list[dict]]:
    """Every reading of every note: {id: [[reader, label, sure], ...]}."""
    readings: dict[str, list[dict]] = {}
    for tsv in sorted(folder.glob("*/*.tsv")):
        reader = tsv.parent.name
        for n, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) < 2 or parts[0] not in directions:
                raise ValueError(f"{tsv}:{n}: not id<TAB>label<TAB>sure: {line!r}")
            note_id = parts[0]
            try:
                label = parse_label(directions[note_id], parts[1])
            except ValueError as error:
                raise ValueError(f"{tsv}:{n}: {error}") from None
            sure = len(parts) < 3 or parts[2].strip() != "0"
            # [reader, label, sure]; a third reader's id starts with "third-".
            readings.setdefault(note_id, []).append([reader, label, int(sure)])
    return readings


def decide(direction: str, readings: list[dict]) -> tuple[str | list[str] | None, str]:
    """The label of a note from its readings, and how it was decided."""
    first = [label for reader, label, _ in readings if not reader.startswith("third-")][:2]
    third = [label for reader, label, _ in readings if reader.startswith("third-")][:1]
    if len(first) < 2:
        return None, "fewer than two readings"
    if first[0] == first[1]:
        return first[0], "two readers agree"
    if not third:
        return None, "readers disagree, no third reading yet"
    votes = [*first, *third]
    if direction == "incoming":
        action, count = Counter(votes).most_common(1)[0]
        return (action, "third reader") if count >= 2 else (None, "three different readings")
    found = Counter(problem for vote in votes for problem in vote)
    return sorted(p for p, n in found.items() if n >= 2), "third reader"


def main(argv: list[str]) -> int:
    """Merge, label and write the corpus; print its counts."""
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    corpus = Path(argv[0])
    notes: dict[str, dict] = {}
    for part in sorted(corpus.glob("written/*/part*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                notes[row["id"]] = {**row, "writer": part.parent.name}
    # The text the readers saw is the note: a writer may have reworded a note after its part
    # was batched.
    batched = {}
    for batch in corpus.glob("reading/*.jsonl"):
        for line in batch.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                batched[row["id"]] = row["text"]
    for note_id, text in batched.items():
        notes[note_id]["text"] = text
    readings = read_labels(corpus / "labels", {i: notes[i]["direction"] for i in batched})
    out, left_out, seen = [], Counter(), set()
    for note_id in sorted(batched, key=lambda i: (notes[i]["writer"], i)):
        note = notes[note_id]
        if key(note["text"]) in seen:
            left_out["duplicate words"] += 1
            continue
        seen.add(key(note["text"]))
        label, how = decide(note["direction"], readings.get(note_id, []))
        if label is None:
            left_out[how] += 1
            continue
        field = "action" if note["direction"] == "incoming" else "expect"
        out.append(
            {
                "id": note_id,
                "writer": note["writer"],
                "direction": note["direction"],
                "language": note["language"],
                "text": note["text"],
                field: label,
                "decided": how,
                "readings": readings[note_id],
            }
        )
    with OUT.open("w", encoding="utf-8") as f:
        for row in out:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    by = Counter((r["direction"], r["writer"]) for r in out)
    print(f"{len(out)} notes written to {OUT.relative_to(ROOT)}; left out: {dict(left_out)}")
    for (direction, writer), n in sorted(by.items()):
        print(f"  {direction:<9} {writer:<4} {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
