"""Derived series of the daily counts. Missing days stay missing: nothing here fills a gap with 0.

Two rules every function here follows (data/README.md):

* Definitions: MND's aircraft count means ADIZ entries until 4 Aug 2022 and all aircraft around
  Taiwan from 5 Aug 2022 (`aircraft_definition`). No mean, total or comparison spans the break:
  periods are split at it, rolling means restart after it, comparisons across it are refused.
* Missing vs zero: in the ADIZ era MND issued a report only on days with ADIZ entries, so a day
  without one counts as a day with none *for means* (per calendar day); from 5 Aug 2022 MND reports
  every day, so a day without a value is missing data and means are per reported day. Charts still
  draw a day without a report as a gap, never as a zero bar.

A period is complete only if every calendar day of it lies in one definition era, the data reach
its last day, and (around-Taiwan era) every day has a report.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

WINDOWS = (7, 30)
DEFINITION = "aircraft_definition"
ADIZ = "adiz_entries"
AROUND = "around_taiwan"
SINGLE = "single"  # a table without definitions (e.g. the second transcription): one era


def min_days(window: int) -> int:
    """A rolling mean is shown only where more than half of its window was reported."""
    return window // 2 + 1


def clip_dates(frame: pd.DataFrame, start, end) -> pd.DataFrame:
    mask = (frame["date"] >= pd.Timestamp(start)) & (frame["date"] <= pd.Timestamp(end))
    return frame.loc[mask].reset_index(drop=True)


def definitions(daily: pd.DataFrame) -> pd.Series:
    """Each day's definition era (empty before MND's daily reports; SINGLE for a table without eras)."""
    if DEFINITION in daily.columns:
        return daily[DEFINITION].astype("object").where(daily[DEFINITION].notna(), None)
    return pd.Series(SINGLE, index=daily.index, dtype="object")


def definition_break(daily: pd.DataFrame) -> pd.Timestamp | None:
    """First day counted as all aircraft around Taiwan, if the table has days on both sides of it."""
    eras = definitions(daily)
    if not (eras == ADIZ).any() or not (eras == AROUND).any():
        return None
    return pd.Timestamp(daily.loc[eras == AROUND, "date"].min())


def zero_when_unreported(era: str | None) -> bool:
    """In the ADIZ era a day without a report is a day with no ADIZ entries recorded (module docstring)."""
    return era == ADIZ


def _mean_values(values: pd.Series, era: str | None) -> pd.Series:
    return values.fillna(0) if zero_when_unreported(era) else values


def with_rolling(daily: pd.DataFrame, metrics: str | list[str], windows: tuple[int, ...] = WINDOWS) -> pd.DataFrame:
    """date, each metric, and its trailing means per window, restarted at every definition break.

    A mean needs more than half its window inside one era (and, where missing is missing, reported)."""
    metrics = [metrics] if isinstance(metrics, str) else list(metrics)
    out = pd.DataFrame({"date": daily["date"].to_numpy()})
    eras = definitions(daily).to_numpy()
    for metric in metrics:
        out[metric] = daily[metric].reset_index(drop=True)  # counts stay whole (Int64): "12", not "12.0", in CSV
        for window in windows:
            out[f"{metric}_mean_{window}d"] = pd.array([pd.NA] * len(daily), dtype="Float64")
    segment = np.concatenate([[0], np.cumsum(eras[1:] != eras[:-1])]) if len(daily) else np.array([])
    for seg in np.unique(segment):
        rows = np.flatnonzero(segment == seg)
        era = eras[rows[0]]
        if era is None:
            continue  # before MND's daily reports: no series to average
        part = daily.iloc[rows].set_index("date")
        for metric in metrics:
            values = _mean_values(part[metric].astype("Float64"), era)
            for window in windows:
                mean = values.rolling(f"{window}D", min_periods=min_days(window)).mean()
                out.loc[rows, f"{metric}_mean_{window}d"] = mean.round(2).to_numpy()
    return out


def _calendar_days(period: pd.Timestamp, freq: str) -> int:
    return 366 if freq == "YS" and period.is_leap_year else 365 if freq == "YS" else period.days_in_month


def period_segments(daily: pd.DataFrame, metric: str, freq: str) -> pd.DataFrame:
    """Totals per month ("MS") or year ("YS"), split where the definition changes inside a period.

    One row per (period, era): `start`/`end` are the first and last day the row covers, `days` its
    calendar days, `days_in_period` the whole period's, `days_reported` the days with a value;
    `daily_mean` follows the era's rule; `complete` as in the module docstring; `partial` is its
    negation (a period cut by the break, by the start of the data or by the last report day).
    Days before MND's daily reports (no era) are left out: scattered reports are not a series.
    """
    columns = [
        "period",
        "start",
        "end",
        "definition",
        "total",
        "days_reported",
        "days",
        "days_in_period",
        "daily_mean",
        "complete",
        "partial",
    ]
    frame = pd.DataFrame({"date": daily["date"], "value": daily[metric], "era": definitions(daily)})
    frame = frame[frame["era"].notna()]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame["period"] = frame["date"].dt.to_period("M" if freq == "MS" else "Y").dt.start_time
    rows = []
    for (period, era), group in frame.groupby(["period", "era"], sort=True):
        values = group["value"]
        reported = int(values.notna().sum())
        days = len(group)
        in_period = _calendar_days(period, freq)
        total = int(values.sum()) if reported else None
        divisor = days if zero_when_unreported(era) else reported
        mean = round(total / divisor, 2) if total is not None and divisor else None
        whole = days == in_period
        complete = whole and (zero_when_unreported(era) or reported == days)
        rows.append(
            {
                "period": period,
                "start": group["date"].min(),
                "end": group["date"].max(),
                "definition": era,
                "total": total,
                "days_reported": reported,
                "days": days,
                "days_in_period": in_period,
                "daily_mean": mean,
                "complete": complete,
                "partial": not whole,
            }
        )
    out = pd.DataFrame(rows, columns=columns)
    return out.astype(
        {
            "total": "Int64",
            "days_reported": "int64",
            "days": "int64",
            "days_in_period": "int64",
            "daily_mean": "Float64",
            "complete": "bool",
            "partial": "bool",
        }
    )


def period_totals(daily: pd.DataFrame, metric: str, freq: str) -> pd.DataFrame:
    """One row per period (for tables that join on it, e.g. trade). A period split by the definition
    break is `mixed`: its total and mean are left empty, since the two counts cannot be added."""
    segments = period_segments(daily, metric, freq)
    if segments.empty:
        return segments
    rows = []
    for period, group in segments.groupby("period", sort=True):
        if len(group) == 1:
            rows.append(group.iloc[0].to_dict())
            continue
        rows.append(
            {
                "period": period,
                "start": group["start"].min(),
                "end": group["end"].max(),
                "definition": "mixed",
                "total": pd.NA,
                "days_reported": int(group["days_reported"].sum()),
                "days": int(group["days"].sum()),
                "days_in_period": int(group["days_in_period"].iloc[0]),
                "daily_mean": pd.NA,
                "complete": False,
                "partial": True,
            }
        )
    out = pd.DataFrame(rows, columns=segments.columns)
    return out.astype(segments.dtypes.to_dict())


def year_over_year(daily: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Monthly totals laid out as year x month, only months counted the way the latest month is
    (a month cut by the definition break, or from the other era, is not comparable and left out)."""
    monthly = period_segments(daily, metric, "MS")
    columns = ["year", "month", "total", "days_reported", "days_in_period", "daily_mean", "complete", "end"]
    if monthly.empty:
        return pd.DataFrame(columns=columns)
    latest = monthly["definition"].iloc[-1]
    # a month that starts mid-way (cut by the break) is not a month of the latest count
    monthly = monthly[(monthly["definition"] == latest) & (monthly["start"].dt.day == 1)]
    monthly = monthly.assign(year=monthly["period"].dt.year, month=monthly["period"].dt.month)
    return monthly[columns].reset_index(drop=True)


