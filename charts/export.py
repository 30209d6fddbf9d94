"""Static figure export (PNG, SVG, PDF) through plotly + kaleido, in sizes a report or a slide really has.

Sizes are set in centimetres at the size the figure is placed, and type in points at that size, the way a
publication designer specifies a figure: a 16 cm report column with 8.5 pt body text and a 7.5 pt source
line reads like the report's own captions, where a 1000 px figure shrunk into the column read at 6.8 pt.
Chromium prints CSS pixels at 96 to the inch, so a figure laid out 605 px wide is a 16 cm PDF page and its
12 px text is 9 pt; PNGs are rendered at 2x and say so (pHYs), so Word and PowerPoint place them at the
same 16 cm. PDFs carry the chart's title, source and language in their metadata and embed TrueType fonts
(theme.font_family(for_pdf=True)).

Kaleido drives the system Chromium (Debian's `chromium`, found on PATH or via BROWSER_PATH), so exports
work offline.
"""

from __future__ import annotations

import copy
import html
import io
import re
import struct
import unicodedata
import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

import settings
from charts.events import relabel
from charts.theme import BODY_SIZE, MARGIN, array_values, font_family, scaled, source_text, unwrap, wrap_text
from i18n import DEFAULT, t

FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}

CM_PER_INCH = 2.54
PX_PER_INCH = 96  # CSS pixels, as Chromium prints them
PT_PER_PX = 72 / PX_PER_INCH


def px_to_cm(px: float) -> float:
    """CSS pixels as centimetres: screen sizes (presenter, a screen's column) are given in px."""
    return px / PX_PER_INCH * CM_PER_INCH


@dataclass(frozen=True)
class Size:
    """A figure as placed in a document: its size in cm and its type in points at that size."""

    key: str
    width_cm: float
    height_cm: float
    body_pt: float  # tick labels; titles, legend and axis titles keep the house proportions to it
    small_pt: float  # the smallest text allowed: source line, notes and labels on the plot
    print_: bool = True  # read on paper at arm's length (False: projected, read from across a room)

    @property
    def width(self) -> int:
        """CSS pixels for kaleido."""
        return round(self.width_cm / CM_PER_INCH * PX_PER_INCH)

    @property
    def height(self) -> int:
        return round(self.height_cm / CM_PER_INCH * PX_PER_INCH)

    @property
    def label(self) -> str:
        """E.g. "Report column, 16 × 10 cm (A4 portrait)", in the reader's language."""
        return t(
            f"export.size.{self.key}", width=f"{round(self.width_cm, 1):g}", height=f"{round(self.height_cm, 1):g}"
        )

    def px(self, points: float) -> float:
        return points / PT_PER_PX


SIZES = {
    # A4 portrait with 2.5 cm margins leaves a 16 cm text column (Word's default 2.54 cm: 15.9 cm).
    "a4": Size("a4", 16.0, 10.0, body_pt=8.5, small_pt=7.5),
    # A4 landscape with the same margins: a 24.7 cm text width, for a long daily series given a whole page.
    "a4_landscape": Size("a4_landscape", 24.7, 15.0, body_pt=9.0, small_pt=7.5),
    # PowerPoint's and Keynote's 16:9 page (13.33 x 7.5 in); type sized to be read from the back of a room.
    "slide": Size("slide", 33.867, 19.05, body_pt=14.0, small_pt=11.0, print_=False),
}
PNG_SCALE = 2
LINE = 1.45  # line height of wrapped titles and source lines, in ems
EM_PER_COLUMN = {"regular": 0.5, "bold": 0.56}  # Arial's mean advance per display column (CJK: 2 columns)


def _columns_fitting(width_px: float, font_px: float, weight: str = "regular") -> int:
    return max(20, int(width_px / (font_px * EM_PER_COLUMN[weight])))


PAD = 12  # px: title, subtitle and source line sit this far from the figure's left edge


