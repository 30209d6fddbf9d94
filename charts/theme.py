"""House style: one template, one colour-blind-safe palette, and the title/subtitle/source block
every figure carries so that an exported image stands on its own (OWID grapher convention)."""

from __future__ import annotations

import base64
import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

import settings
from i18n import DEFAULT, catalog, current, date_axis_format, day, t

# Okabe–Ito: distinguishable with the common colour-vision deficiencies and in greyscale print.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
MUTED = "#9AA5B1"
INK = "#1B1F24"
GRID = "#E3E7EC"
NO_DATA = "#D9DDE2"

# Colour roles: one colour, one meaning, on every chart. Data measures own the strong colours; the countries
# that act own their own hues; catalog events are drawn in neutral ink (told apart by line style), so an
# exercise never looks like a count. Two roles share a hue only where they never meet on one chart
# (official ships and Japan as a trade partner).
ROLE = {
    "aircraft": "#0072B2",  # PLA aircraft, and the series counted from them (ADIZ entries, median-line crossings)
    "aircraft_light": "#56B4E9",  # the same aircraft, a second view of them (7-day mean, excess over baseline)
    "vessels": "#D55E00",  # PLA Navy vessels, and Japan's carrier reports (PLAN ships)
    "official_ships": "#009E73",  # coast guard and other state ships
    "china": "#CC79A7",  # China as an actor or a trade partner
    "china_light": "#E7B6D1",  # Hong Kong beside mainland China
    "russia": "#E69F00",
    "china_russia": "#7B4F9D",  # both together
    "us": "#3B6E8F",
    "japan": "#009E73",
    "other_partner": "#8C8C8C",
    "event_ink": "#3B4450",  # catalog events: exercises (spans and labels), political events (dashed rules)
    "event_fill": "#8A94A0",
    "surge": "#1B1F24",  # unusual days found by the surge detection
}
METRIC_COLORS = {
    "aircraft": ROLE["aircraft"],
    "vessels": ROLE["vessels"],
    "official_ships": ROLE["official_ships"],
    "entered_adiz": ROLE["aircraft"],
    "crossed_median": ROLE["aircraft"],
    "median_line_crossings": ROLE["aircraft"],
}


# Latin text in Arial: every Windows and macOS machine has it, and Linux has Liberation Sans with the same
# widths, so a line that fits here fits in the reader's viewer (and in an SVG opened elsewhere).
LATIN_FONTS = ("Arial", "Liberation Sans", "Helvetica")
# CJK fonts per language, the reader's own first: the same code point is drawn differently in Taiwan
# and in Japan (e.g. 骨, 說), so zh-TW text wants Noto Sans CJK TC and Japanese text the JP cut.
# Then what Windows and macOS ship, for an SVG opened on a machine without Noto.
# English pages quote Taiwanese sources and place names, so TC comes first there too.
CJK_FONTS = {
    "zh-TW": ("Noto Sans CJK TC", "Noto Sans CJK JP", "Microsoft JhengHei", "PingFang TC"),
    "ja": ("Noto Sans CJK JP", "Noto Sans CJK TC", "Yu Gothic", "Hiragino Sans", "Meiryo"),
    "en": ("Noto Sans CJK TC", "Noto Sans CJK JP", "Microsoft JhengHei", "PingFang TC", "Yu Gothic"),
}
# Chromium's PDF backend (Skia) writes OpenType/CFF fonts such as Noto Sans CJK, and any synthetic bold,
# as Type 3 glyph procedures, which journals' preflight rejects and editors cannot re-typeset. These
# TrueType CJK fonts with a bold face (Debian: fonts-morisawa-bizud-gothic, fonts-wqy-zenhei) are
# embedded as real CID fonts, so PDFs name them ahead of Noto (which stays as the last resort for coverage).
PDF_CJK_FONTS = {"Noto Sans CJK TC": "WenQuanYi Zen Hei", "Noto Sans CJK JP": "BIZ UDPGothic"}


def _quoted(name: str) -> str:
    return f"'{name}'" if " " in name else name


