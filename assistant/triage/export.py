"""Readers for the platform's "Get a copy of your data" export: the CSV files and the zip.

Every reader streams rows (memory stays flat on large files), tolerates a byte-order mark,
quoted newlines, extra columns and any column order, and turns a bad file into one InputError
naming the file and, where it applies, the column or row.
"""

from __future__ import annotations

import csv
import io
import lzma
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from assistant.errors import InputError

# The export lists files under these names, at the top of the zip or in a folder.
INVITATIONS = "Invitations.csv"
CONNECTIONS = "Connections.csv"
MESSAGES = "messages.csv"

# A member that inflates past this is refused before it is read (a zip bomb, or not an export).
MAX_MEMBER_BYTES = 1 << 30
# The csv module's own cap on one cell; no export note or message comes near it, so a longer
# cell means the file is not an export (or is broken).
MAX_CELL_CHARS = csv.field_size_limit()
# The header is within the first rows; Connections.csv starts with a few "Notes:" lines.
HEADER_SEARCH_ROWS = 20

_INVITATION_COLUMNS = ("From", "To", "Sent At", "Message", "Direction")
_CONNECTION_COLUMNS = ("First Name", "Last Name", "Connected On")
_MESSAGE_COLUMNS = ("FROM", "TO", "DATE", "CONTENT")


class ExportError(InputError):
    """A file in the export that cannot be read as the platform writes it."""

    def __init__(self, message: str) -> None:
        super().__init__(
            message, "download the data export again, or pass the right file for each option"
        )


@dataclass(frozen=True, slots=True)
class Invitation:
    """One row of Invitations.csv."""

    sender: str
    recipient: str
    sent_at: datetime | None
    message: str
    direction: str
    sender_url: str = ""
    recipient_url: str = ""
    row: int = 0
    sent_at_text: str = ""  # the cell as written, to name it when it is not a date

    @property
    def incoming(self) -> bool:
        """True for a request someone sent to the user."""
        return self.direction == "INCOMING"


@dataclass(frozen=True, slots=True)
class Connection:
    """One row of Connections.csv."""

    first_name: str
    last_name: str
    url: str
    email: str
    company: str
    position: str
    connected_on: date | None
    row: int = 0
    connected_on_text: str = ""  # the cell as written, to name it when it is not a date

    @property
    def name(self) -> str:
        """First and last name as one string."""
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class Message:
    """One row of messages.csv."""

    conversation_id: str
    sender: str
    sender_url: str
    recipients: str
    sent_at: datetime | None
    content: str
    folder: str
    recipient_urls: str = ""  # since 2025: the recipients' profile URLs, comma-separated
    row: int = 0
    sent_at_text: str = ""


def name_key(name: str) -> str:
    """A name folded for matching across files: case, accents, spacing and width ignored."""
    if name.isascii():  # most names: NFKD leaves ASCII as it is, so skip it (a third faster)
        return " ".join(name.lower().split())
    folded = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())


def url_key(url: str) -> str:
    """A profile URL folded for matching: no scheme, 'www.', query or trailing slash."""
    url = url.strip().casefold().split("?", 1)[0].split("#", 1)[0].rstrip("/")
    for prefix in ("https://", "http://", "www."):
        url = url.removeprefix(prefix)
    return url


# Timestamps as the export writes them (Invitations.csv's 'Sent At', messages.csv's 'DATE'),
# then as a spreadsheet writes them back when the file is re-saved ('2/6/26 14:37', '6-Feb-26').
_DATETIME_FORMATS = (
    "%m/%d/%y, %I:%M %p",
    "%m/%d/%Y, %I:%M %p",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%m/%d/%y %H:%M",
    "%m/%d/%Y %H:%M",
    "%m/%d/%y %I:%M %p",
    "%d-%b-%y",
    "%d-%b-%Y",
)
# 'Connected On': '29 Jan 2026' today; '1/29/26, 2:37 PM' or '01/29/26' in older exports; a
# spreadsheet's '6-Feb-26'.
_DATE_FORMATS = (
    "%d %b %Y",
    "%d %B %Y",
    "%m/%d/%y",
    "%Y-%m-%d",
    "%m/%d/%y, %I:%M %p",
    "%m/%d/%Y, %I:%M %p",
    "%m/%d/%Y",
    "%d-%b-%y",
    "%d-%b-%Y",
)


# 'Sent At' as the export writes it, read without strptime (a fifth of the time, and the
# export has one per row): month/day/two-digit year, a 12-hour clock.
_SENT_AT = re.compile(r"(\d{1,2})/(\d{1,2})/(\d\d), (\d{1,2}):(\d\d) ([AP])M")


def _sent_at(text: str) -> datetime | None:
    """'1/29/26, 2:37 PM' as strptime's '%m/%d/%y, %I:%M %p' reads it, else None."""
    m = _SENT_AT.fullmatch(text)
    if m is None:
        return None
    month, day, year, hour, minute = (int(g) for g in m.groups()[:5])
    if not 1 <= hour <= 12:
        return None
    # strptime's %y: 69-99 are the 1900s, 00-68 the 2000s; 12 AM is midnight, 12 PM noon.
    year += 1900 if year >= 69 else 2000
    hour = hour % 12 + (12 if m.group(6) == "P" else 0)
    try:
        return datetime(year, month, day, hour, minute)
    except ValueError:
        return None


