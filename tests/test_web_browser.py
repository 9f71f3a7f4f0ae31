"""The web chat in a real browser: Playwright driving Debian's Chromium (never a downloaded one)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "Debian's Chromium is not installed (/usr/bin/chromium): apt-get install -y chromium",
        allow_module_level=True,
    )
pytest.importorskip("playwright")
pytest.importorskip("gradio")

from assistant.web import page as app  # noqa: E402

REQUEST = (
    "I want to connect with Jordan Lee, VP Data at Globex; I saw her DataConf talk on "
    "streaming and would like 15 minutes of advice"
)
# Chromium flags for a container: no sandbox (root), no GPU, no background downloads.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
TIMEOUT_MS = 30_000


@pytest.fixture
def url(cordial_home):
    """The app on a free loopback port, with the instant composer backend."""
    demo, url = app.launch_in_background({"backend": "composer"})
    try:
        yield url
    finally:
        demo.close()


@pytest.fixture
def page():
    """A headless Chromium page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1400})
            page.set_default_timeout(TIMEOUT_MS)
            yield page
        finally:
            browser.close()


def _draft(page) -> str:
    return page.locator("#draft-invite textarea").input_value()


def test_write_an_invitation_then_make_it_shorter(page, url, tmp_path):
    from playwright.sync_api import expect

    page.goto(url)
    page.locator("#msg-invite textarea").fill(REQUEST)
    page.locator("#send-invite").click()

    draft_box = page.locator("#draft-invite textarea")
    expect(draft_box).not_to_have_value("", timeout=TIMEOUT_MS)
    first = _draft(page)
    assert "Jordan" in first

    expect(page.locator("#counter-invite")).to_contain_text(f"{len(first)} / 300")
    expect(page.locator("#field-who").locator("input, textarea")).to_have_value("Jordan Lee")
    copy = page.locator("#draft-invite").get_by_role("button", name="Copy")
    expect(copy.first).to_be_visible()
    # The streamed draft also shows in the chat.
    expect(page.locator("#chat-invite")).to_contain_text("DataConf")

    page.locator("#msg-invite textarea").fill("shorter")
    page.locator("#send-invite").click()
    page.wait_for_function(
        "([sel, n]) => { const t = document.querySelector(sel); "
        "return t && t.value.length > 0 && t.value.length < n; }",
        arg=["#draft-invite textarea", len(first)],
        timeout=TIMEOUT_MS,
    )
    second = _draft(page)
    assert 0 < len(second) < len(first)
    expect(page.locator("#counter-invite")).to_contain_text(f"{len(second)} / 300")

    shot = tmp_path / "web-chat.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 0


def test_markup_in_a_pasted_note_shows_as_text(page, url):
    from playwright.sync_api import expect

    page.goto(url)
    page.get_by_role("tab", name="Answer a request").click()
    note = "<b id=injected>bold</b> Hi, let's connect!"
    page.locator("#msg-reply textarea").fill(note)
    page.locator("#send-reply").click()
    expect(page.locator("#draft-reply textarea")).not_to_have_value("", timeout=TIMEOUT_MS)
    expect(page.locator("#chat-reply")).to_contain_text("<b id=injected>")
    assert page.locator("#injected").count() == 0


def test_the_inbox_triages_an_uploaded_export(page, url, tmp_path):
    from playwright.sync_api import expect
    from sample_export import make_export_zip

    page.goto(url)
    page.get_by_role("tab", name="Inbox").click()
    page.locator("#inbox-file input[type=file]").set_input_files(str(make_export_zip(tmp_path)))
    page.locator("#inbox-run").click()
    expect(page.locator("#inbox-summary")).to_contain_text("4 incoming requests")
    table = page.locator("#inbox-table")
    expect(table).to_contain_text("Ana Souza")
    expect(table).to_contain_text("ask-how-met")
    expect(table).to_contain_text("(no reply: ignore)")
    expect(table).to_contain_text("already a connection since 15 Mar 2023")
    # Gradio fades outputs while an event runs; the screenshot waits for the page to settle.
    expect(page.locator(".pending")).to_have_count(0)

    shot = tmp_path / "inbox.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 0


def test_the_sent_view_charts_acceptance_with_the_tables_numbers(page, url, tmp_path):
    """Issue 21: the Sent view's bars carry the same counts as its table, and both are the
    fixture's ground truth."""
    from outcomes_fixture import truth, write
    from playwright.sync_api import expect
    from test_outcomes import expected

    t = truth()
    groups = expected(t)["groups"]
    page.goto(url)
    page.get_by_role("tab", name="Inbox").click()
    page.locator("#inbox-file input[type=file]").set_input_files(str(write("2026", tmp_path, t)))
    page.get_by_role("tab", name="Sent").click()
    page.locator("#sent-run").click()
    bars = page.locator("#sent-chart .cordial-bar")
    expect(bars).to_have_count(4)
    expect(page.locator(".pending")).to_have_count(0)

    shown = {}
    for i in range(bars.count()):
        bar = bars.nth(i)
        sent, accepted = (
            int(bar.get_attribute("data-sent")),
            int(bar.get_attribute("data-accepted")),
        )
        # The count written on the bar is the one it is drawn from.
        assert f"{accepted} of {sent} accepted" in bar.inner_text()
        shown[bar.get_attribute("data-group")] = (sent, accepted)
    assert shown == {
        "with a note": groups["with"],
        "without a note": groups["without"],
        "note clean": groups["clean"],
        "note with findings": groups["with findings"],
    }
    # The table's rows for the same groups hold the same numbers (its text, a cell a line).
    cells = [c.strip() for c in page.locator("#sent-table").inner_text().splitlines()]
    cells = [c for c in cells if c]
    assert cells[:5] == ["Group", "Sent", "Accepted", "Rate", "90 % interval"]
    rows = [cells[i : i + 5] for i in range(5, len(cells), 5)]
    table = {row[0]: (int(row[1]), int(row[2])) for row in rows if row[0] in shown}
    assert table == shown
    expect(page.locator("#sent-link textarea, #sent-link input")).to_have_value(
        "https://www.linkedin.com/mynetwork/invitation-manager/sent/"
    )
    expect(page.locator("#sent-stale")).to_contain_text(expected(t)["stale"][0])
    expect(page.locator("#sent-notes textarea")).to_have_value(re.compile("not causal"))

    shot = tmp_path / "sent.png"
    page.locator("#inbox-sent").screenshot(path=str(shot))
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 0

    # "Follow up" opens the Follow up tab with a draft of the ask the note made.
    page.locator("#sent-pick input").click()
    page.get_by_role("option", name=re.compile("Hello, I read your post")).first.click()
    page.locator("#sent-follow").click()
    expect(page.locator("#draft-followup textarea")).to_have_value(
        re.compile("interviews"), timeout=TIMEOUT_MS
    )
