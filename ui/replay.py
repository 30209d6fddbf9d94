"""The Replay page's parts: which days it steps through, the stepping and playing, and each day's panels.

State lives in session_state under stable keys (ui.controls.REPLAY_KEY, REPLAY_DAY_KEY, the ones below), so a
link (?replay=<exercise-id>&day=YYYY-MM-DD) restores a step and the arrow keys and the play control only move
one value. What a day shows is computed in analysis/replay.py; the strip chart is the catalog's replay_strip.
"""

from __future__ import annotations

import html
import time
from datetime import date

import pandas as pd
import pydeck as pdk
import streamlit as st

from analysis import replay as calc
from analysis.japan import LANES, STRAITS
from catalog import Settings
from catalog import replay as spec
from charts import map as map_chart
from charts.events import kind_label
from i18n import day, local_name, t
from ui import blocks, controls, data, geo_data

PLAY_KEY = "replay_playing"
SPEED_KEY = "replay_speed"
STEPPED_AT = "_replay_stepped_at"  # monotonic time of the last step, so a play tick never steps twice
LINK_CHECKED = "_replay_link_checked"  # a day from a link is checked (and refused in words) once
DIRECTIONS = ("in", "out", "both", "unknown")  # japan_side_events.direction, as its data dictionary lists them
LANE_KEYS = set(LANES.values())
MARKS = ("¹", "²", "³")  # which source each card's figure comes from (one table each)
SPEEDS = (1, 2, 4)  # seconds per report day while playing
DEFAULT_SPEED = 2
MAP_HEIGHT = {False: 480, True: 255}  # px, by presenter mode: the whole step fits 1280x720 when presenting
MAP_ZOOM = {False: 5.25, True: 4.8}  # both drawn exercises' zones (20.8-26.6 N) fit the map's height

# Static CSS only (no data is ever interpolated): the day's figures stay one line each, and smaller than
# presenter mode's headline numbers, so the map, the counts and the strip share one screen.
CSS = """<style>
.replay-cards { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 0.3em; margin: 0 0 0.2em 0; }
.replay-card { border: 1px solid #D9DDE2; border-radius: 6px; padding: 0.15em 0.45em 0.25em; background: #F7F9FB; }
.replay-card.missing { background: #FFFFFF; border-style: dashed; }
.replay-value { font-size: 1.45em; font-weight: 700; line-height: 1.2; color: #1B1F24; white-space: nowrap; }
.replay-card.missing .replay-value { font-size: 0.85em; font-weight: 600; color: #4A5561; padding: 0.3em 0 0.35em; }
.replay-label { font-size: 0.66em; line-height: 1.2; color: #4A5561; }
.replay-note { font-size: 0.62em; color: #8A5A00; }
.st-key-replay_side p, .st-key-replay_figures p { font-size: 0.68rem; line-height: 1.35; }
.st-key-replay_side [data-testid="stCaptionContainer"] p, .st-key-replay_figures [data-testid="stCaptionContainer"] p {
  font-size: 0.64rem; line-height: 1.3; }
.st-key-replay_side [data-testid="stVerticalBlock"], .st-key-replay_figures [data-testid="stVerticalBlock"] { gap: 0.3rem; }
.st-key-replay_figures [data-testid="stCaptionContainer"] p { font-size: 0.58rem; }
</style>"""
# In presenter mode the step must fit 1280x720: on this page the old-data banner and the exit button take one
# short line each instead of a quarter of the screen (the banner still says everything it says elsewhere).
PRESENTER_CSS = """<style>
[data-testid="stAlert"] p { font-size: 0.62rem !important; line-height: 1.3; }
[data-testid="stAlert"] > div { padding: 0.3rem 0.7rem !important; min-height: 0 !important; }
.st-key-exit_presenter button { min-height: 0 !important; padding: 0.05rem 0.6rem !important; }
.st-key-exit_presenter button p { font-size: 0.62rem !important; }
.st-key-replay_nav p { font-size: 0.8rem; }
</style>"""


def exercises() -> pd.DataFrame:
    """The catalog's exercises with their report days, newest first."""
    events = data.events_by_report_day()
    return events[events["kind"] == "exercise"].sort_values("start", ascending=False).reset_index(drop=True)


def choices() -> dict[str, str]:
    """What can be replayed, by id: every exercise (newest first), then the sidebar's date range."""
    start, end = controls.current_date_range()
    labels = {row["id"]: f"{local_name(row)} ({day(row['start'])})" for _, row in exercises().iterrows()}
    labels[controls.REPLAY_RANGE] = t("replay.range", start=day(start), end=day(end))
    return labels