def font_family(language: str = DEFAULT, *, for_pdf: bool = False) -> str:
    """The CSS font stack for text in `language`: Arial-compatible Latin, then CJK in that language's
    order; `for_pdf` puts before each Noto CJK family the TrueType font that Chromium embeds for real."""
    names: list[str] = list(LATIN_FONTS)
    for name in CJK_FONTS.get(language, CJK_FONTS[DEFAULT]):
        if for_pdf and name in PDF_CJK_FONTS:
            names.append(PDF_CJK_FONTS[name])
        names.append(name)
    return ", ".join(_quoted(n) for n in dict.fromkeys(names)) + ", sans-serif"


FONT_FAMILY = font_family(DEFAULT)

TEMPLATE_NAME = "csi"


@dataclass(frozen=True)
class SourceNote:
    """What the figure must say about where its numbers come from and how fresh they are."""

    source: str
    as_of: str  # ISO date of the last data point
    licence: str = ""  # as the upstream states it; exported tables carry it
    url: str = ""  # where the upstream data live

    def age_days(self, today: date | None = None) -> int | None:
        """Days between the last data point and today, when `as_of` is a date."""
        try:
            last = date.fromisoformat(self.as_of)
        except ValueError:
            return None
        return ((today or date.today()) - last).days

    def line(self, today: date | None = None) -> str:
        """The source line; past settings.STALE_DAYS it says how old the data are, so an exported
        figure shown months later cannot pass for current."""
        text = t("chart.source_line", source=self.source, as_of=self.as_of)
        age = self.age_days(today)
        if age is not None and age > settings.STALE_DAYS:
            text += t("chart.age", days=f"{age:,}", today=day(today or date.today()))
        return text

    @classmethod
    def from_entry(cls, entry: dict) -> SourceNote:
        """From a table's manifest entry: captions are never typed by hand."""
        source = entry["source"]
        return cls(
            source=source["name"],
            as_of=entry.get("last_date") or entry["built_at"][:10],
            licence=source.get("licence", ""),
            url=source.get("repo_url", ""),
        )


@dataclass(frozen=True)
class Metric:
    """A plotted measure, described once (from the snapshot manifest)."""

    column: str
    label: str  # e.g. "PLA aircraft"
    unit: str  # e.g. "aircraft"

    @classmethod
    def from_entry(cls, entry: dict, column: str, label: str) -> Metric:
        """Unit from the manifest's data dictionary."""
        units = {c["name"]: c["unit"] for c in entry["columns"]}
        unit = units.get(column) or column
        known = f"unit.{unit}" in catalog(DEFAULT)  # the manifest's unit words, in the reader's language
        return cls(column=column, label=label, unit=t(f"unit.{unit}") if known else unit)

    @property
    def color(self) -> str:
        return METRIC_COLORS.get(self.column, PALETTE[0])


def _register() -> None:
    template = go.layout.Template()
    template.layout = go.Layout(
        font=dict(family=FONT_FAMILY, size=15, color=INK),
        colorway=PALETTE,
        paper_bgcolor="white",
        plot_bgcolor="white",
        hovermode="x unified",
        hoverlabel=dict(font_size=14),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, font_size=14, title_text=""),
        xaxis=dict(showgrid=False, linecolor=INK, ticks="outside", tickcolor=INK, title_font_size=14),
        yaxis=dict(gridcolor=GRID, zeroline=True, zerolinecolor=GRID, rangemode="tozero", title_font_size=14),
    )
    pio.templates[TEMPLATE_NAME] = template


_register()


TITLE_SIZE = 20
SUBTITLE_SIZE = 14
BODY_SIZE = 15
SMALL_SIZE = 12
MARGIN = dict(l=70, r=30, t=110, b=95)


