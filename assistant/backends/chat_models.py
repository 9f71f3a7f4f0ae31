"""LangChain chat models for Cordial's backends, and one-line explanations when a call fails."""

from __future__ import annotations

import functools
import ipaddress
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from assistant.errors import BackendError

if TYPE_CHECKING:  # pragma: no cover
    from langchain_openai import ChatOpenAI

    from assistant.settings import Settings

def is_loopback_host(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@functools.cache
def _http_clients(limit_s: float, loopback: bool) -> tuple[Any, Any]:
    """The SDK's HTTP clients, each call bounded by `limit_s` in all (see backends/deadline.py),
    shared by the models that use them.

    For loopback they also ignore HTTP(S)_PROXY: httpx sends even 127.0.0.1 through a proxy
    from the environment unless NO_PROXY lists it, which breaks the embedded server behind
    corporate proxies. The SDK's own client classes keep its connection limits and match its
    HTTP library (httpx2 in 3.x)."""
    import openai

    from assistant.backends.deadline import async_hooks, sync_hooks

    return (
        openai.DefaultHttpxClient(trust_env=not loopback, event_hooks=sync_hooks(limit_s)),
        openai.DefaultAsyncHttpxClient(trust_env=not loopback, event_hooks=async_hooks(limit_s)),
    )


def public_url(url: str | None) -> str | None:
    """The URL without user:password, query string or fragment, safe to print or log."""
    if not url:
        return url
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def chat_openai(
    settings: Settings,
    base_url: str,
    api_key: str,
    *,
    extra_body: dict[str, Any] | None = None,
    temperature: float | None = None,
    max_tokens: int | None = None,
) -> ChatOpenAI:
    """A ChatOpenAI for an OpenAI-compatible server, always with an explicit timeout and retry
    count (the writers in assistant/writers/ say which server and key)."""
    from langchain_openai import ChatOpenAI

    loopback = is_loopback_host(urlsplit(base_url or "").hostname or "")
    kwargs: dict[str, Any] = {}
    kwargs["http_client"], kwargs["http_async_client"] = _http_clients(settings.timeout_s, loopback)
    # `streaming` is left unset: an explicit streaming=False makes LangChain turn .stream() into
    # one blocking call, and the Drafter streams every call (live chunks, first token).
    return ChatOpenAI(
        model=settings.model_name,
        base_url=base_url,
        api_key=api_key,
        temperature=settings.temperature if temperature is None else temperature,
        max_tokens=max_tokens,
        # LangChain's default is no timeout at all (a hung server hangs the CLI) and
        # its own retry count; Cordial's settings decide both, every time.
        timeout=settings.timeout_s,
        max_retries=settings.max_retries,
        extra_body=extra_body,
        **kwargs,
    )


# ---------------------------------------------------------------------------------------
# Failures

_KEYLIKE = re.compile(r"\b(sk|pk|rk|org|proj)-[A-Za-z0-9_\-*]{4,}")


def _one_line(text: str, limit: int = 160) -> str:
    # Error bodies echo (masked) keys, e.g. "Incorrect API key provided: sk-ab***yz";
    # never print any part of a key.
    text = _KEYLIKE.sub(r"\1-***", " ".join(str(text).split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _request_url(exc: BaseException) -> str | None:
    try:
        # httpx raises RuntimeError (not AttributeError) when no request was attached.
        request = getattr(exc, "request", None)
        url = str(request.url) if request is not None else None
    except RuntimeError:
        return None
    return public_url(url)


def _server_phrase(exc: BaseException) -> str:
    url = _request_url(exc)
    if url is None:
        return "the model server"
    parts = urlsplit(url)
    return f"the model server at {parts.scheme}://{parts.netloc}"


def _http_modules() -> list[Any]:
    """httpx and httpx2 (openai>=3 uses the latter); whichever are installed."""
    modules = []
    for name in ("httpx", "httpx2"):
        try:
            modules.append(__import__(name))
        except ImportError:
            continue
    return modules


def _error_detail(exc: BaseException) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return _one_line(inner["message"])
        if isinstance(inner, str):
            return _one_line(inner)
    return _one_line(getattr(exc, "message", None) or str(exc))


def _error_code(exc: BaseException) -> str:
    code = getattr(exc, "code", None)
    body = getattr(exc, "body", None)
    if not code and isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict):
            code = inner.get("code") or inner.get("type")
    return str(code or "")


def _status_failure(status: int, exc: BaseException) -> BackendError:
    where = _server_phrase(exc)
    detail = _error_detail(exc)
    if status == 401:
        return BackendError(
            f"{where} rejected the API key (HTTP 401)",
            "check OPENAI_API_KEY or CORDIAL_API_KEY",
        )
    if status == 403:
        return BackendError(
            f"{where} refused access (HTTP 403): {detail}",
            "check that the key's project may use this model",
        )
    if status == 404:
        return BackendError(
            f"{where} has no such model or endpoint (HTTP 404): {detail}",
            "check --model and base_url (an OpenAI-compatible base_url usually ends in /v1)",
        )
    if status == 429:
        if "quota" in _error_code(exc) or "quota" in detail.lower():
            return BackendError(
                f"{where} says the account is out of quota (HTTP 429)",
                "add credit or check billing, or use --backend local",
            )
        return BackendError(
            f"{where} is rate-limiting requests (HTTP 429)",
            "wait a minute and retry, or use --backend local",
        )
    if status in (400, 413, 422):
        return BackendError(
            f"{where} rejected the request (HTTP {status}): {detail}",
            "shorten the input, or check the model name and options",
        )
    if status >= 500:
        return BackendError(
            f"{where} failed (HTTP {status}): {detail}",
            "retry later; with --backend local, restart Cordial",
        )
    return BackendError(f"{where} answered HTTP {status}: {detail}", "check base_url and --model")


def _cause_among(exc: BaseException, types: tuple[type, ...]) -> BaseException | None:
    """The first of exc's causes that is one of types: LangChain wraps the SDK's error,
    which wraps httpx's, which wraps httpcore's."""
    cause = exc.__cause__ or exc.__context__
    for _ in range(10):  # a bound, in case a chain ever loops
        if cause is None or isinstance(cause, types):
            return cause
        cause = cause.__cause__ or cause.__context__
    return None


def describe_failure(exc: BaseException, *, timeout_s: float | None = None) -> BackendError:
    """Turn an openai/httpx exception from a model call into a one-line BackendError + fix."""
    if isinstance(exc, BackendError):
        return exc
    import openai

    within = f" within {timeout_s:g}s" if timeout_s else ""
    timeout_fix = "raise timeout_s (CORDIAL_TIMEOUT_S) or retry; a shorter input also helps"
    connect_fix = "check base_url and that the server is running, or use --backend local"
    http = _http_modules()
    timeouts = (TimeoutError, *(m.TimeoutException for m in http))
    connects = (ConnectionError, *(m.TransportError for m in http))
    statuses = tuple(m.HTTPStatusError for m in http)
    cut_offs = tuple(m.RemoteProtocolError for m in http)

    # APITimeoutError subclasses APIConnectionError, so test it first.
    if isinstance(exc, (openai.APITimeoutError, *timeouts)):
        return BackendError(f"{_server_phrase(exc)} did not answer{within}", timeout_fix)
    if isinstance(exc, openai.APIConnectionError):
        cause = _cause_among(exc, (*timeouts, *connects)) or exc.__cause__ or exc.__context__
        if isinstance(cause, timeouts):
            return BackendError(f"{_server_phrase(exc)} did not answer{within}", timeout_fix)
        if isinstance(cause, cut_offs):
            # The server was reached: it closed the connection part-way through its answer.
            return BackendError(
                f"{_server_phrase(exc)} broke off its answer: {_one_line(str(cause), 80)}",
                "retry; if it keeps happening, check the server and any proxy in between",
            )
        reason = f": {_one_line(str(cause), 80)}" if cause is not None and str(cause) else ""
        return BackendError(f"cannot reach {_server_phrase(exc)}{reason}", connect_fix)
    if isinstance(exc, openai.APIStatusError):
        return _status_failure(exc.status_code, exc)
    if statuses and isinstance(exc, statuses):
        return _status_failure(exc.response.status_code, exc)
    if isinstance(exc, connects):
        where = _server_phrase(exc)
        return BackendError(f"cannot reach {where}: {_one_line(str(exc), 80)}", connect_fix)
    if isinstance(exc, openai.APIError):
        return BackendError(
            f"{_server_phrase(exc)} returned an error: {_error_detail(exc)}",
            "retry; if it persists, try another model or backend",
        )
    return BackendError(
        f"the model call failed: {type(exc).__name__}: {_one_line(str(exc))}",
        "retry; if it persists, run with --backend local or report a bug",
    )