def _new_pick() -> None:
    st.session_state[controls.REPLAY_DAY_KEY] = None  # a new replay starts on its first day
    st.session_state[PLAY_KEY] = False


def pick(options: dict[str, str]) -> str:
    """The replay selector (hidden in presenter mode, where the header names the replay)."""
    if st.session_state.get(controls.REPLAY_KEY) not in options:
        st.session_state[controls.REPLAY_KEY] = next(iter(options))
    if not controls.presenting():
        st.selectbox(
            t("replay.pick"),
            list(options),
            format_func=lambda key: options[key],
            key=controls.REPLAY_KEY,
            on_change=_new_pick,
            help=t("replay.pick_help"),
        )
    return st.session_state[controls.REPLAY_KEY]


def settings_for(chosen: str) -> Settings:
    """The replay as chart settings: an exercise by id, or the sidebar's dates."""
    if chosen == controls.REPLAY_RANGE:
        start, end = controls.current_date_range()
        return Settings(start=start, end=end)
    return Settings(exercise=chosen)


def window(chosen: str) -> tuple[pd.Timestamp, pd.Timestamp, pd.Series | None]:
    """First and last day of the replay and its exercise (None for the sidebar's range): the strip's own rule."""
    return spec.window(data, settings_for(chosen))


def current_day(days: list[pd.Timestamp]) -> pd.Timestamp:
    """The day to show. A day from a link that is not one of these days is refused once, in words."""
    stored = st.session_state.get(controls.REPLAY_DAY_KEY)
    inside = isinstance(stored, date) and days[0] <= pd.Timestamp(stored) <= days[-1]
    if stored is not None and not inside and not st.session_state.get(LINK_CHECKED):
        st.warning(t("replay.day_outside", start=day(days[0]), end=day(days[-1])), icon=":material/link_off:")
    st.session_state[LINK_CHECKED] = True
    shown = calc.clamp_day(stored if inside else None, days[0], days[-1])
    st.session_state[controls.REPLAY_DAY_KEY] = shown.date()
    return shown


def _step(days: list[pd.Timestamp], by: int) -> None:
    now = pd.Timestamp(st.session_state[controls.REPLAY_DAY_KEY])
    index = min(max(days.index(now) + by, 0), len(days) - 1) if now in days else 0
    st.session_state[controls.REPLAY_DAY_KEY] = days[index].date()
    st.session_state[STEPPED_AT] = time.monotonic()


def _toggle_play(days: list[pd.Timestamp]) -> None:
    playing = not st.session_state.get(PLAY_KEY, False)
    st.session_state[PLAY_KEY] = playing
    if playing and pd.Timestamp(st.session_state[controls.REPLAY_DAY_KEY]) == days[-1]:
        st.session_state[controls.REPLAY_DAY_KEY] = days[0].date()  # play again from the start
    st.session_state[STEPPED_AT] = time.monotonic()


def playing() -> bool:
    return bool(st.session_state.get(PLAY_KEY, False))


def navigation(days: list[pd.Timestamp], shown: pd.Timestamp, title: str, phase: str) -> None:
    """Previous / Next (← →), Play / Pause with its speed, and where in the replay the day lies."""
    index = days.index(shown)
    row = st.container(key="replay_nav").columns([1.45, 1.45, 1.35, 1.1, 5], vertical_alignment="center")
    row[0].button(
        t("replay.previous"),
        key="replay_prev",
        on_click=_step,
        args=(days, -1),
        disabled=index == 0,
        shortcut="Left",
        width="stretch",
    )
    row[1].button(
        t("replay.next"),
        key="replay_next",
        on_click=_step,
        args=(days, 1),
        disabled=index == len(days) - 1,
        shortcut="Right",
        width="stretch",
    )
    row[2].button(
        t("replay.pause") if playing() else t("replay.play"),
        key="replay_play",
        on_click=_toggle_play,
        args=(days,),
        icon=":material/pause:" if playing() else ":material/play_arrow:",
        width="stretch",
        disabled=len(days) == 1,
    )
    row[3].selectbox(
        t("replay.speed"),
        list(SPEEDS),
        format_func=lambda s: t("replay.speed_value", seconds=s),
        key=SPEED_KEY,
        label_visibility="collapsed",
        **controls.initial(SPEED_KEY, "index", SPEEDS.index(DEFAULT_SPEED)),
    )
    row[4].markdown(
        f"**{title}** · " + t("replay.position", day=day(shown), index=index + 1, count=len(days)) + f" · {phase}"
    )
    ticker(days)


