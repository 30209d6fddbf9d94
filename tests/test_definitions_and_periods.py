"""The definition break (5 Aug 2022), honest periods, missing vs zero, report days of exercises and the
age of the data: on frames built here and on the committed snapshot (what the app shows)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import settings
from analysis import activity as calc
from analysis import events as ev
from catalog import CATALOG, Settings, render
from charts import activity as figs
from charts import trade as trade_figs
from charts.theme import Metric, SourceNote, break_text
from deck.tables import FolderTables

AIRCRAFT = Metric("aircraft", "PLA aircraft", "aircraft")
NOTE = SourceNote("Test source", "2022-12-31")
CUT = pd.Timestamp("2022-08-05")


def two_eras(days: int = 185, before: int = 2, after: int = 20) -> pd.DataFrame:
    """Daily counts either side of the break: ADIZ entries on every other day, then a report every day."""
    dates = pd.date_range(CUT - pd.Timedelta(days=days), CUT + pd.Timedelta(days=days - 1), freq="D", unit="ns")
    era = ["adiz_entries" if d < CUT else "around_taiwan" for d in dates]
    aircraft = [(before if i % 2 == 0 else None) if d < CUT else after for i, d in enumerate(dates)]
    return pd.DataFrame(
        {
            "date": dates,
            "aircraft": pd.array(aircraft, dtype="Int64"),
            "vessels": pd.array([None if d < CUT else 7 for d in dates], dtype="Int64"),
            "aircraft_definition": era,
        }
    )


@pytest.fixture(scope="module")
def tables() -> FolderTables:
    return FolderTables(settings.SNAPSHOT_DIR)


# --- analysis ---------------------------------------------------------------------------------------


def test_rolling_means_restart_at_the_break_and_count_adiz_days_without_report_as_zero() -> None:
    rolled = calc.with_rolling(two_eras(), "aircraft").set_index("date")
    assert rolled.loc[CUT - pd.Timedelta(days=1), "aircraft_mean_30d"] == pytest.approx(
        1.0, abs=0.1
    )  # 2 every other day
    assert rolled.loc[CUT : CUT + pd.Timedelta(days=14), "aircraft_mean_30d"].isna().all()  # not before 16 reports
    assert rolled.loc[CUT + pd.Timedelta(days=20), "aircraft_mean_30d"] == 20  # only the new count in it


def test_periods_are_split_at_the_break_and_a_part_period_is_partial() -> None:
    months = calc.period_segments(two_eras(), "aircraft", "MS")
    august = months[months["period"] == pd.Timestamp("2022-08-01")]
    assert list(august["definition"]) == ["adiz_entries", "around_taiwan"]
    assert list(august["days"]) == [4, 27] and august["partial"].all() and not august["complete"].any()
    adiz_month = months[months["period"] == pd.Timestamp("2022-06-01")].iloc[0]
    assert adiz_month["complete"] and adiz_month["daily_mean"] == 1.0  # per calendar day: no report = no entries
    last = months.iloc[-1]  # the data end inside this month: partial, never a full-colour bar
    assert last["end"] < last["period"] + pd.offsets.MonthEnd(0) and last["partial"] and not last["complete"]
    assert (
        calc.period_totals(two_eras(), "aircraft", "MS").set_index("period").loc["2022-08-01", "definition"] == "mixed"
    )
    assert pd.isna(calc.period_totals(two_eras(), "aircraft", "MS").set_index("period").loc["2022-08-01", "total"])


def test_a_period_of_the_new_count_with_a_missing_day_is_not_complete() -> None:
    daily = two_eras()
    daily.loc[daily["date"] == pd.Timestamp("2022-09-10"), "aircraft"] = pd.NA
    september = calc.period_segments(daily, "aircraft", "MS").set_index("period").loc["2022-09-01"]
    assert not september["complete"] and not september["partial"] and september["days_reported"] == 29
    assert september["daily_mean"] == 20  # per reported day: missing is missing


def test_year_over_year_compares_only_months_of_the_latest_count() -> None:
    yoy = calc.year_over_year(two_eras(), "aircraft")
    assert (yoy["year"].astype(str) + "-" + yoy["month"].astype(str)).iloc[0] == "2022-9"  # not Aug (cut), not before


def test_comparisons_across_the_break_are_refused() -> None:
    daily = two_eras()
    now = calc.window(daily, "aircraft", CUT + pd.Timedelta(days=40), 30)
    before = calc.window(daily, "aircraft", CUT - pd.Timedelta(days=10), 30)
    assert not calc.comparable(now, before) and calc.change(now, before) is None
    assert calc.change(now, calc.window(daily, "aircraft", CUT + pd.Timedelta(days=70), 30)) == 0


def test_surge_baselines_never_span_the_break() -> None:
    scores = ev.robust_scores(two_eras(days=200), "aircraft").set_index("date")
    assert (
        scores.loc[CUT : CUT + pd.Timedelta(days=28), "baseline"].isna().all()
    )  # fewer than 30 reports of the new count
    assert scores.loc[CUT + pd.Timedelta(days=40), "baseline"] == 20  # and then only new-count days in it
    assert not scores.loc[CUT:, "flag"].any()  # 20 a day after 2 a day is a change of count, not a surge


def test_exercises_are_counted_on_their_report_days() -> None:
    dates = pd.date_range("2024-10-01", "2024-10-31", freq="D", unit="ns")
    daily = pd.DataFrame(
        {
            "date": dates,
            "aircraft": pd.array([10] * len(dates), dtype="Int64"),
            "vessels": pd.array([5] * len(dates), dtype="Int64"),
            "aircraft_definition": "around_taiwan",
            "report_window": "24h_to_0600",
        }
    )
    daily.loc[daily["date"] == pd.Timestamp("2024-10-15"), "aircraft"] = 153  # the report of 15 Oct covers the 14th
    events = pd.DataFrame(
        {
            "id": ["js"],
            "kind": ["exercise"],
            "name_en": ["JS"],
            "start": [pd.Timestamp("2024-10-14")],
            "end": [pd.Timestamp("2024-10-14")],
        }
    )
    row = ev.compare_exercises(daily, events).iloc[0]
    assert (row["report_start"], row["aircraft_peak"], row["aircraft_total"]) == (pd.Timestamp("2024-10-15"), 153, 153)


# --- chart builders -----------------------------------------------------------------------------------


def test_every_time_series_builder_draws_the_break() -> None:
    daily = two_eras()
    rolled = calc.with_rolling(daily, ["aircraft", "vessels"])
    built = [
        figs.daily_with_means(rolled, AIRCRAFT, NOTE, break_day=CUT),
        figs.trend(rolled, [AIRCRAFT], NOTE, break_day=CUT),
        figs.period_bars(
            calc.period_segments(daily, "aircraft", "MS"), AIRCRAFT, NOTE, freq_label="month", break_day=CUT
        ),
        figs.period_bars(
            calc.period_segments(daily, "aircraft", "YS"), AIRCRAFT, NOTE, freq_label="year", break_day=CUT
        ),
        figs.calendar_heatmap(calc.calendar(daily, "aircraft", 2022), AIRCRAFT, NOTE, year=2022, break_day=CUT),
    ]
    for fig in built:
        labels = break_text(fig)
        assert labels == ["← ADIZ entries only", "5 Aug 2022: all aircraft around Taiwan →"], fig.layout.title.text
        assert any(s.name == "definition-break" for s in fig.layout.shapes)
    after = calc.clip_dates(rolled, CUT + pd.Timedelta(days=10), CUT + pd.Timedelta(days=60))
    assert break_text(figs.daily_with_means(after, AIRCRAFT, NOTE, break_day=CUT)) == []  # not in range: not drawn


def test_trade_and_pla_chart_marks_the_other_count() -> None:
    periods = pd.date_range("2021-01-01", "2023-12-01", freq="MS")
    data = pd.DataFrame(
        {
            "period": periods,
            "value_usd_million": 100.0,
            "preliminary": False,
            "pla_aircraft": pd.array([50] * len(periods), dtype="Int64"),
            "days_reported": 30,
            "days_in_period": 30,
            "definition": ["adiz_entries" if p < CUT else "around_taiwan" for p in periods],
            "complete": True,
        }
    )
    fig = trade_figs.trade_and_security(
        data, NOTE, security_note=NOTE, flow="export", partner="china_hk", period_type="month", break_day=CUT
    )
    bars = fig.data[1]
    assert list(bars.marker.pattern.shape) == ["/" if p < CUT else "" for p in periods]  # ADIZ era hatched
    assert break_text(fig)


# --- the committed snapshot: what the app shows ----------------------------------------------------------


@pytest.mark.parametrize(
    "chart, settings_",
    [
        ("trend", Settings(start=date(2020, 1, 1))),
        ("daily", Settings(metric="aircraft", start=date(2022, 6, 1), end=date(2022, 12, 31))),
        ("monthly", Settings(metric="aircraft", start=date(2021, 1, 1))),
        ("yearly", Settings(metric="aircraft", start=date(2020, 1, 1))),
        ("calendar", Settings(metric="aircraft", year=2022)),
        ("event_study", Settings(exercise="pla-drills-aug-2022")),
    ],
)
def test_shipped_charts_across_the_break_mark_it(tables: FolderTables, chart: str, settings_: Settings) -> None:
    assert chart in CATALOG
    assert len(break_text(render(tables, chart, settings_).fig)) == 2


def test_shipped_yearly_figures_split_2022_and_mark_the_running_year(tables: FolderTables) -> None:
    data = render(tables, "yearly", Settings(metric="aircraft", start=date(2020, 1, 1))).data
    year_2022 = data[data["period"] == pd.Timestamp("2022-01-01")]
    assert list(year_2022["definition"]) == ["adiz_entries", "around_taiwan"]
    assert list(year_2022["end"].dt.strftime("%m-%d")) == ["08-04", "12-31"]
    assert data["period"].min() == pd.Timestamp("2020-01-01") and data.iloc[0]["start"] == pd.Timestamp("2020-09-16")
    running = data.iloc[-1]
    assert running["partial"] and running["end"] == pd.Timestamp("2026-08-22")  # "to 22 Aug", paler
    assert not data["complete"].iloc[-1]


def test_shipped_deck_claims_no_trend_the_break_makes() -> None:
    text = (settings.PROJECT_DIR / "data" / "decks" / "pressure-on-taiwan.yaml").read_text(encoding="utf-8")
    assert "More aircraft every year" not in text and "ADIZ entries until Aug 2022" in text


def test_shipped_figures_match_the_public_record(tables: FolderTables) -> None:
    """Each value is MND's report of that day as the cited press quoted it (data/catalog/press_reports.yaml)."""
    daily = tables.table("air_sea_daily").set_index("date")
    for day, aircraft in [
        ("2022-08-05", 68),
        ("2023-09-18", 103),
        ("2024-10-15", 153),
        ("2025-04-02", 76),
        ("2025-12-30", 130),
        ("2025-12-31", 77),
        ("2026-03-18", 36),
    ]:
        assert daily.loc[day, "aircraft"] == aircraft, day
    assert daily.loc["2022-08-04", "aircraft_definition"] == "adiz_entries"
    assert daily.loc["2022-08-05", "aircraft_definition"] == "around_taiwan"
    compared = ev.compare_exercises(tables.table("air_sea_daily"), tables.table("events")).set_index("id")
    assert compared.loc["joint-sword-2024a", "aircraft_total"] == 49 + 62  # both report days
    assert compared.loc["strait-thunder-2025a", "aircraft_total"] == 76 + 59
    assert compared.loc["justice-mission-2025", "aircraft_total"] == 130 + 77
    assert not compared.loc["pla-drills-aug-2022", "comparable"]  # the drills straddle the change of count


