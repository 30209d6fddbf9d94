"""Controls shared across pages: one function per control, stable keys, state in session_state."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

import settings

DATE_RANGE_KEY = "date_range"  # the range pages read: always two dates
WIDGET_KEY = "date_range_input"  # the widget's own state: may hold one date while the user picks
METRIC_KEY = "metric"
EVENTS_KEY = "show_events"
PRESENTER_KEY = "presenter"
URL_FROM, URL_TO = "range_from", "range_to"  # the date range as the URL carries it


def initial(key: str, name: str, value) -> dict:
    """`{name: value}` unless state (e.g. from the URL) already holds the widget's value.

    Passing a default to a widget whose key is already set makes Streamlit warn on screen.
    """
    return {} if key in st.session_state else {name: value}

METRICS = {"aircraft": "PLA aircraft", "vessels": "PLA Navy vessels"}
PRESETS = (("1 year", 1), ("3 years", 3), ("All", None))


def _clamp(value, first: date, last: date) -> tuple[date, date]:
    """A stored range may predate the current snapshot: keep it inside what the data covers."""
    if not isinstance(value, (tuple, list)) or not value:
        value = (first, last)
    start = min(max(value[0], first), last)
    end = min(max(value[-1] if len(value) == 2 else last, start), last)
    return start, end


def _set_range(first: date, last: date, years: int | None) -> None:
    start = first if years is None else max(first, (pd.Timestamp(last) - pd.DateOffset(years=years)).date())
    st.session_state[DATE_RANGE_KEY] = st.session_state[WIDGET_KEY] = (start, last)


def _from_widget(first: date, last: date) -> None:
    picked = st.session_state[WIDGET_KEY]
    if isinstance(picked, (tuple, list)) and len(picked) == 2:  # ignore a half-picked range
        st.session_state[DATE_RANGE_KEY] = _clamp(picked, first, last)


def date_range_control(first: date, last: date) -> tuple[date, date]:
    """Sidebar date range shared by every page; defaults to 2020 onward (regular MND reporting)."""
    default = (
        st.session_state.get(URL_FROM, max(first, pd.Timestamp(settings.DEFAULT_START).date())),
        st.session_state.get(URL_TO, last),
    )
    current = _clamp(st.session_state.get(DATE_RANGE_KEY, default), first, last)
    st.session_state[DATE_RANGE_KEY] = current
    st.session_state[URL_FROM], st.session_state[URL_TO] = current
    if WIDGET_KEY not in st.session_state:
        st.session_state[WIDGET_KEY] = current
    with st.sidebar:
        st.date_input(
            "Date range", min_value=first, max_value=last, key=WIDGET_KEY, format="YYYY-MM-DD",
            on_change=_from_widget, args=(first, last), help="Applies to every chart and table on every page.",
        )
        for column, (label, years) in zip(st.columns(len(PRESETS)), PRESETS):
            column.button(label, key=f"range_{label}", on_click=_set_range, args=(first, last, years),
                          width="stretch")
    return current


def current_date_range() -> tuple[date, date]:
    return st.session_state[DATE_RANGE_KEY]


def metric_control() -> str:
    """Aircraft or vessels, shared by every chart of the page."""
    choice = st.segmented_control(
        "Measure", list(METRICS), format_func=METRICS.get, key=METRIC_KEY, selection_mode="single",
        **initial(METRIC_KEY, "default", "aircraft"),
    )
    return choice or "aircraft"


def events_toggle() -> bool:
    """One switch, in the sidebar, for marking catalog events on every time-series chart."""
    return st.sidebar.toggle("Mark exercises & events on charts", key=EVENTS_KEY,
                             help="Shaded spans: PLA exercises. Dotted lines: political and other events.",
                             **initial(EVENTS_KEY, "value", True))


def presenter_toggle() -> bool:
    """Presenter mode: no chrome, large type, for a seminar room (also `?present=1` in the URL)."""
    return st.sidebar.toggle("Presenter mode", key=PRESENTER_KEY, help="Hides menus and sidebar, enlarges charts. "
                             "Leave it with the button at the top of the page.", **initial(PRESENTER_KEY, "value", False))


def presenting() -> bool:
    return bool(st.session_state.get(PRESENTER_KEY, False))


def show_events() -> bool:
    return bool(st.session_state.get(EVENTS_KEY, True))
