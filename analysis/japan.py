"""Derived views of the Japan-side events (japan_side_events). Pure pandas.

Everything here counts *days on which Japan's Ministry of Defense reported something*, not
ships or aircraft: the source has flags, not counts. A withheld flag (empty, see japan_side_qc)
is counted separately and never as a passage. Before 2026 the upstream transcribed Japan's
reports selectively, so a month without flags is not a month without activity; `coverage`
says how many days of each month carry any Japan-side record.
"""

from __future__ import annotations

import pandas as pd

STRAIT_ORDER = ["tsushima", "osumi", "miyako", "yonaguni"]  # north to south
# Keys, not words: data carry these keys and charts put them into words through i18n (japan.strait.<key>, ...).
STRAITS = tuple(STRAIT_ORDER)
LANES = {  # (indicator, strait) -> lane key in the event strip, top to bottom
    ("joint_drill", "none"): "joint_drill",
    ("carrier_activity", "none"): "carrier_activity",
    ("air_activity", "none"): "air_activity",
    ("strait_transit", "tsushima"): "tsushima",
    ("strait_transit", "osumi"): "osumi",
    ("strait_transit", "miyako"): "miyako",
    ("strait_transit", "yonaguni"): "yonaguni",
    ("ship_passage", "none"): "ship_passage",
}
COUNTRIES = ("china", "russia", "china_russia")


def _flagged(events: pd.DataFrame) -> pd.Series:
    return (events["flag"] == 1).fillna(False)


def _withheld(events: pd.DataFrame) -> pd.Series:
    return events["flag"].isna()


def strait_months(events: pd.DataFrame) -> pd.DataFrame:
    """period (month start), strait, passage_days (flag 1), withheld_days (flag withheld as impossible)."""
    transits = events[events["indicator"] == "strait_transit"].copy()
    transits["period"] = transits["date"].dt.to_period("M").dt.to_timestamp()
    transits["passage"] = _flagged(transits)
    transits["withheld"] = _withheld(transits)
    grouped = transits.groupby(["period", "strait"], as_index=False).agg(
        passage_days=("passage", "sum"), withheld_days=("withheld", "sum")
    )
    grouped = grouped[(grouped["passage_days"] > 0) | (grouped["withheld_days"] > 0)]
    grouped["strait"] = pd.Categorical(grouped["strait"], STRAIT_ORDER, ordered=True)
    grouped = grouped.sort_values(["period", "strait"]).reset_index(drop=True)
    grouped["strait"] = grouped["strait"].astype("str")
    return grouped.astype({"passage_days": "int64", "withheld_days": "int64"})


def coverage(events: pd.DataFrame) -> pd.DataFrame:
    """period (month start), days_recorded: days of the month with any Japan-side record."""
    days = events.drop_duplicates("date")["date"]
    counts = days.dt.to_period("M").value_counts().sort_index()
    return pd.DataFrame({"period": counts.index.to_timestamp(), "days_recorded": counts.to_numpy().astype("int64")})


def day_runs(dates: pd.Series, max_gap_days: int = 1) -> list[tuple[pd.Timestamp, pd.Timestamp, int]]:
    """Consecutive (or nearly: up to `max_gap_days` apart) dates as (start, end, days) runs."""
    ordered = sorted(pd.to_datetime(dates).drop_duplicates())
    runs: list[tuple[pd.Timestamp, pd.Timestamp, int]] = []
    for day in ordered:
        if runs and (day - runs[-1][1]).days <= max_gap_days:
            start, _, n = runs[-1]
            runs[-1] = (start, day, n + 1)
        else:
            runs.append((day, day, 1))
    return runs


