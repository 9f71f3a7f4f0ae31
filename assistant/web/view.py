"""How drafts, findings and notices are shown in the web chat. Untrusted text (notes, model
output) never reaches the page as HTML: it is escaped here or shown in text-only components."""

from __future__ import annotations

import html
from typing import Any

from assistant.lint import RULES_BY_ID

# Longest span quoted in a finding line; longer spans are about the whole note.
QUOTE_CHARS = 60


def as_chat_text(text: str) -> str:
    """Text for a gr.Chatbot message: escaped, so markup in a note or a draft shows as text."""
    return html.escape(text or "").replace("\n", "<br>")


def counter_html(chars: int, limit: int) -> str:
    """'247 / 300', red past the limit; built from integers only, so it is safe as HTML."""
    chars, limit = int(chars), int(limit)
    over = chars > limit
    colour = "#c62828" if over else "#2e7d32"
    label = "over the limit" if over else "characters"
    return (
        f'<span class="cordial-counter{" over" if over else ""}" style="color:{colour};'
        f'font-weight:600">{chars} / {limit}</span> <span>{label}</span>'
    )


def highlights(text: str, findings: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    """The draft cut into segments for gr.HighlightedText, each span labelled by its rule."""
    labels: list[str | None] = [None] * len(text)
    for f in findings:
        start, end = max(0, int(f.get("start", 0))), min(len(text), int(f.get("end", 0)))
        # A span that covers the whole text says "something is missing": nothing to point at.
        if end - start >= len(text) or start >= end:
            continue
        for i in range(start, end):
            labels[i] = labels[i] or f["rule"]
    segments: list[tuple[str, str | None]] = []
    for ch, label in zip(text, labels, strict=True):
        if segments and segments[-1][1] == label:
            segments[-1] = (segments[-1][0] + ch, label)
        else:
            segments.append((ch, label))
    return segments


def findings_text(text: str, findings: list[dict[str, Any]]) -> str:
    """Each finding in plain words: severity, rule, message, the words it is about, the fix."""
    if not findings:
        return "No findings: the draft follows every rule."
    lines = []
    for f in findings:
        line = f"{f['severity']} · {f['rule']}: {f['message']}"
        span = " ".join(text[f.get("start", 0) : f.get("end", 0)].split())
        if span and len(span) < len(text.strip()) and len(span) <= QUOTE_CHARS:
            line += f' — at "{span}"'
        if f.get("suggestion"):
            line += f"\n    fix: {f['suggestion']}"
        if f.get("reason"):  # a learned judgement: how sure, and the words that weighed
            line += f"\n    judged: {f['reason']}"
        rule = RULES_BY_ID.get(f["rule"])
        if rule is not None and rule.description:
            line += f"\n    why: {rule.description}"
        lines.append(line)
    return "\n".join(lines)


def notice_text(draft: Any) -> str:
    """What the user should know about how a draft was made, or '' when nothing."""
    notes = []
    if draft.fallback:
        notes.append(
            "This draft came from the built-in composer, not the model"
            + (f": {draft.fallback_reason}" if draft.fallback_reason else ".")
        )
    if draft.chars > draft.limit:
        notes.append(f"The draft is {draft.chars - draft.limit} characters over the limit.")
    return "\n".join(notes)


def history_label(row: dict[str, Any]) -> str:
    """One saved draft as a line in the history list."""
    request = row.get("request") or {}
    person = (request.get("recipient") or request.get("requester") or {}).get("name") or "?"
    kind = {"invite": "invitation to", "followup": "follow-up to"}.get(row.get("kind"), "reply to")
    text = " ".join(str(row.get("text", "")).split())
    return f"#{row['id']} · {kind} {person} · {text[:50]}{'…' if len(text) > 50 else ''}"


# -- the Inbox tab -------------------------------------------------------------------------------


def _short(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return f"{text[:n]}…" if len(text) > n else text


def inbox_row(item: Any) -> list[Any]:
    """One triaged request (api.triage's Triaged) as a table row (the Dataframe shows text,
    never HTML, and runs lines together): each reason after a bullet."""
    inv, a = item.invitation, item.assessment
    review = " (review)" if a.needs_review else ""
    return [
        inv.row,
        inv.sender,
        a.action + review,
        f"{a.confidence:.0%}",
        " ".join(f"• {r}" for r in a.reasons),
        "(no reply: ignore)" if a.action == "ignore" else (item.draft.text if item.draft else ""),
    ]


def inbox_label(item: Any) -> str:
    """One triaged request as a line in the pick list."""
    inv = item.invitation
    return f"{inv.row}. {_short(inv.sender or '(no name)', 40)}: {item.assessment.action}"


def inbox_reasons(item: Any) -> str:
    """Why the triage chose this action, for the suggestion box of the reply chat: each reason
    on its own line, as the triage gave them (a reason may hold any character, ';' too)."""
    a = item.assessment
    why = "\n".join(f"• {r}" for r in a.reasons if r)
    return f"Inbox: {a.action} ({a.confidence:.0%} sure)\n{why}"


def suggestion_text(suggestion: Any) -> str:
    """The suggested reply situation (api.choose_situation's Suggestion) and why."""
    why = "\n".join(f"• {r}" for r in suggestion.reasons)
    return f"Suggested: {suggestion.situation} ({suggestion.confidence:.0%} sure)\n{why}"


def inbox_summary(items: list[Any], shown: int) -> str:
    """Counts per action, as Markdown (only numbers and fixed words: nothing from the file)."""
    counts: dict[str, int] = {}
    for t in items:
        counts[t.assessment.action] = counts.get(t.assessment.action, 0) + 1
    parts = ", ".join(f"{n} {a}" for a, n in sorted(counts.items(), key=lambda x: -x[1]))
    review = sum(1 for t in items if t.assessment.needs_review)
    more = f" The table shows the first {shown:,}; the CSV has all." if len(items) > shown else ""
    return f"**{len(items):,} incoming requests**: {parts or 'none'}. {review} to review.{more}"


def triage_csv(items: list[Any]) -> str:
    """All triaged requests written to a temporary CSV file, for download (the CSV's own row
    form: reasons joined with '; ', as `draft triage` writes them)."""
    import tempfile

    from assistant.api import write_triage_csv

    with tempfile.NamedTemporaryFile(
        "w", suffix=".csv", prefix="cordial-triage-", delete=False, encoding="utf-8", newline=""
    ) as f:
        write_triage_csv(items, f)
    return f.name


# -- the Inbox's Sent view -----------------------------------------------------------------------

SENT_COLUMNS = ["Group", "Sent", "Accepted", "Rate", "90 % interval"]
STALE_COLUMNS = ["To", "Sent", "Age (days)", "Note", "Findings"]


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def rate_row(label: str, rate: Any) -> list[Any]:
    """One group of the outcomes (a label and api.outcomes' Rate) as a table row."""
    interval = rate.interval
    return [
        label,
        rate.sent,
        "?" if rate.accepted is None else rate.accepted,
        _percent(rate.rate),
        "–" if interval is None else f"{interval[0]:.0%}–{interval[1]:.0%}",
    ]


def outcomes_chart(bars: list[tuple[str, Any]], min_age_days: int) -> str:
    """Acceptance as horizontal bars with the counts on them (Outcomes.chart(): with and without
    a note, then the lint verdict). Built from fixed labels and integers only, so it is safe as
    HTML; each bar carries its counts as data attributes for the browser test."""
    rows = []
    for label, rate in bars:
        if rate.accepted is None or not rate.sent:
            continue
        sent, accepted = int(rate.sent), int(rate.accepted)
        width = round(100 * accepted / sent, 1)
        rows.append(
            f'<div class="cordial-bar" data-group="{html.escape(label)}" data-sent="{sent}" '
            f'data-accepted="{accepted}" style="display:flex;align-items:center;gap:8px;'
            'margin:4px 0">'
            f'<span class="bar-label" style="width:150px">{html.escape(label)}</span>'
            '<span style="flex:1;background:#e0e0e0;height:22px;position:relative;'
            'border-radius:3px">'
            f'<span style="display:block;width:{width}%;height:100%;background:#1565c0;'
            'border-radius:3px"></span></span>'
            f'<span class="bar-count" style="width:170px">{accepted} of {sent} accepted '
            f"({accepted / sent:.0%})</span></div>"
        )
    if not rows:
        return "<p>No invitation old enough to judge, or no Connections.csv to tell.</p>"
    caption = f"Acceptance of the invitations at least {int(min_age_days)} days old"
    return (
        f'<div id="cordial-sent-bars" role="img" aria-label="{caption}">'
        f'<p style="font-weight:600;margin:0 0 4px">{caption}</p>' + "".join(rows) + "</div>"
    )


def outcomes_summary(o: Any) -> str:
    """The counts as Markdown (only numbers, dates and fixed words: nothing from the file)."""
    lines = [f"**{o.sent:,} invitations you sent**, ages counted from {o.today.isoformat()}."]
    if o.accepted is not None:
        lines.append(
            f"{o.accepted:,} accepted, {o.pending:,} pending ({o.min_age_days}+ days old), "
            f"{o.too_recent:,} too recent to judge."
        )
    if o.days_to_accept_n:
        lines.append(
            f"Time to acceptance: median {o.days_to_accept_median:g} days, 90th percentile "
            f"{o.days_to_accept_p90} days."
        )
    if o.replied is not None and o.accepted:
        lines.append(f"A conversation since they accepted: {o.replied:,} of {o.accepted:,}.")
    return "  \n".join(lines)


def outcomes_notes(o: Any) -> str:
    """The caveats, the files that would add more, and the problems found, as plain text."""
    return "\n".join(f"• {line}" for line in (*o.caveats, *o.missing, *o.problems))


def stale_row(s: Any) -> list[Any]:
    """One stale sent invitation (api.outcomes' SentInvitation) as a table row (text only)."""
    return [
        s.to,
        s.sent_at.date().isoformat() if s.sent_at else "?",
        s.age_days,
        _short(s.note, 120) or "(no note)",
        ", ".join(s.check.findings) or "none",
    ]


def follow_up_label(s: Any) -> str:
    """One follow-up due as a line in the pick list."""
    since = f" (connected {s.connected_on.isoformat()})" if s.connected_on else ""
    return f"{_short(s.to or '(no name)', 40)}{since}: {_short(s.note, 50)}"
