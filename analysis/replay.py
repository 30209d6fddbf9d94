"""An exercise replayed one MND report day at a time: what each report day says and what was in force.

Pure pandas, tested in tests/test_replay_analysis.py. The rules, so a presenter can say them out loud:

* A step is one **MND report day** (the `date` of air_sea_daily). Every calendar day of the window is a
  step, reported or not: a day without a report shows "not reported", never 0.
* A report issued the next morning (report_window 24h_to_0600, mid-November 2022 on) describes the
  activity of the day before, so what was *in force* (announced zones, navigation warnings, strait
  transits, all dated by calendar day) is taken on the **activity day** the report covers: the report
  day itself, or the day before for a next-morning report (`activity_day`).
* Flight tracks are dated by the report day of MND's map image, Japan-side flags by Japan MOD's own
  report day: each is shown on the day its own source dates it (the page says so).
* A **running total** adds the reported days from the exercise's first report day to the current day;
  a day without a report adds nothing and is counted as not reported. It never spans the definition
  break of 5 Aug 2022 (analysis/activity.py): from the break on, the aircraft total restarts there and
  says so (`since`).
* An exercise's window is its report days with `MARGIN_DAYS` either side, so the days before and after
  can be compared with the exercise itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from analysis import map_window
from analysis.activity import definition_break

MARGIN_DAYS = 3  # days shown before the first and after the last report day of an exercise
NEXT_MORNING = "24h_to_0600"
# (measure, table) in display order: MND's two daily counts, then the measures madeye transcribes.
DAY_MEASURES = (
    ("aircraft", "air_sea_daily"),
    ("vessels", "air_sea_daily"),
    ("official_ships", "mnd_daily_measures"),
    ("crossed_median", "mnd_daily_measures"),
    ("entered_adiz", "mnd_daily_measures"),
)
TOTAL_MEASURES = ("aircraft", "vessels")  # the running totals (MND's own daily counts)
BREAK_MEASURES = ("aircraft",)  # the measures whose meaning changed on the definition break


def _ts(value: date | pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(value).normalize()


def exercise_window(
    event: pd.Series, first: date | pd.Timestamp, last: date | pd.Timestamp, margin: int = MARGIN_DAYS
) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Report days of an exercise (analysis.events.with_report_days) with `margin` days either side,
    inside the days the data cover [first, last]."""
    pad = pd.Timedelta(days=margin)
    start = max(_ts(event["report_start"]) - pad, _ts(first))
    end = min(_ts(event["report_end"]) + pad, _ts(last))
    return start, max(start, end)


def steps(start: date | pd.Timestamp, end: date | pd.Timestamp) -> list[pd.Timestamp]:
    """Every calendar day of the window, one step each (a day without a report is a step too)."""
    return list(pd.date_range(_ts(start), _ts(end), freq="D"))


def clamp_day(day: date | pd.Timestamp | None, start: pd.Timestamp, end: pd.Timestamp) -> pd.Timestamp:
    """The day to show: `day` when it lies in the window, else the window's first day."""
    if day is None or not start <= _ts(day) <= end:
        return start
    return _ts(day)


def activity_day(daily: pd.DataFrame, day: date | pd.Timestamp) -> pd.Timestamp:
    """The calendar day a report day's report describes: the day before for a next-morning report."""
    when = _ts(day)
    row = daily.loc[daily["date"] == when]
    if "report_window" in daily.columns and len(row) and row["report_window"].iloc[0] == NEXT_MORNING:
        return when - pd.Timedelta(days=1)
    return when


@dataclass(frozen=True)
class DayCount:
    """One measure on one report day: the published value, or None (not reported)."""

    measure: str
    table: str
    value: int | None
    source: str | None = None  # whose transcription the value is, where the table names it per day


def _value(frame: pd.DataFrame, day: pd.Timestamp, column: str) -> tuple[int | None, pd.Series | None]:
    if column not in frame.columns:
        return None, None
    rows = frame.loc[frame["date"] == day]
    if rows.empty or pd.isna(rows[column].iloc[0]):
        return None, None
    return int(rows[column].iloc[0]), rows.iloc[0]


def day_counts(tables: dict[str, pd.DataFrame], day: date | pd.Timestamp) -> list[DayCount]:
    """Each measure of DAY_MEASURES on `day`, from the tables given (a missing table: not reported)."""
    when = _ts(day)
    out = []
    for measure, name in DAY_MEASURES:
        frame = tables.get(name)
        value, row = _value(frame, when, measure) if frame is not None else (None, None)
        named = f"{measure}_source"
        source = None
        if row is not None and named in row.index and isinstance(row[named], str) and row[named]:
            source = row[named]
        out.append(DayCount(measure, name, value, source))
    return out


@dataclass(frozen=True)
class RunningTotal:
    """A measure summed over the reported days from `since` to the current day."""

    measure: str
    total: int | None  # None: no day reported yet, or the current day lies before the first day
    since: pd.Timestamp  # first day of the sum (the break, where the sum would otherwise span it)
    days: int  # calendar days from `since` to the current day
    days_reported: int
    restarted_at_break: bool = False

    @property
    def days_missing(self) -> int:
        return self.days - self.days_reported


