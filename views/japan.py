"""Japan view: what Japan's Ministry of Defense reported near Japan, beside the Taiwan-side counts."""

from __future__ import annotations

import streamlit as st

from analysis import japan as calc
from analysis.activity import clip_dates
from catalog import Settings
from catalog.japan import TABLE
from i18n import day, t
from ui import blocks, controls, data, presenter

QC_TABLE = "japan_side_qc"

st.title(t("japan.title"))

if not data.has_table(TABLE):
    st.info(t("japan.no_data"))
    st.stop()

start, end = controls.current_date_range()
events = data.clipped(TABLE)
if events.empty:
    st.info(t("japan.out_of_range"))
    st.stop()

counts = calc.summary_counts(events)


def summary() -> None:
    st.caption(
        t(
            "japan.coverage",
            start=day(events["date"].min()),
            end=day(events["date"].max()),
            days=f"{counts['days_recorded']:,}",
        )
    )
    cols = st.columns(4)
    cols[0].metric(t("japan.days_recorded"), f"{counts['days_recorded']:,}")
    cols[1].metric(t("japan.passage_days"), f"{counts['strait_passage_days']:,}")
    cols[2].metric(t("japan.carrier_days"), f"{counts['carrier_days']:,}")
    cols[3].metric(t("japan.withheld_flags"), f"{counts['withheld_flags']:,}")


settings = Settings(start=start, end=end)


def straits() -> None:
    if not blocks.show("japan_straits", settings) or not data.has_table(QC_TABLE):
        return
    qc = data.table(QC_TABLE)
    flagged = clip_dates(qc.dropna(subset=["date"]), start, end)
    flagged = flagged[flagged["check"].isin(["impossible_strait_combination", "suspect_back_reference"])]
    with blocks.lazy_expander(
        t("japan.flags_in_doubt", count=f"{flagged['date'].nunique():,}", flags=f"{counts['withheld_flags']:,}"),
        key="japan_flags",
    ) as opened:
        if opened:
            st.caption(t("japan.flags_explained"))
            st.dataframe(
                flagged[["date", "check", "detail"]], hide_index=True, column_config=blocks.date_columns(flagged)
            )


def combined() -> None:
    if blocks.show("japan_combined", settings):
        st.caption(t("japan.dates_note"))


presenter.chart_first(
    summary,
    lambda: controls.sections(
        "japan",
        {
            "straits": (t("japan.straits"), straits),
            "carriers": (t("japan.carriers"), lambda: blocks.show("japan_carriers", settings)),
            "joint": (t("japan.joint"), lambda: blocks.show("japan_joint", settings)),
            "combined": (t("japan.combined"), combined),
        },
    ),
)
