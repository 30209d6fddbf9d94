"""Where PLA (and joint China–Russia) ships and aircraft went near Japan, as Japan's Joint Staff Office drew
it and The Reporter traced it -> `japan_tracks` (one row per drawn arrow, ellipse or outline).

Source: data-reporter/PLA_Path_Database (MIT), Japan/jp_data_cleaned.csv and .geojson: the maps in the
Joint Staff Office's press-release PDFs (Aug 2022 – Aug 2023), traced by hand, with the label beside each
shape translated into zh-TW (`id_content`), the ship or aircraft types it names (`unique_labels`), and the
PDF's name and address. Why both files are read: the CSV has no final line break, so a copy cut short
inside its last row cannot be told from a whole one; the GeoJSON holds the same rows, and every row must
agree field by field with its feature, which also catches a truncated or edited GeoJSON.

Cleaning rules:
* date = the press release's day, from the PDF name (pYYYYMMDD_NN.pdf; c… for The Reporter's additions
  from the MOD news page); the label's own days (e.g. "7/31_…") are kept in `label` as written.
* aircraft names map through the aircraft-type catalogue (`jso_zh` in data/catalog/aircraft_types.yaml):
  an unlisted name stops the refresh there, as for the Taiwan tracks; ships keep the names as given
  (category `ship`). A shape naming types of several categories is `other`.
* count = the "N機" / "N隻" the label states (summed; its own total "計N隻" where it gives one), blank when
  it states none (most ship labels give hull numbers instead). A ship named without a number is not
  counted, so ship counts are a lower bound.
* `version`: upstream marks shapes repeated from an earlier release as `old`; `new` alone removes the
  repeats (the map draws only `new`). Both are kept here.
"""

from __future__ import annotations

import ast
import json
import math
import re
import unicodedata
from pathlib import Path

import pandas as pd

import settings
from loaders import aircraft_types
from loaders.contract import Column, RawFolder, Source, TableSpec, UpstreamFile
from loaders.errors import LoaderError
from loaders.events_catalog import input_record as project_record
from loaders.flight_tracks import TWREPORTER
from loaders.raw_csv import line_of, parse_dates, read_csv_strings, read_json
from loaders.snapshot import BuiltTable, input_record
from loaders.track_geometry import points_of

CSV = UpstreamFile(
    path="pla-path-database-twreporter/Japan/jp_data_cleaned.csv",
    upstream_path="Japan/jp_data_cleaned.csv",
    sha256="c304a8eec3d1f7f8675113bb80d5549057411643ebdb2d4e0e1a8a123b87f097",
)
GEOJSON = UpstreamFile(
    path="pla-path-database-twreporter/Japan/jp_data_cleaned.geojson",
    upstream_path="Japan/jp_data_cleaned.geojson",
    sha256="9e0c548cbfb2525418847a15f364df07aca9264b11094207a925b880bff52a3f",
)

SOURCE = Source(
    name="Japan Joint Staff Office track maps traced by The Reporter (報導者) data team",
    publisher="Joint Staff Office, Ministry of Defense of Japan; traced by The Reporter (報導者)",
    **TWREPORTER.fields(),
    licence="MIT (data-reporter/PLA_Path_Database); facts from Japan MOD public press releases",
    files=(CSV, GEOJSON),
)