def carrier_periods(events: pd.DataFrame, max_gap_days: int = 2) -> pd.DataFrame:
    """Periods of reported carrier activity: start, end, days_reported, ship_type and remark seen then.

    Days up to `max_gap_days` apart are one period: the Joint Staff reports a carrier group on
    most days it is out, but not necessarily every day.
    """
    carrier = events[(events["indicator"] == "carrier_activity") & _flagged(events)]
    rows = []
    for start, end, days in day_runs(carrier["date"], max_gap_days):
        inside = carrier[(carrier["date"] >= start) & (carrier["date"] <= end)]
        types = sorted({t for t in inside["ship_type"].dropna()})
        remarks = [r for r in inside["remark"].dropna()]
        rows.append(
            {
                "start": start,
                "end": end,
                "days_reported": days,
                "span_days": (end - start).days + 1,
                "ship_type": "; ".join(types) or None,
                "remark": remarks[0] if remarks else None,
            }
        )
    frame = pd.DataFrame(rows, columns=["start", "end", "days_reported", "span_days", "ship_type", "remark"])
    return frame.astype(
        {
            "start": "datetime64[ns]",
            "end": "datetime64[ns]",
            "days_reported": "int64",
            "span_days": "int64",
            "ship_type": "str",
            "remark": "str",
        }
    )


def joint_activity(events: pd.DataFrame) -> pd.DataFrame:
    """Per month: days with a joint drill flagged, and days on which both navies were reported."""
    days = events.drop_duplicates("date")[["date", "country"]].copy()
    drills = set(events.loc[(events["indicator"] == "joint_drill") & _flagged(events), "date"])
    days["joint_drill"] = days["date"].isin(drills)
    days["both_navies"] = (days["country"] == "china_russia").fillna(False)
    days = days[days["joint_drill"] | days["both_navies"]]
    days["period"] = days["date"].dt.to_period("M").dt.to_timestamp()
    monthly = days.groupby("period", as_index=False).agg(
        joint_drill_days=("joint_drill", "sum"), both_navies_days=("both_navies", "sum")
    )
    return monthly.astype({"joint_drill_days": "int64", "both_navies_days": "int64"})


def joint_days(events: pd.DataFrame) -> pd.DataFrame:
    """The days behind joint_activity, with what was reported (for the table under the chart)."""
    days = events.drop_duplicates("date")[["date", "country", "ship_type", "remark"]].copy()
    drills = set(events.loc[(events["indicator"] == "joint_drill") & _flagged(events), "date"])
    days["joint_drill"] = days["date"].isin(drills)
    days["both_navies"] = (days["country"] == "china_russia").fillna(False)
    return days[days["joint_drill"] | days["both_navies"]].reset_index(drop=True)


def event_strip(events: pd.DataFrame) -> pd.DataFrame:
    """One row per reported (flag 1) event, placed in a lane: date, lane, country, remark."""
    flagged = events[_flagged(events)].copy()
    flagged["lane"] = [LANES.get((i, s)) for i, s in zip(flagged["indicator"], flagged["strait"])]
    flagged = flagged[flagged["lane"].notna()]
    order = {lane: n for n, lane in enumerate(LANES.values())}
    flagged["lane_order"] = flagged["lane"].map(order).astype("int64")
    out = flagged[["date", "lane", "lane_order", "country", "remark"]].sort_values(["lane_order", "date"])
    return out.reset_index(drop=True)


def summary_counts(events: pd.DataFrame) -> dict[str, int]:
    """Headline numbers for the page: days with records, strait passage days, withheld flags."""
    transits = events[events["indicator"] == "strait_transit"]
    return {
        "days_recorded": int(events["date"].nunique()),
        "strait_passage_days": int(transits.loc[_flagged(transits), "date"].nunique()),
        "carrier_days": int(
            events.loc[(events["indicator"] == "carrier_activity") & _flagged(events), "date"].nunique()
        ),
        "withheld_flags": int(_withheld(events).sum()),
    }


def combined_table(daily: pd.DataFrame, strip: pd.DataFrame) -> pd.DataFrame:
    """The numbers behind the combined chart: each day's aircraft count and Japan's reported events."""
    events = (
        strip.groupby("date")
        .agg(
            japan_events=("lane", lambda lanes: "; ".join(dict.fromkeys(lanes))),
            japan_country=("country", lambda c: "; ".join(dict.fromkeys(v for v in c if isinstance(v, str)))),
        )
        .reset_index()
    )
    columns = [c for c in ("date", "aircraft", "aircraft_mean_7d") if c in daily]
    out = daily[columns].merge(events, on="date", how="left")
    return out.astype({"japan_events": "str", "japan_country": "str"})
