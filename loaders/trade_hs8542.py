"""Taiwan's exports of integrated circuits (HS 8542) by destination, per year -> `trade_hs8542`.

Source: a download from the Taiwan customs statistics database (per the repository's README:
"Taiwan Customs — export data of HS 8542 by destination country (2013–2025)"), committed by
a0013333j-png/data-visualization-labs. Columns: Year, Country (zh-TW), HS Code (11-digit CCC
code), Description, Export Value (USD). One row per year × destination × CCC code.

Why it matters here: chips are the bulk of Taiwan's exports to mainland China and Hong Kong, so
this series shows the part of cross-strait trade that security debates turn on. What it is not:
total trade. It covers only the 23 CCC codes under HS 8542 (electronic integrated circuits).

Cleaning rules: values are summed over the CCC codes of a year and destination and converted to
million USD; mainland China (中國大陸) and Hong Kong (香港) stay separate destinations; every code
must start with 8542 and each (year, destination, code) may appear once; values must be numbers
>= 0 (zeros are kept: a code with no exports that year). 2025 is a partial year: the file was last
changed upstream on 2025-09-03 and does not say which months it covers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from loaders.contract import Column, RawFolder, Source, TableSpec, UpstreamFile, conform
from loaders.errors import LoaderError
from loaders.raw_csv import line_of, read_csv_strings
from loaders.snapshot import BuiltTable
from loaders.trade_common import file_input

EXPORTS = UpstreamFile(
    path="taiwan-customs-hs8542-a0013333j/taiwan_exports_by_country_2013_2025.csv",
    upstream_path="self-extended-practice/semiconductor-tariff-impact-taiwan/data/raw/"
    "taiwan_exports_by_country_2013_2025.csv",
    sha256="90254a0c6e7bc3dbc73f1df6fcf7d292051149314fe2ca56d95e52c4a7a3155e",
)

SOURCE = Source(
    name="Taiwan customs export statistics, HS 8542 by destination, via data-visualization-labs",
    publisher="Customs Administration, Ministry of Finance, Republic of China (Taiwan); downloaded by "
    "a0013333j-png/data-visualization-labs",
    repo_url="https://github.com/a0013333j-png/data-visualization-labs",
    commit="5dff286360fd4f78e50ed2b56491ddf48b3a9207",
    commit_date="2025-09-25",
    licence="None stated in the repository; the figures are Taiwan customs official statistics",
    files=(EXPORTS,),
)

YEAR, COUNTRY, CODE, DESCRIPTION, VALUE = "Year", "Country", "HS Code", "Description", "Export Value (USD)"
CODE_PATTERN = re.compile(r"^8542\d{7}$")
FIRST_PARTIAL_YEAR = 2025  # the upstream file was last changed on 2025-09-03
DESTINATIONS = {  # zh-TW name as written -> partner key shared with the other trade tables
    "中國大陸": "china",
    "香港": "hong_kong",
    "美國": "us",
    "日本": "japan",
    "南韓": "korea",
    "新加坡": "singapore",
}

TABLE = TableSpec(
    name="trade_hs8542",
    title="Taiwan's exports of integrated circuits (HS 8542) by destination, per year",
    description=(
        "Taiwan's exports of electronic integrated circuits (HS 8542, 23 national CCC codes summed) to each "
        "destination, per year 2013–2024 and 2025 to date, from Taiwan customs statistics. Million US dollars. "
        "Chips only: not Taiwan's total trade."
    ),
    source=SOURCE,
    columns=(
        Column("period", "datetime64[ns]", "1 January of the year", nullable=False),
        Column("period_type", "str", "year | year_to_date (2025: months covered not stated)", nullable=False),
        Column("partner", "str", "china | hong_kong | us | japan | korea | singapore | other", nullable=False),
        Column("partner_name", "str", "Destination as written in the source (zh-TW)", nullable=False),
        Column(
            "value_usd_million", "float64", "Exports of HS 8542 to the destination", unit="million USD", nullable=False
        ),
        Column("codes", "Int64", "Number of CCC codes summed (codes with a row that year)", nullable=False),
    ),
    key=("period", "partner_name"),
    date_column="period",
    notes=(
        "HS 8542 (integrated circuits) only — not total trade; use trade_partner for totals.",
        "Mainland China and Hong Kong are separate destinations here (unlike MOF's trade_partner).",
        "2025 is partial: the file was last changed upstream on 2025-09-03 and does not state the months covered.",
        "Export values are FOB, in US dollars as published; summed over 23 national CCC codes under HS 8542.",
    ),
)

TABLES = (TABLE,)


def load(path: Path) -> pd.DataFrame:
    raw = read_csv_strings(path, [YEAR, COUNTRY, CODE, VALUE])
    year_text, country, code = raw[YEAR].str.strip(), raw[COUNTRY].str.strip(), raw[CODE].str.strip()
    value_text = raw[VALUE].str.strip()

    def fail(mask: pd.Series, column: str, why: str) -> None:
        if mask.any():
            index = mask[mask].index[0]
            raise LoaderError(
                path,
                why.format(y=year_text[index], c=code[index], v=value_text[index]),
                row=line_of(index),
                column=column,
            )

    years = pd.to_numeric(year_text, errors="coerce")
    fail(years.isna() | (years % 1 != 0) | ~years.between(1990, 2100), YEAR, "'{y}' is not a year")
    fail(country == "", COUNTRY, "destination is blank")
    fail(
        ~code.str.match(CODE_PATTERN),
        CODE,
        "'{c}' is not an 11-digit CCC code under HS 8542 (this file must hold integrated circuits only)",
    )
    values = pd.to_numeric(value_text, errors="coerce")
    fail(values.isna(), VALUE, "'{v}' is not a number")
    fail(values < 0, VALUE, "'{v}' is negative")
    keys = pd.DataFrame({"year": years, "country": country, "code": code})
    fail(keys.duplicated(), CODE, "year {y}, code {c} and this destination appear twice")
    return pd.DataFrame({"year": years.astype("int64"), "partner_name": country, "value": values})


def summarise(rows: pd.DataFrame) -> pd.DataFrame:
    grouped = rows.groupby(["year", "partner_name"], as_index=False).agg(
        value=("value", "sum"), codes=("value", "size")
    )
    frame = pd.DataFrame(
        {
            "period": pd.to_datetime(grouped["year"].astype("str") + "-01-01"),
            "period_type": ["year_to_date" if y >= FIRST_PARTIAL_YEAR else "year" for y in grouped["year"]],
            "partner": grouped["partner_name"].map(DESTINATIONS).fillna("other"),
            "partner_name": grouped["partner_name"],
            "value_usd_million": grouped["value"] / 1e6,
            "codes": grouped["codes"],
        }
    )
    frame = conform(frame, TABLE)
    return frame.sort_values(list(TABLE.key)).reset_index(drop=True)


def build(raw: RawFolder) -> list[BuiltTable]:
    path = raw.locate(EXPORTS)
    frame = summarise(load(path))
    inputs = [
        file_input(
            path,
            logical_path=EXPORTS.path,
            upstream_path=EXPORTS.upstream_path,
            url=SOURCE.url_of(EXPORTS),
            pinned_sha256=EXPORTS.sha256,
        )
    ]
    return [BuiltTable(TABLE, frame, inputs)]
