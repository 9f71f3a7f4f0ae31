"""The embedded model server: llama.cpp's OpenAI-compatible server, run in-process by xllamacpp.

One server per process, started lazily on first use, bound to 127.0.0.1 on a port the
OS picks, and stopped at exit. Callers talk to it over HTTP like any OpenAI server.
"""

from __future__ import annotations

import atexit
import os
import secrets
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.backends.model_files import ensure_model
from assistant.errors import BackendError

if TYPE_CHECKING:  # pragma: no cover
    from assistant.settings import Settings

HOST = "127.0.0.1"
N_CTX = 2048
N_PARALLEL = 1
# llama.cpp log threshold: 0 output, 1 error, 2 warning, 3 info (its default), 4 debug.
# Errors only: the server logs every request at info level onto our stderr otherwise.
QUIET_VERBOSITY = 1
# Host-RAM copy of evicted prompt KV states (llama.cpp's default allows 8 GiB). One slot's
# full 2048-token KV cache is ~56 MiB for this model, so this keeps a few alternate prefixes.
CACHE_RAM_MIB = 256
# Prompt look-up decoding (Settings.speculative = "ngram"): the last NGRAM_N tokens are looked
# up in the prompt and the text so far, and the NGRAM_M tokens that followed are checked in one
# batch. Short drafts: a note copies a few words of the user's at a time, not whole sentences.
NGRAM_N = 3
NGRAM_M = 4
DEFAULT_HEALTH_TIMEOUT_S = 60.0

_lock = threading.Lock()
_server: Any = None  # xllamacpp.Server; typed loosely so importing this module stays cheap
_base_url: str | None = None
_owner_pid: int | None = None
_api_key: str | None = None
_atexit_registered = False
# Servers inherited across fork(): their threads do not exist in the child, so their
# destructor would wait forever. Keep them referenced so it never runs.
_orphans: list[Any] = []


def build_params(
    model_path: Path,
    alias: str,
    *,
    api_key: str | None = None,
    verbosity: int = QUIET_VERBOSITY,
    slot_save_path: Path | None = None,
    speculative: str = "none",
) -> Any:
    """The xllamacpp.CommonParams Cordial serves the model with."""
    import xllamacpp

    threads = os.cpu_count() or 1
    params = xllamacpp.CommonParams()
    params.model.path = str(model_path)
    params.model_alias = {alias}
    params.hostnames = [HOST]
    # Port 0: the OS picks a free port at bind time, so there is no check-then-bind race.
    params.port = 0
    params.n_ctx = N_CTX
    params.n_parallel = N_PARALLEL
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    params.verbosity = verbosity
    # Default on in llama.cpp, set anyway: the fixed prompt prefix is reused across calls
    # only if the slot keeps its KV cache, which is what makes warm drafts fast.
    params.cache_prompt = True
    params.cache_ram_mib = CACHE_RAM_MIB
    # The prebuilt wheel has no web UI, and /slots would expose the last prompt
    # (someone's profile text) to anything that can reach the port.
    params.ui = False
    params.endpoint_slots = False
    # Loopback is reachable by every local process and, via fetch(), by any web page the
    # user has open; llama.cpp reflects any Origin by default. A per-process key (only /health
    # stays public) and a fixed CORS origin keep both from using or reading the server.
    if api_key:
        params.api_keys = [api_key]
    params.cors_origins = f"http://{HOST}"
    if speculative == "ngram":
        spec = params.speculative
        spec.types = [xllamacpp.common_speculative_type.COMMON_SPECULATIVE_TYPE_NGRAM_SIMPLE]
        spec.ngram_simple.size_n = NGRAM_N
        spec.ngram_simple.size_m = NGRAM_M
    if slot_save_path is not None:
        # The shared server saves and restores its KV cache here (llama.cpp appends the file
        # name to this string, so it must end in a separator), and reads its own counters
        # (behind the key) to know it is in use.
        params.slot_save_path = f"{slot_save_path}{os.sep}"
        params.endpoint_metrics = True
    return params


