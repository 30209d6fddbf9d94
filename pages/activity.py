"""Air & sea activity: daily counts, totals, year-over-year and the calendar, for one measure."""

from __future__ import annotations

import streamlit as st

from analysis import activity as calc
from charts import activity as figs
from charts.events import mark_flags
from ui import blocks, controls, data

TABLE = "air_sea_daily"

st.title("Air & sea activity around Taiwan")
note = data.source_note(TABLE)
column = controls.metric_control()
metric = data.metric(TABLE, column, controls.METRICS[column])
daily = data.clipped(TABLE)

if daily[column].notna().sum() == 0:
    st.info(f"No {metric.label} reports in the selected date range. Widen the range in the sidebar.")
    st.stop()

reported = int(daily[column].notna().sum())
st.caption(
    f"{metric.label} · {daily['date'].min():%d %b %Y} – {daily['date'].max():%d %b %Y} · "
    f"{reported:,} of {len(daily):,} days carry a report; the rest are shown as gaps, not zeros. "
    f"Report day = 24 h to 06:00 Taipei time."
)

st.subheader("Day by day")
rolling = calc.with_rolling(daily, column)
daily_fig = figs.daily_with_means(rolling, metric, note)
if st.toggle("Mark unusual days (surge detection)", value=True, key="show_surges",
             help="Days at least 5 robust standard deviations above the median of the previous 90 days, "
                  "and at least twice that median. Method: Exercises & events page."):
    scores = data.surge_scores(column)
    flags = scores[scores["flag"] & scores["date"].between(daily["date"].min(), daily["date"].max())]
    mark_flags(daily_fig, flags, metric)
blocks.chart_block(daily_fig, rolling, key=f"daily-{column}", note=note, timeline=True)

left, right = st.columns(2)
with left:
    st.subheader("Per month")
    monthly = calc.period_totals(daily, column, "MS")
    blocks.chart_block(figs.period_bars(monthly, metric, note, freq_label="month"), monthly,
                       key=f"monthly-{column}", note=note, timeline=True)
with right:
    st.subheader("Per year")
    yearly = calc.period_totals(daily, column, "YS")
    blocks.chart_block(figs.period_bars(yearly, metric, note, freq_label="year"), yearly,
                       key=f"yearly-{column}", note=note)

st.subheader("Year over year")
yoy = calc.year_over_year(daily, column)
blocks.chart_block(figs.year_over_year(yoy, metric, note), yoy, key=f"yoy-{column}", note=note)

st.subheader("Calendar")
years = sorted(daily.loc[daily[column].notna(), "date"].dt.year.unique().tolist(), reverse=True)
year = st.selectbox("Year", years, key="calendar_year")
cal = calc.calendar(data.table(TABLE), column, int(year))
blocks.chart_block(figs.calendar_heatmap(cal, metric, note, year=int(year)), cal, key=f"calendar-{column}-{year}",
                   note=note)
