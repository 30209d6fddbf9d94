"""Precedent cards on paper: one card, or every card as one A4 PDF (a page each), a card as PNG, and the
comparison sheet as an A4 landscape PDF. Used by `python -m deck cards` and the Exercises & events page.

Cards are catalog charts (catalog/precedents.py) laid out as A4 pages; this module only prints them. Chromium
prints CSS pixels at 96 to the inch, so a 794 x 1123 px card comes out a hair off 210 x 297 mm; each page
is scaled to A4 exactly, so a print shop or a journal's preflight sees the size it expects. The caller
runs kaleido's browser (kaleido.start_sync_server) around a batch, as for report packs.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pandas as pd
import plotly.graph_objects as go
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

import catalog
import i18n
from analysis import precedents as calc
from catalog import Settings, Tables

A4_POINTS = (595.276, 841.89)  # 210 x 297 mm in PDF points
PNG_SCALE = 2  # 1588 x 2246 px: 192 dpi on A4


@contextmanager
def language(code: str) -> Iterator[None]:
    """Render in `code` and put the caller's language back (the app's downloads run on a server thread)."""
    before = i18n.current()
    i18n.use(code)
    try:
        yield
    finally:
        i18n.use(before)


def card_ids(tables: Tables) -> list[tuple[str, str]]:
    """(chart id, event id) of every card: the exercises oldest first, then the triggers oldest first."""
    events = tables.table("events")
    return [("precedent_card", e) for e in calc.exercises(events)["id"]] + [
        ("trigger_card", e) for e in calc.triggers(events)["id"]
    ]


def chart_for(tables: Tables, event_id: str) -> str:
    """The card type of a catalog event; KeyError for an id the catalog does not have."""
    kinds = dict(zip(tables.table("events")["id"], tables.table("events")["kind"]))
    if event_id not in kinds:
        raise KeyError(f"no event '{event_id}' in the catalog")
    return "precedent_card" if kinds[event_id] == "exercise" else "trigger_card"


def figure(tables: Tables, chart: str, event_id: str | None = None) -> go.Figure:
    return catalog.render(tables, chart, Settings(exercise=event_id)).fig


def _image(fig: go.Figure, fmt: str, scale: float = 1) -> bytes:
    return fig.to_image(format=fmt, width=fig.layout.width, height=fig.layout.height, scale=scale)


def png(fig: go.Figure) -> bytes:
    return _image(fig, "png", PNG_SCALE)


def _a4(writer: PdfWriter, pdf: bytes, *, landscape: bool) -> None:
    width, height = A4_POINTS[::-1] if landscape else A4_POINTS
    for page in PdfReader(io.BytesIO(pdf)).pages:
        added = writer.add_page(page)  # scaled once it belongs to the writer (pypdf 7)
        added.scale_to(width, height)


def _pdf(writer: PdfWriter, title: str, code: str) -> bytes:
    writer.add_metadata({"/Title": title, "/Author": "Cross-Strait Security Indicators"})
    writer.root_object[NameObject("/Lang")] = TextStringObject(code)  # screen readers pick the right voice
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf(figures: list[go.Figure], title: str, code: str, *, landscape: bool = False) -> bytes:
    """Figures as one PDF, one A4 page each."""
    writer = PdfWriter()
    for fig in figures:
        _a4(writer, _image(fig, "pdf"), landscape=landscape)
    return _pdf(writer, title, code)


def cards_pdf(
    tables: Tables,
    code: str,
    events: list[str] | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> bytes:
    """The cards of `events` (catalog ids; default every card) in `code`, as one A4 PDF, a page per card."""
    with language(code):
        wanted = [(chart_for(tables, e), e) for e in events] if events else card_ids(tables)
        figures = []
        for index, (chart, event) in enumerate(wanted, start=1):
            progress(f"[{index}/{len(wanted)}] {chart} {event}")
            figures.append(figure(tables, chart, event))
        return pdf(figures, i18n.t("events_page.cards"), code)


def sheet_pdf(tables: Tables, code: str) -> bytes:
    """The comparison sheet as an A4 landscape PDF page."""
    with language(code):
        return pdf([figure(tables, "precedent_sheet")], i18n.t("events_page.sheet_heading"), code, landscape=True)


def sheet_table(tables: Tables) -> pd.DataFrame:
    """The comparison sheet's numbers, for CSV and XLSX."""
    return catalog.render(tables, "precedent_sheet").data
