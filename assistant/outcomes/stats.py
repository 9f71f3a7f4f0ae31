"""Small statistics for the outcomes report: rates with a Wilson interval, and percentiles read
from a histogram of whole days (so memory does not grow with the number of rows)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

# The two-sided 90 % interval: z = the 95th percentile of the standard normal distribution.
Z90 = 1.6448536269514722


def wilson(successes: int, trials: int, z: float = Z90) -> tuple[float, float] | None:
    """The Wilson score interval for a proportion (90 % by default); None with no trials."""
    if trials <= 0:
        return None
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Rate:
    """How many invitations in a group were sent and how many accepted (None: not known,
    because Connections.csv was not given)."""

    sent: int
    accepted: int | None

    @property
    def rate(self) -> float | None:
        """accepted / sent, or None when either is unknown or nothing was sent."""
        return self.accepted / self.sent if self.sent and self.accepted is not None else None

    @property
    def interval(self) -> tuple[float, float] | None:
        """The 90 % Wilson interval around the rate, or None."""
        return wilson(self.accepted, self.sent) if self.accepted is not None else None

    def to_dict(self) -> dict[str, int | float | None]:
        """sent, accepted, rate and the interval's ends as plain data (rates rounded to 4)."""
        interval = self.interval
        return {
            "sent": self.sent,
            "accepted": self.accepted,
            "rate": None if self.rate is None else round(self.rate, 4),
            "low": None if interval is None else round(interval[0], 4),
            "high": None if interval is None else round(interval[1], 4),
        }


def _nth(days: Counter[int], n: int) -> int:
    """The n-th smallest value (1-based) of a histogram."""
    seen = 0
    for value in sorted(days):
        seen += days[value]
        if seen >= n:
            return value
    raise IndexError(n)


def median(days: Counter[int]) -> float | None:
    """The median of a histogram of whole numbers (the mean of the two middle ones when even)."""
    n = days.total()
    if not n:
        return None
    return (_nth(days, (n + 1) // 2) + _nth(days, n // 2 + 1)) / 2


def percentile(days: Counter[int], q: float) -> int | None:
    """The q-th percentile by nearest rank: the smallest value with at least q % at or below."""
    n = days.total()
    if not n:
        return None
    return _nth(days, max(1, math.ceil(q / 100 * n)))
