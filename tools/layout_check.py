"""Lay figures out in a real browser and report text that is cut off or overlaps other text.

    python -m tools.layout_check [--lang en ja zh-TW] [--size a4 slide presenter screen-1280 ...] [--chart ID ...]

Each catalog chart is laid out as it is exported or presented (charts.export.for_export), or as a normal
screen shows it (--size screen-1280, screen-1920: the main column's width there), and drawn by
plotly.js in headless Chromium, with the fonts a reader's machine has. Every title, subtitle, legend key,
annotation (source line, event labels, notes), axis title and tick label is measured; a problem is text
that runs past the figure's edge, or two texts of different parts (legend over title, y title over its
numbers, a label over the source line) that overlap. Prints one line per problem; exit 1 if any.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

# Each text element's part: texts of one part may touch (tick labels, rows of one legend); parts may not.
MEASURE_JS = """(fig) => {
  const div = document.createElement('div');
  document.body.innerHTML = '';
  document.body.appendChild(div);
  return Plotly.newPlot(div, fig.data, fig.layout, {staticPlot: true}).then(() => {
    const svg = div.querySelector('.main-svg').getBoundingClientRect();
    const parts = {
      '.gtitle': 'title', '.g-gtitle .gtitle-subtitle, .gtitle-subtitle': 'subtitle',
      '.legend .legendtext': 'legend', '.annotation-text': 'annotation',
      '.g-xtitle text, .g-x2title text': 'xtitle', '.g-ytitle text, .g-y2title text': 'ytitle',
      '.xtick text, .x2tick text': 'xticks', '.ytick text, .y2tick text': 'yticks',
      '.textpoint text': 'datatext',
    };
    const out = [];
    for (const [selector, part] of Object.entries(parts)) {
      for (const el of div.querySelectorAll(selector)) {
        const r = el.getBoundingClientRect();
        const hidden = getComputedStyle(el).visibility === 'hidden' || el.closest('[style*="display: none"]');
        if (!r.width || !r.height || hidden) continue;
        const note = el.closest('.annotation');
        out.push({part, text: (el.textContent || '').slice(0, 60), id: note ? note.getAttribute('data-index') : null,
                  left: r.left - svg.left, right: r.right - svg.left, top: r.top - svg.top,
                  bottom: r.bottom - svg.top});
      }
    }
    return {width: svg.width, height: svg.height, texts: out};
  });
}"""

# Parts whose texts may not overlap one another (pairs of different parts always are checked).
SELF_CHECKED = {"annotation", "legend", "datatext", "yticks"}  # rows of labels (ticks of an x axis may touch)
TOLERANCE = 1.5  # px


@dataclass(frozen=True)
class Box:
    part: str
    text: str
    left: float
    right: float
    top: float
    bottom: float
    id: str | None = None

    def overlaps(self, other: Box) -> bool:
        return (
            min(self.right, other.right) - max(self.left, other.left) > TOLERANCE
            and min(self.bottom, other.bottom) - max(self.top, other.top) > TOLERANCE
        )


def problems_in(measured: dict) -> list[str]:
    """What is cut or overlapping in one measured figure."""
    boxes = [Box(**text) for text in measured["texts"]]
    width, height = measured["width"], measured["height"]
    found = []
    for box in boxes:
        if (
            box.left < -TOLERANCE
            or box.top < -TOLERANCE
            or box.right > width + TOLERANCE
            or box.bottom > height + TOLERANCE
        ):
            found.append(f"cut: {box.part} '{box.text}' ({box.left:.0f}..{box.right:.0f} of {width:.0f} px wide)")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            same = a.part == b.part
            if same and (a.part not in SELF_CHECKED or (a.id is not None and a.id == b.id)):
                continue
            if {a.part, b.part} == {"xticks", "yticks"}:
                continue  # the axes' first ticks meet at the origin corner
            if a.overlaps(b):
                found.append(f"overlap: {a.part} '{a.text}' and {b.part} '{b.text}'")
    return found


def check(figures: Iterable[tuple[str, go.Figure]]) -> list[str]:
    """Problems of every (name, figure), laid out by plotly.js in headless Chromium."""
    from playwright.sync_api import sync_playwright

    from tools.server import launch_chromium

    found: list[str] = []
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            page = browser.new_page()
            page.set_content(f"<html><head><script>{get_plotlyjs()}</script></head><body></body></html>")
            for name, fig in figures:
                measured = page.evaluate(MEASURE_JS, json.loads(fig.to_json()))
                found += [f"{name}: {problem}" for problem in problems_in(measured)]
        finally:
            browser.close()
    return found


# The main column's width in px with the sidebar open, measured in Chromium on the Activity page: at a
# 1280 and a 1920 px wide screen (ui.screen lays charts out for the first).
SCREENS = {"screen-1280": 820, "screen-1920": 1460}


def catalog_figures(languages: list[str], sizes: list[str], charts: list[str] | None = None):
    """Every catalog chart (or those named) as exported or presented, in each language and size."""
    import i18n
    import settings
    from catalog import CATALOG, render
    from charts import export
    from deck.tables import FolderTables
    from ui import presenter, screen

    tables = FolderTables(settings.SNAPSHOT_DIR)
    named = dict(export.SIZES)
    before = i18n.current()
    try:
        for language in languages:
            i18n.use(language)
            for chart in charts or list(CATALOG):
                if not all(tables.has_table(name) for name in CATALOG[chart].needs):
                    continue
                try:
                    rendered = render(tables, chart, events=True)
                except LookupError:  # nothing to show with the default settings
                    continue
                drawn = rendered.fig
                for size in sizes:
                    if size in SCREENS or size == "presenter":  # as the app draws it (ui.screen), measured at a width
                        presenting = size == "presenter"
                        shown = screen.laid_out(drawn, presenting=presenting, strip=rendered.strip)
                        width = presenter.size_for(drawn).width if presenting else SCREENS[size]
                        shown.update_layout(width=shown.layout.width or width)  # a page keeps its own
                        yield f"{chart} {size} {language}", shown
                        continue
                    yield f"{chart} {size} {language}", export.for_export(drawn, named[size])
    finally:
        i18n.use(before)  # the language is process-wide: what runs next (a test) finds it as it was


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.layout_check", description=__doc__)
    parser.add_argument("--lang", nargs="+", default=["en", "ja", "zh-TW"])
    parser.add_argument("--size", nargs="+", default=["a4", "a4_landscape", "slide", "presenter", *SCREENS])
    parser.add_argument("--chart", nargs="+", default=None)
    args = parser.parse_args(argv)
    from catalog import CATALOG

    unknown = [chart for chart in args.chart or [] if chart not in CATALOG]
    if unknown:
        parser.error(f"unknown chart(s) {', '.join(unknown)}; the catalog has: {', '.join(CATALOG)}")
    found = check(catalog_figures(args.lang, args.size, args.chart))
    print("\n".join(found) if found else "no text cut or overlapping")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
