"""Entry point: the router and the shared sidebar. Pages only compose; they never open files."""

from __future__ import annotations

import streamlit as st

import settings
from loaders.snapshot import SnapshotError
from ui import controls, data, presenter, url

st.set_page_config(page_title=settings.APP_TITLE, page_icon="📡", layout="wide")

PAGES = {
    "Indicators": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("pages/activity.py", title="Air & sea activity", icon=":material/flight:"),
    ],
    "Events & geography": [
        st.Page("pages/events.py", title="Exercises & events", icon=":material/event:"),
    ],
    "About the data": [
        st.Page("pages/sources.py", title="Data & sources", icon=":material/dataset:"),
    ],
}

url.read_once()
navigation = st.navigation(PAGES, position="hidden" if controls.presenting() else "sidebar")

try:
    daily = data.entry("air_sea_daily")
except (SnapshotError, KeyError) as exc:
    st.error(f"The data snapshot could not be read: {exc}")
    st.stop()

first = data.date_of(daily["first_date"])
last = data.date_of(daily["last_date"])
with st.sidebar:
    st.markdown(f"### {settings.APP_TITLE}")
controls.date_range_control(first, last)
controls.events_toggle()
controls.presenter_toggle()
st.sidebar.caption(f"Data to **{last:%d %b %Y}** (last MND report day in the snapshot).")
presenter.apply()
url.show_notices()
url.write()  # before the page: a page may st.stop(); widget values are already in session_state

navigation.run()
