"""Precedent cards and the comparison sheet: one plotly figure laid out as a printed A4 page.

A card is a page, not a chart: a header with the event's names and days, a map thumbnail of its announced
zones (drawn from the snapshot's own land, median line and zone polygons: no tiles, so it exports offline),
the daily counts around it, a table of key figures, Japan-side activity, navigation warnings and the
citations. Everything is placed in paper coordinates computed from pixel offsets on a 210 x 297 mm page at
96 px to the inch, so the PDF page is exactly A4 (deck/cards.py sets the media box).

Print rules: no bold type anywhere (Chromium writes synthetic bold and OpenType/CFF CJK fonts as Type 3
glyphs, which print shops reject), and the CJK fonts named first are TrueType ones that embed as real fonts.
Every piece of data text goes through `plain` (plotly renders a subset of HTML) after it is cut to length,
so a hostile or endless name can neither inject markup nor push the page off its grid.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pandas as pd
import plotly.graph_objects as go
import shapely

from analysis.japan import LANES
from analysis.precedents import Card
from charts.theme import GRID, INK, METRIC_COLORS, TEMPLATE_NAME, SourceNote, floats, plain
from i18n import current, day, local_name, t

# A4 portrait in CSS pixels (96 per inch): 210 x 297 mm.
PAGE_WIDTH, PAGE_HEIGHT = 794, 1123
A4_LANDSCAPE = (PAGE_HEIGHT, PAGE_WIDTH)
SIDE, TOP, BOTTOM = 36, 30, 30
INNER_W, INNER_H = PAGE_WIDTH - 2 * SIDE, PAGE_HEIGHT - TOP - BOTTOM
GREY = "#4A5561"
ZONE = "#D55E00"
LAND = "#EFEBE3"
SEA = "#D6E4F0"
MEDIAN = "#0072B2"
MAP_BOX = (117.5, 125.0, 20.8, 27.8)  # lon min, lon max, lat min, lat max: Taiwan and the strait
TEXT_LIMIT = 240  # characters of one data text shown on a card; the tables behind it keep it whole
# TrueType CJK first (embedded as real fonts in a PDF), Noto CJK (OpenType/CFF: Type 3 in Chromium's PDFs) last.
CJK_FIRST = {
    "ja": ("BIZ UDPGothic", "WenQuanYi Zen Hei"),
    "zh-TW": ("WenQuanYi Zen Hei", "BIZ UDPGothic"),
    "en": ("WenQuanYi Zen Hei", "BIZ UDPGothic"),
}


def font_family(language: str) -> str:
    """Latin in Liberation Sans (Arial's metrics), CJK in a TrueType face in the reader's order."""
    names = ("Liberation Sans", "Arial", *CJK_FIRST.get(language, CJK_FIRST["en"]), "Noto Sans CJK TC")
    return ", ".join(f"'{name}'" for name in names) + ", sans-serif"


def columns(text: str) -> int:
    """Display width: a CJK character takes two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def cut(value, limit: int = TEXT_LIMIT) -> str:
    """Data text on one line, at most `limit` characters (an ellipsis says it was cut)."""
    text = " ".join(str(value).split()) if value is not None and not pd.isna(value) else ""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


NO_LINE_START = "、。，．）」』〉：；！？・)]"  # closing marks stay with the character before them (kinsoku)
NO_LINE_END = "（「『〈(["  # and opening marks with the character after them
_TOKEN = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uf900-\ufaff]+\s*|\s+")


def wrap(text: str, width: int, max_lines: int = 4) -> list[str]:
    """Plain text broken into lines of at most `width` columns (CJK may break between any two characters,
    Latin at spaces, a word longer than a line anywhere); at most `max_lines`, the last one ending in '…'."""
    lines: list[str] = []
    line = ""
    for token in _TOKEN.findall(text):
        while columns(token.rstrip()) > width:  # a token wider than a line: split it
            room = max(1, width - columns(line))
            head = token[:room]
            lines.append(line + head)
            line, token = "", token[room:]
        if columns(line + token.rstrip()) > width and not (line and token[0] in NO_LINE_START):
            carried = line[-1] if line and line[-1] in NO_LINE_END else ""  # an opening mark goes with what it opens
            lines.append(line[: len(line) - len(carried)].rstrip())
            line = carried + token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, len(lines[-1]) - 1)] + "…"
    return lines


