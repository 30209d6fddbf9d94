"""Tables for people to open in spreadsheets: CSV and XLSX, with formula injection made inert.

A cell that starts with = + - @ (or a tab / carriage return) is run as a formula by Excel,
LibreOffice and Google Sheets. Scraped remarks and titles are untrusted, so every exported text
cell that starts that way gets a leading apostrophe (OWASP's recommendation): shown as text,
never evaluated. Numbers stay numbers: -5 as a number is not a formula.

Where the metadata goes. A CSV stays a bare table with the machine-readable snake_case headers: people
script against those names (pandas, R), and a `# source: ...` header line above the table breaks Excel's
and most readers' column detection (pandas needs comment='#', which then also eats any cell that starts
with '#'). The source, licence and as-of date travel instead, as Our World in Data does, next to the
table: in the XLSX's 'source' sheet (with the CSV name of every column), and in the report pack, whose
ZIP holds each chart's CSV with its XLSX, figures and a README naming source, licence and as-of date.
The XLSX and the tables on screen show human column names in the reader's language (column_label).
"""

from __future__ import annotations

import io
import logging
import re

import pandas as pd

from charts.theme import SourceNote
from i18n import DEFAULT, catalog, current, t, use

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


# Columns named after a measure: "<measure>_<suffix>" (aircraft_mean_7d, vessels_peak_date, ...). Longest first.
SUFFIXES = (
    "days_reported",
    "peak_date",
    "definition",
    "mean_30d",
    "mean_7d",
    "baseline",
    "excess",
    "source",
    "total",
    "peak",
)


def known_label(name: str) -> str | None:
    """A column's label from the catalog (column.<name>, or a measure's name with a column.suffix.<suffix>),
    None when the catalog has none."""
    english = catalog(DEFAULT)
    if f"column.{name}" in english:
        return t(f"column.{name}")
    if f"metric.{name}" in english:  # a measure's own column: aircraft, vessels, official_ships, ...
        return t(f"metric.{name}")
    for suffix in SUFFIXES:
        measure = name.removesuffix(f"_{suffix}")
        if measure != name and f"metric.{measure}" in english:
            return t(f"column.suffix.{suffix}", measure=t(f"metric.{measure}"))
    return None


def column_label(name: object) -> str:
    """What a reader sees as a column's header, in the current language; a column the catalog does not
    know yet still reads as words ("first_seen" -> "First seen"), never as snake_case."""
    text = str(name)
    label = known_label(text)
    if label is not None:
        return label
    words = " ".join(text.replace("_", " ").split())
    return words[:1].upper() + words[1:]


def column_labels(columns) -> dict:
    """Column name -> header for a table shown or exported to people; two columns never share a header."""
    labels: dict = {}
    for name in columns:
        label = column_label(name)
        labels[name] = label if label not in labels.values() else f"{label} ({name})"
    return labels


def human_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with human headers in the current language (the XLSX export; CSVs keep the names)."""
    return frame.rename(columns=column_labels(frame.columns))


def _xlsx_text(value):
    return _NOT_IN_XLSX.sub("", value) if isinstance(value, str) else value


def xlsx_bytes(
    frame: pd.DataFrame,
    *,
    sheet: str = "data",
    source_line: str = "",
    note: SourceNote | None = None,
    language: str | None = None,
) -> bytes:
    """One sheet of data under human headers, with thousands separators and ISO dates; a second sheet
    'source' carries the source line, source, licence, as-of date and every column's CSV name, so the file
    stands alone. `language` is the reader's: files are built after the page run, on a thread of their own."""
    previous = current()
    use(language or previous)
    try:
        return _xlsx(frame, sheet=sheet, source_line=source_line, note=note)
    finally:
        use(previous)


def _xlsx(frame: pd.DataFrame, *, sheet: str, source_line: str, note: SourceNote | None) -> bytes:
    names = [str(c) for c in frame.columns]
    safe = neutralise(human_columns(frame))
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
        _number_formats(writer.sheets[sheet[:31]], safe)
        if source_line or note is not None:
            about = pd.DataFrame({"source": [inert(source_line)]})
            about.to_excel(writer, sheet_name="source", index=False)
            _about(writer.sheets["source"], note, dict(zip(names, safe.columns)))
    return buffer.getvalue()


def _number_formats(page, frame: pd.DataFrame) -> None:
    """Counts with thousands separators, other numbers to two places, dates as ISO dates."""
    for index, column in enumerate(frame.columns, start=1):
        kind = frame[column].dtype
        if pd.api.types.is_bool_dtype(kind):
            continue
        if pd.api.types.is_integer_dtype(kind):
            fmt = "#,##0"
        elif pd.api.types.is_float_dtype(kind):
            fmt = "#,##0.0#"
        elif pd.api.types.is_datetime64_any_dtype(kind):
            fmt = "yyyy-mm-dd"
        else:
            continue
        for (cell,) in page.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.number_format = fmt


def _about(page, note: SourceNote | None, headers: dict[str, str]) -> None:
    """Below the source line: what the table is and where it is from, then CSV column name -> header."""
    rows: list[tuple[str, str]] = []
    if note is not None:
        rows += [
            (t("export.about.source"), note.source),
            (t("export.about.licence"), note.licence or t("export.about.not_stated")),
            (t("export.about.as_of"), note.as_of),
        ]
        if note.url:
            rows.append((t("export.about.url"), note.url))
    rows += [("", ""), (t("export.about.csv_name"), t("export.about.header"))]
    rows += list(headers.items())
    for offset, (key, value) in enumerate(rows, start=4):
        page.cell(row=offset, column=1, value=inert(_xlsx_text(key)) or None)
        page.cell(row=offset, column=2, value=inert(_xlsx_text(value)) or None)


def xlsx_or_error(
    frame: pd.DataFrame,
    *,
    sheet: str = "data",
    source_line: str = "",
    note: SourceNote | None = None,
    language: str | None = None,
) -> bytes:
    """xlsx_bytes, or, if building it fails, a workbook that says so (with the reason) instead of data.

    Downloads are built when clicked, outside the page run: an exception there only reaches the server
    log and the person gets no file and no word. A file that states the failure is seen and can be reported."""
    try:
        return xlsx_bytes(frame, sheet=sheet, source_line=source_line, note=note, language=language)
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
