"""Eval cases: YAML files of {description, tags, vars, assert}, in the style of promptfoo."""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

CASES_DIR = Path(__file__).resolve().parents[2] / "evals" / "cases"


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
        """invite or reply."""
        return self.vars.get("kind", "invite")


def load_cases(
    pattern: str = "*.yaml", tags: list[str] | None = None, directory: Path = CASES_DIR
) -> list[EvalCase]:
    """Cases from files matching the glob, filtered to any of the tags; ids are file/index."""
    cases: list[EvalCase] = []
    for path in sorted(directory.glob("*.yaml")):
        if not fnmatch.fnmatch(path.name, pattern) and not fnmatch.fnmatch(path.stem, pattern):
            continue
        items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for n, item in enumerate(items, start=1):
            case = EvalCase.model_validate(item)
            case.id = f"{path.stem}/{n:03d}"
            cases.append(case)
    if tags:
        cases = [c for c in cases if set(tags) & set(c.tags)]
    return cases
