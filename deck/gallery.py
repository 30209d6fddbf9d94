"""Every chart the product can show, by id, built from snapshot tables and a few plain settings.

Pages, briefing decks and the report pack all draw charts through `render`, so a chart looks and
computes the same wherever it appears. Tables come from a `Tables` object: the app passes one
backed by its cache, the report-pack CLI one backed by the snapshot folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Protocol

import pandas as pd
import plotly.graph_objects as go

from analysis import activity as calc
from analysis import events as ev
from charts import activity as act
from charts import events as evfig
from charts.theme import Metric, SourceNote

DAILY = "air_sea_daily"
METRIC_LABELS = {"aircraft": "PLA aircraft", "vessels": "PLA Navy vessels"}


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
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_dict(cls, values: dict) -> "Settings":
        known = {k: values[k] for k in ("metric", "start", "end", "year", "exercise", "surges") if k in values}
        for key in ("start", "end"):
            if isinstance(known.get(key), str):
                known[key] = date.fromisoformat(known[key])
        return cls(**known)

    def to_dict(self) -> dict:
        out = {"metric": self.metric, "start": self.start, "end": self.end, "year": self.year,
               "exercise": self.exercise, "surges": self.surges}
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in out.items() if v is not None}


def _daily(tables: Tables, s: Settings) -> pd.DataFrame:
    daily = tables.table(DAILY)
    start = s.start or daily["date"].min().date()
    end = s.end or daily["date"].max().date()
    return calc.clip_dates(daily, start, end)


def _metric(tables: Tables, s: Settings) -> Metric:
    return tables.metric(DAILY, s.metric, METRIC_LABELS[s.metric])


def trend(tables: Tables, s: Settings) -> Rendered:
    daily = tables.table(DAILY)
    rolled = calc.with_rolling(daily, list(METRIC_LABELS))  # means need the days before the range
    data = calc.clip_dates(rolled, s.start or daily["date"].min(), s.end or daily["date"].max())
    metrics = [tables.metric(DAILY, c, label) for c, label in METRIC_LABELS.items()]
    note = tables.source_note(DAILY)
    return Rendered(act.trend(data, metrics, note), data, note, "trend", timeline=True)


def daily(tables: Tables, s: Settings) -> Rendered:
    metric, note = _metric(tables, s), tables.source_note(DAILY)
    data = calc.with_rolling(_daily(tables, s), s.metric)
    fig = act.daily_with_means(data, metric, note)
    if s.surges:
        scores = tables.surge_scores(s.metric)
        flags = scores[scores["flag"] & scores["date"].between(data["date"].min(), data["date"].max())]
        evfig.mark_flags(fig, flags, metric)
    return Rendered(fig, data, note, f"daily-{s.metric}", timeline=True)


def _period(freq: str, label: str) -> Callable[[Tables, Settings], Rendered]:
    def build(tables: Tables, s: Settings) -> Rendered:
        metric, note = _metric(tables, s), tables.source_note(DAILY)
        data = calc.period_totals(_daily(tables, s), s.metric, freq)
        fig = act.period_bars(data, metric, note, freq_label=label)
        return Rendered(fig, data, note, f"{label}ly-{s.metric}", timeline=label == "month")

    return build


def year_over_year(tables: Tables, s: Settings) -> Rendered:
    metric, note = _metric(tables, s), tables.source_note(DAILY)
    data = calc.year_over_year(_daily(tables, s), s.metric)
    return Rendered(act.year_over_year(data, metric, note), data, note, f"yoy-{s.metric}")


def calendar(tables: Tables, s: Settings) -> Rendered:
    metric, note = _metric(tables, s), tables.source_note(DAILY)
    daily_all = tables.table(DAILY)
    year = s.year or int(daily_all["date"].max().year)
    data = calc.calendar(daily_all, s.metric, year)
    return Rendered(act.calendar_heatmap(data, metric, note, year=year), data, note, f"calendar-{s.metric}-{year}")


def timeline(tables: Tables, s: Settings) -> Rendered:
    events = tables.table("events")
    note = tables.source_note("events")
    return Rendered(evfig.timeline(events, note), events, note, "events-timeline")


def _exercise(tables: Tables, s: Settings) -> pd.Series:
    events = tables.table("events")
    exercises = events[events["kind"] == "exercise"].sort_values("start")
    chosen = s.exercise if s.exercise in set(exercises["id"]) else exercises["id"].iloc[-1]
    return exercises.set_index("id").loc[chosen].rename(chosen)


def event_study(tables: Tables, s: Settings) -> Rendered:
    event = _exercise(tables, s)
    daily_all, note = tables.table(DAILY), tables.source_note(DAILY)
    metrics = [tables.metric(DAILY, c, label) for c, label in METRIC_LABELS.items()]
    window = ev.event_window(daily_all, event["start"])
    duration = int((event["end"] - event["start"]).days + 1)
    baselines = {m.column: ev.baseline_mean(daily_all, m.column, event["start"]) for m in metrics}
    fig = evfig.event_study(window, event["name_en"], duration, baselines, metrics, note)
    return Rendered(fig, window, note, f"event-study-{event.name}")


def compare(tables: Tables, s: Settings) -> Rendered:
    note = tables.source_note(DAILY)
    data = ev.compare_exercises(tables.table(DAILY), tables.table("events"))
    return Rendered(evfig.compare(data, _metric(tables, s), note), data, note, f"compare-{s.metric}")


@dataclass(frozen=True)
class Entry:
    title: str
    build: Callable[[Tables, Settings], Rendered]
    needs: tuple[str, ...] = (DAILY,)


GALLERY: dict[str, Entry] = {
    "trend": Entry("Trend: 30-day means of aircraft and vessels", trend),
    "daily": Entry("Day by day, with 7- and 30-day means", daily),
    "monthly": Entry("Totals per month", _period("MS", "month")),
    "yearly": Entry("Totals per year", _period("YS", "year")),
    "yoy": Entry("Year over year, month by month", year_over_year),
    "calendar": Entry("Calendar of one year", calendar),
    "timeline": Entry("Exercises and political events", timeline, ("events",)),
    "event_study": Entry("One exercise: before, during, after", event_study, (DAILY, "events")),
    "compare": Entry("Exercises compared", compare, (DAILY, "events")),
}


def render(tables: Tables, chart: str, settings: Settings | None = None) -> Rendered:
    if chart not in GALLERY:
        raise KeyError(f"unknown chart '{chart}'")
    entry = GALLERY[chart]
    missing = [name for name in entry.needs if not tables.has_table(name)]
    if missing:
        raise LookupError(f"chart '{chart}' needs table(s) {', '.join(missing)}, not in this snapshot")
    return entry.build(tables, settings or Settings())
