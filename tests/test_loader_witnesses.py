"""Loaders of the report-day witnesses (madeye reports, The Reporter's traced maps) and of the project's
cited catalogs (press reports, corrections, reporting eras): good and bad inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from loaders import cited_catalogs, flight_tracks, mnd_reports, pla_daily
from loaders.contract import RawFolder
from loaders.errors import LoaderError
from tests.fixtures_witnesses import MADEYE_DAYS, madeye_report, write_catalogs, write_madeye, write_tracks

CITE = """    source_publisher: Reuters
    source_title: "A title"
    source_date: 2024-05-21
    source_url: https://example.org/a
"""


def build(raw: Path, catalogs: Path | None = None) -> dict[str, pd.DataFrame]:
    return {t.spec.name: t.frame for t in pla_daily.build(RawFolder(raw), catalogs=catalogs)}


# --- madeye -----------------------------------------------------------------------------------------


def test_madeye_reports_load_with_window_and_link(tmp_path: Path) -> None:
    write_madeye(tmp_path)
    frame = mnd_reports.build(RawFolder(tmp_path))[0].frame
    assert list(frame["date"]) == [pd.Timestamp(d) for d in MADEYE_DAYS]
    first = frame.iloc[0]
    assert (first["window_start"], first["window_end"]) == (
        pd.Timestamp("2024-05-19 06:00"),
        pd.Timestamp("2024-05-20 06:00"),
    )
    assert (first["aircraft"], first["crossed_median"], first["vessels"], first["official_ships"]) == (10, 4, 5, 1)
    assert first["adiz_regions"] == "southwest" and pd.isna(frame.iloc[1]["adiz_regions"])
    assert first["source_url"].startswith("https://www.mnd.gov.tw/")


def _break_report(tmp_path: Path, change) -> Path:
    write_madeye(tmp_path)
    path = tmp_path / mnd_reports.DAILY_DIR / "2024-05-20.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    change(record)
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "change, fragment",
    [
        (lambda r: r["period"].update(end="2024-05-21T06:00:00+08:00"), "not at 06:00 on 2024-05-20"),
        (lambda r: r["period"].update(start="2024-05-19T12:00:00+08:00"), "is not 24 hours"),
        (lambda r: r["period"].update(end="2024-05-20T06:00:00+09:00"), "not Taipei time"),
        (lambda r: r["aircraft"].update(crossed_median=11), "only 10 in total"),
        (lambda r: r["aircraft"].update(total=-1), "negative"),
        (lambda r: r["aircraft"].update(total="12"), "not a whole number"),
        (lambda r: r["aircraft"].update(adiz_regions=["westside"]), "ADIZ regions"),
        (lambda r: r.update(source_url="https://evil.example/x"), "not an MND address"),
        (lambda r: r.update(date="2024-05-21"), "does not match the file name"),
        (lambda r: r.pop("vessels"), "missing field 'vessels'"),
    ],
)
def test_bad_madeye_report_names_file_and_field(tmp_path: Path, change, fragment: str) -> None:
    path = _break_report(tmp_path, change)
    with pytest.raises(LoaderError, match=fragment) as caught:
        mnd_reports.build(RawFolder(tmp_path))
    assert str(caught.value).startswith(str(path))


def test_summary_must_agree_with_the_daily_files(tmp_path: Path) -> None:
    write_madeye(tmp_path)
    summary = tmp_path / mnd_reports.SUMMARY.path
    summary.write_text(summary.read_text().replace("2024-05-20,10,", "2024-05-20,11,"), encoding="utf-8")
    with pytest.raises(LoaderError, match="11 here but 10 in the daily file of 2024-05-20") as caught:
        mnd_reports.build(RawFolder(tmp_path))
    assert "row 2" in str(caught.value) and "aircraft_total" in str(caught.value)


def test_a_daily_file_missing_from_the_summary_is_an_error(tmp_path: Path) -> None:
    write_madeye(tmp_path)
    extra = tmp_path / mnd_reports.DAILY_DIR / "2024-05-22.json"
    extra.write_text(json.dumps(madeye_report("2024-05-22", (1, 0, 0, 4, 0, []))), encoding="utf-8")
    with pytest.raises(LoaderError, match="daily report 2024-05-22 is not listed"):
        mnd_reports.build(RawFolder(tmp_path))


def test_no_daily_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(LoaderError, match="folder of daily report files not found"):
        mnd_reports.build(RawFolder(tmp_path))


def test_real_madeye_reports(shared_raw: Path) -> None:
    built = mnd_reports.build(RawFolder(shared_raw))[0]
    frame = built.frame.set_index("date")
    assert len(frame) == 316 and frame.index.min() == pd.Timestamp("2025-10-01")
    assert all(item["matches_pinned_commit"] for item in built.inputs)
    assert (frame.loc["2025-12-30", ["aircraft", "vessels", "official_ships"]].tolist()) == [130, 14, 8]
    assert pd.isna(frame.loc["2026-08-11", "entered_adiz"])  # the known upstream slip, withheld


# --- The Reporter's traced maps ---------------------------------------------------------------------


def test_traced_maps_sum_aircraft_per_report_day(tmp_path: Path) -> None:
    write_tracks(tmp_path)
    frame = flight_tracks.build(RawFolder(tmp_path))[0].frame
    assert frame.set_index("date")["aircraft_drawn"].to_dict() == {
        pd.Timestamp("2024-05-20"): 3,
        pd.Timestamp("2024-05-23"): 12,
        pd.Timestamp("2024-05-25"): 20,
    }  # the '#separate' copy of an area is not counted twice


@pytest.mark.parametrize(
    "props, fragment",
    [
        ({"dates_fixed": "20240520", "num": "x"}, "not a plausible aircraft count"),
        ({"dates_fixed": "2024-99-99", "num": "1"}, "is not a date"),
        ({"dates_fixed": "20990101", "num": "1"}, "after the refresh day"),
    ],
)
def test_bad_traced_feature_is_an_error(tmp_path: Path, props: dict, fragment: str) -> None:
    write_tracks(tmp_path)
    path = tmp_path / flight_tracks.TRACKS_2022.path
    path.write_text(
        json.dumps(
            {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": props, "geometry": None}]}
        ),
        encoding="utf-8",
    )
    with pytest.raises(LoaderError, match=fragment) as caught:
        flight_tracks.build(RawFolder(tmp_path))
    assert str(caught.value).startswith(str(path)) and "feature 1" in str(caught.value)


def test_real_traced_maps_date_the_record_of_september_2023(shared_raw: Path) -> None:
    frame = flight_tracks.build(RawFolder(shared_raw))[0].frame.set_index("date")
    assert frame.index.min() == pd.Timestamp("2022-08-01") and frame.index.max() == pd.Timestamp("2024-07-31")
    assert frame.loc["2023-09-18", "aircraft_drawn"] == 40  # MND's map of the 103-aircraft report of 18 Sep


# --- cited catalogs -----------------------------------------------------------------------------------


def test_corrections_are_applied_and_logged(good_raw: Path, tmp_path: Path) -> None:
    catalogs = write_catalogs(
        tmp_path / "cat",
        corrections=f"""corrections:
  - date: 2024-05-22
    field: aircraft
    was:
    value: 7
    reason: The upstream has no value; the cited article gives 7.
{CITE}""",
    )
    tables = build(good_raw, catalogs)
    daily = tables["air_sea_daily"].set_index("date")
    assert daily.loc["2024-05-22", "aircraft"] == 7 and daily.loc["2024-05-22", "source_file"] == "corrections.yaml"
    change = tables["air_sea_changes"].query("action == 'corrected'").iloc[0]
    assert (change["date"], change["field"], change["now"]) == (pd.Timestamp("2024-05-22"), "aircraft", 7)
    assert "https://example.org/a" in change["evidence_source"] and "cited article" in change["detail"]


@pytest.mark.parametrize(
    "entry, fragment",
    [
        (
            "date: 2024-05-22\n    field: aircraft\n    was:\n    value: 7\n    reason: r\n"
            + CITE.replace("https://example.org/a", "example.org/a"),
            "is not a web address",
        ),
        (
            "date: 2024-05-22\n    field: aircraft\n    was:\n    value: 7\n    reason: r\n"
            + CITE.replace("    source_publisher: Reuters\n", ""),
            "source_publisher",
        ),
        (
            "date: 2024-05-22\n    field: helicopters\n    was:\n    value: 7\n    reason: r\n" + CITE,
            "unknown field 'helicopters'",
        ),
        (
            "date: 2021-01-01\n    field: aircraft\n    was:\n    value: 7\n    reason: r\n" + CITE,
            "outside the daily series",
        ),
        (
            "date: 2024-05-20\n    field: aircraft\n    was: 11\n    value: 7\n    reason: r\n" + CITE,
            "is 10 after alignment, not 11",
        ),
        ("date: 2024-05-22\n    field: aircraft\n    was:\n    value: -3\n    reason: r\n" + CITE, "is not a count"),
        (
            "date: 2024-05-22\n    field: aircraft\n    was:\n    value: 7\n    reason: r\n    colour: red\n" + CITE,
            "unknown field 'colour'",
        ),
    ],
)
def test_bad_correction_is_a_clear_error(good_raw: Path, tmp_path: Path, entry: str, fragment: str) -> None:
    catalogs = write_catalogs(tmp_path / "cat", corrections=f"corrections:\n  - {entry}")
    with pytest.raises(LoaderError, match=fragment) as caught:
        build(good_raw, catalogs)
    assert str(caught.value).startswith(str(catalogs / "corrections.yaml")) and "entry 1" in str(caught.value)


def test_press_reports_testify_and_disputes_are_listed(good_raw: Path, tmp_path: Path) -> None:
    catalogs = write_catalogs(
        tmp_path / "cat",
        press=f"""reports:
  - date: 2024-05-23
    aircraft: 48
{CITE}""",
    )
    tables = build(good_raw, catalogs)
    assert tables["air_sea_daily"].set_index("date").loc["2024-05-23", "aircraft"] == 49  # one witness: kept
    disputes = tables["air_sea_disputes"].query("witness == 'press'")
    assert disputes[["date", "field", "value", "witness", "witness_value"]].values.tolist() == [
        [pd.Timestamp("2024-05-23"), "aircraft", 49, "press", 48]
    ]


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("reports:\n  - date: 2024-05-23\n" + CITE, "states no count"),
        ("reports:\n  - date: 2099-05-23\n    aircraft: 3\n" + CITE, "after today"),
        ("reports: {}\n", "expected a top-level 'reports:' list"),
    ],
)
def test_bad_press_report_is_a_clear_error(tmp_path: Path, text: str, fragment: str) -> None:
    catalogs = write_catalogs(tmp_path / "cat", press=text)
    with pytest.raises(LoaderError, match=fragment):
        cited_catalogs.press_reports(catalogs)


def test_overlapping_eras_are_refused(tmp_path: Path) -> None:
    catalogs = write_catalogs(tmp_path / "cat")
    path = catalogs / "reporting_eras.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("start: 2022-08-05", "start: 2022-08-01"), encoding="utf-8"
    )
    with pytest.raises(LoaderError, match="definition eras overlap"):
        cited_catalogs.eras(catalogs)


def test_days_carry_their_definition_and_report_window(good_raw: Path) -> None:
    daily = build(good_raw)["air_sea_daily"]
    assert set(daily["aircraft_definition"]) == {"around_taiwan"} and set(daily["report_window"]) == {"24h_to_0600"}
    urls = daily.set_index("date")["report_url"]
    assert urls.loc["2024-05-20"].startswith("https://www.mnd.gov.tw/") and pd.isna(urls.loc["2024-05-23"])