def _wait_healthy(base: str, timeout_s: float) -> None:
    import httpx

    deadline = time.monotonic() + timeout_s
    last: str = "no answer"
    # trust_env=False: a corporate HTTP(S)_PROXY must not capture loopback traffic.
    with httpx.Client(trust_env=False, timeout=2.0) as client:
        while True:
            try:
                response = client.get(f"{base}/health")
                if response.status_code == 200:
                    return
                last = f"HTTP {response.status_code}"
            except httpx.HTTPError as exc:
                last = type(exc).__name__
            if time.monotonic() >= deadline:
                raise BackendError(
                    f"the embedded model server did not become healthy within {timeout_s:.0f}s "
                    f"({last})",
                    "retry; if it persists, check free memory (the model needs about 2 GB)",
                )
            time.sleep(0.1)


def _after_fork_in_child() -> None:
    global _lock, _server, _base_url, _owner_pid, _api_key
    # Another thread may have held the lock at fork time; it would never be released here.
    _lock = threading.Lock()
    if _server is not None:
        _orphans.append(_server)
    _server = _base_url = _owner_pid = _api_key = None


def _register_hooks() -> None:
    global _atexit_registered
    if not _atexit_registered:
        atexit.register(stop_server)
        if hasattr(os, "register_at_fork"):
            os.register_at_fork(after_in_child=_after_fork_in_child)
        _atexit_registered = True


def ensure_server(
    settings: Settings,
    *,
    progress: Callable[[int, int], None] | None = None,
    model_path: Path | None = None,
    health_timeout_s: float = DEFAULT_HEALTH_TIMEOUT_S,
    slot_save_path: Path | None = None,
) -> str:
    """Start the embedded server once per process (thread-safe) and return its /v1 base URL."""
    global _server, _base_url, _owner_pid, _api_key
    if _base_url is not None and _owner_pid == os.getpid():
        return _base_url
    with _lock:
        if _base_url is not None and _owner_pid == os.getpid():
            return _base_url
        path = model_path or ensure_model(settings.home, progress)
        try:
            import xllamacpp
        except ImportError as exc:  # pragma: no cover - the dependency is pinned
            raise BackendError(
                f"the embedded model runtime is not installed ({exc})",
                "pip install xllamacpp, or run `make run`",
            ) from exc
        key = secrets.token_urlsafe(24)
        params = build_params(
            path,
            settings.model_name,
            api_key=key,
            slot_save_path=slot_save_path,
            speculative=settings.speculative,
        )
        try:
            # Blocks (holding the GIL) until the model is loaded and the port is bound.
            server = xllamacpp.Server(params)
        except RuntimeError as exc:
            raise BackendError(
                f"the embedded model server failed to start: {exc}",
                "check free memory (about 2 GB) and that the model file is intact "
                f"(delete {path} to rebuild it)",
            ) from exc
        base = server.listening_address.rstrip("/")
        _register_hooks()
        try:
            _wait_healthy(base, health_timeout_s)
        except BaseException:
            del server
            raise
        _server, _owner_pid, _api_key = server, os.getpid(), key
        _base_url = f"{base}/v1"
        return _base_url


def api_key() -> str:
    """The running server's per-process API key; start the server first."""
    if _api_key is None or _owner_pid != os.getpid():
        raise RuntimeError("the embedded model server is not running")
    return _api_key


def current_base_url() -> str | None:
    """The running server's /v1 base URL, or None if it has not been started in this process."""
    return _base_url if _owner_pid == os.getpid() else None


def stop_server() -> None:
    """Stop the embedded server if it runs; safe to call twice and at exit."""
    global _server, _base_url, _owner_pid, _api_key
    with _lock:
        server, owner = _server, _owner_pid
        _server = _base_url = _owner_pid = _api_key = None
        if server is None:
            return
        if owner != os.getpid():
            _orphans.append(server)
            return
        # Dropping the last reference runs xllamacpp's ~Server: it terminates the task
        # loop, stops the HTTP listener and joins its threads (about 0.2 s).
        del server
