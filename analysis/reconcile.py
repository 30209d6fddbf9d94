"""Two transcriptions of the same MND daily report, compared day by day.

`air_sea_daily` (pla-data-dashboard, scraped) and `pla_tracker_daily` (PLA Tracker, typed by hand)
should carry the same numbers. Where they do not, the disagreement is the finding: it is listed
day by day with both values and the difference, and never averaged into a "best" number.

The comparison runs over the span both sources cover (first to last day on which each has a value
for the measure). Inside it a day is:

    agree        both have a value and the values are equal
    disagree     both have a value and they differ (difference = tracker − dashboard)
    only_dashboard / only_tracker   one source has no value that day
    neither      no value in either

A disagreeing day whose tracker values (all measures) equal the dashboard's values on the day
before or after is marked in `hint`: a date shifted by one day is a different error from a wrong
count.
"""

from __future__ import annotations

import pandas as pd

# measure -> (column in air_sea_daily, column in pla_tracker_daily)
MEASURES: dict[str, tuple[str, str]] = {"aircraft": ("aircraft", "aircraft"), "vessels": ("vessels", "ships")}
STATUSES = ("agree", "disagree", "only_dashboard", "only_tracker", "neither")
COLUMNS = ["date", "measure", "dashboard", "tracker", "difference", "status", "hint"]


def _span(values: pd.Series, dates: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    present = dates[values.notna().to_numpy()]
    return (present.min(), present.max()) if len(present) else None


def compare_measure(
    dashboard: pd.DataFrame, tracker: pd.DataFrame, measure: str, columns: tuple[str, str]
) -> pd.DataFrame:
    """One measure, every day of the shared span: both values, difference, status, hint."""
    left, right = columns
    ours, theirs = _span(dashboard[left], dashboard["date"]), _span(tracker[right], tracker["date"])
    if ours is None or theirs is None:
        return _empty()
    first, last = max(ours[0], theirs[0]), min(ours[1], theirs[1])
    if first > last:
        return _empty()
    days = pd.DataFrame({"date": pd.date_range(first, last, freq="D", unit="ns")})
    a = dashboard.set_index("date")[left].astype("Int64")
    b = tracker.set_index("date")[right].astype("Int64")
    out = days.assign(
        measure=measure,
        dashboard=a.reindex(days["date"]).to_numpy(),
        tracker=b.reindex(days["date"]).to_numpy(),
    )
    out["dashboard"] = out["dashboard"].astype("Int64")
    out["tracker"] = out["tracker"].astype("Int64")
    out["difference"] = (out["tracker"] - out["dashboard"]).astype("Int64")
    has_a, has_b = out["dashboard"].notna(), out["tracker"].notna()
    status = pd.Series("neither", index=out.index, dtype="str")
    status[has_a & ~has_b] = "only_dashboard"
    status[~has_a & has_b] = "only_tracker"
    both = has_a & has_b
    status[both & (out["difference"] == 0).fillna(False)] = "agree"
    status[both & (out["difference"] != 0).fillna(False)] = "disagree"
    out["status"] = status
    previous = a.reindex(days["date"] - pd.Timedelta(days=1)).to_numpy()
    following = a.reindex(days["date"] + pd.Timedelta(days=1)).to_numpy()
    out["matches_previous"] = [not pd.isna(p) and not pd.isna(t) and p == t for p, t in zip(previous, out["tracker"])]
    out["matches_next"] = [not pd.isna(n) and not pd.isna(t) and n == t for n, t in zip(following, out["tracker"])]
    return out


def _empty() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.Series(dtype="datetime64[ns]"),
            "measure": pd.Series(dtype="str"),
            "dashboard": pd.Series(dtype="Int64"),
            "tracker": pd.Series(dtype="Int64"),
            "difference": pd.Series(dtype="Int64"),
            "status": pd.Series(dtype="str"),
            "hint": pd.Series(dtype="str"),
        }
    )


def compare_daily(
    dashboard: pd.DataFrame, tracker: pd.DataFrame, measures: dict[str, tuple[str, str]] = MEASURES
) -> pd.DataFrame:
    """Long table, one row per day and measure, for every measure both tables carry.

    The one-day-shift hint needs every measure of the day to match the same neighbouring day:
    small vessel counts (5–12) often equal a neighbour's by chance, a whole day rarely does.
    """
    parts = [
        compare_measure(dashboard, tracker, name, cols)
        for name, cols in measures.items()
        if cols[0] in dashboard and cols[1] in tracker
    ]
    parts = [p for p in parts if len(p)]
    if not parts:
        return _empty()
    both = pd.concat(parts, ignore_index=True)
    by_day = both.groupby("date")[["matches_previous", "matches_next"]].transform("all")
    disagree = both["status"] == "disagree"
    hint = pd.Series("", index=both.index, dtype="str")
    hint[disagree & by_day["matches_previous"]] = "previous"  # the whole day matches the dashboard's previous day
    hint[disagree & by_day["matches_next"] & ~by_day["matches_previous"]] = "next"
    both["hint"] = hint
    return both[COLUMNS].reset_index(drop=True)


def summary(comparison: pd.DataFrame) -> pd.DataFrame:
    """Per measure: span, days compared, share agreeing exactly, mean/max absolute difference, one-sided days."""
    rows = []
    for measure, group in comparison.groupby("measure", sort=False):
        both = group[group["status"].isin(["agree", "disagree"])]
        absolute = both["difference"].abs().astype("float64")
        differ = group.loc[group["status"] == "disagree", "difference"].astype("float64")
        agree = int((group["status"] == "agree").sum())
        rows.append(
            {
                "measure": measure,
                "first_day": group["date"].min(),
                "last_day": group["date"].max(),
                "days_compared": len(both),
                "days_agree": agree,
                "share_agree": round(agree / len(both), 4) if len(both) else float("nan"),
                "mean_abs_difference": round(float(absolute.mean()), 2) if len(both) else float("nan"),
                # signed, over disagreeing days: far from 0 means one source counts systematically higher
                "median_disagreement": float(differ.median()) if len(differ) else float("nan"),
                "max_abs_difference": int(absolute.max()) if len(both) else 0,
                "days_only_dashboard": int((group["status"] == "only_dashboard").sum()),
                "days_only_tracker": int((group["status"] == "only_tracker").sum()),
                "days_shifted_by_one": int((group["hint"] != "").sum()),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "measure",
            "first_day",
            "last_day",
            "days_compared",
            "days_agree",
            "share_agree",
            "mean_abs_difference",
            "median_disagreement",
            "max_abs_difference",
            "days_only_dashboard",
            "days_only_tracker",
            "days_shifted_by_one",
        ],
    )


def disagreements(comparison: pd.DataFrame) -> pd.DataFrame:
    """Only the days that need a reader's attention: disagreements and one-sided days."""
    return comparison[~comparison["status"].isin(["agree", "neither"])].reset_index(drop=True)