def same_span(daily: pd.DataFrame, metric: str, end: pd.Timestamp) -> pd.DataFrame:
    """Each year's total over 1 Jan to `end`'s day and month, for years whose span lies wholly in the
    latest era: the fair comparison for a running year (with the days reported, since a missing day
    lowers a total)."""
    end = pd.Timestamp(end)
    eras = definitions(daily)
    latest = eras.dropna().iloc[-1] if eras.notna().any() else None
    rows = []
    for year in sorted(daily["date"].dt.year.unique()):
        try:
            last = pd.Timestamp(year=year, month=end.month, day=end.day)
        except ValueError:  # 29 Feb in a common year
            last = pd.Timestamp(year=year, month=end.month, day=28)
        span = (daily["date"] >= pd.Timestamp(year=year, month=1, day=1)) & (daily["date"] <= last)
        days = (last - pd.Timestamp(year=year, month=1, day=1)).days + 1
        values = daily.loc[span, metric]
        if span.sum() != days or not (eras[span] == latest).all():
            continue
        rows.append(
            {
                "year": int(year),
                "start": pd.Timestamp(year=year, month=1, day=1),
                "end": last,
                "total": int(values.sum()),
                "days_reported": int(values.notna().sum()),
                "days": days,
            }
        )
    return pd.DataFrame(rows, columns=["year", "start", "end", "total", "days_reported", "days"])


