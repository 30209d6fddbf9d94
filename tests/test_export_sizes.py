"""Exported figures at the size they are placed: type in points, page size in cm, real fonts, metadata."""

from __future__ import annotations

import io
import os
import re
import struct
import subprocess

import pandas as pd
import plotly.graph_objects as go
import pytest
from pypdf import PdfReader

import i18n
import settings
from catalog import CATALOG, render
from charts import export
from charts.theme import SourceNote, array_values, finish, font_family
from deck.tables import FolderTables
from tests.test_exports import kaleido_server, need_chromium  # noqa: F401 - the fixture is used by name

PT_PER_CM = 72 / 2.54


def placed_points(fig: go.Figure, size: export.Size) -> dict[str, list[float]]:
    """Every text size in an exported figure, in points where the figure is placed at `size.width_cm`."""
    per_px = 72 / 96 * size.width_cm / (fig.layout.width / 96 * 2.54)  # pt per CSS px at the placed width
    layout = fig.layout
    body = [layout.font.size]
    body += [axis.tickfont.size or layout.font.size for axis in (layout.xaxis, layout.yaxis)]
    others = [layout.title.font.size, layout.title.subtitle.font.size, layout.legend.font.size]
    others += [axis.title.font.size for axis in (layout.xaxis, layout.yaxis) if axis.title.font.size]
    source = [a.font.size for a in layout.annotations if a.name == "source"]
    notes = [a.font.size for a in layout.annotations if a.name != "source"]
    return {
        "body": [v * per_px for v in body],
        "source": [v * per_px for v in source],
        "all": [v * per_px for v in body + others + source + notes],
    }


def sample(title: str = "Title", subtitle: str = "subtitle") -> go.Figure:
    fig = go.Figure(go.Scatter(x=[1, 2], y=[1, 2], name="series"))
    return finish(fig, title=title, subtitle=subtitle, note=SourceNote("Test source 國防部", "2024-03-31"), x_title="x")


@pytest.fixture(scope="module")
def tables() -> FolderTables:
    return FolderTables(settings.SNAPSHOT_DIR)


@pytest.mark.parametrize("size", list(export.SIZES))
@pytest.mark.parametrize("chart", list(CATALOG))
def test_placed_type_sizes(tables, chart: str, size: str) -> None:
    """Print sizes: body text 8-9 pt and nothing, source line included, under 7 pt where the figure is placed
    (a 16 cm column takes the 16 cm figure at 100 %). Slides: read across a room, body 12-18 pt, 10 pt at least."""
    spec = export.SIZES[size]
    if not all(tables.has_table(name) for name in CATALOG[chart].needs):
        pytest.skip(f"{chart} draws trade files added by hand; the shipped snapshot has none")
    drawn = render(tables, chart).fig
    fig = export.for_export(drawn, spec)
    if export.own_page(drawn):  # a precedent card is a printed A4 page: it keeps its page (tests/test_precedents.py)
        assert (fig.layout.width, fig.layout.height) == (drawn.layout.width, drawn.layout.height)
        return
    assert fig.layout.width / 96 * 2.54 == pytest.approx(spec.width_cm, abs=0.014)  # to the nearest pixel
    points = placed_points(fig, spec)
    low, high, least = (8.0, 9.0, 7.0) if spec.print_ else (12.0, 18.0, 10.0)
    assert all(low <= p <= high for p in points["body"]), points["body"]
    assert points["source"] and min(points["source"]) >= least, points["source"]
    assert min(points["all"]) >= least - 1e-6, points["all"]


def test_long_title_and_source_are_wrapped_to_the_column() -> None:
    long = "A title much too long to sit on one line of a sixteen centimetre report column, by a wide margin, " * 2
    fig = export.for_export(sample(long, long), export.SIZES["a4"])
    assert fig.layout.title.text.count("<br>") >= 1 and fig.layout.title.subtitle.text.count("<br>") >= 1
    assert fig.layout.margin.t > export.for_export(sample(), export.SIZES["a4"]).layout.margin.t


