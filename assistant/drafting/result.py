"""What a draft call returns: the text, its lint findings, and how it was made."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Path = Literal["model", "model-retry", "model-revised", "composer", "fallback"]


class Usage(BaseModel):
    """Tokens a draft cost, when a model was used."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    model_calls: int = 0
    model_s: float = Field(0.0, description="wall time spent inside model calls (with HTTP)")
    approximate: bool = Field(False, description="counted locally, not reported by the server")


class Draft(BaseModel):
    """A finished draft: fits its limit and has no error-level finding."""

    text: str
    chars: int
    limit: int
    kind: Literal["invite", "reply", "followup"]
    situation: str | None = None
    situation_reasons: list[str] = Field(
        default_factory=list, description="why this situation, when the triage decision chose it"
    )
    findings: list[dict[str, Any]] = Field(default_factory=list)
    backend: str
    model: str
    fallback: bool = False
    fallback_reason: str | None = None
    backend_failed: bool = Field(False, description="the model errored or timed out")
    path: Path = "model"
    variants: list[str] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    latency_s: float = 0.0
    first_token_s: float | None = None
    history_id: int | None = Field(None, description="its row in the history store, once saved")
    notices: list[str] = Field(
        default_factory=list,
        description="what to know before sending, e.g. the data export says they are already "
        "a connection or have your invitation pending",
    )

    def public(self) -> dict[str, Any]:
        """The documented --json shape."""
        return {
            "text": self.text,
            "chars": self.chars,
            "limit": self.limit,
            "situation": self.situation,
            "situation_reasons": self.situation_reasons,
            "findings": self.findings,
            "backend": self.backend,
            "model": self.model,
            "fallback": self.fallback,
            "fallback_reason": self.fallback_reason,
            "path": self.path,
            "variants": self.variants,
            "usage": self.usage.model_dump(),
            "latency_s": round(self.latency_s, 3),
            "first_token_s": None if self.first_token_s is None else round(self.first_token_s, 3),
            "notices": self.notices,
        }