def html_lines(text: str, width: int, max_lines: int = 4) -> str:
    """`wrap`ped data text, each line escaped, joined with <br> for a plotly annotation."""
    return "<br>".join(plain(line) for line in wrap(text, width, max_lines))


def _y(px_from_top: float) -> float:
    return 1 - px_from_top / INNER_H


def _x(px_from_left: float) -> float:
    return px_from_left / INNER_W


def _text(fig: go.Figure, text: str, top: float, *, left: float = 0, size: int = 12, color: str = INK, name: str = ""):
    fig.add_annotation(
        text=text,
        x=_x(left),
        y=_y(top),
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font=dict(size=size, color=color),
        name=name or None,
    )


def _heading(fig: go.Figure, text: str, top: float, left: float = 0) -> None:
    _text(fig, text, top, left=left, size=14, color=MEDIAN)


def _page(
    fig: go.Figure,
    note: SourceNote,
    title: str,
    *,
    title_size: int = 12,
    title_color: str = GREY,
    width: int = PAGE_WIDTH,
    height: int = PAGE_HEIGHT,
) -> go.Figure:
    """The page's frame: size, fonts, its title in the top line (a deck slide's own title takes that place)
    and the source line at its foot."""
    inner_w = width - 2 * SIDE
    fig.update_layout(
        title=dict(
            text=title,
            x=SIDE / width,
            xref="container",
            xanchor="left",
            y=1 - TOP / height,
            yref="container",
            yanchor="top",
            pad=dict(t=0, b=0, l=0, r=0),
            font=dict(size=title_size, color=title_color),
        ),
        template=TEMPLATE_NAME,
        width=width,
        height=height,
        margin=dict(l=SIDE, r=SIDE, t=TOP, b=BOTTOM),
        font=dict(family=font_family(current()), size=12, color=INK),
        showlegend=False,
        hovermode="closest",
        meta=dict(language=current(), page="a4"),
    )
    fig.add_annotation(  # the source line every figure carries, at the foot of the page
        text=html_lines(note.line(), int(inner_w / 5.3), 6),
        x=0,
        y=0,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="bottom",
        align="left",
        showarrow=False,
        font=dict(size=10, color=GREY),
        name="source",
        yshift=0,  # charts.theme.scaled (presenter mode, slides) scales the source line's offset
    )
    return fig


def _range(start: pd.Timestamp, end: pd.Timestamp) -> str:
    return day(start) if start == end else f"{day(start)} – {day(end)}"


def _number(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _signed(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{value:+,.1f}"


def _status(row: pd.Series) -> str:
    return t(f"cards.status.{row['status']}")


FIGURE_COLUMNS = (1.3, 1.3, 0.75, 0.75, 0.9, 0.9, 1.9)  # relative widths of the key-figures table
CELL_LINE, CELL_PAD = 16, 14  # px per line of 11 px text in a table cell, and the cell's padding


def _cells(values: list[str], width_px: float) -> tuple[list[str], list[int]]:
    """Cell texts wrapped to a column (plotly would wrap them too, but then their height is unknown) and
    each one's line count, so the table is given exactly the room it takes."""
    width = max(6, int((width_px - 12) / 6.2))
    lines = [wrap(value, width, 4) for value in values]
    return ["<br>".join(plain(line) for line in cell) for cell in lines], [len(cell) for cell in lines]


def figures_table(card: Card, top: float, *, days_label: str) -> tuple[go.Table, float]:
    """Key figures, one row per measure, missing days said in words (never 0); with the height it takes."""
    rows = card.measures
    peak = [
        f"{_number(r.peak)} ({day(r.peak_date)})" if pd.notna(r.peak) else t("cards.not_reported")
        for r in rows.itertuples()
    ]
    header = [
        t("cards.col.measure"),
        t("cards.col.peak"),
        days_label,
        t("cards.col.reported"),
        t("cards.col.baseline"),
        t("cards.col.excess"),
        t("cards.col.note"),
    ]
    body = [
        [t(f"metric.{m}") for m in rows["measure"]],
        peak,
        [_number(v) for v in rows["total"]],
        [f"{r.days_reported} / {r.days}" for r in rows.itertuples()],
        [_number(v) for v in rows["baseline"]],
        [_signed(v) for v in rows["excess"]],
        ["" if status == "ok" else t(f"cards.status.{status}") for status in rows["status"]],
    ]
    widths = [INNER_W * w / sum(FIGURE_COLUMNS) for w in FIGURE_COLUMNS]
    head_cells = [_cells([text], w) for text, w in zip(header, widths)]
    body_cells = [_cells(column, w) for column, w in zip(body, widths)]
    head_lines = max(n[0] for _, n in head_cells)
    row_lines = [max(cell[1][i] for cell in body_cells) for i in range(len(rows))]
    height = CELL_PAD + CELL_LINE * head_lines + sum(CELL_PAD + CELL_LINE * n for n in row_lines) + 6
    table = go.Table(
        domain=dict(x=[0, 1], y=[_y(top + height), _y(top)]),
        columnwidth=list(FIGURE_COLUMNS),
        header=dict(
            values=[cell[0][0] for cell in head_cells],
            fill_color="#EEF2F6",
            line_color=GRID,
            align="left",
            font=dict(size=11, color=INK),
            height=CELL_PAD + CELL_LINE,
        ),
        cells=dict(
            values=[cell[0] for cell in body_cells],
            fill_color="white",
            line_color=GRID,
            align="left",
            font=dict(size=11, color=INK),
            height=CELL_PAD + CELL_LINE,
        ),
    )
    return table, height


def _rings(geometry) -> list[list[tuple[float, float]]]:
    polygons = getattr(geometry, "geoms", [geometry])
    return [list(p.exterior.coords) for p in polygons if p.geom_type == "Polygon" and not p.is_empty]


def _xy(rings: list[list[tuple[float, float]]]) -> tuple[list, list]:
    xs: list = []
    ys: list = []
    for ring in rings:
        xs += [x for x, _ in ring] + [None]
        ys += [y for _, y in ring] + [None]
    return xs, ys


def map_traces(land: dict | None, median: dict | None, zones: pd.DataFrame) -> list[go.Scatter]:
    """Land clipped to the strait, the median line and the zones, as plain lon/lat scatter outlines."""
    traces: list[go.Scatter] = []
    if land:
        shape = shapely.clip_by_rect(
            shapely.from_geojson(json.dumps(land)), MAP_BOX[0], MAP_BOX[2], MAP_BOX[1], MAP_BOX[3]
        )
        xs, ys = _xy(_rings(shapely.simplify(shape, 0.01)))
        traces.append(
            go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=LAND, line=dict(color="#8C96A0", width=0.6))
        )
    if median:
        (x0, y0), (x1, y1) = median["coordinates"][0], median["coordinates"][-1]
        traces.append(go.Scatter(x=[x0, x1], y=[y0, y1], mode="lines", line=dict(color=MEDIAN, width=1.5, dash="dot")))
    rings = [ring for text in zones["geometry_geojson"] for ring in _rings(shapely.from_geojson(text))]
    if rings:
        xs, ys = _xy(rings)
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor="rgba(213,94,0,0.35)",
                line=dict(color=ZONE, width=1.2),
            )
        )
    for trace in traces:
        trace.update(xaxis="x2", yaxis="y2", hoverinfo="skip", connectgaps=False)
    return traces


def _map_axes(fig: go.Figure, top: float, height: float, width: float) -> None:
    common = dict(showgrid=False, zeroline=False, showticklabels=False, ticks="", showline=True, linecolor=GRID)
    fig.update_layout(
        xaxis2=dict(domain=[0, _x(width)], range=list(MAP_BOX[:2]), anchor="y2", **common),
        yaxis2=dict(
            domain=[_y(top + height), _y(top)],
            range=list(MAP_BOX[2:]),
            anchor="x2",
            scaleanchor="x2",
            scaleratio=1.1,  # 1 / cos(24.5°): degrees of latitude are longer than degrees of longitude here
            constrain="domain",
            **common,
        ),
        plot_bgcolor="white",
    )
    sea = dict(type="rect", xref="x2 domain", yref="y2 domain", x0=0, x1=1, y0=0, y1=1, line_width=0, layer="below")
    fig.update_layout(shapes=[*fig.layout.shapes, dict(sea, fillcolor=SEA)])


def daily_traces(card: Card, first: pd.Timestamp, last: pd.Timestamp) -> list:
    """Aircraft and vessels per report day around the event, the event's days shaded."""
    window = card.window
    traces: list = []
    for column in ("aircraft", "vessels"):
        traces.append(
            go.Bar(
                x=window["date"],
                y=floats(window[column]),
                marker_color=METRIC_COLORS[column],
                marker_line_width=0,
                xaxis="x3",
                yaxis="y3",
                hoverinfo="skip",
            )
        )
    return traces


