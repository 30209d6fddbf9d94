"""What MND drew on its daily maps, as The Reporter traced it (`flight_tracks`): aircraft per month by
category, the UAV and fighter shares, and the balloons per report day.

The traced shapes are a lower bound of each day's total (MND drew only the aircraft that crossed the
median line or entered the south-western ADIZ). A month counts as complete only when every one of its
days lies inside the span the source covers (and the chosen range); otherwise it is partial.
"""

from __future__ import annotations

import pandas as pd

# Aircraft categories in drawing order (charts.track_colors.TRACK_COLORS names their colours); balloons are not aircraft.
# The type catalogue's list (loaders.aircraft_types.CATEGORIES) less balloons: kept here because charts and the
# catalog must never reach loaders (tests/test_import_graph.py); tests/test_drawn.py checks the two agree.
AIRCRAFT_CATEGORIES = (
    "fighter",
    "bomber",
    "asw_patrol",
    "early_warning_ew",
    "tanker_transport",
    "uav",
    "helicopter",
    "other",
)
SHARES = ("uav", "fighter")


def column(category: str) -> str:
    return f"drawn_{category}"


def share_column(category: str) -> str:
    return f"{category}_share_pct"


def monthly_categories(shapes: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> pd.DataFrame:
    """Aircraft drawn per calendar month and category, between `first` and `last` (the days covered):
    one row per month that meets them, with its covered days, whether it is partial, the total, the
    shapes drawn without a count (not in the sums), the aircraft drawn as tracks and the UAV and fighter
    shares of those in %. Shares come from tracks only: from 16 Jan 2024 MND drew areas, most of which
    group several classes (category `other`), so a share over them would fall to nothing; months
    without tracks have no share."""
    first, last = pd.Timestamp(first).normalize(), pd.Timestamp(last).normalize()
    names = ["month", "start", "end", "days", "days_covered", "partial", "total", "without_count", "on_tracks"]
    cats = [column(c) for c in AIRCRAFT_CATEGORIES]
    shares = [share_column(c) for c in SHARES]
    if first > last:
        return pd.DataFrame(columns=[*names, *cats, *shares])
    planes = shapes[(shapes["kind"] != "balloon") & shapes["date"].between(first, last)]
    month = planes["date"].dt.to_period("M").dt.start_time
    sums = (
        planes.assign(month=month)
        .pivot_table(index="month", columns="category", values="aircraft", aggfunc="sum", fill_value=0)
        .reindex(columns=list(AIRCRAFT_CATEGORIES), fill_value=0)
    )
    uncounted = planes["aircraft"].isna().groupby(month).sum()
    tracked = planes["kind"] == "track"
    on_tracks = planes.loc[tracked].groupby(month[tracked])["aircraft"].sum()
    by_kind = planes.loc[tracked].groupby([month[tracked], planes.loc[tracked, "category"]])["aircraft"].sum()
    months = pd.period_range(first, last, freq="M").start_time
    rows = pd.DataFrame({"month": months})
    rows["start"] = rows["month"].clip(lower=first)
    rows["end"] = (rows["month"] + pd.offsets.MonthEnd(0)).clip(upper=last)
    rows["days"] = rows["month"].dt.days_in_month
    rows["days_covered"] = (rows["end"] - rows["start"]).dt.days + 1
    rows["partial"] = rows["days_covered"] < rows["days"]
    counts = sums.reindex(months, fill_value=0).astype("int64")
    counts.columns = cats
    rows = pd.concat([rows, counts.reset_index(drop=True)], axis=1)
    rows["total"] = rows[cats].sum(axis=1).astype("int64")
    rows["without_count"] = uncounted.reindex(months, fill_value=0).astype("int64").to_numpy()
    rows["on_tracks"] = on_tracks.reindex(months, fill_value=0).astype("int64").to_numpy()
    base = rows["on_tracks"].where(rows["on_tracks"] > 0).astype("float64")
    for category in SHARES:
        part = (
            by_kind.xs(category, level=1) if category in by_kind.index.get_level_values(1) else pd.Series(dtype=float)
        )
        drawn = part.reindex(months, fill_value=0).astype("float64").to_numpy()
        rows[share_column(category)] = (drawn / base * 100).round(1)
    return rows[[*names, *cats, *shares]]


def balloon_period(shapes: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The days over which the source counts balloons: from the first balloon with a count to the last
    day of the file(s) that count them. Outside it (before MND drew balloons, or where a file draws
    balloons without a number) a missing balloon says nothing. None when no balloon has a count."""
    counted = shapes[shapes["balloons"].notna()]
    if counted.empty:
        return None
    files = shapes[shapes["source_file"].isin(counted["source_file"].unique())]
    return counted["date"].min(), files["date"].max()


def balloons_per_day(shapes: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> pd.DataFrame:
    """Balloons drawn per report day inside the balloon period and [first, last]: every day the source
    has a map for (any shape drawn), 0 where that map has no balloon. Days without a map are not rows."""
    period = balloon_period(shapes)
    if period is None:
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), "balloons": pd.Series(dtype="int64")})
    lo, hi = max(pd.Timestamp(first), period[0]), min(pd.Timestamp(last), period[1])
    inside = shapes[shapes["date"].between(lo, hi)]
    days = pd.Index(sorted(inside["date"].unique()), name="date")
    counts = inside.loc[inside["kind"] == "balloon"].groupby("date")["balloons"].sum()
    out = counts.reindex(days, fill_value=0).astype("int64").rename("balloons").reset_index()
    return out
