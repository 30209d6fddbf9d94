"""Trade loaders: MOF's preliminary tables, HS 8542 by destination, and the two hand-downloaded
formats (Taiwan customs by-country CSV, UN Comtrade CSV) including the refresh --trade-file path."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from loaders import trade_comtrade, trade_files, trade_hs8542, trade_mof_customs, trade_mof_prelim
from loaders.contract import RawFolder, check_table
from loaders.refresh import refresh
from loaders.snapshot import read_manifest, read_table
from tests.fixtures_japan_trade import HS_ROWS, TRADE_VALUES, write_hs8542, write_trade_prelim
from tests.helpers import loader_error, quiet

PROJECT = Path(__file__).resolve().parents[1]


def built_frame(module, root: Path) -> pd.DataFrame:
    table = module.build(RawFolder(root))[0]
    check_table(table.frame, table.spec)
    return table.frame


def expect_error(call, *fragments: str) -> str:
    return str(loader_error(call, *fragments))


# --- MOF preliminary tables 8, 9, 10 -----------------------------------------------------------------


def test_mof_tables_to_long_rows(tmp_path: Path) -> None:
    write_trade_prelim(tmp_path)
    trade = built_frame(trade_mof_prelim, tmp_path)
    assert set(trade["flow"]) == {"export", "import", "balance"}
    one = trade.set_index(["period", "period_type", "partner", "flow"])
    # ROC 112 = 2023; the months after the 113年 row are 2024's, the ones after 114年1-2月 are 2025's
    assert one.loc[(pd.Timestamp("2023-01-01"), "year", "china_hk", "export"), "value_usd_million"] == 350.0
    assert one.loc[(pd.Timestamp("2024-12-01"), "month", "us", "import"), "value_usd_million"] == 9.0
    ytd = one.loc[(pd.Timestamp("2025-01-01"), "year_to_date", "japan", "export")]
    assert ytd["value_usd_million"] == 11.0 and ytd["period_end"] == pd.Timestamp("2025-02-28")
    assert one.loc[(pd.Timestamp("2025-02-01"), "month", "china_hk", "balance"), "value_usd_million"] == 12.0
    assert one.loc[(pd.Timestamp("2024-01-01"), "year", "singapore", "balance"), "value_usd_million"] == 20.0
    # 2025 (ROC 114) is preliminary, earlier years are not; change rows are not data
    assert trade.loc[trade["period"].dt.year == 2025, "preliminary"].all()
    assert not trade.loc[trade["period"].dt.year < 2025, "preliminary"].any()
    assert len(trade[(trade["flow"] == "export")]) == 7 * len(TRADE_VALUES)
    assert trade.loc[trade["flow"] == "export", "yoy_pct_published"].eq(1.5).all()
    assert trade.loc[trade["flow"] == "balance", "yoy_pct_published"].isna().all()
    assert "MOF Table 8" in one.loc[(pd.Timestamp("2023-01-01"), "year", "total", "export"), "source_table"]


def _edit(path: Path, cell: str, value) -> None:
    book = openpyxl.load_workbook(path)
    book.active[cell] = value
    book.save(path)


@pytest.mark.parametrize(
    "flow, cell, value, fragments",
    [
        ("export", "E6", 12.0, ("Table8", "row 6", "published share 12.000 %", "columns are not where expected")),
        ("export", "D7", "n/a", ("row 7", "column 'D (中國大陸與香港)'", "'n/a' is not a number")),
        ("import", "A8", "十一月", ("Table9", "row 8", "column 'A'", "'十一月' is not a period label")),
        ("export", "A9", "10月", ("row 9", "month '10月' out of order")),
        ("export", "M4", "日本國", ("partner columns", "differ from the expected")),
        ("export", "R3", "單位：千美元", ("unit '百萬美元' (million USD) not found",)),
        (
            "balance",
            "D7",
            999.0,
            (
                "Table10",
                "balance 999.000 for china_hk (year 2023-01) is not exports 350.000 minus imports 160.000",
            ),
        ),
    ],
)
def test_mof_layout_changes_and_bad_cells_are_caught(tmp_path: Path, flow: str, cell: str, value, fragments) -> None:
    paths = write_trade_prelim(tmp_path)
    _edit(paths[flow], cell, value)
    expect_error(lambda: trade_mof_prelim.build(RawFolder(tmp_path)), *fragments)


def test_mof_corrupt_or_missing_workbook(tmp_path: Path) -> None:
    paths = write_trade_prelim(tmp_path)
    paths["import"].write_bytes(b"PK\x03\x04 not really a workbook")
    expect_error(lambda: trade_mof_prelim.build(RawFolder(tmp_path)), "Table9", "not a readable .xlsx workbook")
    paths["import"].unlink()
    expect_error(lambda: trade_mof_prelim.build(RawFolder(tmp_path)), "Table9", "file not found")


def test_mof_real_tables(shared_raw: Path) -> None:
    built = trade_mof_prelim.build(RawFolder(shared_raw))[0]
    trade = built.frame.set_index(["period", "period_type", "partner", "flow"])
    # sanity figures recorded in shared/data/raw/PROVENANCE.md
    assert trade.loc[(pd.Timestamp("2024-01-01"), "year", "china_hk", "export"), "value_usd_million"] == 150611.402
    assert trade.loc[(pd.Timestamp("2024-01-01"), "year", "us", "export"), "value_usd_million"] == 111361.639
    months = built.frame.loc[built.frame["period_type"] == "month", "period"]
    assert (months.min(), months.max()) == (pd.Timestamp("2024-08-01"), pd.Timestamp("2025-08-01"))
    years = built.frame.loc[built.frame["period_type"] == "year", "period"].dt.year
    assert (years.min(), years.max()) == (2015, 2024)
    assert all(item["matches_pinned_commit"] for item in built.inputs)
    assert " " in built.inputs[1]["path"] and "%20" in built.inputs[1]["url"]  # the Table9 name has a space


# --- HS 8542 ----------------------------------------------------------------------------------------------


def test_hs8542_sums_codes_per_destination(tmp_path: Path) -> None:
    write_hs8542(tmp_path)
    chips = built_frame(trade_hs8542, tmp_path).set_index(["period", "partner_name"])
    china_2023 = chips.loc[(pd.Timestamp("2023-01-01"), "中國大陸")]
    assert china_2023["value_usd_million"] == 1.5 and china_2023["codes"] == 2 and china_2023["partner"] == "china"
    assert chips.loc[(pd.Timestamp("2023-01-01"), "美國"), "value_usd_million"] == 0.0  # a zero stays a zero
    assert chips.loc[(pd.Timestamp("2023-01-01"), "丹麥"), "partner"] == "other"
    assert chips.loc[(pd.Timestamp("2025-01-01"), "中國大陸"), "period_type"] == "year_to_date"
    assert chips.loc[(pd.Timestamp("2024-01-01"), "中國大陸"), "period_type"] == "year"


@pytest.mark.parametrize(
    "row, fragments",
    [
        ("2023,日本,85411000001, Diodes,5.0", ("row 9", "column 'HS Code'", "not an 11-digit CCC code under HS 8542")),
        ("2023,日本,85423100002, Processors,-5.0", ("row 9", "column 'Export Value (USD)'", "negative")),
        ("2023,日本,85423100002, Processors,lots", ("row 9", "'lots' is not a number")),
        ("20X3,日本,85423100002, Processors,5.0", ("row 9", "column 'Year'", "'20X3' is not a year")),
        ("2023,中國大陸,85423100002, Processors,5.0", ("row 9", "appear twice")),
        ("2023,,85423100002, Processors,5.0", ("row 9", "destination is blank")),
    ],
)
def test_hs8542_bad_rows(tmp_path: Path, row: str, fragments) -> None:
    write_hs8542(tmp_path, [*HS_ROWS, row])
    expect_error(lambda: trade_hs8542.build(RawFolder(tmp_path)), "taiwan_exports_by_country_2013_2025.csv", *fragments)


def test_hs8542_real_file(shared_raw: Path) -> None:
    built = trade_hs8542.build(RawFolder(shared_raw))[0]
    chips = built.frame.set_index(["period", "partner"])
    # sums over codes recorded in PROVENANCE.md (bn USD): 2024 China 48.47, HK 36.79, Japan 10.42, US 7.40
    for partner, billions in (("china", 48.47), ("hong_kong", 36.79), ("japan", 10.42), ("us", 7.40)):
        assert round(chips.loc[(pd.Timestamp("2024-01-01"), partner), "value_usd_million"] / 1000, 2) == billions
    assert set(built.frame.loc[built.frame["period"].dt.year == 2025, "period_type"]) == {"year_to_date"}
    assert built.inputs[0]["matches_pinned_commit"]


# --- hand-downloaded: Taiwan customs by-country CSV ----------------------------------------------------
# Assumed layout (see loaders/trade_mof_customs.py): optional title lines, then
# Period, Country, Exports (<unit>), Imports (<unit>); months like 2025/08 or ROC 114年08月.

CUSTOMS_EN = (
    "Trade Statistics by Country\n"
    "Query: 2025/07-2025/08, Exports and Imports\n"
    "Period,Country,Exports (USD thousand),Imports (USD thousand)\n"
    '2025/07,Mainland China,"10,500,000.0","6,000,000.0"\n'
    "2025/07,Hong Kong,3500000.0,200000.0\n"
    "2025/07,U.S.A.,18000000.0,4000000.0\n"
    "2025/07,Japan,2300000.0,-\n"
    "2025/07,Viet Nam,1000000.0,\n"
    "2025/08,Mainland China,11000000.0,6500000.0\n"
    "2025/08,Hong Kong,3600000.0,210000.0\n"
    "\n"
    "Note: preliminary figures for the latest month\n"
)
CUSTOMS_ZH = (
    "日期,國家,出口總值(千美元),進口總值(千美元)\n"
    "114年07月,中國大陸,10500000,6000000\n"
    "114年07月,香港,3500000,200000\n"
    "註：資料來源 財政部關務署\n"
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_customs_csv_english_with_title_lines(tmp_path: Path) -> None:
    table = trade_mof_customs.build_file(write(tmp_path / "customs.csv", CUSTOMS_EN))[0]
    check_table(table.frame, table.spec)
    frame = table.frame.set_index(["period", "partner_name", "flow"])
    assert frame.loc[(pd.Timestamp("2025-07-01"), "Mainland China", "export"), "value_usd_million"] == 10500.0
    assert frame.loc[(pd.Timestamp("2025-07-01"), "Mainland China", "export"), "partner"] == "china"
    assert frame.loc[(pd.Timestamp("2025-07-01"), "U.S.A.", "import"), "partner"] == "us"
    assert frame.loc[(pd.Timestamp("2025-07-01"), "Viet Nam", "export"), "partner"] == "other"
    # '-' and blank are not published: no row, never 0
    assert (pd.Timestamp("2025-07-01"), "Japan", "import") not in frame.index
    assert (pd.Timestamp("2025-07-01"), "Viet Nam", "import") not in frame.index
    assert frame.loc[(pd.Timestamp("2025-08-01"), "Hong Kong", "import"), "period_end"] == pd.Timestamp("2025-08-31")
    assert table.inputs[0]["url"] is None and table.inputs[0]["matches_pinned_commit"] is False


def test_customs_csv_chinese_roc_months_in_big5(tmp_path: Path) -> None:
    frame = trade_mof_customs.build_file(write(tmp_path / "customs.csv", CUSTOMS_ZH, "cp950"))[0].frame
    assert frame["period"].eq(pd.Timestamp("2025-07-01")).all()
    assert set(frame["partner"]) == {"china", "hong_kong"}
    assert frame.loc[(frame["partner"] == "china") & (frame["flow"] == "export"), "value_usd_million"].item() == 10500.0


@pytest.mark.parametrize(
    "text, fragments",
    [
        (
            "Period,Country,Exports (USD thousand),Imports (USD thousand)\n2025/13,Japan,1,1\n",
            ("row 2", "column 'Period'", "'2025/13' is not a month"),
        ),
        (
            "Period,Country,Exports (USD thousand),Imports (USD thousand)\n2025/07,Japan,-5,1\n",
            ("row 2", "column 'Exports (USD thousand)'", "negative"),
        ),
        (
            "Period,Country,Exports (USD thousand),Imports (USD thousand)\n2025/07,Japan,abc,1\n",
            ("row 2", "'abc' is not a number"),
        ),
        ("Period,Country,Exports,Imports\n2025/07,Japan,1,1\n", ("unit not stated in header 'Exports'",)),
        (
            "Period,Country,Exports (USD),Exports (USD),Imports (USD)\n2025/07,Japan,1,1,1\n",
            ("expected one exports column",),
        ),
        (
            "Period,Country,Exports (USD),Imports (USD)\n2025/07,Japan,1,1\n2025/07,Japan,2,2\n",
            ("row 3", "Japan 2025-07 appears twice"),
        ),
        ("Period,Country,Exports (USD),Imports (USD)\n2025/07,,1,1\n", ("row 2", "country is blank")),
        ("Year,Partner,Value\n2025,Japan,1\n", ("no header with a period column",)),
    ],
)
def test_customs_csv_bad_input(tmp_path: Path, text: str, fragments) -> None:
    path = write(tmp_path / "customs.csv", text)
    expect_error(lambda: trade_mof_customs.build_file(path), "customs.csv", *fragments)


# --- hand-downloaded: UN Comtrade ------------------------------------------------------------------------
# Comtrade+ record layout (the API's camelCase; the portal's PascalCase is accepted too).

COMTRADE_HEADER = (
    "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,flowCode,"
    "flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,partner2ISO,partner2Desc,classificationCode,"
    "cmdCode,cmdDesc,customsCode,motCode,primaryValue"
)
COMTRADE_ROWS = [
    'C,A,20240101,2024,52,2024,392,JPN,Japan,M,Import,490,S19,"Other Asia, nes",0,W00,World,HS,TOTAL,All Commodities,C00,0,50000000000',
    'C,A,20240101,2024,52,2024,392,JPN,Japan,X,Export,490,S19,"Other Asia, nes",0,W00,World,HS,TOTAL,All Commodities,C00,0,60000000000',
    'C,A,20240101,2024,52,2024,392,JPN,Japan,M,Import,490,S19,"Other Asia, nes",0,W00,World,HS,TOTAL,All Commodities,C00,2100,1000',  # by mode of transport: skipped
    'C,A,20240101,2024,52,2024,392,JPN,Japan,RX,Re-export,490,S19,"Other Asia, nes",0,W00,World,HS,TOTAL,All Commodities,C00,0,5',  # skipped
    "C,A,20240101,2024,52,2024,392,JPN,Japan,M,Import,156,CHN,China,0,W00,World,HS,TOTAL,All Commodities,C00,0,9",  # other partner
    'C,M,20240301,2024,3,202403,842,USA,USA,M,Import,490,S19,"Other Asia, nes",0,W00,World,HS,8542,Electronic integrated circuits,C00,0,1500000000',
]


def test_comtrade_mirror_turns_flows_round(tmp_path: Path) -> None:
    path = write(tmp_path / "comtrade.csv", "\n".join([COMTRADE_HEADER, *COMTRADE_ROWS]) + "\n")
    table = trade_comtrade.build_file(path)[0]
    check_table(table.frame, table.spec)
    frame = table.frame.set_index(["reporter", "flow", "period_type"])
    assert len(frame) == 3
    assert frame.loc[("JPN", "export", "year"), "value_usd_million"] == 50000.0  # Japan's imports from Taiwan
    assert frame.loc[("JPN", "export", "year"), "valuation"] == "CIF"
    assert frame.loc[("JPN", "import", "year"), "value_usd_million"] == 60000.0
    assert frame.loc[("JPN", "import", "year"), "partner"] == "japan"
    us = frame.loc[("USA", "export", "month")]
    assert us["period"] == pd.Timestamp("2024-03-01") and us["period_end"] == pd.Timestamp("2024-03-31")
    assert us["cmd_code"] == "8542" and us["value_usd_million"] == 1500.0


def test_comtrade_pascal_case_header(tmp_path: Path) -> None:
    header = ",".join(name[0].upper() + name[1:] for name in COMTRADE_HEADER.split(","))
    path = write(tmp_path / "comtrade.csv", "\n".join([header, COMTRADE_ROWS[0]]) + "\n")
    assert trade_comtrade.build_file(path)[0].frame["value_usd_million"].item() == 50000.0


@pytest.mark.parametrize(
    "row, fragments",
    [
        (
            COMTRADE_ROWS[0].replace(",2024,392,", ",24,392,", 1),
            ("row 2", "column 'period'", "does not fit frequency 'A'"),
        ),
        (COMTRADE_ROWS[0].replace("50000000000", "-1"), ("row 2", "column 'primaryValue'", "negative")),
        (COMTRADE_ROWS[0].replace("50000000000", "n/a"), ("row 2", "'n/a' is not a number")),
    ],
)
def test_comtrade_bad_rows(tmp_path: Path, row: str, fragments) -> None:
    path = write(tmp_path / "comtrade.csv", "\n".join([COMTRADE_HEADER, row]) + "\n")
    expect_error(lambda: trade_comtrade.build_file(path), "comtrade.csv", *fragments)


def test_comtrade_repeated_record(tmp_path: Path) -> None:
    path = write(tmp_path / "comtrade.csv", "\n".join([COMTRADE_HEADER, COMTRADE_ROWS[0], COMTRADE_ROWS[0]]) + "\n")
    expect_error(lambda: trade_comtrade.build_file(path), "row 3", "JPN export 2024-01 (TOTAL) appears twice")


def test_comtrade_without_partner_490_says_so(tmp_path: Path) -> None:
    path = write(tmp_path / "comtrade.csv", "\n".join([COMTRADE_HEADER, COMTRADE_ROWS[4]]) + "\n")
    expect_error(lambda: trade_comtrade.build_file(path), "no rows with partnerCode 490")


def test_comtrade_real_file_layout_is_recognised(shared_raw: Path) -> None:
    """The HS 8542 repo's own Comtrade pull (reporters CHN/KOR/USA to World): our layout, but no Taiwan rows."""
    path = shared_raw / "taiwan-customs-hs8542-a0013333j" / "ic_exports_comparison_uncomtrade_2013_2024.csv"
    assert trade_files.detect(path) is trade_comtrade
    expect_error(lambda: trade_comtrade.build_file(path), "no rows with partnerCode 490")


