"""japan_tracks: Japan Joint Staff Office track maps as The Reporter traced them, typed through the catalogue,
the CSV checked against its GeoJSON twin; every bad input stops the refresh naming file, row and column."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pandas as pd
import pytest

import settings
from loaders import aircraft_types, japan_tracks
from loaders.contract import RawFolder, check_table
from loaders.errors import LoaderError
from loaders.snapshot import read_table
from tests.fixtures_witnesses import JAPAN_ROWS, write_japan_tracks


def build(raw: Path) -> pd.DataFrame:
    (built,) = japan_tracks.build(RawFolder(raw))
    check_table(built.frame, japan_tracks.TRACKS)
    return built.frame


def fails(raw: Path, rows: list[dict], *fragments: str, geojson_rows: list[dict] | None = None) -> LoaderError:
    write_japan_tracks(raw, rows, geojson_rows=geojson_rows)
    with pytest.raises(LoaderError) as caught:
        japan_tracks.build(RawFolder(raw))
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, message
    return caught.value


def changed(**cells) -> list[dict]:
    """The fixture rows with cells of the second row (spreadsheet row 3) replaced."""
    rows = copy.deepcopy(JAPAN_ROWS)
    rows[1].update(cells)
    return rows


def test_fixture_rows_are_typed_dated_and_counted(good_raw: Path) -> None:
    frame = build(good_raw)
    assert frame["date"].dt.strftime("%Y-%m-%d").tolist() == ["2022-08-01", "2022-08-05", "2022-11-30"]
    assert frame["kind"].tolist() == ["ship", "aircraft", "aircraft"]
    assert frame["type_id"].tolist()[1:] == ["BZK-005", "H-6"]
    assert frame["category"].tolist() == ["ship", "uav", "bomber"]
    assert frame["count"].tolist()[1:] == [1, 2] and pd.isna(frame["count"].iloc[0])  # hull number, not a count
    assert frame["version"].tolist() == ["new", "new", "old"]
    assert frame["source_url"].iloc[0] == "https://www.mod.go.jp/js/pdf/2022/p20220801_02.pdf"
    assert json.loads(frame["geometry_geojson"].iloc[1])["type"] == "MultiLineString"


def test_real_table_covers_aug_2022_to_aug_2023() -> None:
    frame = read_table(settings.SNAPSHOT_DIR, "japan_tracks")
    assert len(frame) == 327 and frame["date"].min() == pd.Timestamp("2022-08-01")
    assert frame["date"].max() == pd.Timestamp("2023-08-31")
    assert frame["kind"].value_counts().to_dict() == {"ship": 266, "aircraft": 61}
    assert (frame["version"] == "new").sum() == 210
    assert frame.loc[frame["kind"] == "aircraft", "type_id"].notna().all()
    assert frame["source_url"].str.startswith("https://www.mod.go.jp/").all()


@pytest.mark.parametrize(
    "cells, fragments",
    [
        ({"file_name": "p20221345_01.pdf"}, ["row 3", "column 'file_name'", "'20221345' is not a date"]),
        ({"file_name": "report.pdf"}, ["row 3", "column 'file_name'", "not a Joint Staff PDF name"]),
        ({"file_name": "p20990101_01.pdf"}, ["row 3", "column 'file_name'", "after the day of this refresh"]),
        ({"id_content": "BZK-005偵察型無人機（-1機）"}, ["row 3", "column 'id_content'", "negative count"]),
        ({"id_content": "推定中國戰鬥機（500機）"}, ["row 3", "column 'id_content'", "implausibly many"]),
        ({"order": "1"}, ["row 3", "column 'order'", "order 1 repeats row 2"]),
        ({"order": "-4"}, ["row 3", "column 'order'", "not a row number"]),
        ({"data": "submarine"}, ["row 3", "column 'data'", "'submarine' is not one of"]),
        ({"country": "mars"}, ["row 3", "column 'country'"]),
        (
            {"unique_labels": "['殲-20（J-20）']"},
            ["row 3", "column 'unique_labels'", "'殲-20（J-20）' is not under jso_zh"],
        ),
        ({"unique_labels": "__import__('os')"}, ["row 3", "column 'unique_labels'", "not a readable list"]),
        ({"unique_labels": "[]"}, ["row 3", "column 'unique_labels'", "non-empty list"]),
        ({"urls": "javascript:alert(1)"}, ["row 3", "column 'urls'", "not the address of a PDF"]),
        ({"geometry": {"type": "LineString", "coordinates": [[10.0, 50.0], [11.0, 51.0]]}}, ["row 3", "outside"]),
        ({"geometry": {"type": "Point", "coordinates": [123.0, 24.0]}}, ["row 3", "column 'geojson'", "not a line"]),
        ({"id_content": "  "}, ["row 3", "column 'id_content'", "blank"]),
    ],
)
def test_a_bad_cell_is_refused_naming_row_and_column(good_raw: Path, cells: dict, fragments: list[str]) -> None:
    error = fails(good_raw, changed(**cells), *fragments)
    assert error.file.endswith("jp_data_cleaned.csv")


def test_missing_column_and_empty_file_are_refused(good_raw: Path) -> None:
    path = good_raw / japan_tracks.CSV.path
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",urls,", ",address,", 1), encoding="utf-8")
    with pytest.raises(LoaderError, match="missing column.*'urls'"):
        japan_tracks.build(RawFolder(good_raw))
    path.write_text(text.split("\n", 1)[0], encoding="utf-8")
    with pytest.raises(LoaderError, match="header but no data rows"):
        japan_tracks.build(RawFolder(good_raw))
    path.write_text("", encoding="utf-8")
    with pytest.raises(LoaderError, match="file is empty"):
        japan_tracks.build(RawFolder(good_raw))


def test_a_truncated_csv_or_a_geojson_that_disagrees_is_refused(good_raw: Path) -> None:
    path = good_raw / japan_tracks.CSV.path
    data = path.read_bytes()
    path.write_bytes(data[:-12])  # cut inside the last row's text (the file has no final line break)
    with pytest.raises(LoaderError, match=r"jp_data_cleaned\.(csv|geojson)"):
        japan_tracks.build(RawFolder(good_raw))
    fails(good_raw, JAPAN_ROWS, "jp_data_cleaned.csv: has 3 rows but", "2 features", geojson_rows=JAPAN_ROWS[:2])
    other = copy.deepcopy(JAPAN_ROWS)
    other[2]["id_content"] = "轟-6轟炸機（3機）"
    fails(good_raw, JAPAN_ROWS, "row 4, column 'id_content': differs from feature 3.id_content", geojson_rows=other)
    moved = copy.deepcopy(JAPAN_ROWS)
    moved[0]["geometry"] = {"type": "LineString", "coordinates": [[122.0, 25.0], [122.39, 23.9]]}
    fails(good_raw, JAPAN_ROWS, "row 2, column 'geojson': differs from feature 1's geometry", geojson_rows=moved)
    (good_raw / japan_tracks.GEOJSON.path).write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(LoaderError, match=r"jp_data_cleaned\.geojson: not valid JSON"):
        japan_tracks.build(RawFolder(good_raw))


def test_a_name_listed_under_two_types_is_refused(good_raw: Path) -> None:
    path = settings.CATALOG_DIR / aircraft_types.CATALOG_FILE
    text = path.read_text(encoding="utf-8").replace("jso_zh: [推定中國無人機]", "jso_zh: [推定中國無人機, 轟-6（H-6）]")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoaderError, match="listed under both 'H-6' and 'UAV \\(presumed\\)'"):
        japan_tracks.build(RawFolder(good_raw))
