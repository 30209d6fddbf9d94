"""Figures of what MND drew on its daily maps (analysis.drawn): aircraft per month by category with the
UAV and fighter shares, and balloons per report day. Category colours are the Map's (charts.track_colors)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.drawn import AIRCRAFT_CATEGORIES, SHARES, column, share_column
from charts.activity import period_label
from charts.theme import SourceNote, finish, floats
from charts.track_colors import TRACK_COLORS, category_name
from i18n import day, t


def rgb(category: str, alpha: float = 1.0) -> str:
    """A map category's RGBA colour as a plotly colour."""
    r, g, b, _ = TRACK_COLORS.get(category, TRACK_COLORS["other"])
    return f"rgba({r},{g},{b},{alpha})"


def _labels(data: pd.DataFrame) -> list[str]:
    rows = data.assign(period=data["month"])
    return [period_label(row, "month") for _, row in rows.iterrows()]


def aircraft_categories(data: pd.DataFrame, note: SourceNote) -> go.Figure:
    """Stacked bars of the aircraft drawn per month by category (partial months pale, labelled with their
    days), and under them the UAV and fighter shares of the aircraft drawn as tracks, in %."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.64, 0.36], vertical_spacing=0.07)
    labels = _labels(data)
    opacity = [0.4 if p else 1.0 for p in data["partial"]]
    for category in AIRCRAFT_CATEGORIES:
        values = data[column(category)]
        if not values.any():
            continue
        fig.add_bar(
            x=data["month"],
            y=floats(values),
            name=category_name(category),
            marker_color=rgb(category),
            marker_opacity=opacity,
            customdata=labels,
            hovertemplate="<b>%{customdata}</b><br>%{y:,.0f} " + category_name(category) + "<extra></extra>",
            xperiod="M1",
            xperiodalignment="middle",
            row=1,
            col=1,
        )
    for category, dash in zip(SHARES, ("solid", "dot")):
        fig.add_scatter(
            x=data["month"],
            y=floats(data[share_column(category)]),
            mode="lines+markers",
            name=t("chart.drawn.share", category=category_name(category)),
            line=dict(color=rgb(category), width=2.5, dash=dash),
            marker=dict(size=5),
            customdata=labels,
            hovertemplate="<b>%{customdata}</b><br>%{y:.1f} %<extra></extra>",
            connectgaps=False,
            xperiod="M1",
            xperiodalignment="middle",
            row=2,
            col=1,
        )
    fig.update_layout(barmode="stack", bargap=0.15, hovermode="closest", legend_traceorder="normal")
    fig.update_yaxes(title_text=t("chart.drawn.share_y"), range=[0, 100], ticksuffix=" %", row=2, col=1)
    span = f"{day(data['start'].min())} – {day(data['end'].max())}" if len(data) else ""
    partial = int(data["partial"].sum()) if len(data) else 0
    subtitle = t("chart.drawn.subtitle", span=span)
    if partial:
        subtitle += t("chart.drawn.partial", count=partial)
    finish(
        fig,
        title=t("chart.drawn.title"),
        subtitle=subtitle,
        note=note,
        y_title=t("chart.drawn.y"),
    )
    # Thirteen keys: a column beside the plot, not rows over the subtitle.
    fig.update_layout(
        legend=dict(orientation="v", x=1.01, xanchor="left", y=1, yanchor="top"), margin_r=250, height=560
    )
    return fig


def balloons(data: pd.DataFrame, note: SourceNote, *, period: tuple[pd.Timestamp, pd.Timestamp]) -> go.Figure:
    """Balloons drawn per report day, one bar a day; days with a map and no balloon are 0, days without
    a map are gaps."""
    fig = go.Figure()
    fig.add_bar(
        x=data["date"],
        y=floats(data["balloons"]),
        name=t("chart.balloons.name"),
        marker_color=rgb("balloon"),
        marker_line=dict(color="#7A5B12", width=0.6),
        hovertemplate="%{x|%d %b %Y}<br>%{y:,.0f}<extra></extra>",
    )
    fig.update_layout(bargap=0.2, showlegend=False)
    fig.update_yaxes(rangemode="tozero", dtick=1 if len(data) and data["balloons"].max() <= 8 else None)
    return finish(
        fig,
        title=t("chart.balloons.title"),
        subtitle=t("chart.balloons.subtitle", start=day(period[0]), end=day(period[1])),
        note=note,
        y_title=t("chart.balloons.y"),
    )
