"""What every partner-level trade table shares: one schema, one partner vocabulary, one checker.

Each trade source keeps its own table (its own provenance line), but all of them use these
columns so that pages and analysis can put them side by side without knowing where they came from.
Money is float64 million US dollars; a period is the first day of its month or year, with its
last day beside it, so a year-to-date figure can never pass for a full year.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from loaders.contract import Column
from loaders.snapshot import sha256_of

PERIOD_TYPES = ("month", "year", "year_to_date")
FLOWS = ("export", "import", "balance")

# Partner keys used across trade tables (pages show them through i18n: trade.partner.<key>).
PARTNERS = (
    "total",
    "china_hk",
    "china",
    "hong_kong",
    "us",
    "japan",
    "asean",
    "korea",
    "europe",
    "asia",
    "singapore",
    "middle_east",
)


def trade_columns(source_detail: str) -> tuple[Column, ...]:
    return (
        Column("period", "datetime64[ns]", "First day of the month or year", nullable=False),
        Column("period_end", "datetime64[ns]", "Last day the figure covers", nullable=False),
        Column("period_type", "str", "month | year | year_to_date", nullable=False),
        Column("partner", "str", "Partner key: " + ", ".join(PARTNERS) + " (other partners by name)", nullable=False),
        Column("partner_name", "str", "Partner as written in the source", nullable=False),
        Column(
            "flow",
            "str",
            "export (Taiwan's exports to the partner) | import (from the partner) | balance (exports minus imports)",
            nullable=False,
        ),
        Column("value_usd_million", "float64", "Value in million US dollars", unit="million USD", nullable=False),
        Column(
            "yoy_pct_published",
            "float64",
            "Year-over-year change in % as published by the source (empty where it publishes none)",
            unit="%",
        ),
        Column("preliminary", "bool", "True where the publisher marks the figure as preliminary", nullable=False),
        Column("source_table", "str", source_detail, nullable=False),
    )


TRADE_KEY = ("period", "period_type", "partner", "flow")
TRADE_DTYPES = {
    "period": "datetime64[ns]",
    "period_end": "datetime64[ns]",
    "period_type": "str",
    "partner": "str",
    "partner_name": "str",
    "flow": "str",
    "value_usd_million": "float64",
    "yoy_pct_published": "float64",
    "preliminary": "bool",
    "source_table": "str",
}


def tidy_trade(records: list[dict]) -> pd.DataFrame:
    """Records -> a frame with the shared columns, types and key order."""
    frame = pd.DataFrame(records, columns=list(TRADE_DTYPES))
    frame = frame.astype(TRADE_DTYPES)
    return frame.sort_values(list(TRADE_KEY)).reset_index(drop=True)


def month_end(start: pd.Timestamp) -> pd.Timestamp:
    return start + pd.offsets.MonthEnd(0)


def file_input(
    path: Path, *, logical_path: str, upstream_path: str = "", url: str | None = None, pinned_sha256: str | None = None
) -> dict:
    """Manifest record of one raw input (hand-downloaded files have no URL and no pinned copy)."""
    digest = sha256_of(path)
    return {
        "path": logical_path,
        "upstream_path": upstream_path,
        "url": url,
        "sha256": digest,
        "matches_pinned_commit": pinned_sha256 is not None and digest == pinned_sha256,
    }
