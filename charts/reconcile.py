"""The reconciliation of two transcriptions of MND's daily report (from analysis/reconcile.py)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts.theme import INK, METRIC_COLORS, MUTED, SourceNote, finish
from i18n import day, t

MEASURES = ("aircraft", "vessels")  # shown as metric.<key>
HINTS = ("previous", "next")  # analysis/reconcile.py's hint keys, shown as chart.reconcile.hint.<key>
ONE_SIDED = ("only_dashboard", "only_tracker")


def measure_label(measure: str) -> str:
    return t(f"metric.{measure}") if measure in MEASURES else measure


def _hint(value: str) -> str:
    return t(f"chart.reconcile.hint.{value}") if value in HINTS else value


def differences(comparison: pd.DataFrame, note: SourceNote) -> go.Figure:
    """Per measure, one row: tracker − dashboard per day; agreeing days sit on zero as grey dots."""
    measures = list(dict.fromkeys(comparison["measure"]))
    fig = make_subplots(
        rows=max(len(measures), 1),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.1,
        subplot_titles=[t("chart.reconcile.panel", measure=measure_label(m)) for m in measures],
    )
    for row, measure in enumerate(measures, start=1):
        rows = comparison[comparison["measure"] == measure]
        agree = rows[rows["status"] == "agree"]
        differ = rows[rows["status"] == "disagree"]
        one_sided = rows[rows["status"].isin(ONE_SIDED)]
        fig.add_scatter(
            x=agree["date"],
            y=[0] * len(agree),
            mode="markers",
            name=t("chart.reconcile.same"),
            marker=dict(color=MUTED, size=5),
            legendgroup="agree",
            showlegend=row == 1,
            customdata=agree["date"].map(day),
            hovertemplate=t("chart.reconcile.hover_agree") + "<extra></extra>",
            row=row,
            col=1,
        )
        fig.add_bar(
            x=differ["date"],
            y=[float(v) for v in differ["difference"]],
            name=t("chart.reconcile.different"),
            marker_color="#5E6B78",  # a difference, not a measure: neutral ink (its sign is its direction)
            legendgroup="differ",
            showlegend=row == 1,
            customdata=list(
                zip(
                    differ["dashboard"].astype("float64"),
                    differ["tracker"].astype("float64"),
                    differ["hint"].map(_hint),
                    differ["date"].map(day),
                )
            ),
            hovertemplate=t("chart.reconcile.hover_differ") + "<br>%{customdata[2]}<extra></extra>",
            row=row,
            col=1,
        )
        if len(one_sided):
            fig.add_scatter(
                x=one_sided["date"],
                y=[0] * len(one_sided),
                mode="markers",
                name=t("chart.reconcile.one"),
                marker=dict(symbol="x", color=INK, size=8),
                legendgroup="one",
                showlegend=row == 1,
                customdata=list(
                    zip(one_sided["date"].map(day), [t(f"chart.reconcile.status.{s}") for s in one_sided["status"]])
                ),
                hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>",
                row=row,
                col=1,
            )
        fig.update_yaxes(
            title_text=t("chart.reconcile.y"), rangemode="normal", zeroline=True, zerolinecolor=MUTED, row=row, col=1
        )
    fig.update_layout(hovermode="closest", height=260 + 220 * len(measures), bargap=0.1)
    fig.update_xaxes(tickformat="%d %b %Y")
    span = (
        f"{day(comparison['date'].min())} – {day(comparison['date'].max())}"
        if len(comparison)
        else t("chart.reconcile.no_overlap")
    )
    finish(
        fig,
        title=t("chart.reconcile.title"),
        subtitle=t("chart.reconcile.subtitle", span=span),
        note=note,
        y_title=t("chart.reconcile.y"),
    )
    fig.update_layout(margin_t=150, legend=dict(y=1.06, yanchor="bottom"))  # above the panel titles
    return fig


def witness_label(name: str) -> str:
    """A witness's short name in the reader's language (analysis/witnesses.py names them)."""
    return t(f"chart.witnesses.name.{name}")


def pair_agreement(pairs: pd.DataFrame, note: SourceNote) -> go.Figure:
    """Share of days each pair of witnesses states the same count, one bar per pair and field."""
    fig = go.Figure()
    for field in dict.fromkeys(pairs["field"]):
        rows = pairs[pairs["field"] == field]
        names = [f"{witness_label(a)} – {witness_label(b)}" for a, b in zip(rows["first"], rows["second"])]
        fig.add_bar(
            y=names,
            x=[100 * float(v) for v in rows["share_agree"]],
            orientation="h",
            name=measure_label(field),
            marker_color=METRIC_COLORS.get(field, MUTED),
            customdata=list(zip(rows["days_agree"].astype("int64"), rows["days_compared"].astype("int64"))),
            hovertemplate=t("chart.witnesses.hover") + "<extra></extra>",
        )
    fig.update_layout(
        barmode="group", hovermode="closest", height=360 + 28 * pairs[["first", "second"]].drop_duplicates().shape[0]
    )
    fig.update_xaxes(range=[0, 100], ticksuffix=" %")
    fig.update_yaxes(autorange="reversed", automargin=True)  # pair names are long: the margin grows to fit them
    finish(
        fig,
        title=t("chart.witnesses.title"),
        subtitle=t("chart.witnesses.subtitle"),
        note=note,
        x_title=t("chart.witnesses.x"),
    )
    return fig
