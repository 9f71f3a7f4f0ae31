"""Packaging (issue 14): what pyproject.toml puts in the wheel, and where the data is read from.

The fast tests read pyproject.toml and the source. The `wheel` test builds the wheel, installs
it into a fresh virtualenv outside the checkout and uses it from there, as another program
would (`make test` runs it; `-m "not wheel"` skips it locally).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from assistant import resources

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
DATA_PACKAGES = {"assistant._prompts": "prompts", "assistant._evals": "evals"}


def source_packages() -> set[str]:
    """Every package under assistant/ in the checkout."""
    return {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "assistant").rglob("__init__.py")
    }


def test_every_package_of_the_checkout_is_listed_for_the_wheel():
    """The list is explicit (setuptools cannot discover packages and map folders at once): a
    new package under assistant/ must be added to [tool.setuptools] packages."""
    listed = set(SETUPTOOLS["packages"])
    data = {p for p in listed if p.startswith(tuple(DATA_PACKAGES))}
    assert listed - data == source_packages()


def test_the_data_folders_stay_at_the_top_and_are_mapped_into_the_package():
    assert SETUPTOOLS["package-dir"] == DATA_PACKAGES
    # app.py stays at the top of the checkout as a launcher; the wheel installs no module `app`.
    assert "py-modules" not in SETUPTOOLS
    scripts = PYPROJECT["project"]["scripts"]
    assert scripts == {"draft": "assistant.cli:main", "cordial-web": "assistant.web.page:main"}
    package_data = PYPROJECT["tool"]["setuptools"]["package-data"]
    assert package_data["assistant._prompts"] == ["*.yaml"]
    assert package_data["assistant._evals.cases"] == ["*.yaml"]
    assert package_data["assistant._evals.baseline"] == ["*.json"]


def test_the_installed_data_is_the_checkouts_folders():
    """An editable install (make test) reads the repository's own prompts/ and evals/."""
    assert Path(str(resources.prompts())).resolve() == ROOT / "prompts"
    assert Path(str(resources.evals())).resolve() == ROOT / "evals"
    assert (resources.prompts() / "invite.yaml").is_file()
    assert (resources.evals() / "cases" / "invite_stranger.yaml").is_file()


def test_no_module_finds_its_data_by_walking_up_from_its_file():
    """Data is found through assistant.resources, which works in a wheel; `parents[...]` from
    `__file__` only works in a checkout."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "assistant").rglob("*.py"))
        if ".parents[" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
