"""Screenshot pages of a running app in headless Chromium, to look at what users see.

Usage: python tools/screenshot.py URL OUT_DIR [page-path ...]   (e.g. "" activity sources)
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

if __package__ in (None, ""):  # run as a script: make `tools` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.server import launch_chromium  # noqa: E402


def main(base: str, out: Path, pages: list[str], width: int = 1600, height: int = 1000) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_page(viewport={"width": width, "height": height})
        for path in pages or [""]:
            page.goto(f"{base.rstrip('/')}/{path}")
            page.wait_for_selector(".js-plotly-plot .main-svg, [data-testid='stDataFrame']", timeout=60_000)
            page.wait_for_timeout(2500)
            page.screenshot(path=str(out / f"{path or 'overview'}.png"), full_page=True)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), sys.argv[3:])
