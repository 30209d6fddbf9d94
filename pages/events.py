"""Exercises & events: the cited catalog, one exercise up close, exercises compared, surges."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import events as calc
from charts import events as figs
from ui import blocks, controls, data

DAILY = "air_sea_daily"

st.title("Exercises & events")
if not data.has_table("events"):
    st.info("The event catalog is not in this snapshot. Run `python -m loaders refresh` to build it.")
    st.stop()

events = data.table("events")
catalog_note = data.source_note("events")
note = data.source_note(DAILY)
daily = data.table(DAILY)
metrics = [data.metric(DAILY, c, label) for c, label in controls.METRICS.items()]

st.caption(
    f"{len(events)} cited events since 2022: {int((events['kind'] == 'exercise').sum())} PLA exercises and "
    f"{int((events['kind'] != 'exercise').sum())} political and other events. Dates are Taipei calendar days."
)
blocks.chart_block(figs.timeline(events, catalog_note), events, key="events-timeline", note=catalog_note)

st.subheader("One exercise up close")
exercises = events[events["kind"] == "exercise"].sort_values("start", ascending=False)
labels = {row.id: f"{row.name_en} ({row.start:%d %b %Y})" for row in exercises.itertuples()}
chosen = st.selectbox("Exercise", list(labels), format_func=labels.get, key="exercise")
event = exercises.set_index("id").loc[chosen]
window = calc.event_window(daily, event["start"])
duration = int((event["end"] - event["start"]).days + 1)
baselines = {m.column: calc.baseline_mean(daily, m.column, event["start"]) for m in metrics}
st.markdown(f"**{event['name_en']}** · {event['name_ja']} · {event['name_zh_tw']} — "
            f"{event['start']:%d %b %Y} to {event['end']:%d %b %Y}, announced by {event['announced_by']}. "
            f"{event['description']}")
st.caption(f"Source: {event['source_publisher']}, “{event['source_title']}”, {event['source_date']:%d %b %Y}. "
           f"{event['source_url']}")
blocks.chart_block(figs.event_study(window, event["name_en"], duration, baselines, metrics, note), window,
                   key=f"event-study-{chosen}", note=note)

st.subheader("Exercises compared")
comparison = calc.compare_exercises(daily, events)
column = controls.metric_control()
metric = next(m for m in metrics if m.column == column)
blocks.chart_block(figs.compare(comparison, metric, note), comparison, key=f"compare-{column}", note=note)

st.subheader("Surges found in the data")
with st.expander("How surges are detected", expanded=False):
    st.markdown(calc.__doc__)
found = pd.concat([calc.nearest_events(calc.episodes(data.surge_scores(c), c), events) for c in controls.METRICS],
                  ignore_index=True)
start, end = controls.current_date_range()
found = found[(found["end"] >= pd.Timestamp(start)) & (found["start"] <= pd.Timestamp(end))]
found = found.sort_values("start", ascending=False).reset_index(drop=True)
matched = int(found["matched"].sum())
st.markdown(
    f"**{len(found)}** surge episodes in the selected range; **{matched}** lie within 7 days of a catalog event, "
    f"**{len(found) - matched}** have none — candidates for the catalog or for a closer look."
)
st.dataframe(found, hide_index=True, column_config={
    "start": st.column_config.DateColumn("start", format="YYYY-MM-DD"),
    "end": st.column_config.DateColumn("end", format="YYYY-MM-DD"),
    "peak_date": st.column_config.DateColumn("peak day", format="YYYY-MM-DD"),
})
blocks.table_downloads(found, key="surges", note=note, label="Surges")

st.subheader("Catalog")
st.dataframe(events, hide_index=True, column_config={
    "start": st.column_config.DateColumn("start", format="YYYY-MM-DD"),
    "end": st.column_config.DateColumn("end", format="YYYY-MM-DD"),
    "source_date": st.column_config.DateColumn("source date", format="YYYY-MM-DD"),
    "source_url": st.column_config.LinkColumn("source"),
})
blocks.table_downloads(events, key="events", note=catalog_note, label="Catalog")