def ticker(days: list[pd.Timestamp]) -> None:
    """While playing, a fragment that reruns every `speed` seconds and moves one day on, then reruns the page
    (the map, the counts and the strip all change); it stops on the last day."""
    interval = float(st.session_state.get(SPEED_KEY) or DEFAULT_SPEED) if playing() else None

    def tick() -> None:
        if not playing() or interval is None:
            return
        if time.monotonic() - st.session_state.get(STEPPED_AT, 0.0) < interval - 0.2:
            return  # this run came from a step or a click, not from the timer
        if pd.Timestamp(st.session_state[controls.REPLAY_DAY_KEY]) >= days[-1]:
            st.session_state[PLAY_KEY] = False
        else:
            _step(days, 1)
        st.rerun()

    st.fragment(tick, run_every=interval, key="replay_ticker")()


def phase(shown: pd.Timestamp, event: pd.Series | None) -> str:
    """Before, during (which exercise report day) or after the exercise; the range for a window."""
    if event is None:
        return t("replay.phase_range")
    first, last = pd.Timestamp(event["report_start"]), pd.Timestamp(event["report_end"])
    if shown < first:
        return t("replay.phase_before")
    if shown > last:
        return t("replay.phase_after")
    return t("replay.phase_during", n=(shown - first).days + 1, total=(last - first).days + 1)


def covers(shown: pd.Timestamp, activity: pd.Timestamp) -> str:
    if activity == shown:
        return t("replay.covers_same_day", day=day(shown))
    return t("replay.covers_next_morning", day=day(shown), activity=day(activity))


def _tables() -> dict[str, pd.DataFrame]:
    return {name: data.table(name) for _, name in calc.DAY_MEASURES if data.has_table(name)}


def _number(value: int | None) -> str:
    return t("replay.not_reported") if value is None else f"{value:,}"


def _card(label: str, value: str, tip: str, *, missing: bool = False, note: str = "") -> str:
    """One figure of the day as a small card; every text escaped (a source name is data)."""
    cls = "replay-card missing" if missing else "replay-card"
    extra = f"<div class='replay-note'>{html.escape(note)}</div>" if note else ""
    return (
        f"<div class='{cls}' title='{html.escape(tip, quote=True)}'>"
        f"<div class='replay-value'>{html.escape(value)}</div>"
        f"<div class='replay-label'>{html.escape(label)}</div>{extra}</div>"
    )


def counts(shown: pd.Timestamp, first: pd.Timestamp) -> None:
    """The day's published figures, each with its source, and the running totals since `first`."""
    daily = data.table(calc.DAY_MEASURES[0][1])
    found = calc.day_counts(_tables(), shown)
    era = daily.loc[daily["date"] == shown, "aircraft_definition"] if "aircraft_definition" in daily else None
    adiz = era is not None and len(era) > 0 and era.iloc[0] == "adiz_entries"
    sources = {name: data.entry(name)["source"]["name"] for name in {c.table for c in found} if data.has_table(name)}
    marks = {name: MARKS[i] for i, name in enumerate(dict.fromkeys(c.table for c in found))}  # ¹ ² per table
    cards = []
    for count in found:
        tip = sources.get(count.table, count.table)
        if count.source:
            tip += " · " + t("replay.crossing_source", source=count.source)
        if count.measure == "aircraft" and adiz:
            tip += " · " + t("replay.adiz_count")
        label = t(f"replay.measure.{count.measure}") + marks[count.table]
        cards.append(_card(label, _number(count.value), tip, missing=count.value is None))
    totals = calc.running_totals(daily, first, shown)
    for total in totals:
        label = "replay.total_break_label" if total.restarted_at_break else "replay.total_label"
        tip = t("replay.total_help", reported=total.days_reported, days=total.days, day=day(total.since))
        if total.restarted_at_break:
            tip += " " + t("replay.total_break_help", day=day(total.since))
        cards.append(
            _card(
                t(label, measure=t(f"replay.measure.{total.measure}"), day=day(total.since)),
                _number(total.total),
                tip,
                missing=total.total is None,
                note=t("replay.total_missing", count=total.days_missing) if total.days_missing else "",
            )
        )
    st.markdown(f"<div class='replay-cards'>{''.join(cards)}</div>", unsafe_allow_html=True)
    if not totals:
        st.caption(t("replay.totals_before", day=day(first)))
    if adiz:
        st.caption(t("replay.adiz_count"))
    lines = []
    for name, mark in marks.items():
        line = f"{mark} {blocks.inert_md(sources.get(name, name))}"
        lines.append(line)
    st.caption(t("replay.sources", list=" · ".join(lines)))


