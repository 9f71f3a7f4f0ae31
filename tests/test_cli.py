"""The `draft` command end to end, in a subprocess as a user runs it (composer backend and a
closed port stand in where no model is needed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DRAFT = [sys.executable, "-c", "from assistant.cli import main; main()"]
ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [*DRAFT, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=120,
    )


def test_invite_with_the_composer_as_json():
    out = run(
        "invite",
        "--to",
        "Jordan Lee",
        "--to-headline",
        "VP Data at Globex",
        "--context",
        "saw her DataConf talk on streaming",
        "--ask",
        "15 minutes of advice",
        "--from-name",
        "Sam Ortiz",
        "--backend",
        "composer",
        "--json",
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) >= {
        "text",
        "chars",
        "limit",
        "findings",
        "backend",
        "model",
        "fallback",
        "variants",
        "usage",
        "latency_s",
    }
    assert "Jordan" in data["text"] and data["chars"] <= data["limit"] == 300
    assert data["fallback"] is False


def test_reply_reads_the_note_from_stdin_and_history_lists_it():
    out = run(
        "reply",
        "--from",
        "Chris Park",
        "--note",
        "-",
        "--situation",
        "letdown",
        "--mutual",
        "3",
        "--backend",
        "composer",
        stdin="Hi, let's connect!",
    )
    assert out.returncode == 0, out.stderr
    assert "Chris" in out.stdout and "characters" in out.stderr
    listed = run("history", "--json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert rows and rows[0]["kind"] == "reply" and rows[0]["situation"] == "letdown"


def test_unreachable_server_falls_back_with_exit_4_and_one_line():
    env = {
        "CORDIAL_BASE_URL": "http://127.0.0.1:9/v1",
        "CORDIAL_API_KEY": "sk-fake-123456789",
        "CORDIAL_MAX_RETRIES": "0",
        "CORDIAL_TIMEOUT_S": "5",
    }
    out = run(
        "invite",
        "--to",
        "Jordan Lee",
        "--context",
        "her DataConf talk",
        "--backend",
        "openai",
        env=env,
    )
    assert out.returncode == 4, out.stderr
    assert "Jordan" in out.stdout
    assert "cannot reach" in out.stderr and "Traceback" not in out.stderr
    assert "sk-fake" not in out.stderr + out.stdout


def test_openai_without_a_key_names_the_fix():
    out = run("invite", "--to", "Jordan Lee", "--backend", "openai")
    assert out.returncode == 1
    assert "OPENAI_API_KEY" in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_config_show_masks_the_key():
    out = run("config", "show", "--json", env={"OPENAI_API_KEY": "sk-secret-abcdefghijkl"})
    data = json.loads(out.stdout)
    assert data["api_key"] == "********" and "abcdefghijkl" not in out.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["invite"],
        ["invite", "--to", "x", "--account", "gold"],
        ["reply", "--from", "x", "--mutual", "-1"],
    ],
)
def test_usage_errors_are_one_line_with_exit_2(args):
    out = run(*args)
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr


def test_oversized_input_is_refused_before_any_model_call():
    out = run(
        "invite",
        "--to",
        "x" * 500,
        "--backend",
        "openai",
        env={"CORDIAL_API_KEY": "sk-x-1234567890", "CORDIAL_BASE_URL": "http://127.0.0.1:9/v1"},
    )
    assert out.returncode == 2 and "at most 200 characters" in out.stderr


def test_lint_exit_codes_and_jsonl():
    assert run("lint", "Hi Jordan, we met at PyCon; let's stay in touch!").returncode == 0
    assert run("lint", "Hi [Name]").returncode == 1
    out = run(
        "lint", "--jsonl", "-", stdin='{"text": "Hi"}\n{"text": "Hi [Name]", "kind": "reply"}\n'
    )
    results = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["kind"] for r in results] == ["invite", "reply"]
    assert out.returncode == 1


def test_lint_is_configured_through_settings_environment_and_file(cordial_home):
    """`draft lint` reads [lint] through the one Settings model: CORDIAL_LINT__* wins over
    cordial.toml, the same as for every other setting."""
    shouting = "Hi Jordan, we met at PyCon; let's stay in touch!! GREAT TALK"
    placeholder = "Hi [Name], we met at PyCon; let's stay in touch!"

    def rules(out: subprocess.CompletedProcess) -> set[str]:
        return {f["rule"] for f in json.loads(out.stdout)["findings"]}

    assert "style.shouting" in rules(run("lint", shouting, "--json"))
    ignoring = {"CORDIAL_LINT__IGNORE": '["style.shouting"]'}
    assert "style.shouting" not in rules(run("lint", shouting, "--json", env=ignoring))
    assert run("lint", placeholder).returncode == 1
    lowered = {"CORDIAL_LINT__SEVERITY": '{"style.placeholder": "info"}'}
    assert run("lint", placeholder, env=lowered).returncode == 0
    (cordial_home / "cordial.toml").write_text(
        '[lint]\nseverity = { "style.placeholder" = "info" }\n', encoding="utf-8"
    )
    assert run("lint", placeholder).returncode == 0
    raised = {"CORDIAL_LINT__SEVERITY": '{"style.placeholder": "error"}'}
    assert run("lint", placeholder, env=raised).returncode == 1
    wrong = run("lint", placeholder, env={"CORDIAL_LINT__SEVERITY": '{"style.placeholder": "x"}'})
    assert wrong.returncode == 1 and "lint" in wrong.stderr and "Traceback" not in wrong.stderr


def test_terminal_output_never_carries_escape_codes_from_input():
    hostile = "Ana\x1b[31m\x1b]0;pwned\x07"
    drafted = run("reply", "--from", hostile, "--note", "hi \x1b[2J", "--backend", "composer")
    listed = run("history")
    for out in (drafted, listed):
        assert out.returncode == 0, out.stderr
        assert "\x1b" not in out.stdout + out.stderr and "\x07" not in out.stdout + out.stderr


def test_lint_facts_that_are_not_a_list_or_object_get_a_clear_error():
    result = run("lint", "Hi Ana", "--facts", "5")
    assert result.returncode == 2
    assert "--facts takes a JSON list" in result.stderr and "Traceback" not in result.stderr


def test_followup_makes_the_ask_the_note_promised_and_reads_the_note_from_stdin():
    note = (
        "Hi Tomás, I'm Rosa, a product designer at Northwind. Your article on accessible colour "
        "palettes changed how our team picks colours. Could I ask how you test contrast?"
    )
    out = run(
        "followup",
        "--to",
        "Tomás Ferreira",
        "--note",
        "-",
        "--connected-on",
        "2026-11-03",
        "--backend",
        "composer",
        "--json",
        stdin=note,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert "Tomás" in data["text"] and "test contrast?" in data["text"]
    assert "Northwind" not in data["text"] and data["chars"] <= 300 and data["limit"] == 1_900


def test_followup_without_an_ask_says_to_give_one():
    out = run("followup", "--to", "Jordan Lee", "--note", "Let's connect!", "--backend", "composer")
    assert out.returncode == 2 and out.stdout == ""
    assert "--ask" in out.stderr and "Traceback" not in out.stderr
    out = run("followup", "--to", "Jordan", "--connected-on", "03/11/2026", "--ask", "advice")
    assert out.returncode == 2 and "--connected-on" in out.stderr