def for_export(fig: go.Figure, size: Size, *, in_place: bool = False) -> go.Figure:
    """A copy laid out for `size`: type scaled so body text is `size.body_pt` where the figure is placed,
    nothing below `size.small_pt`; title, subtitle and source line flush with the figure's left edge
    (as in a printed figure; the legend stays over the plot) and wrapped to its width, the margins grown to hold them. The
    interactive-only bits (hover, modebar) do not matter in print. A figure laid out as a page of its own
    (a precedent card: layout.meta.page) keeps its page size and type. `in_place`: the caller's own, just
    built figure is laid out itself (copying the daily chart took ~90 ms of each chart's first view on screen)."""
    if own_page(fig):
        return fig if in_place else copy.deepcopy(fig)
    factor = size.px(size.body_pt) / BODY_SIZE
    out = scaled(fig if in_place else copy.deepcopy(fig), factor)
    floor = round(size.px(size.small_pt), 1)
    layout = out.layout
    for annotation in layout.annotations:
        annotation.font.size = max(annotation.font.size or floor, floor)
    for part in (layout.legend.font, layout.title.subtitle.font):
        part.size = max(part.size or floor, floor)
    for trace in out.data:
        text = getattr(trace, "textfont", None)
        if text is not None and isinstance(text.size, (int, float)):
            text.size = max(text.size, floor)
    out.for_each_xaxis(lambda axis: axis.update(title_font_size=max(axis.title.font.size or floor, floor)))
    out.for_each_yaxis(lambda axis: axis.update(title_font_size=max(axis.title.font.size or floor, floor)))
    margin = layout.margin
    labels = _label_margin(out)
    margin.l = round(max(margin.l or 0, labels, _number_margin(out)))
    room = size.width - 2 * PAD
    layout.title.update(xref="container", x=PAD / size.width)
    _legend_beside(out, size.width - margin.l - (margin.r or 0), house_top=MARGIN["t"] * factor)
    plot_width = size.width - margin.l - (margin.r or 0)
    _wrap_title(out, room)
    _legend_rows(out, plot_width)  # the legend stays over the plot: placed outside it, plotly would move the plot
    _wrap_source(out, room, floor, plot_width=plot_width)
    out.update_layout(width=size.width, height=size.height)
    plot_height = size.height - (margin.t or 0) - (margin.b or 0)  # the margins are final from here on
    relabel(out, plot_width, plot_height)
    _thin_ticks(out, plot_width)
    _thin_y_ticks(out, plot_height)
    # Print keeps row labels at body size; a screen or a slide may take them down to its smallest type.
    label_floor = size.px(size.body_pt * 0.94 if size.print_ else size.small_pt)
    _fit_category_labels(out, plot_height, label_floor)
    _fit_legend_column(out, plot_height, floor)  # may make the figure taller
    _legend_over_panel_titles(out, (out.layout.height or size.height) - (margin.t or 0) - (margin.b or 0))
    return out


def _legend_over_panel_titles(fig: go.Figure, plot_height: float) -> None:
    """A legend above panel titles (make_subplots' titles, sitting on the plot's top edge) is held clear of
    them at the size drawn: charts place it at a fraction of the plot's height, which at presenter size put
    the keys on "Full years (computed)"."""
    legend = fig.layout.legend
    if legend.orientation == "v" or legend.yanchor != "bottom" or (legend.y or 0) <= 1:
        return
    titles = [
        a
        for a in fig.layout.annotations
        if a.yref == "paper" and a.y == 1 and a.yanchor == "bottom" and a.name not in ("source", "event_label")
    ]
    if titles and plot_height > 0:
        tallest = max(len(_plain_lines(a.text or "")) * (a.font.size or BODY_SIZE) * LINE for a in titles)
        legend.y = max(legend.y, 1 + (tallest + 8) / plot_height)


def _fit_category_labels(fig: go.Figure, plot_height: float, floor: float) -> None:
    """A category axis (the timeline's event names) whose rows would be closer than its type: smaller type, down
    to the size's body type, so every label shows where it can (plotly would otherwise drop every other one
    without a word). Rows too dense even then (18 events in a 10 cm column) are left to plotly's thinning."""
    axis = fig.layout.yaxis
    labels = list(axis.categoryarray or [])
    if len(labels) < 2:
        return
    lines = max(len(_plain_lines(str(label))) for label in labels)  # a row of an exercise's name over its date
    fitting = plot_height / len(labels) / lines / 1.25
    if fitting < (axis.tickfont.size or BODY_SIZE):
        axis.tickfont.size = max(round(fitting, 1), round(floor, 1))  # never under the size's body type
    if fitting >= axis.tickfont.size:
        axis.update(tickmode="array", tickvals=labels, ticktext=labels)  # every row named, none thinned out