def parse_datetime(text: str) -> datetime | None:
    """The export's timestamps ('1/29/26, 2:37 PM', '2026-01-29 14:37:00 UTC', a spreadsheet's
    '6-Feb-26'), else None. No time zone: the export writes none for 'Sent At'."""
    if (fast := _sent_at(text)) is not None:
        return fast
    text = " ".join(text.replace("UTC", "").split())
    for fmt in _DATETIME_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


# 'Connected On' as today's export writes it ('29 Jan 2026'), read without strptime.
_CONNECTED_ON = re.compile(r"(\d{1,2}) ([A-Za-z]{3}) (\d{4})")
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def parse_date(text: str) -> date | None:
    """Connections.csv dates ('29 Jan 2026'; older exports '01/29/26' or '1/29/26, 2:37 PM'; a
    spreadsheet's '6-Feb-26'), else None."""
    if (m := _CONNECTED_ON.fullmatch(text)) and (month := _MONTHS.get(m.group(2).lower())):
        try:
            return date(int(m.group(3)), month, int(m.group(1)))
        except ValueError:
            return None
    text = " ".join(text.split())
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


Source = str | Path | tuple[str, IO[bytes]]


@contextmanager
def _open_text(source: Source) -> Iterator[tuple[str, IO[str]]]:
    """The source's display name and a text stream; decoding never fails (bad bytes become �)."""
    if isinstance(source, tuple):
        name, raw = source
        yield name, io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        return
    path = Path(source)
    try:
        handle = path.open(encoding="utf-8-sig", errors="replace", newline="")
    except OSError as exc:
        raise ExportError(f"{path.name}: cannot be read ({exc.strerror or exc})") from exc
    with handle:
        yield path.name, handle


