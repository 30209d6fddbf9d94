"""Shareable views: the state that defines a view lives in the URL's query parameters.

On a session's first run, parameters are read, validated and copied into session_state (bad or
hostile values are dropped with a visible notice, never a crash); at the end of every run the
current state is written back, so copying the address bar reproduces the view.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import streamlit as st

import i18n
from catalog.measures import METRIC_TABLE
from i18n import t
from loaders.snapshot import SnapshotError
from ui import controls

READ_FLAG = "_url_read"
NOTICES = "_url_notices"
MAX_LEN = 64  # no legitimate value is longer; anything longer is refused before parsing


class Invalid(ValueError):
    """A parameter value we refuse; the message says why, in plain words."""


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Invalid(t("url.not_date")) from None


def _flag(text: str) -> bool:
    if text not in ("0", "1"):
        raise Invalid(t("url.not_flag"))
    return text == "1"


def _choice(options: Callable[[], list[str]]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in options():
            raise Invalid(t("url.not_known"))
        return text

    return parse


def _year(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise Invalid(t("url.not_year"))
    return int(text)


def _section(text: str) -> str:
    """A page's tab id; the page itself falls back to its first tab for an id it does not have."""
    if not re.fullmatch(r"[a-z][a-z_]{0,23}", text):
        raise Invalid(t("url.not_known"))
    return text


def _slide(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 50:
        raise Invalid(t("url.not_slide"))
    return int(text)


@dataclass(frozen=True)
class Param:
    name: str  # in the URL
    key: str  # in session_state
    parse: Callable[[str], Any]
    dump: Callable[[Any], str] = str
    default: Any = None  # not written to the URL when the state equals it


def _dump_flag(value: bool) -> str:
    return "1" if value else "0"


def params() -> list[Param]:
    from ui import data

    def exercise_ids() -> list[str]:
        try:
            return data.table("events")["id"].tolist() if data.has_table("events") else []
        except SnapshotError:
            return []

    def replays() -> list[str]:
        """What ?replay= may name: an exercise of the catalog, or the sidebar's range."""
        try:
            events = data.table("events") if data.has_table("events") else None
        except SnapshotError:
            events = None
        exercises = [] if events is None else events.loc[events["kind"] == "exercise", "id"].tolist()
        return [*exercises, controls.REPLAY_RANGE]

    return [
        Param("from", controls.URL_FROM, _iso_date, date.isoformat),
        Param("to", controls.URL_TO, _iso_date, date.isoformat),
        Param("metric", controls.METRIC_KEY, _choice(lambda: list(METRIC_TABLE))),
        Param("lang", controls.LANGUAGE_KEY, _choice(lambda: list(i18n.LANGUAGES)), default=i18n.DEFAULT),
        Param("events", controls.EVENTS_KEY, _flag, _dump_flag, default=True),
        Param("present", controls.PRESENTER_KEY, _flag, _dump_flag, default=False),
        Param("exercise", "exercise", _choice(exercise_ids)),
        Param("year", "calendar_year", _year),
        Param("slide", "slide", _slide),
        Param("view", controls.SECTION_KEY, _section),
        Param("replay", controls.REPLAY_KEY, _choice(replays)),
        Param(
            "day", controls.REPLAY_DAY_KEY, _iso_date, date.isoformat
        ),  # the replay page checks it is one of its days
    ]


def read_once() -> None:
    """First run of a session: URL -> session_state, collecting a notice for each refused value."""
    if st.session_state.get(READ_FLAG):
        return
    st.session_state[READ_FLAG] = True
    notices = []
    for param in params():
        raw = st.query_params.get(param.name)
        if raw is None:
            continue
        try:
            if len(raw) > MAX_LEN:
                raise Invalid(t("url.too_long"))
            st.session_state[param.key] = param.parse(raw)
        except Invalid as why:
            notices.append(t("url.ignored", name=param.name, why=why))
    known = {p.name for p in params()}
    unknown = sorted(name for name in st.query_params if name not in known)
    if unknown:
        notices.append(t("url.unknown", count=len(unknown)))
    st.session_state[NOTICES] = notices


def show_notices() -> None:
    for notice in st.session_state.pop(NOTICES, []):
        st.warning(notice, icon=":material/link_off:")


def write() -> None:
    """session_state -> URL, for every parameter that has a value this run."""
    wanted = {}
    for param in params():
        value = st.session_state.get(param.key)
        if value is not None and value != param.default:
            wanted[param.name] = param.dump(value)
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)
