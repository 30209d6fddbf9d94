"""Cross-strait trade: Taiwan's exports and imports with mainland China + Hong Kong, the US and
Japan, beside the PLA pressure series. Only figures the snapshot holds are drawn; anything missing
is said in words."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from analysis import trade as calc
from analysis.activity import definition_break
from charts import trade as figs
from charts.theme import SourceNote
from i18n import month_abbr, t
from ui import blocks, controls, data, router

router.require("pages/trade.py")  # first visit on a fresh server: go through app.py

MOF, CHIPS, CUSTOMS, MIRROR, TAIWAN = (
    "trade_partner",
    "trade_hs8542",
    "trade_mof_customs",
    "trade_comtrade_mirror",
    "air_sea_daily",
)
FLOWS = ("export", "import")
HAND_FILE = "`python -m loaders refresh --trade-file PATH`"

st.title(t("trade.title"))

present = {name: data.has_table(name) for name in (MOF, CHIPS, CUSTOMS, MIRROR)}
if not any(present.values()):
    st.info(t("trade.no_data", command=HAND_FILE))
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
    year = f"{last['period']:%Y}"
    return SourceNote(
        source=base.source, as_of=t("trade.part_year", year=year) if last.get("period_type") == "year_to_date" else year
    )


flow = (
    st.segmented_control(
        t("trade.flow_label"),
        list(FLOWS),
        format_func=lambda f: t(f"trade.flow.{f}"),
        key="trade_flow",
        selection_mode="single",
        default="export",
    )
    or "export"
)
noun = t(f"trade.flow_noun.{flow}")

if present[MOF]:
    trade = calc.clip_periods(data.table(MOF), start, end)
    note = note_for(MOF, data.table(MOF))
    st.caption(t("trade.mof_caption"))
    ytd = trade[(trade["period_type"] == "year_to_date") & (trade["flow"] == flow)]
    if len(ytd):
        first, last = ytd["period"].min(), ytd["period_end"].max()
        label = t("trade.ytd_span", start=month_abbr(first.month), end=month_abbr(last.month), year=last.year)
        cols = st.columns(len(calc.MAIN_PARTNERS))
        for column, partner in zip(cols, calc.MAIN_PARTNERS):
            row = ytd[ytd["partner"] == partner]
            if row.empty:
                continue
            value, yoy = row["value_usd_million"].iloc[0], row["yoy_pct_published"].iloc[0]
            column.metric(
                t("trade.ytd_metric", flow=t(f"trade.flow.{flow}"), partner=figs.partner_label(partner), span=label),
                t("trade.musd_value", value=f"{value:,.0f}"),
                None if pd.isna(yoy) else t("trade.yoy_delta", change=f"{yoy:+.1f}"),
                help=t("trade.ytd_help"),
            )


def mof_section(draw) -> Callable[[], None]:
    """A section built from the MOF tables, or the reason it cannot be."""
    return draw if present[MOF] else (lambda: st.info(t("trade.no_mof")))


def per_year() -> None:
    annual = calc.series(trade, flow, "year")
    if annual.empty:
        st.info(t("trade.no_annual", flow=noun))
        return
    blocks.chart(
        figs.partner_values,
        annual,
        note,
        flow=flow,
        period_type="year",
        data=annual,
        key=f"trade-annual-{flow}",
        note=note,
    )


def per_month() -> None:
    monthly = calc.series(trade, flow, "month")
    if monthly.empty:
        st.info(t("trade.no_monthly", flow=noun))
        return
    blocks.chart(
        figs.partner_values,
        monthly,
        note,
        flow=flow,
        period_type="month",
        data=monthly,
        key=f"trade-monthly-{flow}",
        note=note,
        timeline=True,
    )
    st.caption(t("trade.monthly_caption"))


def shares() -> None:
    table = calc.shares(trade, flow, "year")
    if table.empty:
        st.info(t("trade.no_shares"))
        return
    blocks.chart(figs.partner_shares, table, note, flow=flow, data=table, key=f"trade-shares-{flow}", note=note)


def year_over_year() -> None:
    yoy = calc.year_over_year(trade, flow)
    if yoy.empty:
        st.info(t("trade.no_yoy"))
        return
    blocks.chart(figs.year_over_year, yoy, note, flow=flow, data=yoy, key=f"trade-yoy-{flow}", note=note)


def chips() -> None:
    if not present[CHIPS]:
        st.info(t("trade.no_chips"))
        return
    chips_table = data.table(CHIPS)
    by_destination = calc.chips_by_destination(calc.clip_periods(chips_table, start, end))
    if by_destination.empty:
        st.info(t("trade.no_chips_range"))
        return
    chips_note = note_for(CHIPS, chips_table)
    blocks.chart(figs.chips, by_destination, chips_note, data=by_destination, key="trade-chips", note=chips_note)
    st.caption(t("trade.chips_caption"))


def security() -> None:
    if not (present[MOF] and data.has_table(TAIWAN)):
        st.info(t("trade.security_needs"))
        return
    daily = data.clipped(TAIWAN)
    shown = False
    for period_type in ("year", "month"):
        both = calc.with_security(trade, daily, flow=flow, partner="china_hk", period_type=period_type)
        both = both[both["pla_aircraft"].notna()]
        if both.empty:
            continue
        shown = True
        blocks.chart(
            figs.trade_and_security,
            both,
            note,
            security_note=data.source_note(TAIWAN),
            flow=flow,
            partner="china_hk",
            period_type=period_type,
            break_day=definition_break(daily),
            data=both,
            key=f"trade-security-{period_type}-{flow}",
            note=data.source_note(MOF),
            timeline=period_type == "month",
        )
    if shown:
        st.caption(t("trade.security_caption"))
    else:
        st.info(t("trade.no_security_overlap"))


def by_hand() -> None:
    if present[CUSTOMS]:
        customs = calc.china_hk_from_countries(calc.clip_periods(data.table(CUSTOMS), start, end))
        monthly = calc.series(customs, flow, "month", ["china_hk", "china", "hong_kong", "us", "japan"])
        customs_note = note_for(CUSTOMS, data.table(CUSTOMS))
        if monthly.empty:
            st.info(t("trade.no_customs_range"))
        else:
            blocks.chart(
                figs.partner_values,
                monthly,
                customs_note,
                flow=flow,
                period_type="month",
                data=monthly,
                key=f"trade-customs-{flow}",
                note=customs_note,
                timeline=True,
            )
    else:
        st.info(t("trade.no_customs", command=HAND_FILE))
    if present[MIRROR]:
        mirror = calc.clip_periods(data.table(MIRROR), start, end)
        mirror_note = note_for(MIRROR, data.table(MIRROR))
        if mirror.empty:
            st.info(t("trade.no_mirror_range"))
        else:
            blocks.chart(figs.mirror, mirror, mirror_note, data=mirror, key="trade-mirror", note=mirror_note)
    else:
        st.info(t("trade.no_mirror", command=HAND_FILE))


controls.sections(
    "trade",
    {
        "per_year": (t("trade.per_year"), mof_section(per_year)),
        "per_month": (t("trade.per_month"), mof_section(per_month)),
        "shares": (t("trade.shares"), mof_section(shares)),
        "yoy": (t("trade.yoy"), mof_section(year_over_year)),
        "chips": (t("trade.chips"), chips),
        "security": (t("trade.security"), security),
        "by_hand": (t("trade.by_hand"), by_hand),
    },
)