def _thin_y_ticks(fig: go.Figure, plot_height: float) -> None:
    """A short panel (trade over PLA pressure when presenting: about 80 px each) gets only as many numbers as
    fit one above the other; plotly kept five, "0", "50", "100" touching."""
    for name in [key for key in fig.layout if key.startswith("yaxis")]:
        axis = fig.layout[name]
        if axis.type == "category" or axis.categoryarray or axis.tickvals is not None or axis.dtick:
            continue
        low, high = axis.domain or (0, 1)
        fitting = int(plot_height * (high - low) / (_tick_size(fig, axis) * 2))
        if fitting < 6:
            axis.nticks = max(fitting, 2)


def _thin_ticks(fig: go.Figure, plot_width: float) -> None:
    """Monthly date ticks ("M3") that would not fit side by side at this type size are spaced further apart
    (M6, M12, ...) and kept level: plotly would tilt them into the source line below."""
    for name in [key for key in fig.layout if key.startswith("xaxis") and key != "xaxis"]:
        _level_date_ticks(fig, fig.layout[name], "x" + name[len("xaxis") :], plot_width)  # other panels
    axis = fig.layout.xaxis
    dtick = str(axis.dtick or "")
    if _level_date_ticks(fig, axis, "x", plot_width):
        return
    if not dtick.startswith("M") or not dtick[1:].isdigit():
        return
    dates = [pd.Timestamp(x) for trace in fig.data for x in (trace.x if trace.x is not None else []) if x is not None]
    if not dates:
        return
    months = max((max(dates) - min(dates)).days / 30.4, 1)
    label = (axis.tickfont.size or BODY_SIZE) * EM_PER_COLUMN["regular"] * 9 + 14  # "Jan 2024" and a gap
    step = int(dtick[1:])
    while months / step * label > plot_width and step < 120:
        step *= 2
    axis.update(dtick=f"M{step}", tickangle=0)