def japan(shown: pd.Timestamp) -> None:
    """What Japan MOD's report of the same date flagged (its own report day, which can differ by a day)."""
    if not data.has_table("japan_side_events"):
        return
    table = data.table("japan_side_events")
    title = f"**{t('replay.japan_title', day=day(shown))}:** "
    if shown < table["date"].min():
        st.markdown(title + t("replay.japan_before"))
        return
    found = calc.japan_day(table, shown)
    if not found.recorded:
        st.markdown(title + t("replay.japan_none"))
        return
    md = blocks.inert_md  # a value outside the data dictionary's lists is shown as it is, inert
    said = [t(f"japan.strait.{s}") if s in STRAITS else md(s) for s in found.straits]
    said += [t(f"japan.lane.{f}") if f in LANE_KEYS else md(f) for f in found.flags]
    if found.straits and found.direction:
        known = found.direction in DIRECTIONS
        said.append(t(f"replay.direction.{found.direction}") if known else md(found.direction))
    if found.withheld:
        said.append(t("replay.japan_withheld", count=found.withheld))
    if found.ship_types:
        said.append(t("replay.japan_ships", types=blocks.inert_md(found.ship_types)))
    st.markdown(title + (" · ".join(said) if said else t("replay.japan_nothing")))


def events(shown: pd.Timestamp) -> None:
    """Catalog events on this report day with their citations, all data text inert."""
    found = calc.events_on(data.events_by_report_day(), shown)
    if found.empty:
        st.markdown(t("replay.events_none"))
        return
    md = blocks.inert_md
    for _, event in found.iterrows():
        st.markdown(
            f"**{t('replay.events_title')}:** "
            + t(
                "replay.event_line",
                name=md(local_name(event)),
                kind=kind_label(event["kind"]),
                start=day(event["start"]),
                end=day(event["end"]),
            )
            + "  \n"
            + t(
                "replay.event_source",
                publisher=md(event["source_publisher"]),
                title=md(event["source_title"]),
                day=day(event["source_date"]),
                url=f"`{str(event['source_url']).replace('`', '')}`",  # a code span: never a link
            )
        )


def strait_map(shown: pd.Timestamp, activity: pd.Timestamp, event_id: str | None) -> None:
    """The offline map of the step: zones of the exercise and warnings in force and transits on the activity
    day; flight tracks of the report day where the snapshot has them and the map builder draws them."""
    missing = geo_data.missing_tables()
    if missing:
        st.info(t("map.missing", tables=", ".join(missing)))
        return
    zones = calc.zones_in_force(geo_data.zones(), activity, event_id)
    warnings = calc.warnings_in_force(geo_data.warnings(), activity)
    transits = calc.on_day(geo_data.transits(), activity)
    tracks = calc.on_day(data.table("flight_tracks"), shown) if data.has_table("flight_tracks") else None
    deck = map_chart.strait_map(
        geo_data.land_url(),
        geo_data.median_line(),
        zones,
        warnings,
        transits,
        event_names=geo_data.event_names(),
        tracks=tracks,
        type_names=geo_data.type_names(),
    )
    deck.initial_view_state = pdk.ViewState(  # the zones of both drawn exercises (Aug 2022, Dec 2025) whole
        longitude=120.9, latitude=23.7, zoom=MAP_ZOOM[controls.presenting()], min_zoom=3, max_zoom=11
    )
    st.pydeck_chart(deck, height=MAP_HEIGHT[controls.presenting()], key="replay_map")
    caption = t(
        "replay.map_caption", day=day(activity), zones=len(zones), warnings=len(warnings), transits=len(transits)
    )
    if tracks is not None and len(tracks):
        drawn = tracks.loc[tracks["kind"] == "track"]
        caption += " " + t(
            "replay.tracks", day=day(shown), aircraft=int(drawn["aircraft"].dropna().sum()), tracks=len(drawn)
        )
    elif tracks is not None:
        caption += " " + t("replay.tracks_none", day=day(shown))
    st.caption(covers(shown, activity) + " " + caption)
