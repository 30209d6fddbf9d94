"""Derived views of the trade tables (trade_partner, trade_hs8542, trade_mof_customs). Pure pandas.

Rules kept here so every page follows them: values are never interpolated or extended; a
year-to-date figure is never compared with a full year; shares are computed only against the
same table's own total for the same period; year-over-year change is computed only between two
full periods of the same type (or taken from the publisher where it published one).
"""

from __future__ import annotations

import pandas as pd

MAIN_PARTNERS = ["china_hk", "us", "japan"]
# Partner keys; charts put them into words through i18n (trade.partner.<key>).
PARTNERS = (
    "total",
    "china_hk",
    "china",
    "hong_kong",
    "us",
    "japan",
    "asean",
    "korea",
    "europe",
    "singapore",
    "asia",
    "middle_east",
    "other",
)


def clip_periods(frame: pd.DataFrame, start, end) -> pd.DataFrame:
    """Rows whose period overlaps [start, end] (a year shows if any of its days is in range)."""
    ends = frame["period_end"] if "period_end" in frame else frame["period"] + pd.offsets.YearEnd(0)
    mask = (ends >= pd.Timestamp(start)) & (frame["period"] <= pd.Timestamp(end))
    return frame.loc[mask].reset_index(drop=True)


def series(trade: pd.DataFrame, flow: str, period_type: str, partners: list[str] = MAIN_PARTNERS) -> pd.DataFrame:
    """period, period_end, partner, value_usd_million, preliminary for one flow and period type."""
    rows = trade[(trade["flow"] == flow) & (trade["period_type"] == period_type) & trade["partner"].isin(partners)]
    cols = ["period", "period_end", "partner", "value_usd_million", "preliminary"]
    return rows[cols].sort_values(["partner", "period"]).reset_index(drop=True)


def shares(trade: pd.DataFrame, flow: str, period_type: str, partners: list[str] = MAIN_PARTNERS) -> pd.DataFrame:
    """Each partner's share (%) of Taiwan's total for the flow, same table, same period."""
    rows = trade[(trade["flow"] == flow) & (trade["period_type"] == period_type)]
    total = rows[rows["partner"] == "total"].set_index("period")["value_usd_million"]
    part = rows[rows["partner"].isin(partners)].copy()
    part["total_usd_million"] = part["period"].map(total)
    part["share_pct"] = (100 * part["value_usd_million"] / part["total_usd_million"]).round(2)
    part = part[part["total_usd_million"].notna()]
    return (
        part[["period", "period_end", "partner", "value_usd_million", "total_usd_million", "share_pct", "preliminary"]]
        .sort_values(["partner", "period"])
        .reset_index(drop=True)
    )


def year_over_year(trade: pd.DataFrame, flow: str, partners: list[str] = MAIN_PARTNERS) -> pd.DataFrame:
    """YoY change (%): computed between consecutive full years; for months and the year to date,
    the publisher's own figure (it holds the previous-year values this project does not have)."""
    rows = trade[(trade["flow"] == flow) & trade["partner"].isin(partners)]
    out = []
    years = rows[rows["period_type"] == "year"].sort_values("period")
    for partner, group in years.groupby("partner"):
        previous = group.set_index(group["period"].dt.year)["value_usd_million"]
        for _, row in group.iterrows():
            before = previous.get(row["period"].year - 1)
            if before is None or before == 0:
                continue
            out.append(
                {
                    "period": row["period"],
                    "period_type": "year",
                    "partner": partner,
                    "yoy_pct": round(100 * (row["value_usd_million"] / before - 1), 2),
                    "basis": "computed from annual values",
                    "preliminary": bool(row["preliminary"]),
                }
            )
    if "yoy_pct_published" in rows:
        published = rows[(rows["period_type"] != "year") & rows["yoy_pct_published"].notna()]
        for _, row in published.iterrows():
            out.append(
                {
                    "period": row["period"],
                    "period_type": row["period_type"],
                    "partner": row["partner"],
                    "yoy_pct": round(float(row["yoy_pct_published"]), 2),
                    "basis": "published by MOF",
                    "preliminary": bool(row["preliminary"]),
                }
            )
    frame = pd.DataFrame(out, columns=["period", "period_type", "partner", "yoy_pct", "basis", "preliminary"])
    return frame.sort_values(["period_type", "partner", "period"]).reset_index(drop=True)


def chips_by_destination(
    hs: pd.DataFrame, partners: tuple[str, ...] = ("china", "hong_kong", "us", "japan")
) -> pd.DataFrame:
    """IC exports per year to the main destinations, and their share of all IC exports that year."""
    totals = hs.groupby("period")["value_usd_million"].sum()
    rows = hs[hs["partner"].isin(list(partners))].copy()
    rows["share_pct"] = (100 * rows["value_usd_million"] / rows["period"].map(totals)).round(2)
    return (
        rows[["period", "period_type", "partner", "value_usd_million", "share_pct"]]
        .sort_values(["partner", "period"])
        .reset_index(drop=True)
    )


def china_hk_from_countries(trade: pd.DataFrame) -> pd.DataFrame:
    """For country-level tables (hand-downloaded customs files): add china_hk = china + hong_kong
    where both are present for the same period and flow, so they line up with MOF's tables."""
    parts = trade[trade["partner"].isin(["china", "hong_kong"])]
    both = parts.groupby(["period", "period_end", "period_type", "flow"]).filter(
        lambda g: set(g["partner"]) == {"china", "hong_kong"}
    )
    if both.empty:
        return trade
    summed = both.groupby(["period", "period_end", "period_type", "flow"], as_index=False).agg(
        value_usd_million=("value_usd_million", "sum"), preliminary=("preliminary", "any")
    )
    summed = summed.assign(
        partner="china_hk", partner_name="Mainland China + Hong Kong (sum)", source_table=trade["source_table"].iloc[0]
    )
    return pd.concat([trade, summed], ignore_index=True)


def with_security(
    trade: pd.DataFrame, daily: pd.DataFrame, *, flow: str, partner: str, period_type: str, metric: str = "aircraft"
) -> pd.DataFrame:
    """Trade values and the PLA daily counts summed over the same months or years.

    The PLA total carries how many days were reported and what it counts (`definition`): until 4 Aug
    2022 ADIZ entries only, then all aircraft around Taiwan; a period cut by that change has no total.
    """
    from analysis.activity import period_totals  # the daily-count helpers own the reporting rules

    rows = series(trade, flow, period_type, [partner])
    freq = "MS" if period_type == "month" else "YS"
    totals = period_totals(daily, metric, freq).rename(columns={"total": f"pla_{metric}"})
    merged = rows.merge(
        totals[["period", f"pla_{metric}", "days_reported", "days_in_period", "definition", "complete"]],
        on="period",
        how="left",
    )
    return merged.astype({"days_reported": "Int64", "days_in_period": "Int64"})