def test_font_stacks_follow_the_language() -> None:
    assert font_family("zh-TW").index("Noto Sans CJK TC") < font_family("zh-TW").index("Noto Sans CJK JP")
    assert font_family("ja").index("Noto Sans CJK JP") < font_family("ja").index("Noto Sans CJK TC")
    for language in i18n.LANGUAGES:
        stack = font_family(language)
        assert stack.startswith("Arial,") and stack.endswith("sans-serif")
        pdf = font_family(language, for_pdf=True)
        assert pdf.index("WenQuanYi Zen Hei") < pdf.index("Noto Sans CJK TC")
        assert pdf.index("BIZ UDPGothic") < pdf.index("Noto Sans CJK JP")
    i18n.use("ja")
    assert sample().layout.font.family == font_family("ja")
    i18n.use("en")


def pdf_font_types(reader: PdfReader) -> set[str]:
    fonts = reader.pages[0]["/Resources"].get("/Font") or {}
    return {str(font.get_object()["/Subtype"]) for font in fonts.values()}


def need_pdf_fonts() -> None:
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    missing = [f for f in ("Liberation Sans", "BIZ UDPGothic", "WenQuanYi Zen Hei") if f not in listed]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must install the PDF fonts (.ci/run): {missing}")
        pytest.skip(
            f"fonts not installed: {missing} (apt-get install fonts-liberation2 fonts-morisawa-bizud-gothic fonts-wqy-zenhei)"
        )


@pytest.mark.parametrize("size", list(export.SIZES))
def test_pdf_page_is_the_size_in_cm(kaleido_server, size: str) -> None:  # noqa: F811
    spec = export.SIZES[size]
    page = PdfReader(io.BytesIO(export.image_bytes(sample(), "pdf", size))).pages[0]
    assert float(page.mediabox.width) / PT_PER_CM == pytest.approx(spec.width_cm, abs=0.05)
    assert float(page.mediabox.height) / PT_PER_CM == pytest.approx(spec.height_cm, abs=0.05)


TITLES = {"en": "Aircraft around Taiwan", "ja": "台湾周辺の中国軍機の活動", "zh-TW": "台灣周邊共機動態 說青骨"}


@pytest.mark.parametrize("language", list(TITLES))
def test_pdf_embeds_real_fonts_and_carries_title(kaleido_server, language: str) -> None:  # noqa: F811
    """No Type 3 fonts (Chromium writes OpenType/CFF fonts and synthetic bold that way), and the metadata
    a library catalogue or a reference manager reads: title, author, subject (the source line), language."""
    need_pdf_fonts()
    i18n.use(language)
    try:
        fig = sample(TITLES[language] + " &amp; more", TITLES[language])
    finally:
        i18n.use("en")
    reader = PdfReader(io.BytesIO(export.image_bytes(fig, "pdf", "a4")))
    types = pdf_font_types(reader)
    assert types and "/Type3" not in types, types
    meta = reader.metadata
    assert meta.title == TITLES[language] + " & more"
    assert meta.author == settings.APP_TITLE
    assert "國防部" in meta.subject and "2024-03-31" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == language
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]


def test_png_says_its_resolution(kaleido_server) -> None:  # noqa: F811
    """Office software places a PNG by its pHYs: the 2x PNG of a 16 cm figure must be placed at 16 cm."""
    data = export.image_bytes(sample(), "png", "a4")
    at = data.index(b"pHYs")
    per_metre, _, unit = struct.unpack(">IIB", data[at + 4 : at + 13])
    width = struct.unpack(">I", data[16:20])[0]
    assert unit == 1 and width / per_metre * 100 == pytest.approx(export.SIZES["a4"].width_cm, abs=0.05)


def test_svg_names_fonts_readers_have(kaleido_server) -> None:  # noqa: F811
    """Every font stack in the SVG starts with Arial (Windows, macOS; Liberation Sans on Linux) and ends in
    the generic sans-serif, so text is drawn with the same widths wherever it is opened."""
    svg = export.image_bytes(sample("日本語 title"), "svg", "a4").decode("utf-8")
    stacks = set(re.findall(r"font-family:\s*([^;\"]+)", svg))
    assert stacks
    for stack in stacks:
        names = [n.strip(" '\"") for n in stack.replace("&quot;", '"').split(",")]
        assert names[0] == "Arial" and names[-1] == "sans-serif", stack


