"""Arrows point down: which of Cordial's packages may import which, read from the source with
`ast` (every import, at the top of a module or inside a function).

Every contract here holds and fails the suite when broken.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "assistant"


def imports_of(path: Path) -> set[str]:
    """Every assistant.* module a source file imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("assistant")}
        elif (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and (node.module or "").startswith("assistant")
        ):
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


def violations(folder: str, allowed: tuple[str, ...]) -> list[str]:
    """Imports from files under assistant/<folder> of Cordial modules outside `allowed`."""
    own = f"assistant.{folder}"
    out = []
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        for name in sorted(imports_of(path)):
            if name == "assistant" or name.startswith(own):
                continue
            if not any(name == a or name.startswith(a + ".") for a in allowed):
                out.append(f"{path.relative_to(ROOT)} imports {name}")
    return out


def test_lint_imports_nothing_else_of_cordial():
    """The registry of checks stands alone: draft lint starts fast and any app can embed it."""
    assert violations("lint", ()) == []


@pytest.mark.parametrize("folder", ["backends", "prompting"])
def test_backends_and_prompting_import_neither_drafting_nor_front_doors(folder):
    allowed = (
        "assistant.lint",
        "assistant.prompting",
        "assistant.settings",
        "assistant.choices",
        "assistant.errors",
        "assistant.resources",
    )
    assert violations(folder, (*allowed, "assistant.backends")) == []


def test_triage_decision_reads_only_the_linter():
    """The reply chooser (triage's decision) sits on the registry and the scorer alone."""
    bad = [v for v in violations("triage", ("assistant.lint",)) if "decide.py" in v]
    assert bad == []


def test_the_composer_reads_only_requests_their_choices_and_the_linter():
    """The composer drafts from a request's fields, in the situation the request carries: it
    never decides one (no triage), and drafting is above it."""
    allowed = ("assistant.lint", "assistant.errors", "assistant.requests", "assistant.choices")
    assert violations("composer", allowed) == []


def part_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Which part imports which: the folders and top-level modules of assistant/ (the package's
    own __init__, which gathers the public names of every part, is not one)."""
    parts = {p.stem for p in root.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()}
    graph: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        rel = path.relative_to(root)
        if rel == Path("__init__.py"):
            continue
        own = rel.parts[0].removesuffix(".py")
        for name in imports_of(path):
            other = name.split(".")[1] if name.count(".") else own
            if other in parts and other != own:
                graph.setdefault(own, set()).add(other)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """For every part that can reach itself, one path back to it."""
    found = []
    for start in sorted(graph):
        paths, seen = [[start]], {start}
        while paths:
            path = paths.pop(0)
            if start in graph.get(path[-1], ()):
                found.append([*path, start])
                break
            for nxt in sorted(graph.get(path[-1], set()) - seen):
                seen.add(nxt)
                paths.append([*path, nxt])
    return found


def test_no_cycles_between_the_parts():
    """Arrows only point down between assistant/'s folders and top-level modules (issue 19:
    composer -> drafting -> composer, and through triage, were cycles)."""
    assert cycles(part_graph()) == []


def test_the_cycle_check_sees_a_cycle(tmp_path):
    """The check can fail: two parts importing each other are reported."""
    for part, other in (("one", "two"), ("two", "one")):
        (tmp_path / part).mkdir()
        (tmp_path / part / "__init__.py").write_text(f"from assistant.{other} import x\n")
    assert cycles(part_graph(tmp_path)) == [["one", "two", "one"], ["two", "one", "two"]]


def test_no_package_imports_the_front_door_api():
    """No cycle through the front door: the packages below assistant.api never import it
    (issue 14: the callable triage package used to)."""
    offenders = [
        v
        for folder in (
            "lint",
            "prompting",
            "backends",
            "writers",
            "drafting",
            "composer",
            "triage",
            "outcomes",
        )
        for v in violations(
            folder,
            tuple(
                f"assistant.{p}"
                for p in (
                    "lint",
                    "prompting",
                    "backends",
                    "drafting",
                    "triage",
                    "outcomes",
                    "composer",
                    "settings",
                    "choices",
                    "errors",
                    "resources",
                    "store",
                    "requests",
                    "writers",
                )
            ),
        )
    ]
    assert offenders == []


# What a front door may import: the library's front door, the package's public names, and the
# public types and values its answers are made of. Never the machinery below (triage, backends,
# drafters, the composer): that is reached through assistant.api.
FRONT_DOOR_MAY_IMPORT = (
    "assistant.api",
    "assistant.errors",
    "assistant.settings",
    "assistant.choices",
    "assistant.requests",
    "assistant.drafting.result",
    "assistant.lint",
    "assistant.resources",  # where Cordial keeps its files (default_home): paths, no machinery
    "assistant.writers",  # the registered writers' names, for --backend; writing is the api's
)


def front_door_violations(paths: list[Path], own: str) -> list[str]:
    import assistant

    public = {f"assistant.{name}" for name in assistant.__all__}
    out = []
    for path in paths:
        for name in sorted(imports_of(path)):
            if name == "assistant" or name in public or name.startswith(own):
                continue
            if not any(name == a or name.startswith(a + ".") for a in FRONT_DOOR_MAY_IMPORT):
                where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
                out.append(f"{where} imports {name}")
    return out


def test_the_web_front_door_imports_only_the_api_and_public_types():
    """Issue 14: app.py and assistant/web are a thin front door; the flow is the library's."""
    paths = [ROOT / "app.py", *sorted((PACKAGE / "web").rglob("*.py"))]
    assert front_door_violations(paths, "assistant.web") == []


# The CLI also reaches two light public faces, each through its package's public names only:
# the warm process (`assistant.serving`: `draft` calls it before every command, so it must not
# import the library's machinery) and the eval suite (`assistant.evals`, for `draft eval`).
CLI_PUBLIC_PACKAGES = ("assistant.serving", "assistant.evals")


def test_the_cli_front_door_imports_only_the_api_public_types_and_public_faces():
    """Issue 14: `draft` is a thin front door too; the flow is the library's."""
    import importlib

    allowed = {
        f"{package}.{name}"
        for package in CLI_PUBLIC_PACKAGES
        for name in importlib.import_module(package).__all__
    } | set(CLI_PUBLIC_PACKAGES)
    paths = sorted((PACKAGE / "cli").rglob("*.py"))
    bad = [v for v in front_door_violations(paths, "assistant.cli") if v.split()[-1] not in allowed]
    assert bad == []


def test_the_front_door_contracts_see_a_violation(tmp_path):
    """The checks can fail: a front door importing the machinery, even inside a function, is
    reported; the api and public types are not."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from assistant.api import draft_invitation\n"
        "from assistant.requests import Person\n"
        "def f():\n    from assistant.backends.shared_server import find\n",
        encoding="utf-8",
    )
    assert front_door_violations([probe], "assistant.cli") == [
        "probe.py imports assistant.backends.shared_server",
        "probe.py imports assistant.backends.shared_server.find",
    ]
