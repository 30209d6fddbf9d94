"""Reconciliation of the two MND transcriptions on constructed agreements and disagreements."""

from __future__ import annotations

import pandas as pd

from analysis import reconcile
from charts import reconcile as chart
from charts.theme import SourceNote, source_text


def dashboard() -> pd.DataFrame:
    dates = pd.date_range("2026-01-01", "2026-01-08", freq="D", unit="ns")
    return pd.DataFrame(
        {
            "date": dates,
            "aircraft": pd.array([10, 20, 30, None, 5, 7, 9, 11], dtype="Int64"),
            "vessels": pd.array([6, 6, 7, 8, 5, 5, 6, 6], dtype="Int64"),
        }
    )


def tracker() -> pd.DataFrame:
    dates = pd.date_range("2026-01-02", "2026-01-09", freq="D", unit="ns")  # starts a day later, ends a day later
    return pd.DataFrame(
        {
            "date": dates,
            "aircraft": pd.array([20, 31, 4, 5, 9, 11, 11, 3], dtype="Int64"),
            #                    02 agree, 03 +1, 04 only tracker, 05 agree, 06 = dashboard's 07 (shift), 07 = 08's, 08 agree
            "ships": pd.array([6, 7, 8, 5, 6, 6, 6, 9], dtype="Int64"),
        }
    )


def test_day_by_day_statuses_and_differences() -> None:
    comparison = reconcile.compare_daily(dashboard(), tracker())
    aircraft = comparison[comparison["measure"] == "aircraft"].set_index(
        comparison.loc[comparison["measure"] == "aircraft", "date"].dt.strftime("%m-%d")
    )
    # the shared span is 01-02 .. 01-08: neither source's extra day is compared
    assert list(aircraft.index) == ["01-02", "01-03", "01-04", "01-05", "01-06", "01-07", "01-08"]
    assert aircraft.loc["01-02", "status"] == "agree"
    assert (aircraft.loc["01-03", "status"], aircraft.loc["01-03", "difference"]) == ("disagree", 1)
    assert aircraft.loc["01-03", "dashboard"] == 30 and aircraft.loc["01-03", "tracker"] == 31  # both values kept
    assert aircraft.loc["01-04", "status"] == "only_tracker" and pd.isna(aircraft.loc["01-04", "difference"])
    assert aircraft.loc["01-06", "status"] == "disagree"
    # 01-06: tracker aircraft 9 and ships 6 are the dashboard's 01-07 values: a whole day shifted
    assert aircraft.loc["01-06", "hint"] == "next"  # the whole day matches the dashboard's next day
    assert aircraft.loc["01-03", "hint"] == ""  # a different count, not a shift


def test_summary_score() -> None:
    scores = reconcile.summary(reconcile.compare_daily(dashboard(), tracker())).set_index("measure")
    aircraft = scores.loc["aircraft"]
    assert aircraft["days_compared"] == 6 and aircraft["days_agree"] == 3
    assert aircraft["share_agree"] == 0.5
    assert aircraft["mean_abs_difference"] == round((1 + 2 + 2) / 6, 2)  # 01-03 +1, 01-06 +2, 01-07 +2
    assert aircraft["max_abs_difference"] == 2
    assert aircraft["days_only_tracker"] == 1 and aircraft["days_only_dashboard"] == 0
    vessels = scores.loc["vessels"]
    assert vessels["days_compared"] == 7


def test_disagreements_are_listed_never_averaged() -> None:
    comparison = reconcile.compare_daily(dashboard(), tracker())
    listed = reconcile.disagreements(comparison)
    assert set(listed["status"]) <= {"disagree", "only_dashboard", "only_tracker"}
    row = listed[(listed["measure"] == "aircraft") & (listed["date"] == pd.Timestamp("2026-01-03"))].iloc[0]
    assert (row["dashboard"], row["tracker"]) == (30, 31)
    assert not any(c for c in comparison.columns if "mean" in c or "average" in c)


def test_no_overlap_gives_an_empty_comparison() -> None:
    later = tracker().assign(date=lambda f: f["date"] + pd.Timedelta(days=100))
    assert reconcile.compare_daily(dashboard(), later).empty


def test_chart_shows_each_measure_with_its_source() -> None:
    note = SourceNote("Test source", "2026-01-09")
    fig = chart.differences(reconcile.compare_daily(dashboard(), tracker()), note)
    assert "day by day" in fig.layout.title.text
    assert source_text(fig).replace("<br>", " ") == note.line()
    assert note.line().startswith("Source: Test source · Data to 2026-01-09")
    names = [t.name for t in fig.data]
    assert names.count("Different value") == 2 and "Only one source" in names
