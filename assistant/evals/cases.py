"""Eval cases: YAML files of {description, tags, vars, assert}, in the style of promptfoo."""

from __future__ import annotations

import fnmatch
from importlib.resources.abc import Traversable
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from assistant import resources


class Assertion(BaseModel):
    """One check on a draft: a type (optionally `not-`), a value, and a weight."""

    model_config = ConfigDict(extra="forbid")

    type: str
    value: Any = None
    weight: float = 1.0


class EvalCase(BaseModel):
    """A request to draft and what its draft must satisfy."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    id: str = ""
    description: str
    tags: list[str] = Field(default_factory=list)
    vars: dict[str, Any]
    asserts: list[Assertion] = Field(default_factory=list, alias="assert")

    @property
    def kind(self) -> str:
        """invite, reply or followup."""
        return self.vars.get("kind", "invite")


def load_cases(
    pattern: str = "*.yaml", tags: list[str] | None = None, directory: Traversable | None = None
) -> list[EvalCase]:
    """Cases from files matching the glob (in `directory`, by default evals/cases/), filtered to
    any of the tags; ids are file/index."""
    directory = directory or resources.evals() / "cases"
    files = sorted((p for p in directory.iterdir() if p.name.endswith(".yaml")), key=_name)
    cases: list[EvalCase] = []
    for path in files:
        stem = path.name.removesuffix(".yaml")
        if not fnmatch.fnmatch(path.name, pattern) and not fnmatch.fnmatch(stem, pattern):
            continue
        items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for n, item in enumerate(items, start=1):
            case = EvalCase.model_validate(item)
            case.id = f"{stem}/{n:03d}"
            cases.append(case)
    if tags:
        cases = [c for c in cases if set(tags) & set(c.tags)]
    return cases


def _name(path: Traversable) -> str:
    return path.name
