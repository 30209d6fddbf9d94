"""Cross-strait trade: Taiwan's exports and imports with mainland China + Hong Kong, the US and
Japan, beside the PLA pressure series. Only figures the snapshot holds are drawn; anything missing
is said in words."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from analysis import trade as calc
from catalog import Settings
from catalog.trade import CHIPS, CUSTOMS, MIRROR, MOF
from charts import trade as figs
from i18n import month_abbr, t
from ui import blocks, controls, data, presenter

TAIWAN = "air_sea_daily"
FLOWS = ("export", "import")
HAND_FILE = "`python -m loaders refresh --trade-file PATH`"

st.title(t("trade.title"))

present = {name: data.has_table(name) for name in (MOF, CHIPS, CUSTOMS, MIRROR)}
if not any(present.values()):
    st.info(t("trade.no_data", command=HAND_FILE))
    st.stop()

start, end = controls.current_date_range()


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


def summary() -> None:
    """This year's figures so far, one per main partner."""
    if not present[MOF]:
        return
    trade = calc.clip_periods(data.table(MOF), start, end)
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
                t("trade.usd_value", value=f"{figs.in_usd_unit(value):,.1f}"),
                None if pd.isna(yoy) else t("trade.yoy_delta", change=f"{yoy:+.1f}"),
                help=t("trade.ytd_help"),
            )


def mof_section(draw: Callable[[], object]) -> Callable[[], object]:
    """A section built from the MOF tables, or the reason it cannot be."""
    return draw if present[MOF] else (lambda: st.info(t("trade.no_mof")))


settings = Settings(flow=flow, start=start, end=end)


def per_month() -> None:
    if blocks.show("trade_monthly", settings):
        st.caption(t("trade.monthly_caption"))


def chips() -> None:
    if not present[CHIPS]:
        st.info(t("trade.no_chips"))
    elif blocks.show("trade_chips", settings):
        st.caption(t("trade.chips_caption"))


def security() -> None:
    if not (present[MOF] and data.has_table(TAIWAN)):
        st.info(t("trade.security_needs"))
        return
    shown = [blocks.show(f"trade_security_{period}", settings, say_empty=False) for period in ("year", "month")]
    st.caption(t("trade.security_caption")) if any(shown) else st.info(t("trade.no_security_overlap"))


def by_hand() -> None:
    if present[CUSTOMS]:
        blocks.show("trade_customs", settings)
    else:
        st.info(t("trade.no_customs", command=HAND_FILE))
    if present[MIRROR]:
        blocks.show("trade_mirror", settings)
    else:
        st.info(t("trade.no_mirror", command=HAND_FILE))


presenter.chart_first(
    summary,
    lambda: controls.sections(
        "trade",
        {
            "per_year": (t("trade.per_year"), mof_section(lambda: blocks.show("trade_annual", settings))),
            "per_month": (t("trade.per_month"), mof_section(per_month)),
            "shares": (t("trade.shares"), mof_section(lambda: blocks.show("trade_shares", settings))),
            "yoy": (t("trade.yoy"), mof_section(lambda: blocks.show("trade_yoy", settings))),
            "chips": (t("trade.chips"), chips),
            "security": (t("trade.security"), security),
            "by_hand": (t("trade.by_hand"), by_hand),
        },
    ),
)
