"""Tables for people to open in spreadsheets: CSV and XLSX, with formula injection made inert.

A cell that starts with = + - @ (or a tab / carriage return) is run as a formula by Excel,
LibreOffice and Google Sheets. Scraped remarks and titles are untrusted, so every exported text
cell that starts that way gets a leading apostrophe (OWASP's recommendation): shown as text,
never evaluated. Numbers stay numbers: -5 as a number is not a formula.
"""

from __future__ import annotations

import io
import logging
import re

import pandas as pd

_LOG = logging.getLogger(__name__)

# Characters an XLSX file cannot hold (XML 1.0 forbids C0 controls other than tab, LF, CR); openpyxl raises
# IllegalCharacterError on them. The loaders strip them already (loaders/raw_csv.printable_frame); this
# keeps any table built elsewhere exportable too.
_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell (and column name) made inert; other types untouched."""
    out = frame.copy()
    out.columns = [inert(str(c)) for c in out.columns]
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column].dtype):
            out[column] = out[column].map(inert, na_action="ignore")
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so Excel opens Chinese/Japanese text correctly; ISO dates."""
    return neutralise(frame).to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8-sig")


def _xlsx_text(value):
    return _NOT_IN_XLSX.sub("", value) if isinstance(value, str) else value


def xlsx_bytes(frame: pd.DataFrame, *, sheet: str = "data", source_line: str = "") -> bytes:
    """One sheet of data; a second sheet 'source' carries the source line so the file stands alone."""
    safe = neutralise(frame)
    safe.columns = [_xlsx_text(c) for c in safe.columns]
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column].dtype):
            safe[column] = safe[column].map(_xlsx_text, na_action="ignore")
    source_line = _xlsx_text(source_line)
    for column in safe.columns:  # Excel has no timezone-aware datetimes
        if isinstance(safe[column].dtype, pd.DatetimeTZDtype):
            safe[column] = safe[column].dt.tz_localize(None)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, sheet_name=sheet[:31], index=False)
        if source_line:
            pd.DataFrame({"source": [inert(source_line)]}).to_excel(writer, sheet_name="source", index=False)
    return buffer.getvalue()


def xlsx_or_error(frame: pd.DataFrame, *, sheet: str = "data", source_line: str = "") -> bytes:
    """xlsx_bytes, or, if building it fails, a workbook that says so (with the reason) instead of data.

    Downloads are built when clicked, outside the page run: an exception there only reaches the server
    log and the person gets no file and no word. A file that states the failure is seen and can be reported."""
    try:
        return xlsx_bytes(frame, sheet=sheet, source_line=source_line)
    except Exception as exc:  # noqa: BLE001 - whatever failed, the person must be told rather than left waiting
        _LOG.exception("XLSX export failed")
        import openpyxl

        book = openpyxl.Workbook()
        page = book.active
        page.title = "export failed"
        page["A1"] = "This XLSX export failed, so it holds no data. The CSV download of the same table still works."
        page["A2"] = inert(_xlsx_text(f"Reason: {type(exc).__name__}: {exc}"[:500]))
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
