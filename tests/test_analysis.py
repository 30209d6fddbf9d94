"""Derived series: rolling means respect gaps, totals carry coverage, headline windows."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import activity as calc


def frame(values: list, start: str = "2024-01-01") -> pd.DataFrame:
    dates = pd.date_range(start, periods=len(values), freq="D", unit="ns")
    return pd.DataFrame({"date": dates, "aircraft": pd.array(values, dtype="Int64")})


def test_rolling_mean_needs_more_than_half_the_window() -> None:
    out = calc.with_rolling(frame([10, None, None, None, None, None, None, 20, 20, 20, 20]), "aircraft")
    mean7 = out["aircraft_mean_7d"]
    assert pd.isna(mean7.iloc[6])  # one reported day in seven: not shown
    assert mean7.iloc[10] == 20  # four of seven reported
    assert calc.min_days(7) == 4 and calc.min_days(30) == 16


def test_rolling_mean_ignores_missing_days_instead_of_counting_zero() -> None:
    out = calc.with_rolling(frame([10, 10, None, 10, 10, 10, 10]), "aircraft", windows=(7,))
    assert out["aircraft_mean_7d"].iloc[-1] == 10


def test_period_totals_flag_incomplete_periods() -> None:
    values = [1] * 31 + [2] * 10 + [None] * 19  # January complete, February mostly missing
    out = calc.period_totals(frame(values), "aircraft", "MS")
    jan, feb = out.iloc[0], out.iloc[1]
    assert (jan["total"], jan["days_reported"], bool(jan["complete"])) == (31, 31, True)
    assert (feb["total"], feb["days_reported"], feb["days_in_period"], bool(feb["complete"])) == (20, 10, 29, False)
    assert feb["daily_mean"] == 2


def test_period_with_no_report_has_no_total() -> None:
    out = calc.period_totals(frame([None] * 31 + [5]), "aircraft", "MS")
    assert pd.isna(out.iloc[0]["total"]) and out.iloc[0]["days_reported"] == 0


def test_gap_runs() -> None:
    gaps = calc.gap_runs(frame([1, None, None, 4, None, 6, None]), "aircraft")
    assert gaps["days"].tolist() == [2, 1, 1]
    assert gaps["start"].dt.strftime("%d").tolist() == ["02", "05", "07"]


def test_headline_windows_and_record() -> None:
    values = [5] * 365 + [10] * 16 + [20] * 7 + [None]
    daily = frame(values)
    h = calc.headline(daily, "aircraft")
    assert h.last_day == daily["date"].iloc[-2]  # anchored on the last day with a report
    assert h.last_value == 20
    latest, previous, year_before = h.windows[7]
    assert (latest.total, latest.days_reported, previous.total) == (140, 7, 70)
    assert calc.change(latest, previous) == pytest.approx(1.0)
    assert calc.change(latest, year_before) == pytest.approx(3.0)
    assert h.record_value == 20 and h.record_day == daily["date"].iloc[365 + 16]


def test_change_is_undefined_without_reports() -> None:
    empty = calc.window(frame([None, None]), "aircraft", pd.Timestamp("2024-01-02"), 2)
    assert empty.total is None and calc.change(empty, empty) is None


def test_calendar_grid_positions() -> None:
    cal = calc.calendar(frame([3, 4]), "aircraft", 2024)
    assert len(cal) == 366
    first = cal.iloc[0]
    assert (first["week"], first["weekday"], first["aircraft"]) == (0, 0, 3)  # 2024-01-01 is a Monday
    assert cal["week"].max() == 52
    assert cal["aircraft"].isna().sum() == 364


def test_year_over_year_layout() -> None:
    out = calc.year_over_year(frame([1] * 400, start="2023-12-01"), "aircraft")
    assert list(out.columns[:3]) == ["year", "month", "total"]
    assert out.iloc[0][["year", "month", "total"]].tolist() == [2023, 12, 31]
