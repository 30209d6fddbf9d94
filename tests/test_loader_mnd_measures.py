"""mnd_daily_measures: official ships, ADIZ entries and one median-line series, each day from a named source."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import settings
from loaders import mnd_measures
from loaders.contract import RawFolder, check_table
from loaders.snapshot import read_table


def test_crossings_from_madeye_where_it_reports_else_lioneer(good_raw: Path) -> None:
    (built,) = mnd_measures.build(RawFolder(good_raw))
    frame = built.frame.set_index("date")
    check_table(built.frame, mnd_measures.MEASURES)
    assert list(frame.index) == list(pd.date_range("2024-05-20", "2024-05-24"))  # every calendar day
    # madeye days (fixtures_witnesses.MADEYE_DAYS); lioneer fills the rest, never an average
    assert frame["crossed_median_source"].tolist() == ["madeye", "madeye", "lioneer", "lioneer", "lioneer"]
    assert frame["crossed_median"].tolist() == [4, 0, 6, 18, 6]
    # ADIZ entries and official ships are madeye's only: empty, not zero, on lioneer days
    assert frame["official_ships"].iloc[:2].tolist() == [1, 0] and frame["official_ships"].iloc[2:].isna().all()
    assert frame["entered_adiz"].iloc[2:].isna().all() and frame["report_url"].iloc[2:].isna().all()
    assert frame["report_url"].iloc[0].startswith("https://www.mnd.gov.tw/")


def test_a_day_no_source_reports_stays_empty() -> None:
    reports = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-01-01", "2026-01-04"]),
            "official_ships": [3, 5],
            "entered_adiz": [1, 2],
            "crossed_median": [0, 2],
            "source_url": ["https://www.mnd.gov.tw/a", "https://www.mnd.gov.tw/b"],
        }
    )
    reports = reports.astype({"official_ships": "Int64", "entered_adiz": "Int64", "crossed_median": "Int64"})
    tracker = pd.DataFrame({"date": pd.to_datetime(["2026-01-02"]), "median_line_crossings": [7]}).astype(
        {"median_line_crossings": "Int64"}
    )
    frame = mnd_measures.combine(reports, tracker)
    assert frame["crossed_median"].tolist()[:2] == [0, 7] and pd.isna(frame["crossed_median"].iloc[2])
    assert pd.isna(frame["crossed_median_source"].iloc[2]) and frame["crossed_median_source"].iloc[1] == "lioneer"


def test_real_snapshot_says_where_each_day_comes_from() -> None:
    """The committed snapshot: 316 madeye report days, one lioneer day (2026-03-29), 9 days with neither."""
    frame = read_table(settings.SNAPSHOT_DIR, "mnd_daily_measures")
    assert (frame["date"].min(), frame["date"].max()) == (pd.Timestamp("2025-10-01"), pd.Timestamp("2026-08-22"))
    counts = frame["crossed_median_source"].value_counts(dropna=False).to_dict()
    assert counts.get("madeye") == 316 and counts.get("lioneer") == 1 and frame["crossed_median"].isna().sum() == 9
    assert frame.loc[frame["crossed_median_source"] == "lioneer", "date"].tolist() == [pd.Timestamp("2026-03-29")]


def test_overlap_agreement_as_the_docstring_says() -> None:
    """The choice of madeye first rests on this: lioneer agrees with madeye's crossings on 102 of 122 days."""
    reports = read_table(settings.SNAPSHOT_DIR, "mnd_reports")
    tracker = read_table(settings.SNAPSHOT_DIR, "pla_tracker_daily").dropna(subset=["median_line_crossings"])
    both = reports.merge(tracker, on="date")
    assert len(both) == 122
    assert int((both["crossed_median"] == both["median_line_crossings"]).sum()) == 102