# --- --trade-file: detection and the refresh ---------------------------------------------------------------


def test_detect_picks_the_loader_from_the_header(tmp_path: Path) -> None:
    assert trade_files.detect(write(tmp_path / "a.csv", CUSTOMS_EN)) is trade_mof_customs
    assert (
        trade_files.detect(write(tmp_path / "b.csv", "\n".join([COMTRADE_HEADER, COMTRADE_ROWS[0]]))) is trade_comtrade
    )
    expect_error(lambda: trade_files.detect(write(tmp_path / "c.csv", "x,y\n1,2\n")), "not a recognised trade file")
    expect_error(lambda: trade_files.detect(tmp_path / "missing.csv"), "file not found")


def test_refresh_with_trade_files_keeps_them_until_replaced(good_raw: Path, tmp_path: Path) -> None:
    customs = write(tmp_path / "customs.csv", CUSTOMS_EN)
    mirror = write(tmp_path / "comtrade.csv", "\n".join([COMTRADE_HEADER, *COMTRADE_ROWS]) + "\n")
    target = tmp_path / "snap"
    manifest = refresh(good_raw, target, quiet, trade_files=[customs, mirror])
    assert {"trade_mof_customs", "trade_comtrade_mirror", "trade_partner", "trade_hs8542"} <= set(manifest["tables"])
    entry = manifest["tables"]["trade_mof_customs"]
    assert entry["inputs"][0]["path"] == str(customs.resolve()) and entry["first_date"] == "2025-07-01"
    # a later refresh without files keeps what was loaded by hand (there is no raw copy to rebuild it from)
    again = refresh(good_raw, target, quiet)
    assert again["tables"]["trade_mof_customs"]["sha256"] == entry["sha256"]
    assert len(read_table(target, "trade_comtrade_mirror")) == 3


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "loaders", *args], cwd=PROJECT, capture_output=True, text=True, timeout=180
    )


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_cli_trade_file(good_raw: Path, tmp_path: Path) -> None:
    target = tmp_path / "snap"
    good = write(tmp_path / "customs.csv", CUSTOMS_EN)
    result = run_cli("refresh", "--raw", str(good_raw), "--snapshot", str(target), "--trade-file", str(good))
    assert result.returncode == 0, result.stderr
    assert "[trade file]" in result.stderr and "trade_mof_customs: 12 rows" in result.stderr
    assert "trade_mof_customs" in read_manifest(target)["tables"]
    before = digest(target)
    bad = write(tmp_path / "bad.csv", CUSTOMS_EN.replace("3500000.0", "lots"))
    result = run_cli("refresh", "--raw", str(good_raw), "--snapshot", str(target), "--trade-file", str(bad))
    assert result.returncode == 2 and "bad.csv, row 5, column 'Exports (USD thousand)'" in result.stderr
    assert digest(target) == before
