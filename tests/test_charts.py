"""Chart builders: the right traces, titles, units and the source line on every figure."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis import activity as calc
from charts import activity as figs
from charts.theme import Metric, SourceNote, source_text

NOTE = SourceNote(source="Test source", as_of="2024-03-31")
AIRCRAFT = Metric("aircraft", "PLA aircraft", "aircraft")
VESSELS = Metric("vessels", "PLA Navy vessels", "vessels")


@pytest.fixture
def daily() -> pd.DataFrame:
    dates = pd.date_range("2023-01-01", "2024-03-31", freq="D", unit="ns")
    aircraft = pd.array([(i % 17) if i % 11 else None for i in range(len(dates))], dtype="Int64")
    vessels = pd.array([(i % 7) for i in range(len(dates))], dtype="Int64")
    return pd.DataFrame({"date": dates, "aircraft": aircraft, "vessels": vessels})


def common_checks(fig: go.Figure, title_fragment: str) -> None:
    assert title_fragment in fig.layout.title.text
    line = source_text(fig).replace("<br>", " ")
    assert line.startswith("Source: Test source · Data to 2024-03-31 (")  # fixture data are old: their age is said
    assert "days old on" in line
    assert fig.layout.template.layout.font.family  # the house template is applied


def test_daily_with_means_keeps_gaps(daily: pd.DataFrame) -> None:
    data = calc.with_rolling(daily, "aircraft")
    fig = figs.daily_with_means(data, AIRCRAFT, NOTE)
    common_checks(fig, "PLA aircraft around Taiwan, per day")
    assert [t.name for t in fig.data if t.showlegend is not False] == ["Daily count", "7-day mean", "30-day mean"]
    counts = fig.data[1].y  # the trace that carries the daily values and their hover
    assert counts[0] is None and counts[1] == 1.0  # day 0 had no report: a gap, not a zero
    assert fig.layout.yaxis.title.text == "aircraft per day"
    assert all(t.connectgaps is False for t in fig.data[1:])


def test_daily_counts_are_bars_for_a_short_range_and_one_step_area_for_a_long_one(daily: pd.DataFrame) -> None:
    from charts.theme import BARS_UP_TO

    data = calc.with_rolling(daily, "aircraft")
    short = figs.daily_with_means(data.tail(BARS_UP_TO), AIRCRAFT, NOTE).data[0]
    assert short.type == "bar" and len(short.x) == BARS_UP_TO
    outline, hover = figs.daily_with_means(data, AIRCRAFT, NOTE).data[:2]
    assert outline.fill == "toself" and outline.hoverinfo == "skip" and outline.name == "Daily count"
    assert hover.showlegend is False and len(hover.x) == len(data) and hover.y[0] is None  # a gap, not a zero
    # Every reported day is one bar-wide box at its count; a day without a report breaks the outline.
    reported = [v for v in hover.y if v is not None]
    runs = sum(1 for prev, cur in zip((None, *hover.y), hover.y) if prev is None and cur is not None)
    tops = [y for y in outline.y if y not in (None, 0.0)]
    assert sorted(set(tops)) == sorted(set(v for v in reported if v != 0.0))
    assert list(outline.y).count(None) == runs
    assert outline.line.shape == "hv" and len(outline.x) == len(reported) + 4 * runs  # a point a day, 4 per run


def test_trend_has_one_line_per_metric(daily: pd.DataFrame) -> None:
    fig = figs.trend(calc.with_rolling(daily, ["aircraft", "vessels"]), [AIRCRAFT, VESSELS], NOTE)
    common_checks(fig, "PLA pressure around Taiwan")
    assert [t.name for t in fig.data] == ["PLA aircraft", "PLA Navy vessels"]
    assert fig.data[0].line.color != fig.data[1].line.color


@pytest.mark.parametrize("freq,label", [("MS", "month"), ("YS", "year")])
def test_period_bars_mark_incomplete_periods(daily: pd.DataFrame, freq: str, label: str) -> None:
    data = calc.period_segments(daily, "aircraft", freq)
    fig = figs.period_bars(data, AIRCRAFT, NOTE, freq_label=label)
    common_checks(fig, f"total per {label}")
    assert len(fig.data[0].x) == len(data)
    opacities = list(fig.data[0].marker.opacity)
    assert opacities == [0.4 if p else 1.0 for p in data["partial"]]  # part periods paler
    hatched = list(fig.data[0].marker.pattern.shape)
    assert hatched == ["/" if r < d else "" for r, d in zip(data["days_reported"], data["days"])]  # missing days
    assert fig.layout.yaxis.title.text == f"aircraft per {label}"
    if label == "year":  # the series ends on 31 Mar 2024: that year is a part year, not a full-colour bar
        assert data["partial"].iloc[-1] and not data["complete"].iloc[-1] and opacities[-1] == 0.4


def test_year_over_year_one_line_per_year(daily: pd.DataFrame) -> None:
    fig = figs.year_over_year(calc.year_over_year(daily, "vessels"), VESSELS, NOTE)
    common_checks(fig, "each year month by month")
    assert [t.name for t in fig.data] == ["2023", "2024"]
    assert fig.data[1].line.width > fig.data[0].line.width  # latest year stands out


def test_calendar_heatmap_grid(daily: pd.DataFrame) -> None:
    fig = figs.calendar_heatmap(calc.calendar(daily, "aircraft", 2023), AIRCRAFT, NOTE, year=2023)
    common_checks(fig, "every day of 2023")
    z = fig.data[0].z
    assert len(z) == 7 and len(z[0]) == 53
    assert z[6][0] is None  # 2023-01-01 (a Sunday, week 0) had no report in the fixture
    assert list(fig.layout.xaxis.ticktext)[:3] == ["Jan", "Feb", "Mar"]


def test_event_overlay_marks_events_in_range_only(daily: pd.DataFrame) -> None:
    from charts.events import add_events

    events = pd.DataFrame(
        {
            "id": ["ex", "pol", "later"],
            "kind": ["exercise", "political", "exercise"],
            "name_en": ["Drill A", "Visit B", "Drill C"],
            "start": pd.to_datetime(["2023-05-01", "2023-06-01", "2030-01-01"]),
            "end": pd.to_datetime(["2023-05-03", "2023-06-01", "2030-01-02"]),
        }
    )
    fig = add_events(figs.daily_with_means(calc.with_rolling(daily, "aircraft"), AIRCRAFT, NOTE), events)
    kinds = sorted(shape.type for shape in fig.layout.shapes)
    assert kinds == ["line", "rect"]  # the 2030 exercise is outside the plotted range
    assert [a.text for a in fig.layout.annotations if a.name != "source"] == ["Drill A"]
    assert source_text(fig)  # the source line survives
    markers = fig.data[-1]
    assert list(markers.customdata[0][:1]) == ["Drill A"] and len(markers.x) == 2
