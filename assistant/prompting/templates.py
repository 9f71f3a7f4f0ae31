"""Loads prompts/<task>.yaml into a strict pydantic model and renders it as chat messages.
The files are package data, found through assistant.resources.

A prompt file holds a system text, a user template, few-shot examples and defaults. Unknown
keys are refused, so a typo in a prompt file fails loudly instead of being ignored."""

from __future__ import annotations

import os
import re
import secrets
import string
from functools import cache
from importlib.resources.abc import Traversable
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from assistant import resources
from assistant.errors import CordialError
from assistant.resources import private_dir


# A random token planted in every drafting prompt's system text (where it says "{canary}"). It
# appears nowhere else, so a draft that contains it has leaked the prompt. Secret to the user's
# machine like the rest of CORDIAL_HOME, and the same in every process: a prompt's prefix is then
# the same text in every `draft` call, so the shared model server's KV cache (and the one it
# saves across restarts) skips it instead of reading 600 tokens again.
@cache
def canary() -> str:
    """This installation's canary: a random token kept in CORDIAL_HOME/canary (readable by the
    user alone), new per process only when that file cannot be kept."""
    from assistant.settings import default_home

    path = default_home() / "canary"
    try:
        token = path.read_text(encoding="ascii").strip()
        if re.fullmatch(r"[0-9a-f]{16}", token):
            return token
    except (OSError, UnicodeError):
        pass
    token = secrets.token_hex(8)
    try:
        private_dir(path.parent)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(token)
    except OSError:
        pass
    return token


CANARY_SLOT = "{canary}"
_FENCE = re.compile(r"<{3,}|>{3,}")
_SPECIAL_TOKEN = re.compile(r"<\|([\w.-]{1,40})\|>")


class Example(BaseModel):
    """One few-shot pair: the user template's variables and the answer to imitate."""

    model_config = ConfigDict(extra="forbid")

    vars: dict[str, Any]
    output: str


class PromptFile(BaseModel):
    """One task's prompt, as written in prompts/<name>.yaml."""

    model_config = ConfigDict(extra="forbid")

    name: str
    description: str
    system: str
    user: str
    examples: list[Example] = Field(default_factory=list)
    defaults: dict[str, Any] = Field(default_factory=dict)
    max_tokens: int = Field(160, ge=16, le=2048)

    @property
    def variables(self) -> set[str]:
        """The names the user template needs."""
        return {f for _, f, _, _ in string.Formatter().parse(self.user) if f}

    @model_validator(mode="after")
    def _examples_fill_the_template(self) -> PromptFile:
        for n, example in enumerate(self.examples):
            missing = self.variables - set(example.vars) - set(self.defaults)
            if missing:
                raise ValueError(f"example {n} lacks {', '.join(sorted(missing))}")
        return self

    def messages(self, values: dict[str, Any]) -> list[tuple[str, str]]:
        """The chat as (role, text) pairs: system, few-shot turns, then the request."""
        merged = {**self.defaults, **values}
        missing = self.variables - set(merged)
        if missing:
            raise KeyError(f"prompt {self.name!r} needs {', '.join(sorted(missing))}")
        out = [("system", self.system.strip().replace(CANARY_SLOT, canary()))]
        for example in self.examples:
            shot = {**self.defaults, **example.vars}
            out += [("human", _fill(self.user, shot)), ("ai", example.output.strip())]
        out.append(("human", _fill(self.user, merged)))
        return out


def mask_canary(text: str) -> str:
    """The text with the canary put back as its slot: what a cache may store."""
    return text.replace(canary(), CANARY_SLOT)


def unmask_canary(text: str) -> str:
    """Cached text with the slot filled by the canary."""
    return text.replace(CANARY_SLOT, canary())


def _fill(template: str, values: dict[str, Any]) -> str:
    # str.format_map substitutes values without parsing them again, so braces or
    # "{instructions}" inside an incoming note stay plain text.
    return template.format_map({k: "" if v is None else v for k, v in values.items()}).strip()


@cache
def load_prompt(name: str, directory: Traversable | None = None) -> PromptFile:
    """Read and validate prompts/<name>.yaml (from `directory`, by default the installed
    prompts: `assistant.resources.prompts()`)."""
    path = (directory or resources.prompts()) / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return PromptFile.model_validate(data)
    except FileNotFoundError as exc:
        raise CordialError(f"prompt file {path} is missing", "reinstall Cordial") from exc
    except (yaml.YAMLError, ValueError) as exc:
        raise CordialError(f"prompt file {path} is invalid: {exc}", "fix the file") from exc


def prompt_names(directory: Traversable | None = None) -> list[str]:
    """Every prompt file's name."""
    found = (directory or resources.prompts()).iterdir()
    return sorted(p.name.removesuffix(".yaml") for p in found if p.name.endswith(".yaml"))


@cache
def chat_template(name: str) -> Any:
    """The task as a LangChain ChatPromptTemplate: fixed system text and few-shot turns first
    (a stable prefix llama.cpp can reuse from its cache), then the request template."""
    from langchain_core.prompts import ChatPromptTemplate

    prompt = load_prompt(name)
    fixed = prompt.messages({v: "" for v in prompt.variables})[:-1]
    escaped = [(role, text.replace("{", "{{").replace("}", "}}")) for role, text in fixed]
    template = ChatPromptTemplate.from_messages([*escaped, ("human", prompt.user.strip())])
    return template.partial(**{k: v for k, v in prompt.defaults.items() if k in prompt.variables})


def inert(text: str) -> str:
    """Text from outside made inert inside a prompt: it cannot close a <<< >>> fence, nor write
    the chat template's role tokens (llama.cpp reads "<|im_start|>" as a real turn)."""
    text = _SPECIAL_TOKEN.sub(r"<\1>", text)
    return _FENCE.sub(lambda m: m.group()[0] * 2, text)


def render(name: str, values: dict[str, Any]) -> list[Any]:
    """LangChain messages for a task, ready for any chat model. Every value is made inert
    here, so no prompt can forget to: notes, profiles, requests and drafts alike."""
    prompt = load_prompt(name)
    wanted = {
        k: inert(v) if isinstance(v, str) else ("" if v is None else v)
        for k, v in values.items()
        if k in prompt.variables
    }
    return chat_template(name).format_messages(**wanted)
