"""The Map page's door to the snapshot: geometry and map tables, cached by checksum like ui.data.

Geometry is stored in the snapshot as GeoJSON text (table `geo_features`); it is parsed once per
snapshot version here, so pages and chart builders never touch files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import pandas as pd
import pydeck as pdk
import streamlit as st

import i18n
import settings
from analysis import map_window as calc
from charts import map as map_chart
from ui import data

GEO = "geo_features"
MAP_TABLES = ("events", "nav_warnings", "nav_warnings_qc", "naval_transits", GEO)


def missing_tables() -> list[str]:
    present = data.manifest()["tables"]
    return [name for name in MAP_TABLES if name not in present]


@st.cache_data(show_spinner=False, max_entries=4)
def _geometry(sha256: str, layer: str) -> dict | None:
    rows = data.table(GEO)
    rows = rows[rows["layer"] == layer]
    return json.loads(rows["geometry_geojson"].iloc[0]) if len(rows) else None


@st.cache_data(show_spinner=False, max_entries=4)
def _layers(sha256: str) -> frozenset[str]:
    return frozenset(data.table(GEO)["layer"])


def land_url() -> str | None:
    """Where the browser fetches the land (static/geo, written from this table on refresh), or None if the
    snapshot has none. Fetched once and cached by the browser rather than sent inside every deck: 167 kB
    that Streamlit's deck element parsed character by character on each visit to the Map (bench/RESULTS.md).
    The query is the table's checksum, so a refreshed land is never taken from the cache."""
    entry = data.entry(GEO)
    if "land" not in _layers(entry["sha256"]):
        return None
    return f"{settings.GEO_URL}/land.geojson?v={entry['sha256'][:12]}"


def median_line() -> dict | None:
    return _geometry(data.entry(GEO)["sha256"], "median_line")


def zones() -> pd.DataFrame:
    features = data.table(GEO)
    return features[features["layer"] == "exercise_zone"].reset_index(drop=True)


def zone_event_ids() -> frozenset[str]:
    """The events that have drawn exercise zones (the Map's "jump to" marks them)."""
    return _zone_event_ids(data.entry(GEO)["sha256"])


@st.cache_data(show_spinner=False, max_entries=4)
def _zone_event_ids(sha256: str) -> frozenset[str]:
    return frozenset(zones()["event_id"])


def warnings() -> pd.DataFrame:
    return data.table("nav_warnings")


def warnings_qc() -> pd.DataFrame:
    return data.table("nav_warnings_qc")


def transits() -> pd.DataFrame:
    return data.table("naval_transits")


def events() -> pd.DataFrame:
    return data.table("events")


def event_names() -> dict[str, str]:
    catalog = events()
    return dict(zip(catalog["id"], catalog["name_en"]))


# Tables the map draws when the snapshot has them; an older snapshot without them shows the other layers.
OPTIONAL = ("flight_tracks", "japan_tracks", "mnd_reports", "aircraft_types")


def _optional(name: str) -> pd.DataFrame | None:
    return data.table(name) if data.has_table(name) else None


def flight_tracks() -> pd.DataFrame | None:
    return _optional("flight_tracks")


def japan_tracks() -> pd.DataFrame | None:
    return _optional("japan_tracks")


def reports() -> pd.DataFrame | None:
    return _optional("mnd_reports")


def type_names() -> dict[str, str]:
    """Aircraft type id -> its name in the active language (English designation, Japanese name, or the
    zh-TW name MND writes), for the tracks' tooltips."""
    types = _optional("aircraft_types")
    if types is None:
        return {}
    language = i18n.current()
    if language == "ja":
        return dict(zip(types["id"], types["ja"]))
    if language == "zh-TW":
        first = types["zh_tw"].str.split(" / ").str[0]
        return dict(zip(types["id"], first.where(first.str.strip() != "", types["id"])))
    return dict(zip(types["id"], types["id"]))


