"""Exercises & events: the cited catalog, one exercise up close, exercises compared, surges."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import events as calc
from catalog import Settings
from charts.events import kind_label
from i18n import day, local_name, t
from ui import blocks, controls, data

DAILY = "air_sea_daily"

st.title(t("events_page.title"))
if not data.has_table("events"):
    st.info(t("events_page.no_catalog"))
    st.stop()

events = data.table("events")
catalog_note = data.source_note("events")
note = data.source_note(DAILY)

if not controls.presenting():  # the room sees the chart; the catalog's size is on its own tab
    st.caption(
        t(
            "events_page.summary",
            total=len(events),
            exercises=int((events["kind"] == "exercise").sum()),
            others=int((events["kind"] != "exercise").sum()),
        )
    )


def up_close() -> None:
    exercises = events[events["kind"] == "exercise"].sort_values("start", ascending=False)
    labels = {row["id"]: f"{local_name(row)} ({day(row['start'])})" for _, row in exercises.iterrows()}
    chosen = st.selectbox(
        t("events_page.exercise"),
        list(labels),
        format_func=labels.get,
        key="exercise",
        label_visibility="collapsed" if controls.presenting() else "visible",
    )
    event = exercises.set_index("id").loc[chosen]
    if controls.presenting():
        blocks.show("event_study", Settings(exercise=chosen))
        return
    md = blocks.inert_md
    st.markdown(
        t(
            "events_page.details",
            name=md(event["name_en"]),
            ja=md(event["name_ja"]),
            zh=md(event["name_zh_tw"]),
            start=day(event["start"]),
            end=day(event["end"]),
            by=md(event["announced_by"]),
            description=md(event["description"]),
        )
    )
    st.caption(
        t(
            "events_page.source",
            publisher=md(event["source_publisher"]),
            title=md(event["source_title"]),
            day=day(event["source_date"]),
            url=md(event["source_url"]),
        )
    )
    blocks.show("event_study", Settings(exercise=chosen))


def precedent_cards() -> None:
    st.caption(t("events_page.cards_intro"))
    ordered = pd.concat(
        [
            events[events["kind"] == "exercise"].sort_values("start", ascending=False),
            events[events["kind"] != "exercise"].sort_values("start", ascending=False),
        ]
    )
    labels = {
        row["id"]: f"{local_name(row)} ({day(row['start'])}) · {kind_label(row['kind'])}"
        for _, row in ordered.iterrows()
    }
    if st.session_state.get("card_event") not in labels:  # e.g. the exercise picked on the tab before
        st.session_state["card_event"] = (
            st.session_state.get("exercise") if st.session_state.get("exercise") in labels else next(iter(labels))
        )
    chosen = st.selectbox(t("events_page.card_pick"), list(labels), format_func=labels.get, key="card_event")
    chart = "precedent_card" if ordered.set_index("id").loc[chosen, "kind"] == "exercise" else "trigger_card"
    blocks.card_downloads(chart, chosen, cards_count=len(ordered))
    blocks.show(chart, Settings(exercise=chosen), events=False)
    st.subheader(t("events_page.sheet_heading"))
    blocks.show("precedent_sheet", events=False)


def compared() -> None:
    blocks.show("compare", Settings(metric=controls.metric_control()))


def surges() -> None:
    with blocks.lazy_expander(t("events_page.method"), key="surge_method") as opened:
        if opened:
            st.markdown(calc.__doc__)
    found = data.surge_episodes()
    start, end = controls.current_date_range()
    found = found[(found["end"] >= pd.Timestamp(start)) & (found["start"] <= pd.Timestamp(end))]
    found = found.sort_values("start", ascending=False).reset_index(drop=True)
    matched = int(found["matched"].sum())
    st.markdown(t("events_page.surge_summary", total=len(found), matched=matched, unmatched=len(found) - matched))
    st.dataframe(found, hide_index=True, column_config=blocks.date_columns(found))
    blocks.table_downloads(found, key="surges", note=note, label=t("events_page.surges"))


def catalog() -> None:
    st.dataframe(
        events,
        hide_index=True,
        column_config={
            **blocks.date_columns(events),
            "source_url": st.column_config.LinkColumn("source_url"),
        },
    )
    blocks.table_downloads(events, key="events", note=catalog_note, label=t("events_page.catalog"))


controls.sections(
    "events",
    {
        "timeline": (t("events_page.timeline"), lambda: blocks.show("timeline")),
        "exercise": (t("events_page.up_close"), up_close),
        "compared": (t("events_page.compared"), compared),
        "cards": (t("events_page.cards"), precedent_cards),
        "surges": (t("events_page.surges"), surges),
        "catalog": (t("events_page.catalog"), catalog),
    },
)
