"""Figures of the Japan-side events. Each takes the exact frame it plots (from analysis/japan.py)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.japan import COUNTRIES, LANES, STRAIT_ORDER, STRAITS
from charts.theme import MUTED, NO_DATA, ROLE, SourceNote, daily_counts, finish, floats, plain
from i18n import day, month_abbr, t

# Straits north to south in one sea-green ramp (they are places, not actors: no actor's colour).
STRAIT_COLORS = dict(zip(STRAIT_ORDER, ["#0B4F4A", "#2A8C82", "#6CC3B5", "#B5E3D8"]))
COUNTRY_COLORS = {"china": ROLE["china"], "russia": ROLE["russia"], "china_russia": ROLE["china_russia"], "": MUTED}


def strait_label(strait: str) -> str:
    return t(f"japan.strait.{strait}") if strait in STRAITS else plain(strait)


def country_label(country: str) -> str:
    return t(f"japan.country.{country}") if country in COUNTRIES else t("japan.country.unknown")


def lane_label(lane: str) -> str:
    return t(f"japan.lane.{lane}") if lane in set(LANES.values()) else plain(lane)


def month_year(value) -> str:
    return t("chart.month_year", month=month_abbr(value.month), year=value.year)


def _span(dates: pd.Series) -> str:
    return f"{month_year(dates.min())} – {month_year(dates.max())}" if len(dates) else t("chart.no_data")


def strait_passages(data: pd.DataFrame, note: SourceNote) -> go.Figure:
    """Stacked monthly bars: days with a reported passage per strait; withheld flags in grey on top."""
    fig = go.Figure()
    for strait in STRAIT_ORDER:
        rows = data[data["strait"] == strait]
        fig.add_bar(
            x=rows["period"],
            y=rows["passage_days"],
            name=strait_label(strait),
            marker_color=STRAIT_COLORS[strait],
            hovertemplate=t("chart.japan.hover_days") + "<extra>" + strait_label(strait) + "</extra>",
        )
    withheld = data.groupby("period", as_index=False)["withheld_days"].sum()
    withheld = withheld[withheld["withheld_days"] > 0]
    if len(withheld):
        fig.add_bar(
            x=withheld["period"],
            y=withheld["withheld_days"],
            name=t("chart.japan.straits.withheld"),
            marker_color=NO_DATA,
            marker_line_color=MUTED,
            marker_line_width=1,
            hovertemplate=t("chart.japan.straits.hover_withheld") + "<extra></extra>",
        )
    fig.update_layout(barmode="stack", hovermode="x unified")
    fig.update_xaxes(dtick="M3", tickformat="%b %Y")
    return finish(
        fig,
        title=t("chart.japan.straits.title"),
        subtitle=t("chart.japan.straits.subtitle", flags=t("chart.japan.flags_not_counts"), span=_span(data["period"])),
        note=note,
        y_title=t("chart.japan.straits.y"),
    )


def carrier_periods(data: pd.DataFrame, note: SourceNote) -> go.Figure:
    """One bar per period of reported carrier activity: placed at its dates, as tall as its days reported.

    Most periods last one to three days, too short to see as spans on a multi-year axis, so the
    bar's height carries the length and the hover gives the dates.
    """
    fig = go.Figure()
    middle = data["start"] + (data["end"] - data["start"]) / 2 + pd.Timedelta(hours=12)
    width_ms = [max(span, 7) * 86_400_000 for span in data["span_days"]]
    fig.add_bar(
        x=middle,
        y=data["days_reported"],
        width=width_ms,
        name=t("chart.japan.carriers.name"),
        marker_color=ROLE["vessels"],  # carriers are PLA Navy ships
        customdata=list(zip(data["start"].map(day), data["end"].map(day), data["ship_type"].fillna("").map(plain))),
        hovertemplate=t("chart.japan.carriers.hover") + "<br>%{customdata[2]}<extra></extra>",
    )
    fig.update_layout(hovermode="closest", showlegend=False)
    fig.update_yaxes(dtick=1)
    return finish(
        fig,
        title=t("chart.japan.carriers.title"),
        subtitle=t("chart.japan.carriers.subtitle", count=len(data), span=_span(data["start"])),
        note=note,
        y_title=t("chart.japan.carriers.y"),
    )


def joint_activity(data: pd.DataFrame, note: SourceNote) -> go.Figure:
    """Monthly days with a joint drill flagged, and days with both navies reported."""
    fig = go.Figure()
    fig.add_bar(
        x=data["period"],
        y=data["joint_drill_days"],
        name=t("chart.japan.joint.drill"),
        marker_color=ROLE["china_russia"],
        hovertemplate=t("chart.japan.hover_days") + "<extra>" + t("chart.japan.joint.drill_short") + "</extra>",
    )
    fig.add_bar(
        x=data["period"],
        y=data["both_navies_days"],
        name=t("chart.japan.joint.both"),
        marker_color="#B59BCB",  # China and Russia, lighter: both navies the same day
        hovertemplate=t("chart.japan.hover_days") + "<extra>" + t("chart.japan.joint.both_short") + "</extra>",
    )
    fig.update_layout(barmode="group")
    fig.update_xaxes(dtick="M3", tickformat="%b %Y")
    return finish(
        fig,
        title=t("chart.japan.joint.title"),
        subtitle=t("chart.japan.joint.subtitle", flags=t("chart.japan.flags_not_counts")),
        note=note,
        y_title=t("chart.japan.joint.y"),
    )


def combined(daily: pd.DataFrame, strip: pd.DataFrame, note: SourceNote, *, taiwan_note: SourceNote) -> go.Figure:
    """Taiwan MND's daily aircraft count above, Japan's reported events below, on one time axis."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.5, 0.5], vertical_spacing=0.06)
    counts = daily_counts(
        daily["date"],
        daily["aircraft"],
        name=t("chart.japan.combined.aircraft"),
        color=MUTED,
        hovertemplate=t("chart.japan.combined.hover_aircraft") + "<extra></extra>",
    )
    fig.add_traces(counts, rows=[1] * len(counts), cols=[1] * len(counts))
    if "aircraft_mean_7d" in daily:
        mean = t("chart.mean_days", days=7)
        fig.add_scatter(
            x=daily["date"],
            y=floats(daily["aircraft_mean_7d"]),
            mode="lines",
            name=mean,
            line=dict(color=ROLE["aircraft"], width=2.5),
            connectgaps=False,
            hovertemplate="%{y:,.1f}<extra>" + mean + "</extra>",
            row=1,
            col=1,
        )
    lanes = [lane for lane in LANES.values() if lane in set(strip["lane"])]
    for country, rows in strip.groupby(strip["country"].fillna(""), sort=False):
        fig.add_scatter(
            x=rows["date"],
            y=[lane_label(lane) for lane in rows["lane"]],
            mode="markers",
            name=t("chart.japan.combined.japan", country=country_label(country)),
            marker=dict(symbol="line-ns", size=14, line=dict(width=3, color=COUNTRY_COLORS.get(country, MUTED))),
            customdata=rows["remark"].fillna("").map(plain),
            hovertemplate="%{y}<br>%{customdata}<extra></extra>",
            row=2,
            col=1,
        )
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=[lane_label(lane) for lane in reversed(lanes)],
        showgrid=True,
        rangemode="normal",
        zeroline=False,
        automargin=True,
        row=2,
        col=1,
    )
    fig.update_layout(bargap=0, hovermode="closest", height=640, bargroupgap=0)
    span = f"{day(daily['date'].min())} – {day(daily['date'].max())}" if len(daily) else ""
    merged = SourceNote(
        source=t("chart.top_bottom", top=taiwan_note.source, bottom=note.source),
        as_of=min(note.as_of, taiwan_note.as_of),
    )
    finish(
        fig,
        title=t("chart.japan.combined.title"),
        subtitle=t("chart.japan.combined.subtitle", span=span),
        note=merged,
        y_title=t("chart.japan.combined.y"),
    )
    # two legend rows: give them room below the subtitle
    fig.update_layout(margin_t=150, legend=dict(y=1.04, yanchor="bottom"))
    return fig
