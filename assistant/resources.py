"""Where the files Cordial reads at run time live: the one place that answers it (and where the
user's own files live: `default_home()`).

The prompts and the eval suite's data keep their own top-level folders in the repository
(`prompts/`, `evals/`). pyproject.toml installs them inside the package as the data packages
`assistant._prompts` and `assistant._evals`, and they are read with `importlib.resources`, so the
same code finds the checkout's folders in an editable install (`pip install -e .`) and the
copies inside site-packages in a wheel. Nothing here walks up from `__file__`.
"""

from __future__ import annotations

import os
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from assistant.errors import CordialError

PROMPTS_PACKAGE = "assistant._prompts"
EVALS_PACKAGE = "assistant._evals"


def _data(package: str, folder: str) -> Traversable:
    try:
        return files(package)
    except ModuleNotFoundError as exc:
        raise CordialError(
            f"Cordial's {folder}/ files are not installed (no package {package})",
            "install Cordial with pip: `pip install -e .` in a checkout, as make does",
        ) from exc


def prompts() -> Traversable:
    """The prompt files' folder: `prompts/` in the repository, `assistant/_prompts/` installed."""
    return _data(PROMPTS_PACKAGE, "prompts")


def evals() -> Traversable:
    """The eval suite's folder (cases/, baseline/, checks.py): `evals/` in the repository,
    `assistant/_evals/` installed."""
    return _data(EVALS_PACKAGE, "evals")


def default_home() -> Path:
    """Where settings, the model file, the cache and the history live."""
    return Path(os.environ.get("CORDIAL_HOME") or Path.home() / ".cordial").expanduser()


def private_dir(path: Path) -> Path:
    """The folder, created readable by the user alone (0700) when it is missing: the home holds
    drafts, other people's notes and server keys. A folder that exists is left as it is."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path