# --- tables for people: human headers, machine CSV, metadata in the XLSX --------------------------------


@pytest.mark.parametrize("chart", list(CATALOG))
def test_every_gallery_column_has_a_real_label(tables, chart: str) -> None:
    """Every column of every chart's data (every measure) has a catalog label in each language, not the
    fallback made from its name."""
    from catalog import Settings
    from catalog.measures import EXTRA_METRICS, METRICS
    from charts.tabular import known_label

    for metric in (*METRICS, *EXTRA_METRICS) if chart != "compare" else METRICS:
        try:
            data = render(tables, chart, Settings(metric=metric)).data
        except LookupError:
            continue
        for language in i18n.LANGUAGES:
            i18n.use(language)
            try:
                missing = [c for c in data.columns if known_label(str(c)) is None]
            finally:
                i18n.use("en")
            assert not missing, (chart, metric, language, missing)


def test_csv_keeps_names_and_xlsx_shows_labels_and_metadata() -> None:
    import openpyxl
    import pandas as pd

    from charts import tabular

    frame = pd.DataFrame({"date": pd.to_datetime(["2024-01-01"]), "aircraft_mean_7d": [1234.5], "total": [12345]})
    assert tabular.csv_bytes(frame).decode("utf-8-sig").splitlines()[0] == "date,aircraft_mean_7d,total"
    note = SourceNote("Taiwan MND", "2024-01-01", licence="CC BY 4.0", url="https://example.org/data")
    book = openpyxl.load_workbook(
        io.BytesIO(tabular.xlsx_bytes(frame, source_line="Source: X", note=note, language="ja"))
    )
    data = book["data"]
    assert [c.value for c in data[1]] == ["日付", "中国軍機（7日平均）", "合計"]
    assert data["C2"].number_format == "#,##0" and data["A2"].number_format == "yyyy-mm-dd"
    about = {row[0]: row[1] for row in book["source"].iter_rows(min_row=4, values_only=True) if row[0]}
    assert about["ライセンス"] == "CC BY 4.0" and about["データの最終日"] == "2024-01-01"
    assert about["aircraft_mean_7d"] == "中国軍機（7日平均）"
    assert book["source"]["A2"].value == "Source: X"
    assert i18n.current() == "en"  # the reader's language was used for the file only


def test_the_timeline_packs_events_into_lanes_that_fit_the_first_screen(tables) -> None:
    """18 catalog events took 18 rows (668 px, cut at 1280x720 in presenter mode): events share lanes where
    their labels do not collide, so the whole timeline fits the presenter's first screen; every event keeps
    its label and its full name in the hover."""
    from ui.presenter import CHART_HEIGHT, size_for

    fig = render(tables, "timeline").fig
    events = tables.table("events")
    labelled = [trace for trace in fig.data if trace.type == "scatter"]
    assert sum(len(trace.text) for trace in labelled) == len(events) == 18
    lanes = {lane for trace in labelled for lane in trace.y}
    assert len(lanes) <= 9 and fig.layout.height <= 560
    assert size_for(fig).height <= CHART_HEIGHT  # presented at the first screen's height, not its own
    names = {name for trace in labelled for name, *_ in trace.customdata}
    assert "Nancy Pelosi visit to Taiwan" in names  # the label is short ("Pelosi visit"), the hover is whole
    for trace in labelled:  # labels near the end of the axis end at their event instead of running off it
        for when, side in zip(trace.x, trace.textposition):
            if pd.Timestamp(when) > pd.Timestamp("2025-10-01"):
                assert side == "middle left", when


def many_keys(count: int) -> go.Figure:
    fig = go.Figure()
    for i in range(count):
        fig.add_bar(x=["2024-01", "2024-02"], y=[i, i + 1], name=f"Strait number {i} with a longish name")
    return finish(fig, title="Title", subtitle="subtitle", note=SourceNote("Test source", "2024-03-31"))


def test_a_legend_of_many_rows_goes_beside_the_plot_and_a_short_one_stays_above() -> None:
    from ui import presenter

    beside = export.for_export(many_keys(9), presenter.SIZE)
    assert beside.layout.legend.orientation == "v" and beside.layout.legend.x > 1
    above = export.for_export(many_keys(2), presenter.SIZE)
    assert above.layout.legend.orientation != "v"
    # the column's room is taken from the plot, not drawn over it; the top margin no longer holds a legend row
    assert beside.layout.margin.r > above.layout.margin.r + 150
    assert beside.layout.margin.t < above.layout.margin.t


