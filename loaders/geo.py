"""Map geometry -> table `geo_features` (and the readable copies in static/geo/*.geojson).

The map must draw with no network, so everything it shows is shipped:

* land: Natural Earth 1:10m land (v4.0.0, public domain), from the 7-Zip copy in the raw folder.
  The 10m set is used because it has Kinmen, Penghu and Lanyu (Matsu's islets are too small even
  for 10m). It is clipped to the China seas box and simplified to about 1 km, which keeps the
  coastline recognisable on a projector at a fraction of the size.
* the Taiwan Strait median line and announced exercise zones: transcribed from cited
  announcements in data/catalog/geo_reference.yaml (written in this project, like the event
  catalog). Each zone names its event in the catalog; an unknown event id is an error.
* Taiwan's ADIZ is deliberately absent: no authoritative published vertex list was found.

Everything goes into the snapshot (checksummed, atomic, like every table), so the app reads
geometry the same way it reads numbers. `export_geojson` writes the same features as GeoJSON
files in static/geo/ for people to inspect and cite; `python -m loaders refresh` calls it for the
committed snapshot, and a test checks the files never drift from the snapshot. Streamlit serves that folder,
and the Map's browser fetches the land from it (settings.GEO_DIR says why).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pandas as pd
import py7zr
import shapely
from shapely.geometry import LineString, Polygon, box, mapping, shape

import settings
from loaders import events_catalog
from loaders.contract import Column, RawFolder, Source, TableSpec, UpstreamFile, conform
from loaders.coords import parse_vertex
from loaders.errors import LoaderError
from loaders.raw_csv import FIRST_DATE, LAST_DATE, parse_json, require_file
from loaders.snapshot import BuiltTable, sha256_of, write_text_atomic

LAND_FILE = UpstreamFile(
    path="natural-earth/10m/physical/ne_10m_land.7z",
    upstream_path="10m/physical/ne_10m_land.7z",
    sha256="891b4df3d433e758717695a65378da105f3ec424f1a891a81cfda72b080ab211",
)
LAND_MEMBER = "ne_10m_land.json"
REFERENCE_PATH = Path("data/catalog/geo_reference.yaml")  # relative to the project folder

# Same box as the navigation-warning plausibility check: Bohai Sea to the South China Sea.
REGION = (105.0, 15.0, 135.0, 42.0)  # lon_min, lat_min, lon_max, lat_max
SIMPLIFY_DEG = 0.01  # ~1 km: Kinmen (~15 km across) keeps its shape
# Around it, as far as a wide screen shows at the Map's widest zoom, coarser land, so the coasts do not
# stop at a straight edge (Honshu at 135°E, Luzon at 15°N); islands smaller than OUTER_MIN_AREA are left out.
OUTER = (60.0, -15.0, 180.0, 60.0)
OUTER_SIMPLIFY_DEG = 0.1  # ~11 km: under 3 px at the zoom that first shows it
OUTER_MIN_AREA = 0.05  # square degrees, ~600 km²
OUTER_OVERLAP_DEG = 0.05  # the two overlap this much at their seam, so no sliver of sea shows between them
PRECISION_DEG = 0.0001  # ~11 m grid for stored coordinates

SOURCE = Source(
    name="Natural Earth land; median line and exercise zones as published (cited per feature)",
    publisher="Natural Earth (public domain), via martynafford/natural-earth-geojson; Taiwan MND (median line); "
    "PLA Eastern Theater Command notices via Xinhua (exercise zones)",
    repo_url="https://github.com/martynafford/natural-earth-geojson",
    commit="0b9a6ceb0a7032713abd9460ac1e995a9c60cd1e",
    commit_date="2024-01-24",
    licence="Natural Earth: public domain (repository CC0 1.0); lines and zones are facts from the cited announcements",
    files=(LAND_FILE,),
)

LAYERS = ("land", "median_line", "exercise_zone")

FEATURES = TableSpec(
    name="geo_features",
    title="Map geometry: land, Taiwan Strait median line, announced exercise zones",
    description=(
        "Everything the Map page draws besides the warnings and transits: Natural Earth land clipped to "
        "the China seas, the median line as published by Taiwan's MND, and PLA exercise zones as announced, "
        "each with its source. Geometry is GeoJSON in WGS84 longitude/latitude."
    ),
    source=SOURCE,
    columns=(
        Column("layer", "str", "land | median_line | exercise_zone", nullable=False),
        Column("feature_id", "str", "Stable id of the feature", nullable=False),
        Column("name", "str", "Name shown on the map", nullable=False),
        Column("event_id", "str", "Event in the `events` table (exercise zones only)"),
        Column("active_from", "datetime64[ns]", "First day the zone was announced for (zones only)"),
        Column("active_to", "datetime64[ns]", "Last day the zone was announced for (zones only)"),
        Column("source", "str", "Where the geometry comes from", nullable=False),
        Column("source_url", "str", "Address of the source", nullable=False),
        Column("geometry_geojson", "str", "GeoJSON geometry (WGS84 lon/lat degrees)", nullable=False),
    ),
    key=("layer", "feature_id"),
    date_column=None,
    notes=(
        f"Land: Natural Earth 1:10m land v4.0.0 clipped to {REGION[0]:g}–{REGION[2]:g}°E, {REGION[1]:g}–{REGION[3]:g}°N "
        f"and simplified to {SIMPLIFY_DEG:g}° (~1 km); Matsu's islets are below Natural Earth's resolution. Around "
        f"it, out to {OUTER[0]:g}–{OUTER[2]:g}°E, {OUTER[1]:g}–{OUTER[3]:g}°N (what a wide screen shows at the "
        f"Map's widest zoom), land simplified to {OUTER_SIMPLIFY_DEG:g}° (~11 km), without islands under "
        f"{OUTER_MIN_AREA:g} square degrees.",
        "Median line: 27°N 122°E to 23°N 118°E as given by Taiwan's MND (Taiwan News, 2019-07-30).",
        "Exercise zones: August 2022 (6 zones) and Justice Mission-2025 (5 zones) as announced via Xinhua. No "
        "published coordinates were found for Joint Sword-2023, Joint Sword-2024A/B or Strait Thunder-2025A "
        "(the PLA published maps only), nor for Taiwan's ADIZ; those are not drawn.",
        "Readable copies: static/geo/*.geojson (written from this table on refresh; the Map's browser fetches the "
        "land from there); sources in static/geo/SOURCES.md.",
    ),
)

TABLES = (FEATURES,)


# --- land -------------------------------------------------------------------------------------------


def read_land(path: Path) -> dict:
    """The Natural Earth GeoJSON inside the 7-Zip archive (extracted to a temporary folder)."""
    require_file(path)
    try:
        with tempfile.TemporaryDirectory(prefix="csi-ne-") as tmp, py7zr.SevenZipFile(path) as archive:
            if LAND_MEMBER not in archive.getnames():
                raise LoaderError(path, f"archive has no '{LAND_MEMBER}' (found {', '.join(archive.getnames())})")
            archive.extractall(tmp)
            data = (Path(tmp) / LAND_MEMBER).read_bytes()
    except LoaderError:
        raise
    except Exception as exc:  # noqa: BLE001 - py7zr reports a corrupt archive as any of Bad7zFile, CrcError,
        # EOFError, lzma.LZMAError, zlib.error, ...; whatever the decoder trips on, the file is unreadable.
        raise LoaderError(path, f"not a readable 7-Zip archive ({type(exc).__name__}: {exc})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LoaderError(path, f"'{LAND_MEMBER}' is not valid GeoJSON ({exc})") from None
    document = parse_json(text, path, what=f"GeoJSON in '{LAND_MEMBER}'")
    if not isinstance(document, dict):
        raise LoaderError(path, f"'{LAND_MEMBER}' is not a GeoJSON FeatureCollection")
    return document


def clip_land(collection: dict, path: Path) -> shapely.Geometry:
    """Land inside REGION, unioned, simplified to about 1 km, with coarser land around it out to OUTER;
    snapped to a small grid; always valid."""
    outer, region = box(*OUTER), box(*REGION)
    pieces = []
    features = collection.get("features", []) if isinstance(collection, dict) else None
    if not isinstance(features, list):
        raise LoaderError(path, f"'{LAND_MEMBER}' is not a GeoJSON FeatureCollection (no 'features' list)")
    for number, feature in enumerate(features, start=1):
        try:
            if feature["geometry"] is None:
                continue  # an unlocated feature: valid GeoJSON, nothing to draw
            geometry = shape(feature["geometry"])
            if geometry.intersects(outer):
                pieces.append(shapely.make_valid(geometry).intersection(outer))
        except (
            KeyError,
            TypeError,
            ValueError,
            AttributeError,
            shapely.errors.ShapelyError,
        ) as exc:  # ShapelyError: GEOS and
            # geometry-type errors ('Unknown geometry type', self-intersection topology failures, ...)
            raise LoaderError(path, f"feature {number} has no readable geometry ({exc})") from None
    near = [piece.intersection(region) for piece in pieces]
    near = [piece for piece in near if not piece.is_empty]
    if not near:
        raise LoaderError(path, f"no land inside {REGION}; wrong file?")
    land = shapely.union_all(near).simplify(SIMPLIFY_DEG, preserve_topology=True)
    inner = region.buffer(-OUTER_OVERLAP_DEG, join_style="mitre")
    around = shapely.union_all(pieces).simplify(OUTER_SIMPLIFY_DEG, preserve_topology=True).difference(inner)
    kept = [part for part in shapely.get_parts(around) if part.area >= OUTER_MIN_AREA]
    land = shapely.union_all([land, *kept])
    land = shapely.set_precision(land, PRECISION_DEG)
    return shapely.make_valid(land)


# --- reference lines and zones ----------------------------------------------------------------------


def _vertices(items, path: Path, where: str) -> list[tuple[float, float]]:
    if not isinstance(items, list) or not items:
        raise LoaderError(path, f"{where}, field 'vertices': missing or empty")
    points = []
    for item in items:
        vertex = parse_vertex(str(item))
        if vertex is None:
            raise LoaderError(path, f"{where}, field 'vertices': '{item}' is not a position (DD-MM-SSN DDD-MM-SSE)")
        lon_min, lat_min, lon_max, lat_max = REGION
        if not (lon_min <= vertex.lon <= lon_max and lat_min <= vertex.lat <= lat_max):
            raise LoaderError(path, f"{where}, field 'vertices': '{item}' lies outside the map region")
        points.append((vertex.lon, vertex.lat))
    return points


def _text(entry: dict, field: str, path: Path, where: str) -> str:
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise LoaderError(path, f"{where}, field '{field}': missing or empty")
    return " ".join(value.split())


def _day(entry: dict, field: str, path: Path, where: str) -> pd.Timestamp:
    value = entry.get(field)
    try:
        day = pd.Timestamp(value) if value is not None else pd.NaT
    except (TypeError, ValueError):
        raise LoaderError(path, f"{where}, field '{field}': '{value}' is not a date") from None
    if pd.notna(day) and not FIRST_DATE <= day <= LAST_DATE:
        raise LoaderError(path, f"{where}, field '{field}': '{value}' is outside the dates the snapshot can hold")
    return day


def _mapping(value, path: Path, where: str) -> dict:
    """A YAML section that must be a mapping of fields (a typo can make it a number or a list)."""
    if not isinstance(value, dict):
        raise LoaderError(path, f"{where}: expected a mapping of fields, got {type(value).__name__}")
    return value


def reference_features(path: Path, event_ids: set[str]) -> list[dict]:
    """Median line and exercise zones from the hand-written reference file, validated."""
    document = events_catalog.read_yaml(path)
    if not isinstance(document, dict) or "median_line" not in document:
        raise LoaderError(path, "expected 'median_line:' and 'exercise_zones:' sections")
    line = _mapping(document["median_line"], path, "median_line")
    where = f"median_line (id '{line.get('id', '')}')"
    points = _vertices(line.get("vertices"), path, where)
    if len(points) < 2:
        raise LoaderError(path, f"{where}, field 'vertices': a line needs two positions")
    features = [
        {
            "layer": "median_line",
            "feature_id": _text(line, "id", path, where),
            "name": _text(line, "name", path, where),
            "event_id": pd.NA,
            "active_from": pd.NaT,
            "active_to": pd.NaT,
            "source": _text(line, "source", path, where),
            "source_url": _text(line, "source_url", path, where),
            "geometry": LineString(points),
        }
    ]
    zones = document.get("exercise_zones") or []
    if not isinstance(zones, list):
        raise LoaderError(path, f"exercise_zones: expected a list, got {type(zones).__name__}")
    for index, zone in enumerate(zones, start=1):
        zone = _mapping(zone, path, f"exercise_zones entry {index}")
        where = f"exercise_zones entry {index} (id '{zone.get('id', '')}')"
        vertices = _vertices(zone.get("vertices"), path, where)
        if len(vertices) < 3:
            raise LoaderError(path, f"{where}, field 'vertices': an area needs at least three positions")
        polygon = Polygon(vertices)
        if len(polygon.exterior.coords) < 4 or not polygon.is_valid:
            raise LoaderError(
                path,
                f"{where}, field 'vertices': the outline is not a simple polygon ({shapely.is_valid_reason(polygon)})",
            )
        event_id = _text(zone, "event_id", path, where)
        if event_id not in event_ids:
            raise LoaderError(path, f"{where}, field 'event_id': '{event_id}' is not in the event catalog")
        start, end = _day(zone, "active_from", path, where), _day(zone, "active_to", path, where)
        if pd.isna(start) or pd.isna(end) or end < start:
            raise LoaderError(path, f"{where}, field 'active_to': give active_from and active_to, in order")
        features.append(
            {
                "layer": "exercise_zone",
                "feature_id": _text(zone, "id", path, where),
                "name": _text(zone, "name", path, where),
                "event_id": event_id,
                "active_from": start,
                "active_to": end,
                "source": _text(zone, "source", path, where),
                "source_url": _text(zone, "source_url", path, where),
                "geometry": shapely.geometry.polygon.orient(polygon),
            }
        )
    return features


# --- assemble ---------------------------------------------------------------------------------------


def _geojson(geometry: shapely.Geometry) -> str:
    # Compact and key-sorted, so the same geometry always gives the same bytes (reproducible snapshot).
    return json.dumps(mapping(geometry), separators=(",", ":"), sort_keys=True)


def features_frame(features: list[dict]) -> pd.DataFrame:
    rows = [
        {**{k: v for k, v in f.items() if k != "geometry"}, "geometry_geojson": _geojson(f["geometry"])}
        for f in features
    ]
    frame = pd.DataFrame(rows, columns=[c.name for c in FEATURES.columns])
    frame = conform(frame, FEATURES)
    if frame["feature_id"].duplicated().any():
        raise LoaderError(
            REFERENCE_PATH,
            f"duplicate feature id '{frame.loc[frame['feature_id'].duplicated(), 'feature_id'].iloc[0]}'",
        )
    return frame.sort_values(["layer", "feature_id"]).reset_index(drop=True)


def build(raw: RawFolder, reference: Path | None = None, catalog: Path | None = None) -> list[BuiltTable]:
    land_path = raw.locate(LAND_FILE)
    reference = Path(reference) if reference is not None else settings.PROJECT_DIR / REFERENCE_PATH
    land = clip_land(read_land(land_path), land_path)
    event_ids = set(events_catalog.load_catalog(catalog)["id"])
    features = [
        {
            "layer": "land",
            "feature_id": "natural-earth-10m-land",
            "name": "Land",
            "event_id": pd.NA,
            "active_from": pd.NaT,
            "active_to": pd.NaT,
            "source": "Natural Earth 1:10m land v4.0.0 (public domain), clipped and simplified",
            "source_url": "https://www.naturalearthdata.com/downloads/10m-physical-vectors/10m-land/",
            "geometry": land,
        },
        *reference_features(reference, event_ids),
    ]
    digest = sha256_of(land_path)
    inputs = [
        {
            "path": LAND_FILE.path,
            "upstream_path": LAND_FILE.upstream_path,
            "url": SOURCE.url_of(LAND_FILE),
            "sha256": digest,
            "matches_pinned_commit": digest == LAND_FILE.sha256,
        },
        events_catalog.input_record(reference),
    ]
    return [BuiltTable(FEATURES, features_frame(features), inputs)]


# --- readable copies in static/geo ------------------------------------------------------------------


def feature_collection(frame: pd.DataFrame) -> dict:
    """A GeoJSON FeatureCollection of table rows (properties: everything but the geometry)."""
    features = []
    for row in frame.itertuples(index=False):
        properties = {
            "id": row.feature_id,
            "name": row.name,
            "layer": row.layer,
            "event_id": None if pd.isna(row.event_id) else row.event_id,
            "active_from": None if pd.isna(row.active_from) else f"{row.active_from:%Y-%m-%d}",
            "active_to": None if pd.isna(row.active_to) else f"{row.active_to:%Y-%m-%d}",
            "source": row.source,
            "source_url": row.source_url,
        }
        features.append({"type": "Feature", "properties": properties, "geometry": json.loads(row.geometry_geojson)})
    return {"type": "FeatureCollection", "features": features}


def export_geojson(frame: pd.DataFrame, out_dir: Path | None = None) -> list[Path]:
    """One file per layer, each written to a temp file then renamed (never half-written)."""
    out_dir = Path(out_dir) if out_dir is not None else settings.GEO_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for layer in LAYERS:
        target = out_dir / f"{layer}.geojson"
        text = (
            json.dumps(feature_collection(frame[frame["layer"] == layer]), ensure_ascii=False, separators=(",", ":"))
            + "\n"
        )
        write_text_atomic(target, text)
        written.append(target)
    return written
