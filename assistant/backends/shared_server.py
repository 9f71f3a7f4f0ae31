"""The shared warm model server: one embedded llama.cpp server that Cordial processes reuse.

`draft serve` runs it in the foreground; the CLI and the web chat start one in the background on
first use (unless `keep_warm` is off). Its address and per-server key live in
`CORDIAL_HOME/server.json`, readable by the user alone. A client trusts that file only after
checking it: a private file of this user, a live process, `/health` up, the key accepted and a
request without the key refused. Each use touches the file; the server exits once nobody has
touched it for `idle_s`. On the way out it saves its slot's KV cache, and the next server
restores it, so the first draft after a restart skips the prompt prefix it shares.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import BackendError
from assistant.resources import private_dir

if TYPE_CHECKING:  # pragma: no cover
    from assistant.settings import Settings

log = logging.getLogger(__name__)

STATE_FILE = "server.json"
LOCK_FILE = "server.lock"
LOG_FILE = "server.log"
KV_DIR = "kv"
IDLE_S = 600.0
# How often the foreground loop looks at the state file, and how long after the last use it
# saves the KV cache (a request is touched at its start; this lets it finish first).
POLL_S = 2.0
SAVE_AFTER_USE_S = 30.0
# A new server loads a ~1 GB model (and assembles it from its wheels the very first time).
START_TIMEOUT_S = 300.0
STATE_VERSION = 1

# Whether this process may start a background server when none runs: the CLI and the web
# chat say yes; a library caller keeps today's in-process server unless one is already warm.
_start_on_first_use = False


def start_on_first_use(enabled: bool = True) -> None:
    """Let this process start the shared server in the background when none is running."""
    global _start_on_first_use
    _start_on_first_use = enabled


@dataclass(frozen=True)
class Endpoint:
    """A checked, running shared server."""

    base_url: str  # ends in /v1
    api_key: str
    pid: int
    model: str
    started: float
    # Other services the serving process offers (`draft serve`'s draft service), by name.
    services: dict[str, Any] = field(default_factory=dict)

    def public(self) -> dict[str, Any]:
        """Plain data without the key, for `draft serve --status`."""
        return {"base_url": self.base_url, "pid": self.pid, "model": self.model,
                "started": self.started}


def state_path(home: Path) -> Path:
    """Where the running server's address and key are written."""
    return home / STATE_FILE


def _read_state(path: Path) -> dict[str, Any] | None:
    """The state file's data if it is a private regular file of this user, else None."""
    try:
        info = path.lstat()  # lstat: a symlink planted there is not followed
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            return None
        if info.st_mode & 0o077:  # readable or writable by others: the key may be known
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
        return None
    return data


def _alive(pid: Any) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process holds that pid now
        return False
    return True


def _answers_as_ours(base_url: str, key: str, timeout_s: float = 2.0) -> bool:
    """True if the server at base_url is healthy, takes our key and refuses a request without
    it: a foreign server that took the port, or one without the key, is never trusted."""
    import httpx

    root = base_url.removesuffix("/v1")
    probe = {"content": "hi"}
    try:
        # trust_env=False: a corporate HTTP(S)_PROXY must not capture loopback traffic.
        with httpx.Client(trust_env=False, timeout=timeout_s) as client:
            if client.get(f"{root}/health").status_code != 200:
                return False
            if client.post(f"{root}/tokenize", json=probe).status_code != 401:
                return False
            auth = {"Authorization": f"Bearer {key}"}
            return client.post(f"{root}/tokenize", json=probe, headers=auth).status_code == 200
    except httpx.HTTPError:
        return False


def is_loopback_url(url: Any) -> bool:
    """True for an http URL on this machine: the only place a key is ever sent."""
    from urllib.parse import urlsplit

    from assistant.backends.chat_models import is_loopback_host

    return isinstance(url, str) and url.startswith("http://") and is_loopback_host(
        urlsplit(url).hostname or "")


