"""Tables for people to open in spreadsheets: CSV and XLSX, with formula injection made inert.

A cell that starts with = + - @ (or a tab / carriage return) is run as a formula by Excel,
LibreOffice and Google Sheets. Scraped remarks and titles are untrusted, so every exported text
cell that starts that way gets a leading apostrophe (OWASP's recommendation): shown as text,
never evaluated. Numbers stay numbers: -5 as a number is not a formula.
"""

from __future__ import annotations

import io

import pandas as pd

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


def xlsx_bytes(frame: pd.DataFrame, *, sheet: str = "data", source_line: str = "") -> bytes:
    """One sheet of data; a second sheet 'source' carries the source line so the file stands alone."""
    safe = neutralise(frame)
    for column in safe.columns:  # Excel has no timezone-aware datetimes
        if isinstance(safe[column].dtype, pd.DatetimeTZDtype):
            safe[column] = safe[column].dt.tz_localize(None)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, sheet_name=sheet[:31], index=False)
        if source_line:
            pd.DataFrame({"source": [inert(source_line)]}).to_excel(writer, sheet_name="source", index=False)
    return buffer.getvalue()
