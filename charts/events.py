"""Figures about events: the catalog timeline, one exercise's event study, exercises compared,
and the shared overlay that marks catalog events on any time-series chart."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from charts.theme import METRIC_COLORS, MUTED, PALETTE, Metric, SourceNote, finish, floats, plain
from i18n import day, local_name, t

KIND_COLORS = {"exercise": "#D55E00", "political": "#0072B2", "transit": "#009E73", "other": "#CC79A7"}


def kind_label(kind: str) -> str:
    return t(f"events.kind.{kind}") if kind in KIND_COLORS else kind


def short_label(name: str, limit: int = 26) -> str:
    """Labels on a busy axis must be short; the full name stays in the hover text."""
    name = str(name)
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def wrapped(name: str, width: int = 26) -> str:
    """A long label on lines of at most `width` columns (plotly axis labels never wrap by themselves);
    CJK text, which has no spaces, is cut every `width // 2` characters."""
    if " " not in name.strip():
        step = width // 2 if any(ord(c) > 0x2E80 for c in name) else width
        return "<br>".join(name[i : i + step] for i in range(0, len(name), step))
    return "<br>".join(textwrap.wrap(name, width, break_long_words=False))


def add_events(fig: go.Figure, events: pd.DataFrame) -> go.Figure:
    """Exercises as shaded, labelled spans; every event as a hoverable marker along the top.

    Political events get a thin dotted line and no text label: on a multi-year axis there are
    too many to label legibly, and the marker's hover names them. Events outside the plotted
    range are skipped so they do not stretch the axis.

    Charts are dated by MND report day, so where `events` carries `report_start`/`report_end`
    (analysis.events.with_report_days) the shading covers those days: since Nov 2022 a day's
    activity is reported the next morning. The hover gives the announced dates.
    """
    xs = [x for trace in fig.data for x in (trace.x if trace.x is not None else []) if x is not None]
    if not xs or events.empty:
        return fig
    lo, hi = pd.Timestamp(min(xs)), pd.Timestamp(max(xs))
    events = events.copy()
    if "report_start" not in events.columns:
        events["report_start"], events["report_end"] = events["start"], events["end"]
    shown = events[(events["report_end"] >= lo) & (events["report_start"] <= hi)]
    if shown.empty:
        return fig
    # Shapes and labels are collected and set once: add_vrect/add_vline re-validate the whole shape
    # list on every call, which cost ~160 ms per chart per rerun (bench/RESULTS.md, page switch).
    shapes, labels = list(fig.layout.shapes), list(fig.layout.annotations)
    for _, event in shown.iterrows():
        color = KIND_COLORS.get(event["kind"], MUTED)
        if event["kind"] == "exercise":
            x0 = event["report_start"] - pd.Timedelta(hours=12)
            shapes.append(
                dict(
                    type="rect",
                    xref="x",
                    yref="paper",
                    x0=x0,
                    x1=event["report_end"] + pd.Timedelta(hours=12),
                    y0=0,
                    y1=1,
                    fillcolor=color,
                    opacity=0.22,
                    line_width=0,
                    layer="below",
                )
            )
            labels.append(
                dict(
                    x=x0,
                    xref="x",
                    y=1,
                    yref="paper",
                    text=plain(short_label(local_name(event))),
                    showarrow=False,
                    textangle=-90,
                    xanchor="right",
                    yanchor="top",
                    font=dict(size=11, color=color),
                )
            )
        else:
            shapes.append(
                dict(
                    type="line",
                    xref="x",
                    yref="paper",
                    x0=event["report_start"],
                    x1=event["report_start"],
                    y0=0,
                    y1=1,
                    line=dict(color=color, width=1, dash="dot"),
                    opacity=0.6,
                )
            )
    fig.update_layout(shapes=shapes, annotations=labels)
    fig.add_scatter(
        x=shown["report_start"],
        y=[1.0] * len(shown),
        yaxis="y9",
        mode="markers",
        name=t("events.catalog_event"),
        marker=dict(symbol="triangle-down", size=10, color=[KIND_COLORS.get(k, MUTED) for k in shown["kind"]]),
        customdata=list(
            zip(
                map(plain, local_name(shown)),
                shown["start"].map(day),
                shown["end"].map(day),
                shown["kind"].map(kind_label),
            )
        ),
        hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[3]}, %{customdata[1]} – %{customdata[2]}<extra></extra>",
        showlegend=False,
    )
    fig.update_layout(yaxis9=dict(overlaying="y", range=[0, 1.02], visible=False, fixedrange=True))
    return fig


def timeline(events: pd.DataFrame, note: SourceNote) -> go.Figure:
    """The catalog as a Gantt chart: one row per event, bars spanning its days, coloured by kind."""
    ordered = events.sort_values("start")
    labels = [f"{plain(short_label(n, 40))} ({day(d)})" for n, d in zip(local_name(ordered), ordered["start"])]
    fig = go.Figure()
    for kind in KIND_COLORS:
        mask = (ordered["kind"] == kind).to_numpy()
        if not mask.any():
            continue
        rows = ordered[mask]
        duration_ms = ((rows["end"] - rows["start"]).dt.days + 1) * 86_400_000
        fig.add_bar(
            base=rows["start"] - pd.Timedelta(hours=12),
            x=duration_ms,
            y=[label for label, m in zip(labels, mask) if m],
            orientation="h",
            name=kind_label(kind),
            marker_color=KIND_COLORS[kind],
            width=0.7,
            customdata=list(
                zip(
                    map(plain, local_name(rows)),
                    rows["start"].map(day),
                    rows["end"].map(day),
                    rows["source_publisher"].map(plain),
                )
            ),
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]} – %{customdata[2]}"
            "<br>" + t("events.source") + ": %{customdata[3]}<extra></extra>",
        )
        fig.add_scatter(
            x=rows["start"],
            y=[label for label, m in zip(labels, mask) if m],
            mode="markers",
            hoverinfo="skip",
            marker=dict(color=KIND_COLORS[kind], size=9, symbol="diamond"),
            showlegend=False,
        )
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#E3E7EC")
    fig.update_yaxes(
        categoryorder="array", categoryarray=labels, autorange="reversed", automargin=True, tickfont_size=12
    )
    fig.update_layout(barmode="overlay", hovermode="closest", height=200 + 26 * len(ordered))
    return finish(fig, title=t("chart.timeline.title"), subtitle=t("chart.timeline.subtitle"), note=note)


def event_study(
    window: pd.DataFrame,
    name: str,
    duration_days: int,
    baselines: dict[str, float | None],
    metrics: list[Metric],
    note: SourceNote,
) -> go.Figure:
    """Daily counts from 30 days before to 30 after an exercise starts, against the prior baseline."""
    fig = go.Figure()
    fig.add_vrect(
        x0=-0.5,
        x1=duration_days - 0.5,
        fillcolor=METRIC_COLORS["vessels"],
        opacity=0.12,
        line_width=0,
        layer="below",
        annotation_text=t("chart.study.exercise"),
        annotation_position="top left",
    )
    for metric in metrics:
        fig.add_scatter(
            x=window["day"],
            y=floats(window[metric.column]),
            mode="lines+markers",
            name=metric.label,
            line=dict(color=metric.color, width=3),
            marker=dict(size=5),
            connectgaps=False,
            customdata=window["date"].map(day),
            hovertemplate="%{customdata}: %{y:,.0f}<extra>" + metric.label + "</extra>",
        )
        base = baselines.get(metric.column)
        if base is not None:
            fig.add_hline(
                y=base,
                line=dict(color=metric.color, width=1.5, dash="dash"),
                annotation_text=t("chart.study.baseline", metric=metric.label, value=f"{base:.1f}"),
                annotation_position="top left" if metric is metrics[0] else "bottom left",
                annotation_font_color=metric.color,
            )
    fig.update_layout(hovermode="closest")
    fig.update_xaxes(zeroline=True, zerolinecolor="#888", dtick=7)
    return finish(
        fig,
        title=t("chart.study.title", name=plain(name)),
        subtitle=t("chart.study.subtitle"),
        note=note,
        x_title=t("chart.study.x"),
        y_title=t("chart.study.y"),
    )


def compare(comparison: pd.DataFrame, metric: Metric, note: SourceNote, names: list[str] | None = None) -> go.Figure:
    """Exercises side by side: peak day and excess over baseline for one measure. `names`: the exercises'
    names in the reader's language (the comparison carries the English ones); labels are never cut."""
    names = [f"{wrapped(plain(n))}<br>{day(d)}" for n, d in zip(names or comparison["exercise"], comparison["start"])]
    fig = go.Figure()
    fig.add_bar(
        y=names,
        x=floats(comparison[f"{metric.column}_peak"]),
        name=t("chart.compare.peak"),
        orientation="h",
        marker_color=metric.color,
    )
    fig.add_bar(
        y=names,
        x=floats(comparison[f"{metric.column}_excess"]),
        name=t("chart.compare.excess"),
        orientation="h",
        marker_color=PALETTE[5],
    )
    fig.update_layout(barmode="group", hovermode="y unified", height=160 + 70 * len(comparison))
    fig.update_yaxes(autorange="reversed", automargin=True)
    return finish(
        fig,
        title=t("chart.compare.title", metric=metric.label),
        subtitle=t("chart.compare.subtitle"),
        note=note,
        x_title=metric.unit,
    )


def mark_flags(fig: go.Figure, flags: pd.DataFrame, metric: Metric) -> go.Figure:
    """Unusual days (surge detection) as markers over a daily chart."""
    if flags.empty:
        return fig
    fig.add_scatter(
        x=flags["date"],
        y=flags["value"],
        mode="markers",
        name=t("chart.surge"),
        marker=dict(symbol="triangle-down", size=11, color="#000000", line=dict(color="white", width=1)),
        customdata=flags["z"],
        hovertemplate="%{y:,.0f} (z %{customdata:.1f})<extra></extra>",
    )
    return fig
