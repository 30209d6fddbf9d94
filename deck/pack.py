"""Report pack: every chart of a deck as PNG + SVG, the table behind each as CSV, and a README
with sources and as-of dates, in one ZIP. Used by the deck page and by the CLI:

    python -m deck pack data/decks/pressure-on-taiwan.yaml --out /tmp/pack
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime

import catalog
from catalog import CATALOG, Rendered, Tables
from charts import export, tabular
from deck.model import Deck, Slide


def slide_chart(tables: Tables, slide: Slide) -> Rendered:
    """A slide's chart exactly as the app shows it, events overlay included when asked."""
    return catalog.render(tables, slide.chart, slide.settings, events=slide.events, title=slide.title)


def md(value) -> str:
    """Deck and data text placed mid-line in the README's markdown: one line, every character that could
    start a link, an image, HTML, formatting or a table cell backslash-escaped. ('-', '+' and '.' only act
    at the start of a line, which this text never is, so dates and names stay readable.)"""
    return re.sub(r"([\\`*_{}\[\]()#!|<>~$:&])", r"\\\1", " ".join(str(value).split()))


def _name(index: int, rendered: Rendered) -> str:
    return f"{index:02d}-{re.sub(r'[^a-z0-9-]+', '-', rendered.key.lower())}"


def build_zip(tables: Tables, deck: Deck, size: str = "slide", progress=lambda message: None) -> bytes:
    buffer = io.BytesIO()
    lines = [
        f"# {md(deck.title)}",
        "",
        f"Report pack built {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        "| # | chart | files | source | data to |",
        "|---|---|---|---|---|",
    ]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, slide in enumerate(deck.slides, start=1):
            progress(f"[{index}/{len(deck.slides)}] {slide.chart}")
            rendered = slide_chart(tables, slide)
            name = _name(index, rendered)
            for fmt in ("png", "svg"):
                archive.writestr(f"{name}.{fmt}", export.image_bytes(rendered.fig, fmt, size))
            archive.writestr(f"{name}.csv", tabular.csv_bytes(rendered.data))
            title = md(slide.title or CATALOG[slide.chart].title)  # a markdown table cell
            lines.append(
                f"| {index} | {title} | {name}.png, .svg, .csv | {md(rendered.note.source)} | "
                f"{md(rendered.note.as_of)} |"
            )
        lines += [
            "",
            "Figures carry their own source line and as-of date. CSV files are UTF-8 with BOM; "
            "text cells that could run as spreadsheet formulas are prefixed with an apostrophe.",
            "",
        ]
        archive.writestr("README.md", "\n".join(lines))
    return buffer.getvalue()
