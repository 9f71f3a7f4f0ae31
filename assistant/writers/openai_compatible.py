"""OpenAI, or any OpenAI-compatible server (Ollama, vLLM, llama.cpp's own) at `base_url`."""

from __future__ import annotations

from typing import Any

from assistant.writers.chat import ChatWriter

OPENAI_BASE_URL = "https://api.openai.com/v1"


class OpenAICompatible(ChatWriter):
    """A chat model behind an OpenAI-compatible API, with the user's key."""

    name = "openai"

    def chat_model(self, *, temperature: float | None = None, max_tokens: int | None = None) -> Any:
        from assistant.backends.chat_models import chat_openai
        from assistant.errors import NeedsKeyError

        key = self.settings.api_key
        if key is None or not key.get_secret_value().strip():
            raise NeedsKeyError()
        # Pin the URL: left unset, LangChain would take OPENAI_API_BASE or a LangSmith gateway
        # from the environment and send the key there.
        return chat_openai(
            self.settings,
            self.settings.base_url or OPENAI_BASE_URL,
            key.get_secret_value().strip(),
            temperature=temperature,
            max_tokens=max_tokens,
        )
