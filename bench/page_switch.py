"""Page switch to painted chart, for every page of the app, against the same action in a bare app.

Action measured (both apps): click a link in the sidebar navigation (st.navigation), then wait until
(1) a script run has started and finished (`data-test-script-state` went to "running", then back to
"notRunning": the new page's element tree is final) and (2) a chart is painted (a plotly trace with a
drawn path, the map's deck.gl canvas, or a table's canvas on a page that opens on a table). Time runs from just before the click.

Baselines, from one bare multipage app (two pages with one tiny plotly chart each) with this app's theme,
client and server settings, run as Streamlit ships it (bench.common.bare_config):
* bare page switch: the same nav-link click between its two pages — the denominator of the target;
* bare button rerun: a button that reruns page A and redraws its chart — reported for reference;
* tuned bare page switch: the same bare app with the app's tuning settings too (bench.common.TUNING_SECTIONS:
  no gc.collect() after every run, large elements kept in the browser for 32 runs; .streamlit/config.toml
  says why) — reported beside each page as "× tuned bare": what the app costs beyond a bare app that takes
  the same settings.

The three apps run side by side on their own servers and are measured round by round in turn (a bare round,
a tuned bare round, a round of our app's pages, then again): this machine is shared, and a slow spell then
weighs on both sides of a ratio. Our app is visited in navigation order, so each page is entered from the one
before it (the Overview from Data & sources). One unrecorded warm-up round fills the server's caches first, as
the second visitor of a running server finds them; the first-visit times are printed but not recorded.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from bench.common import (
    ALL_PAINTED_JS,
    APP,
    BLOCK_EXTERNAL,
    EXCEPTION,
    IDLE,
    PAINTED_JS,
    Figure,
    median,
    write_bare_apps,
)
from tools.server import launch_chromium, streamlit_server

TIMEOUT_MS = 90_000
RETRY_AFTER_MS = 10_000  # no page switch here takes more than ~3 s, a first visit included
TARGET = 1.3
PAGES = ["activity", "events", "map", "japan", "trade", "briefing", "sources", "overview"]  # nav order, from overview

# Marks the next script run: set before a click, true once the app reported "running" after it.
WATCH_RUN_JS = """() => {
  window.__sawRun = false;
  window.__clickAt = performance.now();
  if (!window.__runWatcher) {
    const app = document.querySelector('[data-testid="stApp"]');
    // A short run can go running -> notRunning before the callback runs: look at the records' old values too.
    window.__runWatcher = new MutationObserver((records) => {
      if (app.getAttribute('data-test-script-state') === 'running'
          || records.some(r => r.oldValue === 'running')) window.__sawRun = true;
    });
    window.__runWatcher.observe(app, {attributes: true, attributeOldValue: true,
                                      attributeFilter: ['data-test-script-state']});
  }
}"""
DONE_JS = f"""() => {{
  const app = document.querySelector('[data-testid="stApp"]');
  return window.__sawRun && app.getAttribute('data-test-script-state') === 'notRunning' && ({PAINTED_JS})();
}}"""


# Resolves once the page's main thread has been free for SETTLE_MS (no animation frame later than 50 ms), with the
# time that quiet stretch began. Painting can finish while the browser is still busy (the map's land polygons
# are tessellated after its canvas appears); until then a click waits, as the next page switch would show.
SETTLE_MS = 300
SETTLED_JS = f"""async () => {{
  let last = performance.now(), quietStart = last;
  while (true) {{
    const now = await new Promise(r => requestAnimationFrame(r));
    if (now - last > 50) quietStart = now;
    last = now;
    if (now - quietStart >= {SETTLE_MS}) return (quietStart - window.__clickAt) / 1000;
  }}
}}"""


def _open(browser, url: str):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(IDLE, state="attached")
    page.wait_for_function(PAINTED_JS)
    return context, page


def _switch(page, click, back=None) -> tuple[float, float, float]:
    """Seconds from the click to (run finished + a chart painted, every plotly chart painted, browser settled).

    About once in a hundred clicks the page never shows "running": the run was over before the browser drew
    it (its start and end were rendered together, often after a page with a large table). The new page is
    there, but the run cannot be timed. The switch is then done again: `back()` returns to the page before
    (untimed), the same click is timed, and stderr says so. Without `back` the click itself is repeated."""
    for attempt in (1, 2):
        page.evaluate(WATCH_RUN_JS)
        started = time.perf_counter()
        click()
        try:
            page.wait_for_function(DONE_JS, polling="raf", timeout=RETRY_AFTER_MS if attempt == 1 else TIMEOUT_MS)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            print(
                f"  no run seen {RETRY_AFTER_MS / 1000:.0f} s after a click ({page.url}): "
                + ("switching again from the page before" if back else "clicking again"),
                file=sys.stderr,
            )
            if back:
                _switch(page, back)
    first = time.perf_counter() - started
    page.wait_for_function(ALL_PAINTED_JS, polling="raf")
    every = time.perf_counter() - started
    settled = max(every, page.evaluate(SETTLED_JS))
    if page.locator(EXCEPTION).count():
        raise RuntimeError(f"exception box on {page.url}: {page.locator(EXCEPTION).first.inner_text()[:300]}")
    return first, every, settled


def _path(name: str) -> str:
    """The page's URL path: the Overview is the default page, at /."""
    return "" if name == "overview" else name


def _nav_click(page, path: str):
    def click() -> None:
        links = page.locator('[data-testid="stSidebarNav"] a[data-testid="stSidebarNavLink"]')
        for i in range(links.count()):
            if urlsplit(links.nth(i).get_attribute("href") or "").path.strip("/") == path:
                links.nth(i).click()
                return
        raise RuntimeError(f"no sidebar link to /{path}")

    return click


