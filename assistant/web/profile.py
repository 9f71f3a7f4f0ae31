"""Saving the sender's profile and account tier to $CORDIAL_HOME/cordial.toml, keeping every
other key and comment in the file as it was."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import tomlkit
from tomlkit.exceptions import TOMLKitError

from assistant.errors import InputError
from assistant.resources import private_dir
from assistant.settings import ACCOUNTS, MAX_FIELD_CHARS, MAX_NAME_CHARS

PROFILE_KEYS = ("name", "headline", "about")
# The settings refuse longer values, so a longer one saved here would stop every later start.
PROFILE_CAPS = {"name": MAX_NAME_CHARS, "headline": MAX_FIELD_CHARS, "about": MAX_FIELD_CHARS}


def save_profile(path: Path, *, name: str, headline: str, about: str, account: str) -> None:
    """Write [me] and account into the settings file; other keys are left untouched."""
    if account not in ACCOUNTS:
        raise InputError(f"unknown account {account!r}", f"choose {' or '.join(ACCOUNTS)}")
    values = {"name": name, "headline": headline, "about": about}
    for key, value in values.items():
        if len(value) > PROFILE_CAPS[key]:
            raise InputError(
                f"your {key} is {len(value):,} characters; the limit is {PROFILE_CAPS[key]:,}",
                "shorten it: one line is enough",
            )
    path = Path(path)
    try:
        doc = (
            tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.document()
        )
    except (OSError, TOMLKitError) as exc:
        # Never overwrite a file we cannot read back: the user's other settings live there.
        raise InputError(
            f"cannot read {path}: {exc}", "fix or move the file, then save again"
        ) from exc
    doc["account"] = account
    me = doc.get("me")
    if not isinstance(me, dict):
        me = tomlkit.table()
        doc["me"] = me
    for key in PROFILE_KEYS:
        me[key] = " ".join(values[key].split()) if key != "about" else values[key].strip()
    private_dir(path.parent)
    # Temp file + rename: a crash never leaves a half-written settings file.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".cordial.", suffix=".toml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(tomlkit.dumps(doc))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
