"""Navigation warnings: good areas are drawn; bad notices are logged and skipped (never placed at 0,0);
a broken file stops the refresh. The rule is in the docstring of loaders/nav_warnings.py."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import shapely

from loaders import nav_warnings
from loaders.contract import RawFolder, check_table
from loaders.errors import LoaderError
from tests.fixtures_map import circle_row, warning_row, write_warnings
from tests.helpers import loader_error


def build(root: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    warnings, qc = nav_warnings.build(RawFolder(root))
    check_table(warnings.frame, nav_warnings.WARNINGS)
    check_table(qc.frame, nav_warnings.QC)
    return warnings.frame, qc.frame


def good(n: int) -> list[dict]:
    """n distinct good notices (different URLs and numbers), so a test can add bad ones below half."""
    return [
        warning_row(url=f"https://www.msa.gov.cn/page/article.do?articleId=g{i}", title=f"军事演习—闽航警{i + 10}/26")
        for i in range(n)
    ]


# --- good notices ---------------------------------------------------------------------------------


def test_polygon_notice(tmp_path: Path) -> None:
    warnings, qc = build(write_warnings(tmp_path, [warning_row()]).parents[2])
    assert qc.empty
    row = warnings.iloc[0]
    assert row["geometry_type"] == "polygon" and row["coordinate_count"] == 4
    shape = shapely.from_wkt(row["geometry_wkt"])
    assert shape.is_valid and shape.geom_type == "Polygon"
    assert shape.bounds == pytest.approx((117.4667, 23.5833, 117.6, 23.6833))  # lon/lat order, WGS84
    assert (row["centroid_lon"], row["centroid_lat"]) == pytest.approx((shape.centroid.x, shape.centroid.y), abs=1e-6)
    assert row["notice"] == "闽航警1/26" and row["bureau_en"] == "Fujian MSA" and row["language"] == "zh"
    assert row["activity_en"] == "military exercise"
    assert row["start"] == pd.Timestamp("2026-07-23") and row["end"] == pd.Timestamp("2026-07-23")
    assert row["notes"] == ""


def test_warning_id_is_stable_across_scrapes(tmp_path: Path) -> None:
    first, _ = build(
        write_warnings(tmp_path / "a", [warning_row(url="https://www.msa.gov.cn/x.html?hav=AAA")]).parents[2]
    )
    second, _ = build(
        write_warnings(tmp_path / "b", [warning_row(url="https://www.msa.gov.cn/x.html?hav=BBB")]).parents[2]
    )
    assert first["warning_id"].iloc[0] == second["warning_id"].iloc[0]
    assert len(first["warning_id"].iloc[0]) == 12


def test_circle_is_drawn_as_its_centre_and_noted(tmp_path: Path) -> None:
    warnings, qc = build(write_warnings(tmp_path, [circle_row()]).parents[2])
    row = warnings.iloc[0]
    assert row["geometry_type"] == "point" and row["geometry_wkt"] == "POINT (110.93 19.6)"
    assert "circle of radius 5.4 海里 drawn as its centre point" in row["notes"]
    assert qc[["check", "action"]].values.tolist() == [["circle_centre", "kept"]]


def test_near_the_line_notice_is_a_line(tmp_path: Path) -> None:
    text = "鲁航警1/26，渤海海峡，在37-46.86N 120-37.47E、37-52.02N 120-31.5E、38-07.13N 120-28.74E各点连线附近进行军事活动。"
    row = warning_row(
        coordinate_count="3",
        coordinates="37.781,120.6245; 37.867,120.525; 38.1188,120.479",
        coordinates_raw="37-46.86N 120-37.47E; 37-52.02N 120-31.5E; 38-07.13N 120-28.74E",
        content_preview=text,
    )
    warnings, _ = build(write_warnings(tmp_path, [row]).parents[2])
    assert warnings["geometry_type"].tolist() == ["line"]
    assert shapely.from_wkt(warnings["geometry_wkt"].iloc[0]).geom_type == "LineString"


def test_a_final_and_joins_the_last_vertex(tmp_path: Path) -> None:
    text = (
        "LN1/26 BOHAI SEA MILITARY EXERCISES IN AREA BOUNDED BY THE LINES JOINING 23-41.00N 117-31.00E,"
        "23-36.00N 117-28.00E,23-35.00N 117-30.00E AND 23-38.00N 117-36.00E FROM 060400UTC TO 181000UTC JUL."
    )
    warnings, qc = build(
        write_warnings(tmp_path, [warning_row(title="MILITARY EXERCISES—LN1/26", content_preview=text)]).parents[2]
    )
    assert len(warnings) == 1 and qc.empty and warnings["language"].iloc[0] == "en"


def test_missing_period_stays_empty_and_is_reported(tmp_path: Path) -> None:
    warnings, qc = build(
        write_warnings(tmp_path, [warning_row(start_date="", end_date="", time_periods="")]).parents[2]
    )
    assert warnings["start"].isna().all() and warnings["end"].isna().all()
    assert "period not stated" in warnings["notes"].iloc[0]
    assert qc[["check", "action"]].values.tolist() == [["no_period", "kept"]]


def test_unreadable_period_is_reported_not_guessed(tmp_path: Path) -> None:
    warnings, qc = build(write_warnings(tmp_path, [warning_row(end_date="07/23")]).parents[2])
    assert pd.isna(warnings["end"].iloc[0]) and warnings["start"].iloc[0] == pd.Timestamp("2026-07-23")
    assert qc["check"].tolist() == ["bad_period"] and "'07/23' is not a date" in qc["detail"].iloc[0]


# --- bad notices: logged and skipped --------------------------------------------------------------

FIVE_POSITIONS = (
    "在23-41.00N 117-31.00E、23-36.00N 117-28.00E、23-35.00N 117-30.00E、"
    "23-38.00N 117-36.00E、23-40.00N 117-35.00E诸点连线范围内实弹射击。"
)
FOUR_POSITIONS = "在23-41.00N 117-31.00E、23-36.00N 117-28.00E、23-35.00N 117-30.00E、23-38.00N 117-36.00E诸点连线"

SKIPPED = {
    "malformed pair": (
        dict(coordinates="23.6833,117.5167; 23.6,abc; 23.5833,117.5; 23.6333,117.6"),
        "malformed_coordinates",
        "'23.6,abc' is not a pair of numbers",
    ),
    "pair with three numbers": (
        dict(coordinates="23.6833,117.5167,9; 23.6,117.4667; 23.5833,117.5; 23.6333,117.6"),
        "malformed_coordinates",
        "is not a 'lat,lon' pair",
    ),
    "count disagrees": (dict(coordinate_count="5"), "count_mismatch", "coordinate_count says '5' but 4"),
    "latitude off the Earth": (
        dict(coordinates="95.0,117.5167; 23.6,117.4667; 23.5833,117.5; 23.6333,117.6"),
        "out_of_range",
        "not a position on Earth",
    ),
    "zero zero": (
        dict(coordinates="0,0; 23.6,117.4667; 23.5833,117.5; 23.6333,117.6"),
        "outside_region",
        "outside the China seas box",
    ),
    "outside the China seas": (
        dict(coordinates="23.6833,140.5; 23.6,117.4667; 23.5833,117.5; 23.6333,117.6"),
        "outside_region",
        "23.6833N 140.5000E",
    ),
    "decimal list disagrees with printed positions": (
        dict(coordinates="23.7833,117.5167; 23.6,117.4667; 23.5833,117.5; 23.6333,117.6"),
        "printed_mismatch",
        "differs from printed position",
    ),
    "no coordinates, text has some": (
        dict(coordinates="", coordinates_raw="", coordinate_count="0"),
        "no_coordinates",
        "the notice text shows 4 positions",
    ),
    "text cut inside the list": (
        dict(
            content_preview=("x" * 440)
            + "23-41.00N 117-31.00E,23-36.00N 117-28.00E,23-35.00N 117-30.00E,23-38.00N 117-36.00E,23-3"
        ),
        "truncated_text",
        "cut off",
    ),
    "text lists more positions": (
        dict(content_preview=FIVE_POSITIONS),
        "text_vertex_mismatch",
        "lists 5 positions, the upstream list has 4",
    ),
    "two areas flattened into one list": (
        dict(
            content_preview="在23-41.00N 117-31.00E、23-36.00N 117-28.00E诸点连线范围内以及23-35.00N 117-30.00E、"
            "23-38.00N 117-36.00E诸点连线范围内进行军事训练。"
        ),
        "several_areas",
        "2 separate areas (2 + 2 positions)",
    ),
    "two areas joined by AND": (
        dict(
            content_preview="IN AREA BOUNDED BY THE LINES JOINING 23-41.00N 117-31.00E、23-36.00N 117-28.00E AND "
            "23-35.00N 117-30.00E、23-38.00N 117-36.00E FROM 060900 UTC TO 070600 UTC AUG."
        ),
        "several_areas",
        "2 separate areas",
    ),
    "arc with vertices": (
        dict(content_preview=FOUR_POSITIONS + "，以顶点为中心半径25公里的部分圆弧将两个端点连接"),
        "circle_or_arc",
        "circle or arc",
    ),
    "outline crosses itself": (
        dict(
            coordinates="23.6833,117.5167; 23.6833,117.6; 23.5833,117.5167; 23.5833,117.6",
            coordinates_raw="23-41.00N 117-31.00E; 23-41.00N 117-36.00E; 23-35.00N 117-31.00E; 23-35.00N 117-36.00E",
            content_preview="在23-41.00N 117-31.00E、23-41.00N 117-36.00E、23-35.00N 117-31.00E和23-35.00N "
            "117-36.00E诸点连线范围内进行军事演习。",
        ),
        "self_intersecting",
        "crosses itself",
    ),
    "printed position unreadable": (
        dict(coordinates_raw="23-41.00N 117-31.00E; junk; 23-35.00N 117-30.00E; 23-38.00N 117-36.00E"),
        "unreadable_printed_position",
        "'junk' cannot be read",
    ),
}


@pytest.mark.parametrize("case", sorted(SKIPPED))
def test_bad_notice_is_logged_and_skipped(tmp_path: Path, case: str) -> None:
    overrides, check, fragment = SKIPPED[case]
    bad = warning_row(
        url="https://www.msa.gov.cn/page/article.do?articleId=bad", title="军事演习—闽航警99/26", **overrides
    )
    warnings, qc = build(write_warnings(tmp_path, [*good(2), bad]).parents[2])
    assert len(warnings) == 2 and "闽航警99/26" not in set(warnings["notice"])
    skipped = qc[qc["action"] == "skipped"]
    assert skipped["check"].tolist() == [check], qc.to_dict("records")
    assert fragment in skipped["detail"].iloc[0]
    assert skipped["row"].iloc[0] == 4 and skipped["notice"].iloc[0] == "闽航警99/26"
    drawn = [shapely.from_wkt(w) for w in warnings["geometry_wkt"]]
    assert not any(g.intersects(shapely.box(-1, -1, 1, 1)) for g in drawn)  # nothing ever lands at 0,0


def test_repeated_notice_is_kept_once(tmp_path: Path) -> None:
    copy = warning_row(url="https://www.msa.gov.cn/html/cnmsa/hxaq/article/2026/aaa.html?hav=OTHER")
    warnings, qc = build(write_warnings(tmp_path, [warning_row(), copy]).parents[2])
    assert len(warnings) == 1 and qc["check"].tolist() == ["duplicate"] and qc["row"].tolist() == [3]


# --- bad files: the refresh stops -----------------------------------------------------------------


def expect_error(root: Path, *fragments: str) -> LoaderError:
    return loader_error(lambda: nav_warnings.build(RawFolder(root)), *fragments)


def test_missing_file(tmp_path: Path) -> None:
    expect_error(tmp_path, "military_exercises.csv", "file not found")


def test_missing_column(tmp_path: Path) -> None:
    path = write_warnings(tmp_path, [warning_row()])
    path.write_text(path.read_text(encoding="utf-8").replace("coordinates_raw", "raw_coords"), encoding="utf-8")
    expect_error(tmp_path, "missing column(s) 'coordinates_raw'")


def test_bad_publish_date_names_row_and_column(tmp_path: Path) -> None:
    write_warnings(tmp_path, [warning_row(), circle_row(publish_date="2026-06-31")])
    expect_error(tmp_path, "row 3", "column 'publish_date'", "'2026-06-31' is not a date")


def test_blank_url(tmp_path: Path) -> None:
    write_warnings(tmp_path, [warning_row(url="")])
    expect_error(tmp_path, "row 2", "column 'url'", "value missing")


def test_mostly_undrawable_file_means_the_format_changed(tmp_path: Path) -> None:
    broken = [
        warning_row(url=f"https://x.org/{i}", title=f"军事演习—闽航警{i}/26", coordinates="", coordinate_count="0")
        for i in range(3)
    ]
    write_warnings(tmp_path, [*good(2), *broken])
    expect_error(tmp_path, "3 of 5 notices could not be drawn", "format changed")


# --- the real raw file ----------------------------------------------------------------------------


def test_real_file(shared_raw: Path) -> None:
    warnings, qc = build(shared_raw)
    raw = pd.read_csv(shared_raw / nav_warnings.RAW_FILE.path, dtype=str, keep_default_na=False)
    skipped = qc[qc["action"] == "skipped"]
    assert len(warnings) + len(skipped) == len(raw)  # every notice is drawn or accounted for
    assert len(warnings) >= 120 and set(warnings["geometry_type"]) == {"polygon", "point", "line"}
    lon_min, lat_min, lon_max, lat_max = nav_warnings.REGION
    for wkt in warnings["geometry_wkt"]:
        shape = shapely.from_wkt(wkt)
        assert shape.is_valid and shapely.box(lon_min, lat_min, lon_max, lat_max).contains(shape), wkt
    assert warnings["warning_id"].is_unique
    assert set(warnings["bureau_en"]) - {""} and (warnings["bureau_en"] != "").all()
    assert {"several_areas", "truncated_text", "no_coordinates", "circle_centre"} <= set(qc["check"])
    # the Fujian notices in the Taiwan Strait list positions the upstream parser missed: reported, not drawn
    fujian = skipped[skipped["notice"].isin(["FJ125/26", "闽航警126/26"])]
    assert len(fujian) == 2 and fujian["detail"].str.contains("9 positions").all()
    assert nav_warnings.build(RawFolder(shared_raw))[0].inputs[0]["matches_pinned_commit"]
