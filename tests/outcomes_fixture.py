"""A deterministic export of sent invitations for the outcomes tests, with its ground truth.

`truth()` draws 300 invitations the user sent (and 40 received, which outcomes ignore), who
accepted and when, and who was written to since, from a seeded random generator. `write(style,
folder)` renders the same truth as the platform's files in one of three styles:

- "2026": Invitations.csv with profile URL columns, Connections.csv with its "Notes:" preamble,
  URL column and 'DD Mon YYYY' dates (URLs written as the platform varies them: http, no www.,
  upper case, a trailing slash), messages.csv with the 2025 columns (RECIPIENT PROFILE URLS);
- "2018": no URL anywhere (matching by name), no preamble, 'M/D/YY, h:mm AM' connection dates,
  messages.csv with the older columns;
- "spreadsheet": the 2026 files after a spreadsheet re-saved them: 'M/D/YY H:MM' timestamps and
  'D-Mon-YY' connection dates.

The tests compute the expected figures from the truth with their own code, never from the
files. Run it as a script to write the three styles to a folder: `python tests/outcomes_fixture.py
OUT`.
"""

from __future__ import annotations

import csv
import io
import random
import sys
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

ME = "Sam Rivera"
ME_URL = "https://www.linkedin.com/in/samrivera"
START = datetime(2025, 9, 1, 0, 0)
# The day the export was made: nothing later is in it (acceptances after it are still pending).
MADE = datetime(2026, 3, 1, 23, 59)

