"""Layout blocks every page uses, so each chart ships with its source, its data and a download."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts.events import add_events
from charts.theme import SourceNote
from ui import controls, data as snapshot

PLOT_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so Excel opens Chinese/Japanese text correctly; ISO dates."""
    return frame.to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8-sig")


def annotate(fig: go.Figure) -> go.Figure:
    """Catalog events on a time-series chart, when the shared sidebar switch is on."""
    if controls.show_events() and snapshot.has_table("events"):
        add_events(fig, snapshot.table("events"))
    return fig


def chart_block(fig: go.Figure, data: pd.DataFrame, *, key: str, note: SourceNote, timeline: bool = False) -> None:
    """A chart, then its numbers (collapsed) and a CSV of exactly what is plotted.

    `timeline=True` marks the charts whose x axis is calendar dates, which get the event overlay.
    """
    if timeline:
        annotate(fig)
    st.plotly_chart(fig, theme=None, config=PLOT_CONFIG, key=f"chart_{key}")
    with st.expander("Data behind this chart"):
        st.caption(note.line())
        st.dataframe(data, hide_index=True)
        st.download_button(
            "Download CSV", csv_bytes(data), file_name=f"{key}.csv", mime="text/csv", key=f"csv_{key}", on_click="ignore",
        )


def as_of_caption(note: SourceNote) -> None:
    st.caption(note.line())
