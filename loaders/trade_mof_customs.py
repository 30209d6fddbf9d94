"""A hand-downloaded Taiwan customs export (trade by country, monthly) -> `trade_mof_customs`.

Nothing in ../shared carries this file: a staff member downloads it from the Customs
Administration's statistics database (https://portal.sw.nat.gov.tw/APGA/GA30E, "Trade Statistics
by Country", monthly, exports and imports) and passes it to the refresh:

    python -m loaders refresh --trade-file PATH

Layout accepted (the database's CSV download, English or Chinese interface):

* optional title / query lines above the header, skipped until a line names both a period and a
  country column; notes below the data (lines starting 註, Note, Source, 資料來源) end the table;
* a period column — `Period`, `Year/Month`, `Date`, `年月`, `日期` — holding months as 2025/08,
  2025-08, 202508, 2025年08月, or ROC 114/08, 114年08月 (a 3-digit year is an ROC year: + 1911);
* a country column — `Country`, `Country/Area`, `國家`, `國家(地區)`, `國家/地區`;
* one exports and one imports column, e.g. `Exports (USD thousand)` / `Imports (USD thousand)` or
  `出口總值(千美元)` / `進口總值(千美元)`; the unit is read from the header (thousand / 千,
  million / 百萬, or plain USD / 美元) and everything is converted to million USD;
* numbers may carry thousands separators; a blank or '-' cell is "not published" (no row), never 0;
* UTF-8 (with or without BOM) or Big5/CP950, the encoding Taiwan government downloads often use.

Country names are kept as written (`partner_name`); the main partners get the keys shared with the
other trade tables (china, hong_kong, us, japan, korea, total), everything else is `other`.
The download does not mark preliminary months, so `preliminary` is False: the latest one or two
months of any customs release are revised later.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from loaders.contract import Source, TableSpec, conform
from loaders.errors import LoaderError
from loaders.raw_csv import read_bytes, read_csv_rows
from loaders.snapshot import BuiltTable
from loaders.trade_common import file_input, month_end, trade_columns

SOURCE = Source(
    name="Taiwan customs trade statistics by country (file downloaded by hand)",
    publisher="Customs Administration, Ministry of Finance, Republic of China (Taiwan)",
    repo_url="https://portal.sw.nat.gov.tw/APGA/GA30E",
    commit="",
    commit_date="",
    licence="Not recorded in the file; see the Customs Administration portal's terms of use",
    files=(),
)

PERIOD_NAMES = ("period", "year/month", "yearmonth", "year-month", "month", "date", "年月", "日期", "期間")
COUNTRY_NAMES = (
    "country",
    "country/area",
    "countryorarea",
    "country/region",
    "國家",
    "國家(地區)",
    "國家/地區",
    "國別",
)
NOTE_MARKS = ("註", "注", "note", "source", "資料來源", "說明")
HEADER_SEARCH_LINES = 30
PARTNERS = {  # lower-cased, spaces removed -> key
    "mainlandchina": "china",
    "china": "china",
    "china(mainland)": "china",
    "中國大陸": "china",
    "大陸": "china",
    "hongkong": "hong_kong",
    "香港": "hong_kong",
    "u.s.a.": "us",
    "usa": "us",
    "unitedstates": "us",
    "unitedstatesofamerica": "us",
    "美國": "us",
    "japan": "japan",
    "日本": "japan",
    "korea,republicof": "korea",
    "southkorea": "korea",
    "republicofkorea": "korea",
    "korea": "korea",
    "南韓": "korea",
    "韓國": "korea",
    "total": "total",
    "world": "total",
    "allcountries": "total",
    "總計": "total",
    "合計": "total",
    "全球": "total",
}
MONTH_PATTERNS = (
    re.compile(r"^(\d{3,4})[/\-.](\d{1,2})$"),
    re.compile(r"^(\d{4})(\d{2})$"),
    re.compile(r"^(\d{3,4})年(\d{1,2})月$"),
)

TABLE = TableSpec(
    name="trade_mof_customs",
    title="Taiwan's exports and imports by country, monthly (customs statistics download)",
    description=(
        "Taiwan's monthly exports to and imports from each country, from a customs statistics file downloaded "
        "by hand from the Customs Administration's database and loaded with --trade-file. Million US dollars."
    ),
    source=SOURCE,
    columns=trade_columns("File the figure was read from"),
    key=("period", "partner_name", "flow"),
    date_column="period",
    notes=(
        "Mainland China and Hong Kong are separate partners (china, hong_kong); add them to compare with MOF's "
        "combined 中國大陸與香港.",
        "Values converted to million USD from the unit stated in the file's header.",
        "Blank or '-' cells are not published values and give no row; they are never read as 0.",
        "The download does not mark preliminary months; the latest months of a customs release are revised later.",
    ),
)

TABLES = (TABLE,)


def _key(text: str) -> str:
    return re.sub(r"\s+", "", str(text)).lower()


def decode(path: Path) -> str:
    data = read_bytes(path)
    for encoding in ("utf-8-sig", "cp950"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LoaderError(path, "text is neither UTF-8 nor Big5/CP950 (corrupt file or another format)")


def find_header(rows: list[list[str]]) -> tuple[int, int, int] | None:
    """(header line index, period column, country column) or None."""
    for i, row in enumerate(rows[:HEADER_SEARCH_LINES]):
        names = [_key(c) for c in row]
        period = next((j for j, n in enumerate(names) if n in PERIOD_NAMES), None)
        country = next((j for j, n in enumerate(names) if n in COUNTRY_NAMES), None)
        if period is not None and country is not None:
            return i, period, country
    return None


def looks_like(path: Path) -> bool:
    """True if the file has this layout's header (used to pick the loader for --trade-file)."""
    try:
        rows = read_csv_rows(decode(path), path)
    except LoaderError:
        return False
    return find_header(rows) is not None