def calendar(daily: pd.DataFrame, metric: str, year: int) -> pd.DataFrame:
    """One row per day of `year` with ISO week and weekday, for a calendar heatmap."""
    days = pd.DataFrame({"date": pd.date_range(f"{year}-01-01", f"{year}-12-31", freq="D", unit="ns")})
    keep = ["date", metric] + ([DEFINITION] if DEFINITION in daily.columns else [])
    out = days.merge(daily[keep], on="date", how="left")
    # Week columns counted from the Monday on or before 1 January, so the grid has no wrap-around.
    first_monday = out["date"].iloc[0] - pd.Timedelta(days=out["date"].iloc[0].weekday())
    out["week"] = ((out["date"] - first_monday).dt.days // 7).astype("int64")
    out["weekday"] = out["date"].dt.day_of_week.astype("int64")
    out["future"] = out["date"] > daily["date"].max()  # after the last report: not "no report", just not yet
    return out


def gap_runs(daily: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Runs of consecutive days with no value: start, end, days. Reported, never hidden."""
    missing = daily[metric].isna().to_numpy()
    runs: list[dict] = []
    start = None
    for i, is_missing in enumerate(missing):
        if is_missing and start is None:
            start = i
        if start is not None and (not is_missing or i == len(missing) - 1):
            end = i if is_missing else i - 1
            runs.append({"start": daily["date"].iloc[start], "end": daily["date"].iloc[end], "days": end - start + 1})
            start = None
    return pd.DataFrame(runs, columns=["start", "end", "days"])


@dataclass(frozen=True)
class Window:
    """A window of days: total, mean by the era's rule, how many days had a report, and its eras."""

    start: pd.Timestamp
    end: pd.Timestamp
    total: int | None
    mean: float | None
    days_reported: int
    days: int
    eras: tuple[str, ...] = ()


def window(daily: pd.DataFrame, metric: str, end: pd.Timestamp, days: int) -> Window:
    start = end - pd.Timedelta(days=days - 1)
    inside = (daily["date"] >= start) & (daily["date"] <= end)
    values = daily.loc[inside, metric].dropna()
    eras = tuple(sorted({e for e in definitions(daily)[inside] if e is not None}))
    reported = int(values.size)
    era = eras[0] if len(eras) == 1 else None
    divisor = days if zero_when_unreported(era) else reported
    return Window(
        start=start,
        end=end,
        total=int(values.sum()) if reported else None,
        mean=float(values.sum()) / divisor if reported and divisor else None,
        days_reported=reported,
        days=days,
        eras=eras,
    )


def comparable(now: Window, before: Window) -> bool:
    """Both windows lie wholly in one and the same definition era."""
    return len(now.eras) == 1 and now.eras == before.eras


def change(now: Window, before: Window) -> float | None:
    """Relative change of the mean (robust to a missing day); None across a definition break."""
    if not comparable(now, before) or now.mean is None or before.mean is None or before.mean == 0:
        return None
    return now.mean / before.mean - 1


@dataclass(frozen=True)
class Headline:
    metric: str
    last_day: pd.Timestamp
    last_value: int | None
    windows: dict[int, tuple[Window, Window, Window]]  # days -> (latest, previous, a year before)
    record_day: pd.Timestamp | None
    record_value: int | None


def headline(daily: pd.DataFrame, metric: str, windows: tuple[int, ...] = WINDOWS) -> Headline:
    """Figures a presenter opens with, anchored on the last day that carries a report. The record is
    the highest day counted the way the last day is (an ADIZ-era day is not a record of today's count)."""
    keep = ["date", metric] + ([DEFINITION] if DEFINITION in daily.columns else [])
    series = daily[keep]
    reported = series.dropna(subset=[metric])
    last = reported["date"].max()
    out = {}
    for days in windows:
        latest = window(series, metric, last, days)
        previous = window(series, metric, last - pd.Timedelta(days=days), days)
        year_before = window(series, metric, last - pd.DateOffset(years=1), days)
        out[days] = (latest, previous, year_before)
    eras = definitions(reported)
    same = reported[eras == eras.iloc[-1]] if not reported.empty else reported
    record = same.loc[same[metric].idxmax()] if not same.empty else None
    return Headline(
        metric=metric,
        last_day=last,
        last_value=int(reported[metric].iloc[-1]) if not reported.empty else None,
        windows=out,
        record_day=record["date"] if record is not None else None,
        record_value=int(record[metric]) if record is not None else None,
    )


def top_days(daily: pd.DataFrame, metric: str, n: int = 5) -> pd.DataFrame:
    """The n highest days (ties: earliest first) counted the way the latest day is, for the record table."""
    keep = ["date", metric] + ([DEFINITION] if DEFINITION in daily.columns else [])
    reported = daily[keep].dropna(subset=[metric])
    if DEFINITION in reported.columns and not reported.empty:
        reported = reported[reported[DEFINITION] == reported[DEFINITION].iloc[-1]]
    return (
        reported.sort_values([metric, "date"], ascending=[False, True]).head(n)[["date", metric]].reset_index(drop=True)
    )


def with_report_links(frame: pd.DataFrame, daily: pd.DataFrame) -> pd.DataFrame:
    """`frame` with the address of each day's MND report where the daily table knows it, so a
    reader can open the report behind a figure; unchanged when the table has no addresses."""
    if "report_url" not in daily.columns or "date" not in frame.columns or "report_url" in frame.columns:
        return frame
    links = daily.dropna(subset=["report_url"]).drop_duplicates("date").set_index("date")["report_url"]
    return frame.assign(report_url=links.reindex(frame["date"]).to_numpy())
