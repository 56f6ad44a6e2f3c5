"""Exponential back-off with jitter, capped, so a failing hub is never hammered."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta


@dataclass
class Backoff:
    """Delay before try number `attempts + 1`: base·2^attempts, capped, scaled by [0.5, 1)."""

    base_s: float = 1.0
    cap_s: float = 60.0
    rng: random.Random = field(default_factory=random.Random)

    @property
    def longest(self) -> timedelta:
        """No delay is ever longer than this."""
        return timedelta(seconds=self.cap_s)

    def delay(self, attempts: int) -> timedelta:
        """How long to wait after `attempts` failed tries (attempts ≥ 1)."""
        ceiling = min(self.cap_s, self.base_s * 2 ** min(max(attempts - 1, 0), 16))
        return timedelta(seconds=ceiling * (0.5 + self.rng.random() / 2))
