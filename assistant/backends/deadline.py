"""Deadlines for the SDK's HTTP clients that follow the answer's progress, and no server-chosen
waits.

The SDK's timeout is per read: a server that sends a keep-alive comment every few seconds (some
proxies do) could hold a call forever. So only an answer's data counts as progress: each call
must start answering within `limit_s`, then send data at least every `limit_s` (a slow but
moving answer on a busy CPU goes on), and ends within `TOTAL_LIMITS` times `limit_s` in all.
A 429's Retry-After may ask for up to 2 minutes per retry: it is dropped, so the SDK waits its
own short backoff (0.5 s, then 1 s). Imported only when a model client is built.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx2

_STARTED = "cordial_started"
# However steadily an answer moves, it ends within this many limits of its start.
TOTAL_LIMITS = 5
# An SSE event carries data; a line starting with ":" is a comment (a keep-alive ping).
_DATA = b"data:"


class _Progress:
    """The time left for one call: `limit_s` from its start or its last data, within a cap."""

    def __init__(self, started: float, limit_s: float) -> None:
        self.limit_s = limit_s
        self.cap = started + TOTAL_LIMITS * limit_s
        self.deadline = started + limit_s

    def check(self, chunk: bytes) -> None:
        now = time.monotonic()
        if now > self.deadline:
            raise httpx2.ReadTimeout(f"no answer within {self.limit_s:g}s")
        if now > self.cap:
            raise httpx2.ReadTimeout(f"no complete answer within {TOTAL_LIMITS * self.limit_s:g}s")
        if _DATA in chunk:
            self.deadline = min(now + self.limit_s, self.cap)


class _SyncDeadline(httpx2.SyncByteStream):
    def __init__(self, stream: Any, progress: _Progress) -> None:
        self._stream, self._progress = stream, progress

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._stream:
            self._progress.check(chunk)
            yield chunk

    def close(self) -> None:
        self._stream.close()


class _AsyncDeadline(httpx2.AsyncByteStream):
    def __init__(self, stream: Any, progress: _Progress) -> None:
        self._stream, self._progress = stream, progress

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            self._progress.check(chunk)
            yield chunk

    async def aclose(self) -> None:
        await self._stream.aclose()


def _bound(response: Any, limit_s: float, wrapper: type) -> None:
    for header in ("retry-after", "retry-after-ms"):
        if header in response.headers:
            del response.headers[header]
    started = response.request.extensions.get(_STARTED, time.monotonic())
    response.stream = wrapper(response.stream, _Progress(started, limit_s))


def sync_hooks(limit_s: float) -> dict[str, list]:
    """Event hooks for an httpx2.Client: each call answers within `limit_s` of its start and of
    its last data, and ends within TOTAL_LIMITS times that."""

    def stamp(request: Any) -> None:
        request.extensions[_STARTED] = time.monotonic()

    def bound(response: Any) -> None:
        _bound(response, limit_s, _SyncDeadline)

    return {"request": [stamp], "response": [bound]}


def async_hooks(limit_s: float) -> dict[str, list]:
    """The same event hooks for an httpx2.AsyncClient."""

    async def stamp(request: Any) -> None:
        request.extensions[_STARTED] = time.monotonic()

    async def bound(response: Any) -> None:
        _bound(response, limit_s, _AsyncDeadline)

    return {"request": [stamp], "response": [bound]}
