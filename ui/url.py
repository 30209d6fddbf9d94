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
from typing import Annotated, Any, Literal

import streamlit as st
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

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


Digits = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,4}$")]  # ASCII digits only: no "+2024", "2_024", "２０"


def _in(low: int, high: int) -> AfterValidator:
    def check(value: int) -> int:
        if not low <= value <= high:
            raise ValueError(f"outside {low}-{high}")
        return value

    return AfterValidator(check)


class Link(BaseModel):
    """What a shared link may carry, one field per query parameter (by its URL name), each checked here.

    Choices that depend on the snapshot or the catalog (measures, languages, exercises) are checked
    against the live lists in `params()`; this model fixes each value's form."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: date | None = Field(default=None, alias="from")
    to: date | None = None
    flag: Literal["0", "1"] | None = None
    choice: str | None = None
    year: Annotated[Digits, AfterValidator(int), _in(2000, 2100)] | None = None
    slide: Annotated[Digits, AfterValidator(int), _in(1, 50)] | None = None
    view: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_]{0,23}$")] | None = None

    @field_validator("from_", "to", mode="before")
    @classmethod
    def _iso_only(cls, text: object) -> object:
        """YYYY-MM-DD and nothing else (pydantic alone would take a Unix time such as "86400")."""
        if not (isinstance(text, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text)):
            raise ValueError("not YYYY-MM-DD")
        return text


def _field(name: str, message: str) -> Callable[[str], Any]:
    """A parser of one URL value through the Link model's field `name`; a refusal says `message`."""

    def parse(text: str) -> Any:
        try:
            return getattr(Link.model_validate({name: text}), "from_" if name == "from" else name)
        except ValidationError:
            raise Invalid(t(message)) from None

    return parse


_iso_date = _field("from", "url.not_date")
_year = _field("year", "url.not_year")
_section = _field("view", "url.not_known")  # a page falls back to its first tab for an id it does not have
_slide = _field("slide", "url.not_slide")


def _flag(text: str) -> bool:
    return _field("flag", "url.not_flag")(text) == "1"


def _choice(options: Callable[[], list[str]]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in options():
            raise Invalid(t("url.not_known"))
        return text

    return parse


def _window(text: str) -> tuple[date, date]:
    """The Map's window, 'YYYY-MM-DD..YYYY-MM-DD' (the page keeps it inside its range)."""
    first, sep, last = text.partition("..")
    if not sep:
        raise Invalid(t("url.not_window"))
    start, end = _iso_date(first), _iso_date(last)
    if end < start:
        raise Invalid(t("url.not_window"))
    return start, end


def _dump_window(value: Any) -> str:
    start, end = value
    return f"{start.isoformat()}..{end.isoformat()}"


# The Map's layer switches (views/map.py keys map_show_<name>): shown unless the URL says 0.
MAP_LAYERS = ("zones", "warnings", "transits", "median", "tracks", "japan", "adiz", "places")


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
        Param("window", "map_window", _window, _dump_window),
        Param("event", "map_event", _choice(exercise_ids)),
        *(Param(name, f"map_show_{name}", _flag, _dump_flag, default=True) for name in MAP_LAYERS),
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
