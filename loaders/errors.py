"""One error type for every data problem, phrased for a researcher, not a programmer."""

from __future__ import annotations

import unicodedata
from pathlib import Path

# Characters that would break the one-line error or act on the terminal it is printed to: controls (newline,
# ESC sequences, NUL), invisible format characters (BOM, right-to-left override) and line/paragraph separators.
_HIDDEN = ("Cc", "Cf", "Zl", "Zp")


def one_line(text: str) -> str:
    """`text` with every hidden character written as a visible escape (\\n, \\x1b, \\u202e, ...).

    Error messages quote raw cells; a cell may hold a newline or an ANSI escape sequence."""
    return "".join(repr(c)[1:-1] if unicodedata.category(c) in _HIDDEN else c for c in text)


class LoaderError(Exception):
    """Bad input: names the file, and where known the row and column.

    `row` is the 1-based line number in the file as a spreadsheet shows it (header = line 1).
    """

    def __init__(
        self,
        file: str | Path,
        message: str,
        *,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file = str(file)
        self.row = row
        self.column = column
        self.message = message
        where = [self.file]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(one_line(f"{', '.join(where)}: {message}"))
