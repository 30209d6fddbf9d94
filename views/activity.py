"""Air & sea activity: daily counts, totals, year-over-year and the calendar, for one measure."""

from __future__ import annotations

import streamlit as st

from analysis.activity import definition_break
from catalog import Settings
from catalog.measures import EXTRA_METRICS, METRIC_TABLE, metric_label
from i18n import day, t
from ui import blocks, controls, data

TABLE = "air_sea_daily"
SHAPES = "flight_tracks"  # the shapes MND drew on its daily maps, traced by The Reporter

st.title(t("activity.title"))
start, end = controls.current_date_range()


def covers(measure: str) -> tuple[str, str] | None:
    """The span a measure from another table has values, if that span meets the chosen range."""
    if not data.has_table(METRIC_TABLE[measure]):
        return None
    span = data.coverage(METRIC_TABLE[measure], measure)
    return span if span and span[0] <= f"{end:%Y-%m-%d}" and span[1] >= f"{start:%Y-%m-%d}" else None


spans = {m: covers(m) for m in EXTRA_METRICS}
column = controls.metric_control(tuple(m for m, span in spans.items() if span))
label = metric_label(column)
daily = data.clipped(METRIC_TABLE[column])
if column in EXTRA_METRICS:
    first, last = spans[column]
    st.info(
        t(
            "activity.measure_covers",
            metric=label,
            about=t(f"activity.about.{column}"),
            start=first,
            end=last,
            source=data.entry(METRIC_TABLE[column])["source"]["name"],
        )
    )
if column == "crossed_median" and "crossed_median_source" in daily:
    named = daily["crossed_median_source"].value_counts()
    st.caption(
        t(
            "activity.crossings_sources",
            madeye=int(named.get("madeye", 0)),
            lioneer=int(named.get("lioneer", 0)),
            missing=int(daily["crossed_median"].isna().sum()),
        )
    )

if daily[column].notna().sum() == 0:
    st.info(t("activity.no_reports", metric=label))
    st.stop()

if not controls.presenting():  # the room sees the chart: its subtitle and break rule say this
    st.caption(
        t(
            "activity.coverage",
            metric=label,
            start=day(daily["date"].min()),
            end=day(daily["date"].max()),
            reported=f"{int(daily[column].notna().sum()):,}",
            days=f"{len(daily):,}",
        )
    )
    unoffered = [metric_label(m) for m, span in spans.items() if span is None and data.has_table(METRIC_TABLE[m])]
    if unoffered:
        st.caption(t("activity.not_offered", measures=", ".join(unoffered)))
    if column == "aircraft" and definition_break(daily) is not None:
        st.caption(t("activity.two_counts"))  # the range spans 5 Aug 2022: every chart marks it
    if column == "vessels":
        st.caption(t("activity.vessels_note"))


def day_by_day() -> None:
    surges = (  # presenting: the choice made before, no switch on the room's screen
        bool(st.session_state.get("show_surges", True))
        if controls.presenting()
        else st.toggle(
            t("activity.surges"),
            key="show_surges",
            help=t("activity.surges_help"),
            **controls.initial("show_surges", "value", True),
        )
    )
    blocks.show("daily", Settings(metric=column, start=start, end=end, surges=surges))


def calendar() -> None:
    years = sorted(daily.loc[daily[column].notna(), "date"].dt.year.unique().tolist(), reverse=True)
    if st.session_state.get("calendar_year") not in years:
        st.session_state.pop("calendar_year", None)  # e.g. a year from a link that this range does not cover
    year = st.selectbox(t("activity.year"), years, key="calendar_year")
    blocks.show("calendar", Settings(metric=column, year=int(year)))


def drawn_on_maps() -> None:
    """Aircraft by type and balloons as MND drew them (The Reporter's tracing): only where it meets the range."""
    if not data.has_table(SHAPES):
        st.info(t("activity.drawn.outside", start="–", end="–"))
        return
    entry = data.entry(SHAPES)
    first, last = entry["first_date"], entry["last_date"]
    if first > f"{end:%Y-%m-%d}" or last < f"{start:%Y-%m-%d}":
        st.info(t("activity.drawn.outside", start=day(data.date_of(first)), end=day(data.date_of(last))))
        return
    if not controls.presenting():
        st.caption(t("activity.drawn.intro", start=day(data.date_of(first)), end=day(data.date_of(last))))
    window = Settings(start=start, end=end)
    blocks.show("aircraft_categories", window)
    blocks.show("balloons", window)


settings = Settings(metric=column, start=start, end=end)
controls.sections(
    "activity",
    {
        "daily": (t("activity.day_by_day"), day_by_day),
        "month": (t("activity.per_month"), lambda: blocks.show("monthly", settings)),
        "year": (t("activity.per_year"), lambda: blocks.show("yearly", settings)),
        "yoy": (t("activity.yoy"), lambda: blocks.show("yoy", settings)),
        "calendar": (t("activity.calendar"), calendar),
        "drawn": (t("activity.drawn_tab"), drawn_on_maps),
    },
)
