"""Writing to the terminal safely: text from strangers never reaches it raw."""

from __future__ import annotations

import json
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


# JSON escapes C0 controls itself; these it leaves raw (DEL, C1 such as the 8-bit CSI, bidi).
_UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escape_json(text: str) -> str:
    """JSON text with the characters JSON leaves raw written as \\u escapes: still valid JSON."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_text(value: object, **kwargs: object) -> str:
    """A value as JSON for the terminal: readable Unicode, no raw control or bidi character."""
    return escape_json(json.dumps(value, ensure_ascii=False, **kwargs))  # type: ignore[arg-type]