def finish(
    fig: go.Figure, *, title: str, subtitle: str, note: SourceNote, x_title: str = "", y_title: str = ""
) -> go.Figure:
    """Title + subtitle on top, source line at the bottom: the block every figure shares."""
    fig.update_layout(
        template=TEMPLATE_NAME,
        font_family=font_family(current()),
        meta=dict(language=current()),  # exports read it: a PDF says which language its text is in
        title=dict(
            text=f"<b>{title}</b>",
            subtitle=dict(text=subtitle, font=dict(size=SUBTITLE_SIZE, color="#4A5561")),
            xref="paper",
            x=0,
            xanchor="left",
            yref="container",
            y=1,
            yanchor="top",
            pad=dict(t=18),
            font_size=TITLE_SIZE,
        ),
        margin=MARGIN,
        xaxis_title_text=x_title,
        yaxis_title_text=y_title,
    )
    if _has_date_x(fig):
        if date_axis_format():
            fig.for_each_xaxis(_numeric_dates)
        _hold_to_data(fig)
    fig.add_annotation(
        # Pinned in pixels below the plot area, so it sits under the axis at any figure height.
        text=_wrap(note.line()),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-62 if x_title else -42,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font=dict(size=SMALL_SIZE, color="#4A5561"),
        align="left",
        name="source",
    )
    return fig


SOURCE_WIDTH = 150  # display columns (a CJK character counts two) that fit under a chart at 1000 px


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrap(line: str, limit: int = SOURCE_WIDTH) -> str:
    """A long source line (two sources, or a CJK one) breaks once, at the last separator that fits:
    plotly annotations never wrap by themselves and run off the figure's right edge."""
    if _columns(line) <= limit:
        return line
    cuts = [m.end() for m in re.finditer(r"; |；|、| · ", line) if _columns(line[: m.end()]) <= limit]
    return f"{line[: cuts[-1]].rstrip()}<br>{line[cuts[-1] :].lstrip()}" if cuts else line


_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_NO_LINE_START = "、。，．）」』：；！？・"  # kept with the character before them (kinsoku)
_TOKEN = re.compile(rf"<[^>]*>|[{_CJK}][{_NO_LINE_START}]*\s*|[^\s{_CJK}<]+\s*|\s+|<")


def wrap_text(text: str, limit: int) -> str:
    """Text broken into lines of at most `limit` display columns (a CJK character counts two): at spaces,
    or between CJK characters, which need none; existing <br> breaks are kept, tags are never split.
    Exports re-wrap titles and source lines with it for their own width and type size."""
    lines: list[str] = []
    for paragraph in re.split(r"<br\s*/?>", text):
        line = ""
        for token in _TOKEN.findall(paragraph):
            candidate = line + token
            if line.strip() and _columns(html.unescape(re.sub(r"<[^>]*>", "", candidate.rstrip()))) > limit:
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line = candidate
        lines.append(line.rstrip())
    return "<br>".join(lines)


def unwrap(text: str) -> str:
    """Wrapped text as one line again: lines joined by a space, or by nothing between two CJK characters
    (a space there showed as a gap inside a word, "組み合 わせ", once a legend key was wrapped anew)."""
    return re.sub(
        r"(.?)<br\s*/?>(.?)",
        lambda m: (
            m[1]
            + ("" if re.fullmatch(rf"[{_CJK}]", m[1] or "") and re.fullmatch(rf"[{_CJK}]", m[2] or "") else " ")
            + m[2]
        ),
        text,
    )


# Numeric date ticks by tick spacing (ms, or plotly's "M<n>" months): days, then months, then years.
NUMERIC_DATE_STOPS = (
    dict(dtickrange=[None, "M1"], value="%Y/%m/%d"),
    dict(dtickrange=["M1", "M12"], value="%Y/%m"),
    dict(dtickrange=["M12", None], value="%Y"),
)


def _numeric_dates(axis) -> None:
    """Outside English, dates on an axis and in its hover are numeric (plotly.js names months in
    English only). Year-only axes ("%Y") stay as they are; month-name formats and plotly's automatic
    one become numeric at the precision the tick spacing needs (so ticks a week apart keep the day)."""
    fmt = axis.tickformat or ""
    if fmt == "%Y":
        axis.hoverformat = axis.hoverformat or "%Y"
        return
    if not fmt or "%b" in fmt or "%B" in fmt:
        axis.tickformat = None
        axis.tickformatstops = NUMERIC_DATE_STOPS
    axis.hoverformat = axis.hoverformat or ("%Y/%m" if fmt and "%d" not in fmt else "%Y/%m/%d")


