"""Writing to the terminal safely: text from strangers never reaches it raw."""

from __future__ import annotations

import re

# C0/C1 controls (ESC among them) except tab and newline; bidi overrides that can disguise text.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Text with control, escape and bidi-override characters shown as visible escapes."""
    return _UNSAFE.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )
