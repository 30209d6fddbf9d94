"""Report pack: every chart of a deck as PNG, SVG and PDF, the table behind each as CSV (machine column
names, nothing above the header, so pandas and Excel read it as it is) and XLSX (human headers, plus a
'source' sheet with source, licence and as-of date), and a README with sources, licences and as-of dates,
in one ZIP: the metadata travel beside the data, as in Our World in Data's downloads. Used by the deck
page and by the CLI:

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
from deck.model import Deck, Slide, shown


def slide_chart(tables: Tables, slide: Slide) -> Rendered:
    """A slide's chart exactly as the app shows it, events overlay included when asked."""
    return catalog.render(tables, slide.chart, slide.settings, events=slide.events, title=shown(slide.title))


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
        f"# {md(shown(deck.title))}",
        "",
        f"Report pack built {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        "| # | chart | files | source | licence | data to |",
        "|---|---|---|---|---|---|",
    ]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, slide in enumerate(deck.slides, start=1):
            progress(f"[{index}/{len(deck.slides)}] {slide.chart}")
            rendered = slide_chart(tables, slide)
            name = _name(index, rendered)
            for fmt in ("png", "svg", "pdf"):
                archive.writestr(f"{name}.{fmt}", export.image_bytes(rendered.fig, fmt, size))
            archive.writestr(f"{name}.csv", tabular.csv_bytes(rendered.data))
            note = rendered.note
            archive.writestr(f"{name}.xlsx", tabular.xlsx_or_error(rendered.data, source_line=note.line(), note=note))
            title = md(shown(slide.title) or CATALOG[slide.chart].title)  # a markdown table cell
            lines.append(
                f"| {index} | {title} | {name}.png, .svg, .pdf, .csv, .xlsx | {md(note.source)} | "
                f"{md(note.licence or '—')} | {md(note.as_of)} |"
            )
        lines += [
            "",
            "Figures carry their own source line and as-of date. CSV files are UTF-8 with BOM, with the column "
            "names scripts use; the XLSX of each table has human headers and a 'source' sheet (source, licence, "
            "as-of date, each header's CSV column). Text cells that could run as spreadsheet formulas are "
            "prefixed with an apostrophe.",
            "",
        ]
        archive.writestr("README.md", "\n".join(lines))
    return buffer.getvalue()
