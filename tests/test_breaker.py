"""The one breaker every model call goes through."""

from __future__ import annotations

import math

import pytest

from assistant.backends import breaker as breaker_module
from assistant.backends.breaker import Breaker
from assistant.errors import BackendError


def test_a_failure_opens_it_with_its_reason_and_a_success_closes_it():
    breaker = Breaker(open_s=30)
    breaker.check()  # closed: nothing raised
    breaker.failed("the model server did not answer within 60s")
    again = r"did not answer within 60s \(not asked again for 30 s\)"
    with pytest.raises(BackendError, match=again):
        breaker.check()
    breaker.succeeded()
    assert breaker.reason is None
    breaker.check()


def test_it_closes_once_its_time_is_up(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(breaker_module.time, "monotonic", lambda: now[0])
    breaker = Breaker(open_s=30)
    breaker.failed("boom")
    now[0] += 29.9
    assert breaker.reason == "boom"
    now[0] += 0.2
    assert breaker.reason is None


def test_a_batch_breaker_stays_open_until_reset():
    breaker = Breaker(open_s=math.inf)
    breaker.failed("boom")
    with pytest.raises(BackendError, match=r"boom \(not asked again\)$"):
        breaker.check()