COLUMNS = [
    "order",
    "type",
    "src",
    "country",
    "version",
    "category",
    "id_num",
    "id_content",
    "group_detail",
    "shape",
    "data",
    "geojson",
    "unique_labels",
    "file_name",
    "urls",
    "first_page_content",
]
KINDS = {"flight": "aircraft", "ship": "ship"}
COUNTRIES = ("china", "russia", "both")
VERSIONS = ("new", "old", "sum")
CATEGORIES = (*aircraft_types.CATEGORIES, "ship")
REGION = (115.0, 5.0, 150.0, 50.0)  # lon/lat box around Japan's south-west islands and Taiwan
FIRST_DAY = pd.Timestamp("2022-07-01")  # the tracing starts with the 1 Aug 2022 release
PDF_NAME = re.compile(r"[pc](\d{8})_[0-9A-Za-z_]+\.pdf")
PDF_URL = re.compile(r"https://www\.mod\.go\.jp/[0-9A-Za-z_/.\-]+\.pdf")
# "（2機）", "×1機", "1隻": a number right before 機 (aircraft) or 隻 (ships), not part of a designation (殲-16機)
COUNT = re.compile(r"(?<![0-9A-Za-z\-])(\d+)\s*[機隻]")
TOTAL = re.compile(r"[計等]\s*(\d+)\s*[機隻]")  # "…の計5隻", "等7隻船艦": the label's own total
NEGATIVE = re.compile(r"(?:^|(?<=[(（×\s]))-\s*\d+\s*[機隻]")
MAX_COUNT = 100
MAX_CELL = 200_000  # characters; no real geometry or label list is near this

TRACKS = TableSpec(
    name="japan_tracks",
    title="PLA ship and aircraft tracks on Japan Joint Staff Office maps, Aug 2022 – Aug 2023 (traced by The Reporter)",
    description="One row per arrow, ellipse or outline the Joint Staff Office drew in a press release: release "
    "day, ships or aircraft named (as given, and typed through the aircraft-type catalogue), count where stated, "
    "geometry, and the source PDF.",
    source=SOURCE,
    columns=(
        Column("date", "datetime64[ns]", "Day of the press release (from the PDF name)", nullable=False),
        Column("order", "Int64", "The Reporter's row number (unique; not a time order)", nullable=False),
        Column("kind", "str", "aircraft | ship", nullable=False),
        Column("country", "str", "china | russia | both (joint China–Russia activity)", nullable=False),
        Column("version", "str", "new | old (repeated from an earlier release) | sum", nullable=False),
        Column(
            "types_given", "str", "Types named, as The Reporter translated them (zh-TW; ' / ' between)", nullable=False
        ),
        Column("type_id", "str", "Aircraft types (aircraft_types.id; ' / ' between); aircraft only"),
        Column("category", "str", " | ".join(CATEGORIES), nullable=False),
        Column(
            "count",
            "Int64",
            "Aircraft or ships the label states (blank: not stated; ships named without a number not counted)",
            unit="aircraft or ships",
        ),
        Column("label", "str", "The label beside the shape, translated into zh-TW by The Reporter", nullable=False),
        Column("shape", "str", "arrow | ellipse | … (as drawn)", nullable=False),
        Column("geometry_geojson", "str", "GeoJSON geometry (WGS84 lon/lat degrees)", nullable=False),
        Column("source_pdf", "str", "Joint Staff Office PDF the shape was traced from", nullable=False),
        Column("source_url", "str", "Address of that PDF (www.mod.go.jp)", nullable=False),
        Column("source_file", "str", "Raw file", nullable=False),
    ),
    key=("date", "order"),
    notes=(
        "Traced by hand by The Reporter from the Joint Staff Office's maps: fit for small-scale maps, not close zoom.",
        "Shapes repeated from an earlier release are kept with version 'old'; keep 'new' to count each once.",
        "Labels and type names are The Reporter's zh-TW translations of the Japanese originals.",
    ),
)

TABLES = (TRACKS,)


def _literal(text: str, path: Path, row: int, column: str):
    """A Python literal as The Reporter wrote it (lists and dicts in single quotes); never evaluated as code."""
    if len(text) > MAX_CELL:
        raise LoaderError(path, f"cell is implausibly long ({len(text):,} characters)", row=row, column=column)
    try:
        return ast.literal_eval(text)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        raise LoaderError(path, f"'{text[:60]}' is not a readable list or geometry", row=row, column=column) from None