def array_values(data) -> list:
    """A trace property's values as a list, whether plain or the typed array plotly keeps numpy data in
    ({"dtype": ..., "bdata": base64})."""
    if data is None:
        return []
    if isinstance(data, dict) and "bdata" in data and "dtype" in data:
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"]).tolist()
    if isinstance(data, (int, float)):
        return [data]
    return list(data)


DATE_PAD = 0.025  # of the data's span, each side of a date axis: room for a marker on the first or last day


def _hold_to_data(fig: go.Figure) -> None:
    """A date axis never runs far past its data. Plotly's autorange pads for markers, and with a marker
    trace beside line traces it padded the daily chart's axis five months into the future (an empty stretch
    a reader takes for 'no activity since'): each date axis spans its own panel's data (bars to their edges,
    axes that match another as one) plus DATE_PAD."""
    edges: dict[str, list[pd.Timestamp]] = {}
    for trace in fig.data:
        xs = [x for x in (trace.x if trace.x is not None and not isinstance(trace.x, dict) else []) if x is not None]
        if not xs or not isinstance(xs[0], (date, datetime, np.datetime64, str)):
            continue
        try:
            stamps = pd.to_datetime(pd.Series(xs))
        except (ValueError, TypeError):
            continue
        ref = trace.xaxis or "x"
        axis = fig.layout["xaxis" + ref[1:]]
        group = axis.matches or ref if axis is not None else ref
        widths = array_values(getattr(trace, "width", None) if trace.type == "bar" else None)
        if len(widths) == 1:
            widths = widths * len(stamps)
        if len(widths) != len(stamps):
            # bars of plotly's own width fill their slot: half the closest spacing each side (lines: none)
            unique = stamps.drop_duplicates().sort_values()
            gap = unique.diff().min() if trace.type == "bar" and len(unique) > 1 else pd.Timedelta(0)
            edges.setdefault(group, []).extend([stamps.min() - gap / 2, stamps.max() + gap / 2])
            continue
        halves = pd.to_timedelta(pd.Series(widths, dtype=float) / 2, unit="ms")
        edges.setdefault(group, []).extend([(stamps - halves).min(), (stamps + halves).max()])  # bars' edges

    # An explicit range (plotly.js 4.1's autorangeoptions.maxallowed loses a date axis altogether); a chart's
    # own range, where it set one, stands. Reset-axes in the modebar returns to this range.
    def hold(axis) -> None:
        found = edges.get(axis.matches or "x" + axis.plotly_name[len("xaxis") :], [])
        if len(found) < 2 or axis.range is not None:
            return
        lo, hi = min(found), max(found)
        pad = max((hi - lo) * DATE_PAD, pd.Timedelta(days=1))
        axis.range = [f"{lo - pad:%Y-%m-%d %H:%M}", f"{hi + pad:%Y-%m-%d %H:%M}"]

    fig.for_each_xaxis(hold)


def _has_date_x(fig: go.Figure) -> bool:
    for trace in fig.data:
        xs = trace.x if trace.x is not None else trace.base
        if xs is not None and len(xs) and isinstance(xs[0], (date, datetime, np.datetime64)):
            return True
    return False


def scaled(fig: go.Figure, factor: float) -> go.Figure:
    """Larger type, lines and margins by `factor`: presenter mode and 16:9 slides read from afar. The
    figure's own margins are scaled (a strip sized for its place, a chart with room for two legend rows)."""

    def px(size: float) -> int:
        return round(size * factor)

    margins = {side: getattr(fig.layout.margin, side) or value for side, value in MARGIN.items()}

    fig.update_layout(
        font_size=px(BODY_SIZE),
        title_font_size=px(TITLE_SIZE),
        title_subtitle_font_size=px(SUBTITLE_SIZE),
        legend_font_size=px(SUBTITLE_SIZE),
        hoverlabel_font_size=px(SUBTITLE_SIZE),
        # The figure's own margins (a chart may have made room for two legend rows), scaled with the type.
        margin={side: px(value) for side, value in margins.items()},
    )
    fig.update_xaxes(title_font_size=px(SUBTITLE_SIZE), tickfont_size=px(BODY_SIZE))
    fig.update_yaxes(title_font_size=px(SUBTITLE_SIZE), tickfont_size=px(BODY_SIZE))
    for annotation in fig.layout.annotations:
        annotation.font.size = px(annotation.font.size or SMALL_SIZE)
        if annotation.name == "source":
            annotation.yshift = px(annotation.yshift)
    for trace in fig.data:
        line = getattr(trace, "line", None)
        if line is not None and line.width:
            line.width = line.width * factor**0.5
        text = getattr(trace, "textfont", None)
        if text is not None and isinstance(text.size, (int, float)):  # labels drawn as data (the timeline's)
            text.size = px(text.size)
    return fig


