"""Figures about events: the catalog timeline, one exercise's event study, exercises compared,
and the shared overlay that marks catalog events on any time-series chart."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from charts.theme import DATE_PAD, INK, ROLE, Metric, SourceNote, finish, floats, plain
from i18n import day, local_name, t

# The catalog timeline's kinds, in neutral inks (as the overlay draws them on data charts).
KIND_COLORS = {"exercise": ROLE["event_ink"], "political": "#7F8A96", "transit": "#A9B3BD", "other": "#C9D0D6"}


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


LABEL_ROWS = 2  # exercise labels stagger over at most this many rows at the top of the plot
LABEL_PX = 15  # one row of labels, in pixels at the house font size
LABEL_SIZE = 11
TIMELINE_LABEL_SIZE = 12
TIMELINE_LANE_PX = 34  # px: one lane of the catalog timeline at house type


def _columns(text: str) -> int:
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def _width(text: str, plot_px: float) -> float:
    """A label's estimated width as a share of the plot's width, at the label size."""
    return (_columns(text) * LABEL_SIZE * 0.58 + 8) / plot_px


def _taken(fig: go.Figure, lo, hi, plot_px: float) -> list[tuple[float, float]]:
    """Spans of the top row already used by labels at the top of the plot (the definition break's)."""
    span = max((hi - lo).total_seconds(), 1.0)
    taken = []
    for note in fig.layout.annotations:
        if note.yref != "paper" or note.y != 1 or note.xref != "x" or note.x is None:
            continue
        x = (pd.Timestamp(note.x) - lo).total_seconds() / span
        width = _width(plain(note.text or ""), plot_px)
        taken.append((x - width, x) if note.xanchor == "right" else (x, x + width))
    return taken


def _label_rows(
    starts: list[pd.Timestamp],
    texts: list[str],
    lo,
    hi,
    plot_px: float,
    taken: list[tuple[float, float]],
    *,
    rows: int = LABEL_ROWS,
) -> list[tuple[int | None, str]]:
    """Row (0 = top) and anchor of each exercise label, so no two labels overlap, nor a label already at the
    top; row None = no room (the marker's hover still names it). A label runs right from its event
    (anchor "left") unless that overhangs the plot's right edge or finds no row: then it may end at its event
    (anchor "right"). Plotly widens a date axis to hold any annotation that overhangs it: the daily chart ran
    on into 2028, twenty months past its data, to hold "Justice Mission-2025"."""
    span = max((hi - lo).total_seconds(), 1.0)
    used: list[list[tuple[float, float]]] = [list(taken)] + [[] for _ in range(rows - 1)]
    placed: list[tuple[int | None, str]] = []
    for start, text in zip(starts, texts):
        x = max((start - lo).total_seconds() / span, 0.0)
        width = _width(text, plot_px)
        sides = [("left", x, x + width), ("right", x - width, x)]
        # the axis runs DATE_PAD past the data each side (charts.theme): a label may use that room
        fitting = [side for side in sides if side[1] >= -DATE_PAD and side[2] <= 1 + DATE_PAD] or sides[:1]
        choice: tuple[int | None, str] = (None, fitting[0][0])
        for anchor, x0, x1 in fitting:
            row = next((r for r in range(rows) if all(x1 <= a or x0 >= b for a, b in used[r])), None)
            if row is not None:
                used[row].append((x0, x1))
                choice = (row, anchor)
                break
        placed.append(choice)
    return placed


def relabel(fig: go.Figure, plot_width: float, plot_height: float) -> go.Figure:
    """Place the exercise labels again for the size and type the figure is finally drawn at (presenter mode,
    exports): larger type at a given width fits fewer labels per row. Labels without room are hidden."""
    notes = [a for a in fig.layout.annotations if a.name == "event_label"]
    if not notes:
        return fig
    xs = [x for trace in fig.data for x in (trace.x if trace.x is not None else []) if x is not None]
    lo, hi = pd.Timestamp(min(xs)), pd.Timestamp(max(xs))
    size = notes[0].font.size or LABEL_SIZE
    others = [a for a in fig.layout.annotations if a.name != "event_label"]
    probe = go.Figure(layout=dict(annotations=others))
    taken = _taken(probe, lo, hi, plot_width * LABEL_SIZE / size)
    placed = _label_rows(
        [pd.Timestamp(a.x) for a in notes], [a.text for a in notes], lo, hi, plot_width * LABEL_SIZE / size, taken
    )
    step = size * LABEL_PX / LABEL_SIZE
    for note, (row, anchor) in zip(notes, placed):
        note.visible = row is not None
        note.yshift = -4 - (row or 0) * step
        note.xanchor = anchor
    rows = [row for row, _ in placed]
    top = (fig.layout.meta or {}).get("data_top") if isinstance(fig.layout.meta, dict) else None
    used = max([r + 1 for r in rows if r is not None] + [1 if taken else 0])
    if top:
        share = min((used * step + 6) / max(plot_height, 1), 0.3)
        fig.layout.yaxis.range = [0, top * 1.04 / (1 - share)]
    return fig


def _headroom(fig: go.Figure, rows: int, plot_px: float) -> None:
    """Room at the top of the primary y axis for the label rows, so labels never sit on the data."""
    if rows == 0 or fig.layout.yaxis.range is not None:
        return
    traces = [
        trace
        for trace in fig.data
        if trace.yaxis in (None, "y") and trace.y is not None and getattr(trace, "orientation", None) != "h"
    ]
    stacked = fig.layout.barmode in ("stack", "relative")
    totals: dict = {}
    tops: list[float] = []
    for trace in traces:
        for x, v in zip(trace.x if trace.x is not None else [None] * len(trace.y), trace.y):
            if not isinstance(v, (int, float)) or v != v:
                continue
            if stacked and trace.type == "bar":
                totals[x] = totals.get(x, 0) + v
            else:
                tops.append(v)
    tops += list(totals.values())
    if not tops or min(tops) < 0:
        return
    share = min((rows * LABEL_PX + 6) / plot_px, 0.3)
    fig.layout.yaxis.range = [0, max(tops) * 1.04 / (1 - share)]  # the primary axis only
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    fig.layout.meta = meta | {"data_top": max(tops)}  # relabel() redoes the headroom at the final size


def _plot_px(fig: go.Figure) -> tuple[float, float]:
    """Plot width and height in pixels as the figure will most likely be drawn (wide layout, its height)."""
    margin = fig.layout.margin
    height = (fig.layout.height or 450) - (margin.t or 100) - (margin.b or 80)
    width = (fig.layout.width or 1100) - (margin.l or 70) - (margin.r or 30)
    return max(width, 300.0), max(height, 150.0)


def add_events(fig: go.Figure, events: pd.DataFrame) -> go.Figure:
    """Catalog events on a time-series chart, drawn to help reading rather than compete with the data.

    Exercises: a light neutral span over their report days and a short horizontal label at the top of the
    plot, staggered over two rows so labels never collide (one that finds no room is left to the hover);
    the y axis gets headroom so labels never sit on the data. Political and other events: a thin dashed
    rule. Every event has a marker along the top whose hover gives its full name, kind and announced dates,
    and the legend has one key per kind of mark. Events outside the plotted range are skipped.

    Charts are dated by MND report day, so where `events` carries `report_start`/`report_end`
    (analysis.events.with_report_days) the spans cover those days: since Nov 2022 a day's activity is
    reported the next morning.
    """
    xs = [x for trace in fig.data for x in (trace.x if trace.x is not None else []) if x is not None]
    if not xs or events.empty:
        return fig
    lo, hi = pd.Timestamp(min(xs)), pd.Timestamp(max(xs))
    events = events.copy()
    if "report_start" not in events.columns:
        events["report_start"], events["report_end"] = events["start"], events["end"]
    shown = events[(events["report_end"] >= lo) & (events["report_start"] <= hi)].sort_values("report_start")
    if shown.empty:
        return fig
    ink, fill = ROLE["event_ink"], ROLE["event_fill"]
    width_px, height_px = _plot_px(fig)
    exercises = shown[shown["kind"] == "exercise"]
    texts = [plain(event_label(row)) for _, row in exercises.iterrows()]
    taken = _taken(fig, lo, hi, width_px)
    placed = _label_rows(list(exercises["report_start"]), texts, lo, hi, width_px, taken)
    rows = [row for row, _ in placed]
    # Shapes and labels are collected and set once: add_vrect/add_vline re-validate the whole shape
    # list on every call, which cost ~160 ms per chart per rerun (bench/RESULTS.md, page switch).
    shapes, labels = list(fig.layout.shapes), list(fig.layout.annotations)
    for (_, event), text, (row, anchor) in zip(exercises.iterrows(), texts, placed):
        x0 = event["report_start"] - pd.Timedelta(hours=12)
        x1 = event["report_end"] + pd.Timedelta(hours=12)
        shapes.append(
            dict(type="rect", xref="x", yref="paper", x0=x0, x1=x1, y0=0, y1=1, fillcolor=fill, opacity=0.22)
            | dict(line_width=0, layer="below")
        )
        if row is not None:
            labels.append(
                dict(
                    x=x0,
                    xref="x",
                    y=1,
                    yref="paper",
                    yshift=-4 - row * LABEL_PX,
                    text=text,
                    showarrow=False,
                    xanchor=anchor,
                    yanchor="top",
                    font=dict(size=LABEL_SIZE, color=ink),
                    name="event_label",
                )
            )
    for _, event in shown[shown["kind"] != "exercise"].iterrows():
        x = event["report_start"]
        shapes.append(
            dict(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1, opacity=0.55)
            | dict(line=dict(color=ink, width=1, dash="dash"), layer="below")
        )
    fig.update_layout(shapes=shapes, annotations=labels)
    _headroom(fig, max([r + 1 for r in rows if r is not None] + [1 if taken else 0]), height_px)
    _event_keys(fig, has_exercise=len(exercises) > 0, has_other=len(shown) > len(exercises))
    fig.add_scatter(  # last: the hoverable markers
        x=shown["report_start"],
        y=[1.0] * len(shown),
        yaxis="y9",
        mode="markers",
        name=t("events.catalog_event"),
        marker=dict(
            symbol=["triangle-down" if k == "exercise" else "triangle-down-open" for k in shown["kind"]],
            size=9,
            color=ink,
        ),
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


def _event_keys(fig: go.Figure, *, has_exercise: bool, has_other: bool) -> None:
    """Legend keys for the marks the overlay drew (legend-only traces: they draw nothing on the plot)."""
    if has_exercise:
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=t("events.key.exercise"),
            marker=dict(symbol="square", size=12, color=ROLE["event_fill"], opacity=0.5),
            hoverinfo="skip",
        )
    if has_other:
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="lines",
            name=t("events.key.political"),
            line=dict(color=ROLE["event_ink"], width=1, dash="dash"),
            hoverinfo="skip",
        )


