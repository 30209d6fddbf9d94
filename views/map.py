"""Map: announced exercise zones, China MSA navigation warnings, strait transits and the flight tracks MND
and Japan's Joint Staff Office drew, for a time window.

Draws with no network at all: sea, land and lines come from the snapshot, with no base map. The window
is bounded by the sidebar date range; "Jump to" sets it around an event.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from i18n import day, local_name, t
from ui import blocks, controls, data, geo_data, url

WINDOW_KEY = "map_window"
JUMP_KEY = "map_jump"
EVENT_KEY = "map_event"  # the jumped-to event's id: kept in the URL (ui/url.py), whatever the language
DEFAULT_DAYS = 90
MAP_HEIGHT = {False: 640, True: 420}  # px; presenting: whole on a 1280x720 screen under the window controls
JUMP_MARGIN = timedelta(days=3)
NO_JUMP = "—"
TABLE_KEY = "map_table"  # the expander holding the table of what the map shows

st.title(t("map.title"))

missing = geo_data.missing_tables()
if missing:
    st.info(t("map.missing", tables=", ".join(missing)))
    st.stop()

events = geo_data.events()


def _range() -> tuple[date, date]:
    """The sidebar range when the router set one; otherwise everything the map data covers."""
    chosen = st.session_state.get("date_range")
    if isinstance(chosen, (tuple, list)) and len(chosen) == 2:
        return chosen[0], chosen[1]
    zones, tracks, japan = geo_data.zones(), geo_data.flight_tracks(), geo_data.japan_tracks()
    days = pd.concat(
        [zones["active_from"], zones["active_to"], geo_data.warnings()["publish_date"], geo_data.transits()["date"]]
        + [frame["date"] for frame in (tracks, japan) if frame is not None]
    ).dropna()
    return days.min().date(), days.max().date()


first, last = _range()


def _clamp(window) -> tuple[date, date]:
    start = min(max(window[0], first), last)
    return start, min(max(window[1], start), last)


def _around(event) -> tuple[date, date]:
    return _clamp((event["start"].date() - JUMP_MARGIN, event["end"].date() + JUMP_MARGIN))


def _jump() -> None:
    picked = st.session_state[JUMP_KEY]
    st.session_state[EVENT_KEY] = jumps[picked]["id"] if picked in jumps else None
    if picked in jumps:
        st.session_state[WINDOW_KEY] = _around(jumps[picked])


# Exercises first (with or without drawn zones), then the other catalog events, newest first.
in_range = events[(events["end"].dt.date >= first) & (events["start"].dt.date <= last)]
in_range = in_range.sort_values(
    ["kind", "start"], key=lambda s: s.ne("exercise") if s.name == "kind" else s, ascending=[True, False]
)
jumps = {f"{local_name(row)} ({day(row['start'])})": row for _, row in in_range.iterrows()}
with_zones = geo_data.zone_event_ids()
by_id = {row["id"]: label for label, row in jumps.items()}
chosen = st.session_state.get(EVENT_KEY)
if chosen in by_id:  # from the URL, or picked earlier: the label in this run's language
    if JUMP_KEY not in st.session_state and WINDOW_KEY not in st.session_state:
        st.session_state[WINDOW_KEY] = _around(jumps[by_id[chosen]])  # a shared link with only the event
    st.session_state[JUMP_KEY] = by_id[chosen]
elif chosen is not None:
    st.session_state[EVENT_KEY] = None  # outside the sidebar range: nothing to jump to

stored = st.session_state.get(WINDOW_KEY)
if not isinstance(stored, (tuple, list)) or len(stored) != 2 or tuple(stored) != _clamp(stored):
    st.session_state[WINDOW_KEY] = (
        _clamp((last - timedelta(days=DEFAULT_DAYS), last)) if stored is None else _clamp(stored)
    )

left, right = st.columns([2, 3])
with left:
    st.selectbox(
        t("map.jump"),
        [NO_JUMP, *jumps],
        key=JUMP_KEY,
        on_change=_jump,
        format_func=lambda label: (
            label if label == NO_JUMP or jumps[label]["id"] not in with_zones else f"{label} · {t('map.zones_drawn')}"
        ),
        help=t("map.jump_help"),
    )
with right:
    if first == last:  # a one-day range is a normal request, but a slider cannot have equal ends
        window_start, window_end = first, last
        st.caption(t("map.one_day", day=day(first)))
    else:
        window_start, window_end = st.slider(
            t("map.window"),
            min_value=first,
            max_value=last,
            key=WINDOW_KEY,
            format="YYYY-MM-DD",
            step=timedelta(days=1),
            help=t("map.window_help"),
        )


def _layer(column, name: str, label: str, *, disabled: bool = False, help: str | None = None) -> bool:
    """A layer switch, on unless the URL or the reader turned it off (state set before the widget, so
    Streamlit does not warn about a default given twice)."""
    key = f"map_show_{name}"
    st.session_state.setdefault(key, True)
    return column.checkbox(label, key=key, disabled=disabled, help=help)


# Presenting: the layer switches fold into one button, so the map fits the room's screen under its controls.
layers = st.popover(t("map.layers"), icon=":material/layers:") if controls.presenting() else st.container()
toggles = layers.columns(4)
switched_on = {
    name: _layer(
        toggles[index % len(toggles)],
        name,
        t(f"map.layer_{name}"),
        disabled=needs is not None and not data.has_table(needs),
        help=t(f"map.layer_{name}_help") if needs else None,
    )
    for index, (name, needs) in enumerate(geo_data.LAYER_TABLES.items())
}
view = geo_data.map_view(window_start, window_end, geo_data.Layers(**switched_on))
st.pydeck_chart(view.deck, height=MAP_HEIGHT[controls.presenting()], key="strait_map")

legend = " ".join(
    f"<span style='display:inline-flex;align-items:center;margin-right:1.2em;white-space:nowrap'>"
    f"<span style='display:inline-block;width:{26 if item.shape == 'line' else 16}px;"
    f"height:{4 if item.shape == 'line' else 16}px;border-radius:{50 if item.shape == 'dot' else 2}%;"
    f"background:rgba{item.rgba[:3] + (round(item.rgba[3] / 255, 2),)};border:1px solid #555;margin-right:0.4em'></span>"
    f"{html.escape(item.label)}</span>"
    for item in view.legend
)
st.markdown(f"<div style='font-size:0.95rem;line-height:2'>{legend}</div>", unsafe_allow_html=True)

st.caption(
    t(
        "map.summary",
        start=day(window_start),
        end=day(window_end),
        zones=view.zones,
        warnings=view.warnings,
        transits=view.transits,
    )
    + (t("map.skipped", count=view.skipped) if view.skipped else t("map.summary_end"))
)
st.caption(t("map.caveats"))
if view.far:
    st.caption(t("map.far_warnings", count=view.far))
if view.tracks is not None or view.japan is not None:
    st.caption(t("map.tracks_summary", tracks=view.tracks or 0, japan=view.japan or 0) + " " + t("map.tracks_caveat"))
if view.adiz_reports is not None:
    st.caption(t("map.adiz_caveat", reports=view.adiz_reports) if view.adiz_regions else t("map.adiz_none"))
notes = [
    data.source_note(name)
    for name in ("nav_warnings", "naval_transits", "events", "flight_tracks", "japan_tracks")
    if data.has_table(name)
]
st.caption(
    " · ".join(note.line() for note in notes)
    + " · "
    + t("map.map_source", source=data.entry("geo_features")["source"]["name"])
)

shown = view.shown
if not controls.presenting():  # presenting: the map alone, as the charts show without their tables and downloads
    st.subheader(t("map.shows"))
    if shown.empty:
        st.info(t("map.nothing"))
    else:
        # Under the map, below the first screen: sent when opened, like the numbers behind every chart (a table
        # drawn on every visit was 30 ms of the page switch; bench/RESULTS.md).
        with blocks.lazy_expander(t("map.table", rows=f"{len(shown):,}"), key=TABLE_KEY) as opened:
            if opened:
                st.dataframe(shown, hide_index=True, column_config=blocks.date_columns(shown, links=("source",)))
    blocks.table_downloads(
        shown, key=f"map_{window_start:%Y%m%d}_{window_end:%Y%m%d}", note=data.source_note("nav_warnings")
    )
url.write()  # again after the page: a jump from a shared event link set the window during this run
