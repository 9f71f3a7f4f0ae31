"""The embedded model: llama.cpp's OpenAI-compatible server on this computer, the shared warm one
(`draft serve`, started on first use) or one inside this process; the model file is assembled
from the installed packages on first use."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

from assistant.writers.chat import ChatWriter


class LocalModel(ChatWriter):
    """The embedded model on the CPU; one slot, so calls are made one at a time."""

    name = "local"
    concurrency = 1  # the embedded server has one slot: more calls would only queue there
    warm_process = True

    def prepare(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Assemble the model file (with progress) and start or find its server."""
        from assistant.backends.model_files import ensure_model

        # Assembled here, where its progress is shown; the server (this process's or the
        # shared warm one) starts when the chat model is built.
        ensure_model(self.settings.home, progress)
        self.model()

    def warm(self, prompts: tuple[str, ...] = ()) -> None:
        """Let this process start the shared warm server, and load the model and read the
        prompts' fixed parts in the background now rather than at the first message."""
        from assistant.backends.shared_server import start_on_first_use
        from assistant.errors import CordialError

        start_on_first_use()

        def load() -> None:
            try:
                self.prepare()
                # The server keeps each prompt's prefix in memory (local_server.CACHE_RAM_MIB),
                # so the first draft reads only its own ~100 tokens instead of ~700.
                self.prime(prompts)
            except CordialError as exc:  # the first draft reports it, with its fix
                print(f"note: the model is not ready yet: {exc}", file=sys.stderr)

        threading.Thread(target=load, name="load-model", daemon=True).start()

    def status(self) -> str:
        return (
            f"Model: {self.settings.model_name} on this computer, loading in the background "
            "(about a minute the very first time); a draft asked for sooner shows its "
            "progress here."
        )

    def chat_model(self, *, temperature: float | None = None, max_tokens: int | None = None) -> Any:
        from assistant.backends.chat_models import chat_openai
        from assistant.backends.shared_server import local_endpoint

        base_url, api_key = local_endpoint(self.settings)
        return chat_openai(
            self.settings,
            base_url,
            api_key,
            extra_body={"cache_prompt": True},  # llama.cpp reuses the prompt's cached prefix
            temperature=temperature,
            max_tokens=max_tokens,
        )
