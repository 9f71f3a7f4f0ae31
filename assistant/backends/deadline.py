"""A whole-call deadline for the SDK's HTTP clients, and no server-chosen waits.

The SDK's timeout is per read: a server that sends a keep-alive comment every few seconds (some
proxies do) could hold a call forever. And a 429's Retry-After may ask for up to 2 minutes per
retry. Event hooks stamp each request, bound its response body, and drop Retry-After so the SDK
waits its own short backoff (0.5 s, then 1 s). Imported only when a model client is built.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx2

_STARTED = "cordial_started"


def _check(deadline: float, limit_s: float) -> None:
    if time.monotonic() > deadline:
        raise httpx2.ReadTimeout(f"no complete answer within {limit_s:g}s")


class _SyncDeadline(httpx2.SyncByteStream):
    def __init__(self, stream: Any, deadline: float, limit_s: float) -> None:
        self._stream, self._deadline, self._limit_s = stream, deadline, limit_s

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._stream:
            _check(self._deadline, self._limit_s)
            yield chunk

    def close(self) -> None:
        self._stream.close()


class _AsyncDeadline(httpx2.AsyncByteStream):
    def __init__(self, stream: Any, deadline: float, limit_s: float) -> None:
        self._stream, self._deadline, self._limit_s = stream, deadline, limit_s

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            _check(self._deadline, self._limit_s)
            yield chunk

    async def aclose(self) -> None:
        await self._stream.aclose()


def _bound(response: Any, limit_s: float, wrapper: type) -> None:
    for header in ("retry-after", "retry-after-ms"):
        if header in response.headers:
            del response.headers[header]
    started = response.request.extensions.get(_STARTED, time.monotonic())
    response.stream = wrapper(response.stream, started + limit_s, limit_s)


def sync_hooks(limit_s: float) -> dict[str, list]:
    """Event hooks for an httpx2.Client: each call ends within `limit_s` of its start."""

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
