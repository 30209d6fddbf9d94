"""The second MND transcription (PLA Tracker): parsing, every validation rule, the real file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from loaders import pla_tracker
from loaders.contract import RawFolder, check_table
from loaders.errors import LoaderError
from tests.fixtures_japan_trade import TRACKER_ROWS, write_tracker


def build(root: Path) -> pd.DataFrame:
    table = pla_tracker.build(RawFolder(root))[0]
    check_table(table.frame, table.spec)
    return table.frame


def test_good_input(tmp_path: Path) -> None:
    write_tracker(tmp_path)
    daily = build(tmp_path).set_index("date")
    assert list(daily.reset_index().columns) == [c.name for c in pla_tracker.DAILY.columns]
    assert daily.loc["2024-05-20", "special_event"] == "三、中共空飄氣球活動：\n中共空飄氣球計偵獲2顆。"  # newline kept
    assert daily.loc["2024-05-21", "aircraft"] == 0 and daily.loc["2024-05-21", "aircraft_type"] == "zero"
    assert pd.isna(daily.loc["2024-05-21", "special_event"])
    assert daily.loc["2024-05-22", "aircraft_type"] == "mixed"  # lower-cased
    assert (daily.loc["2024-05-22", "activity_start"], daily.loc["2024-05-22", "activity_end"]) == ("13:00", "15:40")
    assert daily.loc["2024-05-23", "activity_start"] == "06:00"  # 06:00-06:00 = the whole report day
    assert pd.isna(daily.loc["2024-05-24", "activity_start"])
    assert (daily["median_line_crossings"] <= daily["aircraft"]).all()


def test_gap_days_stay_empty_not_zero(tmp_path: Path) -> None:
    write_tracker(tmp_path, [TRACKER_ROWS[0], TRACKER_ROWS[3]])  # 20th and 23rd
    daily = build(tmp_path)
    assert len(daily) == 4 and daily["aircraft"].isna().sum() == 2


BAD = {
    "more crossings than aircraft": (
        "2024-05-20,3,4,133.0,manned,5,,,",
        "median_line_cross",
        "4 aircraft crossed the median line but only 3 were reported",
    ),
    "rate does not fit counts": ("2024-05-20,10,4,60.0,manned,5,,,", "cross_rate", "does not match 4 of 10"),
    "rate on a day without aircraft": ("2024-05-20,0,0,0.0,zero,5,,,", "cross_rate", "no aircraft"),
    "rate missing": ("2024-05-20,10,4,,manned,5,,,", "cross_rate", "crossing rate missing"),
    "zero type with aircraft": ("2024-05-20,10,4,40.0,zero,5,,,", "aircraft_type", "does not fit 10 aircraft"),
    "unknown type": ("2024-05-20,10,4,40.0,drone,5,,,", "aircraft_type", "'drone' is not an aircraft type"),
    "negative ships": ("2024-05-20,10,4,40.0,manned,-1,,,", "ships_total", "negative"),
    "bad time": ("2024-05-20,10,4,40.0,manned,5,25:00,26:00,", "activity_start", "'25:00' is not a time"),
    "one-sided window": ("2024-05-20,10,4,40.0,manned,5,13:00,,", "activity_end", "both be given or both blank"),
    "ends before it starts": ("2024-05-20,10,4,40.0,manned,5,15:00,09:00,", "activity_end", "ends (09:00) before"),
    "bad date": ("2024-02-30,10,4,40.0,manned,5,,,", "date", "is not a date"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_rows_name_file_row_and_column(tmp_path: Path, case: str) -> None:
    row, column, message = BAD[case]
    write_tracker(tmp_path, [TRACKER_ROWS[1], row])
    with pytest.raises(LoaderError) as caught:
        pla_tracker.build(RawFolder(tmp_path))
    text = str(caught.value)
    assert "records.csv" in text and "row 3" in text and f"column '{column}'" in text and message in text, text


def test_night_window_across_midnight_is_allowed(tmp_path: Path) -> None:
    write_tracker(tmp_path, ["2024-05-20,10,4,40.0,manned,5,22:00,02:00,"])  # inside one 06:00-06:00 day
    assert build(tmp_path)["activity_end"].item() == "02:00"


def test_duplicate_date(tmp_path: Path) -> None:
    write_tracker(tmp_path, [TRACKER_ROWS[1], TRACKER_ROWS[1]])
    with pytest.raises(LoaderError, match="row 3.*listed twice"):
        pla_tracker.build(RawFolder(tmp_path))


def test_missing_column(tmp_path: Path) -> None:
    path = write_tracker(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("median_line_cross", "mlc"), encoding="utf-8")
    with pytest.raises(LoaderError, match="missing column"):
        pla_tracker.build(RawFolder(tmp_path))


def test_real_file(shared_raw: Path) -> None:
    built = pla_tracker.build(RawFolder(shared_raw))[0]
    daily = built.frame
    assert len(daily) == 123 and daily["aircraft"].notna().all()  # one row per day, no gaps
    assert (daily["date"].min(), daily["date"].max()) == (pd.Timestamp("2026-01-01"), pd.Timestamp("2026-05-03"))
    assert (daily["median_line_crossings"] <= daily["aircraft"]).all()
    assert set(daily["aircraft_type"]) == {"zero", "manned", "mixed", "uav", "helicopter"}
    assert daily["special_event"].str.contains("\n").sum() >= 19  # MND's multi-line remarks survive
    assert built.inputs[0]["matches_pinned_commit"]
