"""analysis/replay.py: running totals, "not reported", what is in force on a report day, the strip's frame."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import replay as calc


def daily(rows: list[tuple[str, int | None, int | None, str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["date", "aircraft", "vessels", "aircraft_definition", "report_window"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame.astype({"aircraft": "Int64", "vessels": "Int64"})


NEXT = "24h_to_0600"
DAYS = daily(
    [
        ("2025-12-29", 2, 9, "around_taiwan", NEXT),
        ("2025-12-30", 130, 14, "around_taiwan", NEXT),
        ("2025-12-31", None, 17, "around_taiwan", NEXT),  # aircraft not reported
        ("2026-01-01", 3, None, "around_taiwan", NEXT),
    ]
)
BREAK = daily(
    [
        ("2022-08-03", 22, None, "adiz_entries", "calendar_day"),
        ("2022-08-04", 22, None, "adiz_entries", "calendar_day"),
        ("2022-08-05", 68, 13, "around_taiwan", "calendar_day"),
        ("2022-08-06", 20, 14, "around_taiwan", "calendar_day"),
    ]
)


def test_running_totals_add_reported_days_and_count_the_missing_ones() -> None:
    aircraft, vessels = calc.running_totals(DAYS, "2025-12-30", "2026-01-01")
    assert (aircraft.total, aircraft.days, aircraft.days_reported, aircraft.days_missing) == (133, 3, 2, 1)
    assert (vessels.total, vessels.days_reported) == (31, 2)
    assert aircraft.since == pd.Timestamp("2025-12-30") and not aircraft.restarted_at_break


def test_running_totals_start_on_the_first_day_only() -> None:
    assert calc.running_totals(DAYS, "2025-12-30", "2025-12-29") == []
    (first, _) = calc.running_totals(DAYS, "2025-12-30", "2025-12-30")
    assert first.total == 130 and first.days == 1


def test_a_total_with_no_reported_day_is_not_reported_not_zero() -> None:
    aircraft, _ = calc.running_totals(DAYS, "2025-12-31", "2025-12-31")
    assert aircraft.total is None and aircraft.days_missing == 1


def test_aircraft_total_restarts_at_the_definition_break() -> None:
    aircraft, vessels = calc.running_totals(BREAK, "2022-08-04", "2022-08-06")
    assert aircraft.restarted_at_break and aircraft.since == pd.Timestamp("2022-08-05")
    assert aircraft.total == 88  # 68 + 20, never the ADIZ-only 22 of 4 Aug added to them
    assert not vessels.restarted_at_break and vessels.total == 27 and vessels.days == 3
    before, _ = calc.running_totals(BREAK, "2022-08-03", "2022-08-04")
    assert before.total == 44 and not before.restarted_at_break


def test_day_counts_say_not_reported_and_name_the_transcription() -> None:
    measures = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-12-31"]),
            "official_ships": pd.array([8], dtype="Int64"),
            "entered_adiz": pd.array([None], dtype="Int64"),
            "crossed_median": pd.array([35], dtype="Int64"),
            "crossed_median_source": ["madeye"],
        }
    )
    found = {
        c.measure: c for c in calc.day_counts({"air_sea_daily": DAYS, "mnd_daily_measures": measures}, "2025-12-31")
    }
    assert [c.measure for c in found.values()] == [m for m, _ in calc.DAY_MEASURES]
    assert found["aircraft"].value is None and found["vessels"].value == 17
    assert found["official_ships"].value == 8 and found["entered_adiz"].value is None
    assert found["crossed_median"].source == "madeye"
    absent = calc.day_counts({"air_sea_daily": DAYS}, "2030-01-01")  # no such day, no such table
    assert all(c.value is None for c in absent)


def test_a_next_morning_report_describes_the_day_before() -> None:
    assert calc.activity_day(DAYS, "2025-12-31") == pd.Timestamp("2025-12-30")
    assert calc.activity_day(BREAK, "2022-08-05") == pd.Timestamp("2022-08-05")
    assert calc.activity_day(DAYS, "2030-01-01") == pd.Timestamp("2030-01-01")  # no report: the day itself


def test_what_is_in_force_on_a_day() -> None:
    zones = pd.DataFrame(
        {
            "event_id": ["jm", "jm", "other"],
            "active_from": pd.to_datetime(["2025-12-30", "2025-12-29", "2025-12-30"]),
            "active_to": pd.to_datetime(["2025-12-30", "2025-12-29", "2025-12-31"]),
        }
    )
    assert len(calc.zones_in_force(zones, "2025-12-30", "jm")) == 1
    assert len(calc.zones_in_force(zones, "2025-12-30")) == 2
    assert calc.zones_in_force(zones, "2025-12-31", "jm").empty
    warnings = pd.DataFrame(
        {
            "publish_date": pd.to_datetime(["2026-03-01", "2026-03-05"]),
            "start": pd.to_datetime(["2026-03-02", None]),
            "end": pd.to_datetime(["2026-03-04", None]),
        }
    )
    assert len(calc.warnings_in_force(warnings, "2026-03-03")) == 1
    assert len(calc.warnings_in_force(warnings, "2026-03-05")) == 1  # no period: its publication day


def test_events_on_a_report_day_exercises_first() -> None:
    events = pd.DataFrame(
        {
            "id": ["speech", "drill"],
            "kind": ["political", "exercise"],
            "start": pd.to_datetime(["2025-12-29", "2025-12-29"]),
            "report_start": pd.to_datetime(["2025-12-30", "2025-12-30"]),
            "report_end": pd.to_datetime(["2025-12-30", "2025-12-31"]),
        }
    )
    assert list(calc.events_on(events, "2025-12-30")["id"]) == ["drill", "speech"]
    assert list(calc.events_on(events, "2025-12-31")["id"]) == ["drill"]
    assert calc.events_on(events, "2025-12-29").empty


def test_japan_day_flags_and_an_unrecorded_day() -> None:
    japan = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-01-05"] * 4),
            "indicator": ["strait_transit", "strait_transit", "ship_passage", "joint_drill"],
            "strait": ["miyako", "tsushima", "none", "none"],
            "flag": pd.array([1, None, 1, 0], dtype="Int64"),
            "direction": ["in", None, "in", None],
            "ship_type": ["旅洋II級驅逐艦"] * 4,
        }
    )
    found = calc.japan_day(japan, "2026-01-05")
    assert found.recorded and found.straits == ("miyako",) and found.flags == ("ship_passage",)
    assert found.withheld == 1 and found.direction == "in" and found.ship_types == "旅洋II級驅逐艦"
    assert not calc.japan_day(japan, "2026-01-06").recorded


def test_exercise_window_steps_and_strip() -> None:
    event = pd.Series({"report_start": pd.Timestamp("2025-12-30"), "report_end": pd.Timestamp("2025-12-31")})
    start, end = calc.exercise_window(event, "2025-12-29", "2026-01-01")
    assert (start, end) == (pd.Timestamp("2025-12-29"), pd.Timestamp("2026-01-01"))  # margin cut to the data
    assert calc.exercise_window(event, "2015-01-01", "2030-01-01") == (
        pd.Timestamp("2025-12-27"),
        pd.Timestamp("2026-01-03"),
    )
    days = calc.steps(start, end)
    assert len(days) == 4
    assert calc.clamp_day("2025-12-31", start, end) == pd.Timestamp("2025-12-31")
    assert calc.clamp_day("2024-01-01", start, end) == start and calc.clamp_day(None, start, end) == start
    strip = calc.strip(
        DAYS, "2025-12-28", "2026-01-01", "2025-12-31", exercise=(event["report_start"], event["report_end"])
    )
    assert list(strip.columns) == calc.STRIP_COLUMNS and len(strip) == 5
    assert strip["aircraft"].isna().tolist() == [True, False, False, True, False]  # no report: a gap, not 0
    assert strip["in_exercise"].tolist() == [False, False, True, True, False]
    assert strip["current"].tolist() == [False, False, False, True, False]


@pytest.mark.parametrize("day", ["2025-12-29", "2026-01-01"])
def test_a_window_without_exercise_marks_none(day: str) -> None:
    strip = calc.strip(DAYS, "2025-12-29", "2026-01-01", day)
    assert not strip["in_exercise"].any() and strip["current"].sum() == 1
