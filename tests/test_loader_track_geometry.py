"""flight_tracks: every shape MND drew (tracks, areas, balloons), typed through the catalogue, inside the map region."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import settings
from loaders import flight_tracks, track_geometry
from loaders.contract import RawFolder, check_table
from loaders.errors import LoaderError
from loaders.snapshot import read_table


def test_fixture_shapes_are_typed_and_counted(good_raw: Path) -> None:
    (built,) = track_geometry.build(RawFolder(good_raw))
    check_table(built.frame, track_geometry.TRACKS)
    frame = built.frame
    # tests/fixtures_witnesses.write_tracks: one J-16 track, one J-10 track, one area as drawn (its split copy skipped)
    assert frame["kind"].tolist() == ["track", "track", "area"]
    assert frame["type_id"].tolist()[:2] == ["J-16", "J-10"] and frame["category"].tolist()[:2] == [
        "fighter",
        "fighter",
    ]
    assert frame["aircraft"].tolist() == [3, 12, 20]
    assert json.loads(frame["geometry_geojson"].iloc[0])["type"] == "LineString"


@pytest.mark.parametrize(
    "coordinates, message",
    [
        ([[10, 50], [11, 51]], "outside the region"),
        ([["a", 23]], "unreadable coordinates"),
        ([[float("nan"), 23], [121, 24]], "unreadable coordinates"),
    ],
)
def test_a_shape_outside_the_region_or_unreadable_is_refused(good_raw: Path, coordinates, message: str) -> None:
    path = good_raw / flight_tracks.TRACKS_2023.path
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][0]["geometry"]["coordinates"] = coordinates
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LoaderError, match=message):
        track_geometry.build(RawFolder(good_raw))


def test_real_tracks_match_the_daily_totals_except_balloons() -> None:
    shapes = read_table(settings.SNAPSHOT_DIR, "flight_tracks")
    daily = read_table(settings.SNAPSHOT_DIR, "flight_tracks_daily")
    assert shapes["kind"].value_counts().to_dict() == {"track": 1241, "area": 416, "balloon": 206}
    mine = shapes.groupby("source_file")["aircraft"].sum()
    theirs = daily.groupby("source_file")["aircraft_drawn"].sum()
    # neither table counts the 40 balloons of the Dec 2023 – Jan 2024 file as aircraft
    assert int(shapes["balloons"].sum()) == 40
    assert (mine[theirs.index] == theirs).all()
    jsa = shapes[shapes["date"].isin(pd.to_datetime(["2024-05-23", "2024-05-24"]))]  # Joint Sword-2024A
    assert len(jsa) == 4 and int(jsa["aircraft"].sum()) == 49
