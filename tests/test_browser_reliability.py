"""Real-browser reliability: hostile data stays inert in the DOM, and the app keeps serving through a refresh.

* A server reads a snapshot whose text columns hold `<script>`, `<img onerror>`, markdown links and 10k-char
  strings (tests/hostile.py). Opening the Exercises & events page (catalog text in markdown, chart
  annotations, tables, the exercise picker opened) fires no dialog, adds no script/img/onerror/javascript:
  link from the data, and shows the payloads as literal text.
* A server reads a temp copy of the snapshot while `python -m loaders refresh` (slowed with
  CSI_TEST_SLOW_WRITE) rebuilds it: every page load during the refresh succeeds, and the next load after
  it shows the new manifest's build time and data.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import settings
from loaders import snapshot
from tests.hostile import hostile_snapshot
from tests.test_browser import APP, EXCEPTION, Session, _require_chromium, offline_session
from tools.server import Server, launch_chromium, streamlit_server

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parent.parent

# Elements the payloads would create if any data text were rendered as HTML.
INJECTED_JS = """() => {
  const found = [];
  for (const s of document.querySelectorAll('script')) {
    if ((s.textContent || '').includes('alert(1)')) found.push('script: ' + s.textContent.slice(0, 80));
  }
  for (const el of document.querySelectorAll('[onerror], [onload]')) found.push('handler: ' + el.outerHTML.slice(0, 120));
  for (const img of document.querySelectorAll('img')) {
    if (img.getAttribute('src') === 'x') found.push('img: ' + img.outerHTML.slice(0, 120));
  }
  for (const a of document.querySelectorAll('a')) {
    const href = (a.getAttribute('href') || '').trim().toLowerCase();
    if (href.startsWith('javascript:') || a.textContent === 'click') found.push('link: ' + a.outerHTML.slice(0, 120));
  }
  for (const b of document.querySelectorAll('strong, b')) {
    if (b.textContent === 'bold') found.push('bold: ' + b.outerHTML);
  }
  return found;
}"""


@pytest.fixture(scope="module")
def chromium_browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        yield browser
        browser.close()


def new_session(browser, server: Server) -> tuple[Session, list[str]]:
    """A fresh offline-guarded session on `server` (tests/test_browser.py) that also logs dialogs."""
    session = offline_session(browser, server)
    page = session.page
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return session, dialogs


# --- hostile text in the DOM ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory) -> Iterator[Server]:
    _require_chromium()
    folder = hostile_snapshot(settings.SNAPSHOT_DIR, tmp_path_factory.mktemp("hostile-browser") / "snapshot")
    with streamlit_server(APP, env={"CSI_SNAPSHOT_DIR": str(folder)}, timeout=60) as server:
        yield server


def test_hostile_text_is_inert_in_the_browser(chromium_browser, hostile_server: Server) -> None:
    session, dialogs = new_session(chromium_browser, hostile_server)
    page = session.page
    try:
        session.goto("events?view=exercise")  # the exercise tab, by shareable link
        session.wait_chart_painted()
        session.wait_idle()
        page.locator('[data-testid="stSelectbox"]').first.click()  # the exercise picker: option labels in the DOM
        page.locator('[role="option"]').first.wait_for(state="visible")
        page.wait_for_timeout(500)  # give any injected handler a chance to fire
        text = page.inner_text("body")
        injected = page.evaluate(INJECTED_JS)
        page.keyboard.press("Escape")

        assert not dialogs, f"a dialog fired: {dialogs}"
        assert not injected, f"data text became markup in the DOM: {injected}"
        # The payloads are on the page as literal text: the check above looked at rendered data, not nothing.
        assert "<img src=x onerror=alert(1)>" in text or "<script>alert(1)</script>" in text
        assert "[click](javascript:alert(1))" in text or "**bold**" in text
        session.assert_clean()
    finally:
        page.context.close()


# --- serving through a refresh ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def refreshing(tmp_path_factory) -> Iterator[tuple[Server, Path]]:
    _require_chromium()
    folder = tmp_path_factory.mktemp("refresh-browser") / "snapshot"
    shutil.copytree(settings.SNAPSHOT_DIR, folder)
    with streamlit_server(APP, env={"CSI_SNAPSHOT_DIR": str(folder)}, timeout=60) as server:
        yield server, folder


def load_sources(session: Session) -> str:
    """Open Data & sources in this session, wait for the run to finish, return the page text."""
    session.goto("sources")
    session.page.wait_for_selector('[data-testid="stMarkdown"]', state="visible")
    session.wait_idle()
    return session.page.inner_text("body")


def test_app_serves_during_refresh_and_picks_up_new_snapshot(chromium_browser, refreshing, good_raw: Path) -> None:
    server, folder = refreshing
    old = snapshot.read_manifest(folder)
    session, dialogs = new_session(chromium_browser, server)
    try:
        assert old["built_at"] in load_sources(session)

        process = subprocess.Popen(
            [sys.executable, "-m", "loaders", "refresh", "--raw", str(good_raw), "--snapshot", str(folder)],
            cwd=PROJECT,
            env={**os.environ, snapshot.SLOW_WRITE_ENV: "0.2"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        loads_during = 0
        deadline = time.monotonic() + 90
        while process.poll() is None and time.monotonic() < deadline:
            text = load_sources(session)
            assert session.page.locator(EXCEPTION).count() == 0, session.page.locator(EXCEPTION).all_inner_texts()
            assert "could not be read" not in text  # the app's "no snapshot" message (i18n key app.no_snapshot)
            loads_during += 1
        stderr = process.communicate(timeout=30)[1].decode(errors="replace")
        assert process.returncode == 0, stderr[-2000:]
        assert loads_during >= 2, f"only {loads_during} page loads happened during the refresh"

        new = snapshot.read_manifest(folder)
        assert new["built_at"] != old["built_at"]
        text = load_sources(session)
        assert new["built_at"] in text and old["built_at"] not in text
        # New data, not only a new timestamp: the small test snapshot ends on 25 May 2024.
        assert new["tables"]["air_sea_daily"]["last_date"] == "2024-05-25"
        session.goto("")
        session.wait_idle()
        assert "25 May 2024" in session.page.inner_text('[data-testid="stSidebar"]')
        assert not dialogs
        session.assert_clean()
    finally:
        session.page.context.close()
