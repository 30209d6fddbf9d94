"""Surge detection, event studies and exercise comparisons on the daily counts.

Surge method (simple on purpose, so a researcher can recompute it by hand):
a day is *unusual* when its count is far above the recent normal, measured robustly:

    baseline = median of the previous 90 days that carry a report (at least 30 of them)
    spread   = 1.4826 x median absolute deviation of those days (a robust standard deviation),
               floored at 4 so quiet stretches with near-constant counts do not flag small bumps
    z        = (count - baseline) / spread;   flagged when z >= 5 and count >= 2 x baseline

The thresholds were set on the 2020-2026 series so that every major named exercise is flagged
while keeping ordinary busy days out (tested in tests/test_events_analysis.py).

The current day never enters its own baseline, medians ignore a single extreme day, and missing
days are neither zero nor counted. Flagged days at most 2 days apart form one surge episode.
A baseline never spans the definition break of 5 Aug 2022 (analysis/activity.py): a day is scored
only against earlier days counted the same way, so the first weeks after the break are not scored.

Exercises are catalogued by the calendar days they were announced for; since mid-November 2022 MND's
report of a day's activity is issued the next morning, so an exercise's *report days* are its days
shifted by one (`with_report_days`). Event studies and comparisons use report days.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.activity import definitions, zero_when_unreported

BASELINE_DAYS = 90
MIN_BASELINE_REPORTS = 30
Z_THRESHOLD = 5.0
MIN_RATIO = 2.0
MIN_SPREAD = 4.0
MERGE_GAP_DAYS = 2
MAD_TO_SD = 1.4826


def robust_scores(daily: pd.DataFrame, metric: str) -> pd.DataFrame:
    """date, value, baseline, spread, z and flag for every day (null where no report or baseline)."""
    series = daily.set_index("date")[metric].astype("float64")
    values = series.to_numpy()
    dates = series.index
    eras = definitions(daily).to_numpy()
    baseline = np.full(len(values), np.nan)
    spread = np.full(len(values), np.nan)
    reported = ~np.isnan(values)
    for i in range(len(values)):
        lo = dates.searchsorted(dates[i] - pd.Timedelta(days=BASELINE_DAYS))
        same = eras[lo:i] == eras[i]  # never across the definition break
        window = values[lo:i][same]
        window = window[~np.isnan(window)]
        if window.size >= MIN_BASELINE_REPORTS:
            med = float(np.median(window))
            baseline[i] = med
            spread[i] = max(MAD_TO_SD * float(np.median(np.abs(window - med))), MIN_SPREAD)
    z = (values - baseline) / spread
    flag = reported & ~np.isnan(z) & (z >= Z_THRESHOLD) & (values >= MIN_RATIO * baseline)
    return pd.DataFrame(
        {
            "date": dates,
            "value": series.to_numpy(),
            "baseline": baseline,
            "spread": spread,
            "z": np.round(z, 2),
            "flag": flag,
        }
    )


def surges(daily: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Flagged days merged into episodes: start, end, days flagged, peak, total and excess over baseline."""
    return episodes(robust_scores(daily, metric), metric)