# The Map's layer switches, in their order on the page (two rows of four), each with the table it needs when
# only some snapshots have it (its switch is then disabled without it, and says what it shows).
LAYER_TABLES: dict[str, str | None] = {
    "zones": None,
    "warnings": None,
    "transits": None,
    "median": None,
    "tracks": "flight_tracks",
    "japan": "japan_tracks",
    "adiz": "mnd_reports",
    "places": None,
}


@dataclass(frozen=True)
class Layers:
    """Which of the Map's layers are switched on."""

    zones: bool = True
    warnings: bool = True
    transits: bool = True
    median: bool = True
    tracks: bool = True
    japan: bool = True
    adiz: bool = True
    places: bool = True


@dataclass(frozen=True)
class MapView:
    """The map of one window and its counts, as the Map page shows them. Cached and shared between sessions:
    read it, never change it."""

    deck: pdk.Deck
    legend: tuple[map_chart.LegendItem, ...]
    zones: int
    warnings: int
    transits: int
    skipped: int  # warnings in the window the parser could not place (nav_warnings_qc)
    far: int  # shown warnings outside the fitted region
    tracks: int | None  # None: the layer is off or the snapshot has no tracks
    japan: int | None
    adiz_reports: int | None  # reports in the window naming ADIZ regions; None: the layer is off or no reports
    adiz_regions: bool  # any region drawn
    shown: pd.DataFrame  # every drawn item, one row each (the table under the map)


def map_view(start: date, end: date, layers: Layers) -> MapView:
    """The map of a window: built once per window, layers, language and snapshot (filtering ~10 tables and
    writing the deck took 0.13-0.3 s of every visit to the Map; bench/RESULTS.md)."""
    return _map_view(start, end, layers, i18n.current(), data.checksum())


@st.cache_resource(show_spinner=False, max_entries=32)
def _map_view(start: date, end: date, layers: Layers, language: str, checksum: str) -> MapView:
    every_zone, every_warning, every_transit = zones(), warnings(), transits()
    tracks, japan, reports_ = flight_tracks(), japan_tracks(), reports()
    shown_zones = calc.active_zones(every_zone, start, end) if layers.zones else every_zone.iloc[0:0]
    shown_warnings = calc.active_warnings(every_warning, start, end) if layers.warnings else every_warning.iloc[0:0]
    shown_transits = calc.transits_in(every_transit, start, end) if layers.transits else every_transit.iloc[0:0]
    shown_tracks = calc.tracks_in(tracks, start, end) if layers.tracks and tracks is not None else None
    shown_japan = calc.japan_in(japan, start, end) if layers.japan and japan is not None else None
    regions = calc.adiz_regions_in(reports_, start, end) if layers.adiz and reports_ is not None else {}
    names = event_names()
    deck = map_chart.strait_map(
        land_url(),
        median_line() if layers.median else None,
        shown_zones,
        shown_warnings,
        shown_transits,
        event_names=names,
        tracks=shown_tracks,
        japan=shown_japan,
        type_names=type_names(),
        adiz=regions,
        places=layers.places,
        fit=True,
        scale=True,
    )
    legend = list(map_chart.LEGEND)
    if shown_tracks is not None and not shown_tracks.empty:
        legend += map_chart.track_legend(shown_tracks["category"])
    if shown_japan is not None and not shown_japan.empty:
        legend.append(map_chart.JAPAN_LEGEND)
    return MapView(
        deck=map_chart.WrittenDeck(deck),
        legend=tuple(legend),
        zones=len(shown_zones),
        warnings=len(shown_warnings),
        transits=len(shown_transits),
        skipped=len(calc.skipped_in(warnings_qc(), start, end)),
        far=calc.outside(shown_warnings, map_chart.FIT_REGION),
        tracks=None if shown_tracks is None else len(shown_tracks),
        japan=None if shown_japan is None else len(shown_japan),
        adiz_reports=(
            calc.reports_naming_regions(reports_, start, end) if layers.adiz and reports_ is not None else None
        ),
        adiz_regions=bool(regions),
        shown=calc.shown_table(shown_zones, shown_warnings, shown_transits, names, shown_tracks, shown_japan),
    )
