"""Two Streamlit replicas behind nginx (deploy/serve_replicas.py) in a real browser: the app loads, a chart
paints, a page switch and a CSV download work, and every request of one browser reached one replica
(downloads and uploads live in the process that holds the session).

Needs Debian's nginx: skipped with a note where it is absent, failed when CI=true (.ci/run installs it).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.serve_replicas import Replicas, nginx_path, replicas
from tests.test_browser import TIMEOUT_MS, Session, _require_chromium, offline_session

pytestmark = pytest.mark.browser


def _require_nginx() -> None:
    if nginx_path():
        return
    reason = "nginx not found (apt-get install nginx, or set NGINX_PATH): replicas-behind-a-proxy test skipped"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; it is required when CI=true", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def proxy() -> Iterator[Replicas]:
    _require_chromium()
    _require_nginx()
    with replicas(2) as running:
        yield running


@pytest.fixture(scope="module")
def chromium(proxy):
    from playwright.sync_api import sync_playwright

    from tools.server import launch_chromium

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        yield browser
        browser.close()


@pytest.fixture
def session(chromium, proxy) -> Iterator[Session]:
    s = offline_session(chromium, proxy)  # Session only needs the proxy's url
    try:
        yield s
    finally:
        s.page.context.close()


def upstreams_of(proxy: Replicas, key: str) -> set[str]:
    """The replicas nginx sent this cookie key's requests to, from its access log."""
    log = (proxy.run_dir / "access.log").read_text(encoding="utf-8")
    return set(re.findall(rf"upstream=(\S+) key={re.escape(key)}$", log, re.MULTILINE))


def test_through_the_proxy_load_paint_switch_download(session: Session, proxy: Replicas, tmp_path: Path) -> None:
    page = session.page
    session.goto("")
    session.wait_chart_painted()
    session.wait_idle()
    assert page.get_by_role("heading", name="PLA pressure around Taiwan at a glance").is_visible()

    page.locator('[data-testid="stSidebarNav"] [data-testid="stSidebarNavLink"]', has_text="Air & sea activity").click()
    page.wait_for_url(re.compile(r"/activity(\?|$)"), timeout=TIMEOUT_MS)
    page.get_by_role("heading", name="Air & sea activity around Taiwan").wait_for(timeout=TIMEOUT_MS)
    session.wait_idle()
    session.wait_chart_painted()

    page.locator('[data-testid="stSidebarNav"] [data-testid="stSidebarNavLink"]', has_text="Data & sources").click()
    page.wait_for_url(re.compile(r"/sources(\?|$)"), timeout=TIMEOUT_MS)
    session.wait_idle()
    page.get_by_role("tab", name="Data dictionary").click()
    button = page.get_by_role("button", name="Download air_sea_daily.csv")
    button.wait_for(state="visible", timeout=TIMEOUT_MS)
    session.wait_idle()
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        button.click()  # the file lives in the replica that holds this session: affinity makes it reachable
    assert info.value.failure() is None, info.value.failure()
    target = tmp_path / "air_sea_daily.csv"
    info.value.save_as(target)
    text = target.read_bytes().decode("utf-8-sig")
    assert text.startswith("date,aircraft,vessels") and text.count("\n") > 1000
    session.assert_clean()

    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert "csi_replica" in cookies, "nginx sets the affinity cookie on the first response"
    reached = upstreams_of(proxy, cookies["csi_replica"])
    assert len(reached) == 1 and reached <= {f"127.0.0.1:{s.port}" for s in proxy.servers}, reached


def test_sessions_spread_over_the_replicas(chromium, proxy: Replicas) -> None:
    """Fresh browsers get fresh keys, and the hash sends them to both replicas (not all to one, as ip_hash would
    from one address)."""
    reached: set[str] = set()
    for _ in range(12):  # a fair coin per browser: all 12 on one replica has odds of 1 in 2048
        context = chromium.new_context()
        page = context.new_page()
        page.goto(proxy.url, wait_until="domcontentloaded", timeout=TIMEOUT_MS)
        key = {c["name"]: c["value"] for c in context.cookies()}["csi_replica"]
        context.close()
        reached |= upstreams_of(proxy, key)
        if len(reached) == 2:
            break
    assert reached == {f"127.0.0.1:{s.port}" for s in proxy.servers}
