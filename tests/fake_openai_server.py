"""A small, real OpenAI-compatible chat server on loopback, for tests of failing models.

    with FakeOpenAIServer(mode="429") as server:
        settings = Settings(backend="openai", base_url=server.base_url, api_key="sk-test-1")
        ...
        assert server.requests <= 3

Modes: "ok" answers with `reply` (plain JSON, or SSE when the request says stream=true);
"429" always rate-limits; "hang" never answers until the server closes; "drop-stream" closes
the connection half-way through the answer; "bad-json" answers with a cut-off JSON object;
"401" rejects the API key the way api.openai.com does; "429-wait" rate-limits and asks for
a 100 s wait (Retry-After); "drip" starts a stream, then only sends keep-alive comments;
"slow" streams the answer in SLOW_STEPS steps SLOW_GAP_S apart (a busy CPU's slow but moving
answer).
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MODES = ("ok", "429", "429-wait", "hang", "drip", "drop-stream", "bad-json", "401", "slow")
SLOW_STEPS = 4
SLOW_GAP_S = 0.45
CHAT_PATH = "/v1/chat/completions"
# What a model says when it stops mid-way through a JSON answer (for `extract`).
BAD_JSON = '{"name": "Ana", "headline": '


def _masked(authorization: str) -> str:
    """The key as api.openai.com echoes it in a 401: the ends kept, the middle starred."""
    key = authorization.removeprefix("Bearer ").strip()
    return f"{key[:3]}{'*' * max(len(key) - 7, 0)}{key[-4:]}" if len(key) > 7 else "***"


class _Server(ThreadingHTTPServer):
    # Daemon threads: a handler stuck in "hang" must never keep the test process alive.
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet: clients that time out and hang up are what these tests are about."""


class FakeOpenAIServer:
    """An OpenAI-compatible server on 127.0.0.1 that answers, or fails, the way `mode` says."""

    def __init__(self, mode: str = "ok", reply: str = "Hi Ana, thanks for reaching out...") -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; one of {', '.join(MODES)}")
        self.mode = mode
        self.reply = BAD_JSON if mode == "bad-json" else reply
        self.requests = 0
        self.received: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        """The URL to give a client, e.g. http://127.0.0.1:PORT/v1."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def close(self) -> None:
        """Release any hanging request, stop serving and free the port."""
        if self._closed.is_set():
            return
        self._closed.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAIServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _record(self, path: str, headers: dict[str, str], body: Any) -> None:
        with self._lock:
            self.received.append({"path": path, "headers": headers, "body": body})
            if path == CHAT_PATH:
                self.requests += 1


def _completion(model: str, content: str) -> dict[str, Any]:
    words = len(content.split())
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 20, "completion_tokens": words, "total_tokens": 20 + words},
    }


def _chunk(model: str, delta: dict[str, str], finish: str | None = None) -> bytes:
    data = {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(data)}\n\n".encode()


def _handler_for(server: FakeOpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.1 so streams are sent chunked, as real servers send them: a dropped
        # connection then shows up as a cut-off body, not as a normal end of the stream.
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
            """Keep test output clean."""

        def do_POST(self) -> None:  # noqa: N802 - stdlib name
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                body = json.loads(raw or b"null")
            except json.JSONDecodeError:
                body = None
            server._record(self.path, dict(self.headers), body)
            request = body if isinstance(body, dict) else {}
            mode, model = server.mode, request.get("model", "fake-model")
            stream = bool(request.get("stream"))
            if self.path != CHAT_PATH:
                self._json(404, {"error": {"message": f"no route {self.path}"}})
            elif mode == "hang":
                server._closed.wait()
                self.close_connection = True
            elif mode in ("429", "429-wait"):
                message = f"Rate limit reached for {model} on requests per min (RPM)."
                error = {"message": message, "type": "requests", "code": "rate_limit_exceeded"}
                wait = {"Retry-After": "100"} if mode == "429-wait" else {}
                self._json(429, {"error": error}, wait)
            elif mode == "401":
                key = _masked(self.headers.get("Authorization", ""))
                error = {
                    "message": f"Incorrect API key provided: {key}.",
                    "type": "invalid_request_error",
                    "code": "invalid_api_key",
                }
                self._json(401, {"error": error})
            elif mode == "drip":
                # Every read gets bytes well within any timeout, but no answer ever comes.
                self._start(200, "text/event-stream")
                self._send_chunk(_chunk(model, {"role": "assistant", "content": ""}))
                while not server._closed.wait(0.2):
                    try:
                        self._send_chunk(b": ping\n\n")
                    except OSError:
                        break
                self.close_connection = True
            elif stream:
                self._stream(model, drop=mode == "drop-stream")
            elif mode == "drop-stream":
                data = json.dumps(_completion(model, server.reply)).encode()
                self._start(200, "application/json", length=len(data))
                self.wfile.write(data[: len(data) // 2])
                self.close_connection = True
            else:
                self._json(200, _completion(model, server.reply))

        def _start(
            self,
            status: int,
            content_type: str,
            length: int | None = None,
            headers: dict[str, str] | None = None,
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if length is None:
                self.send_header("Transfer-Encoding", "chunked")
            else:
                self.send_header("Content-Length", str(length))
            self.end_headers()

        def _json(
            self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None
        ) -> None:
            data = json.dumps(payload).encode()
            self._start(status, "application/json", length=len(data), headers=headers)
            self.wfile.write(data)

        def _send_chunk(self, data: bytes) -> None:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")

        def _stream(self, model: str, drop: bool) -> None:
            pieces = re.findall(r"\S+\s*", server.reply) or [server.reply]
            self._start(200, "text/event-stream")
            self._send_chunk(_chunk(model, {"role": "assistant", "content": ""}))
            if drop:
                # Half the words, then the connection closes: no finish_reason, no [DONE],
                # and no closing zero-length chunk.
                for piece in pieces[: max(1, len(pieces) // 2)]:
                    self._send_chunk(_chunk(model, {"content": piece}))
                self.close_connection = True
                return
            if server.mode == "slow":
                step = -(-len(pieces) // SLOW_STEPS)
                pieces = ["".join(pieces[i : i + step]) for i in range(0, len(pieces), step)]
            for piece in pieces:
                if server.mode == "slow":
                    time.sleep(SLOW_GAP_S)
                self._send_chunk(_chunk(model, {"content": piece}))
            self._send_chunk(_chunk(model, {}, finish="stop"))
            self._send_chunk(b"data: [DONE]\n\n")
            self._send_chunk(b"")

    return Handler
