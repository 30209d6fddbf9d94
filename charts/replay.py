"""The replay's strip: a whole window of report days at a glance, with the day being shown marked.

Pure: the frame from analysis.replay.strip in, a figure out. Short on purpose (it sits under the map):
title and source line only, no subtitle. The current day's bars are in full colour with their values
written on them; the other days are paler; the exercise's report days are shaded. A day without a
report is a gap, never a zero bar.
"""

from __future__ import annotations

import unicodedata

import pandas as pd
import plotly.graph_objects as go

from charts.events import KIND_COLORS
from charts.theme import Metric, SourceNote, finish, floats, mark_break
from i18n import date_axis_format, day, t

HEIGHT = 250  # px: title, one row of bars, the date axis and the source line
STRIP_MARGIN = dict(l=56, r=20, t=62, b=100)
SOURCE_COLUMNS = 64  # the source line breaks to fit a strip half a screen wide
PALE = 0.35  # opacity of the days not being shown
CURRENT_LINE = "#1B1F24"


def strip(
    data: pd.DataFrame,
    metrics: list[Metric],
    note: SourceNote,
    *,
    title: str,
    break_day: pd.Timestamp | None = None,
) -> go.Figure:
    """Grouped bars per report day for each measure; the current day (data["current"]) stands out."""
    fig = go.Figure()
    current = data["current"].to_numpy()
    for metric in metrics:
        values = floats(data[metric.column])
        fig.add_bar(
            x=data["date"],
            y=values,
            name=metric.label,
            marker_color=metric.color,
            marker_opacity=[1.0 if c else PALE for c in current],
            marker_line_width=0,
            text=[f"{int(v)}" if c and v is not None else "" for v, c in zip(values, current)],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{x|%Y-%m-%d}}: %{{y}} {metric.unit}<extra>{metric.label}</extra>",
        )
    shapes = []
    inside = data.loc[data["in_exercise"], "date"]
    if len(inside):
        shapes.append(
            dict(
                type="rect",
                xref="x",
                yref="paper",
                x0=inside.min() - pd.Timedelta(hours=12),
                x1=inside.max() + pd.Timedelta(hours=12),
                y0=0,
                y1=1,
                fillcolor=KIND_COLORS["exercise"],
                opacity=0.14,
                line_width=0,
                layer="below",
            )
        )
    shown = data.loc[data["current"], "date"]
    if len(shown):
        when = shown.iloc[0]
        for edge in (-12, 12):
            shapes.append(
                dict(
                    type="line",
                    xref="x",
                    yref="paper",
                    x0=when + pd.Timedelta(hours=edge),
                    x1=when + pd.Timedelta(hours=edge),
                    y0=0,
                    y1=1,
                    line=dict(color=CURRENT_LINE, width=1.5),
                    name="current-day",
                )
            )
    fig.update_layout(shapes=shapes)
    days = len(data)
    fig.update_xaxes(  # before finish(): outside English it makes these month names numeric
        range=[data["date"].min() - pd.Timedelta(hours=12), data["date"].max() + pd.Timedelta(hours=12)],
        dtick=86_400_000 if days <= 16 else None,
        tickformat=("%-m/%-d" if date_axis_format() else "%-d<br>%b") if days <= 120 else None,
        tickangle=0,
    )
    finish(fig, title=title, subtitle="", note=note)
    # on lines that fit a strip half a screen wide, under the two-line day ticks
    fig.update_annotations(selector=dict(name="source"), text=fold(note.line(), SOURCE_COLUMNS), yshift=-50)
    fig.update_layout(
        height=HEIGHT,
        margin=STRIP_MARGIN,
        barmode="group",
        bargap=0.15,
        hovermode="x unified",
        legend=dict(y=1.02, x=1, xanchor="right", yanchor="bottom"),
        title_pad_t=12,
    )
    fig.update_yaxes(nticks=4)
    mark_break(fig, break_day)
    return fig


def fold(text: str, limit: int) -> str:
    """Text on lines of at most `limit` display columns (a CJK character counts two), broken at the last space
    where a line has one; plotly annotations never wrap by themselves."""
    lines, line, width = [], "", 0
    for char in text:
        size = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if width + size > limit and line:
            cut = line.rfind(" ")
            head, line = (line[:cut], line[cut + 1 :]) if cut > 0 else (line, "")
            lines.append(head)
            width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
        line += char
        width += size
    return "<br>".join([*lines, line])


def title(name: str | None, start: pd.Timestamp, end: pd.Timestamp) -> str:
    """The strip's title: the exercise's name (already made plain) or the window's dates."""
    if name:
        return t("chart.replay.title", name=name)
    return t("chart.replay.title_range", start=day(start), end=day(end))
