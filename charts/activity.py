"""Figures of the daily air and sea counts. Each takes the exact frame it plots (from analysis/)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.theme import METRIC_COLORS, MUTED, NO_DATA, Metric, SourceNote, daily_counts, finish, floats
from i18n import day, month_abbr, t, weekday_abbr


def months() -> list[str]:
    return [month_abbr(m) for m in range(1, 13)]


def _span(data: pd.DataFrame) -> str:
    return f"{day(data['date'].min())} – {day(data['date'].max())}" if len(data) else ""


def daily_with_means(data: pd.DataFrame, metric: Metric, note: SourceNote) -> go.Figure:
    """Daily counts as thin bars (a step area over long ranges), 7- and 30-day means as lines. Days without a report are gaps."""
    col = metric.column
    fig = go.Figure()
    fig.add_traces(daily_counts(data["date"], data[col], name=t("chart.daily_count"), color=MUTED,
                                hovertemplate="%{y:,.0f}"))
    for window, width in ((7, 2), (30, 3.5)):
        name = f"{col}_mean_{window}d"
        if name in data:
            fig.add_scatter(x=data["date"], y=floats(data[name]), mode="lines", name=t("chart.mean_days", days=window),
                            line=dict(color=metric.color, width=width), opacity=0.55 if window == 7 else 1.0,
                            connectgaps=False, hovertemplate="%{y:,.1f}")
    fig.update_layout(bargap=0)
    return finish(
        fig,
        title=t("chart.daily.title", metric=metric.label),
        subtitle=t("chart.daily.subtitle", span=_span(data)),
        note=note,
        y_title=t("chart.per_day", unit=metric.unit),
    )


def trend(data: pd.DataFrame, metrics: list[Metric], note: SourceNote, *, window: int = 30) -> go.Figure:
    """Long-run trend of several measures as rolling means on one axis (the overview's hero chart)."""
    fig = go.Figure()
    for metric in metrics:
        fig.add_scatter(x=data["date"], y=floats(data[f"{metric.column}_mean_{window}d"]), mode="lines",
                        name=metric.label, line=dict(color=metric.color, width=3.5), connectgaps=False,
                        hovertemplate="%{y:,.1f}")
    return finish(
        fig,
        title=t("chart.trend.title"),
        subtitle=t("chart.trend.subtitle", days=window, span=_span(data)),
        note=note,
        y_title=t("chart.trend.y", days=window),
    )


def period_bars(data: pd.DataFrame, metric: Metric, note: SourceNote, *, freq_label: str) -> go.Figure:
    """Monthly or yearly totals; periods reported on under 90 % of days are paler and marked.

    `freq_label` is "month" or "year".
    """
    opacity = [1.0 if c else 0.4 for c in data["complete"]]
    custom = list(zip(data["days_reported"], data["days_in_period"], floats(data["daily_mean"])))
    fig = go.Figure()
    fig.add_bar(
        x=data["period"], y=floats(data["total"]), name=t("chart.total"), marker_color=metric.color,
        marker_opacity=opacity, customdata=custom,
        hovertemplate="%{y:,.0f} " + metric.unit + "<br>" + t("chart.period.hover_days") +
                      "<br>" + t("chart.period.hover_mean") + "<extra></extra>",
    )
    if freq_label == "year":
        fig.update_xaxes(dtick="M12", tickformat="%Y")
    fig.update_layout(hovermode="closest", showlegend=False)
    return finish(
        fig,
        title=t(f"chart.period.title_{freq_label}", metric=metric.label),
        subtitle=t(f"chart.period.subtitle_{freq_label}"),
        note=note,
        y_title=t(f"chart.period.y_{freq_label}", unit=metric.unit),
    )


def year_over_year(data: pd.DataFrame, metric: Metric, note: SourceNote) -> go.Figure:
    """Mean per reported day, month by month, one line per year, latest year strongest.

    A mean per reported day (not a total) keeps a partial current month or a month with missing
    reports comparable with full months of other years.
    """
    names = months()
    fig = go.Figure()
    years = sorted(data["year"].unique())
    for i, year in enumerate(years):
        rows = data[data["year"] == year].sort_values("month")
        latest = i == len(years) - 1
        shade = metric.color if latest else MUTED
        values = floats(rows["daily_mean"])
        fig.add_scatter(
            x=[names[m - 1] for m in rows["month"]], y=values, mode="lines+markers", name=str(year),
            line=dict(color=shade, width=4 if latest else 1.5), marker=dict(size=7 if latest else 4),
            opacity=1.0 if latest else 0.35 + 0.5 * i / max(len(years) - 1, 1), connectgaps=False,
            customdata=list(zip(rows["days_reported"], rows["days_in_period"])),
            hovertemplate=f"{year}: " + "%{y:,.1f} (%{customdata[0]}/%{customdata[1]})<extra></extra>",
        )
        fig.add_annotation(x=names[int(rows["month"].iloc[-1]) - 1], y=values[-1], text=str(year),
                           showarrow=False, xanchor="left", xshift=6, font=dict(color=shade, size=13 if latest else 11))
    fig.update_layout(hovermode="x unified", showlegend=False)
    fig.update_xaxes(categoryorder="array", categoryarray=names)
    return finish(
        fig,
        title=t("chart.yoy.title", metric=metric.label),
        subtitle=t("chart.yoy.subtitle", year=years[-1] if years else ""),
        note=note,
        y_title=t("chart.yoy.y", unit=metric.unit),
    )


def calendar_heatmap(data: pd.DataFrame, metric: Metric, note: SourceNote, *, year: int) -> go.Figure:
    """A year as a grid of days (weeks × weekdays): surges stand out; grey cells had no report."""
    grid = data.pivot(index="weekday", columns="week", values=metric.column).reindex(range(7))
    dates = data.pivot(index="weekday", columns="week", values="date").reindex(range(7))
    labels = dates.map(lambda d: "" if pd.isna(d) else day(d))
    z = [floats(row) for row in grid.to_numpy()]
    scale = [[0, "#F2F7FC"], [0.5, METRIC_COLORS.get(metric.column, "#0072B2")], [1, "#08306B"]]
    fig = go.Figure(go.Heatmap(
        z=z, x=list(grid.columns), y=[weekday_abbr(d) for d in range(7)], customdata=labels.to_numpy(),
        colorscale=scale, xgap=2, ygap=2, hoverongaps=False, zmin=0,
        colorbar=dict(title=dict(text=metric.unit, side="right"), thickness=14),
        hovertemplate="%{customdata}: %{z:,.0f}<extra></extra>",
    ))
    month_starts = data[data["date"].dt.day == 1]
    names = months()
    fig.update_xaxes(tickvals=list(month_starts["week"]), ticktext=[names[d.month - 1] for d in month_starts["date"]],
                     showline=False, ticks="")
    fig.update_yaxes(autorange="reversed", showgrid=False, zeroline=False, rangemode="normal", ticks="", showline=False)
    fig.update_layout(plot_bgcolor=NO_DATA, hovermode="closest", height=400)
    return finish(
        fig,
        title=t("chart.calendar.title", metric=metric.label, year=year),
        subtitle=t("chart.calendar.subtitle"),
        note=note,
    )