def unit_factor(header: str) -> float | None:
    """Multiplier from the header's unit to million USD."""
    text = _key(header)
    if "thousand" in text or "千" in text:
        return 1e-3
    if "million" in text or "百萬" in text:
        return 1.0
    if "usd" in text or "us$" in text or "美元" in text:
        return 1e-6
    return None


def flow_columns(header: list[str], path: Path, line: int) -> dict[str, int]:
    found: dict[str, list[int]] = {"export": [], "import": []}
    for j, name in enumerate(header):
        text = _key(name)
        if text.startswith("re-") or "復出口" in text or "復進口" in text:
            continue
        if text.startswith("export") or "出口" in text:
            found["export"].append(j)
        elif text.startswith("import") or "進口" in text:
            found["import"].append(j)
    columns = {}
    for flow, hits in found.items():
        if len(hits) != 1:
            raise LoaderError(
                path,
                f"expected one {flow}s column in the header, found {len(hits)} "
                f"({', '.join(repr(header[j]) for j in hits) or 'none'})",
                row=line,
            )
        columns[flow] = hits[0]
    return columns


def parse_month(text: str) -> pd.Timestamp | None:
    for pattern in MONTH_PATTERNS:
        if m := pattern.match(text):
            year, month = int(m.group(1)), int(m.group(2))
            if year < 1000:
                year += 1911  # ROC year
            if 1 <= month <= 12 and 1950 <= year <= 2100:
                return pd.Timestamp(year, month, 1)
    return None


def load(path: Path) -> pd.DataFrame:
    text = decode(path)
    if "\x00" in text:
        raise LoaderError(path, "contains NUL bytes (binary or corrupt file)")
    rows = read_csv_rows(text, path)
    found = find_header(rows)
    if found is None:
        raise LoaderError(
            path,
            f"no header with a period column ({', '.join(PERIOD_NAMES[:5])}…) and a country "
            f"column ({', '.join(COUNTRY_NAMES[:4])}…) in the first {HEADER_SEARCH_LINES} lines",
        )
    head, period_col, country_col = found
    header = rows[head]
    flows = flow_columns(header, path, head + 1)
    factors: dict[str, float] = {}
    for flow, j in flows.items():
        factor = unit_factor(header[j])
        if factor is None:
            raise LoaderError(
                path,
                f"unit not stated in header '{header[j]}' (expected USD, thousand or million)",
                row=head + 1,
                column=header[j],
            )
        factors[flow] = factor
    records = []
    for i in range(head + 1, len(rows)):
        row, line = rows[i], i + 1
        if not any(c.strip() for c in row):
            continue
        first = row[0].strip()
        if _key(first).startswith(NOTE_MARKS):
            break
        if len(row) < len(header) or any(c.strip() for c in row[len(header) :]):  # a lost or stray
            # comma would shift the values or leave one out, which then reads as "not published"
            raise LoaderError(
                path,
                f"row has {len(row)} fields but the header has {len(header)} (a line cut short, "
                "or a lost or stray comma shifts its values)",
                row=line,
            )
        cell = row[period_col].strip()
        start = parse_month(_key(cell))
        if start is None:
            raise LoaderError(
                path,
                f"'{cell}' is not a month (expected e.g. 2025/08 or 114年08月)",
                row=line,
                column=header[period_col],
            )
        country = row[country_col].strip()
        if not country:
            raise LoaderError(path, "country is blank", row=line, column=header[country_col])
        for flow, j in flows.items():
            raw = row[j].strip().replace(",", "")
            if raw in ("", "-", "－", "…"):
                continue  # not published: no row, never 0
            try:
                value = float(raw)
            except ValueError:
                raise LoaderError(path, f"'{row[j]}' is not a number", row=line, column=header[j]) from None
            if value < 0:
                raise LoaderError(
                    path, f"'{row[j]}' is negative; exports and imports cannot be", row=line, column=header[j]
                )
            records.append(
                {
                    "period": start,
                    "period_end": month_end(start),
                    "period_type": "month",
                    "partner": PARTNERS.get(_key(country), "other"),
                    "partner_name": country,
                    "flow": flow,
                    "value_usd_million": value * factors[flow],
                    "yoy_pct_published": None,
                    "preliminary": False,
                    "source_table": path.name,
                    "line": line,
                }
            )
    if not records:
        raise LoaderError(path, "file has a header but no data rows")
    frame = pd.DataFrame(records)
    repeated = frame.duplicated(["period", "partner_name", "flow"])
    if repeated.any():
        again = frame[repeated].iloc[0]
        raise LoaderError(
            path, f"{again['partner_name']} {again['period']:%Y-%m} appears twice", row=int(again["line"])
        )
    return frame.drop(columns="line")


def build_file(path: Path) -> list[BuiltTable]:
    frame = load(Path(path))
    frame = conform(frame, TABLE)
    frame = frame[[c.name for c in TABLE.columns]].sort_values(list(TABLE.key)).reset_index(drop=True)
    inputs = [file_input(Path(path), logical_path=str(Path(path).resolve()), upstream_path="")]
    return [BuiltTable(TABLE, frame, inputs)]
