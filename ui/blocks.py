"""Layout blocks every page uses, so each chart ships with its source, its data and its downloads."""

from __future__ import annotations

import re
import threading

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts import export, tabular
from charts.events import add_events
from charts.theme import SourceNote, scaled
from deck.gallery import Rendered
from i18n import t
from ui import controls, presenter
from ui import data as snapshot

PLOT_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}

csv_bytes = tabular.csv_bytes  # one way to write a CSV, for pages too


@st.cache_resource(show_spinner=False)
def exporter() -> threading.Lock:
    """Start kaleido's browser once per server process; exports take turns on it."""
    import kaleido

    kaleido.start_sync_server(silence_warnings=True)
    return threading.Lock()


def _image(fig: go.Figure, fmt: str, size: str):
    def render() -> bytes:
        with exporter():
            return export.image_bytes(fig, fmt, size)

    return render


def inert_md(value) -> str:
    """Data text shown inside markdown: backslash-escape every markdown/HTML control character, so
    a scraped remark or title can never become a link, an image or formatting."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", str(value))


def annotate(fig: go.Figure) -> go.Figure:
    """Catalog events on a time-series chart, when the shared sidebar switch is on."""
    if controls.show_events() and snapshot.has_table("events"):
        add_events(fig, snapshot.table("events"))
    return fig


def downloads(fig: go.Figure, data: pd.DataFrame, *, key: str, note: SourceNote) -> None:
    """Figure as PNG/SVG/PDF (rendered only when clicked) and its data as CSV/XLSX."""
    with st.popover(t("controls.download"), icon=":material/download:"):
        size = st.radio(t("controls.size"), list(export.SIZES), format_func=lambda s: export.SIZES[s].label, horizontal=True,
                        key=f"size_{key}")
        columns = st.columns(5)
        for column, fmt in zip(columns, export.FORMATS):
            column.download_button(fmt.upper(), _image(fig, fmt, size), file_name=f"{key}-{size}.{fmt}",
                                   mime=export.FORMATS[fmt], key=f"{fmt}_{key}", on_click="ignore")
        columns[3].download_button("CSV", lambda: csv_bytes(data), file_name=f"{key}.csv", mime="text/csv",
                                   key=f"csv_{key}", on_click="ignore")
        columns[4].download_button(
            "XLSX", lambda: tabular.xlsx_bytes(data, source_line=note.line()), file_name=f"{key}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"xlsx_{key}",
            on_click="ignore",
        )


def chart_block(fig: go.Figure, data: pd.DataFrame, *, key: str, note: SourceNote, timeline: bool = False) -> None:
    """A chart, its downloads, and its numbers (collapsed). In presenter mode: the chart alone, large.

    `timeline=True` marks the charts whose x axis is calendar dates, which get the event overlay.
    """
    if timeline:
        annotate(fig)
    if controls.presenting():
        big = scaled(fig, presenter.SCALE)
        big.update_layout(height=presenter.CHART_HEIGHT)
        st.plotly_chart(big, theme=None, config=PLOT_CONFIG, key=f"chart_{key}")
        return
    st.plotly_chart(fig, theme=None, config=PLOT_CONFIG, key=f"chart_{key}")
    downloads(fig, data, key=key, note=note)
    with st.expander(t("controls.data_behind")):
        st.caption(note.line())
        st.dataframe(data, hide_index=True)


def show(rendered: Rendered) -> None:
    """A gallery chart with everything that goes with it."""
    chart_block(rendered.fig, rendered.data, key=rendered.key, note=rendered.note, timeline=rendered.timeline)


def table_downloads(frame: pd.DataFrame, *, key: str, note: SourceNote, label: str = "") -> None:
    """CSV and XLSX of a table, side by side."""
    left, right = st.columns(2)
    left.download_button(f"{label} CSV".strip(), lambda: csv_bytes(frame), file_name=f"{key}.csv", mime="text/csv",
                         key=f"csv_{key}", on_click="ignore")
    right.download_button(
        f"{label} XLSX".strip(), lambda: tabular.xlsx_bytes(frame, source_line=note.line()), file_name=f"{key}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"xlsx_{key}",
        on_click="ignore",
    )


def as_of_caption(note: SourceNote) -> None:
    st.caption(note.line())
