"""Read a raw CSV as plain strings and parse its columns, turning every failure into a LoaderError.

Raw files are read with every cell as text so that nothing is guessed by pandas; each column is
then parsed by a named helper that knows which row and column it is looking at.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from loaders.errors import LoaderError

# Line 1 is the header, so data row i (0-based) sits on line i + 2.
HEADER_LINES = 1

# Dates the snapshot can store (datetime64[ns]): about 1677-09-22 to 2262-04-11. A date outside is a
# typo in the raw file (e.g. year 9999), reported like any other bad date rather than crashing pandas.
FIRST_DATE = pd.Timestamp.min.ceil("D")
LAST_DATE = pd.Timestamp.max.floor("D")


def line_of(index: int) -> int:
    """Spreadsheet row number of 0-based data row `index` (frames keep the raw row as their index)."""
    return int(index) + HEADER_LINES + 1


def _first_line(mask: pd.Series) -> tuple[int, int]:
    """(position, spreadsheet row) of the first True in `mask`."""
    pos = int(mask.to_numpy().nonzero()[0][0])
    return pos, line_of(mask.index[pos])


def read_text(path: Path) -> str:
    """Whole file as text; a missing, unreadable, empty or non-UTF-8 file is a LoaderError."""
    if not path.is_file():
        raise LoaderError(path, "file not found")
    data = path.read_bytes()
    if not data.strip():
        raise LoaderError(path, "file is empty")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise LoaderError(
            path, f"bytes are not valid UTF-8 text at byte {exc.start} (corrupt or wrong encoding)", row=row
        ) from None


def read_csv_strings(path: Path, required: list[str]) -> pd.DataFrame:
    """Every cell as a string ('' for blank); checks the required columns are present."""
    text = read_text(path)
    if "\x00" in text:
        row = text[: text.index("\x00")].count("\n") + 1
        raise LoaderError(path, "contains NUL bytes (binary or corrupt file)", row=row)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,  # keep row numbers equal to spreadsheet rows
        )
    except pd.errors.EmptyDataError:
        raise LoaderError(path, "file has no header line") from None
    except (pd.errors.ParserError, csv.Error) as exc:
        raise LoaderError(path, f"not a well-formed CSV file ({exc})") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise LoaderError(
            path,
            f"missing column(s) {', '.join(repr(c) for c in missing)}; found {', '.join(repr(c) for c in frame.columns)}",
        )
    if frame.empty:
        raise LoaderError(path, "file has a header but no data rows")
    return frame.reset_index(drop=True)


def parse_dates(values: pd.Series, path: Path, column: str, fmt: str) -> pd.Series:
    """Dates in `fmt`; blank stays NaT, anything else unparseable is an error naming the row."""
    text = values.str.strip()
    parsed = pd.to_datetime(text, format=fmt, errors="coerce")
    bad = parsed.isna() & (text != "")
    if bad.any():
        pos, row = _first_line(bad)
        raise LoaderError(path, f"'{text.iloc[pos]}' is not a date (expected {fmt})", row=row, column=column)
    outside = parsed.notna() & ((parsed < FIRST_DATE) | (parsed > LAST_DATE))
    if outside.any():
        pos, row = _first_line(outside)
        raise LoaderError(path, f"'{text.iloc[pos]}' is outside the dates the snapshot can hold "
                                f"({FIRST_DATE:%Y-%m-%d} – {LAST_DATE:%Y-%m-%d})", row=row, column=column)
    return parsed.astype("datetime64[ns]")


def parse_counts(values: pd.Series, path: Path, column: str, maximum: int) -> pd.Series:
    """Whole non-negative counts as nullable Int64; blank stays missing (never 0).

    Upstream writes counts as floats ('12.0'), so an integral float is accepted.
    `maximum` is a sanity bound far above any real day, to catch shifted columns or typos.
    """
    text = values.str.strip()
    numbers = pd.to_numeric(text.where(text != ""), errors="coerce")
    problems = [
        (numbers.isna() & (text != ""), "is not a number"),
        (numbers < 0, "is negative; a count cannot be"),
        (numbers.notna() & (numbers % 1 != 0), "is not a whole number"),
        (numbers > maximum, f"is implausibly large (over {maximum})"),
    ]
    for mask, why in problems:
        mask = mask.fillna(False)
        if mask.any():
            pos, row = _first_line(mask)
            raise LoaderError(path, f"'{text.iloc[pos]}' {why}", row=row, column=column)
    return numbers.astype("Int64")
