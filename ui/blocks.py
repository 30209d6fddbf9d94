"""Layout blocks every page uses, so each chart ships with its source, its data and its downloads."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import catalog
import i18n
from catalog import NothingToShow, Rendered, Settings
from charts import export, tabular
from charts.theme import SourceNote, compact
from deck.model import Slide, shown
from i18n import t
from ui import controls, screen
from ui import data as app_tables

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


View = tuple[str, bool, bool, str]  # (language, event overlay on, presenting, today)


def _view() -> View:
    """What besides the data and the settings changes how a figure looks: part of every figure's cache key
    (today's date too: a source line says how old the data are)."""
    return i18n.current(), controls.show_events(), controls.presenting(), date.today().isoformat()


# Figures are cached per chart, settings, view and snapshot: building one costs 30-100 ms of plotly validation.
# One shared object, not st.cache_data's copy per call: unpickling a figure re-validates it (9-15 ms for the
# daily chart, a quarter of the Activity page's run; bench/RESULTS.md). Shared between sessions, so nothing
# after this function changes a rendered figure or its data: st.plotly_chart, the exports (charts.export
# lays out a copy) and the HTML download only read them (tests/test_shared_figures.py checks).
@st.cache_resource(show_spinner=False, max_entries=256, hash_funcs={Settings: Settings.key})
def _rendered(chart: str, settings: Settings, events: bool, title: str, view: View, checksum: str) -> Rendered:
    rendered = catalog.render(app_tables, chart, settings, events=events, title=title)  # checksum: cache key only
    # laid out for the size it is drawn at: the room's screen, or a 1280 px screen's column
    rendered.fig = compact(screen.laid_out(rendered.fig, presenting=view[2], strip=rendered.strip, in_place=True))
    return rendered


def downloads(fig: go.Figure, data: pd.DataFrame, *, key: str, note: SourceNote) -> None:
    """Figure as PNG/SVG/PDF and its data as CSV/XLSX, in a popover whose contents are only sent
    once it is opened (and files rendered only when clicked): a page of five charts stays light."""
    with st.popover(
        t("controls.download"), icon=":material/download:", key=f"downloads_{key}", on_change="rerun"
    ) as popover:
        if not popover.open:
            return
        language = i18n.current()  # files are built later, on a thread that does not know the session's language
        size = st.radio(
            t("controls.size"),
            list(export.SIZES),
            format_func=lambda s: export.SIZES[s].label,
            horizontal=True,
            key=f"size_{key}",
        )
        row = st.container(horizontal=True)  # buttons as wide as their labels, wrapping if need be
        for fmt in export.FORMATS:
            row.download_button(
                fmt.upper(),
                _image(fig, fmt, size),
                file_name=f"{key}-{size}.{fmt}",
                mime=export.FORMATS[fmt],
                key=f"{fmt}_{key}",
                on_click="ignore",
            )
        row.download_button(
            "CSV", lambda: csv_bytes(data), file_name=f"{key}.csv", mime="text/csv", key=f"csv_{key}", on_click="ignore"
        )
        row.download_button(
            "XLSX",
            lambda: tabular.xlsx_or_error(data, source_line=note.line(), note=note, language=language),
            file_name=f"{key}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"xlsx_{key}",
            on_click="ignore",
        )
        row.download_button(
            "HTML",
            _chart_html(fig, note, i18n.current()),
            file_name=f"{key}.html",
            mime="text/html",
            key=f"html_{key}",
            on_click="ignore",
        )


def _chart_html(fig: go.Figure, note: SourceNote, language: str) -> Callable[[], bytes]:
    """The chart as an offline HTML file, built when clicked; the language is taken now, in the script run,
    because the file is built later on a server thread that does not know the session's language. deck.handout
    is imported then: it loads plotly.offline, 0.08 s of the first run of a dashboard that may never need it."""

    def build() -> bytes:
        from deck import handout

        return handout.chart_html(fig, note, language).encode("utf-8")

    return build


@contextmanager
def lazy_expander(label: str, *, key: str, expanded: bool = False) -> Iterator[bool]:
    """An expander whose contents are built and sent only while it is open: `with ... as opened:`."""
    with st.expander(label, expanded=expanded, key=key, on_change="rerun") as box:
        yield bool(box.open)


PLAIN_NUMBERS = {"year", "month", "week", "weekday", "day"}  # ordinals: 2025, never "2,025"


def date_columns(frame: pd.DataFrame, *, links: tuple[str, ...] = ()) -> dict:
    """A table's columns as people read them: headers in the current language (charts.tabular.column_labels,
    the one place names become words; the data keep their names), dates as dates (2024-05-20, not a
    timestamp at midnight), counts with thousands separators, other numbers to two places; `links` are
    columns of addresses, shown as links under the same headers."""
    labels = tabular.column_labels(frame.columns)
    config = {}
    for name in frame.columns:
        kind, label = frame[name].dtype, labels[name]
        if name in links:
            config[name] = st.column_config.LinkColumn(label)
        elif pd.api.types.is_datetime64_any_dtype(kind):
            config[name] = st.column_config.DateColumn(label, format="YYYY-MM-DD")
        elif pd.api.types.is_bool_dtype(kind):
            config[name] = st.column_config.CheckboxColumn(label)
        elif pd.api.types.is_integer_dtype(kind):
            config[name] = st.column_config.NumberColumn(label, format="%d" if name in PLAIN_NUMBERS else "localized")
        elif pd.api.types.is_float_dtype(kind):
            config[name] = st.column_config.NumberColumn(label, format="%.2f")
        else:
            config[name] = st.column_config.Column(label)
    return config


def _numbers(data: pd.DataFrame, note: SourceNote) -> None:
    st.caption(note.line())
    links = {
        name: st.column_config.LinkColumn(label)
        for name, label in (("report_url", t("chart.report_link")), ("source_url", t("chart.source_link")))
        if name in data
    }
    st.dataframe(data, hide_index=True, column_config={**date_columns(data), **links})


def _display(fig: go.Figure, data: pd.DataFrame, *, key: str, note: SourceNote) -> None:
    page = export.own_page(fig)
    if page and not controls.presenting() and (fig.layout.width or 0) > screen.COLUMN_WIDTH:
        # A printed page wider than a laptop's column (the A4 landscape comparison sheet): squeezed into it,
        # its cells' text (wrapped for the page) ran out of the cells. The screen shows its table; the page
        # itself is in the downloads.
        _numbers(data, note)
        downloads(fig, data, key=key, note=note)
        return
    # a page (a precedent card) is drawn at its own size, never stretched to a wide column
    st.plotly_chart(fig, theme=None, config=PLOT_CONFIG, key=f"chart_{key}", width="content" if page else "stretch")
    if controls.presenting():  # the chart alone, large
        return
    downloads(fig, data, key=key, note=note)
    with lazy_expander(t("controls.data_behind"), key=f"numbers_{key}") as opened:
        if opened:
            _numbers(data, note)


def show(
    chart_id: str,
    settings: Settings | None = None,
    *,
    events: bool | None = None,
    title: str = "",
    key: str = "",
    say_empty: bool = True,
) -> bool:
    """A catalog chart with its downloads and the numbers behind it; False, with the reason said in words,
    when these settings leave nothing to draw.

    `events` overrides the sidebar's event overlay (a deck slide has its own); `key` keeps widget keys apart
    when one chart appears twice; `say_empty=False` leaves saying "nothing to show" to the page. Raises LookupError when the snapshot lacks a table the chart needs."""
    view = _view()
    overlay = view[1] if events is None else events
    try:
        rendered = _rendered(chart_id, settings or Settings(), overlay, title, view, app_tables.checksum())
    except NothingToShow as why:
        if say_empty:
            st.info(str(why))
        return False
    _display(rendered.fig, rendered.data, key=f"{key}{rendered.key}", note=rendered.note)
    return True


def slide(item: Slide, *, number: int) -> None:
    """A briefing slide: its chart, its own title and event switch, as in its report pack."""
    show(item.chart, item.settings, events=item.events, title=shown(item.title), key=f"slide-{number}-")


def table_downloads(frame: pd.DataFrame, *, key: str, note: SourceNote, label: str = "") -> None:
    """CSV and XLSX of a table, side by side: the CSV keeps the column names scripts use, the XLSX shows
    human headers and carries source, licence and as-of date (charts/tabular.py says why)."""
    language = i18n.current()
    left, right = st.columns(2)
    left.download_button(
        f"{label} CSV".strip(),
        lambda: csv_bytes(frame),
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"csv_{key}",
        on_click="ignore",
    )
    right.download_button(
        f"{label} XLSX".strip(),
        lambda: tabular.xlsx_or_error(frame, source_line=note.line(), note=note, language=language),
        file_name=f"{key}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{key}",
        on_click="ignore",
    )


def card_downloads(chart: str, event_id: str, *, cards_count: int) -> None:
    """A precedent card as an A4 PDF or PNG, every card as one PDF, and the comparison sheet as an A4 PDF.

    The files are built when clicked, on a server thread that knows neither the session's language nor
    Streamlit's caches: the language is taken now, and the snapshot is read from its folder (deck.tables)."""
    from deck import cards
    from deck.tables import FolderTables

    language, folder = i18n.current(), app_tables.snapshot_dir()

    def build(make: Callable[[FolderTables], bytes]) -> Callable[[], bytes]:
        def render() -> bytes:
            with exporter():
                return make(FolderTables(folder))

        return render

    def one_png(tables: FolderTables) -> bytes:
        with cards.language(language):
            return cards.png(cards.figure(tables, chart, event_id))

    pdf = "application/pdf"
    row = st.container(horizontal=True)
    row.download_button(
        t("events_page.card_pdf"),
        build(lambda tables: cards.cards_pdf(tables, language, [event_id])),
        file_name=f"card-{event_id}-{language}.pdf",
        mime=pdf,
        key="card_pdf",
        on_click="ignore",
    )
    row.download_button(
        t("events_page.card_png"),
        build(one_png),
        file_name=f"card-{event_id}-{language}.png",
        mime="image/png",
        key="card_png",
        on_click="ignore",
    )
    row.download_button(
        t("events_page.all_cards", count=cards_count),
        build(lambda tables: cards.cards_pdf(tables, language)),
        file_name=f"precedent-cards-{language}.pdf",
        mime=pdf,
        key="all_cards_pdf",
        on_click="ignore",
    )
    row.download_button(
        t("events_page.sheet_pdf"),
        build(lambda tables: cards.sheet_pdf(tables, language)),
        file_name=f"precedent-sheet-{language}.pdf",
        mime=pdf,
        key="sheet_pdf",
        on_click="ignore",
    )