def _level_date_ticks(fig: go.Figure, axis, ref: str, plot_width: float) -> bool:
    """plotly's own date ticks (no dtick given) on a dated axis: at most as many as fit side by side, kept
    level (plotly tilts them otherwise, down into the source line). True when it applied."""
    if axis.dtick or axis.type not in (None, "-", "date") or not _has_dates(fig, ref):
        return False
    domain = axis.domain or [0, 1]
    room = plot_width * (domain[1] - domain[0])
    label = _tick_size(fig, axis) * EM_PER_COLUMN["regular"] * 11 + 14
    axis.update(nticks=max(2, int(room // label)), tickangle=0)  # room for "11 Jan 2026" and a gap
    return True


def _has_dates(fig: go.Figure, ref: str = "x") -> bool:
    """Some trace on the x axis `ref` ("x", "x2") is dated."""
    for trace in fig.data:
        xs = trace.x if trace.x is not None and not isinstance(trace.x, dict) else []
        first = next((x for x in xs if x is not None), None) if (trace.xaxis or "x") == ref else None
        if first is not None and not isinstance(first, (int, float, np.number)):
            try:
                pd.Timestamp(first)
                return True
            except (ValueError, TypeError):
                continue
    return False


def own_page(fig: go.Figure) -> bool:
    """A figure drawn as a whole printed page (charts.cards), not a chart to fit into a column or slide."""
    meta = fig.layout.meta
    return isinstance(meta, dict) and bool(meta.get("page"))


def _label_margin(fig: go.Figure) -> float:
    """Room for long category labels on the y axes (the timeline's event names, the Japan view's lanes in its
    lower panel), which plotly's automargin would otherwise take after the fact, leaving nothing known to
    place the source line against. Those axes stop growing the margin themselves."""
    room = 0.0
    for name in [key for key in fig.layout if key.startswith("yaxis")]:
        axis = fig.layout[name]
        if not axis.automargin:
            continue
        ref = "y" + name[len("yaxis") :]
        labels = list(axis.categoryarray or []) or [
            v
            for trace in fig.data
            if (trace.yaxis or "y") == ref
            for v in (getattr(trace, "y", None) or [])
            if isinstance(v, str)
        ]
        if not labels:
            continue
        lines = [line for label in labels for line in re.split(r"<br\s*/?>", str(label))]  # wrapped: per line
        longest = max(_display_columns(plain_text(line)) for line in lines)
        room = max(room, longest * (axis.tickfont.size or BODY_SIZE) * EM_PER_COLUMN["regular"] + 16)
        axis.automargin = False  # the room is given here; plotly growing it later would push the source line off
    return room


def _number_margin(fig: go.Figure) -> float:
    """Room left of the plot for the left y axes' numbers and titles with a gap between them: at
    presenter and slide sizes "200,000" ran into "million USD per year" beside it. Every title stands
    half the tick type clear of the widest numbers of any left axis, so an upper panel's long title
    never runs into a lower panel's "4,000", and stacked panels' titles line up."""
    widths: dict[str, float] = {}
    for name in [key for key in fig.layout if key.startswith("yaxis")]:
        axis = fig.layout[name]
        if axis.side == "right" or axis.overlaying:
            continue
        ref = "y" + name[len("yaxis") :]
        values = [
            abs(float(v))
            for trace in fig.data
            if (trace.yaxis or "y") == ref and getattr(trace, "orientation", None) != "h"
            for v in array_values(trace.y)
            if isinstance(v, (int, float, np.number)) and v == v
        ]
        if not values:
            continue
        top = max(values)
        if axis.range is not None and all(isinstance(v, (int, float)) for v in axis.range):
            top = max(top, *(abs(v) for v in axis.range))
        digits = f"{top * 1.1:,.0f}" if top >= 10 else f"{top:,.1f}"
        suffix = 2 if (axis.ticksuffix or "").strip() else 0
        widths[name] = (len(digits) + suffix) * _tick_size(fig, axis) * EM_PER_COLUMN["regular"]
    if not widths:
        return 0.0
    widest = max(widths.values())
    room = widest + 14
    for name, numbers in widths.items():
        axis = fig.layout[name]
        if not axis.title.text:
            continue
        gap = round(_tick_size(fig, axis) / 2)
        axis.title.standoff = round(widest - numbers) + gap
        room = max(room, widest + gap + (axis.title.font.size or _tick_size(fig, axis)) * LINE + 14)
    return room


def _tick_size(fig: go.Figure, axis) -> float:
    return axis.tickfont.size or fig.layout.font.size or BODY_SIZE


def _display_columns(text: str) -> int:
    return len(text) + sum(1 for c in text if unicodedata.east_asian_width(c) in "WF")


def _plain_lines(text: str) -> list[str]:
    return [line for line in re.split(r"<br\s*/?>", text or "") if line.strip()]


def _wrap_title(fig: go.Figure, room: float) -> None:
    """Title and subtitle wrapped to the width (plotly never wraps), the top margin grown by the lines added."""
    title = fig.layout.title
    added = 0.0
    text = title.text or ""
    bold = text.startswith("<b>") and text.endswith("</b>")
    inner = text[3:-4] if bold else text
    if inner:
        before = len(_plain_lines(inner))
        wrapped = wrap_text(inner, _columns_fitting(room, title.font.size, "bold" if bold else "regular"))
        lines = wrapped.split("<br>")
        title.text = "<br>".join(f"<b>{line}</b>" if bold else line for line in lines)
        added += (len(lines) - before) * title.font.size * LINE
        # plotly.js centres a title's lines on its anchor even when anchored at the top: a two-line title
        # started above the figure (a 28 px title 7 px above it, tools.layout_check). Push it down as much.
        push = (len(lines) - 1) * title.font.size * LINE / 2
        title.pad.t = round((title.pad.t or 0) + push)
        added += push  # the subtitle below moves down with it
    subtitle = title.subtitle
    if subtitle.text:
        before = len(_plain_lines(subtitle.text))
        subtitle.text = wrap_text(subtitle.text, _columns_fitting(room, subtitle.font.size))
        added += (len(subtitle.text.split("<br>")) - before) * subtitle.font.size * LINE
    if added > 0:
        fig.layout.margin.t = round((fig.layout.margin.t or 0) + added)


def _keyed(fig: go.Figure) -> list:
    """The traces that have a key in the legend."""
    return [trace for trace in fig.data if trace.name and getattr(trace, "showlegend", False) is not False]


def _draws_legend(fig: go.Figure) -> bool:
    """Whether plotly.js draws a legend: asked for, or more than one key (its default)."""
    keyed = _keyed(fig)
    if fig.layout.showlegend is False or not keyed:
        return False
    return fig.layout.showlegend is True or len(keyed) > 1 or any(trace.showlegend is True for trace in keyed)


def _legend_widths(fig: go.Figure) -> list[float]:
    """Width in px of each item of a horizontal legend (its key and text); none for a legend in a column."""
    font = fig.layout.legend.font.size or BODY_SIZE
    if not _draws_legend(fig) or fig.layout.legend.orientation == "v":
        return []
    names = {trace.name for trace in _keyed(fig)}
    # the text, the key's symbol (~3.5 em) and plotly's gap to the next key
    return [_display_columns(plain_text(name)) * font * EM_PER_COLUMN["regular"] + 3.5 * font + 10 for name in names]


def legend_row(fig: go.Figure) -> float:
    """Height in px of one row of a horizontal legend: its type, or its keys' symbols (plotly gives a key
    about 18 px more than small type: rows of 11 px text were 29 px apart, measured by tools.layout_check)."""
    font = fig.layout.legend.font.size or BODY_SIZE
    return max(font * 1.6, font + 18)


def _rows_of(widths: list[float], room: float) -> int:
    rows, used = 1, 0.0
    for width in widths:
        if used and used + width > room:
            rows, used = rows + 1, 0.0
        used += width
    if rows > 1:  # plotly then lays the items out in a grid of the widest item's width
        rows = max(rows, -(-len(widths) // max(1, int(room // max(widths)))))
    return rows


MAX_LEGEND_ROWS = 3  # more rows of keys above a plot than this leave it too short: the keys go beside it
LEGEND_SHARE = 0.3  # of the plot's width for a legend column beside it; longer keys wrap to it
# A legend column's keys, as plotly.js draws them (measured with tools.layout_check: 11 px keys of one line
# start 28 px apart, of two lines 40 px): a line per legend font size, and this much more per key.
LEGEND_LINE = 1.1
LEGEND_GAP = 17  # px


def _legend_beside(fig: go.Figure, room: float, *, house_top: float) -> None:
    """A legend that would take more than MAX_LEGEND_ROWS rows above the plot becomes a column beside it, its
    longer keys wrapped to the column, so a chart with many keys (straits and event marks, aircraft types)
    keeps its height at presenter and slide sizes instead of a plot squeezed under four rows of keys. The
    top margin drops to the house one (`house_top`, px at this size) less the legend row it holds."""
    font = fig.layout.legend.font.size or BODY_SIZE
    if fig.layout.legend.orientation == "v" or not _draws_legend(fig):
        # placed beside by the chart itself, or no legend at all (lines labelled at their ends, a heatmap):
        # no row of keys above the plot either, so no empty band under the subtitle
        fig.layout.margin.t = round(min(fig.layout.margin.t or house_top, house_top - font * 1.6))  # house: 1.6
        return
    widths = _legend_widths(fig)
    if not widths or _rows_of(widths, room) <= MAX_LEGEND_ROWS:
        return
    fig.update_layout(legend=dict(orientation="v", x=1.01, xanchor="left", y=1, yanchor="top"))
    fig.layout.margin.t = round(house_top - font * 1.6)
    columns = _columns_fitting(room * LEGEND_SHARE - 3.5 * font, font)
    for trace in _keyed(fig):
        if "<br>" not in trace.name:
            trace.name = wrap_text(trace.name, columns)
    longest = max(
        _display_columns(plain_text(line)) for trace in fig.data if trace.name for line in _plain_lines(trace.name)
    )
    fig.layout.margin.r = round(max(fig.layout.margin.r or 0, longest * font * EM_PER_COLUMN["regular"] + 3.5 * font))


def _fit_legend_column(fig: go.Figure, plot_height: float, floor: float) -> None:
    """A legend column taller than the plot (plotly would give it a scroll bar on screen and cut it in a file):
    smaller type, down to `floor`, then a taller figure, so every key shows."""
    legend = fig.layout.legend
    if legend.orientation != "v" or fig.layout.showlegend is False:
        return
    names = {trace.name for trace in _keyed(fig)}
    lines = sum(len(_plain_lines(name)) for name in names)
    font = legend.font.size or BODY_SIZE
    gaps = len(names) * LEGEND_GAP
    if not lines or lines * font * LEGEND_LINE + gaps <= plot_height:
        return
    legend.font.size = max(round((plot_height - gaps) / lines / LEGEND_LINE, 1), round(floor, 1))
    # smaller type fits more of a key on a line of the same column: wrap the keys again, to fewer lines
    columns = _columns_fitting((fig.layout.margin.r or 0) - 3.5 * legend.font.size - 10, legend.font.size)
    for trace in _keyed(fig):
        trace.name = wrap_text(unwrap(trace.name), columns)
    names = {trace.name for trace in _keyed(fig)}
    lines = sum(len(_plain_lines(name)) for name in names)
    needed = lines * legend.font.size * LEGEND_LINE + gaps
    if needed > plot_height:
        fig.layout.height = round((fig.layout.height or 0) + needed - plot_height)


def _legend_rows(fig: go.Figure, room: float) -> None:
    """A horizontal legend that will wrap to more rows than one gets the top margin for them."""
    widths = _legend_widths(fig)
    if not widths:
        return  # a legend in a column beside the plot takes no rows above it
    rows = _rows_of(widths, room)
    if rows > 1:
        fig.layout.margin.t = round((fig.layout.margin.t or 0) + (rows - 1) * legend_row(fig))


def _wrap_source(fig: go.Figure, room: float, font_px: float, *, plot_width: float) -> None:
    """The source line from the figure's left edge, wrapped to its width, with a bottom margin deep enough."""
    for annotation in fig.layout.annotations:
        if annotation.name != "source":
            continue
        line = " ".join(_plain_lines(annotation.text))
        annotation.text = wrap_text(line, _columns_fitting(room, annotation.font.size))
        # From the plot's left edge back to PAD px from the figure's: in pixels, so it holds at any drawn width
        # (presenter mode draws as wide as the screen's column).
        annotation.update(x=0, xshift=PAD - (fig.layout.margin.l or 0))
        annotation.yshift = (annotation.yshift or 0) - _second_tick_line(fig)
        lines = len(annotation.text.split("<br>"))
        needed = abs(annotation.yshift or 0) + lines * annotation.font.size * LINE + font_px
        fig.layout.margin.b = round(max(fig.layout.margin.b or 0, needed))


TWO_LINE_DAYS = 400  # a date axis spanning less than this gets plotly's two-line ticks ("Dec 10" over "2023")


def _second_tick_line(fig: go.Figure) -> float:
    """Room (px) for a second line of date tick labels, which plotly's own ticks take over short spans; the
    source line sat on "2023" under "Dec 10" in the balloon chart."""
    axis = fig.layout.xaxis
    if axis.tickformat or axis.tickformatstops or not _has_dates(fig):
        return 0.0
    values = [
        x
        for trace in fig.data
        if (trace.xaxis or "x") == "x" and not isinstance(trace.x, dict)  # a typed array holds numbers
        for x in (trace.x if trace.x is not None else [])
        if x is not None and not isinstance(x, (int, float))
    ]
    dates = pd.to_datetime(pd.Series(values, dtype=object), errors="coerce", format="mixed").dropna()
    if dates.empty or (dates.max() - dates.min()).days >= TWO_LINE_DAYS:
        return 0.0
    return _tick_size(fig, axis) * 1.25


def image_bytes(fig: go.Figure, fmt: str = "png", size: str = "a4") -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    chosen = SIZES[size]
    out = for_export(fig, chosen)
    language = _language(out)
    if fmt == "pdf":
        out.update_layout(font_family=font_family(language, for_pdf=True))
    scale = PNG_SCALE if fmt == "png" else 1
    width, height = (out.layout.width, out.layout.height) if own_page(out) else (chosen.width, chosen.height)
    data = out.to_image(format=fmt, width=width, height=height, scale=scale)
    if fmt == "png":
        return with_dpi(data, PX_PER_INCH * PNG_SCALE)
    if fmt == "pdf":
        return with_metadata(
            data, title=plain_text(out.layout.title.text), subject=plain_text(source_text(out)), language=language
        )
    return data


def _language(fig: go.Figure) -> str:
    meta = fig.layout.meta
    return meta.get("language", DEFAULT) if isinstance(meta, dict) else DEFAULT


def plain_text(markup: str | None) -> str:
    """Figure text without plotly's HTML: what a PDF's metadata or a file list shows."""
    text = unwrap(markup or "")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def with_dpi(png: bytes, dpi: float) -> bytes:
    """A PNG that says its resolution (a pHYs chunk right after the header), so office software places it
    at the size it was laid out for instead of assuming 96 dpi and doubling it."""
    per_metre = round(dpi / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", per_metre, per_metre, 1)
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body))
    header_end = 8 + 8 + 13 + 4  # signature, IHDR length+type, IHDR data, CRC
    return png[:header_end] + chunk + png[header_end:]


def with_metadata(pdf: bytes, *, title: str, subject: str, language: str) -> bytes:
    """The PDF with a real title (kaleido writes 'Kaleido-fier'), the product as author, the source line as
    subject and the text's language, and viewers told to show the title rather than the file name."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import BooleanObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata(
        {
            "/Title": title,
            "/Author": settings.APP_TITLE,
            "/Subject": subject,
            "/Creator": f"{settings.APP_TITLE} (plotly, kaleido)",
        }
    )
    writer.root_object[NameObject("/Lang")] = TextStringObject(language)
    preferences = writer.create_viewer_preferences()
    preferences[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
