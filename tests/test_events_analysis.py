"""Surge detection on constructed series, event windows and exercise comparison, and the real data check."""

from __future__ import annotations

import numpy as np
import pandas as pd
import yaml

import settings
from analysis import events as calc


def series(values: list, start: str = "2024-01-01") -> pd.DataFrame:
    dates = pd.date_range(start, periods=len(values), freq="D", unit="ns")
    return pd.DataFrame(
        {
            "date": dates,
            "aircraft": pd.array(values, dtype="Int64"),
            "vessels": pd.array([5] * len(values), dtype="Int64"),
        }
    )


def noisy(n: int, level: int = 10, seed: int = 1) -> list:
    rng = np.random.default_rng(seed)
    return [int(v) for v in rng.poisson(level, n)]


def test_a_spike_far_above_normal_is_flagged() -> None:
    values = noisy(120) + [80] + noisy(10, seed=2)
    found = calc.surges(series(values), "aircraft")
    assert len(found) == 1
    surge = found.iloc[0]
    assert surge["peak"] == 80 and surge["days_flagged"] == 1
    assert surge["peak_date"] == pd.Timestamp("2024-01-01") + pd.Timedelta(days=120)
    assert 8 <= surge["baseline"] <= 12


def test_ordinary_noise_is_not_flagged() -> None:
    assert calc.surges(series(noisy(400)), "aircraft").empty


def test_no_baseline_no_flag() -> None:
    # 29 reported days is too little history to call anything unusual
    assert calc.surges(series([10] * 29 + [200]), "aircraft").empty


def test_missing_days_are_not_zero_in_the_baseline() -> None:
    values = noisy(100)
    values = [v if i % 2 else None for i, v in enumerate(values)] + [25]
    scores = calc.robust_scores(series(values), "aircraft")
    assert scores["baseline"].iloc[-1] >= 8  # a zero-filled baseline would sit near 5
    assert not scores["flag"].iloc[-1]


def test_nearby_flagged_days_form_one_episode() -> None:
    values = noisy(120) + [70, 12, 75] + noisy(5, seed=3) + [90]
    found = calc.surges(series(values), "aircraft")
    assert found["days_flagged"].tolist() == [2, 1]
    assert found["peak"].tolist() == [75, 90]


def test_nearest_event_prefers_overlap() -> None:
    found = calc.surges(series(noisy(120) + [80]), "aircraft")
    events = pd.DataFrame(
        {
            "id": ["far", "near"],
            "kind": ["political", "exercise"],
            "name_en": ["Far", "Near"],
            "start": pd.to_datetime(["2024-01-01", "2024-04-30"]),
            "end": pd.to_datetime(["2024-01-01", "2024-05-01"]),
        }
    )
    out = calc.nearest_events(found, events)
    assert out["nearest_event_id"].tolist() == ["near"] and out["days_from_event"].tolist() == [0]
    assert out["matched"].tolist() == [True]


def test_event_window_and_comparison() -> None:
    daily = series([10] * 60 + [50, 70] + [10] * 40)
    start = daily["date"].iloc[60]
    window = calc.event_window(daily, start)
    assert window["day"].iloc[0] == -30 and window["day"].iloc[-1] == 30
    assert window.loc[window["day"] == 1, "aircraft"].item() == 70
    events = pd.DataFrame(
        {"id": ["x"], "kind": ["exercise"], "name_en": ["X"], "start": [start], "end": [start + pd.Timedelta(days=1)]}
    )
    row = calc.compare_exercises(daily, events).iloc[0]
    assert (row["duration_days"], row["aircraft_peak"], row["aircraft_total"]) == (2, 70, 120)
    assert row["aircraft_baseline"] == 10 and row["aircraft_excess"] == 100


def test_real_major_exercises_are_flagged() -> None:
    daily = pd.read_parquet(settings.SNAPSHOT_DIR / "air_sea_daily.parquet")
    catalog = yaml.safe_load((settings.PROJECT_DIR / "data" / "catalog" / "events.yaml").read_text(encoding="utf-8"))
    events = pd.DataFrame(catalog["events"])
    events["start"], events["end"] = pd.to_datetime(events["start"]), pd.to_datetime(events["end"])
    events = calc.with_report_days(events, daily)  # the daily series is dated by MND report day
    flagged = set()
    for metric in ("aircraft", "vessels"):
        found = calc.nearest_events(calc.surges(daily, metric), events)
        flagged |= set(found.loc[found["days_from_event"] == 0, "nearest_event_id"])
    # The Aug 2022 drills fall in the first weeks of MND's new count (all aircraft around Taiwan, from 5 Aug):
    # a baseline never spans the break, so those days are not scored at all (and the Pelosi-visit surge of
    # 3 Aug, still ADIZ entries, is matched to the visit).
    major = {
        "joint-sword-2023",
        "joint-sword-2024a",
        "joint-sword-2024b",
        "strait-thunder-2025a",
        "justice-mission-2025",
    }
    assert major <= flagged, major - flagged
    scores = calc.robust_scores(daily, "aircraft").set_index("date")
    assert scores.loc["2022-08-05":"2022-09-03", "baseline"].isna().all()  # fewer than 30 reports of the new count
    assert scores.loc["2022-08-03", "flag"]