@pytest.mark.parametrize("size", ["presenter", *export.SIZES])
@pytest.mark.parametrize("chart", list(CATALOG))
def test_every_key_of_a_legend_column_shows(tables, chart: str, size: str) -> None:
    """A legend beside the plot is never taller than the plot: plotly would give it a scroll bar on screen
    and cut it in a file (the aircraft-by-type chart's 13 keys did both in presenter mode)."""
    from ui import presenter

    if not all(tables.has_table(name) for name in CATALOG[chart].needs):
        pytest.skip(f"{chart} draws trade files added by hand; the shipped snapshot has none")
    drawn = render(tables, chart, events=True).fig
    if export.own_page(drawn):
        return
    fig = export.for_export(drawn, presenter.SIZE if size == "presenter" else export.SIZES[size])
    legend = fig.layout.legend
    if legend.orientation != "v" or fig.layout.showlegend is False:
        return
    names = {t.name for t in fig.data if t.name and t.showlegend is not False}
    lines = sum(len(re.split(r"<br\s*/?>", name)) for name in names)
    plot_height = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert lines * legend.font.size * export.LEGEND_LINE + len(names) * export.LEGEND_GAP <= plot_height + 1


def test_a_date_axis_ends_at_its_data(tables) -> None:
    """Plotly padded the daily chart's axis into 2028 (for its surge markers and a label near the end):
    an empty stretch a reader takes for 'no activity since'."""
    drawn = render(tables, "daily", events=True).fig
    from charts.theme import DATE_PAD

    dates = [pd.Timestamp(x) for trace in drawn.data for x in (trace.x if trace.x is not None else []) if x]
    first, last = min(dates), max(dates)
    for fig in (drawn, export.for_export(drawn, export.SIZES["a4"])):
        end = pd.Timestamp(fig.layout.xaxis.range[1])
        assert last < end <= last + (last - first) * DATE_PAD + pd.Timedelta(days=1), (last, end)


def test_y_axis_title_is_held_off_its_numbers_at_presenter_size(tables) -> None:
    from ui import presenter

    if not tables.has_table("trade_partner"):
        pytest.skip("no trade table in this snapshot")
    fig = export.for_export(render(tables, "trade_annual").fig, presenter.SIZE)
    axis = fig.layout.yaxis
    top = max(float(v) for trace in fig.data for v in array_values(trace.y) if v == v)
    assert 100 < top < 1000  # billions of USD: "200", not "200,000" beside "billion USD"
    numbers = len(f"{top * 1.1:,.0f}") * axis.tickfont.size * export.EM_PER_COLUMN["regular"]
    assert axis.title.standoff and axis.title.standoff >= axis.tickfont.size // 2
    assert fig.layout.margin.l >= numbers + axis.title.standoff + axis.title.font.size


def test_stacked_panels_titles_clear_the_widest_numbers() -> None:
    """A lower panel's "4,000" is wider than an upper panel's "150": each title stands clear of the widest
    numbers of any left axis (the upper title had run into the lower panel's ticks at presenter size)."""
    from plotly.subplots import make_subplots

    from ui import presenter

    fig = make_subplots(rows=2, cols=1, shared_xaxes=True)
    fig.add_bar(x=[1, 2], y=[150.0, 120.0], row=1, col=1)
    fig.add_bar(x=[1, 2], y=[4000, 3500], row=2, col=1)
    finish(fig, title="T", subtitle="S", note=SourceNote("Src", "2026"), y_title="billion USD")
    fig.update_yaxes(title_text="aircraft", row=2, col=1)
    out = export.for_export(fig, presenter.SIZE)
    upper, lower = out.layout.yaxis, out.layout.yaxis2
    assert upper.title.standoff > lower.title.standoff  # further out: past the lower panel's wider numbers
    em = out.layout.font.size * export.EM_PER_COLUMN["regular"]
    assert upper.title.standoff - lower.title.standoff == pytest.approx((len("4,400") - len("165")) * em, abs=2)
    assert out.layout.margin.l >= len("4,400") * em + upper.title.standoff + upper.title.font.size