BREAK_COLOR = "#3B4450"


def mark_break(fig: go.Figure, when: pd.Timestamp | None, *, x=None) -> go.Figure:
    """The day MND's aircraft count changed meaning, as a dashed rule labelled on both sides.

    `x` is where to draw it on a non-date axis (the calendar's week columns); by default the day
    itself on a date axis, skipped when it lies outside the plotted dates."""
    if when is None:
        return fig
    if x is None:
        xs = [v for trace in fig.data for v in (trace.x if trace.x is not None else []) if v is not None]
        stamps = pd.to_datetime(pd.Series(xs), errors="coerce").dropna() if xs else pd.Series(dtype="datetime64[ns]")
        if stamps.empty or not stamps.min() < pd.Timestamp(when) <= stamps.max():
            return fig
        x = pd.Timestamp(when) - pd.Timedelta(hours=12)
    shapes = list(fig.layout.shapes) + [
        dict(
            type="line",
            xref="x",
            yref="paper",
            x0=x,
            x1=x,
            y0=0,
            y1=1,
            line=dict(color=BREAK_COLOR, width=1.5, dash="dash"),
            name="definition-break",
        )
    ]
    font = dict(size=SMALL_SIZE, color=BREAK_COLOR)
    labels = list(fig.layout.annotations) + [
        dict(
            x=x,
            xref="x",
            y=1,
            yref="paper",
            yanchor="top",
            xanchor="right",
            xshift=-3,
            showarrow=False,
            text=t("chart.break.before"),
            font=font,
            bgcolor="rgba(255,255,255,0.8)",
            name="definition-break",
        ),
        dict(
            x=x,
            xref="x",
            y=1,
            yref="paper",
            yanchor="top",
            xanchor="left",
            xshift=3,
            showarrow=False,
            text=t("chart.break.after", day=day(pd.Timestamp(when))),
            font=font,
            bgcolor="rgba(255,255,255,0.8)",
            name="definition-break",
        ),
    ]
    fig.update_layout(shapes=shapes, annotations=labels)
    return fig


def break_text(fig: go.Figure) -> list[str]:
    """Labels of the definition-break rule a figure carries (tests check every chart has them)."""
    return [a.text for a in fig.layout.annotations if a.name == "definition-break"]


def floats(values) -> list:
    """Plotly wants None for a gap; nullable integers would otherwise be drawn as 0 or fail."""
    return [None if pd.isna(v) else float(v) for v in values]


BARS_UP_TO = 400  # days: beyond this a day's bar is under ~2.5 px wide at 1000 px


def daily_counts(dates, values, *, name: str, color: str, hovertemplate: str) -> list[go.Bar | go.Scatter]:
    """One count per day: bars for a short range. For a long one, the same bars drawn as one filled
    outline plus an undrawn trace that carries the hover: thousands of bars are one SVG path each,
    130-190 ms to paint in the browser against ~60 ms (bench/RESULTS.md). Days without a report stay
    gaps either way. The hover trace has mode "none": plotly.js still finds its points under the mouse,
    but builds no path for them (an invisible line of 2,400 days cost ~15-20 ms of every drawing)."""
    y = floats(values)
    if len(y) <= BARS_UP_TO:
        return [go.Bar(x=dates, y=y, name=name, marker_color=color, marker_line_width=0, hovertemplate=hovertemplate)]
    outline_x, outline_y = _bar_outline(list(dates), y)
    return [
        go.Scatter(
            x=outline_x,
            y=outline_y,
            name=name,
            mode="lines",
            line_shape="hv",
            line_width=0,
            fill="toself",
            fillcolor=color,
            connectgaps=False,
            hoverinfo="skip",
            legendgroup=name,
        ),
        go.Scatter(
            x=dates,
            y=y,
            name=name,
            mode="none",
            connectgaps=False,
            showlegend=False,
            legendgroup=name,
            hovertemplate=hovertemplate,
        ),
    ]