Times = dict[str, list[float]]  # seconds per page (our app) or per kind of action (the bare apps)


def _bare_round(page, times: Times) -> None:
    """One round of the bare app: to page B and back (both timed), then its button rerun."""
    for target, before in (("b", ""), ("", "b")):  # the default page (A) links to /
        first, _, quiet = _switch(page, _nav_click(page, target), back=_nav_click(page, before))
        times["nav"].append(first)
        times["settled"].append(quiet)
    times["button"].append(_switch(page, lambda: page.get_by_role("button", name="Rerun").click())[0])


def _app_round(page, first: Times, every: Times, settled: Times) -> None:
    """One round of our app's pages in navigation order: each page's seconds to painted, all charts, settled."""
    for before, name in zip(PAGES[-1:] + PAGES[:-1], PAGES):
        a, b, c = _switch(page, _nav_click(page, _path(name)), back=_nav_click(page, _path(before)))
        first[name].append(a)
        every[name].append(b)
        settled[name].append(c)


def measure(
    browser, bare_script: Path, tuned_script: Path, runs: int
) -> tuple[Times, Times, Times, Times, Times, dict[str, float]]:
    """The bare app, the tuned bare app and this app, each on its own server, measured round by round in turn
    (bare, tuned, app, then again), so a slow spell of this shared machine weighs on numerator and denominator
    alike instead of on whichever ran during it. Returns (bare, tuned, first, every, settled, cold)."""
    bare: Times = {"nav": [], "button": [], "settled": []}
    tuned: Times = {"nav": [], "button": [], "settled": []}
    first: Times = {p: [] for p in PAGES}
    every: Times = {p: [] for p in PAGES}
    settled: Times = {p: [] for p in PAGES}
    cold: dict[str, float] = {}
    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(streamlit_server(script, timeout=TIMEOUT_MS / 1000))
            for script in (bare_script, tuned_script, APP)
        ]
        pages = []
        for server in servers:
            context, page = _open(browser, server.url)
            stack.callback(context.close)
            pages.append(page)
        bare_page, tuned_page, app_page = pages
        try:
            for page in (bare_page, tuned_page):  # warm-up, not recorded
                for _ in range(2):
                    _switch(page, _nav_click(page, "b"))
                    _switch(page, _nav_click(page, ""))
            for name in PAGES:  # warm-up round: first visit of each page on this server
                cold[name] = _switch(app_page, _nav_click(app_page, _path(name)))[0]
            for _ in range(runs):
                _bare_round(bare_page, bare)
                _bare_round(tuned_page, tuned)
                _app_round(app_page, first, every, settled)
        except Exception as exc:
            raise RuntimeError(f"{exc}\n--- server log tail ---\n{servers[2].log_tail()}") from exc
    return bare, tuned, first, every, settled, cold


def run(runs: int = 5) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="bench-switch-") as tmp, sync_playwright() as pw:
        scripts = write_bare_apps(Path(tmp))
        browser = launch_chromium(pw, args=[BLOCK_EXTERNAL])
        try:
            print("page switch: bare app, tuned bare app and this app, round by round ...", flush=True)
            tuned_script = write_bare_apps(Path(tmp) / "tuned", tuned=True)["nav"]
            bare, tuned, first, every, settled, cold = measure(browser, scripts["nav"], tuned_script, runs)
        finally:
            browser.close()

    bare_nav, bare_button, bare_settled = median(bare["nav"]), median(bare["button"]), median(bare["settled"])
    tuned_nav = median(tuned["nav"])
    print()
    print(
        f"Page switch to painted chart + idle, seconds (median of {runs}; bare page switch {bare_nav:.3f} s, "
        f"settled {bare_settled:.3f} s; bare button rerun {bare_button:.3f} s; tuned bare page switch "
        f"{tuned_nav:.3f} s)"
    )
    print(
        f"{'page':<10}{'first visit':>12}{'median':>9}{'min':>8}{'all charts':>12}{'settled':>9}{'ratio':>8}"
        f"{'vs button':>11}{'settled ratio':>15}{'vs tuned':>10}"
    )
    figures = [
        Figure(
            "switch",
            "bare page switch",
            bare_nav,
            "s",
            detail=f"min {min(bare['nav']):.3f} s, settled {bare_settled:.3f} s",
        ),
        Figure("switch", "bare button rerun", bare_button, "s", detail=f"min {min(bare['button']):.3f} s"),
        Figure(
            "switch",
            "tuned bare page switch",
            tuned_nav,
            "s",
            detail=f"min {min(tuned['nav']):.3f} s; the bare app with the app's tuning settings",
        ),
    ]
    for name in PAGES:
        m, a, q = median(first[name]), median(every[name]), median(settled[name])
        print(
            f"{name:<10}{cold[name]:>12.3f}{m:>9.3f}{min(first[name]):>8.3f}{a:>12.3f}{q:>9.3f}{m / bare_nav:>7.2f}x"
            f"{m / bare_button:>10.2f}x{q / bare_settled:>14.2f}x{m / tuned_nav:>9.2f}x"
        )
        figures.append(
            Figure(
                "switch",
                f"switch to {name}",
                m / bare_nav,
                "x",
                TARGET,
                seconds=m,
                settled=q,
                tuned=m / tuned_nav,
                detail=f"all charts {a:.2f} s, browser settled {q:.2f} s ({q / bare_settled:.1f}× bare), "
                f"first visit {cold[name]:.2f} s",
            )
        )
    return figures
