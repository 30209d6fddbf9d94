"""Japan view: what Japan's Ministry of Defense reported near Japan, beside the Taiwan-side counts."""

from __future__ import annotations

import streamlit as st

from analysis import japan as calc
from analysis.activity import with_rolling
from charts import japan as figs
from i18n import day, t
from ui import blocks, controls, data, router

router.require("pages/japan.py")  # first visit on a fresh server: go through app.py

TABLE = "japan_side_events"
QC_TABLE = "japan_side_qc"
TAIWAN = "air_sea_daily"

st.title(t("japan.title"))

if not data.has_table(TABLE):
    st.info(t("japan.no_data"))
    st.stop()

note = data.source_note(TABLE)
events = data.clipped(TABLE)
if events.empty:
    st.info(t("japan.out_of_range"))
    st.stop()

counts = calc.summary_counts(events)
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


def straits() -> None:
    months = calc.strait_months(events)
    if months.empty:
        st.info(t("japan.no_passages"))
        return
    blocks.chart(figs.strait_passages, months, note, data=months, key="japan-straits", note=note, timeline=True)
    if not data.has_table(QC_TABLE):
        return
    qc = data.table(QC_TABLE)
    flagged = calc.clip_dates(qc.dropna(subset=["date"]), *controls.current_date_range())
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


def carriers() -> None:
    periods = calc.carrier_periods(events)
    if periods.empty:
        st.info(t("japan.no_carriers"))
        return
    blocks.chart(figs.carrier_periods, periods, note, data=periods, key="japan-carriers", note=note)


def joint() -> None:
    activity = calc.joint_activity(events)
    if activity.empty:
        st.info(t("japan.no_joint"))
        return
    blocks.chart(figs.joint_activity, activity, note, data=calc.joint_days(events), key="japan-joint", note=note)


def combined() -> None:
    strip = calc.event_strip(events)
    taiwan = data.clipped(TAIWAN)
    taiwan = taiwan[taiwan["date"] >= events["date"].min()]
    if strip.empty or taiwan["aircraft"].notna().sum() == 0:
        st.info(t("japan.no_overlap"))
        return
    rolling = with_rolling(taiwan, "aircraft", windows=(7,))
    blocks.chart(
        figs.combined,
        rolling,
        strip,
        note,
        taiwan_note=data.source_note(TAIWAN),
        data=calc.combined_table(rolling, strip),
        key="japan-combined",
        note=note,
        timeline=True,
    )
    st.caption(t("japan.dates_note"))


controls.sections(
    "japan",
    {
        "straits": (t("japan.straits"), straits),
        "carriers": (t("japan.carriers"), carriers),
        "joint": (t("japan.joint"), joint),
        "combined": (t("japan.combined"), combined),
    },
)