def _bar_outline(dates: list, values: list) -> tuple[list, list]:
    """Each run of reported days as one closed outline of day-wide bars; runs separated by None."""
    half = pd.Timedelta(hours=12)
    xs: list = []
    ys: list = []
    run: list[tuple] = []
    for when, value in [*zip(dates, values), (None, None)]:
        if value is not None:
            run.append((pd.Timestamp(when), value))
            continue
        if run:  # drawn with line_shape "hv": one point per day, the step to the next day is implied
            xs.append(run[0][0] - half)
            ys.append(0.0)
            for day_, count in run:
                xs.append(day_ - half)
                ys.append(count)
            xs += [run[-1][0] + half, run[-1][0] + half, None]
            ys += [run[-1][1], 0.0, None]
            run = []
    return xs, ys


def plain(value) -> str:
    """Data text placed in a figure. Plotly renders a subset of HTML in titles, labels, legends and
    hover text (<a href>, <b>, <br>, ...), so a scraped name could become a link; escaped, it shows
    as the characters it is (plotly decodes the entities)."""
    return html.escape(str(value), quote=False)


def compact(fig: go.Figure) -> go.Figure:
    """Lighter data for the browser, same chart: calendar-day x values as "YYYY-MM-DD" (a third of
    plotly's nanosecond timestamps; "YYYY-MM-DDTHH:MM" for the half-day edges of bar outlines) and
    nullable counts as float32 with NaN gaps (sent as a binary typed array instead of a JSON list)."""
    for trace in fig.data:
        x = trace.x if "x" in trace else None
        days = _short_dates(x)
        if days is not None:
            trace.x = days
        y = trace.y if "y" in trace else None
        values = _nullable_numbers(y)
        if values is not None:
            trace.y = values
    return fig


def _short_dates(values) -> np.ndarray | None:
    """Dates as "YYYY-MM-DD" when all fall at midnight, else "YYYY-MM-DDTHH:MM" when all are whole
    minutes (the half-day edges of bar outlines); None (a gap) stays None. Otherwise: left alone."""
    if values is None or len(values) == 0:
        return None
    first = next((v for v in values if v is not None), None)
    if not isinstance(first, (datetime, np.datetime64)):
        return None
    try:
        stamps = np.asarray([np.datetime64("NaT") if v is None else v for v in values], dtype="datetime64[ns]")
    except (TypeError, ValueError):
        return None
    known = stamps[~np.isnat(stamps)]
    if len(known) + sum(v is None for v in values) != len(values):
        return None  # a NaT that was not a gap: leave as it is
    unit: Literal["D", "m"]
    if (known == known.astype("datetime64[D]")).all():
        unit = "D"
    elif (known == known.astype("datetime64[m]")).all():
        unit = "m"
    else:
        return None
    out = np.datetime_as_string(stamps, unit=unit).astype(object)
    out[np.isnat(stamps)] = None
    return out


def _nullable_numbers(values) -> np.ndarray | None:
    if values is None or isinstance(values, np.ndarray) and values.dtype.kind in "fiub":
        return None
    items = list(values)
    if not items or not any(v is None for v in items):
        return None
    if not all(
        v is None or (isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)) for v in items
    ):
        return None
    return np.array([np.nan if v is None else float(v) for v in items], dtype=np.float32)  # exact for counts


def source_text(fig: go.Figure) -> str:
    """The source line a figure carries (tests and exports check it is there)."""
    for ann in fig.layout.annotations:
        if ann.name == "source":
            return ann.text
    return ""
