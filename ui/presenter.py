"""Presenter mode: hide the chrome and enlarge everything, for a chart read from the back of a room."""

from __future__ import annotations

import streamlit as st

from i18n import t
from ui import controls

SCALE = 1.4  # type and line scale for charts; tested legible at 1280x720 and 1920x1080
CHART_HEIGHT = 530  # px: a whole chart, source line included, on a 1280x720 screen under one row of controls
STRIP_HEIGHT = 240  # px: a strip chart beside a map (the replay), on the same 1280x720 screen
STRIP_SCALE = 1.15  # a strip's type grows less: it shares the screen and its plot area must stay readable

# Static CSS only (no data is ever interpolated here).
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
.block-container, [data-testid="stMainBlockContainer"] { padding-top: 0.5rem !important; max-width: 100% !important; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.6rem; }
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
h1 { font-size: 2.4rem !important; }
[data-testid="stMetricValue"] { font-size: 3.2rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.15rem !important; }
</style>
"""
)


def _leave() -> None:
    st.session_state[controls.PRESENTER_KEY] = False


def apply() -> None:
    st.markdown(CSS if controls.presenting() else LAYOUT_CSS, unsafe_allow_html=True)
    if not controls.presenting():
        return
    st.button(t("controls.exit_presenter"), key="exit_presenter", on_click=_leave, icon=":material/close_fullscreen:")
