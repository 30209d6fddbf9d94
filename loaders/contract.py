"""Typed descriptions of what a loader reads (its source) and writes (its table).

These objects are the single place captions come from: the manifest copies them, and the app
builds every title, unit and source line from the manifest, so nothing is typed twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pandas as pd

if TYPE_CHECKING:
    import pandera.pandas as pa


@dataclass(frozen=True)
class UpstreamFile:
    """One raw file: where it sits under the raw folder, and the pinned upstream copy we checked."""

    path: str  # relative to the raw root, e.g. "pla-data-dashboard/JapanandBattleship.csv"
    upstream_path: str  # path inside the upstream repository
    sha256: str  # hash of the copy recorded in shared/data/raw/PROVENANCE.md


@dataclass(frozen=True)
class Source:
    """Provenance of a dataset, as recorded when its raw files were fetched."""

    name: str  # short name used in source lines
    publisher: str  # who produced the facts
    repo_url: str
    commit: str
    commit_date: str
    licence: str
    files: tuple[UpstreamFile, ...]

    def url_of(self, file: UpstreamFile) -> str:
        """Raw download URL of a file at the pinned commit (GitHub repositories only)."""
        repo = self.repo_url.removeprefix("https://github.com/")
        # quoted: some upstream names hold spaces or parentheses, which a raw URL cannot carry as is
        return f"https://raw.githubusercontent.com/{repo}/{self.commit}/{quote(file.upstream_path)}"


@dataclass(frozen=True)
class Pin:
    """An upstream repository at the commit its raw files were fetched from (several datasets share one)."""

    repo_url: str
    commit: str
    commit_date: str

    def fields(self) -> dict[str, str]:
        return {"repo_url": self.repo_url, "commit": self.commit, "commit_date": self.commit_date}


# s0914712/pla-data-dashboard: MND daily counts, MSA warnings, transits and the Japan MOD log.
PLA_DATA_DASHBOARD = Pin(
    repo_url="https://github.com/s0914712/pla-data-dashboard",
    commit="79f5e0b41d8cec5fdc2790bf243ad76fb759991d",
    commit_date="2026-08-22",
)


@dataclass(frozen=True)
class RawFolder:
    """Where raw files are read from: a folder laid out like shared/data/raw, or one holding the files."""

    root: Path

    def locate(self, file: UpstreamFile) -> Path:
        nested = self.root / file.path
        if nested.exists():
            return nested
        flat = self.root / Path(file.path).name
        return flat if flat.exists() else nested  # the nested path names the file in "not found"


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str  # pandas dtype name as stored
    description: str
    unit: str = ""
    nullable: bool = True


# The citation every hand-written catalog row carries (events, press reports, reporting eras).
CITATION_COLUMNS = (
    Column("source_publisher", "str", "Publisher of the cited source", nullable=False),
    Column("source_title", "str", "Title of the cited source", nullable=False),
    Column("source_date", "datetime64[ns]", "Publication date of the cited source", nullable=False),
    Column("source_url", "str", "Address of the cited source", nullable=False),
)


@dataclass(frozen=True)
class TableSpec:
    """A snapshot table: its contract (columns, key) and the words that describe it."""

    name: str
    title: str
    description: str
    source: Source
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ("date",)
    date_column: str | None = "date"
    # Coverage (first/last date) counts only rows where one of these has a value, so a calendar
    # padded with empty days does not overstate what the source covers. Empty = every row.
    coverage_of: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def file_name(self) -> str:
        return f"{self.name}.parquet"

    @property
    def dtypes(self) -> dict[str, str]:
        return {c.name: c.dtype for c in self.columns}

    def describe(self) -> dict:
        """Manifest-ready description (plain JSON types); the data dictionary is rendered from it."""
        return {
            "title": self.title,
            "description": self.description,
            "columns": [  # from the pandera schema, so the data dictionary says what is enforced
                {
                    "name": name,
                    "dtype": column.metadata["dtype"],
                    "description": column.description,
                    "unit": column.metadata["unit"],
                    "nullable": column.nullable,
                }
                for name, column in schema_of(self).columns.items()
            ],
            "key": list(self.key),
            "notes": list(self.notes),
            "source": {
                "name": self.source.name,
                "publisher": self.source.publisher,
                "repo_url": self.source.repo_url,
                "commit": self.source.commit,
                "commit_date": self.source.commit_date,
                "licence": self.source.licence,
            },
        }


class ContractError(Exception):
    """A built table breaks its own contract: a bug in a loader, not in the raw data."""


def _has_dtype(dtype: str):
    """Exact dtype as stored (pandera's own dtype check lets an object column pass for a string one)."""
    import pandera.pandas as pa

    return pa.Check(
        lambda series: str(series.dtype) == dtype,
        element_wise=False,
        name=f"dtype == {dtype}",
        error=f"dtype must be {dtype}",
    )


def schema_of(spec: TableSpec) -> pa.DataFrameSchema:
    """The table's contract as a pandera schema: exactly these columns in this order, each of its stored
    dtype, nullable as declared, counts >= 0, the key unique and sorted; descriptions and units ride along
    as metadata (the data dictionary shows the same words).

    pandera is imported here, not with the module: the app reads this module's specs on every start, and only
    a refresh validates (0.13-0.18 s of the dashboard's first run was importing pandera; bench/RESULTS.md)."""
    import pandera.pandas as pa

    columns = {
        col.name: pa.Column(
            checks=[_has_dtype(col.dtype), *([pa.Check.ge(0, error="negative count")] if col.dtype == "Int64" else [])],
            nullable=col.nullable,
            description=col.description,
            metadata={"unit": col.unit, "dtype": col.dtype},
        )
        for col in spec.columns
    }
    key = list(spec.key)
    sorted_key = (
        [
            pa.Check(
                lambda frame: frame[key].equals(frame[key].sort_values(key)),
                element_wise=False,
                name="sorted by key",
                error=f"rows are not sorted by {spec.key}",
            )
        ]
        if key
        else []
    )
    return pa.DataFrameSchema(
        columns,
        strict=True,
        ordered=True,
        unique=key or None,
        checks=sorted_key,
        name=spec.name,
        title=spec.title,
        description=spec.description,
    )


def conform(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """The table's columns in the stored dtypes its contract names: the one place a loader casts a built table."""
    return frame.astype(spec.dtypes)


def check_table(frame, spec: TableSpec) -> None:
    """Fail loudly if a table is not exactly what its spec promises (pandera: columns, types, key)."""
    import pandera.pandas as pa

    try:
        schema_of(spec).validate(frame.reset_index(drop=True), lazy=True)  # a fresh index: rows by position
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        failed = cases.drop_duplicates(["column", "check"])
        listed = "; ".join(
            f"{row['check']} ({row['column']}, e.g. {row['failure_case']!r})" for _, row in failed.head(5).iterrows()
        )
        raise ContractError(f"{spec.name}: {len(cases)} contract failure(s): {listed}") from None
