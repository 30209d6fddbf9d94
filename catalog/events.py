"""Exercises and political events: the cited catalog on a timeline, one exercise up close, exercises compared."""

from __future__ import annotations

import pandas as pd

from analysis import activity as calc
from analysis import events as ev
from catalog.core import Rendered, Settings, Spec, Tables
from catalog.measures import DAILY, METRIC_TABLE, METRICS, metric_label
from charts import events as evfig
from charts.theme import mark_break
from i18n import local_name


def timeline(tables: Tables, s: Settings) -> Rendered:
    events = tables.table("events")
    note = tables.source_note("events")
    return Rendered(evfig.timeline(events, note), events, note, "events-timeline")


def _exercise(tables: Tables, s: Settings) -> pd.Series:
    events = tables.events_by_report_day()
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
    chosen = events.set_index("id").loc[data["id"]].reset_index()
    metric = tables.metric(METRIC_TABLE[s.metric], s.metric, metric_label(s.metric))
    fig = evfig.compare(data, metric, note, names=[evfig.event_label(row) for _, row in chosen.iterrows()])
    return Rendered(fig, data, note, f"compare-{s.metric}")


SPECS = (
    Spec("timeline", timeline, "events", ("events",)),
    Spec("event_study", event_study, "events", (DAILY, "events"), ("exercise",)),
    Spec("compare", compare, "events", (DAILY, "events"), ("metric",)),
)
