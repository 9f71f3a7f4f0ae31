"""Writing triage and network rows as CSV, JSON or Markdown, streamed to any text stream."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable
from typing import Any, Literal, TextIO

Format = Literal["csv", "json", "md"]

# A spreadsheet runs a cell that starts with one of these as a formula; notes come from strangers.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A cell value that a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    """A list (a row's reasons) as one cell."""
    return "; ".join(map(str, value)) if isinstance(value, list) else value


def write_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: TextIO) -> int:
    """Rows as CSV with a header; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: spreadsheet_safe(_cell(v)) for k, v in row.items()})
        n += 1
    return n


def write_json(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Rows as one JSON array, written row by row; returns the number of rows."""
    out.write("[")
    n = 0
    for n, row in enumerate(rows, 1):
        out.write(("\n  " if n == 1 else ",\n  ") + json.dumps(row, ensure_ascii=False))
    out.write("\n]\n" if n else "]\n")
    return n


def _md(text: Any) -> str:
    """Text for one Markdown table cell or line: no line breaks, pipes or HTML escaped."""
    text = " ".join(str(text).split())
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def _quoted(text: str) -> str:
    return "\n".join("> " + _md(line) for line in text.splitlines() if line.strip()) or "> (none)"


def write_triage_markdown(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Triaged requests as a Markdown review list, with a summary per action at the end."""
    out.write("# Incoming requests\n")
    actions: Counter[str] = Counter()
    n = 0
    for n, row in enumerate(rows, 1):
        actions[row["action"]] += 1
        review = " · **review**" if row["review"] else ""
        out.write(
            f"\n## {n}. {_md(row['from']) or '(no name)'}: {row['action']}"
            f" ({row['category']}, confidence {row['confidence']:.2f}){review}\n\n"
        )
        out.write(f"{_md(row['sent_at'])}\n\n" if row["sent_at"] else "")
        out.write(_quoted(row["message"]) + "\n\n")
        out.write("".join(f"- {_md(r)}\n" for r in row["reasons"] if r))
        if row["draft"]:
            out.write(f"\nDraft reply ({_md(row['draft_by'])}):\n\n{_quoted(row['draft'])}\n")
    out.write("\n## Summary\n\n| action | requests |\n|---|---|\n")
    out.write("".join(f"| {a} | {c} |\n" for a, c in actions.most_common()))
    out.write(f"| **total** | {n} |\n")
    return n


def write_table_markdown(
    rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: TextIO, title: str
) -> int:
    """Rows as one Markdown table under a title."""
    out.write(f"# {title}\n\n| {' | '.join(columns)} |\n|{'---|' * len(columns)}\n")
    n = 0
    for row in rows:
        out.write("| " + " | ".join(_md(row.get(c, "")) for c in columns) + " |\n")
        n += 1
    return n


def write_rows(
    rows: Iterable[dict[str, Any]],
    columns: tuple[str, ...],
    fmt: Format,
    out: TextIO,
    *,
    title: str = "",
) -> int:
    """Rows in the chosen format; Markdown triage rows get the review layout."""
    if fmt == "csv":
        return write_csv(rows, columns, out)
    if fmt == "json":
        return write_json(rows, out)
    if "action" in columns:
        return write_triage_markdown(rows, out)
    return write_table_markdown(rows, columns, out, title)
