"""Presenter mode: hide the chrome and enlarge everything, for a chart read from the back of a room."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import streamlit as st

from charts.export import PT_PER_PX, Size, px_to_cm
from charts.theme import BODY_SIZE
from i18n import t
from ui import controls

SCALE = 1.4  # type and line scale for charts; tested legible at 1280x720 and 1920x1080
CHART_HEIGHT = 470  # px: a whole chart, source line included, at 1280x720 under a title and two rows of controls
CHART_WIDTH = 1160  # px: the main column at 1280x720 (wider screens only give the chart more room)
# px each side of the main column, so that it is CHART_WIDTH wide on a 1280 px screen. Streamlit's own 110 px
# left a 1060 px column, and a source line wrapped for 1160 px was cut at its right edge.
SIDE_PADDING = (1280 - CHART_WIDTH) // 2
# Charts are laid out for the size they are drawn at, as exports are (charts.export.for_export): titles,
# legends and the source line wrapped to the width, the margins grown to hold them.
SIZE = Size(
    "presenter",
    width_cm=px_to_cm(CHART_WIDTH),
    height_cm=px_to_cm(CHART_HEIGHT),
    body_pt=BODY_SIZE * SCALE * PT_PER_PX,
    small_pt=BODY_SIZE * PT_PER_PX,
    print_=False,
)


MANY_ROWS = 12  # category rows beyond which a chart keeps its own height when presenting
TALL = 600  # px: a chart drawn taller than this (rows of labels) keeps its own height when presenting


def size_for(fig) -> Size:
    """The presenter size for a figure: a chart of many rows (exercises compared) keeps its own, taller
    height, so every row stays legible; the page then scrolls below it. Legibility wins over the first
    screen there. (The catalog timeline packs its events into lanes and fits.)"""
    rows = len(fig.layout.yaxis.categoryarray or [])
    tall = (fig.layout.height or 0) > TALL  # one row per exercise (compared), per event (timeline)
    # stacked panels (trade over PLA pressure, aircraft by type over shares): squeezed to SIZE's height, each
    # panel was left a few dozen pixels
    panels = len([key for key in fig.layout if key.startswith("yaxis") and fig.layout[key].domain is not None]) > 1
    stacked = panels and (fig.layout.height or 0) > CHART_HEIGHT
    if not (rows > MANY_ROWS or tall or stacked) or not fig.layout.height:
        return SIZE
    return replace(SIZE, height_cm=px_to_cm(fig.layout.height))


STRIP_HEIGHT = 240  # px: a strip chart beside a map (the replay), on the same 1280x720 screen
STRIP_SCALE = 1.15  # a strip's type grows less: it shares the screen and its plot area must stay readable

# Static CSS only: no data is ever put in it, only this module's own constants.
# Always: metric labels and deltas wrap instead of ending in "…" (a date at the end of a label was cut off
# at 1280 px wide); the question-mark help still holds the full explanation.
WRAP = """
[data-testid="stMetricLabel"] *, [data-testid="stMetricDelta"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
"""
LAYOUT_CSS = "<style>" + WRAP + "</style>"
CSS = (
    "<style>"
    + WRAP
    + """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stExpander"], footer { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding-top: 0.5rem !important; max-width: 100% !important;
  padding-left: """
    + str(SIDE_PADDING)
    + """px !important; padding-right: """
    + str(SIDE_PADDING)
    + """px !important; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.5rem; }
[data-testid="stElementContainer"]:has(> [data-testid="stMarkdown"] style),
[data-testid="stElementContainer"]:has([data-testid="stHtml"]) { display: none !important; }
[data-testid="stTabs"] [role="tabpanel"] { padding-top: 0.3rem !important; }
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
h1 { font-size: 1.5rem !important; padding: 0.2rem 0 0.3rem 0 !important; line-height: 1.2 !important; }
[data-testid="stElementContainer"]:has([data-testid="stButtonGroup"]) [data-testid="stWidgetLabel"] { display: none !important; }
[data-testid="stButtonGroup"] button { min-height: 0 !important; padding: 0.15rem 0.7rem !important; }
[data-testid="stButtonGroup"] button p, [data-testid="stTab"] p { font-size: 0.75rem !important; }
[data-testid="stTab"] { height: 2rem !important; }
[data-testid="stBaseButton-secondary"] { min-height: 0 !important; padding: 0.2rem 0.8rem !important; }
[data-testid="stAlert"] > div { padding: 0.35rem 0.8rem !important; }
[data-testid="stAlert"] p { font-size: 0.8rem !important; }
[data-testid="stMetricValue"] { font-size: 2.4rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.15rem !important; }
</style>
"""
)


def chart_first(summary: Callable[[], object], main: Callable[[], object]) -> None:
    """A page's headline figures, then its main chart; in presenter mode the chart first, so the room sees
    it whole on the first screen and the figures below it."""
    for part in (main, summary) if controls.presenting() else (summary, main):
        part()


def _leave() -> None:
    st.session_state[controls.PRESENTER_KEY] = False


def apply(last: date) -> None:
    """Page style, and in presenter mode one top row: the exit button and, when the data are old, a one-line
    warning beside it (the room still learns the age; the chart's source line says it too)."""
    st.markdown(CSS if controls.presenting() else LAYOUT_CSS, unsafe_allow_html=True)
    if not controls.presenting():
        controls.freshness_banner(last)
        return
    left, right = st.columns([1, 3], vertical_alignment="center")
    left.button(t("controls.exit_presenter"), key="exit_presenter", on_click=_leave, icon=":material/close_fullscreen:")
    with right:
        controls.freshness_banner(last, short=True)
