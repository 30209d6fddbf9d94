"""Exports: formula injection made inert in CSV/XLSX; PNG/SVG/PDF with source line and real CJK glyphs."""

from __future__ import annotations

import io
import os
import shutil
import struct

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from charts import export, tabular
from charts.theme import SourceNote, finish

DANGEROUS = ["=SUM(A1:A9)", "+1", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x","y")']


@pytest.mark.parametrize("value", DANGEROUS)
def test_dangerous_text_is_made_inert(value: str) -> None:
    assert tabular.inert(value) == "'" + value


def test_numbers_and_safe_text_are_untouched() -> None:
    frame = pd.DataFrame({"n": [-5, 3], "t": ["ok", "中國海軍"], "d": pd.to_datetime(["2024-01-01", "2024-01-02"])})
    out = tabular.neutralise(frame)
    assert out["n"].tolist() == [-5, 3] and out["t"].tolist() == ["ok", "中國海軍"]


@given(st.text(max_size=40))
@hsettings(max_examples=200, deadline=None)
def test_no_exported_text_cell_can_start_a_formula(value: str) -> None:
    out = tabular.neutralise(pd.DataFrame({"remark": [value]}))["remark"].iloc[0]
    assert not out.startswith(tabular.DANGEROUS_START)


def test_csv_has_bom_and_inert_cells() -> None:
    data = tabular.csv_bytes(pd.DataFrame({"=evil": ["=1+1", "fine"], "n": [-1, 2]}))
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines() == ["'=evil,n", "'=1+1,-1", "fine,2"]


def test_xlsx_cells_are_inert_and_source_sheet_present() -> None:
    data = tabular.xlsx_bytes(pd.DataFrame({"remark": ["@SUM(1)", "ok"], "n": [-3, 4]}), source_line="Source: X")
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["data"]
    assert sheet["A2"].value == "'@SUM(1)" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == -3
    assert book["source"]["A2"].value == "Source: X"


# --- static images (need Debian's chromium for kaleido) -------------------------------------------


def need_chromium() -> None:
    if not (shutil.which("chromium") or os.environ.get("BROWSER_PATH")):
        if os.environ.get("CI") == "true":
            pytest.fail("CI must install Debian chromium for figure exports")
        pytest.skip("no chromium: figure export needs Debian's chromium package")


def figure(title: str) -> go.Figure:
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))
    return finish(fig, title=title, subtitle="subtitle", note=SourceNote("Test source 國防部", "2024-03-31"))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def kaleido_server():
    need_chromium()
    import kaleido

    kaleido.start_sync_server(silence_warnings=True)
    yield
    kaleido.stop_sync_server(silence_warnings=True)


@pytest.mark.parametrize("size", ["a4", "slide"])
def test_png_is_double_resolution(kaleido_server, size: str) -> None:
    data = export.image_bytes(figure("Title"), "png", size)
    spec = export.SIZES[size]
    assert png_size(data) == (spec.width * 2, spec.height * 2)


def test_svg_carries_title_and_source_line(kaleido_server) -> None:
    svg = export.image_bytes(figure("Exported title"), "svg", "a4").decode("utf-8")
    assert svg.startswith("<svg") and "Exported title" in svg
    assert "Source: Test source 國防部 · Data to 2024-03-31" in svg


def test_pdf_is_a_pdf(kaleido_server) -> None:
    data = export.image_bytes(figure("PDF title"), "pdf", "a4")
    assert data.startswith(b"%PDF") and len(data) > 5_000


def test_cjk_text_renders_with_real_glyphs(kaleido_server) -> None:
    """Same layout three ways: CJK text, missing-glyph text (tofu) and Latin text. A font without CJK
    would draw the CJK title as the same boxes as the private-use characters."""
    cjk = export.image_bytes(figure("台灣海峽 日本語"), "png", "a4")
    tofu = export.image_bytes(figure("\ue000\ue001\ue002\ue003 \ue004\ue005\ue006"), "png", "a4")
    latin = export.image_bytes(figure("Taiwan Strait"), "png", "a4")
    assert cjk != tofu and cjk != latin


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        export.image_bytes(figure("x"), "gif")
