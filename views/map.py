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

from analysis import map_window as calc
from charts import map as map_chart
from i18n import day, local_name, t
from ui import blocks, controls, data, geo_data, url

WINDOW_KEY = "map_window"
JUMP_KEY = "map_jump"
EVENT_KEY = "map_event"  # the jumped-to event's id: kept in the URL (ui/url.py), whatever the language
DEFAULT_DAYS = 90
MAP_HEIGHT = {False: 640, True: 420}  # px; presenting: whole on a 1280x720 screen under the window controls
JUMP_MARGIN = timedelta(days=3)
NO_JUMP = "—"

st.title(t("map.title"))

missing = geo_data.missing_tables()
if missing:
    st.info(t("map.missing", tables=", ".join(missing)))
    st.stop()

events = geo_data.events()
zones = geo_data.zones()
warnings = geo_data.warnings()
transits = geo_data.transits()
names = geo_data.event_names()
tracks = geo_data.flight_tracks()
japan = geo_data.japan_tracks()
reports = geo_data.reports()


def _range() -> tuple[date, date]:
    """The sidebar range when the router set one; otherwise everything the map data covers."""
    chosen = st.session_state.get("date_range")
    if isinstance(chosen, (tuple, list)) and len(chosen) == 2:
        return chosen[0], chosen[1]
    days = pd.concat(
        [zones["active_from"], zones["active_to"], warnings["publish_date"], transits["date"]]
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
with_zones = set(zones["event_id"])
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
show_zones = _layer(toggles[0], "zones", t("map.layer_zones"))
show_warnings = _layer(toggles[1], "warnings", t("map.layer_warnings"))
show_transits = _layer(toggles[2], "transits", t("map.layer_transits"))
show_median = _layer(toggles[3], "median", t("map.layer_median"))
show_tracks = _layer(
    toggles[0], "tracks", t("map.layer_tracks"), disabled=tracks is None, help=t("map.layer_tracks_help")
)
show_japan = _layer(toggles[1], "japan", t("map.layer_japan"), disabled=japan is None, help=t("map.layer_japan_help"))
show_adiz = _layer(toggles[2], "adiz", t("map.layer_adiz"), disabled=reports is None, help=t("map.layer_adiz_help"))
show_places = _layer(toggles[3], "places", t("map.layer_places"))

empty_zones, empty_warnings, empty_transits = zones.iloc[0:0], warnings.iloc[0:0], transits.iloc[0:0]
shown_zones = calc.active_zones(zones, window_start, window_end) if show_zones else empty_zones
shown_warnings = calc.active_warnings(warnings, window_start, window_end) if show_warnings else empty_warnings
shown_transits = calc.transits_in(transits, window_start, window_end) if show_transits else empty_transits
shown_tracks = calc.tracks_in(tracks, window_start, window_end) if show_tracks and tracks is not None else None
shown_japan = calc.japan_in(japan, window_start, window_end) if show_japan and japan is not None else None
regions = calc.adiz_regions_in(reports, window_start, window_end) if show_adiz and reports is not None else {}
skipped = calc.skipped_in(geo_data.warnings_qc(), window_start, window_end)

deck = map_chart.strait_map(
    geo_data.land(),
    geo_data.median_line() if show_median else None,
    shown_zones,
    shown_warnings,
    shown_transits,
    event_names=names,
    tracks=shown_tracks,
    japan=shown_japan,
    type_names=geo_data.type_names(),
    adiz=regions,
    places=show_places,
    fit=True,
    scale=True,
)
st.pydeck_chart(deck, height=MAP_HEIGHT[controls.presenting()], key="strait_map")

legend_items = list(map_chart.LEGEND)
if shown_tracks is not None and not shown_tracks.empty:
    legend_items += map_chart.track_legend(shown_tracks["category"])
if shown_japan is not None and not shown_japan.empty:
    legend_items.append(map_chart.JAPAN_LEGEND)
legend = " ".join(
    f"<span style='display:inline-flex;align-items:center;margin-right:1.2em;white-space:nowrap'>"
    f"<span style='display:inline-block;width:{26 if item.shape == 'line' else 16}px;"
    f"height:{4 if item.shape == 'line' else 16}px;border-radius:{50 if item.shape == 'dot' else 2}%;"
    f"background:rgba{item.rgba[:3] + (round(item.rgba[3] / 255, 2),)};border:1px solid #555;margin-right:0.4em'></span>"
    f"{html.escape(item.label)}</span>"
    for item in legend_items
)
st.markdown(f"<div style='font-size:0.95rem;line-height:2'>{legend}</div>", unsafe_allow_html=True)

st.caption(
    t(
        "map.summary",
        start=day(window_start),
        end=day(window_end),
        zones=len(shown_zones),
        warnings=len(shown_warnings),
        transits=len(shown_transits),
    )
    + (t("map.skipped", count=len(skipped)) if len(skipped) else t("map.summary_end"))
)
st.caption(t("map.caveats"))
far = calc.outside(shown_warnings, map_chart.FIT_REGION)
if far:
    st.caption(t("map.far_warnings", count=far))
if shown_tracks is not None or shown_japan is not None:
    st.caption(
        t(
            "map.tracks_summary",
            tracks=0 if shown_tracks is None else len(shown_tracks),
            japan=0 if shown_japan is None else len(shown_japan),
        )
        + " "
        + t("map.tracks_caveat")
    )
if show_adiz and reports is not None:
    named = calc.reports_naming_regions(reports, window_start, window_end)
    st.caption(t("map.adiz_caveat", reports=named) if regions else t("map.adiz_none"))
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

st.subheader(t("map.shows"))
shown = calc.shown_table(shown_zones, shown_warnings, shown_transits, names, shown_tracks, shown_japan)
if shown.empty:
    st.info(t("map.nothing"))
else:
    st.dataframe(
        shown,
        hide_index=True,
        column_config={
            **blocks.date_columns(shown),
            "source": st.column_config.LinkColumn("source"),
        },
    )
blocks.table_downloads(
    shown, key=f"map_{window_start:%Y%m%d}_{window_end:%Y%m%d}", note=data.source_note("nav_warnings")
)
url.write()  # again after the page: a jump from a shared event link set the window during this run