def test_a_figure_without_a_legend_keeps_no_row_for_one() -> None:
    """Lines labelled at their ends (year-over-year) or a heatmap draw no legend: no empty band of a legend
    row is left between the subtitle and the plot."""
    from ui import presenter

    def figure(keys: int, showlegend: bool | None) -> go.Figure:
        fig = go.Figure()
        for number in range(keys):
            fig.add_scatter(x=[1, 2], y=[number, number + 1], name=f"line {number}")
        fig.update_layout(showlegend=showlegend)
        return finish(fig, title="T", subtitle="S", note=SourceNote("Src", "2026"))

    for size in (export.SIZES["a4"], presenter.SIZE):
        keyed = export.for_export(figure(2, None), size)
        for bare in (figure(2, False), figure(1, None)):
            out = export.for_export(bare, size)
            assert keyed.layout.margin.t - out.layout.margin.t == pytest.approx(
                out.layout.legend.font.size * 1.6, abs=1
            )
            assert out.layout.margin.t > 0


def test_a_cjk_key_wrapped_anew_has_no_gap_inside_a_word() -> None:
    """A legend column's keys are re-wrapped at a smaller type: the old break became a space, which showed
    as a gap inside a Japanese word ("組み合 わせ")."""
    from charts.theme import unwrap, wrap_text

    assert unwrap("保留（あり得ない組み<br>合わせ）") == "保留（あり得ない組み合わせ）"
    assert unwrap("Yonaguni (near<br>Taiwan)") == "Yonaguni (near Taiwan)"
    assert unwrap("Japan: 中国<br>Miyako") == "Japan: 中国 Miyako"
    key = "保留（あり得ない組み合わせ）"
    assert " " not in wrap_text(unwrap(wrap_text(key, 12)), 16)


def test_a_chart_on_screen_is_laid_out_for_a_laptops_column() -> None:
    """Drawn as plotly gives it, a long title ran past the right edge of a 1280 px screen's column: on screen a
    chart is laid out (wrapped) for that column, at the house type, and keeps its own height."""
    from ui import screen

    long_title = "A title long enough to run past the right edge of an 820 px column at twenty px bold type"
    fig = finish(go.Figure(go.Scatter(x=[1, 2], y=[1, 2])), title=long_title, subtitle="S", note=SourceNote("X", "1"))
    size = screen.size_for(fig)
    assert size.width == screen.COLUMN_WIDTH and size.height == screen.HEIGHT
    out = export.for_export(fig, size)
    assert "<br>" in out.layout.title.text and out.layout.title.font.size == fig.layout.title.font.size
    fig.layout.height = 700
    assert screen.size_for(fig).height == 700


def test_exercises_compared_rows_stay_apart_and_short_panels_keep_few_numbers(tables) -> None:
    """Exercises compared wrapped full names over three lines and ran each row into the next (presenter, A4):
    rows are now a short label over the first day, and the label type fits two lines a row. A panel of 80 px
    keeps only the numbers that fit one above the other."""
    from ui import presenter

    fig = render(tables, "compare").fig
    labels = list(fig.layout.yaxis.categoryarray)
    assert labels[0].startswith("Aug 2022 drills<br>") and all(label.count("<br>") == 1 for label in labels)
    for size in (presenter.size_for(fig), export.SIZES["a4"]):
        out = export.for_export(fig, size)
        plot = out.layout.height - out.layout.margin.t - out.layout.margin.b
        assert out.layout.yaxis.tickfont.size * 2 * 1.25 <= plot / len(labels) + 0.1, size.key
    stacked = render(tables, "trade_security_year").fig
    trade = export.for_export(stacked, presenter.size_for(stacked))
    for axis in (trade.layout.yaxis, trade.layout.yaxis2):
        panel = (trade.layout.height - trade.layout.margin.t - trade.layout.margin.b) * (
            axis.domain[1] - axis.domain[0]
        )
        assert axis.nticks and axis.nticks * axis.tickfont.size * 2 <= panel + axis.tickfont.size * 2