# Fixed notes (their lint verdicts are pinned in the test): blank, the default sentence, a bare
# "let's connect", three good notes (166, 111 and 249 characters), a pitch, shouting.
NOTES = (
    "",
    "I'd like to add you to my professional network.",
    "Hi, let's connect!",
    "Hi Sam, I saw your DataConf talk on streaming joins. I lead the data platform team at Acme "
    "and would love 15 minutes of your advice on moving our batch jobs to Kafka.",
    "Great meeting you at PyCon last week after your packaging talk. I'm the data lead at Acme; "
    "let's stay in touch.",
    "Hello, I read your post on hiring the first data engineer and it matched what we are going "
    "through at Fintrail, where I run a small analytics team of four. Could I ask you two "
    "questions about how you structured the interviews and the take-home task?",
    "Hi, we help companies like yours cut cloud costs by 40%. Open to a quick call this week?",
    "GREAT PROFILE!!! LET'S CONNECT!!!",
)
FIRST = ("Ana", "Bo", "Chen", "Dara", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea")
LAST = ("Abe", "Berg", "Costa", "Diaz", "Eze", "Falk", "Gray", "Holt", "Iqbal", "Jain", "Khan")


@dataclass(frozen=True)
class Sent:
    """One invitation the user sent, and what truly happened to it."""

    name: str
    slug: str
    sent_at: datetime
    note: str
    connected_at: datetime | None  # None: not a connection
    messages: tuple[datetime, ...]  # messages in a conversation with them, either way

    @property
    def url(self) -> str:
        return f"https://www.linkedin.com/in/{self.slug}"


@dataclass(frozen=True)
class Truth:
    sent: tuple[Sent, ...]
    received: tuple[tuple[str, datetime, str], ...]
    other_connections: tuple[tuple[str, str, datetime], ...]  # name, slug, connected


def truth(seed: int = 21) -> Truth:
    """The ground truth, the same for every style."""
    rng = random.Random(seed)
    names = [f"{f} {last}" for last in LAST for f in FIRST]  # 132 x up to 3 middle initials
    sent = []
    for i in range(300):
        base = names[i % len(names)]
        name = (
            base
            if i < len(names)
            else f"{base.split()[0]} {'QRS'[i // len(names) - 1]}. {base.split()[1]}"
        )
        # Times of day include 12 AM and 12 PM, which a 12-hour clock gets wrong easily.
        minute = rng.choice((0, 0, 5, 59)) if i % 10 == 0 else rng.randrange(60)
        hour = (0, 12)[i % 2] if i % 10 == 0 else rng.randrange(24)
        sent_at = START + timedelta(days=rng.randrange(180), hours=hour, minutes=minute)
        note = NOTES[rng.randrange(len(NOTES))]
        p_accept = 0.75 if not note else 0.45
        connected = None
        roll = rng.random()
        if roll < p_accept:
            connected = sent_at + timedelta(days=rng.choice((0, 0, 1, 2, 3, 5, 8, 13, 30, 45)))
            connected = connected.replace(hour=rng.randrange(24), minute=rng.randrange(60))
            if connected < sent_at:  # the same day, earlier time: still that day
                connected = sent_at.replace(hour=23, minute=59)
        elif roll > 0.97:
            # A connection from before this invitation (removed and invited again): not
            # an acceptance of it.
            connected = sent_at - timedelta(days=400)
        if connected is not None and connected > MADE:
            connected = None
        messages: list[datetime] = []
        if connected is not None and rng.random() < 0.4:
            messages.append(connected + timedelta(days=rng.randrange(20), hours=1))
        if rng.random() < 0.1:  # an older conversation, before they connected
            messages.append(sent_at - timedelta(days=30))
        messages = [m for m in messages if m <= MADE]
        sent.append(Sent(name, f"person-{i:03d}", sent_at, note, connected, tuple(messages)))
    received = tuple(
        (f"Sender {i}", START + timedelta(days=rng.randrange(180), hours=9), "Hi, let's connect")
        for i in range(40)
    )
    others = tuple(
        (f"Old Friend {i}", f"old-friend-{i}", datetime(2019, 1, 1) + timedelta(days=7 * i))
        for i in range(60)
    )
    return Truth(tuple(sent), received, others)


def _sent_at(when: datetime, style: str) -> str:
    if style == "spreadsheet":
        return f"{when.month}/{when.day}/{when:%y} {when.hour}:{when:%M}"
    return f"{when.month}/{when.day}/{when:%y}, {when:%I:%M %p}".replace(", 0", ", ")


def _connected_on(when: datetime, style: str) -> str:
    if style == "2018":
        return _sent_at(when, "2018")
    if style == "spreadsheet":
        return f"{when.day}-{when:%b}-{when:%y}"
    return f"{when:%d %b %Y}"


def _message_date(when: datetime, style: str) -> str:
    if style == "2026":
        return f"{when:%Y-%m-%d %H:%M:%S} UTC"
    return _sent_at(when, style)


def _url_as_written(slug: str, i: int) -> str:
    """The platform's URLs vary in scheme, 'www.', case and a trailing slash."""
    forms = (
        "https://www.linkedin.com/in/{}",
        "http://linkedin.com/in/{}/",
        "https://WWW.LinkedIn.com/in/{}/",
        "http://www.linkedin.com/in/{}",
    )
    return forms[i % len(forms)].format(slug.upper() if i % 5 == 0 else slug)


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def render(t: Truth, style: str) -> dict[str, str]:
    """The three files' text in a style."""
    urls = style != "2018"
    inv_header = ["From", "To", "Sent At", "Message", "Direction"]
    if urls:
        inv_header += ["inviterProfileUrl", "inviteeProfileUrl"]
    invitations = [inv_header]
    rows = [(s.sent_at, [ME, s.name, s.sent_at, s.note, "OUTGOING", ME_URL, s.url]) for s in t.sent]
    rows += [
        (when, [name, ME, when, note, "INCOMING", f"https://www.linkedin.com/in/s{i}", ME_URL])
        for i, (name, when, note) in enumerate(t.received)
    ]
    rows.sort(key=lambda r: r[0], reverse=True)  # the platform lists the newest first
    for when, row in rows:
        row[2] = _sent_at(when, style)
        invitations.append(row if urls else row[:5])

    conn_header = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position"]
    conn_header = [c for c in conn_header if urls or c != "URL"] + ["Connected On"]
    connections = [conn_header]
    people = [(s.name, s.slug, s.connected_at) for s in t.sent if s.connected_at]
    people += list(t.other_connections)
    people.sort(key=lambda p: p[2], reverse=True)
    for i, (name, slug, when) in enumerate(people):
        first, last = name.split(" ", 1)
        row = [first, last, _url_as_written(slug, i), "", "Acme", "Engineer"]
        connections.append(
            [c for j, c in enumerate(row) if urls or j != 2] + [_connected_on(when, style)]
        )
    preamble = (
        "Notes:\n"
        '"When exporting your connection data, you may notice that some of the email addresses '
        "are missing. You will only see email addresses for connections who have allowed their "
        'connections to see or download their email address."\n\n'
    )

    if style == "2018":
        msg_header = ["From", "To", "Date", "Subject", "Content", "Direction"]
    else:
        msg_header = [
            "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
            "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS",
        ]  # fmt: skip
    messages = [msg_header]
    for i, s in enumerate(t.sent):
        for j, when in enumerate(s.messages):
            mine = j % 2 == 0  # the user writes first, they answer
            sender, to = (ME, s.name) if mine else (s.name, ME)
            if style == "2018":
                messages.append([sender, to, _message_date(when, style), "", "Hello", "OUTGOING"])
            else:
                # In 2025 files the recipient is also named by URL; the name stays in TO.
                to_url = s.url if mine else ME_URL
                from_url = ME_URL if mine else s.url
                messages.append(
                    [f"c{i}", "", sender, from_url, to, to_url, _message_date(when, style), "",
                     "Hello", "INBOX", ""]
                )  # fmt: skip
    return {
        "Invitations.csv": _csv(invitations),
        "Connections.csv": (preamble if style != "2018" else "") + _csv(connections),
        "messages.csv": _csv(messages),
    }


def write(style: str, folder: Path, t: Truth | None = None, *, zipped: bool = True) -> Path:
    """The export in a style: a zip (files in a folder inside, as some exports have them), or
    the loose files in `folder`; returns the zip or the folder."""
    files = render(t or truth(), style)
    folder.mkdir(parents=True, exist_ok=True)
    if not zipped:
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8", newline="")
        return folder
    path = folder / f"Basic_LinkedInDataExport_{style}.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(f"export/{name}", text)
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    for style in ("2026", "2018", "spreadsheet"):
        print(write(style, out))
    newest = max(s.sent_at for s in truth().sent)
    print(f"{len(truth().sent)} sent invitations; the newest sent {newest:%Y-%m-%d}")
