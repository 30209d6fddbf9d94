"""A hand-downloaded UN Comtrade CSV -> `trade_comtrade_mirror`: Taiwan's trade as its partners
report it.

The UN does not publish Taiwan as a reporter; in other countries' reports Taiwan's trade sits
under partner code 490, "Other Asia, nes" (in practice Taiwan only, except for a few reporters
that book unallocated Asian trade there). So the mirror of Taiwan's exports to, say, Japan is
Japan's *imports* from partner 490 (valued CIF), and Taiwan's imports from Japan are Japan's
*exports* to 490 (FOB). A staff member downloads the CSV from https://comtradeplus.un.org
("Get data" → download CSV, or the API's CSV) and passes it to the refresh:

    python -m loaders refresh --trade-file PATH

Layout accepted: the Comtrade+ record layout (one header line; names matched case-insensitively,
so the API's camelCase and the portal's PascalCase both work). Columns used: freqCode (A|M),
period (YYYY or YYYYMM), reporterISO, reporterDesc, flowCode (M|X), partnerCode, cmdCode, cmdDesc,
primaryValue (US dollars); partner2Code, motCode and customsCode, when present, must be the totals
(0, 0, C00), other rows are breakdowns and are skipped so nothing is counted twice.

Only partner 490 rows with flow M or X are kept (re-imports, re-exports and other partners are
skipped); a file without any is an error, because it cannot say anything about Taiwan.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from loaders.contract import Column, Source, TableSpec
from loaders.errors import LoaderError
from loaders.raw_csv import line_of, read_csv_strings
from loaders.snapshot import BuiltTable
from loaders.trade_common import file_input, month_end

TAIWAN_PARTNER = "490"  # "Other Asia, nes"
FLOWS = {"M": ("export", "CIF"), "X": ("import", "FOB")}  # reporter's flow -> (Taiwan's flow, valuation)
TOTALS = {"partner2code": {"0", ""}, "motcode": {"0", ""}, "customscode": {"C00", ""}}
REQUIRED = [
    "freqcode",
    "period",
    "reporteriso",
    "reporterdesc",
    "flowcode",
    "partnercode",
    "cmdcode",
    "cmddesc",
    "primaryvalue",
]
PARTNER_OF_REPORTER = {
    "CHN": "china",
    "HKG": "hong_kong",
    "USA": "us",
    "JPN": "japan",
    "KOR": "korea",
    "SGP": "singapore",
}

SOURCE = Source(
    name="UN Comtrade, partner 490 'Other Asia, nes' (Taiwan) in other countries' reports (file downloaded by hand)",
    publisher="United Nations Statistics Division (UN Comtrade), from the reporting countries' customs data",
    repo_url="https://comtradeplus.un.org",
    commit="",
    commit_date="",
    licence="UN Comtrade terms of use (not stated in the file)",
    files=(),
)

TABLE = TableSpec(
    name="trade_comtrade_mirror",
    title="Taiwan's trade as reported by its partners (UN Comtrade mirror statistics)",
    description=(
        "Trade with partner 490 'Other Asia, nes' — Taiwan — as reported by other countries to UN Comtrade, "
        "turned round to Taiwan's point of view: a reporter's imports from Taiwan are Taiwan's exports. "
        "Million US dollars, from a file downloaded by hand and loaded with --trade-file."
    ),
    source=SOURCE,
    columns=(
        Column("period", "datetime64[ns]", "First day of the month or year", nullable=False),
        Column("period_end", "datetime64[ns]", "Last day the figure covers", nullable=False),
        Column("period_type", "str", "month | year", nullable=False),
        Column("reporter", "str", "Reporting country, ISO 3166 alpha-3 (e.g. JPN, USA, CHN)", nullable=False),
        Column("reporter_name", "str", "Reporting country as named in the file", nullable=False),
        Column(
            "partner",
            "str",
            "Shared partner key of the reporter (china, hong_kong, us, japan, korea, singapore) or other",
            nullable=False,
        ),
        Column(
            "flow",
            "str",
            "Taiwan's point of view: export (reporter's imports from 490) | import (reporter's exports to 490)",
            nullable=False,
        ),
        Column("valuation", "str", "CIF (reporter's imports) | FOB (reporter's exports)", nullable=False),
        Column("cmd_code", "str", "Commodity code (TOTAL = all goods)", nullable=False),
        Column("cmd_desc", "str", "Commodity as described in the file"),
        Column("value_usd_million", "float64", "Trade value (primaryValue)", unit="million USD", nullable=False),
        Column("source_table", "str", "File the figure was read from", nullable=False),
    ),
    key=("period", "period_type", "reporter", "flow", "cmd_code"),
    date_column="period",
    notes=(
        "Partner 490 'Other Asia, nes' stands for Taiwan in practice; a few reporters also book unallocated "
        "Asian trade there.",
        "Mirror values differ from Taiwan's own customs figures by valuation (CIF vs FOB), timing, and re-exports "
        "through Hong Kong; compare them, do not mix them.",
        "Breakdown rows (by second partner, transport mode or customs procedure) are skipped; totals only.",
    ),
)

TABLES = (TABLE,)


def _normalise_header(path: Path, *, final_newline: bool = True) -> pd.DataFrame:
    frame = read_csv_strings(path, [], final_newline=final_newline)
    frame.columns = [c.strip().lower() for c in frame.columns]
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise LoaderError(path, f"not a UN Comtrade record file: missing column(s) {', '.join(missing)}")
    return frame


def looks_like(path: Path) -> bool:
    try:
        _normalise_header(Path(path), final_newline=False)  # only the header matters here
    except LoaderError:
        return False
    return True


def _period(freq: str, text: str) -> tuple[pd.Timestamp, pd.Timestamp, str] | None:
    if freq == "A" and len(text) == 4 and text.isdigit():
        start = pd.Timestamp(int(text), 1, 1)
        return start, pd.Timestamp(int(text), 12, 31), "year"
    if freq == "M" and len(text) == 6 and text.isdigit() and 1 <= int(text[4:]) <= 12:
        start = pd.Timestamp(int(text[:4]), int(text[4:]), 1)
        return start, month_end(start), "month"
    return None


def load(path: Path) -> pd.DataFrame:
    frame = _normalise_header(path)
    cells = frame.apply(lambda col: col.str.strip())
    keep = cells["partnercode"].eq(TAIWAN_PARTNER) & cells["flowcode"].isin(list(FLOWS))
    for column, allowed in TOTALS.items():
        if column in cells:
            keep &= cells[column].isin(allowed)
    if not keep.any():
        raise LoaderError(
            path,
            "no rows with partnerCode 490 ('Other Asia, nes' = Taiwan) and flowCode M or X; "
            "download the partner 490 series",
        )
    records = []
    for index, row in cells[keep].iterrows():
        line = line_of(index)
        found = _period(row["freqcode"], row["period"])
        if found is None:
            raise LoaderError(
                path,
                f"period '{row['period']}' does not fit frequency '{row['freqcode']}' (A: YYYY, M: YYYYMM)",
                row=line,
                column="period",
            )
        try:
            value = float(row["primaryvalue"])
        except ValueError:
            raise LoaderError(
                path, f"'{row['primaryvalue']}' is not a number", row=line, column="primaryValue"
            ) from None
        if value < 0:
            raise LoaderError(path, f"'{row['primaryvalue']}' is negative", row=line, column="primaryValue")
        if not row["reporteriso"]:
            raise LoaderError(path, "reporterISO is blank", row=line, column="reporterISO")
        start, end, period_type = found
        flow, valuation = FLOWS[row["flowcode"]]
        records.append(
            {
                "period": start,
                "period_end": end,
                "period_type": period_type,
                "reporter": row["reporteriso"],
                "reporter_name": row["reporterdesc"] or row["reporteriso"],
                "partner": PARTNER_OF_REPORTER.get(row["reporteriso"], "other"),
                "flow": flow,
                "valuation": valuation,
                "cmd_code": row["cmdcode"],
                "cmd_desc": row["cmddesc"] or None,
                "value_usd_million": value / 1e6,
                "source_table": path.name,
                "line": line,
            }
        )
    result = pd.DataFrame(records)
    repeated = result.duplicated(list(TABLE.key))
    if repeated.any():
        second = result[repeated].iloc[0]
        raise LoaderError(
            path,
            f"{second['reporter']} {second['flow']} {second['period']:%Y-%m} ({second['cmd_code']}) appears twice",
            row=int(second["line"]),
        )
    return result.drop(columns="line")


def build_file(path: Path) -> list[BuiltTable]:
    path = Path(path)
    frame = load(path).astype({c.name: c.dtype for c in TABLE.columns})
    frame = frame[[c.name for c in TABLE.columns]].sort_values(list(TABLE.key)).reset_index(drop=True)
    inputs = [file_input(path, logical_path=str(path.resolve()), upstream_path="")]
    return [BuiltTable(TABLE, frame, inputs)]
