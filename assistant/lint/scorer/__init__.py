"""The learned scorer: a linear model over word and character n-grams that judges what phrase
rules judge badly — who / why / what a note says, sales pitches, flattery, vague purposes — and
which reply an incoming request deserves.

    >>> from assistant.lint.scorer import score
    >>> score("We help manufacturers streamline operations. Free audit?").probability(
    ...     "invite.sales-pitch") > 0.5
    True

The weights ship in this package (`weights.bin`, written by `make train`) and are applied with
the standard library alone, so `draft lint` starts fast and scikit-learn is needed only to
train. Every judgement can say which sentence carried it and which words weighed most.
"""

from __future__ import annotations

import heapq
import json
import math
import re
from array import array
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from assistant.lint.scorer.features import TOKENS, WORDS, normalize, pair_feature, word_block

WEIGHTS_FILE = "weights.bin"
# Below this share of known character n-grams (a script or language the training data barely
# holds: Korean 0.08, Russian 0.17, Hungarian 0.45, against 0.9 for German or Italian), the
# scorer's answer is mostly its prior: its lint rules stay silent and triage asks a person.
MIN_COVERAGE = 0.6
MAGIC = b"CORDIAL-SCORER-2\n"  # 2: weights as 16-bit integers with a scale per column
# Past this many distinct words the word cache starts over: a batch of unique names or junk
# cannot grow memory without bound.
WORD_CACHE_SIZE = 200_000
_SENTENCE = re.compile(r"[^.!?\n。！？]+[.!?\n。！？]*")


@dataclass(frozen=True)
class Head:
    """One judgement: a binary head has one label (the problem is there), a multi-class head
    one per class. `first` is its first column in the weight matrix."""

    name: str
    labels: tuple[str, ...]
    first: int

    @property
    def binary(self) -> bool:
        """True when the head answers yes or no (one sigmoid column)."""
        return len(self.labels) == 1


class Evidence(NamedTuple):
    """Words of the note that pushed a judgement one way, with how much."""

    start: int
    end: int
    weight: float


class Model:
    """Weights read from the package: heads, vocabulary, idf and one weight row per feature."""

    def __init__(self, raw: bytes) -> None:
        if not raw.startswith(MAGIC):
            raise ValueError("not a Cordial scorer weights file")
        header_len = int.from_bytes(raw[len(MAGIC) : len(MAGIC) + 4], "little")
        start = len(MAGIC) + 4
        header = json.loads(raw[start : start + header_len])
        pos = start + header_len
        self.heads = {
            h["name"]: Head(h["name"], tuple(h["labels"]), h["first"]) for h in header["heads"]
        }
        self.columns: int = header["columns"]
        self.intercepts: list[float] = header["intercepts"]
        self.meta: dict = header.get("meta", {})
        # Per yes/no head, the probability from which a rule reports (chosen on held-out folds).
        self.thresholds: dict[str, float] = header.get("thresholds", {})
        vocab_len = header["vocab_bytes"]
        vocab = raw[pos : pos + vocab_len].decode("utf-8").split("\n")
        pos += vocab_len
        self.index = dict(zip(vocab, range(len(vocab)), strict=True))
        idf = array("f")
        idf.frombytes(raw[pos : pos + 4 * len(vocab)])
        pos += 4 * len(vocab)
        weights = array("h")
        weights.frombytes(raw[pos : pos + 2 * len(vocab) * self.columns])
        self._scales: list[float] = header["scales"]
        self._idf = idf
        self._weights = weights
        # Written word -> (normalised word, its share of the scores, its squared length, and
        # how many of its character n-grams the model knows, of how many).
        self._words: dict[str, tuple[str, tuple[float, ...], float, int, int]] = {}
        self._pairs: dict[str, tuple[tuple[float, ...], float] | None] = {}

    def _share(self, block: dict[str, int]) -> tuple[tuple[float, ...], float]:
        """A block's share of the note's scores (idf-weighted counts times weights) and of its
        squared length; features outside the vocabulary count for nothing, as in training."""
        k = self.columns
        total = [0.0] * k
        norm2 = 0.0
        for feature, count in block.items():
            i = self.index.get(feature)
            if i is None:
                continue
            value = count * self._idf[i]
            norm2 += value * value
            row = self._weights[i * k : (i + 1) * k]
            for c in range(k):
                total[c] += value * row[c]
        return tuple(t * scale for t, scale in zip(total, self._scales, strict=True)), norm2

    def word(self, written: str) -> tuple[str, tuple[float, ...], float, int, int]:
        """A word normalised, with its share: computed once per distinct written form."""
        found = self._words.get(written)
        if found is None:
            if len(self._words) >= WORD_CACHE_SIZE:
                self._words.clear()
            word = normalize(written)
            block = word_block(word)
            known = sum(count for feature, count in block.items() if feature in self.index)
            found = (word, *self._share(block), known, sum(block.values()))
            self._words[written] = found
        return found

    def pair(self, first: str, second: str) -> tuple[tuple[float, ...], float] | None:
        """The share of two neighbouring words, or None when the pair is not in the
        vocabulary; cached like words."""
        key = pair_feature(first, second)
        found = self._pairs.get(key, False)
        if found is False:
            if len(self._pairs) >= WORD_CACHE_SIZE:
                self._pairs.clear()
            found = self._pairs[key] = self._share({key: 1}) if key in self.index else None
        return found

    def score(self, text: str) -> Scores:
        """Every head's raw score for a text, with what each word contributed."""
        # The hot path of every lint run: cached lookups, inlined, no helper calls.
        parts: list[tuple[int, int, tuple[float, ...]]] = []
        norm2 = 0.0
        known = total = 0
        words, pairs = self._words, self._pairs
        previous, previous_start = None, 0
        for m in TOKENS.finditer(text):
            written, start, end = m.group(), m.start(), m.end()
            word, share, n2, word_known, word_total = words.get(written) or self.word(written)
            known += word_known
            total += word_total
            if n2:
                parts.append((start, end, share))
                norm2 += n2
            if previous is not None:
                pair = pairs.get(pair_feature(previous, word), False)
                if pair is False:
                    pair = self.pair(previous, word)
                if pair:
                    parts.append((previous_start, end, pair[0]))
                    norm2 += pair[1]
            previous, previous_start = word, start
        coverage = known / total if total else 0.0
        return Scores(self, text, parts, math.sqrt(norm2) or 1.0, coverage)


