"""The Map page's door to the snapshot: geometry and map tables, cached by checksum like ui.data.

Geometry is stored in the snapshot as GeoJSON text (table `geo_features`); it is parsed once per
snapshot version here, so pages and chart builders never touch files.
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

import i18n
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


def land() -> dict | None:
    return _geometry(data.entry(GEO)["sha256"], "land")


def median_line() -> dict | None:
    return _geometry(data.entry(GEO)["sha256"], "median_line")


def zones() -> pd.DataFrame:
    features = data.table(GEO)
    return features[features["layer"] == "exercise_zone"].reset_index(drop=True)


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
