"""The replay: one exercise (or any window) report day by report day; its strip chart is a spec like any other,
so a deck slide or a report pack can show "Justice Mission-2025, day 2" too."""

from __future__ import annotations

import pandas as pd

from analysis import replay as calc
from analysis.activity import definition_break
from catalog.core import NothingToShow, Rendered, Settings, Spec, Tables
from catalog.measures import DAILY, metric_label
from charts import replay as fig_replay
from charts.theme import plain
from i18n import local_name, t


def exercise(tables: Tables, s: Settings) -> pd.Series | None:
    """The exercise the settings name; the latest one when they name none and give no window; None for a window."""
    events = tables.events_by_report_day()
    exercises = events[events["kind"] == "exercise"].sort_values("start")
    if s.exercise in set(exercises["id"]):
        return exercises.set_index("id").loc[s.exercise].rename(s.exercise)
    if (s.start and s.end) or exercises.empty:
        return None
    return exercises.set_index("id").iloc[-1].rename(exercises["id"].iloc[-1])


def window(tables: Tables, s: Settings) -> tuple[pd.Timestamp, pd.Timestamp, pd.Series | None]:
    """The replayed days: the settings' dates when given, else the exercise's report days with a margin."""
    daily = tables.table(DAILY)
    first, last = daily["date"].min(), daily["date"].max()
    event = exercise(tables, s)
    if s.start and s.end:
        start = max(pd.Timestamp(min(s.start, s.end)), first)
        return start, max(start, min(pd.Timestamp(max(s.start, s.end)), last)), event
    if event is None:
        raise NothingToShow(t("replay.no_exercise"))
    start, end = calc.exercise_window(event, first, last)
    return start, end, event


def replay_strip(tables: Tables, s: Settings) -> Rendered:
    daily = tables.table(DAILY)
    start, end, event = window(tables, s)
    span = (event["report_start"], event["report_end"]) if event is not None else None
    data = calc.strip(daily, start, end, s.day, exercise=span)
    if data[list(calc.TOTAL_MEASURES)].notna().sum().sum() == 0:
        raise NothingToShow(t("replay.strip_empty"))
    note = tables.source_note(DAILY)
    metrics = [tables.metric(DAILY, c, metric_label(c)) for c in calc.TOTAL_MEASURES]
    name = plain(local_name(event)) if event is not None else None
    fig = fig_replay.strip(
        data, metrics, note, title=fig_replay.title(name, start, end), break_day=definition_break(daily)
    )
    which = event.name if event is not None else f"{start:%Y%m%d}-{end:%Y%m%d}"
    current = f"-{pd.Timestamp(s.day):%Y%m%d}" if s.day else ""
    return Rendered(fig, data, note, f"replay-{which}{current}", strip=True)


SPECS = (Spec("replay_strip", replay_strip, "events", (DAILY, "events"), ("exercise", "start", "end", "day")),)
