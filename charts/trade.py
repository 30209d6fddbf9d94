"""Figures of Taiwan's trade. Each takes the exact frame it plots (from analysis/trade.py).

Preliminary figures (MOF's 2025 data) are drawn with open markers and a dotted line, so a slide
never shows a provisional number as final.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.trade import PARTNER_LABELS
from charts.theme import MUTED, PALETTE, SourceNote, finish

PARTNER_COLORS = {
    "china_hk": PALETTE[1], "china": PALETTE[1], "hong_kong": PALETTE[4], "us": PALETTE[0], "japan": PALETTE[2],
    "asean": PALETTE[3], "korea": PALETTE[5], "europe": PALETTE[7], "total": "#4A5561",
}
FLOW_WORDS = {"export": ("exports to", "Exports"), "import": ("imports from", "Imports"),
              "balance": ("trade balance with", "Balance")}


def _label(partner: str) -> str:
    return PARTNER_LABELS.get(partner, partner)


def _span(periods: pd.Series, fmt: str) -> str:
    return f"{periods.min():{fmt}} – {periods.max():{fmt}}" if len(periods) else "no data"


def _partner_lines(fig: go.Figure, data: pd.DataFrame, value: str, hover: str, **where) -> None:
    for partner, rows in data.groupby("partner", sort=False):
        color = PARTNER_COLORS.get(partner, MUTED)
        prelim = rows["preliminary"].to_numpy() if "preliminary" in rows else [False] * len(rows)
        fig.add_scatter(
            x=rows["period"], y=rows[value], mode="lines+markers", name=_label(partner),
            line=dict(color=color, width=3), connectgaps=False,
            marker=dict(size=8, color=["white" if p else color for p in prelim], line=dict(color=color, width=2)),
            customdata=["preliminary" if p else "" for p in prelim],
            hovertemplate=hover + " %{customdata}<extra>" + _label(partner) + "</extra>", **where,
        )


def partner_values(data: pd.DataFrame, note: SourceNote, *, flow: str, period_type: str) -> go.Figure:
    """Exports or imports with each main partner, per year or per month."""
    words, noun = FLOW_WORDS[flow]
    fig = go.Figure()
    _partner_lines(fig, data, "value_usd_million", "%{y:,.0f} million USD")
    per = "year" if period_type == "year" else "month"
    fmt = "%Y" if period_type == "year" else "%b %Y"
    if period_type == "year":
        fig.update_xaxes(dtick="M12", tickformat="%Y")
    return finish(
        fig,
        title=f"Taiwan's {words} its main partners, per {per}",
        subtitle=f"{noun} in million US dollars · {_span(data['period'], fmt)} · open markers: preliminary",
        note=note,
        y_title=f"million USD per {per}",
    )


def partner_shares(data: pd.DataFrame, note: SourceNote, *, flow: str) -> go.Figure:
    """Each partner's share of Taiwan's total exports or imports, per year."""
    words, noun = FLOW_WORDS[flow]
    fig = go.Figure()
    _partner_lines(fig, data, "share_pct", "%{y:.1f} %")
    fig.update_xaxes(dtick="M12", tickformat="%Y")
    fig.update_yaxes(ticksuffix=" %")
    return finish(
        fig,
        title=f"Share of Taiwan's total {noun.lower()} by partner",
        subtitle=f"{noun} to each partner as % of the total in the same MOF table · {_span(data['period'], '%Y')}",
        note=note,
        y_title="% of total",
    )


def year_over_year(data: pd.DataFrame, note: SourceNote, *, flow: str) -> go.Figure:
    """YoY change (%) per partner: full years (computed) as bars, months (MOF's own figure) as lines."""
    words, noun = FLOW_WORDS[flow]
    fig = make_subplots(rows=1, cols=2, column_widths=[0.55, 0.45], horizontal_spacing=0.08,
                        subplot_titles=("Full years (computed)", "Months (as published by MOF)"))
    years = data[data["period_type"] == "year"]
    months = data[data["period_type"] == "month"]
    for partner, rows in years.groupby("partner", sort=False):
        fig.add_bar(x=rows["period"], y=rows["yoy_pct"], name=_label(partner), legendgroup=partner,
                    marker_color=PARTNER_COLORS.get(partner, MUTED), hovertemplate="%{y:+.1f} %<extra>"
                    + _label(partner) + "</extra>", row=1, col=1)
    _partner_lines(fig, months, "yoy_pct", "%{y:+.1f} %", row=1, col=2)
    for trace in fig.data[len(years["partner"].unique()):]:
        trace.showlegend = False
    fig.update_xaxes(dtick="M12", tickformat="%Y", row=1, col=1)
    fig.update_xaxes(tickformat="%b %Y", row=1, col=2)
    fig.update_yaxes(ticksuffix=" %", rangemode="normal")
    fig.update_layout(barmode="group", hovermode="closest")
    finish(
        fig,
        title=f"Year-over-year change in Taiwan's {noun.lower()} by partner",
        subtitle="% change on the same period a year earlier · months: MOF's own rate (open markers: preliminary)",
        note=note,
    )
    # the legend goes above the two panel titles
    fig.update_layout(margin_t=150, legend=dict(y=1.1, yanchor="bottom"))
    return fig


def chips(data: pd.DataFrame, note: SourceNote) -> go.Figure:
    """Integrated-circuit exports per year to the main destinations; the partial year is hatched."""
    fig = go.Figure()
    for partner, rows in data.groupby("partner", sort=False):
        partial = rows["period_type"] == "year_to_date"
        fig.add_bar(
            x=rows["period"], y=rows["value_usd_million"], name=_label(partner),
            marker_color=PARTNER_COLORS.get(partner, MUTED),
            marker_pattern_shape=["/" if p else "" for p in partial],
            customdata=list(zip(rows["share_pct"], ["year to date" if p else "" for p in partial])),
            hovertemplate="%{y:,.0f} million USD (%{customdata[0]:.1f} % of IC exports) %{customdata[1]}<extra>"
                          + _label(partner) + "</extra>",
        )
    fig.update_layout(barmode="group", hovermode="closest")
    fig.update_xaxes(dtick="M12", tickformat="%Y")
    return finish(
        fig,
        title="Taiwan's exports of integrated circuits (HS 8542) by destination",
        subtitle=f"Million US dollars per year · chips only, not total trade · hatched: {data['period'].max():%Y} to date "
                 "(months not stated)" if len(data) else "no data",
        note=note,
        y_title="million USD per year",
    )


def trade_and_security(data: pd.DataFrame, note: SourceNote, *, security_note: SourceNote, flow: str, partner: str,
                       period_type: str) -> go.Figure:
    """Trade with a partner above, PLA aircraft around Taiwan below, summed over the same periods."""
    words, _ = FLOW_WORDS[flow]
    per = "year" if period_type == "year" else "month"
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08, row_heights=[0.5, 0.5])
    prelim = data["preliminary"].to_numpy()
    color = PARTNER_COLORS.get(partner, PALETTE[1])
    fig.add_bar(x=data["period"], y=data["value_usd_million"], name=f"{words.capitalize()} {_label(partner)} (million USD)",
                marker_color=color, marker_opacity=[0.45 if p else 1.0 for p in prelim],
                hovertemplate="%{y:,.0f} million USD<extra></extra>", row=1, col=1)
    complete = (data["days_reported"] >= 0.9 * data["days_in_period"]).fillna(False)
    aircraft = [None if pd.isna(v) else float(v) for v in data["pla_aircraft"]]
    fig.add_bar(x=data["period"], y=aircraft, name="PLA aircraft around Taiwan (sum of daily counts)",
                marker_color=PALETTE[0], marker_opacity=[1.0 if c else 0.4 for c in complete],
                customdata=list(zip(data["days_reported"].fillna(0), data["days_in_period"].fillna(0))),
                hovertemplate="%{y:,.0f} aircraft · %{customdata[0]} of %{customdata[1]} days reported<extra></extra>",
                row=2, col=1)
    fig.update_yaxes(title_text="aircraft", row=2, col=1)
    fig.update_yaxes(tickformat=",")
    if period_type == "year":
        fig.update_xaxes(dtick="M12", tickformat="%Y")
    fig.update_layout(hovermode="x unified", height=560)
    fmt = "%Y" if period_type == "year" else "%b %Y"
    merged = SourceNote(source=f"{note.source} (top); {security_note.source} (bottom)", as_of=note.as_of)
    return finish(
        fig,
        title=f"Trade with {_label(partner)} and PLA pressure around Taiwan, per {per}",
        subtitle=f"{_span(data['period'], fmt)} · pale: preliminary trade figures or PLA totals from fewer than 90 % "
                 "of days (a floor, not a full count)",
        note=merged,
        y_title="million USD",
    )


def mirror(data: pd.DataFrame, note: SourceNote) -> go.Figure:
    """Taiwan's exports and imports as reported by its partners (UN Comtrade partner 490)."""
    fig = go.Figure()
    for (reporter, flow), rows in data.groupby(["reporter_name", "flow"], sort=False):
        fig.add_scatter(x=rows["period"], y=rows["value_usd_million"], mode="lines+markers",
                        name=f"{'Exports to' if flow == 'export' else 'Imports from'} {reporter}",
                        line=dict(dash="solid" if flow == "export" else "dot", width=2.5),
                        hovertemplate="%{y:,.0f} million USD<extra></extra>")
    return finish(
        fig,
        title="Taiwan's trade as its partners report it (UN Comtrade, partner 490)",
        subtitle="Partner imports from Taiwan = Taiwan's exports (CIF), partner exports to Taiwan = Taiwan's imports "
                 "(FOB) · million US dollars",
        note=note,
        y_title="million USD",
    )
