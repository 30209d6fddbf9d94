"""Cross-strait trade: Taiwan's exports and imports with mainland China + Hong Kong, the US and
Japan, beside the PLA pressure series. Only figures the snapshot holds are drawn; anything missing
is said in words."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import trade as calc
from charts import trade as figs
from charts.theme import SourceNote
from ui import blocks, controls, data
from ui import router

router.require("pages/trade.py")  # first visit on a fresh server: go through app.py

MOF, CHIPS, CUSTOMS, MIRROR, TAIWAN = ("trade_partner", "trade_hs8542", "trade_mof_customs", "trade_comtrade_mirror",
                                       "air_sea_daily")
FLOWS = {"export": "Exports", "import": "Imports"}
HAND_FILE = "`python -m loaders refresh --trade-file PATH`"

st.title("Cross-strait trade")

present = {name: data.has_table(name) for name in (MOF, CHIPS, CUSTOMS, MIRROR)}
if not any(present.values()):
    st.info("No trade data is available in this snapshot, so this page shows no figures. Trade tables are built "
            f"by `python -m loaders refresh` from the files listed in the provenance notes, or from a file "
            f"downloaded by hand with {HAND_FILE}.")
    st.stop()

start, end = controls.current_date_range()


def note_for(name: str, frame: pd.DataFrame) -> SourceNote:
    """Source line from the manifest; 'data to' is the last day the figures cover, not a period start."""
    base = data.source_note(name)
    if not len(frame):
        return base
    if "period_end" in frame:
        return SourceNote(source=base.source, as_of=f"{frame['period_end'].max():%Y-%m-%d}")
    last = frame.loc[frame["period"].idxmax()]
    partial = " (part year)" if last.get("period_type") == "year_to_date" else ""
    return SourceNote(source=base.source, as_of=f"{last['period']:%Y}{partial}")


flow = st.segmented_control("Flow", list(FLOWS), format_func=FLOWS.get, key="trade_flow",
                            selection_mode="single", default="export") or "export"
noun = FLOWS[flow].lower()

if present[MOF]:
    trade = calc.clip_periods(data.table(MOF), start, end)
    note = note_for(MOF, data.table(MOF))
    st.caption(
        "Taiwan Ministry of Finance tables (August 2025 preliminary release): full years 2015–2024, months August "
        "2024 – August 2025, and January–August 2025 to date; million US dollars. Mainland China and Hong Kong are "
        "one partner in these tables. Not available here: months before August 2024, mainland China alone, "
        "anything after August 2025. 2025 figures are preliminary."
    )
    ytd = trade[(trade["period_type"] == "year_to_date") & (trade["flow"] == flow)]
    if len(ytd):
        label = f"{ytd['period'].min():%b}–{ytd['period_end'].max():%b %Y}"
        cols = st.columns(len(calc.MAIN_PARTNERS))
        for column, partner in zip(cols, calc.MAIN_PARTNERS):
            row = ytd[ytd["partner"] == partner]
            if row.empty:
                continue
            value, yoy = row["value_usd_million"].iloc[0], row["yoy_pct_published"].iloc[0]
            column.metric(f"{FLOWS[flow]}, {calc.PARTNER_LABELS[partner]}, {label} (preliminary)",
                          f"{value:,.0f} m USD", None if pd.isna(yoy) else f"{yoy:+.1f} % on a year earlier",
                          help="Change as published by MOF against the same months of the previous year.")

    st.subheader("Per year")
    annual = calc.series(trade, flow, "year")
    if annual.empty:
        st.info(f"No full-year {noun} figures in the selected date range (they cover 2015–2024).")
    else:
        blocks.chart_block(figs.partner_values(annual, note, flow=flow, period_type="year"), annual,
                           key=f"trade-annual-{flow}", note=note)

    st.subheader("Per month")
    monthly = calc.series(trade, flow, "month")
    if monthly.empty:
        st.info(f"No monthly {noun} figures in the selected date range; monthly figures exist only for August 2024 "
                "– August 2025.")
    else:
        blocks.chart_block(figs.partner_values(monthly, note, flow=flow, period_type="month"), monthly,
                           key=f"trade-monthly-{flow}", note=note, timeline=True)
        st.caption("Monthly figures before August 2024 are not in the data available to this project.")

    st.subheader("Share of total")
    shares = calc.shares(trade, flow, "year")
    if shares.empty:
        st.info("No full-year figures in the selected date range to compute shares from.")
    else:
        blocks.chart_block(figs.partner_shares(shares, note, flow=flow), shares, key=f"trade-shares-{flow}", note=note)

    st.subheader("Year over year")
    yoy = calc.year_over_year(trade, flow)
    if yoy.empty:
        st.info("No year-over-year change can be shown for the selected date range.")
    else:
        blocks.chart_block(figs.year_over_year(yoy, note, flow=flow), yoy, key=f"trade-yoy-{flow}", note=note)
else:
    st.info("MOF's trade-by-partner tables are not in this snapshot: no exports, imports, shares or year-over-year "
            "figures can be shown.")

st.subheader("Chips: integrated-circuit exports (HS 8542)")
if present[CHIPS]:
    chips_table = data.table(CHIPS)
    chips = calc.chips_by_destination(calc.clip_periods(chips_table, start, end))
    if chips.empty:
        st.info("No chip export figures in the selected date range (they cover 2013 – 2025 to date).")
    else:
        chips_note = note_for(CHIPS, chips_table)
        blocks.chart_block(figs.chips(chips, chips_note), chips, key="trade-chips", note=chips_note)
        st.caption("The file holds exports only, whichever flow is chosen above; mainland China and Hong Kong are "
                   "separate. The last year is partial and the file does not state its months.")
else:
    st.info("No integrated-circuit export data in this snapshot.")

st.subheader("Trade and military pressure on one time axis")
if present[MOF] and data.has_table(TAIWAN):
    daily = data.clipped(TAIWAN)
    trade = calc.clip_periods(data.table(MOF), start, end)
    shown = False
    for period_type, per in (("year", "year"), ("month", "month")):
        both = calc.with_security(trade, daily, flow=flow, partner="china_hk", period_type=period_type)
        both = both[both["pla_aircraft"].notna()]
        if both.empty:
            continue
        shown = True
        figure = figs.trade_and_security(both, note_for(MOF, data.table(MOF)), security_note=data.source_note(TAIWAN),
                                         flow=flow, partner="china_hk", period_type=period_type)
        blocks.chart_block(figure, both, key=f"trade-security-{period_type}-{flow}", note=data.source_note(MOF),
                           timeline=period_type == "month")
    if shown:
        st.caption("PLA totals are sums of MND's daily counts; before 2022 MND reported mainly days with activity, so "
                   "those yearly totals are floors. Shown side by side, not as cause and effect.")
    else:
        st.info("Trade figures and PLA daily counts do not overlap in the selected date range.")
else:
    st.info("Needs both MOF's trade tables and the PLA daily counts; one of them is not in this snapshot.")

st.subheader("Files downloaded by hand")
if present[CUSTOMS]:
    customs = calc.china_hk_from_countries(calc.clip_periods(data.table(CUSTOMS), start, end))
    monthly = calc.series(customs, flow, "month", ["china_hk", "china", "hong_kong", "us", "japan"])
    customs_note = note_for(CUSTOMS, data.table(CUSTOMS))
    if monthly.empty:
        st.info("The customs file has no figures for these partners in the selected date range.")
    else:
        blocks.chart_block(figs.partner_values(monthly, customs_note, flow=flow, period_type="month"), monthly,
                           key=f"trade-customs-{flow}", note=customs_note, timeline=True)
else:
    st.info(f"No customs by-country file has been loaded. Monthly series for other months can be added with {HAND_FILE} "
            "(a CSV downloaded from the Customs Administration's statistics database).")
if present[MIRROR]:
    mirror = calc.clip_periods(data.table(MIRROR), start, end)
    mirror_note = note_for(MIRROR, data.table(MIRROR))
    if mirror.empty:
        st.info("The UN Comtrade file has no figures in the selected date range.")
    else:
        blocks.chart_block(figs.mirror(mirror, mirror_note), mirror, key="trade-mirror", note=mirror_note)
else:
    st.info(f"No UN Comtrade file has been loaded. Partner-reported (mirror) figures can be added with {HAND_FILE} "
            "(partner 490 'Other Asia, nes' = Taiwan).")
