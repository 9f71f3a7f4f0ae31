"""Every rule ships should-fail and should-pass examples, and they behave as declared."""

from __future__ import annotations

import pkgutil
from pathlib import Path

import pytest

import assistant.lint.rules as rules_pkg
from assistant.lint import RULES, RULES_BY_ID, active_rules, lint
from assistant.lint.model import KINDS, SEVERITIES, DraftData

REQUIRED = {
    "length.over-limit",
    "note.blank",
    "note.default-text",
    "invite.missing-who",
    "invite.missing-why",
    "invite.missing-ask",
    "invite.flattery",
    "invite.sales-pitch",
    "invite.vague-purpose",
    "invite.mutual-count-reason",
    "style.placeholder",
    "style.shouting",
    "style.apology-opener",
    "style.personal-data-ask",
    "reply.no-opening",
    "reply.harsh",
    "grounding.unsupported",
}


def _kwargs(rule, example):
    kw = {"text": example} if isinstance(example, str) else dict(example)
    kw.setdefault("kind", sorted(rule.kinds, key=KINDS.index)[0])
    return kw


def test_every_required_rule_is_registered():
    assert set(RULES_BY_ID) >= REQUIRED


def test_every_rule_module_is_in_the_registry():
    modules = {m.name for m in pkgutil.iter_modules(rules_pkg.__path__)}
    registered = {
        r.check.__module__.rsplit(".", 1)[-1] for r in RULES if hasattr(r.check, "__module__")
    }
    ids = {r.id.replace(".", "_").replace("-", "_") for r in RULES}
    assert modules == ids, "each rule lives in rules/<family>_<name>.py and is registered"
    assert registered


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_well_formed(rule):
    family, _, name = rule.id.partition(".")
    assert family and name and rule.id == rule.id.lower()
    assert rule.severity in SEVERITIES
    assert rule.kinds and rule.kinds <= set(KINDS)
    assert rule.description and "\n" not in rule.description
    assert rule.message


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_ships_examples(rule):
    assert len(rule.fails) >= 3, f"{rule.id} needs at least 3 should-fail examples"
    assert len(rule.passes) >= 3, f"{rule.id} needs at least 3 should-pass examples"


CASES = [(r, "fail", ex) for r in RULES for ex in r.fails] + [
    (r, "pass", ex) for r in RULES for ex in r.passes
]


@pytest.mark.parametrize(
    ("rule", "expect", "example"),
    CASES,
    ids=[f"{r.id}-{e}-{i}" for i, (r, e, _) in enumerate(CASES)],
)
def test_rule_examples(rule, expect, example):
    result = lint(**_kwargs(rule, example))
    fired = rule.id in result.rules()
    assert fired == (expect == "fail"), result.to_dict()


# The draft gate's rules: they read draft data (what the gate knows of the request and the
# prompt) and are silent without it, so `draft lint` on pasted text never runs them.
GATE = [r for r in RULES if r.needs_draft]


def test_the_draft_gates_checks_are_registered_rules():
    assert {r.id for r in GATE} >= {
        "draft.adds-link",
        "draft.adds-email",
        "draft.adds-phone",
        "draft.not-prose",
        "draft.leaks-prompt",
        "draft.other-language",
        "reply.echoes-note",
        "reply.note-words",
        "reply.promises-meeting",
        "reply.mentions-instructions",
        "reply.follow-missing",
        "invite.third-person",
        "invite.reversed-ask",
    }
    assert all(r.severity == "error" for r in GATE)


@pytest.mark.parametrize("rule", GATE, ids=lambda r: r.id)
def test_draft_gate_rules_need_draft_data(rule):
    fails = [_kwargs(rule, ex) for ex in rule.fails]
    assert all("draft" in kw for kw in fails), "should-fail examples of a gate rule carry draft"
    for kw in fails:
        kw.pop("draft")
        assert rule.id not in lint(**kw).rules(), "silent without draft data"
    assert rule.id not in {r.id for r in active_rules(kw["kind"])}
    assert rule.id in {r.id for r in active_rules(kw["kind"], draft=True)}


def test_draft_data_as_a_mapping_or_dataclass():
    text = "Hi Dana, write to dana@evil.example."
    as_dict = lint(text, kind="reply", draft={"supplied": "Sam"}).rules()
    as_data = lint(text, kind="reply", draft=DraftData(supplied="Sam")).rules()
    assert "draft.adds-email" in as_dict and as_dict == as_data
    with pytest.raises(ValueError, match="unknown draft keys"):
        lint(text, kind="reply", draft={"notes": "typo"})


