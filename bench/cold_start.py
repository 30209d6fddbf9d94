"""Cold start and warm page load of the dashboard vs a bare one-chart Streamlit app, in headless Chromium.

Cold start = from spawning `streamlit run` to the first plotly chart of the page drawn (a trace of it with a
drawn path, in the main area) in a fresh browser page: spawn -> poll /_stcore/health -> page.goto -> drawn.
Warm load  = a second fresh page (new browser context, empty cache) against the same, already-running server:
page.goto -> drawn. (An axes frame or the app's hidden chart that loads plotly.js early, ui/preload.py, is not
a drawn chart.)
Runs are interleaved (bare, app, bare, app, ...) so drift in machine load hits both alike; one Chromium process
serves the whole run (browser start-up is not part of either figure). Non-local hosts are unresolvable in the
browser (--host-resolver-rules), so nothing leaves the machine and a stray external request cannot stall a run.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.common import APP, BLOCK_EXTERNAL, Figure, write_bare_apps
from tools.server import launch_chromium, streamlit_server

DRAWN_JS = """() => Array.from(document.querySelectorAll(
  '[data-testid="stMain"] .js-plotly-plot .main-svg .scatterlayer .trace path,'
  + ' [data-testid="stMain"] .js-plotly-plot .main-svg .barlayer .trace path'))
  .some(p => (p.getAttribute('d') || '').replace(/[MZ0,.\\s]/g, '').length > 0)"""
TIMEOUT_MS = 90_000
TARGET = 1.3  # cold start, app / bare, medians (issue 14)
WARM_TARGET = 1.5  # warm page load (issue 2; issue 14 sets none)


@dataclass
class Sample:
    app: str  # "bare" | "app"
    run: int
    healthy_s: float  # spawn -> /_stcore/health "ok"
    cold_s: float  # spawn -> chart visible in a fresh page
    warm_s: float  # second fresh page on the running server: goto -> chart visible


def _page_to_chart(browser, url: str) -> float:
    """Seconds from goto to the page's first chart drawn, in a new, empty browser context."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        t0 = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function(DRAWN_JS, polling="raf", timeout=TIMEOUT_MS)
        return time.perf_counter() - t0
    finally:
        context.close()


def measure(browser, name: str, script: Path, run: int) -> Sample:
    with streamlit_server(script, timeout=TIMEOUT_MS / 1000) as server:
        healthy = time.perf_counter() - server.started_at
        try:
            goto_to_chart = _page_to_chart(browser, server.url)
            cold = healthy + goto_to_chart
            warm = _page_to_chart(browser, server.url)
        except Exception as exc:
            raise RuntimeError(f"{name} run {run}: {exc}\n--- server log tail ---\n{server.log_tail()}") from exc
    return Sample(app=name, run=run, healthy_s=healthy, cold_s=cold, warm_s=warm)


def _stats(samples: list[Sample], attr: str) -> tuple[float, float]:
    values = [getattr(s, attr) for s in samples]
    return statistics.median(values), min(values)


def run(runs: int = 5) -> list[Figure]:
    """Measure, print a table; returns the cold-start and warm-load ratios (app median / bare median)."""
    samples: list[Sample] = []
    with tempfile.TemporaryDirectory(prefix="bench-bare-") as tmp:
        bare = write_bare_apps(Path(tmp))["single"]
        with sync_playwright() as pw:
            browser = launch_chromium(pw, args=[BLOCK_EXTERNAL])
            try:
                # One unrecorded warm-up of each, so the first recorded run does not pay for cold disk caches.
                print("cold start: warm-up (not recorded) ...", flush=True)
                for name, script in (("bare", bare), ("app", APP)):
                    measure(browser, name, script, 0)
                for run_number in range(1, runs + 1):
                    for name, script in (("bare", bare), ("app", APP)):
                        s = measure(browser, name, script, run_number)
                        samples.append(s)
                        print(
                            f"  run {run_number}/{runs} {name:<4}  healthy {s.healthy_s:5.2f} s  cold {s.cold_s:5.2f} s"
                            f"  warm {s.warm_s:5.2f} s",
                            flush=True,
                        )
            finally:
                browser.close()

    by = {name: [s for s in samples if s.app == name] for name in ("bare", "app")}
    stats = {attr: {n: _stats(v, attr) for n, v in by.items()} for attr in ("healthy_s", "cold_s", "warm_s")}
    print()
    print(f"Cold start and warm load to first plotly chart, seconds, {runs} interleaved runs each")
    print(f"{'':<26}{'bare median':>12}{'bare min':>10}{'app median':>12}{'app min':>10}{'ratio':>8}")
    for label, attr in (
        ("server healthy", "healthy_s"),
        ("cold start (to chart)", "cold_s"),
        ("warm page load", "warm_s"),
    ):
        st = stats[attr]
        print(
            f"{label:<26}{st['bare'][0]:>12.2f}{st['bare'][1]:>10.2f}{st['app'][0]:>12.2f}{st['app'][1]:>10.2f}"
            f"{st['app'][0] / st['bare'][0]:>7.2f}x"
        )
    figures = []
    for label, attr, target in (
        ("cold start to first chart", "cold_s", TARGET),
        ("warm page load to first chart", "warm_s", WARM_TARGET),
    ):
        (bare_median, bare_min), (app_median, app_min) = stats[attr]["bare"], stats[attr]["app"]
        figures.append(
            Figure(
                "cold",
                label,
                app_median / bare_median,
                "x",
                target,
                seconds=app_median,
                detail=f"app min {app_min:.2f} s; bare {bare_median:.2f} s (min {bare_min:.2f})",
            )
        )
    return figures


if __name__ == "__main__":
    for figure in run():
        print(figure)
    sys.exit(0)