def _daily_axes(fig: go.Figure, card: Card, first, last, *, left: float, top: float, height: float) -> None:
    window = card.window
    fig.update_layout(
        barmode="group",
        bargap=0.15,
        xaxis3=dict(
            domain=[_x(left), 1],
            anchor="y3",
            type="date",
            range=[window["date"].min() - pd.Timedelta(hours=12), window["date"].max() + pd.Timedelta(hours=12)],
            tickformat="%d %b" if current() == "en" else "%m/%d",
            tickfont_size=10,
            nticks=6,
            showgrid=False,
            linecolor=INK,
            ticks="outside",
        ),
        yaxis3=dict(
            domain=[_y(top + height), _y(top)],
            anchor="x3",
            tickfont_size=10,
            gridcolor=GRID,
            rangemode="tozero",
        ),
    )
    shapes = list(fig.layout.shapes) + [
        dict(
            type="rect",
            xref="x3",
            yref="y3 domain",
            x0=first - pd.Timedelta(hours=12),
            x1=last + pd.Timedelta(hours=12),
            y0=0,
            y1=1,
            fillcolor=ZONE,
            opacity=0.12,
            line_width=0,
            layer="below",
        )
    ]
    by = card.measures.set_index("measure")
    for column in ("aircraft", "vessels"):
        base = by.loc[column, "baseline"] if column in by.index else None
        if base is not None and pd.notna(base):  # the mean it is compared with, over the 30 days it covers
            shapes.append(
                dict(
                    type="line",
                    xref="x3",
                    yref="y3",
                    x0=window["date"].min() - pd.Timedelta(hours=12),
                    x1=first - pd.Timedelta(hours=12),
                    y0=float(base),
                    y1=float(base),
                    line=dict(color=METRIC_COLORS[column], width=1.5, dash="dash"),
                )
            )
    fig.update_layout(shapes=shapes)


def _mark_break(fig: go.Figure, when: pd.Timestamp | None, window: pd.DataFrame, top: float) -> bool:
    """MND's count changed meaning on the day `when`: a dashed rule on the daily chart when it is in view."""
    if when is None or not window["date"].min() < when <= window["date"].max():
        return False
    x = when - pd.Timedelta(hours=12)
    fig.add_shape(
        type="line", xref="x3", yref="y3 domain", x0=x, x1=x, y0=0, y1=1, line=dict(color=INK, width=1.2, dash="dash")
    )
    return True


def _lines(items: list[str], width: int, max_lines: int) -> str:
    """Several data lines, each wrapped, the whole block held to `max_lines`."""
    out: list[str] = []
    for item in items:
        out += wrap(item, width, max_lines)
    if len(out) > max_lines:
        out = out[: max_lines - 1] + [t("cards.more", count=len(out) - max_lines + 1)]
        return "<br>".join(plain(line) for line in out[:-1]) + "<br>" + out[-1]
    return "<br>".join(plain(line) for line in out)


def japan_lines(card: Card) -> list[str]:
    if not card.japan_coverage.covered:
        first = card.japan_coverage.first
        return [t("cards.japan_not_covered", first=day(first)) if first is not None else t("cards.no_table")]
    if card.japan.empty:
        return [t("cards.japan_none")]
    out = []
    for row in card.japan.itertuples():
        lane = LANES.get((row.indicator, row.strait))  # the Japan page's own words for each kind of record
        what = t(f"japan.lane.{lane}") if lane else cut(f"{row.indicator} {row.strait}", 60)
        out.append(t("cards.japan_days", what=what, days=row.days))
    return out


def warning_lines(card: Card) -> list[str]:
    if not card.warnings_coverage.covered:
        first = card.warnings_coverage.first
        return [t("cards.warnings_not_covered", first=day(first)) if first is not None else t("cards.no_table")]
    if card.warnings.empty:
        return [t("cards.warnings_none")]
    return [
        f"{cut(r.notice, 40)} · {cut(r.bureau_en, 40)} · {cut(r.activity_en, 40)} · {_range(r.start, r.end if pd.notna(r.end) else r.start)}"
        for r in card.warnings.itertuples()
    ]


