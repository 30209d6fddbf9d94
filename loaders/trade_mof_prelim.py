"""Taiwan's trade with its main partners from the Ministry of Finance's August 2025 preliminary
release -> `trade_partner` (exports, imports and balance; monthly, annual and year-to-date).

Source: the official MOF statistical tables attached to the press release 「114年8月海關進出口
貿易初步統計」, as committed (byte-for-byte .xlsx) in CongJie-Pan/ROC_PreliminaryStatistics_on_
CustomsImports_and_Exports_for_2025. The repository's own processed CSVs are not used: they drop
the monthly rows and rename columns; the spreadsheets are the publisher's.

* 表8 (Table 8): exports to 中國大陸與香港, 美國, 東協, 日本, 南韓, 歐洲 and the total (合計),
  each with 年增率 (YoY %) and, for three partners, 占總出口 (share of total exports);
* 表9 (Table 9): imports from the same partners, same layout;
* 表10 (Table 10): 出入超 (balance) with 亞洲, 中國大陸與香港, 日本, 東協 (新加坡), 南韓, 美國,
  歐洲, 中東.

Rows: ROC years 104–113 (2015–2024) as annual totals, then the months Aug–Dec 2024 (they follow
the 113年 row), 「114年1-8月」 (Jan–Aug 2025, year to date) and the months Jan–Aug 2025. The
change rows (較上月增減, 較上年同月增減, 較上年同期增減) are derived comparisons and are skipped.

Cleaning rules: ROC year + 1911 = Gregorian year; unit must read 百萬美元 (million USD); partner
columns are found by their header text, not by position, and the layout is proven on load: each
published share of total must equal value / total, and the balance in Table 10 must equal exports
minus imports from Tables 8 and 9 (to rounding). Mainland China and Hong Kong are one partner in
these tables. Every 2025 (ROC 114) figure is flagged preliminary, as the release is.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter

from loaders.contract import RawFolder, Source, TableSpec, UpstreamFile
from loaders.errors import LoaderError
from loaders.raw_csv import require_file
from loaders.snapshot import BuiltTable
from loaders.trade_common import TRADE_KEY, file_input, month_end, tidy_trade, trade_columns

FOLDER = "data/August2025_PreliminaryStatistics_on_CustomsImports_and_Exports"
EXPORTS = UpstreamFile(
    path="taiwan-mof-customs-prelim-2025-08/xlsx/Table8_Taiwans's_ExportValue_and_AnnualGrowthRate.xlsx",
    upstream_path=f"{FOLDER}/Table8_Taiwans's_ExportValue_and_AnnualGrowthRate.xlsx",
    sha256="f43c4fdaf19c823d1f37e5fcda4b56e83e5a1043c11492bf1d8f0b20f0935289",
)
IMPORTS = UpstreamFile(
    path="taiwan-mof-customs-prelim-2025-08/xlsx/Table9_ ImportValue_AnnualGrowthRate(to_Taiwan).xlsx",
    upstream_path=f"{FOLDER}/Table9_ ImportValue_AnnualGrowthRate(to_Taiwan).xlsx",
    sha256="aaade08e260d7af532459a83e2c146754eb4eb168d4e2da3ae27503721a341c1",
)
BALANCE = UpstreamFile(
    path="taiwan-mof-customs-prelim-2025-08/xlsx/Table10_Surplus_inTrade_with_MajorCountries.xlsx",
    upstream_path=f"{FOLDER}/Table10_Surplus_inTrade_with_MajorCountries.xlsx",
    sha256="6a94a05384a503cb8a0e0b93cfb290f5530ab0b404ff4c0ffc9914fc01ba1950",
)

SOURCE = Source(
    name="Taiwan Ministry of Finance, customs trade statistics (preliminary, August 2025 release)",
    publisher="Department of Statistics, Ministry of Finance, Republic of China (Taiwan); tables committed by "
    "CongJie-Pan/ROC_PreliminaryStatistics_on_CustomsImports_and_Exports_for_2025",
    repo_url="https://github.com/CongJie-Pan/ROC_PreliminaryStatistics_on_CustomsImports_and_Exports_for_2025",
    commit="c51013afd8705f46935d43a3261e84c7ddcd4b20",
    commit_date="2025-10-13",
    licence="None stated in the repository; the tables are MOF official statistics (Taiwan government open data)",
    files=(EXPORTS, IMPORTS, BALANCE),
)

PARTNERS = {  # header text (whitespace removed) -> partner key
    "合計": "total",
    "中國大陸與香港": "china_hk",
    "美國": "us",
    "東協": "asean",
    "日本": "japan",
    "南韓": "korea",
    "歐洲": "europe",
    "亞洲": "asia",
    "新加坡": "singapore",
    "中東": "middle_east",
}
TABLE_PARTNERS = {  # what each table must contain (more is an error too: a changed layout)
    "export": {"total", "china_hk", "us", "asean", "japan", "korea", "europe"},
    "import": {"total", "china_hk", "us", "asean", "japan", "korea", "europe"},
    "balance": {"total", "asia", "china_hk", "japan", "asean", "singapore", "korea", "us", "europe", "middle_east"},
}
FILES = {"export": EXPORTS, "import": IMPORTS, "balance": BALANCE}
TABLE_NAMES = {
    "export": "MOF Table 8 (exports by partner)",
    "import": "MOF Table 9 (imports by partner)",
    "balance": "MOF Table 10 (trade balance by partner)",
}
YOY, SHARE = "年增率", ("占總出口", "占總進口")
UNIT = "百萬美元"
ROC_OFFSET = 1911
PRELIMINARY_FROM_YEAR = 2025  # the release is "初步統計" for ROC 114; earlier years are final figures
SHARE_TOLERANCE = 0.01  # percentage points
BALANCE_TOLERANCE = 0.01  # million USD (the tables carry three decimals)

YEAR = re.compile(r"^(\d{2,3})年$")
YEAR_TO_DATE = re.compile(r"^(\d{2,3})年(\d{1,2})[-–~](\d{1,2})月$")
MONTH = re.compile(r"^(\d{1,2})月$")
SKIPPED = ("較上月增減", "較上年同月增減", "較上年同期增減")
END_MARKS = ("說明", "註", "資料來源")

TRADE = TableSpec(
    name="trade_partner",
    title="Taiwan's exports, imports and trade balance with its main partners",
    description=(
        "Taiwan's merchandise trade with mainland China + Hong Kong, the United States, Japan, ASEAN, South "
        "Korea and Europe (and the balance with Asia, Singapore and the Middle East), from the Ministry of "
        "Finance's August 2025 preliminary release: annual 2015–2024, monthly August 2024 – August 2025, and "
        "January–August 2025 to date. Million US dollars."
    ),
    source=SOURCE,
    columns=trade_columns("MOF table the figure comes from"),
    key=TRADE_KEY,
    date_column="period",
    notes=(
        "Mainland China and Hong Kong are one partner (中國大陸與香港) in these tables; no mainland-only series.",
        "ROC years converted to Gregorian (ROC + 1911). Annual rows are full calendar years; year_to_date is "
        "January to period_end; monthly rows cover August 2024 – August 2025 only.",
        "All 2025 figures are preliminary (the release is MOF's preliminary statistics) and may be revised.",
        "yoy_pct_published is MOF's own year-over-year change; the balance table publishes none.",
        "Checked on load: published shares of total equal value / total, and balance = exports − imports.",
        "Exports are FOB, imports CIF (customs basis); general trade system since 2016.",
    ),
)

TABLES = (TRADE,)


def _text(value) -> str:
    return re.sub(r"\s+", "", str(value)) if value is not None else ""


def open_sheet(path: Path):
    require_file(path)
    try:
        workbook = openpyxl.load_workbook(path, data_only=True, read_only=False)
    except Exception as exc:  # noqa: BLE001 - a corrupt .xlsx surfaces as BadZipFile, zlib.error, an XML
        # ParseError, KeyError, ValueError, ... from deep inside openpyxl; the file is unreadable either way.
        raise LoaderError(path, f"not a readable .xlsx workbook ({exc.__class__.__name__})") from None
    if not workbook.worksheets:  # found by the fuzzer: a damaged workbook can open with no sheet at all
        raise LoaderError(path, "not a readable .xlsx workbook (it holds no worksheet)")
    return workbook.worksheets[0]


def header_layout(sheet, path: Path, flow: str) -> tuple[int, dict[str, int], dict[int, str]]:
    """(first data row, partner -> value column, column -> 'yoy'|'share') found from the header text."""
    first_data = None
    for row in range(1, min(sheet.max_row, 20) + 1):
        if YEAR.match(_text(sheet.cell(row, 1).value)):
            first_data = row
            break
    if first_data is None:
        raise LoaderError(path, "no data row found (expected a year label like '104年' in column A)", column="A")
    header_text = " ".join(_text(c.value) for r in sheet.iter_rows(1, first_data - 1) for c in r)
    if UNIT not in header_text:
        raise LoaderError(path, f"unit '{UNIT}' (million USD) not found above the data", row=first_data - 1)
    partners: dict[str, int] = {}
    measures: dict[int, str] = {}
    for row in range(1, first_data):
        for column in range(2, sheet.max_column + 1):
            text = _text(sheet.cell(row, column).value)
            if text in PARTNERS:
                partners[PARTNERS[text]] = column
            elif text == YOY:
                measures[column] = "yoy"
            elif text in SHARE:
                measures[column] = "share"
    if set(partners) != TABLE_PARTNERS[flow]:
        raise LoaderError(
            path,
            f"partner columns {sorted(partners)} differ from the expected "
            f"{sorted(TABLE_PARTNERS[flow])} (layout changed?)",
            row=first_data - 1,
        )
    return first_data, partners, measures


def periods(sheet, path: Path, first_data: int) -> list[tuple[int, pd.Timestamp, pd.Timestamp, str, str]]:
    """(sheet row, period start, period end, period type, label) for every data row, in order."""
    found = []
    year = None
    last_month = 0
    for row in range(first_data, sheet.max_row + 1):
        label = _text(sheet.cell(row, 1).value)
        if not label or label in SKIPPED:
            continue
        if label.startswith(END_MARKS):
            break
        if m := YEAR.match(label):
            year, last_month = int(m.group(1)) + ROC_OFFSET, 0
            found.append((row, pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31), "year", label))
        elif m := YEAR_TO_DATE.match(label):
            year, first, last = int(m.group(1)) + ROC_OFFSET, int(m.group(2)), int(m.group(3))
            if first != 1 or not 1 <= last <= 12:
                raise LoaderError(path, f"'{label}' is not a January-to-date period", row=row, column="A")
            last_month = 0
            found.append((row, pd.Timestamp(year, 1, 1), month_end(pd.Timestamp(year, last, 1)), "year_to_date", label))
        elif m := MONTH.match(label):
            month = int(m.group(1))
            if year is None or not last_month < month <= 12:
                raise LoaderError(
                    path, f"month '{label}' out of order (after month {last_month} of {year})", row=row, column="A"
                )
            last_month = month
            start = pd.Timestamp(year, month, 1)
            found.append((row, start, month_end(start), "month", label))
        else:
            raise LoaderError(
                path, f"'{label}' is not a period label (expected e.g. 113年, 114年1-8月, 8月)", row=row, column="A"
            )
    return found


def _number(sheet, path: Path, row: int, column: int, header: str, *, required: bool) -> float | None:
    value = sheet.cell(row, column).value
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise LoaderError(path, f"'{value}' is not a number", row=row, column=f"{get_column_letter(column)} ({header})")
    return float(value)


def read_table(path: Path, flow: str) -> list[dict]:
    sheet = open_sheet(path)
    first_data, partners, measures = header_layout(sheet, path, flow)
    names = {v: k for k, v in PARTNERS.items()}
    records = []
    for row, start, end, period_type, label in periods(sheet, path, first_data):
        values = {p: _number(sheet, path, row, col, names[p], required=True) for p, col in partners.items()}
        for partner, column in partners.items():
            yoy = share = None
            following = column + 1
            while following in measures and following not in partners.values():
                number = _number(sheet, path, row, following, measures[following], required=False)
                if measures[following] == "yoy":
                    yoy = number
                else:
                    share = number
                following += 1
            part, total = values[partner], values["total"]
            if share is not None and part is not None and total:
                computed = 100 * part / total
                if abs(computed - share) > SHARE_TOLERANCE:
                    raise LoaderError(
                        path,
                        f"published share {share:.3f} % of {names[partner]} does not equal "
                        f"value / total ({computed:.3f} %): columns are not where expected",
                        row=row,
                        column=get_column_letter(column + 1),
                    )
            records.append(
                {
                    "period": start,
                    "period_end": end,
                    "period_type": period_type,
                    "partner": partner,
                    "partner_name": names[partner],
                    "flow": flow,
                    "value_usd_million": values[partner],
                    "yoy_pct_published": yoy,
                    "preliminary": start.year >= PRELIMINARY_FROM_YEAR,
                    "source_table": f"{TABLE_NAMES[flow]} · {label} · row {row}",
                }
            )
    if not records:
        raise LoaderError(path, "no data rows")
    return records


def check_balance(frame: pd.DataFrame, path: Path) -> None:
    """Same periods in all three tables, and balance = exports − imports wherever a partner is in all three."""
    spans = {flow: set(zip(group["period"], group["period_type"])) for flow, group in frame.groupby("flow")}
    if len({frozenset(s) for s in spans.values()}) != 1 or set(spans) != set(FILES):
        raise LoaderError(path, "Tables 8, 9 and 10 do not cover the same periods")
    wide = frame.pivot_table(
        index=["period", "period_type", "partner"], columns="flow", values="value_usd_million", aggfunc="first"
    )
    both = wide.dropna(subset=["export", "import", "balance"])
    off = (both["balance"] - (both["export"] - both["import"])).abs() > BALANCE_TOLERANCE
    if off.any():
        period, period_type, partner = off[off].index[0]
        row = both.loc[(period, period_type, partner)]
        raise LoaderError(
            path,
            f"balance {row['balance']:.3f} for {partner} ({period_type} {period:%Y-%m}) is not "
            f"exports {row['export']:.3f} minus imports {row['import']:.3f}",
        )


def build(raw: RawFolder) -> list[BuiltTable]:
    records: list[dict] = []
    inputs = []
    for flow, file in FILES.items():
        path = raw.locate(file)
        records += read_table(path, flow)
        inputs.append(
            file_input(
                path,
                logical_path=file.path,
                upstream_path=file.upstream_path,
                url=SOURCE.url_of(file),
                pinned_sha256=file.sha256,
            )
        )
    frame = tidy_trade(records)
    check_balance(frame, raw.locate(BALANCE))
    return [BuiltTable(TRADE, frame, inputs)]
