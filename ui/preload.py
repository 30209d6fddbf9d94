"""The browser's chart library, loading while the server's first run is still busy.

Streamlit's browser side fetches plotly.js (4.6 MB) only when a page first shows a plotly chart, and compiling
it took ~1.7 s in a fresh browser on this machine. On a freshly started server the first run spends as long
importing pandas and reading the snapshot before its first chart is sent, so the two waits came one after the
other (cold start 1.44x a bare app, bench/RESULTS.md). A hidden empty chart, sent first, makes them overlap.

Imports only Streamlit and plotly, so that app.py can call it before importing the rest of the app.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

DONE_KEY = "_chart_library_sent"
CONTAINER_KEY = "chart_library_preload"  # Streamlit gives the container the CSS class st-key-<key>
HIDE_CSS = f"<style>.st-key-{CONTAINER_KEY} {{display: none}}</style>"


def chart_library() -> DeltaGenerator | None:
    """On a session's first run: an empty, hidden plotly chart at the top of the sidebar. Returns its slot, for
    app.py to clear before the page runs: the browser has started loading the library by then (app.py's
    imports take 0.4 s or more on a first run) and finishes it once started; later runs send nothing."""
    if st.session_state.get(DONE_KEY):
        return None
    st.session_state[DONE_KEY] = True
    slot = st.sidebar.empty()
    with slot.container(key=CONTAINER_KEY):
        st.html(HIDE_CSS)
        st.plotly_chart(go.Figure(), key=f"{CONTAINER_KEY}_chart")
    return slot
