"""Snapshot table contracts as pandera schemas (loaders.contract.schema_of / check_table)."""

from __future__ import annotations

import pandas as pd
import pytest

import settings
from loaders import pla_daily
from loaders.contract import ContractError, check_table, schema_of

DAILY = pd.read_parquet(settings.SNAPSHOT_DIR / "air_sea_daily.parquet")


def test_schema_carries_the_dictionary_words() -> None:
    schema = schema_of(pla_daily.DAILY)
    assert list(schema.columns) == [c.name for c in pla_daily.DAILY.columns]
    assert schema.columns["aircraft"].metadata == {"unit": "aircraft", "dtype": "Int64"}
    assert "ADIZ entries until 4 Aug 2022" in schema.columns["aircraft"].description
    assert schema.unique == ["date"] and schema.strict and schema.ordered


def test_the_committed_table_meets_its_contract() -> None:
    check_table(DAILY, pla_daily.DAILY)


@pytest.mark.parametrize(
    "breakage, fragment",
    [
        (lambda f: f.assign(aircraft=-f["aircraft"]), "negative count"),
        (lambda f: f.iloc[::-1], "not sorted"),
        (lambda f: f.assign(source_file=f["source_file"].astype(object)), "dtype must be str"),
        (lambda f: f.drop(columns=["report_url"]), "column_in_dataframe"),
        (lambda f: pd.concat([f, f.iloc[:1]]), "uniqueness"),
        (lambda f: f.assign(extra=1), "column_in_schema"),
        (lambda f: f.assign(date=f["date"].where(f.index != 3)), "not_nullable"),
    ],
)
def test_contract_breaches_are_caught(breakage, fragment: str) -> None:
    with pytest.raises(ContractError, match=fragment):
        check_table(breakage(DAILY), pla_daily.DAILY)
