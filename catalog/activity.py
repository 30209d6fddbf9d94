"""Air & sea activity: MND's daily counts and the other daily measures, as trends, totals and calendars."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from analysis import activity as calc
from analysis import drawn
from catalog.core import NothingToShow, Rendered, Settings, Spec, Tables, bounds, span
from catalog.measures import DAILY, METRIC_TABLE, METRICS, metric_label
from charts import activity as act
from charts import drawn as drawnfig
from charts import events as evfig
from charts.theme import Metric, SourceNote
from i18n import day, t

RANGE = ("metric", "start", "end", "last_days")


def _daily(tables: Tables, s: Settings) -> pd.DataFrame:
    daily = tables.table(METRIC_TABLE[s.metric])
    return calc.clip_dates(daily, *span(daily, s))


def _metric(tables: Tables, s: Settings) -> Metric:
    return tables.metric(METRIC_TABLE[s.metric], s.metric, metric_label(s.metric))


def _note(tables: Tables, s: Settings) -> SourceNote:
    return tables.source_note(METRIC_TABLE[s.metric])


def definition_break(tables: Tables, s: Settings) -> pd.Timestamp | None:
    """The definition break, for the measure whose meaning it changes (aircraft in MND's series)."""
    if METRIC_TABLE[s.metric] != DAILY or s.metric != "aircraft":
        return None
    return calc.definition_break(tables.table(DAILY))


def trend(tables: Tables, s: Settings) -> Rendered:
    daily = tables.table(DAILY)
    rolled = calc.with_rolling(daily, list(METRICS))  # means need the days before the range
    data = calc.clip_dates(rolled, *span(daily, s))
    metrics = [tables.metric(DAILY, c, metric_label(c)) for c in METRICS]
    note = tables.source_note(DAILY)
    fig = act.trend(data, metrics, note, break_day=calc.definition_break(daily))
    return Rendered(fig, data, note, "trend", timeline=True)


def daily(tables: Tables, s: Settings) -> Rendered:
    metric, note = _metric(tables, s), _note(tables, s)
    table = tables.table(METRIC_TABLE[s.metric])
    rolled = calc.with_rolling(table, s.metric)  # means need the days before the range, and restart at the break
    data = calc.clip_dates(rolled, *span(table, s))
    fig = act.daily_with_means(data, metric, note, break_day=definition_break(tables, s))
    data = calc.with_report_links(data, table)  # the table under the chart links each day's MND report
    named = f"{s.metric}_source"  # a series drawn from several transcriptions names each day's (mnd_daily_measures)
    if named in table.columns:
        data = data.merge(table[["date", named]], on="date", how="left")
    if s.surges and METRIC_TABLE[s.metric] == DAILY:  # surge baselines need the long MND series
        scores = tables.surge_scores(s.metric)
        flags = scores[scores["flag"] & scores["date"].between(data["date"].min(), data["date"].max())]
        evfig.mark_flags(fig, flags, metric)
    return Rendered(fig, data, note, f"daily-{s.metric}", timeline=True)


def _period(freq: str, label: str) -> Callable[[Tables, Settings], Rendered]:
    def build(tables: Tables, s: Settings) -> Rendered:
        metric, note = _metric(tables, s), _note(tables, s)
        daily = _daily(tables, s)
        data = calc.period_segments(daily, s.metric, freq)
        same = calc.same_span(daily, s.metric, daily["date"].max()) if label == "year" and len(daily) else None
        fig = act.period_bars(
            data, metric, note, freq_label=label, break_day=definition_break(tables, s), same_span=same
        )
        return Rendered(fig, data, note, f"{label}ly-{s.metric}", timeline=label == "month")

    return build


def year_over_year(tables: Tables, s: Settings) -> Rendered:
    metric, note = _metric(tables, s), _note(tables, s)
    data = calc.year_over_year(_daily(tables, s), s.metric)
    return Rendered(act.year_over_year(data, metric, note), data, note, f"yoy-{s.metric}")


def calendar(tables: Tables, s: Settings) -> Rendered:
    metric, note = _metric(tables, s), _note(tables, s)
    daily_all = tables.table(METRIC_TABLE[s.metric])
    year = s.year or int(daily_all["date"].max().year)
    data = calc.calendar(daily_all, s.metric, year)
    fig = act.calendar_heatmap(data, metric, note, year=year, break_day=definition_break(tables, s))
    return Rendered(fig, data, note, f"calendar-{s.metric}-{year}")


SPECS: tuple[Spec, ...] = (
    Spec("trend", trend, "activity", (DAILY,), ("start", "end", "last_days")),
    Spec("daily", daily, "activity", (DAILY,), (*RANGE, "surges")),
    Spec("monthly", _period("MS", "month"), "activity", (DAILY,), RANGE),
    Spec("yearly", _period("YS", "year"), "activity", (DAILY,), RANGE),
    Spec("yoy", year_over_year, "activity", (DAILY,), RANGE),
    Spec("calendar", calendar, "activity", (DAILY,), ("metric", "year")),
)


# --- what MND drew on its daily maps (The Reporter's tracing: 1 Aug 2022 – 31 Jul 2024) -----------------

SHAPES = "flight_tracks"


def drawn_coverage(tables: Tables) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days the traced maps cover, from the snapshot's manifest."""
    entry = tables.entry(SHAPES)
    return pd.Timestamp(entry["first_date"]), pd.Timestamp(entry["last_date"])


def aircraft_categories(tables: Tables, s: Settings) -> Rendered:
    first, last = drawn_coverage(tables)
    start, end = bounds(s)
    lo, hi = max(first, start), min(last, end)
    data = drawn.monthly_categories(tables.table(SHAPES), lo, hi)
    if data.empty:
        raise NothingToShow(t("activity.drawn.outside", start=day(first), end=day(last)))
    note = tables.source_note(SHAPES)
    return Rendered(drawnfig.aircraft_categories(data, note), data, note, "aircraft_categories", timeline=True)


def balloons(tables: Tables, s: Settings) -> Rendered:
    shapes = tables.table(SHAPES)
    period = drawn.balloon_period(shapes)
    if period is None:
        raise NothingToShow(t("activity.balloons.none"))
    data = drawn.balloons_per_day(shapes, *bounds(s))
    if data.empty:
        raise NothingToShow(t("activity.balloons.outside", start=day(period[0]), end=day(period[1])))
    note = tables.source_note(SHAPES)
    return Rendered(drawnfig.balloons(data, note, period=period), data, note, "balloons", timeline=True)


SPECS = (
    *SPECS,
    Spec("aircraft_categories", aircraft_categories, "activity", (SHAPES,), ("start", "end")),
    Spec("balloons", balloons, "activity", (SHAPES,), ("start", "end")),
)
