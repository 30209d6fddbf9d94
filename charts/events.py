"""Figures about events: the catalog timeline, one exercise's event study, exercises compared,
and the shared overlay that marks catalog events on any time-series chart."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.theme import METRIC_COLORS, MUTED, PALETTE, Metric, SourceNote, finish

KIND_COLORS = {"exercise": "#D55E00", "political": "#0072B2", "transit": "#009E73", "other": "#CC79A7"}
KIND_LABELS = {"exercise": "PLA exercise", "political": "Political event", "transit": "Transit", "other": "Other"}


def add_events(fig: go.Figure, events: pd.DataFrame, *, labels: bool = True) -> go.Figure:
    """Exercises as shaded spans, other events as dotted lines, each labelled at the top.

    Works on any figure whose x axis is dates; events outside the plotted range are skipped so
    they do not stretch the axis.
    """
    xs = [x for trace in fig.data for x in (trace.x if trace.x is not None else []) if x is not None]
    if not xs or events.empty:
        return fig
    lo, hi = pd.Timestamp(min(xs)), pd.Timestamp(max(xs))
    shown = events[(events["end"] >= lo) & (events["start"] <= hi)]
    for _, event in shown.iterrows():
        color = KIND_COLORS.get(event["kind"], MUTED)
        label = event["name_en"] if labels else None
        if event["kind"] == "exercise":
            fig.add_vrect(x0=event["start"] - pd.Timedelta(hours=12), x1=event["end"] + pd.Timedelta(hours=12),
                          fillcolor=color, opacity=0.18, line_width=0, layer="below",
                          annotation_text=label, annotation_position="top left",
                          annotation=dict(font_size=11, font_color=color, textangle=-90, yanchor="top"))
        else:
            fig.add_vline(x=event["start"], line=dict(color=color, width=1, dash="dot"), opacity=0.7,
                          annotation_text=label, annotation_position="top right",
                          annotation=dict(font_size=10, font_color=color, textangle=-90, yanchor="top"))
    return fig


def timeline(events: pd.DataFrame, note: SourceNote) -> go.Figure:
    """The catalog on one axis: one row per kind, exercises as bars spanning their days."""
    fig = go.Figure()
    for kind, rows in events.groupby("kind", sort=False):
        duration_ms = ((rows["end"] - rows["start"]).dt.days + 1) * 86_400_000
        fig.add_bar(
            base=rows["start"], x=duration_ms, y=[KIND_LABELS.get(kind, kind)] * len(rows), orientation="h",
            name=KIND_LABELS.get(kind, kind), marker_color=KIND_COLORS.get(kind, MUTED), width=0.5,
            customdata=list(zip(rows["name_en"], rows["start"].dt.strftime("%d %b %Y"),
                                rows["end"].dt.strftime("%d %b %Y"), rows["source_publisher"])),
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]} – %{customdata[2]}"
                          "<br>Source: %{customdata[3]}<extra></extra>",
        )
        fig.add_scatter(x=rows["start"], y=[KIND_LABELS.get(kind, kind)] * len(rows), mode="markers",
                        marker=dict(color=KIND_COLORS.get(kind, MUTED), size=11, symbol="diamond"),
                        showlegend=False, hoverinfo="skip")
    fig.update_xaxes(type="date")
    fig.update_layout(barmode="overlay", hovermode="closest", height=360, showlegend=False)
    return finish(fig, title="PLA exercises and political events around Taiwan",
                  subtitle="Catalog of cited events; bars span an exercise's announced days", note=note)


def event_study(window: pd.DataFrame, name: str, duration_days: int, baselines: dict[str, float | None],
                metrics: list[Metric], note: SourceNote) -> go.Figure:
    """Daily counts from 30 days before to 30 after an exercise starts, against the prior baseline."""
    fig = go.Figure()
    fig.add_vrect(x0=-0.5, x1=duration_days - 0.5, fillcolor=METRIC_COLORS["vessels"], opacity=0.12, line_width=0,
                  layer="below", annotation_text="exercise", annotation_position="top left")
    for metric in metrics:
        fig.add_scatter(x=window["day"], y=[None if pd.isna(v) else float(v) for v in window[metric.column]],
                        mode="lines+markers", name=metric.label, line=dict(color=metric.color, width=3),
                        marker=dict(size=5), connectgaps=False,
                        customdata=window["date"].dt.strftime("%d %b %Y"),
                        hovertemplate="%{customdata}: %{y:,.0f}<extra>" + metric.label + "</extra>")
        base = baselines.get(metric.column)
        if base is not None:
            fig.add_hline(y=base, line=dict(color=metric.color, width=1.5, dash="dash"),
                          annotation_text=f"30-day baseline {base:.1f}", annotation_position="bottom right",
                          annotation_font_color=metric.color)
    fig.update_layout(hovermode="closest")
    fig.update_xaxes(zeroline=True, zerolinecolor="#888", dtick=7)
    return finish(fig, title=f"{name}: before, during and after",
                  subtitle="Daily counts by day relative to the first exercise day (day 0); "
                           "dashed: mean per reported day over the 30 days before",
                  note=note, x_title="days from exercise start", y_title="per day")


def compare(comparison: pd.DataFrame, metric: Metric, note: SourceNote) -> go.Figure:
    """Exercises side by side: peak day and excess over baseline for one measure."""
    names = comparison["exercise"] + " (" + comparison["start"].dt.strftime("%b %Y") + ")"
    fig = go.Figure()
    fig.add_bar(y=names, x=[None if pd.isna(v) else float(v) for v in comparison[f"{metric.column}_peak"]],
                name="Peak day", orientation="h", marker_color=metric.color)
    fig.add_bar(y=names, x=[None if pd.isna(v) else float(v) for v in comparison[f"{metric.column}_excess"]],
                name="Excess over baseline, whole exercise", orientation="h", marker_color=PALETTE[5])
    fig.update_layout(barmode="group", hovermode="y unified", height=120 + 60 * len(comparison))
    fig.update_yaxes(autorange="reversed")
    return finish(fig, title=f"Exercises compared: {metric.label}",
                  subtitle="Peak day, and the sum over exercise days of (count − mean of the 30 days before)",
                  note=note, x_title=metric.unit)


def mark_flags(fig: go.Figure, flags: pd.DataFrame, metric: Metric) -> go.Figure:
    """Unusual days (surge detection) as markers over a daily chart."""
    if flags.empty:
        return fig
    fig.add_scatter(x=flags["date"], y=flags["value"], mode="markers", name="Unusual day (surge)",
                    marker=dict(symbol="triangle-down", size=11, color="#000000", line=dict(color="white", width=1)),
                    customdata=flags["z"], hovertemplate="%{y:,.0f} (robust z %{customdata:.1f})<extra>surge</extra>")
    return fig