def episodes(scores: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Episodes from precomputed `robust_scores` (the app caches those)."""
    flagged = scores[scores["flag"]].reset_index(drop=True)
    columns = ["metric", "start", "end", "days_flagged", "peak_date", "peak", "baseline", "total", "excess", "max_z"]
    if flagged.empty:
        return pd.DataFrame(columns=columns)
    episode = (flagged["date"].diff().dt.days.fillna(MERGE_GAP_DAYS + 1) > MERGE_GAP_DAYS).cumsum()
    rows = []
    for _, group in flagged.groupby(episode):
        peak = group.loc[group["value"].idxmax()]
        rows.append(
            {
                "metric": metric,
                "start": group["date"].min(),
                "end": group["date"].max(),
                "days_flagged": int(len(group)),
                "peak_date": peak["date"],
                "peak": int(peak["value"]),
                "baseline": float(peak["baseline"]),
                "total": int(group["value"].sum()),
                "excess": round(float((group["value"] - group["baseline"]).sum()), 1),
                "max_z": float(group["z"].max()),
            }
        )
    return pd.DataFrame(rows, columns=columns)


def interval_gap_days(start_a, end_a, start_b, end_b) -> int:
    """Days between two date intervals; 0 when they overlap."""
    if end_a < start_b:
        return int((start_b - end_a).days)
    if end_b < start_a:
        return int((start_a - end_b).days)
    return 0


def with_report_days(events: pd.DataFrame, daily: pd.DataFrame) -> pd.DataFrame:
    """Events with `report_start` / `report_end`: the MND report days that cover them (module docstring).

    A day is shifted by one where the daily table says its report covers the 24 hours to 06:00."""
    out = events.copy()
    if "report_window" not in daily.columns:
        out["report_start"], out["report_end"] = out["start"], out["end"]
        return out
    next_morning = set(daily.loc[daily["report_window"] == "24h_to_0600", "date"])
    one = pd.Timedelta(days=1)
    out["report_start"] = [d + one if d + one in next_morning else d for d in out["start"]]
    out["report_end"] = [d + one if d + one in next_morning else d for d in out["end"]]
    return out


def _days(event: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Report days of an event where known (with_report_days), else its calendar days."""
    if "report_start" in event and pd.notna(event["report_start"]):
        return event["report_start"], event["report_end"]
    return event["start"], event["end"]


def nearest_events(found: pd.DataFrame, events: pd.DataFrame, within_days: int = 7) -> pd.DataFrame:
    """Each surge with the catalog event closest in time (any kind, by report days where known);
    `matched` if within `within_days`."""
    out = found.copy()
    ids, names, gaps = [], [], []
    for _, surge in found.iterrows():
        best = None
        for _, event in events.iterrows():
            first, last = _days(event)
            gap = interval_gap_days(surge["start"], surge["end"], first, last)
            # prefer exercises over political triggers on ties: they are what a surge is
            rank = (gap, 0 if event["kind"] == "exercise" else 1)
            if best is None or rank < best[0]:
                best = (rank, event)
        ids.append(best[1]["id"] if best else None)
        names.append(best[1]["name_en"] if best else None)
        gaps.append(best[0][0] if best else None)
    out["nearest_event_id"] = pd.Series(ids, index=out.index, dtype="str")
    out["nearest_event"] = pd.Series(names, index=out.index, dtype="str")
    out["days_from_event"] = pd.Series(gaps, index=out.index, dtype="Int64")
    out["matched"] = out["days_from_event"].fillna(within_days + 1) <= within_days
    return out


def event_window(daily: pd.DataFrame, start: pd.Timestamp, before: int = 30, after: int = 30) -> pd.DataFrame:
    """Daily counts from `before` days before to `after` days after an event start, with day offsets."""
    lo, hi = start - pd.Timedelta(days=before), start + pd.Timedelta(days=after)
    days = pd.DataFrame({"date": pd.date_range(lo, hi, freq="D", unit="ns")})
    out = days.merge(daily[["date", "aircraft", "vessels"]], on="date", how="left")
    out.insert(1, "day", (out["date"] - start).dt.days.astype("int64"))
    return out


def baseline_mean(daily: pd.DataFrame, metric: str, start: pd.Timestamp, days: int = 30) -> float | None:
    """Mean per reported day over the `days` before an event (the 'normal' it is compared with); None
    when those days are not all counted the way the event's first day is (the definition break)."""
    mask = (daily["date"] >= start - pd.Timedelta(days=days)) & (daily["date"] < start)
    eras = definitions(daily)
    first = eras[daily["date"] == start]
    if first.empty or not (eras[mask] == first.iloc[0]).all():
        return None
    values = daily.loc[mask, metric].dropna()
    if len(values) < days // 2 and not zero_when_unreported(first.iloc[0]):
        return None
    # by the era's rule: in the ADIZ era a day without a report had no entries (per calendar day)
    return float(values.sum()) / days if zero_when_unreported(first.iloc[0]) else float(values.mean())


def compare_exercises(daily: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """One row per exercise over its report days: duration, peak day, total and excess over the 30-day
    baseline, per measure. An exercise whose report days span the definition break gets no total,
    baseline or excess (`comparable` False): its days are not one quantity."""
    rows = []
    events = with_report_days(events, daily) if "report_start" not in events.columns else events
    eras = definitions(daily)
    for _, event in events[events["kind"] == "exercise"].sort_values("start").iterrows():
        first, last = _days(event)
        inside = (daily["date"] >= first) & (daily["date"] <= last)
        during = daily[inside]
        same = eras[inside].nunique(dropna=False) == 1
        row = {
            "id": event["id"],
            "exercise": event["name_en"],
            "start": event["start"],
            "end": event["end"],
            "report_start": first,
            "report_end": last,
            "duration_days": int((event["end"] - event["start"]).days + 1),
            "comparable": bool(same),
        }
        for metric in ("aircraft", "vessels"):
            values = during[metric].dropna()
            base = baseline_mean(daily, metric, first) if same else None
            row[f"{metric}_peak"] = int(values.max()) if len(values) else None
            row[f"{metric}_peak_date"] = during.loc[values.idxmax(), "date"] if len(values) else pd.NaT
            row[f"{metric}_total"] = int(values.sum()) if len(values) and same else None
            row[f"{metric}_baseline"] = round(base, 1) if base is not None else None
            row[f"{metric}_excess"] = (
                round(float((values - base).sum()), 1) if base is not None and len(values) else None
            )
            row[f"{metric}_days_reported"] = int(len(values))
        rows.append(row)
    out = pd.DataFrame(rows)
    for metric in ("aircraft", "vessels"):
        for suffix in ("peak", "total", "days_reported"):
            out[f"{metric}_{suffix}"] = out[f"{metric}_{suffix}"].astype("Int64")
        for suffix in ("baseline", "excess"):
            out[f"{metric}_{suffix}"] = out[f"{metric}_{suffix}"].astype("Float64")
    return out
