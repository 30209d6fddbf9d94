"""Entry point: the router and the shared sidebar. Pages only compose; they never open files."""

from __future__ import annotations

import json

import streamlit as st

import settings
from ui import preload

st.set_page_config(page_title=settings.APP_TITLE, page_icon="📡", layout="wide")
preloading = preload.chart_library()  # first: the browser loads plotly.js while the imports below run

import i18n
from i18n import t
from loaders.snapshot import SnapshotError
from ui import blocks, controls, data, presenter, url

url.read_once()
language = i18n.use(st.session_state.get(controls.LANGUAGE_KEY, i18n.DEFAULT))  # before any text is drawn
# <html lang="...">, which Streamlit never sets: screen readers pick their voice by it and browsers their
# CJK glyph forms (Taiwan's for zh-TW, Japan's for ja). One fixed script per known language code.
LANG_SCRIPT = {code: f"<script>document.documentElement.lang = {json.dumps(code)};</script>" for code in i18n.LANGUAGES}
st.html(LANG_SCRIPT[language], unsafe_allow_javascript=True)

PAGES = {
    t("nav.indicators"): [
        st.Page("views/overview.py", title=t("nav.overview"), icon=":material/dashboard:", default=True),
        st.Page("views/activity.py", title=t("nav.activity"), icon=":material/flight:"),
    ],
    t("nav.events_geo"): [
        st.Page("views/events.py", title=t("nav.events"), icon=":material/event:"),
        st.Page("views/replay.py", title=t("nav.replay"), icon=":material/replay:", url_path="replay"),
        st.Page("views/map.py", title=t("nav.map"), icon=":material/map:", url_path="map"),
        st.Page("views/japan.py", title=t("nav.japan"), icon=":material/sailing:"),
        st.Page("views/trade.py", title=t("nav.trade"), icon=":material/swap_horiz:"),
    ],
    t("nav.seminars"): [
        st.Page("views/briefing.py", title=t("nav.deck"), icon=":material/slideshow:"),
    ],
    t("nav.about"): [
        st.Page("views/sources.py", title=t("nav.sources"), icon=":material/dataset:"),
    ],
}
navigation = st.navigation(PAGES, position="hidden" if controls.presenting() else "sidebar")

try:
    daily = data.entry("air_sea_daily")
except (SnapshotError, KeyError) as exc:
    st.error(t("app.no_snapshot", error=blocks.inert_md(exc)))
    st.stop()

first = data.date_of(daily["first_date"])
last = data.date_of(daily["last_date"])
with st.sidebar:
    st.markdown(f"### {t('app.title')}")
controls.language_control()
controls.date_range_control(first, last)
controls.events_toggle()
controls.presenter_toggle()
st.sidebar.caption(t("app.data_to", day=i18n.day(last)))
presenter.apply(last)  # page style, the presenter's exit button, how old the data are
url.show_notices()
url.write()  # before the page: a page may st.stop(); widget values are already in session_state
if not controls.presenting():
    controls.share_link(navigation.url_path)

if preloading is not None:  # its work is done once the browser has it: the library is loading, and stays loaded
    preloading.empty()  # (cleared before the page, which may stop early, so no page finds a hidden chart)
navigation.run()