def running_totals(
    daily: pd.DataFrame, first: date | pd.Timestamp, day: date | pd.Timestamp, measures=TOTAL_MEASURES
) -> list[RunningTotal]:
    """Running totals from the exercise's first report day `first` to `day` (module docstring);
    an empty list while `day` lies before `first`."""
    start, when = _ts(first), _ts(day)
    if when < start:
        return []
    cut = definition_break(daily)
    out = []
    for measure in measures:
        since = start
        restarted = measure in BREAK_MEASURES and cut is not None and start < cut <= when
        if restarted:
            since = pd.Timestamp(cut)
        span = daily.loc[daily["date"].between(since, when), measure] if measure in daily.columns else pd.Series()
        values = span.dropna()
        out.append(
            RunningTotal(
                measure=measure,
                total=int(values.sum()) if len(values) else None,
                since=since,
                days=int((when - since).days) + 1,
                days_reported=int(len(values)),
                restarted_at_break=restarted,
            )
        )
    return out


def zones_in_force(zones: pd.DataFrame, day: date | pd.Timestamp, event_id: str | None = None) -> pd.DataFrame:
    """Announced exercise zones whose period covers the activity day (of one exercise when given)."""
    chosen = zones if event_id is None else zones[zones["event_id"] == event_id]
    return map_window.active_zones(chosen, _ts(day), _ts(day))


def warnings_in_force(warnings: pd.DataFrame, day: date | pd.Timestamp) -> pd.DataFrame:
    """Navigation warnings whose closure covers the activity day (map_window's rule for a missing period)."""
    return map_window.active_warnings(warnings, _ts(day), _ts(day))


def on_day(frame: pd.DataFrame, day: date | pd.Timestamp) -> pd.DataFrame:
    """Rows of a dated table (transits, flight tracks, Japan-side flags) dated `day`."""
    return frame.loc[frame["date"] == _ts(day)].reset_index(drop=True)


def events_on(events: pd.DataFrame, day: date | pd.Timestamp) -> pd.DataFrame:
    """Catalog events whose report days (with_report_days) include `day`, exercises first."""
    when = _ts(day)
    first = events["report_start"] if "report_start" in events.columns else events["start"]
    last = events["report_end"] if "report_end" in events.columns else events["end"]
    found = events.loc[(first <= when) & (last >= when)]
    return found.sort_values(["kind", "start"], key=lambda s: s.ne("exercise") if s.name == "kind" else s)


@dataclass(frozen=True)
class JapanDay:
    """What Japan MOD's report of one day flagged: straits passed, other flags, flags withheld."""

    recorded: bool  # any Japan-side row that day
    straits: tuple[str, ...]  # strait keys with a passage reported (north to south as in the data)
    flags: tuple[str, ...]  # other indicators reported that day (analysis.japan lane keys)
    withheld: int  # flags withheld as impossible (japan_side_qc)
    direction: str | None  # the day's 進/出 as labelled upstream
    ship_types: str | None  # source text (zh-TW), shown inert


def japan_day(japan: pd.DataFrame, day: date | pd.Timestamp) -> JapanDay:
    """The Japan-side record of `day`; `recorded` False is "nothing transcribed", not "nothing happened"."""
    rows = on_day(japan, day)
    flagged = rows[(rows["flag"] == 1).fillna(False)]
    straits = tuple(flagged.loc[flagged["indicator"] == "strait_transit", "strait"])
    flags = tuple(dict.fromkeys(flagged.loc[flagged["indicator"] != "strait_transit", "indicator"]))
    directions = flagged["direction"].dropna()
    types = rows["ship_type"].dropna()
    return JapanDay(
        recorded=not rows.empty,
        straits=straits,
        flags=flags,
        withheld=int(rows["flag"].isna().sum()),
        direction=str(directions.iloc[0]) if len(directions) else None,
        ship_types=str(types.iloc[0]) if len(types) and str(types.iloc[0]).strip() else None,
    )


STRIP_COLUMNS = ["date", "aircraft", "vessels", "in_exercise", "current"]


def strip(
    daily: pd.DataFrame,
    start: date | pd.Timestamp,
    end: date | pd.Timestamp,
    day: date | pd.Timestamp | None,
    exercise: tuple[pd.Timestamp, pd.Timestamp] | None = None,
) -> pd.DataFrame:
    """The window's counts per report day (not reported stays empty), which days are the exercise's,
    and which one is being shown."""
    days = pd.DataFrame({"date": steps(start, end)})
    counts = daily[["date", *TOTAL_MEASURES]] if len(daily) else pd.DataFrame(columns=["date", *TOTAL_MEASURES])
    out = days.merge(counts, on="date", how="left")
    for measure in TOTAL_MEASURES:
        out[measure] = out[measure].astype("Int64")
    lo, hi = exercise if exercise else (pd.NaT, pd.NaT)
    out["in_exercise"] = out["date"].between(lo, hi) if exercise else False
    out["current"] = out["date"] == (_ts(day) if day is not None else pd.NaT)
    return out[STRIP_COLUMNS]
