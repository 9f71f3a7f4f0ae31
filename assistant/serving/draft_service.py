"""Drafting inside the warm `draft serve` process. A later `draft invite`/`reply` checks its
request, then sends it here instead of importing LangChain and building a model client of its
own: that start-up is about 2 of the 5 seconds a warm call takes on a 2-core machine.

The service listens on loopback only, on a port the OS picks, and answers only requests that
carry its key; both are in the shared server's private state file. Anything it cannot do (no
service, an error, a refusal) makes the caller draft in its own process, as before."""

from __future__ import annotations

import hmac
import json
import logging
import secrets
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

log = logging.getLogger(__name__)

PATH = "/cordial/v1/draft"
MAX_BODY = 64_000  # a request's fields are capped far below this
SERVICE = "drafts"  # its name in the shared server's state file

Job = dict[str, Any]


def run_job(job: Job, backend: str = "local") -> dict[str, Any]:
    """Draft what a job asks for with the library, as the caller's settings say; the Draft as
    JSON (saved to the history like any other). Whatever the job says, the draft is made on
    this process's own backend and home: a job can never point the server at another model
    server (which might be sent an API key from this process's environment)."""
    from assistant import api
    from assistant.requests import FollowupRequest, InviteRequest, ReplyRequest
    from assistant.resources import default_home
    from assistant.settings import Settings

    fixed = {"backend": backend, "base_url": None, "home": str(default_home())}
    settings = Settings(**{**job["settings"], **fixed})
    variants = int(job.get("variants") or 1)
    model, draft_with = {
        "invite": (InviteRequest, api.draft_invitation),
        "followup": (FollowupRequest, api.draft_followup),
    }.get(job["kind"], (ReplyRequest, api.draft_reply))
    request = model.model_validate(job["request"])
    draft = draft_with(request, variants=variants, settings=settings)
    return draft.model_dump(mode="json")


class DraftService:
    """The loopback HTTP endpoint `draft serve` offers beside the model server."""

    def __init__(self, run: Callable[[Job], dict[str, Any]] = run_job) -> None:
        self.key = secrets.token_urlsafe(24)
        self._run = run
        self._one_at_a_time = threading.Lock()  # the model has one slot: drafts queue here
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}{PATH}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def public(self) -> dict[str, str]:
        """Where it is and its key, for the private state file."""
        return {"url": self.url, "key": self.key}

    def start(self) -> DraftService:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving and free the port."""
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        service = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
                """Requests carry people's notes: nothing is logged."""

            def do_POST(self) -> None:  # noqa: N802 - stdlib name
                given = self.headers.get("Authorization", "")
                if not hmac.compare_digest(given.encode(), f"Bearer {service.key}".encode()):
                    return self._answer(401, {"error": "a key is needed"})
                length = int(self.headers.get("Content-Length") or 0)
                if self.path != PATH or not 0 < length <= MAX_BODY:
                    return self._answer(400, {"error": "not a draft job"})
                try:
                    job = json.loads(self.rfile.read(length))
                    with service._one_at_a_time:
                        return self._answer(200, service._run(job))
                except Exception as exc:  # noqa: BLE001 - the caller drafts itself instead
                    log.info("draft job failed: %s", type(exc).__name__)
                    return self._answer(422, {"error": type(exc).__name__})

            def _answer(self, status: int, payload: dict[str, Any]) -> None:
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


def draft_remotely(kind: str, request: Any, variants: int, settings: Any) -> Any:
    """The Draft from the warm process (starting it if none runs); None when it cannot help,
    and the caller drafts in its own process."""
    import click
    import httpx

    from assistant.backends import shared_server
    from assistant.drafting.result import Draft
    from assistant.errors import BackendError

    endpoint = shared_server.find(settings)
    if endpoint is None:
        click.echo("Starting the shared model server (later drafts reuse it)...", err=True)
        try:
            endpoint = shared_server.start_background(settings)
        except BackendError as exc:
            log.info("%s; drafting in this process", exc)
            return None
    service = endpoint.services.get(SERVICE)
    if not isinstance(service, dict) or not shared_server.is_loopback_url(service.get("url")):
        return None
    job = {
        "kind": kind,
        "request": request.model_dump(mode="json"),
        "variants": variants,
        "settings": settings.model_dump(mode="json", exclude={"api_key"}),
    }
    # A draft asks the model up to three times, each bounded by timeout_s on progress.
    limit = settings.draft_budget_s + 5 * settings.timeout_s
    try:
        with httpx.Client(trust_env=False, timeout=limit) as client:
            response = client.post(
                service["url"], json=job, headers={"Authorization": f"Bearer {service['key']}"}
            )
    except httpx.HTTPError as exc:
        log.info("the draft service did not answer (%s); drafting in this process", exc)
        return None
    if response.status_code != 200:
        log.info("the draft service refused (HTTP %s); drafting in this process",
                 response.status_code)
        return None
    return Draft.model_validate(response.json())