def test_draft_gate_findings_point_at_the_place():
    text = "Hi Dana, thanks. See www.evil.example or call +44 20 7946 0958."
    found = {f.rule: text[f.start : f.end] for f in lint(text, kind="reply", draft={}).findings}
    assert found["draft.adds-link"] == "www.evil.example"
    assert found["draft.adds-phone"] == "+44 20 7946 0958"
    # Through a zero-width space hiding a link from a filter, the span still lines up.
    hidden = "Hi Dana, see evil\u200b.example now."
    link = next(f for f in lint(hidden, kind="reply", draft={}).findings)
    assert hidden[link.start : link.end] == "evil\u200b.example"


def test_rule_ignores_kinds_it_does_not_read():
    text = "Stop sending me spam, it would be a great honour. Book a demo: https://x.io/a"
    assert "invite.flattery" not in lint(text, kind="reply").rules()
    assert "reply.harsh" not in lint(text, kind="incoming").rules()


def test_select_ignore_and_severity_overrides():
    text = "HELLO!! I'd like to add you to my professional network."
    base = lint(text)
    assert {"style.shouting", "note.default-text"} <= base.rules()
    assert lint(text, select=["style"]).rules() == {"style.shouting"}
    assert "style.shouting" not in lint(text, ignore=["style.shouting"]).rules()
    assert not lint(text, ignore=["style", "note", "invite"]).findings
    relevelled = lint(text, severity={"note": "info", "invite": "info"})
    assert relevelled.ok


def test_result_shape_and_json():
    result = lint("Hi [Name]!!", account="free")
    data = result.to_dict()
    assert set(data) == {"kind", "chars", "limit", "ok", "findings"}
    assert data["limit"] == 200 and data["chars"] == 11 and data["ok"] is False
    for f in data["findings"]:
        assert set(f) == {"rule", "severity", "message", "start", "end", "suggestion", "reason"}
        assert 0 <= f["start"] <= f["end"] <= len("Hi [Name]!!")


def test_limits_by_kind_and_account():
    assert lint("x", kind="invite").limit == 300
    assert lint("x", kind="invite", account="free").limit == 200
    assert lint("x", kind="reply").limit == 1900
    assert lint("x", kind="reply", limit=500).limit == 500


def test_characters_not_tokens_and_crlf_counts_once():
    assert lint("Zoë 李娜 👋").chars == 8
    assert lint("a\r\nb").chars == 3


def test_bad_arguments_are_clear():
    with pytest.raises(ValueError, match="unknown kind"):
        lint("x", kind="email")
    with pytest.raises(ValueError, match="unknown situation"):
        lint("x", kind="reply", situation="maybe")
    with pytest.raises(ValueError, match="premium or free"):
        lint("x", account="gold")
    with pytest.raises(TypeError):
        lint(None)  # type: ignore[arg-type]


def test_grounding_only_with_facts():
    text = "Hi Jordan, I'm Sam from Initech."
    assert "grounding.unsupported" not in lint(text).rules()
    assert "grounding.unsupported" in lint(text, facts=["Jordan", "Sam"]).rules()
    assert "grounding.unsupported" not in lint(text, facts=["Jordan", "Sam", "Initech"]).rules()


def test_grounding_names_the_misattributed_fact():
    facts = {"sender": ["Sam", "Acme"], "recipient": ["Jordan", "Helio", "staff data engineer"]}
    result = lint("Hi Jordan, I'm a staff data engineer at Helio; may I connect?", facts=facts)
    messages = [f.message for f in result.findings if f.rule == "grounding.unsupported"]
    assert any("Helio" in m and "recipient" in m for m in messages)


def test_readme_documents_every_rule_id():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    missing = [r.id for r in RULES if f"`{r.id}`" not in readme]
    assert not missing, f"document these rule ids in README.md: {missing}"


def test_rules_page_is_generated_from_the_registry():
    from assistant.lint.docs import rules_markdown

    page = (Path(__file__).parents[1] / "docs" / "lint-rules.md").read_text(encoding="utf-8")
    assert page == rules_markdown(), "docs/lint-rules.md is stale: run make docs"
