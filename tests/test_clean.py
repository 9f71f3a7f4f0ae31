"""Model output is tidied into the note itself."""

import pytest

from assistant.drafting.clean import clean


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            'Here is a draft:\n\n"Hi Ana, I\'m Sam. May I connect?"',
            "Hi Ana, I'm Sam. May I connect?",
        ),
        ("Sure! Here's your note:\nHi Ana, I'm Sam.\n\nBest,\n[Your Name]", "Hi Ana, I'm Sam."),
        ("**Note:** Hi Ana, I'm Sam.", "Hi Ana, I'm Sam."),
        ("Hi Ana, I'm Sam.\n\n(Character count: 120)", "Hi Ana, I'm Sam."),
        ("\u201cHi Ana, I'm Sam.\u201d", "Hi Ana, I'm Sam."),
        ('Hi Ana, I loved "your talk". Thanks!', 'Hi Ana, I loved "your talk". Thanks!'),
        ("Hi   Ana,\r\nI'm Sam.", "Hi Ana,\nI'm Sam."),
        ("", ""),
    ],
)
def test_clean(raw, expected):
    assert clean(raw) == expected
