"""Read a raw CSV as plain strings and parse its columns, turning every failure into a LoaderError.

Raw files are read with every cell as text so that nothing is guessed by pandas; each column is
then parsed by a named helper that knows which row and column it is looking at.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import stat
import warnings
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


def what_is_there(path: Path) -> str | None:
    """Why `path` cannot be read as a raw file (missing, a folder, a pipe, a symlink loop...), or None.

    Checked before opening: reading a FIFO would block the refresh forever, and "file not found" for
    a folder or a symlink loop sends whoever reads the message looking in the wrong place."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            return f"is a symbolic link to '{os.readlink(path)}', which does not exist"
        return "file not found"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a symbolic link loop (the link points back to itself), not a file"
        return f"cannot be examined ({exc.strerror})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file"
    return "is not a regular file"


def require_file(path: Path) -> None:
    """LoaderError unless `path` is a regular file (for readers that open the file themselves)."""
    problem = what_is_there(path)
    if problem:
        raise LoaderError(path, problem)


def read_bytes(path: Path) -> bytes:
    """Whole file as bytes; anything but a readable, non-empty regular file is a LoaderError."""
    require_file(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise LoaderError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise LoaderError(path, "file is empty")
    return data


def read_text(path: Path) -> str:
    """Whole file as text; a missing, unreadable, empty or non-UTF-8 file is a LoaderError."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise LoaderError(
            path, f"bytes are not valid UTF-8 text at byte {exc.start} (corrupt or wrong encoding)", row=row
        ) from None


def parse_json(text: str, path: Path, what: str = "JSON") -> object:
    """Parsed JSON; malformed or absurdly deep documents are a LoaderError (the parser recurses per level,
    so a few thousand nested brackets would otherwise end the refresh with a RecursionError traceback)."""
    try:
        return json.loads(text)
    except RecursionError:
        raise LoaderError(path, f"not valid {what} (nested too deeply to be real data)") from None
    except ValueError as exc:  # JSONDecodeError, and UnicodeDecodeError for bytes
        raise LoaderError(path, f"not valid {what} ({exc})") from None


def read_json(path: Path) -> object:
    """A raw JSON file, read and parsed through the same checks as every other raw file."""
    return parse_json(read_text(path), path)


# C0 control characters other than tab, line feed and carriage return, and DEL: nothing in a report means
# them, openpyxl refuses to write them (so an XLSX export of the table would fail) and they can act on a
# terminal. MND's Word-made text carries vertical tabs (\x0b) beside its real line breaks.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(value: str) -> str:
    """`value` without control characters (tab, CR and LF stay)."""
    return _CONTROLS.sub("", value)


def printable_frame(frame: pd.DataFrame, *, skip: tuple[str, ...] = ()) -> pd.DataFrame:
    """Every text column of a built table passed through printable(); other columns untouched.

    Applied once to every table a loader builds (loaders/refresh.py), so no loader can store a control
    character in its text, whatever file type it read the text from. Key columns (`skip`) are left as
    built: changing them here could unsort or merge keys the loader has already checked, and the XLSX
    export strips what it cannot hold anyway (charts/tabular.py)."""
    out = frame
    for column in frame.columns:
        values = frame[column]
        if column in skip or not pd.api.types.is_string_dtype(values.dtype):
            continue
        text = values.dropna()
        text = text[text.map(lambda v: isinstance(v, str))]
        dirty = text.str.contains(_CONTROLS)
        if dirty.any():
            if out is frame:
                out = frame.copy()
            out.loc[dirty[dirty].index, column] = text[dirty].map(printable)
    return out


def check_csv_structure(text: str, path: Path, *, final_newline: bool = True) -> None:
    """Refuse CSV text whose shape is damaged, before pandas can paper over it.

    pandas quietly renames a repeated column ('x' and 'x.1', so the wrong copy may win), pads a short row
    with blanks, and lets an unbalanced quote swallow every row up to the next quote into one cell. Here
    the file is read as the csv module sees it in strict mode: the header must not repeat a name, every
    row must have exactly as many fields as the header, a quote must close, and the file must end with a
    line break (a download or copy that stopped early ends mid-row). Rows are numbered as a spreadsheet
    shows them (header = row 1), which is also how the loaders number them.

    Allowed, because real files do it: blank lines, blank trailing header names (naval_transits.csv),
    quoted cells spanning lines (pla-tracker records.csv; but not holding half a row's commas), and one empty field
    after the last column on every row alike (UN Comtrade ends each row with a comma); the reader then drops it.
    `final_newline=False` skips the last check, for code that only looks at the header.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    record = 0  # spreadsheet row of the last record read
    try:
        header = next(reader, None)
        if header is None:
            return  # no header at all: reported by the caller
        record = 1
        names = [name.strip() for name in header]
        if not any(names):
            raise LoaderError(path, "the first line, which must be the header, is blank", row=1)
        for i, name in enumerate(names):
            if name and name in names[:i]:
                raise LoaderError(
                    path,
                    f"column name '{name}' appears twice in the header (columns "
                    f"{names.index(name) + 1} and {i + 1}); which copy holds the data cannot be told",
                    row=1,
                    column=name,
                )
        # A multi-line cell with this many commas is half a row or more: rows swallowed by a stray quote whose
        # partner, rows later, happened to leave the field count right. Real multi-line cells hold no commas.
        swallowed = max(1, (len(names) - 1) // 2)
        trailing: bool | None = None
        for fields in reader:
            record += 1
            if not any(field.strip() for field in fields):
                continue  # a blank line: padding, handled by the loaders
            for j, field in enumerate(fields[: len(names)]):
                if ("\n" in field or "\r" in field) and field.count(",") >= swallowed:
                    raise LoaderError(
                        path,
                        f"a quoted cell spans several lines and holds {field.count(',')} commas, "
                        "like rows swallowed by an unbalanced quote (real multi-line remarks hold "
                        "none)",
                        row=record,
                        column=names[j] or None,
                    )
            if trailing and len(fields) == len(names):
                raise LoaderError(
                    path,
                    "row lacks the empty field after the last column that every row before it has "
                    "(a lost comma shifts its values)",
                    row=record,
                )
            if len(fields) < len(names):
                ended = not text.endswith(("\n", "\r")) and _is_last(reader)
                cause = "the file ends mid-row (cut short)" if ended else "a line cut short or a missing comma"
                raise LoaderError(
                    path,
                    f"row has {len(fields)} fields but the header has {len(names)}: values are "
                    f"missing from here on ({cause})",
                    row=record,
                    column=names[len(fields)] or None,
                )
            if trailing is None:  # the first data row tells whether every row ends with a comma
                trailing = len(fields) == len(names) + 1 and not fields[-1].strip()
            if trailing and len(fields) == len(names) + 1 and not fields[-1].strip():
                continue
            if len(fields) > len(names):
                last = names[-1] or f"column {len(names)}"
                raise LoaderError(
                    path,
                    f"row has {len(fields)} fields but the header has {len(names)}: a stray "
                    f"comma or unbalanced quote shifts the values (extra value "
                    f"'{fields[len(names)][:40]}' after the last column '{last}')",
                    row=record,
                )
    except csv.Error as exc:
        row = record + 1
        if "unexpected end of data" in str(exc):
            raise LoaderError(
                path,
                "file ends inside a quoted field: a quote opened in this row is never closed "
                "(an unbalanced quote, or the file was cut short)",
                row=row,
            ) from None
        raise LoaderError(
            path, f"not a well-formed CSV row ({exc}; often an unbalanced quote in this row or one above)", row=row
        ) from None
    if final_newline and record > 1 and not text.endswith(("\n", "\r")):
        raise LoaderError(
            path,
            "file ends mid-row (no line break after the last row): it was probably cut short, "
            "so the last values may be incomplete",
            row=record,
        )


def _is_last(reader) -> bool:
    """True if `reader` has no further record (used only to phrase a message)."""
    try:
        return next(reader, None) is None
    except csv.Error:
        return False


def read_csv_rows(text: str, path: Path) -> list[list[str]]:
    """Every record of CSV text (no header handling) in strict mode; broken quoting is a LoaderError.

    For files whose header is not on line 1 (MOF customs tables); others use read_csv_strings."""
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for fields in reader:
            rows.append(fields)
    except csv.Error as exc:
        why = (
            "file ends inside a quoted field (an unbalanced quote, or the file was cut short)"
            if "unexpected end of data" in str(exc)
            else f"not a well-formed CSV row ({exc})"
        )
        raise LoaderError(path, why, row=len(rows) + 1) from None
    return rows


def read_csv_strings(path: Path, required: list[str], *, final_newline: bool = True) -> pd.DataFrame:
    """Every cell as a string ('' for blank); checks the file's structure (check_csv_structure) and that
    the required columns are present."""
    text = read_text(path)
    if "\x00" in text:
        row = text[: text.index("\x00")].count("\n") + 1
        raise LoaderError(path, "contains NUL bytes (binary or corrupt file)", row=row)
    check_csv_structure(text, path, final_newline=final_newline)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pd.errors.ParserWarning)  # the trailing empty fields dropped below
            frame = pd.read_csv(
                io.StringIO(text),
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=False,  # keep row numbers equal to spreadsheet rows
                # A row ending in a comma has one field more than the header; by default pandas would then
                # take the first column as the index and shift every name one column left. Checked above:
                # any such surplus field is empty, so it is dropped.
                index_col=False,
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


def refresh_day() -> pd.Timestamp:
    """Today in Taipei, where report days are dated: no report can carry a later date."""
    return pd.Timestamp.now(tz="Asia/Taipei").normalize().tz_localize(None)


def parse_dates(
    values: pd.Series,
    path: Path,
    column: str,
    fmt: str,
    *,
    earliest: pd.Timestamp | None = None,
    latest: pd.Timestamp | None = None,
) -> pd.Series:
    """Dates in `fmt`; blank stays NaT, anything else unparseable is an error naming the row.

    Every column read here is a report or publication date, so a date after the refresh day (`latest`,
    default today in Taipei) is a typo that would otherwise pad the calendar with empty days up to it and
    show it as the "last report". `earliest` is the first day the source covers; a date before it is a typo
    too (e.g. 2204 for 2024 cannot be told from the source's history, but 1024 can)."""
    text = values.str.strip()
    parsed = pd.to_datetime(text, format=fmt, errors="coerce")
    bad = parsed.isna() & (text != "")
    if bad.any():
        pos, row = _first_line(bad)
        raise LoaderError(path, f"'{text.iloc[pos]}' is not a date (expected {fmt})", row=row, column=column)
    outside = parsed.notna() & ((parsed < FIRST_DATE) | (parsed > LAST_DATE))
    if outside.any():
        pos, row = _first_line(outside)
        raise LoaderError(
            path,
            f"'{text.iloc[pos]}' is outside the dates the snapshot can hold "
            f"({FIRST_DATE:%Y-%m-%d} – {LAST_DATE:%Y-%m-%d})",
            row=row,
            column=column,
        )
    latest = refresh_day() if latest is None else latest
    future = parsed.notna() & (parsed > latest)
    if future.any():
        pos, row = _first_line(future)
        raise LoaderError(
            path,
            f"'{text.iloc[pos]}' is after the day of this refresh ({latest:%Y-%m-%d}): "
            "a report cannot be dated in the future",
            row=row,
            column=column,
        )
    if earliest is not None:
        early = parsed.notna() & (parsed < earliest)
        if early.any():
            pos, row = _first_line(early)
            raise LoaderError(
                path,
                f"'{text.iloc[pos]}' is before {earliest:%Y-%m-%d}, the first day this source covers",
                row=row,
                column=column,
            )
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
