"""Fuzzing every entry point that reads untrusted text: the request reader, prompt building, the
linter (library and `draft lint`), the history store, the data export readers, and what the
CLI writes to the terminal. Whatever the input, nothing raises but the documented errors, and
no control, escape or bidi-override character from the input reaches the terminal.

Run with -s to see how many examples each target ran.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import zipfile
from collections import Counter
from functools import cache

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from assistant import api, lint
from assistant.choices import ACCOUNTS, RELATIONSHIPS, TONES
from assistant.cli import main
from assistant.drafting.extract import (
    MAX_REQUEST_CHARS,
    Extracted,
    check_request,
    extract_by_rules,
    parse_answer,
)
from assistant.drafting.result import Draft
from assistant.errors import InputError
from assistant.lint.engine import MAX_LIMIT
from assistant.lint.model import KINDS, SEVERITIES, SITUATIONS
from assistant.prompting.templates import inert, load_prompt, prompt_names, render
from assistant.requests import (
    MAX_FIELD_CHARS,
    MAX_NOTE_CHARS,
    InviteRequest,
    Person,
    ReplyRequest,
)
from assistant.settings import Settings
from assistant.store import History
from assistant.triage import export

FUZZ = settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        # The history database and CORDIAL_HOME are shared by a test's examples on purpose.
        HealthCheck.function_scoped_fixture,
    ],
)
MAX_NAME_CHARS = 200

# Examples run per target, printed when the module finishes.
COUNTS: Counter[str] = Counter()

# What may reach a terminal: no C0/C1 controls but tab and newline, no ESC, no bidi override
# or isolate (the characters of "Trojan Source" attacks).
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Pieces that break naive code: terminal escapes, controls, zero-width and bidi characters,
# letters whose case mapping changes length, astral characters, template and JSON syntax.
HOSTILE = [
    *"\x00\x07\x08\x0b\x0c\r\n\t\x1b\x7f\x85\x9b\x9d",
    "\r\n",
    "\x1b[31m",
    "\x1b[2J",
    "\x1b]0;pwned\x07",
    "\x1b]8;;https://x.io\x1b\\",
    "\x9b31m",
    *"\u200b\u200c\u200d\u2060\ufeff\u00ad",
    *"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c",
    *"\u2028\u2029\u0301\ufffd\uffff\ue000\U0010ffff",
    *"İßﬃǅ𝕏",
    "👩🏽‍💻",
    "李娜",
    "محمد",
    "Zoë",
    *"{}[]\"'\\,;.:-",
    "{note}",
    "{0}",
    "{{}}",
    "%s",
    "${x}",
    "[Name]",
    "<b>",
    "--help",
    " mutual ",
    " connect with ",
    " request from ",
    "99999999",
    " would like ",
]
PIECE = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=8))
HOSTILE_TEXT = st.lists(PIECE, max_size=20).map("".join)
# Long text of an exact length that lands around the caps (200, 2,000, 4,000, 8,000).
LONG = st.builds(
    lambda piece, n: (piece * n)[:n],
    st.lists(PIECE, min_size=1, max_size=4).map("".join).filter(bool),
    st.integers(150, 9_000),
)
# Any code point but surrogates (st.text never makes them); long one time in three.
TEXT = st.one_of(st.text(max_size=200), HOSTILE_TEXT, LONG)


def _weighted(common: st.SearchStrategy, rare: st.SearchStrategy) -> st.SearchStrategy:
    """`common` seven times in eight, else `rare` (st.one_of does not weight its branches)."""
    return st.sampled_from([True] * 7 + [False]).flatmap(lambda usual: common if usual else rare)


# For requests with many fields: one long field in eight, so most requests get built.
FIELD = _weighted(st.one_of(st.text(max_size=200), HOSTILE_TEXT), LONG)
NAME = _weighted(FIELD.map(lambda s: s[:MAX_NAME_CHARS]), FIELD)
SHORT = st.one_of(st.text(max_size=30), st.lists(PIECE, max_size=5).map("".join))

JSON_LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(10**400), 10**400),
    st.floats(),
    SHORT,
)
JSON_VALUE = st.recursive(
    JSON_LEAF,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(SHORT, inner, max_size=4),
    max_leaves=12,
)


def _choice(values, other: st.SearchStrategy = JSON_VALUE) -> st.SearchStrategy:
    """A valid choice seven times in eight, else anything a JSON line or a caller could pass."""
    return _weighted(st.sampled_from(values), other)


RUNNER = CliRunner()


@pytest.fixture(scope="module", autouse=True)
def report_counts():
    """Print the examples run per target once the module is done."""
    yield
    print("\nfuzz examples run:")
    for target, n in sorted(COUNTS.items()):
        print(f"  {target:<34} {n:>6,}")


@cache
def _settings() -> Settings:
    # Built on first use, inside a test, so it reads the test's private CORDIAL_HOME.
    return Settings(backend="composer")


def run_cli(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    """Run `draft` in-process through its real entry point: (exit status, stdout, stderr)."""
    with RUNNER.isolation(input=stdin) as (out, err, _):
        try:
            main(argv)
            code = 0
        except SystemExit as exc:
            code = 0 if exc.code is None else exc.code
        sys.stdout.flush()
        sys.stderr.flush()
        return code, out.getvalue().decode(), err.getvalue().decode("utf-8", "replace")


def assert_terminal_safe(*outputs: str) -> None:
    """No raw control, escape or bidi-override character in what the terminal would show."""
    for text in outputs:
        m = UNSAFE.search(text)
        assert not m, f"raw {m.group()!r} in {text[max(0, m.start() - 40) : m.end() + 40]!r}"


# --- reading a plain-language request -------------------------------------------------------


# Requests shaped like the real ones, so the rules' patterns match and fill every field.
REQUESTS_IN_WORDS = st.one_of(
    TEXT,
    st.builds(
        "I want to connect with {}, {}; I saw {} and would like {}".format,
        FIELD,
        SHORT,
        FIELD,
        FIELD,
    ),
    st.builds(
        'I got a request from {} with {} mutual connections: "{}"'.format,
        FIELD,
        st.integers(0, 10**30),
        FIELD,
    ),
)


@FUZZ
@given(REQUESTS_IN_WORDS)
def test_request_reader_refuses_or_reads_any_text(text):
    COUNTS["extract: rules"] += 1
    if not text.strip() or len(text) > MAX_REQUEST_CHARS:
        with pytest.raises(InputError):
            check_request(text)
        return
    check_request(text)
    got = extract_by_rules(text)
    assert got.source == "rules"
    for name in (got.recipient_name, got.requester_name):
        assert name in text  # read from the request, never invented


@st.composite
def model_answers(draw) -> tuple[str, str]:
    """(a model's raw answer, the request it read): JSON-ish, often broken, sometimes valid."""
    text = draw(TEXT.map(lambda s: s[:MAX_REQUEST_CHARS]))
    name = st.one_of(SHORT, st.builds(lambda a, b: text[a:b], st.integers(0, 60), st.integers()))
    fields = st.dictionaries(
        st.sampled_from(list(Extracted.model_fields)) | SHORT,
        st.one_of(
            JSON_VALUE,
            name,
            st.sampled_from(["invite", "reply", *RELATIONSHIPS, *SITUATIONS, "null", "NaN"]),
        ),
        max_size=8,
    )
    answer = draw(fields)
    raw = json.dumps(answer, ensure_ascii=draw(st.booleans()))  # NaN and Infinity included
    shape = draw(st.sampled_from(["plain", "fenced", "cut", "nested", "text"]))
    if shape == "fenced":
        raw = f"{draw(SHORT)}```json\n{raw}\n```{draw(SHORT)}"
    elif shape == "cut":
        raw = raw[: draw(st.integers(0, len(raw)))] + draw(SHORT)
    elif shape == "nested":  # up to 5,000 deep, past the json module's recursion limit
        depth = draw(st.integers(1, 5_000))
        raw = raw[:-1] + f', "x": {"[" * depth}{"]" * depth}}}' if len(raw) > 2 else raw
    elif shape == "text":
        raw = draw(TEXT)
    return raw, text


@FUZZ
@given(model_answers())
def test_model_answer_parsing_never_raises(answer):
    COUNTS["extract: model answer"] += 1
    raw, text = answer
    got = parse_answer(raw, text)
    if got is not None:
        assert got.source == "model"
        for name in (got.recipient_name, got.requester_name):
            assert name.casefold() in text.casefold()
        assert got.mode == "reply" or got.recipient_name


# --- building prompts -----------------------------------------------------------------------


def _over(value: str, cap: int) -> bool:
    """Over its cap even after stripping (pydantic strips a subset of what str.strip does)."""
    return len(value.strip()) > cap


def _assert_rendered(name: str, values: dict) -> None:
    """The prompt renders, and every value reaches the request message verbatim, but made inert
    (a "<<<" in a value cannot open a fence: it arrives as "<<")."""
    prompt = load_prompt(name)
    messages = render(name, values)
    assert messages[0].type == "system" and messages[-1].type == "human"
    merged = {**prompt.defaults, **values}
    for var in prompt.variables:
        value = merged[var]
        assert (inert(value) if isinstance(value, str) else str(value)) in messages[-1].content, var


@FUZZ
@given(
    to=NAME,
    headline=FIELD,
    context=FIELD,
    ask=FIELD,
    me=st.tuples(NAME, FIELD, FIELD),
    relationship=_choice(RELATIONSHIPS, SHORT),
    tone=_choice(TONES, SHORT),
    account=_choice(ACCOUNTS, SHORT),
    limit=st.none() | st.integers(-5, 10_000),
)
def test_invitation_prompt_builds_from_any_fields(
    to, headline, context, ask, me, relationship, tone, account, limit
):
    caps = [(to, MAX_NAME_CHARS), (me[0], MAX_NAME_CHARS), (headline, MAX_FIELD_CHARS)]
    caps += [(me[1], MAX_FIELD_CHARS), (me[2], MAX_FIELD_CHARS)]
    caps += [(context, MAX_FIELD_CHARS), (ask, MAX_FIELD_CHARS)]
    # An empty account means "the one in settings".
    known = relationship in RELATIONSHIPS and tone in TONES and (account or "premium") in ACCOUNTS
    in_range = limit is None or 20 <= limit <= 8_000
    try:
        request = api.invitation_request(
            to,
            to_headline=headline,
            context=context,
            ask=ask,
            relationship=relationship,
            tone=tone,
            account=account,
            limit=limit,
            me=Person(name=me[0], headline=me[1], about=me[2]),
            settings=_settings(),
        )
    except (InputError, ValidationError):
        # Refused only for what the documentation says: over a cap, an unknown choice.
        assert not (known and in_range and all(len(v) <= cap for v, cap in caps))
        COUNTS["prompt building: invitation, refused"] += 1
        return
    assert known and in_range and not any(_over(v, cap) for v, cap in caps)
    task = api.task_for(request)
    _assert_rendered(task.prompt, task.values)
    COUNTS["prompt building: invitation, built"] += 1


@FUZZ
@given(
    name=NAME,
    headline=FIELD,
    note=FIELD,
    context=FIELD,
    situation=st.none() | _choice(SITUATIONS, SHORT),
    mutual=st.none() | st.integers(-5, 200_000),
    limit=st.none() | st.integers(-5, 10_000),
)
def test_reply_prompts_build_from_any_fields(
    name, headline, note, context, situation, mutual, limit
):
    caps = [(name, MAX_NAME_CHARS), (headline, MAX_FIELD_CHARS), (context, MAX_FIELD_CHARS)]
    caps.append((note, MAX_NOTE_CHARS))
    known = situation is None or situation in SITUATIONS
    in_range = (mutual is None or 0 <= mutual <= 100_000) and (
        limit is None or 20 <= limit <= 8_000
    )
    try:
        request = api.reply_request(
            name,
            from_headline=headline,
            note=note,
            situation=situation,
            mutual=mutual,
            context=context,
            limit=limit,
            me=Person(name="Sam Ortiz", headline="data engineer"),
            settings=_settings(),
        )
    except InputError:
        assert not (known and in_range and all(len(v) <= cap for v, cap in caps))
        COUNTS["prompt building: reply, refused"] += 1
        return
    assert known and in_range and not any(_over(v, cap) for v, cap in caps)
    task = api.task_for(request)
    # Every reply prompt file, not only the one this note would be answered with.
    for prompt in SITUATIONS:
        _assert_rendered(prompt, task.values)
    COUNTS["prompt building: reply, built"] += 1


@FUZZ
@given(st.sampled_from(prompt_names()), st.data())
def test_every_prompt_file_renders_any_values(name, data):
    COUNTS["prompt building: every file"] += 1
    values = {
        var: data.draw(TEXT | st.integers(), label=var) for var in load_prompt(name).variables
    }
    _assert_rendered(name, values)


# --- the linter's entry points --------------------------------------------------------------

FACTS = st.one_of(
    st.none(),
    SHORT,
    st.lists(JSON_LEAF, max_size=4),
    st.dictionaries(
        st.sampled_from(["sender", "recipient", "shared"]) | SHORT,
        st.none() | st.lists(SHORT, max_size=3) | JSON_LEAF,
        max_size=4,
    ),
    JSON_VALUE,
)


def _facts_well_formed(facts) -> bool:
    if facts is None or isinstance(facts, str | list):
        return True
    return (
        isinstance(facts, dict)
        and set(facts) <= {"sender", "recipient", "shared"}
        and all(v is None or isinstance(v, list) for v in facts.values())
    )


@FUZZ
@given(
    text=TEXT,
    kind=_choice(KINDS),
    situation=st.none() | _choice(SITUATIONS),
    account=_choice(ACCOUNTS),
    limit=st.none() | st.integers(-5, 5_000) | JSON_VALUE,
    facts=FACTS,
    select=st.none() | st.lists(SHORT, max_size=3),
    severity=st.none() | st.dictionaries(SHORT, _choice(SEVERITIES), max_size=2),
)
def test_lint_accepts_good_arguments_and_refuses_bad_ones_plainly(
    text, kind, situation, account, limit, facts, select, severity
):
    good = (
        isinstance(kind, str)
        and kind in KINDS
        and (situation is None or isinstance(situation, str) and situation in SITUATIONS)
        and isinstance(account, str)
        and account in ACCOUNTS
        and (limit is None or isinstance(limit, int) and 1 <= limit <= MAX_LIMIT)
        and all(isinstance(v, str) and v in SEVERITIES for v in (severity or {}).values())
    )
    args = dict(kind=kind, situation=situation, account=account, limit=limit, facts=facts)
    if not good:
        with pytest.raises((ValueError, TypeError)):
            lint(text, **args, select=select, severity=severity)
        COUNTS["lint: library, bad arguments refused"] += 1
        return
    try:
        result = lint(text, **args, select=select, severity=severity)
    except (ValueError, TypeError):
        assert not _facts_well_formed(facts)  # e.g. facts=5 or {"sender": true}
        COUNTS["lint: library, odd facts refused"] += 1
        return
    assert result.limit >= 1 and all(0 <= f.start <= f.end <= len(text) for f in result.findings)
    COUNTS["lint: library, linted"] += 1


@st.composite
def lint_invocations(draw) -> tuple[list[str], str, str]:
    """`draft lint` arguments, standard input, and the output expected: "human", "json" (one
    result) or "jsonl" (one line per line of input). The text comes as an argument, on standard
    input, or as JSON lines."""
    options: list[str] = []
    for flag, choices in (("--kind", KINDS), ("--situation", SITUATIONS), ("--account", ACCOUNTS)):
        if draw(st.booleans()):
            options += [flag, draw(st.sampled_from(choices) | SHORT)]
    if draw(st.booleans()):
        options += ["--limit", draw(st.integers(-5, 3_000).map(str) | SHORT)]
    if draw(st.booleans()):
        options += ["--facts", draw(FACTS.map(json.dumps) | SHORT)]
    for flag in ("--select", "--ignore"):
        if draw(st.booleans()):
            options += [flag, draw(SHORT)]
    output = "human"
    if draw(st.booleans()):
        options.append("--json")
        output = "json"
    mode = draw(st.sampled_from(["argument", "stdin", "jsonl"]))
    if mode == "argument":
        return ["lint", *options, "--", draw(TEXT)], "", output
    if mode == "stdin":
        return ["lint", *options, "-"], draw(TEXT), output
    line = st.one_of(
        st.fixed_dictionaries(
            {"text": TEXT},
            optional={
                "kind": _choice(KINDS),
                "situation": _choice(SITUATIONS),
                "account": _choice(ACCOUNTS),
                "limit": JSON_VALUE,
                "facts": FACTS,
            },
        ).map(lambda item: json.dumps(item, ensure_ascii=False)),
        JSON_VALUE.map(json.dumps),
        SHORT,
    )
    lines = draw(st.lists(line, max_size=5))
    return ["lint", "--jsonl", "-", *options], "\n".join(lines), "jsonl"


@FUZZ
@given(lint_invocations())
def test_draft_lint_handles_any_input_and_keeps_the_terminal_safe(invocation):
    COUNTS["lint: draft lint (CLI)"] += 1
    COUNTS["terminal safety: draft lint"] += 1
    argv, stdin, output = invocation
    code, out, err = run_cli(argv, stdin)
    assert code in (0, 1, 2), err
    assert_terminal_safe(out, err)
    if output != "human":
        # Scripts read this: every line is JSON, one per line read, unless the options were bad.
        for line in out.splitlines():
            json.loads(line)
    if output == "jsonl" and not err:
        lines = [line for line in re.split(r"\r\n|\r|\n", stdin) if line.strip()]
        assert len(out.splitlines()) == len(lines)


# --- the history store ----------------------------------------------------------------------


def _capped(cap: int) -> st.SearchStrategy:
    return TEXT.map(lambda s: s[:cap])


# Short fields for the other person and a fixed sender: the request's own fields and the draft
# carry the long text, and generating a dozen strings per example would double the run time.
PERSON = st.builds(Person, name=SHORT, headline=SHORT, about=SHORT)
ME = Person(name="Sam Ortiz", headline="data engineer at Acme")
REQUESTS = st.one_of(
    st.builds(
        InviteRequest,
        recipient=PERSON,
        me=st.just(ME),
        relationship=st.sampled_from(RELATIONSHIPS),
        context=_capped(MAX_FIELD_CHARS),
        ask=_capped(MAX_FIELD_CHARS),
        tone=st.sampled_from(TONES),
        account=st.sampled_from(ACCOUNTS),
        limit=st.none() | st.integers(20, 8_000),
    ),
    st.builds(
        ReplyRequest,
        requester=PERSON,
        me=st.just(ME),
        note=_capped(MAX_NOTE_CHARS),
        situation=st.none() | st.sampled_from(SITUATIONS),
        mutual=st.none() | st.integers(0, 100_000),
        context=_capped(MAX_FIELD_CHARS),
    ),
)
DRAFTS = st.builds(
    Draft,
    text=TEXT,
    chars=st.integers(0, 10_000),
    limit=st.integers(1, 10_000),
    kind=st.sampled_from(["invite", "reply"]),
    situation=st.none() | SHORT,
    findings=st.lists(
        st.dictionaries(SHORT, st.none() | SHORT | st.integers(), max_size=3), max_size=2
    ),
    backend=SHORT,
    model=SHORT,
    fallback=st.booleans(),
    path=st.just("composer"),
    latency_s=st.floats(0, 1e6),
)


@FUZZ
@given(DRAFTS, REQUESTS)
def test_history_reads_back_any_draft_exactly(cordial_home, draft, request_):
    COUNTS["history store: save and read back"] += 1
    store = History(cordial_home / "history.db")
    row = store.save(draft, request_)
    back = store.recent(1)[0]
    assert back["id"] == row
    assert back["request"] == request_.model_dump(mode="json")
    assert (back["text"], back["findings"], back["fallback"]) == (
        draft.text,
        draft.findings,
        draft.fallback,
    )
    assert (back["kind"], back["situation"], back["backend"], back["model"]) == (
        draft.kind,
        draft.situation,
        draft.backend,
        draft.model,
    )
    assert back["latency_s"] == draft.latency_s


# --- what the CLI writes to the terminal ----------------------------------------------------


@FUZZ
@given(
    command=st.sampled_from(["reply", "invite"]),
    name=NAME,
    headline=FIELD,
    note=FIELD,
    context=FIELD,
    situation=st.none() | st.sampled_from(SITUATIONS),
    from_stdin=st.booleans(),
    as_json=st.booleans(),
)
def test_drafts_and_history_never_reach_the_terminal_raw(
    command, name, headline, note, context, situation, from_stdin, as_json
):
    stdin = ""
    if command == "reply":
        argv = ["reply", "--from", name, "--from-headline", headline, "--context", context]
        argv += ["--note", "-"] if from_stdin else ["--note", note]
        stdin = note if from_stdin else ""
        argv += ["--situation", situation] if situation else []
    else:
        argv = ["invite", "--to", name, "--to-headline", headline, "--context", context]
        argv += ["--ask", note]
    argv += ["--json"] if as_json else []
    code, out, err = run_cli([*argv, "--backend", "composer"], stdin)
    assert code in (0, 2), err  # drafted, or refused as input over a cap
    assert_terminal_safe(out, err)
    COUNTS[f"terminal safety: draft {command}, {'drafted' if code == 0 else 'refused'}"] += 1
    code, out, err = run_cli(["history", "--limit", "3"])
    assert code == 0, err
    assert_terminal_safe(out, err)


def test_json_output_never_reaches_the_terminal_raw():
    hostile = ["reply", "--from", "Ana\u202e\x9b31m", "--note", "hi\x85", "--backend", "composer"]
    code, out, err = run_cli([*hostile, "--json"])
    assert code == 0, err
    assert_terminal_safe(out, err)
    assert json.loads(out)  # escaped as \u sequences: still valid JSON
    code, out, err = run_cli(["history", "--json"])
    assert code == 0, err
    assert_terminal_safe(out, err)
    assert json.loads(out.splitlines()[0])["request"]["requester"]["name"] == "Ana\u202e\x9b31m"


# --- the data export readers ----------------------------------------------------------------

_COLUMNS = {
    "Invitations.csv": ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl"],
    "Connections.csv": ["First Name", "Last Name", "URL", "Email Address", "Connected On"],
    "messages.csv": ["CONVERSATION ID", "FROM", "TO", "DATE", "CONTENT", "FOLDER"],
}


@st.composite
def csv_files(draw) -> bytes:
    """Bytes for a CSV file: random bytes, or an export-like file with damage."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.binary(max_size=2_000))
    columns = list(draw(st.sampled_from(list(_COLUMNS.values()))))
    columns = draw(st.permutations(columns))[: draw(st.integers(1, len(columns)))]
    columns = [c.upper() if draw(st.booleans()) else c for c in columns] + draw(
        st.lists(SHORT, max_size=2)
    )
    cell = st.one_of(SHORT, st.sampled_from(["1/29/26, 2:37 PM", "INCOMING", "29 Jan 2026"]))
    rows = draw(st.lists(st.lists(cell, max_size=len(columns) + 2), max_size=5))
    buffer = io.StringIO()
    if draw(st.booleans()):
        buffer.write('Notes:\n"When exporting your connection data..."\n\n')
    writer = csv.writer(buffer, quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
    writer.writerows([columns, *rows])
    text = buffer.getvalue()
    # A huge field costs 140 kB a time: one file in twelve.
    damage = draw(
        st.sampled_from(["none"] * 5 + ["cut"] * 2 + ["quote"] * 2 + ["nul"] * 2 + ["huge field"])
    )
    if damage == "cut":
        text = text[: draw(st.integers(0, len(text)))]
    elif damage == "quote":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + '"' + text[at:]
    elif damage == "nul":
        text += "\x00"
    elif damage == "huge field":
        text += '"' + "x" * 140_000 + '"\n'  # over the csv module's field size limit
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"]))
    return text.encode(encoding, errors="replace")


READERS = {
    "Invitations.csv": "read_invitations",
    "Connections.csv": "read_connections",
    "messages.csv": "read_messages",
}


@FUZZ
@given(csv_files())
def test_export_readers_raise_only_input_errors(tmp_path, data):
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    for reader in READERS.values():
        COUNTS["export readers: CSV file x reader"] += 1
        try:
            list(getattr(export, reader)(path))
        except InputError as exc:
            assert "export.csv" in exc.message


@st.composite
def zip_files(draw) -> bytes:
    """Bytes for an export zip: random bytes, or a real zip with damaged members or bytes."""
    if draw(st.integers(0, 5)) == 0:
        return draw(st.binary(max_size=2_000))
    buffer = io.BytesIO()
    method = draw(
        st.sampled_from(
            [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
        )
    )
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name in draw(
            st.lists(
                st.sampled_from([*READERS, "Basic_LinkedInDataExport/Invitations.csv"])
                # zipfile cuts a name at NUL and fails on an empty one while writing
                | SHORT.map(lambda name: name.replace("\x00", "")).filter(bool),
                max_size=2,
                unique=True,
            )
        ):
            archive.writestr(name, draw(csv_files()))
    data = bytearray(buffer.getvalue())
    for _ in range(draw(st.integers(0, 3))):  # flip bytes anywhere: headers, data, directory
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


# No shrinking: it spends minutes on zip bytes, and the examples below reproduce what it found.
@settings(FUZZ, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(zip_files())
def test_export_zip_raises_only_input_errors(tmp_path, data):
    COUNTS["export readers: zip"] += 1
    path = tmp_path / "export.zip"
    path.write_bytes(data)
    try:
        with export.Export(path) as archive:
            for name, reader in READERS.items():
                if archive.has(name):
                    with archive.open(name) as source:
                        list(getattr(export, reader)(source))
    except InputError as exc:
        assert "export.zip" in exc.message


@FUZZ
@given(
    rows=st.lists(st.tuples(NAME, FIELD, st.sampled_from(["INCOMING", "OUTGOING"])), max_size=3),
    fmt=st.sampled_from(["md", "csv", "json"]),
    command=st.sampled_from(["triage", "network"]),
)
def test_triage_and_network_never_reach_the_terminal_raw(tmp_path, rows, fmt, command):
    path = tmp_path / ("Invitations.csv" if command == "triage" else "Connections.csv")
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        if command == "triage":
            writer.writerow(["From", "To", "Sent At", "Message", "Direction"])
            writer.writerows(
                [sender, "Sam", "1/29/26, 2:37 PM", note, way] for sender, note, way in rows
            )
        else:
            writer.writerow(["First Name", "Last Name", "URL", "Company", "Connected On"])
            writer.writerows([first, note, "", way, "29 Jan 2026"] for first, note, way in rows)
    argv = [command, str(path), "--format", fmt, *(["--drafts"] if command == "triage" else [])]
    code, out, err = run_cli(argv)
    assert code in (0, 2), err  # done, or refused as a bad file
    assert_terminal_safe(out, err)
    if code == 0 and fmt == "json":
        json.loads(out)
    COUNTS[f"terminal safety: draft {command}"] += 1


# Found by the fuzzing above; kept as plain examples so they fail the same way every run.


def test_a_corrupt_lzma_member_is_an_input_error(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_LZMA) as archive:
        archive.writestr(
            "Invitations.csv", "From,To,Sent At,Message,Direction\n" + "a,b,,hi,x\n" * 50
        )
    data = bytearray(buffer.getvalue())
    start = 30 + len("Invitations.csv") + 9  # local header, name, LZMA properties
    data[start + 20 : start + 40] = b"\xff" * 20
    path = tmp_path / "export.zip"
    path.write_bytes(bytes(data))
    with (
        export.Export(path) as archive,
        pytest.raises(InputError),
        archive.open("Invitations.csv") as source,
    ):
        list(export.read_invitations(source))


def test_a_zip_needing_a_newer_unzip_is_an_input_error(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Invitations.csv", "From,To,Sent At,Message,Direction\n")
    data = bytearray(buffer.getvalue())
    data[data.index(b"PK\x01\x02") + 6] = 76  # "version needed to extract": 7.6
    path = tmp_path / "export.zip"
    path.write_bytes(bytes(data))
    with pytest.raises(InputError):
        export.Export(path)
