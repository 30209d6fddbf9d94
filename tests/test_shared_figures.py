"""The app caches each rendered figure once and shares it between sessions (ui/blocks._rendered). So every
path that shows or exports a rendered chart must leave the figure and its data as they were: what one reader
downloads or opens never changes what the next one is shown."""

from __future__ import annotations

import pandas as pd
import plotly.io as pio
import plotly.tools
import pytest

import settings
from catalog import Settings, render
from charts import export, tabular
from charts.theme import compact
from deck import handout
from deck.tables import FolderTables
from ui import screen

CHARTS = [  # a daily chart with surges, a stacked two-panel chart, a printed page (precedent card), the Japan view
    ("daily", Settings(metric="aircraft", surges=True)),
    ("trade_security_year", Settings()),
    ("precedent_card", Settings(exercise="joint-sword-2024a")),
    ("japan_straits", Settings()),
]


@pytest.fixture(scope="module")
def tables() -> FolderTables:
    return FolderTables(settings.SNAPSHOT_DIR)


def _as_cached(tables: FolderTables, chart: str, chosen: Settings):
    """A figure as ui/blocks._rendered keeps it: rendered, laid out for the screen in place, compacted."""
    rendered = render(tables, chart, chosen, events=True)
    rendered.fig = compact(screen.laid_out(rendered.fig, presenting=False, strip=rendered.strip, in_place=True))
    return rendered


@pytest.mark.parametrize(("chart", "chosen"), CHARTS, ids=[c for c, _ in CHARTS])
def test_showing_and_exporting_leave_the_shared_figure_as_it_was(tables, chart, chosen) -> None:
    rendered = _as_cached(tables, chart, chosen)
    fig, data = rendered.fig, rendered.data
    before, data_before = fig.to_json(), data.copy(deep=True)

    # st.plotly_chart's own steps
    pio.to_json(plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True), validate=False)
    export.own_page(fig)
    # the download menu: every size's layout pass (image_bytes lays out before kaleido draws), the HTML file,
    # the CSV and the XLSX
    for size in export.SIZES.values():
        export.for_export(fig, size)
    handout.chart_html(fig, rendered.note, "ja")
    tabular.csv_bytes(data)
    tabular.xlsx_or_error(data, source_line=rendered.note.line(), note=rendered.note, language="en")
    # presenting lays out a figure of its own: never the shared one
    screen.laid_out(fig, presenting=True, strip=rendered.strip)

    assert fig.to_json() == before
    pd.testing.assert_frame_equal(data, data_before)


def test_the_check_can_fail(tables) -> None:
    """Laying out in place (what only the cache builder may do) changes the figure, and the check sees it."""
    rendered = _as_cached(tables, "daily", Settings(metric="aircraft"))
    before = rendered.fig.to_json()
    export.for_export(rendered.fig, export.SIZES["a4"], in_place=True)
    assert rendered.fig.to_json() != before
