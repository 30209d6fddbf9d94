"""Derived series of the daily counts. Missing days stay missing: nothing here fills a gap with 0."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

WINDOWS = (7, 30)


def min_days(window: int) -> int:
    """A rolling mean is shown only where more than half of its window was reported."""
    return window // 2 + 1


def clip_dates(frame: pd.DataFrame, start, end) -> pd.DataFrame:
    mask = (frame["date"] >= pd.Timestamp(start)) & (frame["date"] <= pd.Timestamp(end))
    return frame.loc[mask].reset_index(drop=True)


def with_rolling(daily: pd.DataFrame, metrics: str | list[str], windows: tuple[int, ...] = WINDOWS) -> pd.DataFrame:
    """date, each metric, and its trailing means per window (null where too few days were reported)."""
    metrics = [metrics] if isinstance(metrics, str) else list(metrics)
    indexed = daily.set_index("date")
    out = pd.DataFrame({"date": daily["date"].to_numpy()})
    for metric in metrics:
        values = indexed[metric].astype("Float64")
        out[metric] = daily[metric].to_numpy()
        for window in windows:
            mean = values.rolling(f"{window}D", min_periods=min_days(window)).mean()
            out[f"{metric}_mean_{window}d"] = mean.round(2).to_numpy()
    return out


def period_totals(daily: pd.DataFrame, metric: str, freq: str) -> pd.DataFrame:
    """Totals per month ("MS") or year ("YS") with how many days were reported.

    A total over a period with missing days undercounts, so `days_reported` travels with it and
    `complete` flags periods reported on at least 90 % of their days.
    """
    series = daily.set_index("date")[metric]
    grouped = series.resample(freq)
    out = pd.DataFrame({
        "total": grouped.sum(min_count=1).astype("Int64"),
        "days_reported": grouped.count().astype("int64"),
        "days_in_period": grouped.size().astype("int64"),
    })
    out["daily_mean"] = (out["total"].astype("Float64") / out["days_reported"].where(out["days_reported"] > 0)).round(2)
    out["complete"] = out["days_reported"] >= 0.9 * out["days_in_period"]
    out.index.name = "period"
    return out.reset_index()


def year_over_year(daily: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Monthly totals laid out as year x month, for comparing the same month across years."""
    monthly = period_totals(daily, metric, "MS")
    monthly["year"] = monthly["period"].dt.year
    monthly["month"] = monthly["period"].dt.month
    return monthly[["year", "month", "total", "days_reported", "days_in_period", "daily_mean", "complete"]]


def calendar(daily: pd.DataFrame, metric: str, year: int) -> pd.DataFrame:
    """One row per day of `year` with ISO week and weekday, for a calendar heatmap."""
    days = pd.DataFrame({"date": pd.date_range(f"{year}-01-01", f"{year}-12-31", freq="D", unit="ns")})
    out = days.merge(daily[["date", metric]], on="date", how="left")
    # Week columns counted from the Monday on or before 1 January, so the grid has no wrap-around.
    first_monday = out["date"].iloc[0] - pd.Timedelta(days=out["date"].iloc[0].weekday())
    out["week"] = ((out["date"] - first_monday).dt.days // 7).astype("int64")
    out["weekday"] = out["date"].dt.day_of_week.astype("int64")
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
    """Reported days in a window: total, mean per reported day, and how many days had a report."""

    start: pd.Timestamp
    end: pd.Timestamp
    total: int | None
    mean: float | None
    days_reported: int
    days: int


def window(daily: pd.DataFrame, metric: str, end: pd.Timestamp, days: int) -> Window:
    start = end - pd.Timedelta(days=days - 1)
    values = daily.loc[(daily["date"] >= start) & (daily["date"] <= end), metric].dropna()
    reported = int(values.size)
    return Window(
        start=start,
        end=end,
        total=int(values.sum()) if reported else None,
        mean=float(values.mean()) if reported else None,
        days_reported=reported,
        days=days,
    )


def change(now: Window, before: Window) -> float | None:
    """Relative change of the mean per reported day (robust to a missing day in either window)."""
    if now.mean is None or before.mean is None or before.mean == 0:
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
    """Figures a presenter opens with, anchored on the last day that carries a report."""
    series = daily[["date", metric]]
    reported = series.dropna()
    last = reported["date"].max()
    out = {}
    for days in windows:
        latest = window(series, metric, last, days)
        previous = window(series, metric, last - pd.Timedelta(days=days), days)
        year_before = window(series, metric, last - pd.DateOffset(years=1), days)
        out[days] = (latest, previous, year_before)
    record = reported.loc[reported[metric].idxmax()] if not reported.empty else None
    return Headline(
        metric=metric,
        last_day=last,
        last_value=int(reported[metric].iloc[-1]) if not reported.empty else None,
        windows=out,
        record_day=record["date"] if record is not None else None,
        record_value=int(record[metric]) if record is not None else None,
    )


def top_days(daily: pd.DataFrame, metric: str, n: int = 5) -> pd.DataFrame:
    """The n highest days (ties: earliest first), for the record table."""
    reported = daily[["date", metric]].dropna()
    return reported.sort_values([metric, "date"], ascending=[False, True]).head(n).reset_index(drop=True)