def check_state(data: dict[str, Any] | None, model: str | None) -> Endpoint | None:
    """The endpoint the state describes, if its process lives, its server is ours and it
    serves `model` (any model when None)."""
    if data is None or not _alive(data.get("pid")):
        return None
    base_url, key = data.get("base_url"), data.get("key")
    if not isinstance(base_url, str) or not isinstance(key, str):
        return None
    if model is not None and data.get("model") != model:
        return None
    if not is_loopback_url(base_url) or not _answers_as_ours(base_url, key):
        return None  # the key is only ever sent to this machine, and to our server
    services = data.get("services")
    return Endpoint(base_url, key, data["pid"], str(data.get("model")),
                    float(data.get("started") or 0),
                    services if isinstance(services, dict) else {})


def find(settings: Settings) -> Endpoint | None:
    """The running shared server for this model, checked and marked as used; None if there is
    none (a stale or foreign state file is left for the next server to replace)."""
    path = state_path(settings.home)
    endpoint = check_state(_read_state(path), settings.model_name)
    if endpoint is not None:
        with contextlib.suppress(OSError):
            os.utime(path)  # the server's idle clock
    return endpoint


@contextlib.contextmanager
def _locked(home: Path):
    """An exclusive lock on CORDIAL_HOME/server.lock: one starter at a time."""
    import fcntl

    private_dir(home)
    with open(home / LOCK_FILE, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _log_tail(path: Path, lines: int = 3) -> str:
    try:
        tail = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-lines:]
    except OSError:
        return ""
    return " | ".join(line.strip() for line in tail if line.strip())


def start_background(settings: Settings, *, timeout_s: float = START_TIMEOUT_S) -> Endpoint:
    """Start `draft serve` as a detached process and wait until it answers as ours."""
    with _locked(settings.home):
        endpoint = find(settings)  # another process may have started it while we waited
        if endpoint is not None:
            return endpoint
        log_path = settings.home / LOG_FILE
        command = [sys.executable, "-m", "assistant.cli", "serve", "--background",
                   "--model", settings.model_name]
        with open(log_path, "ab") as log_file:
            os.chmod(log_path, 0o600)
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=log_file,
                start_new_session=True,  # outlives this command and its Ctrl-C
                env={**os.environ, "CORDIAL_HOME": str(settings.home)},
            )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            endpoint = find(settings)
            if endpoint is not None and endpoint.pid == process.pid:
                return endpoint
            if process.poll() is not None:
                raise BackendError(
                    f"the shared model server exited (status {process.returncode}): "
                    f"{_log_tail(log_path) or 'no output'}",
                    f"see {log_path}; or set CORDIAL_KEEP_WARM=0 to run the model in-process",
                )
            time.sleep(0.2)
        process.terminate()
        raise BackendError(
            f"the shared model server did not start within {timeout_s:.0f}s",
            f"see {log_path}; or set CORDIAL_KEEP_WARM=0 to run the model in-process",
        )


def local_endpoint(settings: Settings) -> tuple[str, str]:
    """Base URL and key of the embedded model: the shared warm server when there is one (or this
    process may start it), else a server inside this process."""
    from assistant.backends import local_server

    if settings.keep_warm and local_server.current_base_url() is None:
        endpoint = find(settings)
        if endpoint is None and _start_on_first_use:
            try:
                endpoint = start_background(settings)
            except BackendError as exc:
                # The draft still gets a model: this process's own, cold but working.
                log.warning("%s; running the model in this process instead", exc)
        if endpoint is not None:
            return endpoint.base_url, endpoint.api_key
    base_url = local_server.ensure_server(settings)
    return base_url, local_server.api_key()


# ---------------------------------------------------------------------------------------------
# The server side: `draft serve`


def _write_private(path: Path, text: str) -> None:
    """Write text to path atomically, readable by the user alone from the first byte."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)


def _slot_file(model: str) -> str:
    # llama.cpp accepts a plain file name inside slot_save_path, nothing with a separator.
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in model)
    return f"{safe}.slot0.bin"


def _slot_action(base_url: str, key: str, action: str, model: str) -> dict[str, Any] | None:
    """Save or restore slot 0's KV cache; None (logged) if the server refuses."""
    import httpx

    root = base_url.removesuffix("/v1")
    try:
        with httpx.Client(trust_env=False, timeout=30.0) as client:
            response = client.post(
                f"{root}/slots/0?action={action}",
                json={"filename": _slot_file(model)},
                headers={"Authorization": f"Bearer {key}"},
            )
    except httpx.HTTPError as exc:
        log.info("slot %s failed: %s", action, exc)
        return None
    if response.status_code != 200:
        log.info("slot %s refused: HTTP %s", action, response.status_code)
        return None
    return response.json()