def _rows(source: Source, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, {column: value}) for each data row, the header found among the first rows."""
    with _open_text(source) as (name, stream):
        reader = csv.reader(stream)
        try:
            columns = _find_header(name, reader, required)
            for cells in reader:
                if not any(c.strip() for c in cells):
                    continue
                yield (
                    reader.line_num,
                    {col: cells[i].strip() if i < len(cells) else "" for col, i in columns.items()},
                )
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise ExportError(
                    f"{name}: line {reader.line_num} has a cell over {MAX_CELL_CHARS:,} "
                    "characters, the cap for one cell (is this the right file?)"
                ) from exc
            raise ExportError(f"{name}: line {reader.line_num} is not valid CSV ({exc})") from exc
        except (OSError, EOFError, zipfile.BadZipFile, zlib.error, lzma.LZMAError) as exc:
            # A truncated or corrupt zip member fails while it is read, not when opened.
            raise ExportError(f"{name}: cannot be read ({exc})") from exc


def _find_header(name: str, reader: Any, required: tuple[str, ...]) -> dict[str, int]:
    """Column positions by case-folded name, the header found in the first rows."""
    wanted = {c.casefold(): c for c in required}
    best: set[str] = set()
    seen: list[list[str]] = []
    for _, cells in zip(range(HEADER_SEARCH_ROWS), reader, strict=False):
        seen.append(cells)
        folded = [c.strip().casefold() for c in cells]
        present = set(folded) & set(wanted)
        if present == set(wanted):
            # Keep every column, so optional ones (profile URLs, Email Address) are found too.
            return {c: i for i, c in reversed(list(enumerate(folded))) if c}
        if len(present) > len(best):
            best = present
    missing = [wanted[c] for c in wanted if c not in best]
    if not best:
        if delimiter := _other_delimiter(seen, set(wanted)):
            raise ExportError(
                f"{name}: the columns are separated by {delimiter!r}, not commas (a spreadsheet "
                "re-saved it?): save it again as CSV with commas, or use the export's own file"
            )
        raise ExportError(
            f"{name}: no header row with the columns {', '.join(required)} "
            "(is this the right file?)"
        )
    raise ExportError(f"{name}: the column '{missing[0]}' is missing")


def _other_delimiter(rows: list[list[str]], wanted: set[str]) -> str:
    """';' or a tab when a header row holds the wanted columns split by it, else ''."""
    for cells in rows:
        line = ",".join(cells)
        for delimiter in (";", "\t"):
            if wanted <= {c.strip().strip('"').casefold() for c in line.split(delimiter)}:
                return delimiter
    return ""


def _get(row: dict[str, str], column: str) -> str:
    return row.get(column.casefold(), "")


def read_invitations(source: Source) -> Iterator[Invitation]:
    """Rows of Invitations.csv, incoming and outgoing, in file order."""
    for line, row in _rows(source, _INVITATION_COLUMNS):
        sent_at = _get(row, "Sent At")
        yield Invitation(
            sender=_get(row, "From"),
            recipient=_get(row, "To"),
            sent_at=parse_datetime(sent_at),
            message=_get(row, "Message"),
            direction=_get(row, "Direction").upper(),
            sender_url=_get(row, "inviterProfileUrl"),
            recipient_url=_get(row, "inviteeProfileUrl"),
            row=line,
            sent_at_text=sent_at,
        )


def read_connections(source: Source) -> Iterator[Connection]:
    """Rows of Connections.csv (the 'Notes:' lines before the header are skipped)."""
    for line, row in _rows(source, _CONNECTION_COLUMNS):
        connected_on = _get(row, "Connected On")
        yield Connection(
            first_name=_get(row, "First Name"),
            last_name=_get(row, "Last Name"),
            url=_get(row, "URL"),
            email=_get(row, "Email Address"),
            company=_get(row, "Company"),
            position=_get(row, "Position"),
            connected_on=parse_date(connected_on),
            row=line,
            connected_on_text=connected_on,
        )


def read_messages(source: Source) -> Iterator[Message]:
    """Rows of messages.csv; of newer exports' extra columns only the recipients' URLs are read."""
    for line, row in _rows(source, _MESSAGE_COLUMNS):
        sent_at = _get(row, "DATE")
        yield Message(
            conversation_id=_get(row, "CONVERSATION ID"),
            sender=_get(row, "FROM"),
            sender_url=_get(row, "SENDER PROFILE URL"),
            recipients=_get(row, "TO"),
            sent_at=parse_datetime(sent_at),
            content=_get(row, "CONTENT"),
            folder=_get(row, "FOLDER"),
            recipient_urls=_get(row, "RECIPIENT PROFILE URLS"),
            row=line,
            sent_at_text=sent_at,
        )


class Export:
    """The export zip: its CSV files found by name, each opened as a stream when read."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise ExportError(f"{self.path.name}: no such file")
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (OSError, zipfile.BadZipFile, ValueError, NotImplementedError) as exc:
            # NotImplementedError: a zip made for a newer unzip than Python's.
            raise ExportError(f"{self.path.name}: not a readable zip file ({exc})") from exc
        self._members = {Path(i.filename).name.casefold(): i for i in self._zip.infolist()}

    def __enter__(self) -> Export:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the zip file."""
        self._zip.close()

    def has(self, filename: str) -> bool:
        """True when the export holds this file."""
        return filename.casefold() in self._members

    @contextmanager
    def open(self, filename: str) -> Iterator[tuple[str, IO[bytes]]]:
        """A (name, binary stream) source for the readers; a clear error when it is missing."""
        info = self._members.get(filename.casefold())
        if info is None:
            raise ExportError(f"{self.path.name}: the export holds no {filename}")
        if info.file_size > MAX_MEMBER_BYTES:
            raise ExportError(
                f"{self.path.name}: {filename} would inflate to {info.file_size >> 20:,} MB, "
                f"over the {MAX_MEMBER_BYTES >> 20:,} MB cap"
            )
        try:
            raw = self._zip.open(info)
        except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError) as exc:
            # RuntimeError: an encrypted member; NotImplementedError: an unknown compression.
            raise ExportError(f"{self.path.name}: {filename} cannot be read ({exc})") from exc
        with raw:
            yield f"{self.path.name}/{filename}", raw


class ExportFiles:
    """The three CSV files, from the export zip, its unzipped folder or given one by one; a
    context manager."""

    def __init__(
        self,
        path: str | Path,
        *,
        invitations: str | Path | None = None,
        connections: str | Path | None = None,
        messages: str | Path | None = None,
    ) -> None:
        self.path = Path(path)
        self._stack = ExitStack()
        self.export: Export | None = None
        self._given = {INVITATIONS: invitations, CONNECTIONS: connections, MESSAGES: messages}
        if self.path.suffix.casefold() == ".zip":
            self.export = self._stack.enter_context(Export(self.path))
        elif self.path.is_dir():
            # The export unzipped: its files found by name (any case), as in the zip.
            found = {f.name.casefold(): f for f in self.path.rglob("*.csv")}
            for role in self._given:
                self._given[role] = self._given[role] or found.get(role.casefold())
        elif not self.path.is_file():
            raise ExportError(f"{self.path.name}: no such file (give Invitations.csv or the zip)")
        else:
            self._given[_csv_role(self.path)] = self.path

    def __enter__(self) -> ExportFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def has(self, filename: str) -> bool:
        """True when this file was given or is in the zip."""
        return bool(self._given[filename]) or bool(self.export and self.export.has(filename))

    def source(self, filename: str) -> Source:
        """A source for the readers: the file given for this role, else the zip's member."""
        given = self._given[filename]
        if given:
            return Path(given)
        if self.export is None:
            raise ExportError(f"{filename} is needed: pass it, or give the export zip")
        return self._stack.enter_context(self.export.open(filename))

    def invitations(self) -> Iterator[Invitation]:
        """Rows of Invitations.csv."""
        return read_invitations(self.source(INVITATIONS))


def _csv_role(path: Path) -> str:
    name = path.name.casefold()
    for role in (INVITATIONS, CONNECTIONS, MESSAGES):
        if role.casefold() in name:
            return role
    return INVITATIONS  # a renamed file is taken for what the command asks for
