"""Figures of the Japan-side events. Each takes the exact frame it plots (from analysis/japan.py)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.japan import COUNTRY_LABELS, LANES, STRAIT_LABELS, STRAIT_ORDER
from charts.theme import MUTED, NO_DATA, PALETTE, SourceNote, finish

STRAIT_COLORS = dict(zip(STRAIT_ORDER, [PALETTE[0], PALETTE[2], PALETTE[1], PALETTE[3]]))
COUNTRY_COLORS = {"china": PALETTE[1], "russia": PALETTE[0], "china_russia": PALETTE[3], "": MUTED}
FLAGS_NOT_COUNTS = "days with a report, not ship counts"


def _floats(values: pd.Series) -> list:
    return [None if pd.isna(v) else float(v) for v in values]


def _span(dates: pd.Series) -> str:
    return f"{dates.min():%b %Y} – {dates.max():%b %Y}" if len(dates) else "no data"


def strait_passages(data: pd.DataFrame, note: SourceNote) -> go.Figure:
    """Stacked monthly bars: days with a reported passage per strait; withheld flags in grey on top."""
    fig = go.Figure()
    for strait in STRAIT_ORDER:
        rows = data[data["strait"] == strait]
        fig.add_bar(x=rows["period"], y=rows["passage_days"], name=STRAIT_LABELS[strait],
                    marker_color=STRAIT_COLORS[strait], hovertemplate="%{y} days<extra>" + STRAIT_LABELS[strait] + "</extra>")
    withheld = data.groupby("period", as_index=False)["withheld_days"].sum()
    withheld = withheld[withheld["withheld_days"] > 0]
    if len(withheld):
        fig.add_bar(x=withheld["period"], y=withheld["withheld_days"], name="Withheld (impossible combination)",
                    marker_color=NO_DATA, marker_line_color=MUTED, marker_line_width=1,
                    hovertemplate="%{y} strait flags withheld<extra></extra>")
    fig.update_layout(barmode="stack", hovermode="x unified")
    fig.update_xaxes(dtick="M3", tickformat="%b %Y")
    return finish(
        fig,
        title="Chinese and Russian passages through the straits around Japan, per month",
        subtitle=f"Days on which Japan's Ministry of Defense reported a passage, by strait · {FLAGS_NOT_COUNTS} · "
                 f"{_span(data['period'])}",
        note=note,
        y_title="days with a reported passage",
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
        x=middle, y=data["days_reported"], width=width_ms, name="Carrier activity", marker_color=PALETTE[1],
        customdata=list(zip(data["start"].dt.strftime("%d %b %Y"), data["end"].dt.strftime("%d %b %Y"),
                            data["ship_type"].fillna(""))),
        hovertemplate="%{customdata[0]} – %{customdata[1]}: %{y} days reported<br>%{customdata[2]}<extra></extra>",
    )
    fig.update_layout(hovermode="closest", showlegend=False)
    fig.update_yaxes(dtick=1)
    return finish(
        fig,
        title="Aircraft-carrier activity reported by Japan",
        subtitle=f"Each bar is one period of reported carrier activity (days up to 2 days apart joined); height = days "
                 f"reported · {len(data)} periods · {_span(data['start'])}",
        note=note,
        y_title="days reported",
    )


def joint_activity(data: pd.DataFrame, note: SourceNote) -> go.Figure:
    """Monthly days with a joint drill flagged, and days with both navies reported."""
    fig = go.Figure()
    fig.add_bar(x=data["period"], y=data["joint_drill_days"], name="Joint drill reported", marker_color=PALETTE[3],
                hovertemplate="%{y} days<extra>joint drill</extra>")
    fig.add_bar(x=data["period"], y=data["both_navies_days"], name="Chinese and Russian units both reported",
                marker_color=PALETTE[4], hovertemplate="%{y} days<extra>both navies</extra>")
    fig.update_layout(barmode="group")
    fig.update_xaxes(dtick="M3", tickformat="%b %Y")
    return finish(
        fig,
        title="Joint China–Russia activity reported by Japan, per month",
        subtitle=f"Days per month · {FLAGS_NOT_COUNTS} · the country of each report is recorded from February 2026",
        note=note,
        y_title="days",
    )


def combined(daily: pd.DataFrame, strip: pd.DataFrame, note: SourceNote, *, taiwan_note: SourceNote) -> go.Figure:
    """Taiwan MND's daily aircraft count above, Japan's reported events below, on one time axis."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.5, 0.5], vertical_spacing=0.06)
    fig.add_bar(x=daily["date"], y=_floats(daily["aircraft"]), name="PLA aircraft (Taiwan MND, daily)",
                marker_color=MUTED, marker_line_width=0, hovertemplate="%{y:,.0f} aircraft<extra></extra>", row=1, col=1)
    if "aircraft_mean_7d" in daily:
        fig.add_scatter(x=daily["date"], y=_floats(daily["aircraft_mean_7d"]), mode="lines", name="7-day mean",
                        line=dict(color=PALETTE[0], width=2.5), connectgaps=False,
                        hovertemplate="%{y:,.1f}<extra>7-day mean</extra>", row=1, col=1)
    lanes = [lane for lane in LANES.values() if lane in set(strip["lane"])]
    for country, rows in strip.groupby(strip["country"].fillna(""), sort=False):
        label = COUNTRY_LABELS.get(country, "country not recorded")
        fig.add_scatter(
            x=rows["date"], y=rows["lane"], mode="markers", name=f"Japan: {label}",
            marker=dict(symbol="line-ns", size=14, line=dict(width=3, color=COUNTRY_COLORS.get(country, MUTED))),
            customdata=rows["remark"].fillna(""), hovertemplate="%{y}<br>%{customdata}<extra></extra>", row=2, col=1,
        )
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(lanes)), showgrid=True, rangemode="normal",
                     zeroline=False, automargin=True, row=2, col=1)
    fig.update_layout(bargap=0, hovermode="closest", height=640, bargroupgap=0)
    span = f"{daily['date'].min():%d %b %Y} – {daily['date'].max():%d %b %Y}" if len(daily) else ""
    merged = SourceNote(source=f"{taiwan_note.source} (top); {note.source} (bottom)", as_of=min(note.as_of, taiwan_note.as_of))
    finish(
        fig,
        title="Pressure around Taiwan and activity reported by Japan, on one time axis",
        subtitle=f"Top: PLA aircraft per MND report day · bottom: each mark is a day Japan's MOD reported that "
                 f"activity · {span}",
        note=merged,
        y_title="aircraft per day",
    )
    # two legend rows: give them room below the subtitle
    fig.update_layout(margin_t=150, legend=dict(y=1.04, yanchor="bottom"))
    return fig