class Scores:
    """The scorer's judgements on one text."""

    def __init__(
        self,
        model: Model,
        text: str,
        parts: list[tuple[int, int, tuple[float, ...]]],
        norm: float,
        coverage: float = 1.0,
    ) -> None:
        self.model = model
        self.text = text
        # The share of the note's character n-grams the model learned: low for a script or
        # language it saw little of, where its judgement is mostly its prior.
        self.coverage = coverage
        self._parts = parts
        self._spans: tuple[list[tuple[int, int]], list[int]] | None = None
        self._norm = norm
        sums = [sum(column) for column in zip(*(p[2] for p in parts), strict=True)] if parts else []
        self.raw = [
            (sums[c] if sums else 0.0) / norm + model.intercepts[c] for c in range(model.columns)
        ]

    @property
    def judged(self) -> bool:
        """True when the model knows enough of the note's words for its answer to mean much."""
        return self.coverage >= MIN_COVERAGE

    def probability(self, head: str) -> float:
        """P(yes) for a binary head."""
        h = self.model.heads[head]
        return _sigmoid(self.raw[h.first])

    def distribution(self, head: str) -> dict[str, float]:
        """P(label) for every label of a multi-class head, in the head's order."""
        h = self.model.heads[head]
        zs = self.raw[h.first : h.first + len(h.labels)]
        top = max(zs)
        exps = [math.exp(z - top) for z in zs]
        total = sum(exps)
        return {label: e / total for label, e in zip(h.labels, exps, strict=True)}

    def _column(self, head: str, label: str | None) -> tuple[int, float]:
        """The weight column that speaks for a label, and +1 or -1 for its direction."""
        h = self.model.heads[head]
        if h.binary:
            return h.first, 1.0 if label in (None, h.labels[0]) else -1.0
        return h.first + h.labels.index(label), 1.0

    def evidence(self, head: str, label: str | None = None, n: int = 3) -> list[Evidence]:
        """The n words or word pairs that pushed hardest towards `label` (for a binary head,
        None means yes), strongest first; overlapping spans are dropped."""
        column, sign = self._column(head, label)
        # Overlaps can drop at most one neighbour per pick, so 3n candidates are enough.
        ranked = heapq.nlargest(3 * n, [(sign * sh[column], s, e) for s, e, sh in self._parts])
        out: list[Evidence] = []
        for weight, start, end in ranked:
            if weight <= 0 or len(out) == n:
                break
            if not WORDS.search(self.text, start, end):
                continue  # a symbol weighs in, but "'?'" reads badly as a reason
            if all(end <= o.start or start >= o.end for o in out):
                out.append(Evidence(start, end, weight / self._norm))
        return out

    def _sentences(self) -> tuple[list[tuple[int, int]], list[int]]:
        """The text's sentence spans and their starts, found once."""
        if self._spans is None:
            spans = [m.span() for m in _SENTENCE.finditer(self.text)]
            self._spans = (spans, [s for s, _ in spans])
        return self._spans

    def sentence(self, head: str, label: str | None = None) -> tuple[int, int]:
        """The span of the sentence that pushed hardest towards `label` (the whole text when
        no sentence pushed that way)."""
        column, sign = self._column(head, label)
        spans, starts = self._sentences()
        weights = [0.0] * len(spans)
        for start, _, share in self._parts:  # parts come in text order, so one pass will do
            i = bisect_right(starts, start) - 1
            if i >= 0:  # a symbol before the first sentence ("...", "!") belongs to none
                weights[i] += sign * share[column]
        best = max(range(len(spans)), key=weights.__getitem__, default=None)
        if best is None or weights[best] <= 0:
            start, end = 0, len(self.text)
        else:
            start, end = spans[best]
        chunk = self.text[start:end]
        start += len(chunk) - len(chunk.lstrip())
        end -= len(chunk) - len(chunk.rstrip())
        return start, max(start, end)

    def quote(self, head: str, label: str | None = None, n: int = 3) -> str:
        """The weightiest words as a reason: "'our platform', 'book a quick call'"."""
        return ", ".join(
            f"'{self.text[ev.start : ev.end]}'" for ev in self.evidence(head, label, n)
        )


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@cache
def model() -> Model:
    """The shipped model, read once per process."""
    # A path beside this module, not importlib.resources: that import alone costs draft lint's
    # cold start 15 ms, and the wheel installs the file beside the module all the same.
    return Model((Path(__file__).parent / WEIGHTS_FILE).read_bytes())


# The latest judgements by text: triage asks for a note's right after the linter did, and batch
# triage scores a batch of notes to choose which the encoder reads before it triages them.
RECENT = 128
_recent: OrderedDict[str, tuple[Model, Scores]] = OrderedDict()


def score(text: str) -> Scores:
    """Judge one text with the shipped model; the last RECENT texts' judgements are kept."""
    m = model()
    found = _recent.get(text)
    if found is not None and found[0] is m:
        return found[1]
    scores = m.score(text)
    _recent[text] = (m, scores)
    if len(_recent) > RECENT:
        _recent.popitem(last=False)
    return scores
