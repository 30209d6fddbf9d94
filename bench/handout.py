"""Offline HTML handout: the shipped deck as one file (`python -m deck html`), opened from file:// in headless
Chromium with every other request blocked, time from `goto` to the first slide's plot painted.

Denominator: a one-figure plotly HTML file (plotly's own `write_html`, plotly.js inline) opened the same way in
the same run, so the ratio is what the handout costs beyond plotly.js itself. Each run opens both files in
fresh contexts (alternating which goes first), after one unrecorded warm-up each; median of --runs. Also
reported: the file's size (budget 8 MB) and the first-slide time itself (target < 2 s).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import plotly.express as px
from playwright.sync_api import sync_playwright

import settings
from bench.common import BLOCK_EXTERNAL, PAINTED_JS, Figure, median
from deck import handout
from deck.model import load
from deck.tables import FolderTables
from tools.server import launch_chromium

DECK = settings.PROJECT_DIR / "data" / "decks" / "pressure-on-taiwan.yaml"
TARGET_S = 2.0
TARGET_MB = 8.0
TIMEOUT_MS = 60_000


def _paint_seconds(browser, path: Path) -> float:
    """Fresh context (empty cache), file:// only: goto -> a plotly trace painted."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(("file:", "data:", "blob:")) else route.abort(),
    )
    page = context.new_page()
    try:
        started = time.perf_counter()
        page.goto(path.as_uri(), wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function(PAINTED_JS, timeout=TIMEOUT_MS)
        return time.perf_counter() - started
    finally:
        context.close()


def run(runs: int = 5) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="bench-handout-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        deck_file = folder / "handout.html"
        deck_file.write_text(handout.deck_html(FolderTables(settings.SNAPSHOT_DIR), load(DECK), "en"), encoding="utf-8")
        build_s = time.perf_counter() - started
        bare_file = folder / "bare.html"
        px.line(x=[1, 2, 3], y=[1, 3, 2]).write_html(bare_file, include_plotlyjs=True, full_html=True)
        size_mb = deck_file.stat().st_size / 1e6
        app: list[float] = []
        bare: list[float] = []
        with sync_playwright() as pw:
            browser = launch_chromium(pw, args=[BLOCK_EXTERNAL])
            try:
                _paint_seconds(browser, bare_file), _paint_seconds(browser, deck_file)  # warm-up, not recorded
                for run_number in range(runs):
                    order = [(bare_file, bare), (deck_file, app)]
                    for path, times in order if run_number % 2 == 0 else reversed(order):
                        times.append(_paint_seconds(browser, path))
            finally:
                browser.close()
    ratio = median(app) / median(bare)
    print(
        f"handout: {size_mb:.1f} MB, built in {build_s:.1f} s; first slide painted {median(app):.2f} s "
        f"vs one-figure plotly file {median(bare):.2f} s -> {ratio:.2f}x (median of {runs})"
    )
    return [
        Figure(
            "handout",
            "first slide painted vs one-figure plotly HTML",
            ratio,
            "x",
            seconds=median(app),
            detail=f"one-figure file {median(bare):.2f} s; both from file:// in fresh contexts",
        ),
        Figure("handout", "first slide painted", median(app), "s", TARGET_S, detail=f"max {max(app):.2f} s"),
        Figure("handout", "handout file size", size_mb, "MB", TARGET_MB, detail=f"built in {build_s:.1f} s"),
    ]
