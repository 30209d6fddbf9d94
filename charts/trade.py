"""Figures of Taiwan's trade. Each takes the exact frame it plots (from analysis/trade.py).

Preliminary figures (MOF's 2025 data) are drawn with open markers and a dotted line, so a slide
never shows a provisional number as final.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.trade import PARTNERS
from charts.theme import MUTED, ROLE, SourceNote, finish, floats, mark_break
from i18n import month_abbr, t

PARTNER_COLORS = {
    "china_hk": ROLE["china"],
    "china": ROLE["china"],
    "hong_kong": ROLE["china_light"],
    "us": ROLE["us"],
    "japan": ROLE["japan"],
    "asean": "#A6761D",
    "korea": "#6F5B4B",
    "europe": ROLE["other_partner"],
    "total": "#4A5561",
}


def partner_label(partner: str) -> str:
    return t(f"trade.partner.{partner}") if partner in PARTNERS else partner


def _period(value: pd.Timestamp, period_type: str) -> str:
    if period_type == "year":
        return str(value.year)
    return t("chart.month_year", month=month_abbr(value.month), year=value.year)


def _span(periods: pd.Series, period_type: str) -> str:
    if not len(periods):
        return t("chart.no_data")
    return f"{_period(periods.min(), period_type)} – {_period(periods.max(), period_type)}"


def in_usd_unit(millions: pd.Series | float) -> pd.Series | float:
    """Trade in the unit a reader of the language expects: billions in English, 億 (100 million) in
    Japanese and Chinese. Tables and CSV keep the source's millions."""
    return millions / float(t("chart.trade.millions_per_unit"))


def _plain_numbers(fig: go.Figure, **where) -> None:
    """Axes read "2,000" (億) or "1.5" (bn), never plotly's SI "2k" beside a unit that already
    scales the number."""
    fig.update_yaxes(tickformat=",~f", **where)


def _partner_lines(fig: go.Figure, data: pd.DataFrame, value: str, hover: str, **where) -> None:
    preliminary = t("chart.trade.preliminary")
    for partner, rows in data.groupby("partner", sort=False):
        color = PARTNER_COLORS.get(partner, MUTED)
        prelim = rows["preliminary"].to_numpy() if "preliminary" in rows else [False] * len(rows)
        fig.add_scatter(
            x=rows["period"],
            y=rows[value],
            mode="lines+markers",
            name=partner_label(partner),
            line=dict(color=color, width=3),
            connectgaps=False,
            marker=dict(size=8, color=["white" if p else color for p in prelim], line=dict(color=color, width=2)),
            customdata=[preliminary if p else "" for p in prelim],
            hovertemplate=hover + " %{customdata}<extra>" + partner_label(partner) + "</extra>",
            **where,
        )


def partner_values(data: pd.DataFrame, note: SourceNote, *, flow: str, period_type: str) -> go.Figure:
    """Exports or imports with each main partner, per year or per month."""
    fig = go.Figure()
    _partner_lines(fig, data.assign(value=in_usd_unit(data["value_usd_million"])), "value", t("chart.trade.hover_usd"))
    per = "year" if period_type == "year" else "month"
    if period_type == "year":
        fig.update_xaxes(dtick="M12", tickformat="%Y")
    _plain_numbers(fig)
    return finish(
        fig,
        title=t(f"chart.trade.values.title_{flow}", per=t(f"chart.trade.per.{per}")),
        subtitle=t("chart.trade.values.subtitle", flow=t(f"trade.flow.{flow}"), span=_span(data["period"], per)),
        note=note,
        y_title=t(f"chart.trade.usd_per_{per}"),
    )


def partner_shares(data: pd.DataFrame, note: SourceNote, *, flow: str) -> go.Figure:
    """Each partner's share of Taiwan's total exports or imports, per year."""
    fig = go.Figure()
    _partner_lines(fig, data, "share_pct", "%{y:.1f} %")
    fig.update_xaxes(dtick="M12", tickformat="%Y")
    fig.update_yaxes(ticksuffix=" %")
    return finish(
        fig,
        title=t("chart.trade.shares.title", flow=t(f"trade.flow_noun.{flow}")),
        subtitle=t("chart.trade.shares.subtitle", flow=t(f"trade.flow.{flow}"), span=_span(data["period"], "year")),
        note=note,
        y_title=t("chart.trade.shares.y"),
    )


def year_over_year(data: pd.DataFrame, note: SourceNote, *, flow: str) -> go.Figure:
    """YoY change (%) per partner: full years (computed) as bars, months (MOF's own figure) as lines."""
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.55, 0.45],
        horizontal_spacing=0.08,
        subplot_titles=(t("chart.trade.yoy.years"), t("chart.trade.yoy.months")),
    )
    years = data[data["period_type"] == "year"]
    months = data[data["period_type"] == "month"]
    for partner, rows in years.groupby("partner", sort=False):
        fig.add_bar(
            x=rows["period"],
            y=rows["yoy_pct"],
            name=partner_label(partner),
            legendgroup=partner,
            marker_color=PARTNER_COLORS.get(partner, MUTED),
            hovertemplate="%{y:+.1f} %<extra>" + partner_label(partner) + "</extra>",
            row=1,
            col=1,
        )
    _partner_lines(fig, months, "yoy_pct", "%{y:+.1f} %", row=1, col=2)
    for trace in fig.data[len(years["partner"].unique()) :]:
        trace.showlegend = False
    fig.update_xaxes(dtick="M12", tickformat="%Y", row=1, col=1)
    fig.update_xaxes(tickformat="%b %Y", row=1, col=2)
    fig.update_yaxes(ticksuffix=" %", rangemode="normal")
    fig.update_layout(barmode="group", hovermode="closest")
    finish(
        fig,
        title=t("chart.trade.yoy.title", flow=t(f"trade.flow_noun.{flow}")),
        subtitle=t("chart.trade.yoy.subtitle"),
        note=note,
    )
    # the legend goes above the two panel titles
    fig.update_layout(margin_t=150, legend=dict(y=1.1, yanchor="bottom"))
    return fig


