"""Controls shared across pages: one function per control, stable keys, state in session_state."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd
import streamlit as st

import i18n
import settings
from catalog.measures import METRICS, metric_label
from i18n import t

DATE_RANGE_KEY = "date_range"  # the range pages read: always two dates
WIDGET_KEY = "date_range_input"  # the widget's own state: may hold one date while the user picks
METRIC_KEY = "metric"
EVENTS_KEY = "show_events"
PRESENTER_KEY = "presenter"
LANGUAGE_KEY = "language"  # the language pages use (survives reruns where the widget is not drawn)
LANGUAGE_WIDGET = "language_input"
SECTION_KEY = "section"  # the open tab of a page with sections, by id (language-independent, in the URL)
SECTION_PAGE_KEY = "_section_page"  # the page SECTION_KEY belongs to
SECTIONS_SEEN_KEY = "_sections_seen"  # each page's last open tab, so coming back to a page finds it as left
SHARE_KEY = "_share_open"  # the sidebar's share popover is open: its link is built and sent only then
URL_FROM, URL_TO = "range_from", "range_to"  # the date range as the URL carries it
REPLAY_KEY = "replay"  # the replayed exercise's id, or REPLAY_RANGE (in the URL: ?replay=)
REPLAY_DAY_KEY = "replay_day"  # the replay's current report day (in the URL: ?day=)
REPLAY_RANGE = "range"  # replay the sidebar's date range instead of an exercise
PRESETS = (("1y", 1), ("3y", 3), ("all", None))  # button keys stay stable across languages


def initial(key: str, name: str, value) -> dict:
    """`{name: value}` unless state (e.g. from the URL) already holds the widget's value.

    Passing a default to a widget whose key is already set makes Streamlit warn on screen.
    """
    return {} if key in st.session_state else {name: value}


def _language_from_widget() -> None:
    st.session_state[LANGUAGE_KEY] = st.session_state[LANGUAGE_WIDGET]


def language_control() -> str:
    """Sidebar language switch. The choice applies from the next run; app.py sets it first thing."""
    st.session_state.setdefault(LANGUAGE_KEY, i18n.DEFAULT)
    if st.session_state.get(LANGUAGE_WIDGET) != st.session_state[LANGUAGE_KEY]:
        st.session_state[LANGUAGE_WIDGET] = st.session_state[LANGUAGE_KEY]  # e.g. set from a link
    st.sidebar.selectbox(
        "Language / 言語 / 語言",
        list(i18n.LANGUAGES),
        format_func=lambda code: i18n.LANGUAGES[code],
        key=LANGUAGE_WIDGET,
        on_change=_language_from_widget,
    )
    return st.session_state[LANGUAGE_KEY]


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
    picked = st.session_state.get(WIDGET_KEY)
    if not isinstance(picked, (tuple, list)) or any(not first <= d <= last for d in picked):
        # new session, or a new snapshot whose coverage no longer contains the picked days
        st.session_state[WIDGET_KEY] = current
    with st.sidebar:
        st.date_input(
            t("controls.date_range"),
            min_value=first,
            max_value=last,
            key=WIDGET_KEY,
            format="YYYY-MM-DD",
            on_change=_from_widget,
            args=(first, last),
            help=t("controls.date_range_help"),
        )
        for column, (name, years) in zip(st.columns(len(PRESETS)), PRESETS):
            column.button(
                t(f"controls.preset_{name}"),
                key=f"range_{name}",
                on_click=_set_range,
                args=(first, last, years),
                width="stretch",
            )
    return current


def current_date_range() -> tuple[date, date]:
    return st.session_state[DATE_RANGE_KEY]


def freshness_banner(last: date, *, short: bool = False) -> None:
    """Every page opens with how old the data are; past settings.STALE_DAYS as a warning a presenter
    cannot miss (the figures' source lines say it too). `short`: one line, for the presenter's top row."""
    age = (date.today() - last).days
    if age > settings.STALE_DAYS:
        text = t("app.stale_short" if short else "app.stale", day=i18n.day(last), days=f"{age:,}")
        st.warning(text, icon=":material/history:")
    elif not presenting():
        st.caption(t("app.fresh", day=i18n.day(last)))


def metric_control(extra: tuple[str, ...] = ()) -> str:
    """Aircraft or vessels (plus `extra` measures where a page offers them), for every chart of the page."""
    options = [*METRICS, *extra]
    if st.session_state.get(METRIC_KEY) not in (*options, None):
        st.session_state.pop(METRIC_KEY)  # e.g. a measure from a link that this page does not offer
    choice = st.segmented_control(
        t("controls.measure"),
        options,
        format_func=metric_label,
        key=METRIC_KEY,
        selection_mode="single",
        **initial(METRIC_KEY, "default", "aircraft"),
    )
    return choice or "aircraft"


def events_toggle() -> bool:
    """One switch, in the sidebar, for marking catalog events on every time-series chart."""
    return st.sidebar.toggle(
        t("controls.events"), key=EVENTS_KEY, help=t("controls.events_help"), **initial(EVENTS_KEY, "value", True)
    )


def show_events() -> bool:
    return bool(st.session_state.get(EVENTS_KEY, True))


def presenter_toggle() -> bool:
    """Presenter mode: no chrome, large type, for a seminar room (also `?present=1` in the URL)."""
    return st.sidebar.toggle(
        t("controls.presenter"),
        key=PRESENTER_KEY,
        help=t("controls.presenter_help"),
        **initial(PRESENTER_KEY, "value", False),
    )


def share_link(page_path: str) -> None:
    """A popover in the sidebar with the link to exactly this view (the URL holds its whole state), in a
    code box whose copy button puts it on the clipboard. Its contents are sent only once it is opened, like
    the download menus: every page switch sends two elements fewer."""
    with st.sidebar.popover(
        t("controls.share"), icon=":material/share:", width="stretch", key=SHARE_KEY, on_change="rerun"
    ) as popover:
        if not popover.open:
            return
        base = urlsplit(st.context.url or "")
        query = urlencode({name: st.query_params[name] for name in st.query_params})
        link = urlunsplit((base.scheme or "http", base.netloc or "localhost", "/" + page_path, query, ""))
        st.caption(t("controls.share_help"))
        st.code(link, language=None, wrap_lines=True)


def presenting() -> bool:
    return bool(st.session_state.get(PRESENTER_KEY, False))


def _section_picked(key: str, labels: dict[str, str]) -> None:
    chosen = st.session_state.get(key)
    st.session_state[SECTION_KEY] = next((name for name, label in labels.items() if label == chosen), None)


def sections(page: str, parts: dict[str, tuple[str, Callable[[], None]]]) -> str:
    """A page's sections as tabs, of which only the open one is built and sent: a page of five
    charts would otherwise paint all five on every visit (bench/RESULTS.md, page switch). The open
    tab is kept by id, so it survives a language switch and goes into shareable links (?view=)."""
    labels = {name: label for name, (label, _) in parts.items()}
    remembered = st.session_state.setdefault(SECTIONS_SEEN_KEY, {})  # page -> its last open tab, this session
    arrived = st.session_state.get(SECTION_PAGE_KEY) not in (None, page)
    # Arriving from another page: this page's own last tab. Otherwise (a click here, or the session's
    # first page, whose ?view= the URL may have set): the tab in SECTION_KEY.
    current = remembered.get(page) if arrived else st.session_state.get(SECTION_KEY)
    if current not in labels:
        current = next(iter(labels))
    key = f"sections_{page}"
    st.session_state[key] = labels[current]  # before the widget exists: allowed, and wins over a stale label
    tabs = st.tabs(list(labels.values()), key=key, on_change=_section_picked, args=(key, labels))
    st.session_state[SECTION_KEY] = remembered[page] = current
    st.session_state[SECTION_PAGE_KEY] = page
    with tabs[list(parts).index(current)]:
        parts[current][1]()
    return current
