"""The outcomes report as Markdown: the figures, the stale invitations to withdraw, the
follow-ups due, and what the figures can and cannot say."""

from __future__ import annotations

from typing import Any, TextIO

from assistant.outcomes.report import Outcomes
from assistant.outcomes.stats import Rate


def _md(text: Any) -> str:
    """Text for one Markdown table cell: one line, pipes and HTML escaped."""
    text = " ".join(str(text).split())
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def percent(value: float | None) -> str:
    """A rate as a whole percentage, or a dash."""
    return "–" if value is None else f"{value:.0%}"


def rate_cells(rate: Rate) -> list[str]:
    """sent, accepted, rate and the 90 % interval as table cells."""
    interval = rate.interval
    return [
        str(rate.sent),
        "?" if rate.accepted is None else str(rate.accepted),
        percent(rate.rate),
        "–" if interval is None else f"{interval[0]:.0%}–{interval[1]:.0%}",
    ]


def write_markdown(o: Outcomes, out: TextIO) -> None:
    """The whole report."""
    out.write("# Outcomes of your sent invitations\n\n")
    window = (
        f"sent {o.first_sent.isoformat()} to {o.last_sent.isoformat()}"
        if o.first_sent and o.last_sent
        else "no dated invitation"
    )
    out.write(f"{o.sent} invitations you sent ({window}); ages counted from {o.today}.\n\n")
    if o.accepted is not None:
        out.write(
            f"- accepted: {o.accepted}\n- pending ({o.min_age_days}+ days, not accepted): "
            f"{o.pending}\n- too recent to judge: {o.too_recent}\n"
        )
    if o.undated:
        out.write(f"- date unreadable, not accepted: {o.undated}\n")
    out.write(
        f"\n## Acceptance, invitations at least {o.min_age_days} days old\n\n"
        "| group | sent | accepted | rate | 90 % interval |\n|---|---|---|---|---|\n"
    )
    for label, rate in o.table():
        out.write(f"| {_md(label)} | " + " | ".join(rate_cells(rate)) + " |\n")
    if o.days_to_accept_n:
        out.write(
            f"\nTime to acceptance ({o.days_to_accept_n} with both dates): median "
            f"{o.days_to_accept_median:g} days, 90th percentile {o.days_to_accept_p90} days.\n"
        )
    if o.replied is not None and o.accepted:
        out.write(
            f"\nA conversation since they accepted: {o.replied} of {o.accepted} "
            f"({percent(o.replied / o.accepted)}).\n"
        )
    if o.accepted is not None:
        out.write(
            f"\n## Stale invitations to withdraw ({len(o.stale)}, oldest first)\n\n"
            f"Withdraw them by hand on {o.withdraw_url} (Cordial never acts on the platform).\n\n"
        )
        if o.stale:
            out.write("| to | sent | age (days) | note | findings |\n|---|---|---|---|---|\n")
            for s in o.stale:
                sent = s.sent_at.date().isoformat() if s.sent_at else "?"
                findings = ", ".join(s.check.findings) or "none"
                out.write(
                    f"| {_md(s.to)} | {sent} | {s.age_days} | {_md(s.note) or '(no note)'} | "
                    f"{_md(findings)} |\n"
                )
    if o.follow_ups is not None:
        out.write(
            f"\n## Follow-ups due ({len(o.follow_ups)})\n\nAccepted, the note asked for "
            "something, and no message since: send what the note promised.\n\n"
        )
        for f in o.follow_ups:
            since = f" (connected {f.connected_on.isoformat()})" if f.connected_on else ""
            out.write(f"- {_md(f.to)}{since}: {_md(f.note)}\n")
            if f.row in o.follow_up_drafts:
                out.write(f"  - follow-up: {_md(o.follow_up_drafts[f.row])}\n")
    out.write("\n## Read these figures with care\n\n")
    out.write("".join(f"- {_md(c)}\n" for c in o.caveats))
    if o.missing:
        out.write("\n## Not in this report\n\n" + "".join(f"- {_md(m)}\n" for m in o.missing))
    if o.problems:
        out.write("\n## Problems in the files\n\n" + "".join(f"- {_md(p)}\n" for p in o.problems))
