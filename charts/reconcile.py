"""The reconciliation of two transcriptions of MND's daily report (from analysis/reconcile.py)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts.theme import MUTED, PALETTE, SourceNote, finish

MEASURE_LABELS = {"aircraft": "PLA aircraft", "vessels": "PLA Navy vessels"}


def differences(comparison: pd.DataFrame, note: SourceNote) -> go.Figure:
    """Per measure, one row: tracker − dashboard per day; agreeing days sit on zero as grey dots."""
    measures = list(dict.fromkeys(comparison["measure"]))
    fig = make_subplots(rows=max(len(measures), 1), cols=1, shared_xaxes=True, vertical_spacing=0.1,
                        subplot_titles=[f"{MEASURE_LABELS.get(m, m)}: tracker minus dashboard" for m in measures])
    for row, measure in enumerate(measures, start=1):
        rows = comparison[comparison["measure"] == measure]
        agree = rows[rows["status"] == "agree"]
        differ = rows[rows["status"] == "disagree"]
        one_sided = rows[rows["status"].isin(["only_dashboard", "only_tracker"])]
        fig.add_scatter(x=agree["date"], y=[0] * len(agree), mode="markers", name="Same value",
                        marker=dict(color=MUTED, size=5), legendgroup="agree", showlegend=row == 1,
                        hovertemplate="%{x|%d %b %Y}: both sources agree<extra></extra>", row=row, col=1)
        fig.add_bar(x=differ["date"], y=[float(v) for v in differ["difference"]], name="Different value",
                    marker_color=[PALETTE[1] if v > 0 else PALETTE[0] for v in differ["difference"]],
                    legendgroup="differ", showlegend=row == 1,
                    customdata=list(zip(differ["dashboard"].astype("float64"), differ["tracker"].astype("float64"),
                                        differ["hint"])),
                    hovertemplate="%{x|%d %b %Y}: dashboard %{customdata[0]:.0f}, tracker %{customdata[1]:.0f}"
                                  "<br>%{customdata[2]}<extra></extra>", row=row, col=1)
        if len(one_sided):
            fig.add_scatter(x=one_sided["date"], y=[0] * len(one_sided), mode="markers", name="Only one source",
                            marker=dict(symbol="x", color=PALETTE[4], size=8), legendgroup="one", showlegend=row == 1,
                            customdata=one_sided["status"],
                            hovertemplate="%{x|%d %b %Y}: %{customdata}<extra></extra>", row=row, col=1)
        fig.update_yaxes(title_text="difference", rangemode="normal", zeroline=True, zerolinecolor=MUTED, row=row, col=1)
    fig.update_layout(hovermode="closest", height=260 + 220 * len(measures), bargap=0.1)
    fig.update_xaxes(tickformat="%d %b %Y")
    span = (f"{comparison['date'].min():%d %b %Y} – {comparison['date'].max():%d %b %Y}"
            if len(comparison) else "no overlap")
    finish(
        fig,
        title="Two transcriptions of MND's daily report, day by day",
        subtitle=f"PLA Tracker minus pla-data-dashboard · {span} · bars: days they differ (never averaged)",
        note=note,
        y_title="difference",
    )
    fig.update_layout(margin_t=150, legend=dict(y=1.06, yanchor="bottom"))  # above the panel titles
    return fig
