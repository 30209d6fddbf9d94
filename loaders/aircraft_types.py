"""The aircraft-type catalogue (data/catalog/aircraft_types.yaml) -> `aircraft_types`, checked against the raw tracks.

MND names each aircraft type on its flight-track maps in zh-TW, and The Reporter traced those names
(2022 file: `機型中文`, since its `Aircraft_Type` field is mis-encoded UTF-8; 2023 file: `aircraft_type`).
The catalogue gives each type an English designation, a category and a Japanese name, so charts can
group and label types in three languages. Why the refresh fails on an unlisted name: a type missing
from the catalogue would silently fall out of every per-category count. A blank type (two tracks in the
2022 file) is not a name and is counted as `untyped`. From 16 Jan 2024 MND drew areas without types.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

import settings
from loaders import flight_tracks
from loaders.contract import Column, RawFolder, Source, TableSpec, conform
from loaders.errors import LoaderError
from loaders.events_catalog import input_record as project_record
from loaders.events_catalog import read_yaml
from loaders.raw_json import field, read_json
from loaders.snapshot import BuiltTable, input_record

CATALOG_FILE = "aircraft_types.yaml"
CATEGORIES = (
    "fighter",
    "bomber",
    "asw_patrol",
    "early_warning_ew",
    "tanker_transport",
    "uav",
    "helicopter",
    "balloon",
    "other",
)
# raw file -> the property holding MND's zh-TW type name
NAME_FIELDS = ((flight_tracks.TRACKS_2022, "機型中文"), (flight_tracks.TRACKS_2023, "aircraft_type"))

SOURCE = Source(
    name="Aircraft-type catalogue (this project), checked against MND's type names as traced by The Reporter",
    publisher="Cross-Strait Security Indicators project; type names from Taiwan MND via The Reporter (報導者)",
    **flight_tracks.TWREPORTER.fields(),
    licence="Project work; names from MND public maps (traced files: MIT, data-reporter/PLA_Path_Database)",
    files=tuple(file for file, _ in NAME_FIELDS),
)

TYPES = TableSpec(
    name="aircraft_types",
    title="PLA aircraft types on MND's flight-track maps: designation, category, zh-TW and Japanese names",
    description="One row per aircraft type: English designation, category, the zh-TW names MND writes, the "
    "Japanese name, and how many traced tracks (Aug 2022 – Jan 2024) carry it.",
    source=SOURCE,
    columns=(
        Column("id", "str", "English designation", nullable=False),
        Column("category", "str", " | ".join(CATEGORIES), nullable=False),
        Column("zh_tw", "str", "Names as MND writes them (zh-TW; ' / ' between variants)", nullable=False),
        Column("ja", "str", "Japanese name", nullable=False),
        Column("tracks", "Int64", "Traced tracks of this type, Aug 2022 – Jan 2024", unit="tracks", nullable=False),
    ),
    key=("id",),
    date_column=None,
    notes=(
        "Written by hand in data/catalog/aircraft_types.yaml; every zh-TW name in the traced files must map to "
        "one type, or the refresh fails naming it.",
    ),
)

TABLES = (TYPES,)


def _text(value, path: Path, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise LoaderError(path, f"{where} must be non-empty text, not {value!r}")
    return value.strip()


def read_catalog(path: Path) -> tuple[list[dict], dict[str, str]]:
    """The types, and zh-TW name -> type id; every entry checked."""
    raw = read_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("types"), list) or not raw["types"]:
        raise LoaderError(path, "expected a mapping with a non-empty list under 'types'")
    types: list[dict] = []
    names: dict[str, str] = {}
    for number, entry in enumerate(raw["types"], start=1):
        where = f"type {number}"
        if not isinstance(entry, dict):
            raise LoaderError(path, f"{where} is not a mapping")
        kind: dict[str, Any] = {
            "id": _text(entry.get("id"), path, f"{where}.id"),
            "category": _text(entry.get("category"), path, f"{where}.category"),
            "ja": _text(entry.get("ja"), path, f"{where}.ja"),
        }
        if kind["category"] not in CATEGORIES:
            raise LoaderError(path, f"{where}.category '{kind['category']}' is not one of {', '.join(CATEGORIES)}")
        if any(t["id"] == kind["id"] for t in types):
            raise LoaderError(path, f"{where}.id '{kind['id']}' is listed twice")
        zh, jso = entry.get("zh_tw"), entry.get("jso_zh", [])
        if not isinstance(jso, list):
            raise LoaderError(path, f"{where}.jso_zh must be a list of names")
        if not isinstance(zh, list) or not (zh or jso):
            raise LoaderError(
                path, f"{where}.zh_tw must be a non-empty list of names (or jso_zh for a Japan-only type)"
            )
        kind["zh_names"] = [_text(n, path, f"{where}.zh_tw") for n in zh]
        kind["jso_names"] = [_text(n, path, f"{where}.jso_zh") for n in jso]
        for name in kind["zh_names"]:
            if name in names:
                raise LoaderError(path, f"{where}: zh-TW name '{name}' is already listed under '{names[name]}'")
            names[name] = kind["id"]
        types.append(kind)
    jso_names(types, path)  # a name listed twice is refused here already
    return types, names


def jso_names(types: list[dict], path: Path) -> dict[str, str]:
    """Japan Joint Staff name (The Reporter's zh-TW translation) -> type id, from read_catalog's types."""
    found: dict[str, str] = {}
    for kind in types:
        for name in kind.get("jso_names", []):
            if name in found:
                raise LoaderError(path, f"jso_zh name '{name}' is listed under both '{found[name]}' and '{kind['id']}'")
            found[name] = kind["id"]
    return found


def raw_names(path: Path, key: str) -> Counter:
    """zh-TW type name -> tracks in one traced file ('' for a track drawn without a type)."""
    features = field(read_json(path), path, "features")
    if not isinstance(features, list):
        raise LoaderError(path, "'features' is not a list")
    found: Counter = Counter()
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            raise LoaderError(path, f"feature {number} has no properties object", column="properties")
        value = props.get(key)
        if value is not None and not isinstance(value, str):
            raise LoaderError(path, f"'{value}' is not a type name", column=f"feature {number}.{key}")
        found[(value or "").strip()] += 1
    return found


def build(raw: RawFolder) -> list[BuiltTable]:
    catalog = settings.CATALOG_DIR / CATALOG_FILE
    types, names = read_catalog(catalog)
    tracks: Counter = Counter()
    inputs = [project_record(catalog)]
    for file, key in NAME_FIELDS:
        path = raw.locate(file)
        for name, count in raw_names(path, key).items():
            if name and name not in names:
                raise LoaderError(path, f"aircraft type '{name}' is not in {CATALOG_FILE}; add it there", column=key)
            if name:
                tracks[names[name]] += count
        inputs.append(input_record(SOURCE, file, path))
    frame = pd.DataFrame(
        [
            {
                "id": t["id"],
                "category": t["category"],
                "zh_tw": " / ".join(t["zh_names"]),
                "ja": t["ja"],
                "tracks": tracks.get(t["id"], 0),
            }
            for t in types
        ],
        columns=[c.name for c in TYPES.columns],
    )
    frame = frame.sort_values("id").reset_index(drop=True)
    return [BuiltTable(TYPES, conform(frame, TYPES), inputs)]