def _activity(base_url: str, key: str) -> str | None:
    """The server's request counters (and whether one runs now), to tell that a client used it
    since the last look; None if it cannot say."""
    import httpx

    root = base_url.removesuffix("/v1")
    try:
        with httpx.Client(trust_env=False, timeout=5.0) as client:
            response = client.get(f"{root}/metrics", headers={"Authorization": f"Bearer {key}"})
    except httpx.HTTPError:
        return None
    if response.status_code != 200:
        return None
    lines = [line for line in response.text.splitlines()
             if line.startswith(("llamacpp:prompt_tokens_total", "llamacpp:tokens_predicted_total",
                                 "llamacpp:requests_processing"))]
    busy = any(line.startswith("llamacpp:requests_processing") and not line.endswith(" 0")
               for line in lines)
    # A request in progress never looks idle: its mark differs from every earlier one.
    return f"{time.monotonic()}" if busy else "\n".join(lines)


def kv_dir(home: Path) -> Path:
    """Where slot KV caches are saved (they hold prompt text, so the folder is private)."""
    return private_dir(private_dir(home) / KV_DIR)


def serve(
    settings: Settings,
    *,
    idle_s: float | None = IDLE_S,
    on_ready: Any = None,
    stop: threading.Event | None = None,
    services: dict[str, Any] | None = None,
) -> None:
    """Run the shared server in this process until stopped, signalled or idle for idle_s;
    `services` (name: where and its key) are announced in the state file beside it."""
    from assistant.backends import local_server

    home = private_dir(settings.home)
    path = state_path(home)
    other = running(home)
    if other is not None:
        raise BackendError(
            f"a shared model server already runs (pid {other.pid}, {other.base_url})",
            "use it, or stop it first with `draft serve --stop`",
        )
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, lambda *_: stop.set())

    saved = kv_dir(home)
    base_url = local_server.ensure_server(settings, slot_save_path=saved)
    key = local_server.api_key()
    restored = None
    if (saved / _slot_file(settings.model_name)).is_file():
        restored = _slot_action(base_url, key, "restore", settings.model_name)
    started = time.time()
    state = {"version": STATE_VERSION, "pid": os.getpid(), "base_url": base_url, "key": key,
             "model": settings.model_name, "started": started, "services": services or {}}
    _write_private(path, json.dumps(state))
    if on_ready is not None:
        on_ready(Endpoint(base_url, key, os.getpid(), settings.model_name, started, services or {}),
                 bool(restored and restored.get("n_restored")))
    saved_at = time.time()
    activity = _activity(base_url, key)
    try:
        while not stop.wait(POLL_S):
            current = _read_state(path)
            if current is None or current.get("pid") != os.getpid():
                break  # replaced or removed: another server is the shared one now
            # A client that keeps its connection (the web chat) touches the file only once:
            # the server's own counters say it is still being used.
            latest = _activity(base_url, key)
            if latest is not None and latest != activity:
                activity = latest
                os.utime(path)
            used = path.stat().st_mtime
            now = time.time()
            if idle_s is not None and now - used > idle_s:
                break
            if used > saved_at and now - used > SAVE_AFTER_USE_S:
                _slot_action(base_url, key, "save", settings.model_name)
                saved_at = now
    finally:
        _slot_action(base_url, key, "save", settings.model_name)
        current = _read_state(path)
        if current is not None and current.get("pid") == os.getpid():
            with contextlib.suppress(OSError):
                path.unlink()
        local_server.stop_server()


def running(home: Path) -> Endpoint | None:
    """The shared server running for this home, whatever its model, checked; else None."""
    return check_state(_read_state(state_path(home)), None)


def stop_running(settings: Settings, timeout_s: float = 30.0) -> Endpoint | None:
    """Stop the shared server (SIGTERM, after checking it is ours); the endpoint it had."""
    endpoint = running(settings.home)
    if endpoint is None:
        return None
    os.kill(endpoint.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while _alive(endpoint.pid) and time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(endpoint.pid, os.WNOHANG)  # reap it if it is our own child
        time.sleep(0.1)
    return endpoint
