"""One error type for every data problem, phrased for a researcher, not a programmer."""

from __future__ import annotations

from pathlib import Path


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
        super().__init__(f"{', '.join(where)}: {message}")