def citation_lines(card: Card, reports: list[str]) -> list[str]:
    """The event's own citation, its zones' sources and the MND daily reports of its days."""
    event = card.event
    lines = [
        t(
            "cards.cite_event",
            publisher=cut(event["source_publisher"], 120),
            title=cut(event["source_title"], 160),
            day=day(event["source_date"]),
            url=cut(event["source_url"], 160),
        )
    ]
    for source, url in dict.fromkeys(zip(card.zones.get("source", []), card.zones.get("source_url", []))):
        lines.append(t("cards.cite_zones", source=cut(source, 160), url=cut(url, 160)))
    if reports:
        lines.append(t("cards.cite_reports", urls=" ".join(cut(u, 80) for u in reports[:4])))
    return lines


def card_figure(
    card: Card,
    note: SourceNote,
    *,
    land: dict | None,
    median: dict | None,
    definition_break: pd.Timestamp | None,
    reports: list[str],
    related: list[tuple[str, str]] | None = None,
) -> go.Figure:
    """One card as an A4 portrait page. An exercise's card has its zones on a map; a trigger's card (kind other
    than exercise) has the exercises that began within its 14 days in that place, and its days are days 1-14."""
    event = card.event
    exercise = event["kind"] == "exercise"
    if exercise:
        first, last = event["report_start"], event["report_end"]
    else:
        first = event["report_start"] + pd.Timedelta(days=1)
        last = first + pd.Timedelta(days=int(card.measures["days"].iloc[0]) - 1)
    fig = go.Figure()
    full = int(INNER_W / 6.2)  # columns of 12 px text across the page
    half = int((INNER_W / 2 - 16) / 6.2)
    # header
    kicker = (
        t("cards.kicker_exercise") if exercise else t("cards.kicker_trigger", kind=t(f"events.kind.{event['kind']}"))
    )
    _text(fig, html_lines(cut(local_name(event), 120), int(INNER_W / 12.5), 2), 18, size=24)
    title_lines = len(wrap(cut(local_name(event), 120), int(INNER_W / 12.5), 2))
    y: float = 18 + 32 * title_lines + 6
    names = " / ".join(cut(event[c], 80) for c in ("name_en", "name_ja", "name_zh_tw"))
    _text(fig, html_lines(names, full, 2), y, size=13, color=GREY)
    y += 20 * len(wrap(names, full, 2)) + 4
    facts = [
        t("cards.announced_by", by=cut(event["announced_by"], 120)),
        t("cards.announced_days", days=_range(event["start"], event["end"])),
        t("cards.report_days", days=_range(first, last), count=int((last - first).days) + 1)
        if exercise
        else t("cards.after_days", days=_range(first, last), count=int((last - first).days) + 1),
    ]
    _text(fig, _lines(facts, full, 5), y, size=12)
    y += 18 * min(5, sum(len(wrap(f, full, 5)) for f in facts)) + 14
    # map (or the exercises that followed) and the daily chart
    block_top, block_h, left_w = y, 250, INNER_W * 0.42
    if exercise:
        _heading(fig, plain(t("cards.zones_heading", count=len(card.zones))), block_top)
        for trace in map_traces(land, median, card.zones):
            fig.add_trace(trace)
        _map_axes(fig, block_top + 24, block_h, left_w)
        if card.zones.empty:
            _text(
                fig,
                html_lines(t("cards.zones_none"), int(left_w / 6), 3),
                block_top + 24 + block_h + 6,
                size=11,
                color=GREY,
            )
    else:
        _heading(fig, plain(t("cards.related_heading")), block_top)
        items = [f"{cut(name, 100)} ({d})" for name, d in (related or [])] or [t("cards.related_none")]
        _text(fig, _lines(items, int(left_w / 6.2), 12), block_top + 28, size=12)
    chart_left = left_w + 28
    _heading(
        fig,
        plain(t("cards.daily_heading") if exercise else t("cards.daily_heading_trigger")),
        block_top,
        left=chart_left,
    )
    legend = (
        f"<span style='color:{METRIC_COLORS['aircraft']}'>■</span> {plain(t('metric.aircraft'))}   "
        f"<span style='color:{METRIC_COLORS['vessels']}'>■</span> {plain(t('metric.vessels'))}"
    )
    legend += f"   - - {plain(t('cards.baseline_legend'))}"
    _text(fig, legend, block_top + 20, left=chart_left, size=11, color=GREY)
    for trace in daily_traces(card, first, last):
        fig.add_trace(trace)
    _daily_axes(fig, card, first, last, left=chart_left + 30, top=block_top + 40, height=block_h - 30)
    if definition_break is not None and _mark_break(fig, definition_break, card.window, block_top):
        _text(
            fig,
            html_lines(t("cards.break_note", day=day(definition_break)), int((INNER_W - chart_left) / 5.6), 2),
            block_top + block_h + 34,
            left=chart_left,
            size=10,
            color=GREY,
        )
    y = block_top + block_h + 74
    # key figures: plotly grows a row to fit its wrapped text, so the table gets room for three lines a row
    _heading(fig, plain(t("cards.figures_heading")), y)
    table, table_h = figures_table(card, y + 22, days_label=t("cards.col.total", count=int((last - first).days) + 1))
    fig.add_trace(table)
    y += 22 + table_h + 14
    # Japan-side and warnings, side by side
    _heading(fig, plain(t("cards.japan_heading")), y)
    _heading(fig, plain(t("cards.warnings_heading")), y, left=INNER_W / 2 + 8)
    japan, warned = _lines(japan_lines(card), half, 7), _lines(warning_lines(card), half, 7)
    _text(fig, japan, y + 22, size=11)
    _text(fig, warned, y + 22, left=INNER_W / 2 + 8, size=11)
    y += 22 + 16 * max(japan.count("<br>"), warned.count("<br>"), 1) + 30
    # citations
    _heading(fig, plain(t("cards.sources_heading")), y)
    _text(fig, _lines(citation_lines(card, reports), int(INNER_W / 5.4), 9), y + 22, size=10, color=GREY)
    return _page(fig, note, plain(kicker))


