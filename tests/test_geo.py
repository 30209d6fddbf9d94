"""Map geometry: valid shapes inside the region, the published median line, cited zones tied to catalog events,
and static/geo files that never drift from the snapshot."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import shapely
import yaml

import settings
from loaders import events_catalog, geo
from loaders.contract import RawFolder, check_table
from loaders.errors import LoaderError
from loaders.snapshot import read_table
from tests.fixtures_map import TEST_LAND, write_land

REGION = shapely.box(*geo.REGION)
OUTER = shapely.box(*geo.OUTER)


@pytest.fixture(scope="module")
def real(shared_raw: Path) -> pd.DataFrame:
    (table,) = geo.build(RawFolder(shared_raw))
    check_table(table.frame, geo.FEATURES)
    return table.frame


def shapes(frame: pd.DataFrame, layer: str) -> list[shapely.Geometry]:
    return [shapely.from_geojson(g) for g in frame.loc[frame["layer"] == layer, "geometry_geojson"]]


def test_layers_and_no_adiz(real: pd.DataFrame) -> None:
    assert set(real["layer"]) == {"land", "median_line", "exercise_zone"}
    assert not real["feature_id"].str.contains("adiz").any()  # no authoritative vertex list: not drawn


def test_land_is_valid_inside_the_region_and_keeps_the_islands(real: pd.DataFrame) -> None:
    (land,) = shapes(real, "land")
    assert land.is_valid and OUTER.covers(land)
    for place, (lon, lat) in {
        "Taipei": (121.50, 25.03),
        "Kinmen": (118.38, 24.45),
        "Penghu": (119.58, 23.57),
        "Lanyu": (121.55, 22.05),
        "Xiamen": (118.10, 24.50),
    }.items():
        assert land.contains(shapely.Point(lon, lat)), place
    assert not land.contains(shapely.Point(120.0, 24.5))  # the middle of the strait is sea
    assert len(real.loc[real["layer"] == "land", "geometry_geojson"].iloc[0]) < 400_000


def test_land_goes_on_past_the_detailed_box(real: pd.DataFrame) -> None:
    """A wide screen shows past REGION: Honshu, Luzon and Korea's north go on past its edges instead of
    stopping at a straight line, and the seam leaves no sea between the detailed and the coarse land."""
    (land,) = shapes(real, "land")
    for place, (lon, lat) in {
        "Tokyo": (139.7, 35.7),
        "Manila": (121.0, 14.6),
        "Pyongyang": (125.75, 39.0),
        "Vladivostok area": (132.0, 43.5),
        "Hanoi": (105.85, 21.0),
    }.items():
        assert land.contains(shapely.Point(lon, lat)), place
    for seam in [(135.0, 35.0), (120.9, 15.0), (126.0, 42.0), (105.0, 25.0)]:  # on REGION's edges, inland
        assert land.contains(shapely.Point(seam)), seam
    assert not land.contains(shapely.Point(150.0, 30.0))  # the Pacific stays sea


def test_median_line_endpoints(real: pd.DataFrame) -> None:
    (line,) = shapes(real, "median_line")
    assert line.geom_type == "LineString" and list(line.coords) == [(122.0, 27.0), (118.0, 23.0)]
    row = real[real["layer"] == "median_line"].iloc[0]
    assert "Taiwan News" in row["source"] and row["source_url"] == "https://www.taiwannews.com.tw/en/news/3755034"


def test_zones_are_valid_cited_and_tied_to_catalog_events(real: pd.DataFrame) -> None:
    zones = real[real["layer"] == "exercise_zone"]
    assert zones["event_id"].value_counts().to_dict() == {"pla-drills-aug-2022": 6, "justice-mission-2025": 5}
    assert set(zones["event_id"]) <= set(events_catalog.load_catalog()["id"])
    for shape in shapes(real, "exercise_zone"):
        assert shape.geom_type == "Polygon" and shape.is_valid and REGION.contains(shape)
        assert len(shape.exterior.coords) == 5  # four published vertices, closed
    assert zones["source_url"].str.match(r"^https?://").all() and (zones["source"].str.len() > 20).all()
    assert (zones["active_to"] >= zones["active_from"]).all()
    jm = zones[zones["event_id"] == "justice-mission-2025"]
    assert (jm["active_from"] == pd.Timestamp("2025-12-30")).all()


def test_transcription_of_a_known_vertex(real: pd.DataFrame) -> None:
    # Aug 2022 zone 1, first vertex: 北纬25°15′26″ 东经120°29′20″ (seconds, per the Chinese notice)
    zone = shapely.from_geojson(real.set_index("feature_id").loc["pla-drills-aug-2022-zone-1", "geometry_geojson"])
    expected = (120 + 29 / 60 + 20 / 3600, 25 + 15 / 60 + 26 / 3600)
    assert any(x == pytest.approx(expected[0]) and y == pytest.approx(expected[1]) for x, y in zone.exterior.coords)


def test_build_is_reproducible(shared_raw: Path, real: pd.DataFrame) -> None:
    (again,) = geo.build(RawFolder(shared_raw))
    assert again.frame.equals(real)


def test_committed_geojson_files_match_the_snapshot(tmp_path: Path) -> None:
    committed = settings.GEO_DIR
    fresh = geo.export_geojson(read_table(settings.SNAPSHOT_DIR, "geo_features"), tmp_path)
    for path in fresh:
        target = committed / path.name
        assert target.read_bytes() == path.read_bytes(), f"{target} is stale: run python -m loaders refresh"
        assert target.stat().st_size < 1_000_000 and target.stat().st_mode & 0o644 == 0o644
        assert json.loads(target.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    assert (committed / "SOURCES.md").is_file()


# --- bad inputs -----------------------------------------------------------------------------------


def reference(tmp_path: Path, mutate) -> Path:
    document = yaml.safe_load((settings.PROJECT_DIR / geo.REFERENCE_PATH).read_text(encoding="utf-8"))
    mutate(document)
    path = tmp_path / "geo_reference.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def small_raw(tmp_path: Path) -> RawFolder:
    write_land(tmp_path / "raw")
    return RawFolder(tmp_path / "raw")


def test_small_land_is_clipped_to_the_region(tmp_path: Path) -> None:
    (table,) = geo.build(small_raw(tmp_path))
    (land,) = shapes(table.frame, "land")
    assert OUTER.covers(land) and not land.intersects(shapely.box(0, 0, 10, 10))
    assert table.inputs[0]["matches_pinned_commit"] is False  # a test archive, not the pinned upstream file


BAD_REFERENCES = {
    "unknown event": (
        lambda d: d["exercise_zones"][0].update(event_id="joint-sword-2099"),
        "field 'event_id': 'joint-sword-2099' is not in the event catalog",
    ),
    "unreadable vertex": (
        lambda d: d["exercise_zones"][0]["vertices"].__setitem__(0, "25.25,120.48"),
        "'25.25,120.48' is not a position",
    ),
    "vertex outside the region": (
        lambda d: d["exercise_zones"][0]["vertices"].__setitem__(0, "25-15-26N 150-29-20E"),
        "lies outside the map region",
    ),
    "self-crossing zone": (
        lambda d: d["exercise_zones"][0].update(
            vertices=["25-00-00N 120-00-00E", "26-00-00N 121-00-00E", "25-00-00N 121-00-00E", "26-00-00N 120-00-00E"]
        ),
        "not a simple polygon",
    ),
    "missing source": (lambda d: d["exercise_zones"][0].pop("source_url"), "field 'source_url': missing or empty"),
    "dates reversed": (lambda d: d["exercise_zones"][0].update(active_to="2022-08-01"), "field 'active_to'"),
}


@pytest.mark.parametrize("case", sorted(BAD_REFERENCES))
def test_bad_reference_file(tmp_path: Path, case: str) -> None:
    mutate, fragment = BAD_REFERENCES[case]
    path = reference(tmp_path, mutate)
    with pytest.raises(LoaderError) as caught:
        geo.build(small_raw(tmp_path), reference=path)
    assert fragment in str(caught.value) and "exercise_zones entry 1" in str(caught.value)


def test_corrupt_archive(tmp_path: Path) -> None:
    raw = small_raw(tmp_path)
    raw.locate(geo.LAND_FILE).write_bytes(b"not a 7z archive")
    with pytest.raises(LoaderError, match="not a readable 7-Zip archive"):
        geo.build(raw)


def test_archive_without_the_land_file(tmp_path: Path) -> None:
    write_land(tmp_path / "raw", member="something_else.json")
    with pytest.raises(LoaderError, match="archive has no 'ne_10m_land.json'"):
        geo.build(RawFolder(tmp_path / "raw"))


def test_unlocated_feature_is_skipped_and_a_non_object_geometry_is_named(tmp_path: Path) -> None:
    # Found by the fuzzer: a feature whose geometry is null (valid GeoJSON: "unlocated") crashed shapely.
    unlocated = {"type": "Feature", "properties": {}, "geometry": None}
    write_land(tmp_path / "raw", {**TEST_LAND, "features": [unlocated, *TEST_LAND["features"]]})
    (table,) = geo.build(RawFolder(tmp_path / "raw"))
    assert len(shapes(table.frame, "land")) == 1
    broken = {"type": "Feature", "properties": {}, "geometry": ["not", "an", "object"]}
    write_land(tmp_path / "raw2", {**TEST_LAND, "features": [broken]})
    with pytest.raises(LoaderError, match="feature 1 has no readable geometry"):
        geo.build(RawFolder(tmp_path / "raw2"))
