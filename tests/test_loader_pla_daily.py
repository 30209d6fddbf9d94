"""The MND daily loader on good input, on each kind of bad input, and on the real raw files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from loaders import pla_daily
from loaders.contract import RawFolder
from loaders.errors import LoaderError
from tests.conftest import GOOD_SECONDARY, primary_row, write_raw
from tests.helpers import loader_error


def build(root: Path) -> dict[str, pd.DataFrame]:
    return {t.spec.name: t.frame for t in pla_daily.build(RawFolder(root))}


def test_good_input_gives_one_row_per_calendar_day(good_raw: Path) -> None:
    daily = build(good_raw)["air_sea_daily"]
    assert list(daily.columns) == [
        "date",
        "aircraft",
        "vessels",
        "aircraft_definition",
        "report_window",
        "source_file",
        "report_url",
    ]
    assert str(daily["date"].dtype) == "datetime64[ns]"
    assert str(daily["aircraft"].dtype) == "Int64" and str(daily["vessels"].dtype) == "Int64"
    assert daily["date"].is_unique and daily["date"].is_monotonic_increasing
    assert daily["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2024-05-20",
        "2024-05-21",
        "2024-05-22",
        "2024-05-23",
        "2024-05-24",
        "2024-05-25",
    ]
    by_day = daily.set_index(daily["date"].dt.strftime("%m-%d"))
    assert by_day.loc["05-21", "aircraft"] == 0  # a reported zero stays zero
    assert pd.isna(by_day.loc["05-22", "aircraft"]) and pd.isna(by_day.loc["05-22", "vessels"])  # missing is not zero
    assert pd.isna(by_day.loc["05-22", "source_file"])


def test_primary_wins_and_secondary_only_fills(good_raw: Path) -> None:
    tables = build(good_raw)
    by_day = tables["air_sea_daily"].set_index(tables["air_sea_daily"]["date"].dt.strftime("%m-%d"))
    assert by_day.loc["05-23", "aircraft"] == 49  # primary 49 vs secondary 48
    assert by_day.loc["05-24", "aircraft"] == 21  # primary blank -> secondary
    assert by_day.loc["05-24", "source_file"] == "merged_comprehensive_data_M.csv"
    assert by_day.loc["05-23", "source_file"] == "JapanandBattleship.csv"
    qc = tables["air_sea_qc"]
    checks = qc["check"].value_counts().to_dict()
    assert checks == {"duplicate_date": 1, "conflict": 1, "filled_from_secondary": 1, "blank_rows": 1}
    conflict = qc[qc["check"] == "conflict"].iloc[0]
    assert "49" in conflict["detail"] and "48" in conflict["detail"]
    duplicate = qc[qc["check"] == "duplicate_date"].iloc[0]
    assert duplicate["rows"] == "2, 3"


def expect_error(root: Path, *fragments: str) -> LoaderError:
    return loader_error(lambda: pla_daily.build(RawFolder(root)), *fragments)


BAD_PRIMARY_CASES = {
    "non-numeric count": (
        [primary_row("2024/05/20", "10", "5"), primary_row("2024/05/21", "many", "3")],
        ("JapanandBattleship.csv", "row 3", "column 'pla_aircraft_sorties'", "'many' is not a number"),
    ),
    "negative count": (
        [primary_row("2024/05/20", "10", "-2")],
        ("row 2", "column 'plan_vessel_sorties'", "negative"),
    ),
    "fractional count": (
        [primary_row("2024/05/20", "10.5", "2")],
        ("row 2", "column 'pla_aircraft_sorties'", "not a whole number"),
    ),
    "implausible count": (
        [primary_row("2024/05/20", "150000", "2")],
        ("row 2", "implausibly large"),
    ),
    "bad date": (
        [primary_row("2024/05/20", "1", "2"), primary_row("2024/13/45", "1", "2")],
        ("row 3", "column 'date'", "'2024/13/45' is not a date"),
    ),
    "values without a date": (
        [primary_row("", "7", "2")],
        ("row 2", "column 'date'", "no date"),
    ),
    "conflicting duplicate": (
        [primary_row("2024/05/20", "10", "5"), primary_row("2024/05/20", "12", "5")],
        ("rows 2, 3", "column 'aircraft'", "different values"),
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_PRIMARY_CASES))
def test_bad_primary_rows_name_file_row_and_column(tmp_path: Path, case: str) -> None:
    rows, fragments = BAD_PRIMARY_CASES[case]
    root = write_raw(tmp_path, rows, GOOD_SECONDARY)
    error = expect_error(root, "JapanandBattleship.csv", *fragments)
    assert error.file.endswith("JapanandBattleship.csv")


def test_missing_file(good_raw: Path) -> None:
    (good_raw / "pla-data-dashboard" / "merged_comprehensive_data_M.csv").unlink()
    expect_error(good_raw, "merged_comprehensive_data_M.csv", "file not found")


def test_missing_column(good_raw: Path) -> None:
    path = good_raw / "pla-data-dashboard" / "JapanandBattleship.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("plan_vessel_sorties", "vessels_typo"), encoding="utf-8")
    expect_error(good_raw, "JapanandBattleship.csv", "missing column(s) 'plan_vessel_sorties'")


def test_empty_file(good_raw: Path) -> None:
    (good_raw / "pla-data-dashboard" / "JapanandBattleship.csv").write_bytes(b"")
    expect_error(good_raw, "JapanandBattleship.csv", "file is empty")


def test_header_only(tmp_path: Path) -> None:
    root = write_raw(tmp_path, [], GOOD_SECONDARY)
    expect_error(root, "JapanandBattleship.csv", "no data rows")


def test_corrupt_bytes(good_raw: Path) -> None:
    path = good_raw / "pla-data-dashboard" / "JapanandBattleship.csv"
    data = path.read_bytes()
    path.write_bytes(data + b"2024/05/26,\xff\xfe\x00garbage,,,\n")
    expect_error(good_raw, "JapanandBattleship.csv", "row 7", "not valid UTF-8")


def test_blank_lines_do_not_shift_row_numbers(tmp_path: Path) -> None:
    rows = [primary_row("2024/05/20", "1", "1"), ",,,,,,,,,,,,,,,,", primary_row("2024/05/22", "x", "1")]
    root = write_raw(tmp_path, rows, GOOD_SECONDARY)
    expect_error(root, "row 4", "'x' is not a number")


def test_secondary_padding_rows_are_logged_not_loaded(good_raw: Path) -> None:
    qc = build(good_raw)["air_sea_qc"]
    blank = qc[qc["check"] == "blank_rows"].iloc[0]
    assert blank["file"] == "merged_comprehensive_data_M.csv" and blank["rows"] == "6-6"


def test_flat_folder_of_files_is_accepted(good_raw: Path, tmp_path: Path) -> None:
    """--raw may name one folder holding the files (witnesses included) instead of the shared layout."""
    import shutil

    flat = tmp_path / "flat"
    flat.mkdir()
    for path in good_raw.rglob("*"):
        if path.is_file() and path.parent.name != "daily":
            shutil.copy(path, flat / path.name)
    shutil.copytree(good_raw / "taiwan-strait-monitor-madeye" / "daily", flat / "daily")
    assert len(build(flat)["air_sea_daily"]) == 6


# --- the real raw files ---------------------------------------------------------------------------


def test_real_snapshot_equals_raw_files_day_by_day(shared_raw: Path) -> None:
    """Every upstream value is in the snapshot on its day, unless air_sea_changes lists that day and field."""
    tables = build(shared_raw)
    daily = tables["air_sea_daily"].set_index("date")
    changed = set(zip(tables["air_sea_changes"]["date"], tables["air_sea_changes"]["field"]))
    raw = pd.read_csv(shared_raw / pla_daily.PRIMARY.path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    raw["date"] = pd.to_datetime(raw["date"], format="%Y/%m/%d")
    checked = 0
    for _, row in raw.iterrows():
        for raw_col, col in (("pla_aircraft_sorties", "aircraft"), ("plan_vessel_sorties", "vessels")):
            if row[raw_col] != "" and (row["date"], col) not in changed:
                assert daily.loc[row["date"], col] == int(float(row[raw_col])), (row["date"], col)
                checked += 1
    assert checked > 1800
    assert daily.index.min() == pd.Timestamp("2015-03-30")
    assert daily.index.max() >= pd.Timestamp("2026-08-22")
    assert (daily["aircraft"].dropna() >= 0).all()
    # the real files agree on every shared day; the secondary's repeated days are logged
    qc = tables["air_sea_qc"]
    assert (qc["check"] == "conflict").sum() == 0
    assert (qc["check"] == "duplicate_date").sum() >= 10


def test_real_inputs_match_pinned_upstream_commit(shared_raw: Path) -> None:
    built = pla_daily.build(RawFolder(shared_raw))
    upstream = [item for item in built[0].inputs if item["matches_pinned_commit"] is not None]  # not project files
    assert len(upstream) >= 7 and all(item["matches_pinned_commit"] for item in upstream)