def sheet_figure(sheet: pd.DataFrame, names: list[str], note: SourceNote) -> go.Figure:
    """All exercises in one table on an A4 landscape page: days, peak, total, excess, zones and sources."""
    width, height = A4_LANDSCAPE
    inner_w = width - 2 * SIDE
    fig = go.Figure()
    rows = sheet.reset_index(drop=True)

    def both(metric: str, suffix: str, fmt=_number) -> list[str]:
        return [fmt(v) for v in rows[f"{metric}_{suffix}"]]

    excess = [
        _signed(v) if ok else t("cards.not_comparable") for v, ok in zip(rows["aircraft_excess"], rows["comparable"])
    ]
    vexcess = [
        _signed(v) if ok else t("cards.not_comparable") for v, ok in zip(rows["vessels_excess"], rows["comparable"])
    ]
    fig.add_trace(
        go.Table(
            domain=dict(x=[0, 1], y=[0.08, 0.86]),
            columnwidth=[2.2, 1.5, 0.6, 0.8, 0.8, 0.9, 0.7, 0.7, 0.9, 0.7, 0.8, 2.3],
            header=dict(
                values=[
                    t("cards.sheet.exercise"),
                    t("cards.sheet.report_days"),
                    t("cards.sheet.days"),
                    t("cards.sheet.aircraft_peak"),
                    t("cards.sheet.aircraft_total"),
                    t("cards.sheet.aircraft_excess"),
                    t("cards.sheet.vessels_peak"),
                    t("cards.sheet.vessels_total"),
                    t("cards.sheet.vessels_excess"),
                    t("cards.sheet.official_ships"),
                    t("cards.sheet.zones"),
                    t("cards.sheet.source"),
                ],
                fill_color="#EEF2F6",
                line_color=GRID,
                align="left",
                font=dict(size=10, color=INK),
                height=40,
            ),
            cells=dict(
                values=[
                    [html_lines(cut(n, 90), 28, 3) for n in names],
                    [_range(a, b) for a, b in zip(rows["report_start"], rows["report_end"])],
                    [str(v) for v in rows["duration_days"]],
                    both("aircraft", "peak"),
                    both("aircraft", "total"),
                    excess,
                    both("vessels", "peak"),
                    both("vessels", "total"),
                    vexcess,
                    both("official_ships", "total"),
                    [_number(v) for v in rows["zones"]],
                    [html_lines(cut(s, 140), 34, 3) for s in rows["source"]],
                ],
                fill_color="white",
                line_color=GRID,
                align="left",
                font=dict(size=10, color=INK),
                height=48,
            ),
        )
    )
    _sheet_text(fig, html_lines(t("cards.sheet.subtitle"), int(inner_w / 6.4), 2), 0.955, 12, GREY)
    return _page(fig, note, plain(t("cards.sheet.title")), title_size=20, title_color=INK, width=width, height=height)


def _sheet_text(fig: go.Figure, text: str, y: float, size: int, color: str) -> None:
    fig.add_annotation(
        text=plain(text) if "<br>" not in text else text,
        x=0,
        y=y,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font=dict(size=size, color=color),
    )
