"""Figures of the daily air and sea counts. Each takes the exact frame it plots (from analysis/)."""

from __future__ import annotations

import calendar as _calendar

import pandas as pd
import plotly.graph_objects as go

from charts.theme import METRIC_COLORS, MUTED, NO_DATA, Metric, SourceNote, finish

MONTHS = [_calendar.month_abbr[m] for m in range(1, 13)]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def _floats(values: pd.Series) -> list:
    """Plotly wants None for a gap; nullable integers would otherwise be drawn as 0 or fail."""
    return [None if pd.isna(v) else float(v) for v in values]


def daily_with_means(data: pd.DataFrame, metric: Metric, note: SourceNote, *, title: str | None = None) -> go.Figure:
    """Daily counts as thin bars, 7- and 30-day means as lines. Days without a report are gaps."""
    col = metric.column
    fig = go.Figure()
    fig.add_bar(x=data["date"], y=_floats(data[col]), name="Daily count", marker_color=MUTED, marker_line_width=0,
                hovertemplate="%{y:,.0f}")
    for window, width, dash in ((7, 2, "solid"), (30, 3.5, "solid")):
        name = f"{col}_mean_{window}d"
        if name in data:
            fig.add_scatter(x=data["date"], y=_floats(data[name]), mode="lines", name=f"{window}-day mean",
                            line=dict(color=metric.color, width=width, dash=dash),
                            opacity=0.55 if window == 7 else 1.0, connectgaps=False, hovertemplate="%{y:,.1f}")
    fig.update_layout(bargap=0)
    span = f"{data['date'].min():%d %b %Y} – {data['date'].max():%d %b %Y}" if len(data) else ""
    return finish(
        fig,
        title=title or f"{metric.label} around Taiwan, per day",
        subtitle=f"Daily count with 7- and 30-day means · {span} · gaps are days with no report",
        note=note,
        y_title=f"{metric.unit} per day",
    )


def trend(data: pd.DataFrame, metrics: list[Metric], note: SourceNote, *, window: int = 30) -> go.Figure:
    """Long-run trend of several measures as rolling means on one axis (the overview's hero chart)."""
    fig = go.Figure()
    for metric in metrics:
        fig.add_scatter(x=data["date"], y=_floats(data[f"{metric.column}_mean_{window}d"]), mode="lines",
                        name=metric.label, line=dict(color=metric.color, width=3.5), connectgaps=False,
                        hovertemplate="%{y:,.1f}")
    start, end = data["date"].min(), data["date"].max()
    return finish(
        fig,
        title="PLA pressure around Taiwan",
        subtitle=f"{window}-day mean of daily counts reported by Taiwan's MND · {start:%b %Y} – {end:%d %b %Y}",
        note=note,
        y_title="per day (30-day mean)",
    )


def period_bars(data: pd.DataFrame, metric: Metric, note: SourceNote, *, freq_label: str) -> go.Figure:
    """Monthly or yearly totals; periods reported on under 90 % of days are paler and marked."""
    opacity = [1.0 if c else 0.4 for c in data["complete"]]
    custom = list(zip(data["days_reported"], data["days_in_period"], _floats(data["daily_mean"])))
    fig = go.Figure()
    fig.add_bar(
        x=data["period"], y=_floats(data["total"]), name="Total", marker_color=metric.color, marker_opacity=opacity,
        customdata=custom,
        hovertemplate="%{y:,.0f} " + metric.unit + "<br>%{customdata[0]} of %{customdata[1]} days reported"
                      "<br>%{customdata[2]:.1f} per reported day<extra></extra>",
    )
    if freq_label == "year":
        fig.update_xaxes(dtick="M12", tickformat="%Y")
    fig.update_layout(hovermode="closest", showlegend=False)
    return finish(
        fig,
        title=f"{metric.label} around Taiwan, total per {freq_label}",
        subtitle=f"Sum of daily counts · pale bars: {freq_label}s with reports on fewer than 90 % of days",
        note=note,
        y_title=f"{metric.unit} per {freq_label}",
    )


def year_over_year(data: pd.DataFrame, metric: Metric, note: SourceNote) -> go.Figure:
    """Mean per reported day, month by month, one line per year, latest year strongest.

    A mean per reported day (not a total) keeps a partial current month or a month with missing
    reports comparable with full months of other years.
    """
    fig = go.Figure()
    years = sorted(data["year"].unique())
    for i, year in enumerate(years):
        rows = data[data["year"] == year].sort_values("month")
        latest = i == len(years) - 1
        shade = metric.color if latest else MUTED
        values = _floats(rows["daily_mean"])
        fig.add_scatter(
            x=[MONTHS[m - 1] for m in rows["month"]], y=values, mode="lines+markers", name=str(year),
            line=dict(color=shade, width=4 if latest else 1.5), marker=dict(size=7 if latest else 4),
            opacity=1.0 if latest else 0.35 + 0.5 * i / max(len(years) - 1, 1), connectgaps=False,
            customdata=list(zip(rows["days_reported"], rows["days_in_period"])),
            hovertemplate=f"{year}: " + "%{y:,.1f} (%{customdata[0]}/%{customdata[1]} days)<extra></extra>",
        )
        fig.add_annotation(x=MONTHS[int(rows["month"].iloc[-1]) - 1], y=values[-1], text=str(year),
                           showarrow=False, xanchor="left", xshift=6, font=dict(color=shade, size=13 if latest else 11))
    fig.update_layout(hovermode="x unified", showlegend=False)
    fig.update_xaxes(categoryorder="array", categoryarray=MONTHS)
    return finish(
        fig,
        title=f"{metric.label} around Taiwan: each year month by month",
        subtitle=f"Average per reported day in each month; the latest year in colour ({years[-1] if years else ''})",
        note=note,
        y_title=f"{metric.unit} per day (monthly mean)",
    )


def calendar_heatmap(data: pd.DataFrame, metric: Metric, note: SourceNote, *, year: int) -> go.Figure:
    """A year as a grid of days (weeks × weekdays): surges stand out; grey cells had no report."""
    grid = data.pivot(index="weekday", columns="week", values=metric.column).reindex(range(7))
    dates = data.pivot(index="weekday", columns="week", values="date").reindex(range(7))
    labels = dates.map(lambda d: "" if pd.isna(d) else f"{d:%a %d %b %Y}")
    z = [[None if pd.isna(v) else float(v) for v in row] for row in grid.to_numpy()]
    scale = [[0, "#F2F7FC"], [0.5, METRIC_COLORS.get(metric.column, "#0072B2")], [1, "#08306B"]]
    fig = go.Figure(go.Heatmap(
        z=z, x=list(grid.columns), y=WEEKDAYS, customdata=labels.to_numpy(), colorscale=scale, xgap=2, ygap=2,
        hoverongaps=False, colorbar=dict(title=dict(text=metric.unit, side="right"), thickness=14),
        hovertemplate="%{customdata}: %{z:,.0f}<extra></extra>", zmin=0,
    ))
    month_starts = data[data["date"].dt.day == 1]
    fig.update_xaxes(tickvals=list(month_starts["week"]), ticktext=[f"{d:%b}" for d in month_starts["date"]],
                     showline=False, ticks="")
    fig.update_yaxes(autorange="reversed", showgrid=False, zeroline=False, rangemode="normal", ticks="", showline=False)
    fig.update_layout(plot_bgcolor=NO_DATA, hovermode="closest", height=400)
    return finish(
        fig,
        title=f"{metric.label} around Taiwan, every day of {year}",
        subtitle="Each cell is one report day; darker = more; grey = no report",
        note=note,
    )