def chips(data: pd.DataFrame, note: SourceNote) -> go.Figure:
    """Integrated-circuit exports per year to the main destinations; the partial year is hatched."""
    fig = go.Figure()
    to_date = t("chart.trade.chips.to_date")
    for partner, rows in data.groupby("partner", sort=False):
        partial = rows["period_type"] == "year_to_date"
        fig.add_bar(
            x=rows["period"],
            y=in_usd_unit(rows["value_usd_million"]),
            name=partner_label(partner),
            marker_color=PARTNER_COLORS.get(partner, MUTED),
            marker_pattern_shape=["/" if p else "" for p in partial],
            customdata=list(zip(rows["share_pct"], [to_date if p else "" for p in partial])),
            hovertemplate=t("chart.trade.chips.hover")
            + " %{customdata[1]}<extra>"
            + partner_label(partner)
            + "</extra>",
        )
    fig.update_layout(barmode="group", hovermode="closest")
    fig.update_xaxes(dtick="M12", tickformat="%Y")
    _plain_numbers(fig)
    return finish(
        fig,
        title=t("chart.trade.chips.title"),
        subtitle=t("chart.trade.chips.subtitle", year=data["period"].max().year) if len(data) else t("chart.no_data"),
        note=note,
        y_title=t("chart.trade.usd_per_year"),
    )


def trade_and_security(
    data: pd.DataFrame,
    note: SourceNote,
    *,
    security_note: SourceNote,
    flow: str,
    partner: str,
    period_type: str,
    break_day: pd.Timestamp | None = None,
) -> go.Figure:
    """Trade with a partner above, PLA aircraft around Taiwan below, summed over the same periods;
    `break_day` (the change of MND's count) is marked as on every other time-series chart."""
    per = "year" if period_type == "year" else "month"
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.14, row_heights=[0.5, 0.5])
    prelim = data["preliminary"].to_numpy()
    color = PARTNER_COLORS.get(partner, ROLE["china"])
    fig.add_bar(
        x=data["period"],
        y=in_usd_unit(data["value_usd_million"]),
        name=t(f"chart.trade.security.trade_{flow}", partner=partner_label(partner)),
        marker_color=color,
        marker_opacity=[0.45 if p else 1.0 for p in prelim],
        hovertemplate=t("chart.trade.hover_usd") + "<extra></extra>",
        row=1,
        col=1,
    )
    complete = data["complete"].fillna(False).astype(bool) if "complete" in data else pd.Series(False, index=data.index)
    definition = data["definition"] if "definition" in data else pd.Series(None, index=data.index)
    aircraft = floats(data["pla_aircraft"])
    # ADIZ-era counts are another quantity: hatched, and named in the hover, never read as the same series
    fig.add_bar(
        x=data["period"],
        y=aircraft,
        name=t("chart.trade.security.pla"),
        marker_color=ROLE["aircraft"],
        marker_opacity=[1.0 if c else 0.4 for c in complete],
        marker_pattern_shape=["/" if d == "adiz_entries" else "" for d in definition],
        marker_pattern_fillmode="overlay",
        marker_pattern_fgcolor="white",
        customdata=list(
            zip(
                data["days_reported"].fillna(0),
                data["days_in_period"].fillna(0),
                [t(f"chart.definition.{d}") if isinstance(d, str) else "" for d in definition],
            )
        ),
        hovertemplate=t("chart.trade.security.hover_pla") + "<br>%{customdata[2]}<extra></extra>",
        row=2,
        col=1,
    )
    mark_break(fig, break_day)
    fig.update_yaxes(title_text=t("chart.trade.security.y_pla"), row=2, col=1)
    _plain_numbers(fig)
    if period_type == "year":
        fig.update_xaxes(dtick="M12", tickformat="%Y")
    fig.update_layout(hovermode="x unified", height=560)
    merged = SourceNote(source=t("chart.top_bottom", top=note.source, bottom=security_note.source), as_of=note.as_of)
    return finish(
        fig,
        title=t("chart.trade.security.title", partner=partner_label(partner), per=t(f"chart.trade.per.{per}")),
        subtitle=t("chart.trade.security.subtitle", span=_span(data["period"], per)),
        note=merged,
        y_title=t("chart.trade.usd"),
    )


def mirror(data: pd.DataFrame, note: SourceNote) -> go.Figure:
    """Taiwan's exports and imports as reported by its partners (UN Comtrade partner 490)."""
    fig = go.Figure()
    for (reporter, flow), rows in data.groupby(["reporter_name", "flow"], sort=False):
        fig.add_scatter(
            x=rows["period"],
            y=in_usd_unit(rows["value_usd_million"]),
            mode="lines+markers",
            name=t(f"chart.trade.mirror.{'export' if flow == 'export' else 'import'}", reporter=reporter),
            line=dict(dash="solid" if flow == "export" else "dot", width=2.5),
            hovertemplate=t("chart.trade.hover_usd") + "<extra></extra>",
        )
    _plain_numbers(fig)
    return finish(
        fig,
        title=t("chart.trade.mirror.title"),
        subtitle=t("chart.trade.mirror.subtitle"),
        note=note,
        y_title=t("chart.trade.usd"),
    )
