"""Cold start and warm page load of the dashboard vs a bare one-chart Streamlit app, in headless Chromium.

Cold start = from spawning `streamlit run` to the first plotly chart (`.js-plotly-plot .main-svg`) being visible
in a fresh browser page: spawn -> poll /_stcore/health -> page.goto -> wait_for_selector.
Warm load  = a second fresh page (new browser context, empty cache) against the same, already-running server:
page.goto -> wait_for_selector.
Runs are interleaved (bare, app, bare, app, ...) so drift in machine load hits both alike; one Chromium process
serves the whole run (browser start-up is not part of either figure). Non-local hosts are unresolvable in the
browser (--host-resolver-rules), so nothing leaves the machine and a stray external request cannot stall a run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools.server import launch_chromium, streamlit_server

PROJECT = Path(__file__).resolve().parent.parent
APP = PROJECT / "app.py"
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
OUT_DIR = Path(__file__).resolve().parent / "out"
CHART = ".js-plotly-plot .main-svg"
TIMEOUT_MS = 90_000
TARGET = 1.5  # app / bare, medians

BARE_APP = """import streamlit as st
import plotly.express as px

st.plotly_chart(px.line(x=[1, 2, 3], y=[1, 3, 2]))
"""

BLOCK_EXTERNAL = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"


@dataclass
class Sample:
    app: str          # "bare" | "app"
    run: int
    healthy_s: float  # spawn -> /_stcore/health "ok"
    cold_s: float     # spawn -> chart visible in a fresh page
    warm_s: float     # second fresh page on the running server: goto -> chart visible


def _page_to_chart(browser, url: str) -> float:
    """Seconds from goto to the chart selector in a new, empty browser context."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        t0 = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_selector(CHART, state="visible", timeout=TIMEOUT_MS)
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


def machine(chromium_version: str) -> dict[str, str]:
    mem_gib = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gib = f"{int(line.split()[1]) / 1024 ** 2:.1f} GiB"
    except OSError:
        pass
    try:
        nproc = len(os.sched_getaffinity(0))
    except AttributeError:
        nproc = os.cpu_count() or 0
    import streamlit

    return {
        "nproc": str(nproc),
        "memory": mem_gib,
        "python": platform.python_version(),
        "chromium": chromium_version,
        "streamlit": streamlit.__version__,
        "os": platform.platform(terse=True),
    }


def _stats(samples: list[Sample], attr: str) -> tuple[float, float]:
    values = [getattr(s, attr) for s in samples]
    return statistics.median(values), min(values)


HEADER = """# Benchmark results

Appended by `python -m bench` (`make bench`); one dated line per run, newest last.

**Method** (`bench/cold_start.py`): two apps are measured side by side in one run, interleaved
(bare, app, bare, app, ...), N runs each:

- *bare*: a one-line Streamlit app with one tiny plotly chart
  (`st.plotly_chart(px.line(x=[1, 2, 3], y=[1, 3, 2]))`), written to a temp dir with this project's
  `.streamlit/config.toml`;
- *app*: this dashboard (`app.py`, default page = Overview with its hero chart).

*Cold start* = from spawning `python -m streamlit run … --server.address 127.0.0.1 --server.headless true` to
`.js-plotly-plot .main-svg` being visible in a fresh headless-Chromium page (poll `/_stcore/health`, then
`page.goto`, then `wait_for_selector`). *Warm load* = a second fresh page (new context, empty cache) against the
same running server, `goto` to the same selector. One Chromium process serves the whole run (its start-up is not
counted); non-local hosts are unresolvable in the browser. Figures are medians (min in brackets), in seconds;
ratios are app median / bare median, target ≤ {target}×.

Machine when this file was created: {machine}.

| date (UTC) | runs | cold bare | cold app | cold ratio | warm bare | warm app | warm ratio | machine |
|---|---|---|---|---|---|---|---|---|
"""