def geometry(value, path: Path, row: int) -> dict:
    """The shape, after checking it is a (Multi)LineString with finite lon/lat inside REGION."""
    if not isinstance(value, dict) or value.get("type") not in ("LineString", "MultiLineString"):
        raise LoaderError(path, "not a line geometry", row=row, column="geojson")
    try:
        points = list(points_of(value.get("coordinates"), 1 if value["type"] == "LineString" else 2))
        ok = len(points) >= 2 and all(
            isinstance(p, (list, tuple))
            and len(p) >= 2
            and all(isinstance(c, (int, float)) and not isinstance(c, bool) and math.isfinite(c) for c in p[:2])
            for p in points
        )
    except TypeError:
        ok = False
    if not ok:
        raise LoaderError(path, "unreadable coordinates", row=row, column="geojson")
    west, south, east, north = REGION
    if not all(west <= p[0] <= east and south <= p[1] <= north for p in points):
        raise LoaderError(path, "a point lies outside the region around Japan and Taiwan", row=row, column="geojson")
    return {"type": value["type"], "coordinates": value["coordinates"]}


def _choice(value: str, allowed, path: Path, row: int, column: str) -> str:
    if value not in allowed:
        raise LoaderError(path, f"'{value}' is not one of {', '.join(allowed)}", row=row, column=column)
    return value


def count(label: str, path: Path, row: int) -> int | None:
    """Aircraft or ships the label states (see COUNT); None when it states no number."""
    text = unicodedata.normalize("NFKC", label)
    if NEGATIVE.search(text):
        raise LoaderError(path, f"'{label[:60]}' states a negative count", row=row, column="id_content")
    totals = [int(n) for n in TOTAL.findall(text)]
    numbers = totals or [int(n) for n in COUNT.findall(text)]
    total = max(totals) if totals else sum(numbers)
    if total > MAX_COUNT:
        raise LoaderError(
            path, f"'{label[:60]}' states {total}, implausibly many (over {MAX_COUNT})", row=row, column="id_content"
        )
    return total if numbers else None


def _types(text: str, kind: str, names: dict[str, str], kinds: dict[str, str], path: Path, row: int) -> tuple:
    labels = _literal(text, path, row, "unique_labels")
    if not isinstance(labels, list) or not labels or not all(isinstance(n, str) and n.strip() for n in labels):
        raise LoaderError(path, f"'{text[:60]}' is not a non-empty list of type names", row=row, column="unique_labels")
    given = [n.strip() for n in labels]
    if kind == "ship":
        return " / ".join(given), None, "ship"
    ids = []
    for name in given:
        if name not in names:
            raise LoaderError(
                path,
                f"aircraft type '{name}' is not under jso_zh in {aircraft_types.CATALOG_FILE}; add it there",
                row=row,
                column="unique_labels",
            )
        ids.append(names[name])
    ids = list(dict.fromkeys(ids))
    found = {kinds[i] for i in ids}
    return " / ".join(given), " / ".join(ids), found.pop() if len(found) == 1 else "other"


