"""Foreign warship transits of the Taiwan Strait -> `naval_transits`.

Source: pla-data-dashboard's `naval_transits.csv`, compiled by its pipeline from Taiwan MND
statements and news (CNA and others). The ship description is Traditional Chinese source text and
is kept verbatim. The upstream's country label is an automatic classification and is sometimes
wrong (single US ships listed as "Multi (US+Germany)"); it is kept as given, with the upstream's
own confidence, because correcting it would mean inventing a source. `category` is derived by a
simple, documented rule so the map can tell foreign transits apart from the rows that record
Chinese vessels or an aircraft flight.

The upstream's sortie columns (PLA aircraft around the transit date) are dropped: those counts
belong to the MND daily series (`air_sea_daily`), not to the transit.

No positions are published: a transit is "through the Taiwan Strait", so the map places markers
symbolically along the strait and says so.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from loaders.contract import PLA_DATA_DASHBOARD, Column, RawFolder, Source, TableSpec, UpstreamFile, conform
from loaders.errors import LoaderError
from loaders.raw_csv import line_of, parse_dates, read_csv_strings
from loaders.snapshot import BuiltTable, input_record

RAW_FILE = UpstreamFile(
    path="pla-data-dashboard/naval_transits.csv",
    upstream_path="data/naval_transits.csv",
    sha256="9889048f8d2c5245899af436264b2d03050dc0f0e89466273be615b46bf7402b",
)

SOURCE = Source(
    name="Taiwan Strait warship transits compiled by pla-data-dashboard (Taiwan MND and news)",
    publisher="Taiwan Ministry of National Defense statements and news reports; compiled by s0914712/pla-data-dashboard",
    **PLA_DATA_DASHBOARD.fields(),
    licence="None stated upstream (no LICENSE file); facts from public statements and news",
    files=(RAW_FILE,),
)

# The upstream record starts in January 2020 (first transit 2020/1/16): an earlier date is a typo.
FIRST_DAY = pd.Timestamp("2020-01-01")

REQUIRED = [
    "Date",
    "Year",
    "Ships",
    "Country",
    "Ship_Type",
    "Hull_Number",
    "Mission_Note",
    "Date_Precision",
    "Date_Note",
    "Source",
    "Country_Confidence",
]
PRECISIONS = {"exact", "range", "approximate", ""}
CONFIDENCES = {"high", "medium", "low", ""}

TRANSITS = TableSpec(
    name="naval_transits",
    title="Warship transits of the Taiwan Strait",
    description=(
        "Transits of the Taiwan Strait by foreign warships (and a few related reports), one row per "
        "reported transit, with the ship as described in the source (Traditional Chinese)."
    ),
    source=SOURCE,
    columns=(
        Column("date", "datetime64[ns]", "Day of the transit as reported", nullable=False),
        Column("country", "str", "Navy or navies, as classified upstream (may be wrong; see notes)", nullable=False),
        Column("ship", "str", "Ship(s) as described in the source (Traditional Chinese)", nullable=False),
        Column("ship_type", "str", "Ship type(s) as given upstream (Chinese); empty if not given", nullable=False),
        Column("hull_number", "str", "Hull number(s); empty if not given", nullable=False),
        Column("date_precision", "str", "exact | range | approximate; empty if not stated", nullable=False),
        Column("date_note", "str", "Upstream note on the date; empty if none", nullable=False),
        Column(
            "category", "str", "foreign_warship_transit | china_activity | aircraft_transit | other", nullable=False
        ),
        Column(
            "country_confidence",
            "str",
            "Upstream confidence in `country`: high | medium | low; empty if not stated",
            nullable=False,
        ),
        Column("source", "str", "Upstream source label (e.g. 媒體報導 = media report); empty if none", nullable=False),
        Column("source_url", "str", "Source article(s), space-separated; empty if none given", nullable=False),
        Column("mission_note", "str", "Upstream note on the mission; empty if none", nullable=False),
    ),
    key=("date", "ship"),
    date_column="date",
    notes=(
        "`country` is the upstream's automatic classification and is sometimes wrong (e.g. single US ships listed "
        "as 'Multi (US+Germany)'); the ship text is the better guide. It is kept as given, with the upstream's confidence.",
        "`category` rule: country 'CN' -> china_activity (MND reports of Chinese vessels, not foreign transits); "
        "ship text mentioning an aircraft (軍機, 飛越) -> aircraft_transit; country 'Other' -> other; "
        "otherwise foreign_warship_transit.",
        "The upstream's PLA sortie columns are dropped (they belong to air_sea_daily). Sources give no positions.",
    ),
)

TABLES = (TRANSITS,)

_AIRCRAFT = re.compile(r"軍機|飛越|P-8")


def category_of(country: str, ship: str) -> str:
    """See the rule in the table notes."""
    if country == "CN":
        return "china_activity"
    if _AIRCRAFT.search(ship):
        return "aircraft_transit"
    if country == "Other":
        return "other"
    return "foreign_warship_transit"


def _url_columns(frame: pd.DataFrame) -> list[str]:
    """Article URLs sit in columns with an empty header (read as 'Unnamed: N'): column 9 for most
    rows, the trailing column for the newest ones."""
    return [c for c in frame.columns if str(c).startswith("Unnamed")]


def _urls(text: pd.DataFrame, path: Path) -> pd.Series:
    """One source URL per row from the unnamed columns; distinct URLs are joined with a space."""
    columns = _url_columns(text)
    for column in columns:
        values = text[column]
        bad = (values != "") & ~values.str.match(r"^https?://\S+$")
        if bad.any():
            raise LoaderError(
                path,
                f"'{values[bad].iloc[0]}' is not a web address (the unnamed columns hold source URLs)",
                row=line_of(values.index[bad][0]),
                column=column,
            )
    return (
        text[columns].apply(lambda row: " ".join(dict.fromkeys(v for v in row if v)), axis=1)
        if columns
        else pd.Series("", index=text.index)
    )


def _check_allowed(values: pd.Series, allowed: set[str], path: Path, column: str) -> None:
    bad = ~values.isin(allowed)
    if bad.any():
        raise LoaderError(
            path,
            f"'{values[bad].iloc[0]}' is not one of {', '.join(sorted(a for a in allowed if a))} (or empty)",
            row=line_of(values.index[bad][0]),
            column=column,
        )


def load(path: Path) -> pd.DataFrame:
    raw = read_csv_strings(path, REQUIRED)
    raw = raw[~raw.apply(lambda col: col.str.strip() == "").all(axis=1)]  # trailing blank lines
    text = raw.apply(lambda col: col.str.strip())
    dates = parse_dates(text["Date"], path, "Date", "%Y/%m/%d", earliest=FIRST_DAY)
    for column in ("Date", "Ships", "Country"):
        blank = text[column] == ""
        if blank.any():
            raise LoaderError(path, "value missing", row=line_of(text.index[blank][0]), column=column)
    year = pd.to_numeric(text["Year"], errors="coerce")
    wrong_year = year != dates.dt.year
    if wrong_year.any():
        index = text.index[wrong_year][0]
        raise LoaderError(
            path,
            f"year '{text.loc[index, 'Year']}' does not match date '{text.loc[index, 'Date']}'",
            row=line_of(index),
            column="Year",
        )
    _check_allowed(text["Date_Precision"], PRECISIONS, path, "Date_Precision")
    _check_allowed(text["Country_Confidence"], CONFIDENCES, path, "Country_Confidence")
    urls = _urls(text, path)
    frame = pd.DataFrame(
        {
            "date": dates,
            "country": text["Country"],
            "ship": text["Ships"],
            "ship_type": text["Ship_Type"],
            "hull_number": text["Hull_Number"],
            "date_precision": text["Date_Precision"],
            "date_note": text["Date_Note"],
            "category": [category_of(c, s) for c, s in zip(text["Country"], text["Ships"])],
            "country_confidence": text["Country_Confidence"],
            "source": text["Source"],
            "source_url": urls,
            "mission_note": text["Mission_Note"],
        }
    )
    repeated = frame.duplicated(["date", "ship"], keep=False)
    if repeated.any():
        rows = ", ".join(str(line_of(i)) for i in frame.index[repeated])
        raise LoaderError(path, f"the same transit (date and ship) appears on rows {rows}", column="Ships")
    frame = conform(frame, TRANSITS)
    return frame.sort_values(["date", "ship"]).reset_index(drop=True)


def build(raw: RawFolder) -> list[BuiltTable]:
    path = raw.locate(RAW_FILE)
    return [BuiltTable(TRANSITS, load(path), [input_record(SOURCE, RAW_FILE, path)])]
