"""Overview: the figures a presenter opens with, and one hero chart."""

from __future__ import annotations

import streamlit as st

from analysis.activity import Headline, change, clip_dates, headline, top_days, with_rolling
from charts.activity import trend
from ui import blocks, controls, data

TABLE = "air_sea_daily"

st.title("PLA pressure around Taiwan at a glance")
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
    cols[0].metric(f"{label}, last report ({h.last_day:%d %b %Y})", f"{h.last_value:,}" if h.last_value is not None else "—")
    for col, (now, before, _), days in ((cols[1], week, 7), (cols[2], month, 30)):
        delta = change(now, before)
        flat = pct(delta) == "±0%"
        col.metric(
            f"{label}, last {days} days",
            f"{now.total:,}" if now.total is not None else "—",
            delta=f"{pct(delta)} vs previous {days} days" if delta is not None else None,
            delta_color="off" if flat else "inverse",  # more PLA activity reads red
            delta_arrow="off" if flat else "auto",
            help=(f"Total over {now.days_reported} of {days} days with a report. The change compares the "
                  f"average per reported day ({now.mean:.1f}) with the {days} days before ({before.mean or 0:.1f})."),
        )
    cols[3].metric(f"{label}, record day", f"{h.record_value:,}" if h.record_value is not None else "—",
                   delta=f"{h.record_day:%d %b %Y}" if h.record_day is not None else None, delta_color="off",
                   delta_arrow="off")
    now, _, year_before = month
    yoy = change(now, year_before)
    if yoy is not None:
        st.caption(
            f"Last 30 days vs the same 30 days a year before: {now.mean:.1f} vs {year_before.mean:.1f} "
            f"{unit} per reported day ({pct(yoy)})."
        )


st.markdown(f"Latest MND report in the data: **{note.as_of}**. Changes compare averages per reported day.")
for column, label in controls.METRICS.items():
    with st.container(border=True):
        metric_row(headline(daily, column), label, data.metric(TABLE, column, label).unit)

start, end = controls.current_date_range()
hero = clip_dates(with_rolling(daily, list(controls.METRICS)), start, end)
metrics = [data.metric(TABLE, c, label) for c, label in controls.METRICS.items()]
blocks.chart_block(trend(hero, metrics, note), hero, key="overview-trend", note=note, timeline=True)

if not controls.presenting():  # presenters get the headline figures and the hero chart, nothing else
    with st.expander("Record days"):
        left, right = st.columns(2)
        for col, (column, label) in zip((left, right), controls.METRICS.items()):
            col.markdown(f"**{label}**")
            col.dataframe(top_days(daily, column, 10), hide_index=True,
                          column_config={"date": st.column_config.DateColumn("Report day", format="YYYY-MM-DD")})
