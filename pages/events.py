"""Exercises & events: the cited catalog, one exercise up close, exercises compared, surges."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import events as calc
from deck.gallery import METRICS, Settings
from i18n import day, local_name, t
from ui import blocks, controls, data
from ui import router

router.require("pages/events.py")  # first visit on a fresh server: go through app.py

DAILY = "air_sea_daily"

st.title(t("events_page.title"))
if not data.has_table("events"):
    st.info(t("events_page.no_catalog"))
    st.stop()

events = data.table("events")
catalog_note = data.source_note("events")
note = data.source_note(DAILY)

st.caption(t("events_page.summary", total=len(events), exercises=int((events["kind"] == "exercise").sum()),
             others=int((events["kind"] != "exercise").sum())))
blocks.show("timeline")

st.subheader(t("events_page.up_close"))
exercises = events[events["kind"] == "exercise"].sort_values("start", ascending=False)
labels = {row["id"]: f"{local_name(row)} ({day(row['start'])})" for _, row in exercises.iterrows()}
chosen = st.selectbox(t("events_page.exercise"), list(labels), format_func=labels.get, key="exercise")
event = exercises.set_index("id").loc[chosen]
md = blocks.inert_md
st.markdown(t("events_page.details", name=md(event["name_en"]), ja=md(event["name_ja"]), zh=md(event["name_zh_tw"]),
              start=day(event["start"]), end=day(event["end"]), by=md(event["announced_by"]),
              description=md(event["description"])))
st.caption(t("events_page.source", publisher=md(event["source_publisher"]), title=md(event["source_title"]),
             day=day(event["source_date"]), url=md(event["source_url"])))
blocks.show("event_study", Settings(exercise=chosen))

st.subheader(t("events_page.compared"))
column = controls.metric_control()
blocks.show("compare", Settings(metric=column))

st.subheader(t("events_page.surges"))
with st.expander(t("events_page.method"), expanded=False):
    st.markdown(calc.__doc__)
found = pd.concat([calc.nearest_events(calc.episodes(data.surge_scores(c), c), events) for c in METRICS],
                  ignore_index=True)
start, end = controls.current_date_range()
found = found[(found["end"] >= pd.Timestamp(start)) & (found["start"] <= pd.Timestamp(end))]
found = found.sort_values("start", ascending=False).reset_index(drop=True)
matched = int(found["matched"].sum())
st.markdown(t("events_page.surge_summary", total=len(found), matched=matched, unmatched=len(found) - matched))
st.dataframe(found, hide_index=True, column_config={
    "start": st.column_config.DateColumn("start", format="YYYY-MM-DD"),
    "end": st.column_config.DateColumn("end", format="YYYY-MM-DD"),
    "peak_date": st.column_config.DateColumn("peak_date", format="YYYY-MM-DD"),
})
blocks.table_downloads(found, key="surges", note=note, label=t("events_page.surges"))

st.subheader(t("events_page.catalog"))
st.dataframe(events, hide_index=True, column_config={
    "start": st.column_config.DateColumn("start", format="YYYY-MM-DD"),
    "end": st.column_config.DateColumn("end", format="YYYY-MM-DD"),
    "source_date": st.column_config.DateColumn("source_date", format="YYYY-MM-DD"),
    "source_url": st.column_config.LinkColumn("source_url"),
})
blocks.table_downloads(events, key="events", note=catalog_note, label=t("events_page.catalog"))