def _text(value) -> str:
    """A GeoJSON property as the CSV writes it (pandas wrote NaN for an empty cell)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def check_geojson(frame: pd.DataFrame, geometries: list[dict], path: Path, csv_path: Path) -> None:
    """Every CSV row must equal its GeoJSON feature (same order, same fields, same geometry). A difference
    is reported at the CSV's row and column, since the rows are read from there; the message names both."""
    features = read_json(path)
    features = features.get("features") if isinstance(features, dict) else None
    if not isinstance(features, list):
        raise LoaderError(path, "expected a FeatureCollection with a 'features' list")
    if len(features) != len(frame):
        raise LoaderError(
            csv_path,
            f"has {len(frame)} rows but {GEOJSON.path} has {len(features)} features; they must match "
            "(one copy is cut short or has extra rows)",
        )
    for number, (feature, (index, row), shape) in enumerate(zip(features, frame.iterrows(), geometries), start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            raise LoaderError(path, f"feature {number} has no properties object", column="properties")
        for column in frame.columns:
            if column == "geojson":
                continue
            if _text(props.get(column)) != row[column]:
                raise LoaderError(
                    csv_path,
                    f"differs from feature {number}.{column} of {GEOJSON.path} (one copy is damaged or cut short)",
                    row=line_of(index),
                    column=column,
                )
        if feature.get("geometry") != shape:
            raise LoaderError(
                csv_path,
                f"differs from feature {number}'s geometry in {GEOJSON.path} (one copy is damaged)",
                row=line_of(index),
                column="geojson",
            )


def build(raw: RawFolder) -> list[BuiltTable]:
    catalog = settings.CATALOG_DIR / aircraft_types.CATALOG_FILE
    types, _ = aircraft_types.read_catalog(catalog)
    names = aircraft_types.jso_names(types, catalog)
    kinds = {t["id"]: t["category"] for t in types}
    path, geo_path = raw.locate(CSV), raw.locate(GEOJSON)
    frame = read_csv_strings(path, COLUMNS, final_newline=False)  # upstream ends without a line break
    orders = pd.to_numeric(frame["order"].str.strip(), errors="coerce")
    rows: list[dict] = []
    shapes: list[dict] = []
    seen: dict[int, int] = {}  # order -> spreadsheet row
    for (index, cells), number in zip(frame.iterrows(), orders):
        row = line_of(index)
        if pd.isna(number) or number % 1 or number < 1:
            raise LoaderError(
                path, f"'{cells['order']}' is not a row number (a whole number from 1)", row=row, column="order"
            )
        if int(number) in seen:
            raise LoaderError(path, f"order {int(number)} repeats row {seen[int(number)]}", row=row, column="order")
        seen[int(number)] = row
        kind = KINDS.get(cells["data"])
        if kind is None:
            raise LoaderError(path, f"'{cells['data']}' is not one of {', '.join(KINDS)}", row=row, column="data")
        shape = geometry(_literal(cells["geojson"], path, row, "geojson"), path, row)
        if cells["type"] != shape["type"]:
            raise LoaderError(
                path, f"says '{cells['type']}' but the geometry is a {shape['type']}", row=row, column="type"
            )
        pdf = cells["file_name"].strip()
        if not PDF_NAME.fullmatch(pdf):
            raise LoaderError(
                path, f"'{pdf}' is not a Joint Staff PDF name (pYYYYMMDD_NN.pdf)", row=row, column="file_name"
            )
        url = cells["urls"].strip()
        if not PDF_URL.fullmatch(url):
            raise LoaderError(
                path, f"'{url[:80]}' is not the address of a PDF on www.mod.go.jp", row=row, column="urls"
            )
        label = cells["id_content"].strip()
        if not label:
            raise LoaderError(path, "the label is blank", row=row, column="id_content")
        given, type_id, category = _types(cells["unique_labels"], kind, names, kinds, path, row)
        rows.append(
            {
                "date": PDF_NAME.fullmatch(pdf).group(1),  # type: ignore[union-attr]
                "order": int(number),
                "kind": kind,
                "country": _choice(cells["country"], COUNTRIES, path, row, "country"),
                "version": _choice(cells["version"], VERSIONS, path, row, "version"),
                "types_given": given,
                "type_id": type_id,
                "category": category,
                "count": count(label, path, row),
                "label": label,
                "shape": cells["shape"].strip() or cells["category"].strip() or "shape",
                "geometry_geojson": json.dumps(shape, separators=(",", ":")),
                "source_pdf": pdf,
                "source_url": url,
                "source_file": path.name,
            }
        )
        shapes.append(shape)
    check_geojson(frame, shapes, geo_path, path)
    out = pd.DataFrame(rows, columns=[c.name for c in TRACKS.columns])
    out["date"] = parse_dates(out["date"].set_axis(frame.index), path, "file_name", "%Y%m%d", earliest=FIRST_DAY).values
    out = out.sort_values(["date", "order"], kind="stable").reset_index(drop=True)
    out = out.astype({c.name: c.dtype for c in TRACKS.columns})
    inputs = [input_record(SOURCE, CSV, path), input_record(SOURCE, GEOJSON, geo_path), project_record(catalog)]
    return [BuiltTable(TRACKS, out, inputs)]
