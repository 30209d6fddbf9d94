"""Where PLA aircraft flew, as MND drew it and The Reporter traced it -> `flight_tracks` (one row per drawn shape).

Source: data-reporter/PLA_Path_Database (MIT), the same three files as `flight_tracks_daily`. Tracks
(1 Aug 2022 – 15 Jan 2024) carry MND's zh-TW aircraft type, mapped through the aircraft-type catalogue
(loaders/aircraft_types.py: an unlisted name stops the refresh there); areas (from 16 Jan 2024) carry
only flags (UAV, fighter, helicopter, main/support combat aircraft), so an area's category is the one
class its flags name, or `other` when they name several; balloons are their own kind. The Reporter's
split copies of areas (`polygon_#separate`) and distance labels are not loaded (they repeat or are not
aircraft). Method and limits (traced by hand; fit for small-scale maps, not close zoom) are theirs.

Each geometry must be a (Multi)LineString or (Multi)Polygon with finite lon/lat inside the region
around Taiwan the map shows, since a shape elsewhere means a slip in tracing or in the file.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

import settings
from loaders import aircraft_types, flight_tracks
from loaders.contract import Column, RawFolder, TableSpec, conform
from loaders.errors import LoaderError
from loaders.events_catalog import input_record as project_record
from loaders.raw_json import field, read_json
from loaders.snapshot import BuiltTable, input_record

SOURCE = flight_tracks.SOURCE  # the same three traced files

GEOMETRIES = ("LineString", "MultiLineString", "Polygon", "MultiPolygon")
REGION = (112.0, 18.0, 130.0, 30.0)  # lon/lat box around Taiwan (west, south, east, north)
AREA_FLAGS = {
    "if_殲擊機": "fighter",
    "if_無人機": "uav",
    "if_直升機": "helicopter",
    "if_主戰機": "other",
    "if_輔戰機": "other",
}

TRACKS = TableSpec(
    name="flight_tracks",
    title="PLA flight tracks and activity areas drawn on MND's daily maps (traced by The Reporter)",
    description="One row per track (to 15 Jan 2024), activity area (from 16 Jan 2024) or balloon MND drew: report "
    "day, aircraft type and category, aircraft count, geometry, source file and image.",
    source=SOURCE,
    columns=(
        Column("date", "datetime64[ns]", "MND report day (date of the map image)", nullable=False),
        Column("kind", "str", "track | area | balloon", nullable=False),
        Column("type_id", "str", "Aircraft type (aircraft_types.id); tracks only"),
        Column("type_zh", "str", "Aircraft type as MND wrote it (zh-TW); tracks only"),
        Column("category", "str", " | ".join(aircraft_types.CATEGORIES), nullable=False),
        Column(
            "aircraft",
            "Int64",
            "Aircraft on this track or in this area (blank: not stated; balloons: blank)",
            unit="aircraft",
        ),
        Column("balloons", "Int64", "Balloons on this track (2023 file; blank elsewhere)", unit="balloons"),
        Column("source_file", "str", "Raw file", nullable=False),
        Column("source_image", "str", "MND map image the shape was traced from (2024 file only)"),
        Column("geometry_geojson", "str", "GeoJSON geometry (WGS84 lon/lat degrees)", nullable=False),
    ),
    key=(),
    notes=(
        "Traced by hand by The Reporter from MND's images: fit for small-scale maps, not close zoom.",
        "MND drew only aircraft that crossed the median line or entered the south-western ADIZ.",
        "Sorted by date, file and position in the file.",
    ),
)

TABLES = (TRACKS,)


def points_of(coords, depth: int):
    """The [lon, lat] points of GeoJSON coordinates nested `depth` lists deep (1: a line, 2: a multi-line or a
    polygon's rings, 3: a multi-polygon)."""
    if depth == 0:
        yield coords
    else:
        for item in coords:
            yield from points_of(item, depth - 1)


def geometry(value, path: Path, where: str) -> str:
    """The shape as compact GeoJSON, after checking its type and that every point is inside REGION."""
    if not isinstance(value, dict) or value.get("type") not in GEOMETRIES:
        raise LoaderError(path, f"{where} is not a line or polygon geometry", column="geometry")
    depth = {"LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}[value["type"]]
    try:
        points = list(points_of(value.get("coordinates"), depth))
        ok = bool(points) and all(
            len(p) >= 2
            and all(isinstance(c, (int, float)) and not isinstance(c, bool) and math.isfinite(c) for c in p[:2])
            for p in points
        )
    except TypeError:
        ok = False
    if not ok:
        raise LoaderError(path, f"{where} has unreadable coordinates", column="geometry.coordinates")
    west, south, east, north = REGION
    if not all(west <= p[0] <= east and south <= p[1] <= north for p in points):
        raise LoaderError(path, f"{where} lies outside the region around Taiwan", column="geometry.coordinates")
    return json.dumps({"type": value["type"], "coordinates": value["coordinates"]}, separators=(",", ":"))


def _features(path: Path) -> list[tuple[int, dict, dict]]:
    features = field(read_json(path), path, "features")
    if not isinstance(features, list):
        raise LoaderError(path, "'features' is not a list")
    out = []
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            raise LoaderError(path, f"feature {number} has no properties object", column="properties")
        out.append((number, props, feature.get("geometry")))
    return out


def tracks(path: Path, date_key: str, name_key: str, names: dict[str, str], kinds: dict[str, str]) -> list[dict]:
    rows = []
    for number, props, shape in _features(path):
        where = f"feature {number}"
        name = str(props.get(name_key) or "").strip()
        type_id = names.get(name) if name else None
        if name and type_id is None:
            raise LoaderError(path, f"aircraft type '{name}' is not in {aircraft_types.CATALOG_FILE}", column=name_key)
        category = kinds[type_id] if type_id else "other"
        count = flight_tracks._count(props.get("num"), path, f"{where}.num")
        balloon = category == "balloon"  # a balloon is not an aircraft: its number goes in its own column
        rows.append(
            {
                "date": flight_tracks._date(props.get(date_key), path, f"{where}.{date_key}"),
                "kind": "balloon" if balloon else "track",
                "type_id": type_id,
                "type_zh": name or None,
                "category": category,
                "aircraft": None if balloon else count,
                "balloons": count if balloon else None,
                "source_file": path.name,
                "source_image": None,
                "geometry_geojson": geometry(shape, path, where),
            }
        )
    return rows


def areas(path: Path) -> list[dict]:
    rows = []
    for number, props, shape in _features(path):
        kind = props.get("category")
        if kind not in (*flight_tracks.AREA_KINDS, "balloon"):
            continue
        where = f"feature {number}"
        if kind == "balloon":
            category, count = "balloon", None
        else:
            named = {cat for flag, cat in AREA_FLAGS.items() if str(props.get(flag) or "") == "1"}
            category = named.pop() if len(named) == 1 else "other"
            sorties = flight_tracks.SORTIES.findall(str(props.get("description") or ""))
            count = (
                sum(flight_tracks._count(s, path, f"{where}.description") or 0 for s in sorties) if sorties else None
            )
        image = props.get("src_1")
        rows.append(
            {
                "date": flight_tracks._date(props.get("date"), path, f"{where}.date"),
                "kind": "balloon" if kind == "balloon" else "area",
                "type_id": None,
                "type_zh": None,
                "category": category,
                "aircraft": count,
                "balloons": None,
                "source_file": path.name,
                "source_image": str(image) if image else None,
                "geometry_geojson": geometry(shape, path, where),
            }
        )
    return rows


def build(raw: RawFolder) -> list[BuiltTable]:
    catalog = settings.CATALOG_DIR / aircraft_types.CATALOG_FILE
    types, names = aircraft_types.read_catalog(catalog)
    kinds = {t["id"]: t["category"] for t in types}
    files = [(f, raw.locate(f)) for f in SOURCE.files]
    rows = (
        tracks(files[0][1], "dates_fixed", "機型中文", names, kinds)
        + tracks(files[1][1], "date", "aircraft_type", names, kinds)
        + areas(files[2][1])
    )
    frame = pd.DataFrame(rows, columns=[c.name for c in TRACKS.columns])
    frame = frame.sort_values("date", kind="stable").reset_index(drop=True)
    frame = conform(frame, TRACKS)
    inputs = [input_record(SOURCE, f, p) for f, p in files] + [project_record(catalog)]
    return [BuiltTable(TRACKS, frame, inputs)]