def append_result(line: str, mach: dict[str, str]) -> None:
    if not RESULTS.exists():
        desc = ", ".join(f"{k} {v}" for k, v in mach.items())
        RESULTS.write_text(HEADER.format(target=TARGET, machine=desc), encoding="utf-8")
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def main(runs: int = 5, record: bool = True) -> bool:
    """Measure, print a table, append to RESULTS.md. Returns True when both ratios are within target."""
    samples: list[Sample] = []
    with tempfile.TemporaryDirectory(prefix="bench-bare-") as tmp:
        bare = Path(tmp) / "bare_app.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        if (PROJECT / ".streamlit" / "config.toml").is_file():
            (Path(tmp) / ".streamlit").mkdir()
            shutil.copy(PROJECT / ".streamlit" / "config.toml", Path(tmp) / ".streamlit" / "config.toml")
        with sync_playwright() as pw:
            browser = launch_chromium(pw, args=[BLOCK_EXTERNAL])
            chromium_version = browser.version
            try:
                # One unrecorded warm-up of each, so the first recorded run does not pay for cold disk caches.
                print("warm-up (not recorded) ...", flush=True)
                for name, script in (("bare", bare), ("app", APP)):
                    measure(browser, name, script, 0)
                for run in range(1, runs + 1):
                    for name, script in (("bare", bare), ("app", APP)):
                        s = measure(browser, name, script, run)
                        samples.append(s)
                        print(f"  run {run}/{runs} {name:<4}  healthy {s.healthy_s:5.2f} s  cold {s.cold_s:5.2f} s"
                              f"  warm {s.warm_s:5.2f} s", flush=True)
            finally:
                browser.close()

    by = {name: [s for s in samples if s.app == name] for name in ("bare", "app")}
    cold = {n: _stats(v, "cold_s") for n, v in by.items()}
    warm = {n: _stats(v, "warm_s") for n, v in by.items()}
    healthy = {n: _stats(v, "healthy_s") for n, v in by.items()}
    cold_ratio = cold["app"][0] / cold["bare"][0]
    warm_ratio = warm["app"][0] / warm["bare"][0]
    mach = machine(chromium_version)

    def verdict(r: float) -> str:
        return "ok" if r <= TARGET else f"ABOVE TARGET {TARGET}x"

    print()
    print(f"Cold start and warm load to first plotly chart, seconds, {runs} interleaved runs each")
    print(f"{'':<26}{'bare median':>12}{'bare min':>10}{'app median':>12}{'app min':>10}{'ratio':>8}")
    for label, st in (("server healthy", healthy), ("cold start (to chart)", cold), ("warm page load", warm)):
        ratio = st["app"][0] / st["bare"][0]
        print(f"{label:<26}{st['bare'][0]:>12.2f}{st['bare'][1]:>10.2f}{st['app'][0]:>12.2f}{st['app'][1]:>10.2f}"
              f"{ratio:>7.2f}x")
    print(f"cold ratio {cold_ratio:.2f}x ({verdict(cold_ratio)}), warm ratio {warm_ratio:.2f}x ({verdict(warm_ratio)})")
    print("machine: " + ", ".join(f"{k} {v}" for k, v in mach.items()))

    now = dt.datetime.now(dt.timezone.utc)
    if record:
        fmt = lambda m: f"{m[0]:.2f} ({m[1]:.2f})"  # noqa: E731
        line = (f"| {now:%Y-%m-%d %H:%M} | {runs} | {fmt(cold['bare'])} | {fmt(cold['app'])} | {cold_ratio:.2f}× | "
                f"{fmt(warm['bare'])} | {fmt(warm['app'])} | {warm_ratio:.2f}× | "
                f"{mach['nproc']} CPU, {mach['memory']}, py {mach['python']}, chromium {mach['chromium']} |")
        append_result(line, mach)
        OUT_DIR.mkdir(exist_ok=True)
        raw = OUT_DIR / f"cold_start-{now:%Y%m%dT%H%M%SZ}.json"
        raw.write_text(json.dumps({"machine": mach, "runs": runs, "samples": [asdict(s) for s in samples]}, indent=1))
        print(f"appended to {RESULTS.relative_to(PROJECT)}; raw samples in {raw.relative_to(PROJECT)}")
    return cold_ratio <= TARGET and warm_ratio <= TARGET


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
