"""Every chart the product can show, by id, built from snapshot tables and a few plain settings.

Pages, briefing decks and the report pack all draw charts through `render`, so a chart looks and
computes the same wherever it appears. Tables come from a `Tables` object: the app passes one
backed by its cache, the report-pack CLI one backed by the snapshot folder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import pandas as pd
import plotly.graph_objects as go

from analysis import activity as calc
from analysis import events as ev
from charts import activity as act
from charts import events as evfig
from charts.theme import Metric, SourceNote, mark_break
from i18n import local_name, t

DAILY = "air_sea_daily"
TRACKER = "pla_tracker_daily"
MEASURES = "mnd_daily_measures"  # official ships, ADIZ entries, one median-line series
SETTING_NAMES = ("metric", "start", "end", "year", "exercise", "surges", "last_days")
METRICS = ("aircraft", "vessels")  # the daily measures, in display order
# Measures from other daily tables, shown for the period those tables cover.
EXTRA_METRICS = ("official_ships", "entered_adiz", "crossed_median")
# "median_line_crossings" (lioneer alone) is kept so decks and links saved before the combined series still render;
# the page offers "crossed_median", which uses lioneer only where madeye has no report.
METRIC_TABLE = {
    "aircraft": DAILY,
    "vessels": DAILY,
    "median_line_crossings": TRACKER,
    "official_ships": MEASURES,
    "entered_adiz": MEASURES,
    "crossed_median": MEASURES,
}


def metric_label(column: str) -> str:
    return t(f"metric.{column}")


class Tables(Protocol):
    def table(self, name: str) -> pd.DataFrame: ...
    def has_table(self, name: str) -> bool: ...
    def source_note(self, name: str) -> SourceNote: ...
    def metric(self, name: str, column: str, label: str) -> Metric: ...
    def surge_scores(self, metric: str) -> pd.DataFrame: ...


@dataclass
class Rendered:
    fig: go.Figure
    data: pd.DataFrame
    note: SourceNote
    key: str  # file-name-safe id of this chart with its settings
    timeline: bool = False  # x axis is calendar dates: event overlay applies


@dataclass(frozen=True)
class Settings:
    """The plain settings a chart may use; decks store these, pages fill them from widgets."""

    metric: str = "aircraft"
    start: date | None = None
    end: date | None = None
    year: int | None = None
    exercise: str | None = None
    surges: bool = True
    last_days: int | None = None  # "the last N days of data": a deck that stays current as data grows

    @classmethod
    def from_dict(cls, values: dict) -> Settings:
        known = {k: values[k] for k in SETTING_NAMES if k in values}
        for key in ("start", "end"):
            if isinstance(known.get(key), str):
                known[key] = date.fromisoformat(known[key])
        return cls(**known)

    def to_dict(self) -> dict:
        out = {name: getattr(self, name) for name in SETTING_NAMES}
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in out.items() if v is not None}


def span(daily: pd.DataFrame, s: Settings) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The date range a chart covers: explicit dates, or the last N days of the data."""
    end = pd.Timestamp(s.end) if s.end else daily["date"].max()
    if s.last_days:
        return end - pd.Timedelta(days=s.last_days - 1), end
    return (pd.Timestamp(s.start) if s.start else daily["date"].min()), end


def _daily(tables: Tables, s: Settings) -> pd.DataFrame:
    daily = tables.table(METRIC_TABLE[s.metric])
    return calc.clip_dates(daily, *span(daily, s))


def _metric(tables: Tables, s: Settings) -> Metric:
    return tables.metric(METRIC_TABLE[s.metric], s.metric, metric_label(s.metric))


def _note(tables: Tables, s: Settings) -> SourceNote:
    return tables.source_note(METRIC_TABLE[s.metric])


def _break(tables: Tables, s: Settings) -> pd.Timestamp | None:
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
    fig = act.daily_with_means(data, metric, note, break_day=_break(tables, s))
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
        fig = act.period_bars(data, metric, note, freq_label=label, break_day=_break(tables, s), same_span=same)
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
    fig = act.calendar_heatmap(data, metric, note, year=year, break_day=_break(tables, s))
    return Rendered(fig, data, note, f"calendar-{s.metric}-{year}")


def timeline(tables: Tables, s: Settings) -> Rendered:
    events = tables.table("events")
    note = tables.source_note("events")
    return Rendered(evfig.timeline(events, note), events, note, "events-timeline")


def _exercise(tables: Tables, s: Settings) -> pd.Series:
    events = ev.with_report_days(tables.table("events"), tables.table(DAILY))
    exercises = events[events["kind"] == "exercise"].sort_values("start")
    chosen = s.exercise if s.exercise in set(exercises["id"]) else exercises["id"].iloc[-1]
    return exercises.set_index("id").loc[chosen].rename(chosen)


def event_study(tables: Tables, s: Settings) -> Rendered:
    event = _exercise(tables, s)
    daily_all, note = tables.table(DAILY), tables.source_note(DAILY)
    metrics = [tables.metric(DAILY, c, metric_label(c)) for c in METRICS]
    first = event["report_start"]  # the exercise's first MND report day
    window = ev.event_window(daily_all, first)
    duration = int((event["report_end"] - first).days + 1)
    cut = calc.definition_break(daily_all)
    spans_break = cut is not None and first < cut <= event["report_end"]  # e.g. the Aug 2022 drills
    baselines = {m.column: None if spans_break else ev.baseline_mean(daily_all, m.column, first) for m in metrics}
    fig = evfig.event_study(window, local_name(event), duration, baselines, metrics, note)
    if cut is not None and window["date"].min() < cut <= window["date"].max():  # e.g. the Aug 2022 drills
        mark_break(fig, cut, x=int((cut - first).days) - 0.5)
    return Rendered(fig, window, note, f"event-study-{event.name}")


def compare(tables: Tables, s: Settings) -> Rendered:
    note = tables.source_note(DAILY)
    events = tables.table("events")
    data = ev.compare_exercises(tables.table(DAILY), events)
    names = local_name(events.set_index("id").loc[data["id"]].reset_index())
    fig = evfig.compare(data, _metric(tables, s), note, names=list(names))
    return Rendered(fig, data, note, f"compare-{s.metric}")


@dataclass(frozen=True)
class Entry:
    key: str
    build: Callable[[Tables, Settings], Rendered]
    needs: tuple[str, ...] = (DAILY,)

    @property
    def title(self) -> str:
        return t(f"gallery.{self.key}")


GALLERY: dict[str, Entry] = {
    entry.key: entry
    for entry in (
        Entry("trend", trend),
        Entry("daily", daily),
        Entry("monthly", _period("MS", "month")),
        Entry("yearly", _period("YS", "year")),
        Entry("yoy", year_over_year),
        Entry("calendar", calendar),
        Entry("timeline", timeline, ("events",)),
        Entry("event_study", event_study, (DAILY, "events")),
        Entry("compare", compare, (DAILY, "events")),
    )
}


def render(tables: Tables, chart: str, settings: Settings | None = None) -> Rendered:
    if chart not in GALLERY:
        raise KeyError(f"unknown chart '{chart}'")
    entry = GALLERY[chart]
    missing = [name for name in entry.needs if not tables.has_table(name)]
    if missing:
        raise LookupError(f"chart '{chart}' needs table(s) {', '.join(missing)}, not in this snapshot")
    return entry.build(tables, settings or Settings())