def event_label(event: pd.Series) -> str:
    """An event's short label in the reader's language (the catalog's own when it has one)."""
    own = local_name(event, prefix="label") if "label_en" in event else None
    return str(own) if isinstance(own, str) and own else short_label(local_name(event), 22)


TIMELINE_PLOT_PX = 620  # px at house type that lanes are packed for: what a 16 cm column at 8.5 pt (the
# narrowest for its type) holds; a screen column, the presenter and a slide hold a little more
TIMELINE_LABEL_COLUMNS = 30  # display columns (CJK: two) of a label; the full name is in the hover


def _masked(values: list, mask) -> list:
    return [value for value, keep in zip(values, mask) if keep]


def _clipped(text: str, limit: int) -> str:
    """`text` cut to `limit` display columns, with an ellipsis."""
    if _columns(text) <= limit:
        return text
    out = ""
    for char in text:
        if _columns(out + char) > limit - 1:
            break
        out += char
    return out.rstrip() + "…"


def timeline(events: pd.DataFrame, note: SourceNote) -> go.Figure:
    """The catalog on one time axis: each event a diamond (a bar over its days) with its label beside it, in as
    few lanes as keep labels apart, so 18 events read on one screen and from the back of a room; kinds by
    colour, full names, dates and sources in the hover."""
    ordered = events.sort_values("start").reset_index(drop=True)
    names = [plain(n) for n in local_name(ordered)]
    labels = [plain(_clipped(event_label(row), TIMELINE_LABEL_COLUMNS)) for _, row in ordered.iterrows()]
    lo, hi = ordered["start"].min(), ordered["end"].max()
    placed = _label_rows(
        list(ordered["start"]),
        labels,
        lo,
        hi,
        TIMELINE_PLOT_PX * LABEL_SIZE / TIMELINE_LABEL_SIZE,
        [],
        rows=len(ordered),
    )
    lanes = [row if row is not None else 0 for row, _ in placed]
    sides = ["middle right" if anchor == "left" else "middle left" for _, anchor in placed]
    fig = go.Figure()
    for kind in KIND_COLORS:
        mask = (ordered["kind"] == kind).to_numpy()
        if not mask.any():
            continue
        rows = ordered[mask]
        lane = _masked(lanes, mask)
        duration_ms = ((rows["end"] - rows["start"]).dt.days + 1) * 86_400_000
        hover = list(
            zip(
                _masked(names, mask),
                rows["start"].map(day),
                rows["end"].map(day),
                rows["source_publisher"].map(plain),
            )
        )
        template = (
            "<b>%{customdata[0]}</b><br>%{customdata[1]} – %{customdata[2]}<br>"
            + t("events.source")
            + ": %{customdata[3]}<extra></extra>"
        )
        fig.add_bar(
            base=rows["start"] - pd.Timedelta(hours=12),
            x=duration_ms,
            y=lane,
            orientation="h",
            name=kind_label(kind),
            marker_color=KIND_COLORS[kind],
            width=0.5,
            customdata=hover,
            hovertemplate=template,
        )
        fig.add_scatter(
            x=rows["start"],
            y=lane,
            mode="markers+text",
            text=_masked(labels, mask),
            textposition=_masked(sides, mask),
            textfont=dict(size=TIMELINE_LABEL_SIZE, color=INK),
            marker=dict(color=KIND_COLORS[kind], size=10, symbol="diamond"),
            customdata=hover,
            hovertemplate=template,
            showlegend=False,
        )
    count = max(lanes, default=0) + 1
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#E3E7EC")
    fig.update_yaxes(range=[count - 0.4, -0.6], showticklabels=False, showgrid=False, zeroline=False, fixedrange=True)
    fig.update_layout(barmode="overlay", hovermode="closest", height=230 + TIMELINE_LANE_PX * count)
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
        fillcolor=ROLE["event_fill"],
        opacity=0.18,
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
    short labels in the reader's language (the comparison carries the English names); each row is named by
    it over its first day, two lines that stay clear of the next row's at every size."""
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
        marker_color=ROLE["aircraft_light"] if metric.column == "aircraft" else "#F0A57C",
    )
    fig.update_layout(barmode="group", hovermode="y unified", height=160 + 70 * len(comparison))
    fig.update_yaxes(autorange="reversed", automargin=True, categoryorder="array", categoryarray=names)
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
        marker=dict(symbol="circle-open", size=10, color=ROLE["surge"], line=dict(width=2)),
        customdata=flags["z"],
        hovertemplate="%{y:,.0f} (z %{customdata:.1f})<extra></extra>",
    )
    return fig
