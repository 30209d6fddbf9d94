"""Exercise replay: one exercise (or the sidebar's range) report day by report day, each step on one screen.

The map of what was in force, the day's published counts with their sources, the running totals, the
Japan-side flags and the catalog events of the day, and the strip of the whole window with the day marked.
← → step a day, Play steps on its own; ?replay=<exercise-id>&day=YYYY-MM-DD opens a step from a link.
"""

from __future__ import annotations

import streamlit as st

from analysis import replay as calc
from catalog import Settings
from i18n import local_name, t
from ui import blocks, controls, data
from ui import replay as ui

if not data.has_table("events"):
    st.info(t("events_page.no_catalog"))
    st.stop()

st.markdown(ui.CSS + (ui.PRESENTER_CSS if controls.presenting() else ""), unsafe_allow_html=True)
options = ui.choices()
if not controls.presenting():
    st.title(t("replay.title"))
chosen = ui.pick(options)
start, end, event = ui.window(chosen)
days = calc.steps(start, end)
shown = ui.current_day(days)
activity = calc.activity_day(data.table("air_sea_daily"), shown)
first = event["report_start"] if event is not None else start

title = blocks.inert_md(local_name(event)) if event is not None else options[chosen]
ui.navigation(days, shown, title, ui.phase(shown, event))

left, right = st.columns([1.1, 1], gap="medium")
with left, st.container(key="replay_side"):
    ui.strait_map(shown, activity, event.name if event is not None else None)
    ui.japan(shown)
    ui.events(shown)
with right, st.container(key="replay_figures"):
    ui.counts(shown, first)
    settings = ui.settings_for(chosen)
    blocks.show("replay_strip", Settings(**settings.model_dump(exclude_defaults=True), day=shown.date()), events=False)
