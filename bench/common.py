"""What the benchmarks share: the figure type they report, the bare app they compare against, the browser
checks for "chart painted" and "script idle", machine facts, and the RESULTS.md writer.

Every benchmark returns `Figure`s; `python -m bench` prints them in one table and records them.
"""

from __future__ import annotations

import os
import platform
import statistics
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
APP = PROJECT / "app.py"
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
OUT_DIR = Path(__file__).resolve().parent / "out"

# Non-local hosts are unresolvable in the benchmark browser: nothing leaves the machine, and a stray
# external request fails at once instead of stalling a run.
BLOCK_EXTERNAL = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
EXCEPTION = '[data-testid="stException"]'

# True once the page shows a drawn chart: a plotly trace with a non-empty path (line, scatter, bar), a
# plotly heatmap image, or a deck.gl canvas with a size (the map). Same idea as tests/test_browser.py.
PAINTED_JS = """() => {
  const paths = document.querySelectorAll(
    '.js-plotly-plot .main-svg path.js-line, .js-plotly-plot .main-svg .scatterlayer .trace path,'
    + ' .js-plotly-plot .main-svg .barlayer .trace path');
  if (Array.from(paths).some(p => (p.getAttribute('d') || '').replace(/[MZ0,.\\s]/g, '').length > 0)) return true;
  if (document.querySelector('.js-plotly-plot .main-svg .heatmaplayer image')) return true;
  const canvas = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas, [data-testid="stDataFrame"] canvas');
  return !!canvas && canvas.width > 0 && canvas.height > 0;  // the map, or a table (Data & sources opens on one)
}"""

# Every plotly chart on the page has drawn at least one trace (used for the "all charts" column).
ALL_PAINTED_JS = """() => {
  const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
  return plots.every(p => p.querySelector('.main-svg .trace, .main-svg .heatmaplayer image'));
}"""

BARE_PAGE = """import streamlit as st
import plotly.express as px

st.plotly_chart(px.line(x=[1, 2, 3], y=[1, 3, 2]))
"""

# Bare multipage app for the page-switch baseline: two pages of one tiny chart each, switched by the
# same sidebar navigation our app uses. Page A also has a button whose rerun redraws its chart.
BARE_NAV_APP = """import streamlit as st

st.navigation([st.Page("page_a.py", title="A", url_path="a", default=True),
               st.Page("page_b.py", title="B", url_path="b")]).run()
"""
BARE_PAGE_A = """import streamlit as st
import plotly.express as px

clicks = st.session_state.get("clicks", 0)
if st.button("Rerun", key="rerun"):
    clicks += 1
    st.session_state["clicks"] = clicks
st.plotly_chart(px.line(x=[1, 2, 3], y=[1, 3 + clicks % 2, 2]))
"""
BARE_PAGE_B = """import streamlit as st
import plotly.express as px

st.plotly_chart(px.bar(x=["a", "b", "c"], y=[3, 1, 2]))
"""


@dataclass(frozen=True)
class Figure:
    """One measured figure. `ratio` figures compare against a bare baseline measured in the same run."""

    benchmark: str  # cold | switch | concurrent | refresh | handout | replicas
    name: str
    value: float
    unit: str  # "x" for ratios, "s", "MB"
    target: float | None = None  # value must be <= target; None = reported only
    detail: str = ""
    seconds: float | None = None  # for a ratio: this app's own time behind it (shown beside the ratio)
    settled: float | None = None  # page switch: seconds until the browser was free again (shown beside)
    tuned: float | None = None  # page switch: the ratio to the bare app run with the app's tuning settings

    @property
    def ok(self) -> bool | None:
        return None if self.target is None else self.value <= self.target

    def verdict(self) -> str:
        return {None: "", True: "ok", False: "MISSED"}[self.ok]

    def shown(self) -> str:
        if not self.unit:
            return f"{self.value:.0f}"
        text = f"{self.value:.2f}{'×' if self.unit == 'x' else ' ' + self.unit}"
        if self.seconds is not None:
            text += (
                f" ({self.seconds:.2f} s"
                + (f"; settled {self.settled:.2f} s" if self.settled is not None else "")
                + (f"; {self.tuned:.2f}× tuned bare" if self.tuned is not None else "")
                + ")"
            )
        return text


TUNING_SECTIONS = ("[runner]", "[global]")  # the app's own speed settings (.streamlit/config.toml says why)


def bare_config(*, tuned: bool = False) -> str:
    """This project's .streamlit/config.toml for a bare app: theme, client and server settings, so both draw
    alike; without the app's tuning sections (TUNING_SECTIONS: no gc.collect() after every run, large elements
    kept in the browser for 32 runs) unless `tuned`, so the bare app runs as Streamlit ships it. Those gains
    are the app's; the reference run with them shows what is left."""
    config = PROJECT / ".streamlit" / "config.toml"
    if not config.is_file():
        return ""
    kept, skipping = [], False
    for line in config.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("["):
            skipping = line.strip() in TUNING_SECTIONS and not tuned
        if not skipping:
            kept.append(line)
    return "\n".join(kept) + "\n"


def write_bare_apps(folder: Path, *, tuned: bool = False) -> dict[str, Path]:
    """The bare apps in `folder`, with this project's config (`bare_config`); returns their scripts."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "page_a.py").write_text(BARE_PAGE_A, encoding="utf-8")
    (folder / "page_b.py").write_text(BARE_PAGE_B, encoding="utf-8")
    (folder / "bare_nav.py").write_text(BARE_NAV_APP, encoding="utf-8")
    (folder / "bare_app.py").write_text(BARE_PAGE, encoding="utf-8")
    (folder / ".streamlit").mkdir(exist_ok=True)
    (folder / ".streamlit" / "config.toml").write_text(bare_config(tuned=tuned), encoding="utf-8")
    return {"single": folder / "bare_app.py", "nav": folder / "bare_nav.py"}


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (p95 of 30 values = the 29th smallest)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))  # ceil
    return ordered[int(rank) - 1]


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB, from /proc/<pid>/status (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def machine(chromium_version: str = "") -> dict[str, str]:
    mem_gib = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gib = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
    except OSError:
        pass
    try:
        nproc = len(os.sched_getaffinity(0))
    except AttributeError:
        nproc = os.cpu_count() or 0
    import streamlit

    facts = {
        "nproc": str(nproc),
        "memory": mem_gib,
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "os": platform.platform(terse=True),
    }
    if chromium_version:
        facts["chromium"] = chromium_version
    return facts


def short_machine(facts: dict[str, str]) -> str:
    text = f"{facts['nproc']} CPU, {facts['memory']}, py {facts['python']}"
    return text + (f", chromium {facts['chromium']}" if facts.get("chromium") else "")


def append_row(section: str, row: str) -> None:
    """Insert `row` at the end of the table marked `<!-- rows:{section} -->` in RESULTS.md."""
    marker = f"<!-- rows:{section} -->"
    text = RESULTS.read_text(encoding="utf-8")
    if marker not in text:
        raise RuntimeError(f"{RESULTS} has no table marked {marker}")
    RESULTS.write_text(text.replace(marker, f"{row}\n{marker}", 1), encoding="utf-8")
