"""Figures of the daily air and sea counts. Each takes the exact frame it plots (from analysis/)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.theme import METRIC_COLORS, MUTED, NO_DATA, Metric, SourceNote, daily_counts, finish, floats, mark_break
from i18n import day, month_abbr, t, weekday_abbr


def months() -> list[str]:
    return [month_abbr(m) for m in range(1, 13)]


def _span(data: pd.DataFrame) -> str:
    return f"{day(data['date'].min())} – {day(data['date'].max())}" if len(data) else ""


def daily_with_means(
    data: pd.DataFrame, metric: Metric, note: SourceNote, *, break_day: pd.Timestamp | None = None
) -> go.Figure:
    """Daily counts as thin bars (a step area over long ranges), 7- and 30-day means as lines. Days
    without a report are gaps; the means restart at the definition break, which is marked."""
    col = metric.column
    fig = go.Figure()
    fig.add_traces(
        daily_counts(data["date"], data[col], name=t("chart.daily_count"), color=MUTED, hovertemplate="%{y:,.0f}")
    )
    for window, width in ((7, 2), (30, 3.5)):
        name = f"{col}_mean_{window}d"
        if name in data:
            fig.add_scatter(
                x=data["date"],
                y=floats(data[name]),
                mode="lines",
                name=t("chart.mean_days", days=window),
                line=dict(color=metric.color, width=width),
                opacity=0.55 if window == 7 else 1.0,
                connectgaps=False,
                hovertemplate="%{y:,.1f}",
            )
    fig.update_layout(bargap=0)
    mark_break(fig, break_day)
    return finish(
        fig,
        title=t("chart.daily.title", metric=metric.label),
        subtitle=t("chart.daily.subtitle", span=_span(data)),
        note=note,
        y_title=t("chart.per_day", unit=metric.unit),
    )


def trend(
    data: pd.DataFrame,
    metrics: list[Metric],
    note: SourceNote,
    *,
    window: int = 30,
    break_day: pd.Timestamp | None = None,
) -> go.Figure:
    """Long-run trend of several measures as rolling means on one axis (the overview's hero chart);
    the means restart at the definition break, which is marked, so no line runs across it."""
    fig = go.Figure()
    for metric in metrics:
        fig.add_scatter(
            x=data["date"],
            y=floats(data[f"{metric.column}_mean_{window}d"]),
            mode="lines",
            name=metric.label,
            line=dict(color=metric.color, width=3.5),
            connectgaps=False,
            hovertemplate="%{y:,.1f}",
        )
    mark_break(fig, break_day)
    return finish(
        fig,
        title=t("chart.trend.title"),
        subtitle=t("chart.trend.subtitle", days=window, span=_span(data)),
        note=note,
        y_title=t("chart.trend.y", days=window),
    )


def period_label(row, freq_label: str) -> str:
    """'2025', 'Aug 2022', or the days a partial row covers: '1 Jan – 22 Aug 2026'."""
    if not row["partial"]:
        return (
            str(row["period"].year)
            if freq_label == "year"
            else f"{month_abbr(row['period'].month)} {row['period'].year}"
        )
    return f"{day(row['start'])} – {day(row['end'])}"


def period_bars(
    data: pd.DataFrame,
    metric: Metric,
    note: SourceNote,
    *,
    freq_label: str,
    break_day: pd.Timestamp | None = None,
    same_span: pd.DataFrame | None = None,
) -> go.Figure:
    """Totals per month or year (analysis.activity.period_segments), each bar as wide as the days it
    covers: a period cut by the definition break is two bars, one per count, and a period the data do
    not cover whole (the running year or month, the first one) is a paler bar labelled with its days.
    Hatched: days without a report (a total then undercounts). For the running year, diamonds give
    each earlier year's total over the same span (1 Jan to the last report day's date).

    `freq_label` is "month" or "year"."""
    fig = go.Figure()
    if len(data):
        ms = 86_400_000
        middle = data["start"] + (data["end"] - data["start"]) / 2
        width = [max(int(d) * ms * 0.86, ms * 0.8) for d in data["days"]]
        missing = (data["days_reported"] < data["days"]) & (data["definition"] != "adiz_entries")
        labels = [period_label(row, freq_label) for _, row in data.iterrows()]
        defs = [t(f"chart.definition.{d}") for d in data["definition"]]
        custom = list(zip(labels, data["days_reported"], data["days"], floats(data["daily_mean"]), defs))
        fig.add_bar(
            x=middle,
            y=floats(data["total"]),
            width=width,
            name=t("chart.total"),
            marker_color=metric.color,
            marker_opacity=[0.4 if p else 1.0 for p in data["partial"]],
            marker_pattern_shape=["/" if m else "" for m in missing],
            marker_pattern_fgcolor="white",
            marker_pattern_fillmode="overlay",
            marker_pattern_size=8,
            marker_pattern_solidity=0.25,
            customdata=custom,
            hovertemplate="<b>%{customdata[0]}</b><br>%{y:,.0f} "
            + metric.unit
            + "<br>"
            + t("chart.period.hover_days")
            + "<br>"
            + t("chart.period.hover_mean")
            + "<br>%{customdata[4]}<extra></extra>",
        )
        running = data.iloc[-1]
        if running["partial"] and running["end"] == data["end"].max():
            fig.add_annotation(  # ends at the bar's right edge: centred, it ran past the plot's edge
                x=running["end"] + pd.Timedelta(hours=12),
                y=float(running["total"] or 0),
                yshift=4,
                yanchor="bottom",
                xanchor="right",
                text=t("chart.period.to_day", day=day(running["end"])),
                showarrow=False,
                font=dict(size=12, color="#4A5561"),
            )
    if same_span is not None and len(same_span) > 1 and freq_label == "year":
        last = same_span.iloc[-1]
        earlier = same_span.iloc[:-1]  # the running year's own span is its bar
        fig.add_scatter(
            x=earlier["start"] + pd.Timedelta(days=182),
            y=floats(earlier["total"]),
            mode="markers",
            name=t("chart.period.same_span", day=day(last["end"])),
            marker=dict(symbol="diamond", size=12, color="white", line=dict(color="#1B1F24", width=2)),
            customdata=list(zip(earlier["days_reported"], earlier["days"])),
            hovertemplate=t("chart.period.same_span_hover", day=day(last["end"])) + "<extra></extra>",
        )
    if freq_label == "year":
        fig.update_xaxes(dtick="M12", tickformat="%Y", ticklabelmode="period")
        if len(data):  # whole years on the axis, so the first (partial) year keeps its label
            fig.update_xaxes(range=[data["period"].min(), data["period"].max() + pd.DateOffset(years=1)])
    mark_break(fig, break_day)
    fig.update_layout(hovermode="closest", showlegend=same_span is not None and len(same_span) > 1, bargap=0)
    return finish(
        fig,
        title=t(f"chart.period.title_{freq_label}", metric=metric.label),
        subtitle=t(f"chart.period.subtitle_{freq_label}"),
        note=note,
        y_title=t(f"chart.period.y_{freq_label}", unit=metric.unit),
    )


YEAR_LABEL_PX = 20  # a year label's height (presenter type included): labels of lines ending closer are moved apart


def _year_labels(fig: go.Figure, ends: list[tuple[int, float, str, str, bool]], names: list[str]) -> None:
    """Each year's name at the end of its line; names of lines that end in the same month at nearly the same
    value are moved apart (upwards, in pixels), so no two are drawn over each other."""
    top = max((value for _, value, *_ in ends if value == value), default=0.0) or 1.0
    per_px = top * 1.1 / 200  # data units per pixel on a plot 200 px high (about the smallest export)
    placed: dict[int, list[float]] = {}
    for month, value, text, shade, latest in sorted(ends, key=lambda end: (end[0], end[1])):
        y = value if value == value else 0.0
        shift = 0.0
        for other in placed.setdefault(month, []):
            shift = max(shift, (other - y) / per_px + YEAR_LABEL_PX)
        placed[month].append(y + shift * per_px)
        fig.add_annotation(
            x=names[month - 1],
            y=value,
            yshift=round(shift),
            text=text,
            showarrow=False,
            xanchor="left",
            xshift=6,
            font=dict(color=shade, size=13 if latest else 11),
        )


def year_over_year(data: pd.DataFrame, metric: Metric, note: SourceNote) -> go.Figure:
    """Mean per reported day, month by month, one line per year, latest year strongest.

    A mean per reported day (not a total) keeps a partial current month or a month with missing
    reports comparable with full months of other years.
    """
    names = months()
    fig = go.Figure()
    years = sorted(data["year"].unique())
    ends: list[tuple[int, float, str, str, bool]] = []  # where each year's line ends, for its label
    for i, year in enumerate(years):
        rows = data[data["year"] == year].sort_values("month")
        latest = i == len(years) - 1
        shade = metric.color if latest else MUTED
        values = floats(rows["daily_mean"])
        fig.add_scatter(
            x=[names[m - 1] for m in rows["month"]],
            y=values,
            mode="lines+markers",
            name=str(year),
            line=dict(color=shade, width=4 if latest else 1.5),
            marker=dict(size=7 if latest else 4),
            opacity=1.0 if latest else 0.35 + 0.5 * i / max(len(years) - 1, 1),
            connectgaps=False,
            customdata=list(zip(rows["days_reported"], rows["days_in_period"])),
            hovertemplate=f"{year}: " + "%{y:,.1f} (%{customdata[0]}/%{customdata[1]})<extra></extra>",
        )
        ends.append((int(rows["month"].iloc[-1]), values[-1], str(year), shade, latest))
    _year_labels(fig, ends, names)
    fig.update_layout(hovermode="x unified", showlegend=False)
    fig.update_xaxes(categoryorder="array", categoryarray=names)
    first = data.iloc[0] if len(data) else None
    return finish(
        fig,
        title=t("chart.yoy.title", metric=metric.label),
        # the aircraft wording (all aircraft since Aug 2022, ADIZ entries before) fits no other measure
        subtitle=t(
            "chart.yoy.subtitle" if metric.column == "aircraft" else "chart.yoy.subtitle_other",
            year=years[-1] if years else "",
            since=f"{month_abbr(int(first['month']))} {int(first['year'])}" if first is not None else "",
        ),
        note=note,
        y_title=t("chart.yoy.y", unit=metric.unit),
    )


def calendar_heatmap(
    data: pd.DataFrame, metric: Metric, note: SourceNote, *, year: int, break_day: pd.Timestamp | None = None
) -> go.Figure:
    """A year as a grid of days (weeks × weekdays): surges stand out; grey cells had no report; days
    after the last report are left blank (not yet reported is not "no report"). The definition break
    is a rule between week columns."""
    shown = data.copy()
    grid = shown.pivot(index="weekday", columns="week", values=metric.column).reindex(range(7))
    dates = data.pivot(index="weekday", columns="week", values="date").reindex(range(7))
    labels = dates.map(lambda d: "" if pd.isna(d) else day(d))
    z = [floats(row) for row in grid.to_numpy()]
    scale = [[0, "#F2F7FC"], [0.5, METRIC_COLORS.get(metric.column, "#0072B2")], [1, "#08306B"]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=list(grid.columns),
            y=[weekday_abbr(d) for d in range(7)],
            customdata=labels.to_numpy(),
            colorscale=scale,
            xgap=2,
            ygap=2,
            hoverongaps=False,
            zmin=0,
            colorbar=dict(title=dict(text=metric.unit, side="right"), thickness=14),
            hovertemplate="%{customdata}: %{z:,.0f}<extra></extra>",
        )
    )
    future = (
        shown.pivot(index="weekday", columns="week", values="future").reindex(range(7)) if "future" in shown else None
    )
    if future is not None and future.fillna(False).to_numpy().any():  # not yet reported: white, not "no report" grey
        fig.add_heatmap(
            z=[[1.0 if f is True else None for f in row] for row in future.to_numpy()],
            x=list(grid.columns),
            y=[weekday_abbr(d) for d in range(7)],
            colorscale=[[0, "white"], [1, "white"]],
            showscale=False,
            xgap=2,
            ygap=2,
            hoverinfo="skip",
            hoverongaps=False,
        )
    month_starts = data[data["date"].dt.day == 1]
    names = months()
    fig.update_xaxes(
        tickvals=list(month_starts["week"]),
        ticktext=[names[d.month - 1] for d in month_starts["date"]],
        showline=False,
        ticks="",
        showgrid=False,
        zeroline=False,
    )
    fig.update_yaxes(autorange="reversed", showgrid=False, zeroline=False, rangemode="normal", ticks="", showline=False)
    fig.update_layout(plot_bgcolor=NO_DATA, hovermode="closest", height=400)
    if break_day is not None and pd.Timestamp(break_day).year == year:
        week = int(data.loc[data["date"] == pd.Timestamp(break_day), "week"].iloc[0])
        mark_break(fig, break_day, x=week - 0.5)
    return finish(
        fig,
        title=t("chart.calendar.title", metric=metric.label, year=year),
        subtitle=t("chart.calendar.subtitle"),
        note=note,
    )