def test_real_madeye_days_agree_after_alignment(shared_raw: Path) -> None:
    from loaders import pla_daily
    from loaders.contract import RawFolder

    built = {t.spec.name: t.frame for t in pla_daily.build(RawFolder(shared_raw))}
    agreement = built["air_sea_agreement"].set_index(["witness", "field", "stage"])
    for field in ("aircraft", "vessels"):
        after = agreement.loc[("madeye", field, "after")]
        before = agreement.loc[("madeye", field, "before")]
        assert after["days_agree"] / after["days_compared"] >= 0.98
        assert before["days_agree"] / before["days_compared"] < 0.92  # the upstream as stored is a day off in runs
    changes = built["air_sea_changes"]
    moved = changes[changes["action"] == "realigned"]
    assert moved["run"].str.endswith("→ 2026-01-01").any()  # the late-Nov to Dec 2025 run, dated by madeye
    assert set(changes["action"]) <= {
        "realigned",
        "emptied",
        "dropped_repeat",
        "dropped",
        "filled",
        "replaced",
        "corrected",
    }
    assert (changes["detail"].str.len() > 0).all()


# --- age of the data --------------------------------------------------------------------------------------


def test_source_line_says_how_old_the_data_are() -> None:
    note = SourceNote("MND", "2026-08-22")
    assert note.line(today=date(2026, 8, 30)) == "Source: MND · Data to 2026-08-22"
    assert note.line(today=date(2026, 12, 1)) == "Source: MND · Data to 2026-08-22 (101 days old on 1 Dec 2026)"


def test_an_exercise_across_the_break_gets_no_baseline(tables: FolderTables) -> None:
    across = render(tables, "event_study", Settings(exercise="pla-drills-aug-2022")).fig
    assert not [a.text for a in across.layout.annotations if "baseline" in (a.text or "")]
    later = render(tables, "event_study", Settings(exercise="joint-sword-2024b")).fig
    assert [a.text for a in later.layout.annotations if "baseline" in (a.text or "")]
    assert break_text(later) == []
