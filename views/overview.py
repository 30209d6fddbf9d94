"""Overview: the figures a presenter opens with, and one hero chart."""

from __future__ import annotations

import streamlit as st

from analysis.activity import Headline, change, comparable, top_days, with_report_links
from catalog import Settings
from catalog.measures import METRICS, metric_label
from i18n import day, t
from ui import blocks, controls, data, presenter

TABLE = "air_sea_daily"

st.title(t("overview.title"))
note = data.source_note(TABLE)
daily = data.table(TABLE)


def pct(value: float | None) -> str | None:
    """Signed percentage; a change that rounds to zero reads '±0%', not '-0%'."""
    if value is None:
        return None
    return "±0%" if round(value, 2) == 0 else f"{value:+.0%}"


def metric_row(h: Headline, label: str, unit: str) -> None:
    week, month = h.windows[7], h.windows[30]
    cols = st.columns(4)
    cols[0].metric(
        t("overview.last_report", metric=label, day=day(h.last_day)),
        f"{h.last_value:,}" if h.last_value is not None else "—",
    )
    for col, (now, before, _), days in ((cols[1], week, 7), (cols[2], month, 30)):
        delta = change(now, before)
        flat = pct(delta) == "±0%"
        col.metric(
            t("overview.last_days", metric=label, days=days),
            f"{now.total:,}" if now.total is not None else "—",
            delta=t("overview.vs_previous", change=pct(delta), days=days) if delta is not None else None,
            delta_color="off" if flat else "inverse",  # more PLA activity reads red
            delta_arrow="off" if flat else "auto",
            help=t(
                "overview.window_help",
                reported=now.days_reported,
                days=days,
                mean=f"{now.mean or 0:.1f}",
                before=f"{before.mean or 0:.1f}",
            ),
        )
    cols[3].metric(
        t("overview.record", metric=label),
        f"{h.record_value:,}" if h.record_value is not None else "—",
        delta=day(h.record_day) if h.record_day is not None else None,
        delta_color="off",
        delta_arrow="off",
    )
    now, _, year_before = month
    yoy = change(now, year_before)
    if not comparable(now, year_before) and year_before.days_reported:
        st.caption(t("overview.year_before_other_count"))  # the window a year before lies across the break
    elif yoy is not None:
        st.caption(
            t("overview.year_before", now=f"{now.mean:.1f}", then=f"{year_before.mean:.1f}", unit=unit, change=pct(yoy))
        )


def headlines() -> None:
    st.markdown(t("overview.latest", day=day(daily.loc[daily["aircraft"].notna(), "date"].max())))
    for column in METRICS:
        label = metric_label(column)
        with st.container(border=True):
            metric_row(data.headline(TABLE, column), label, data.metric(TABLE, column, label).unit)


start, end = controls.current_date_range()
presenter.chart_first(headlines, lambda: blocks.show("trend", Settings(start=start, end=end)))

if not controls.presenting():  # presenters get the headline figures and the hero chart, nothing else
    with blocks.lazy_expander(t("overview.record_days"), key="record_days") as opened:
        for col, column in zip(st.columns(2) if opened else [], METRICS):
            col.markdown(f"**{metric_label(column)}**")
            col.dataframe(
                with_report_links(top_days(daily, column, 10), daily),
                hide_index=True,
                column_config={
                    "date": st.column_config.DateColumn(t("overview.report_day"), format="YYYY-MM-DD"),
                    "report_url": st.column_config.LinkColumn(t("chart.report_link")),
                },
            )
