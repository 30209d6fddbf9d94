"""Small raw files for the Japan-side, PLA Tracker (second MND source) and trade loaders, written by the
tests themselves in the upstream layouts, so every loader test and the refresh tests run anywhere.

Trade workbooks follow MOF's tables 8, 9 and 10 cell for cell (header rows, ROC labels, the
derived change rows and the note line); the values are small invented numbers that keep the
tables' own arithmetic (shares of total, balance = exports − imports), which the loader checks.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from loaders import japan_mod, pla_tracker, trade_hs8542, trade_mof_prelim

# --- Japan side: rows of JapanandBattleship.csv and the upstream's conflict log ------------------
# Columns: date,空中,聯合演訓,艦通過,航母活動,與那國,宮古,大禹,對馬,進,出,艦型,備考,pla_aircraft_sorties,
#          plan_vessel_sorties,remark,國家


def japan_row(
    date: str,
    air="",
    drill="",
    passage="",
    carrier="",
    yonaguni="",
    miyako="",
    osumi="",
    tsushima="",
    inward="",
    outward="",
    ship="",
    note="",
    aircraft="",
    vessels="",
    remark="True",
    country="",
) -> str:
    cells = [
        date,
        air,
        drill,
        passage,
        carrier,
        yonaguni,
        miyako,
        osumi,
        tsushima,
        inward,
        outward,
        ship,
        note,
        aircraft,
        vessels,
        remark,
        country,
    ]
    return ",".join(f'"{c}"' if ("," in c or "\n" in c) else c for c in cells)


JAPAN_ROWS = [
    japan_row("2024/05/20", aircraft="10", vessels="5"),  # Taiwan side only: no Japan event
    japan_row("2024/05/21", passage="1.0", miyako="1.0", outward="1.0", ship="旅洋", note="東進", aircraft="3"),
    japan_row("2024/05/22", drill="1.0"),  # 2024 style: only 1s, the rest blank (not recorded)
    # impossible: Tsushima (34.4°N) and Yonaguni (24.4°N) on one day
    japan_row(
        "2026/02/16",
        "0.0",
        "0.0",
        "1.0",
        "0.0",
        "1.0",
        "0.0",
        "0.0",
        "1.0",
        "0.0",
        "1.0",
        ship="守護級護衛艦",
        remark="俄羅斯海軍3艘艦艇於2月14日經對馬海峽南下，2月16日經與那國島附近",
        country="俄羅斯",
    ),
    # Miyako + Yonaguni are neighbours: kept; both navies reported
    japan_row(
        "2026/03/02",
        "1.0",
        "0.0",
        "1.0",
        "0.0",
        "1.0",
        "1.0",
        "0.0",
        "0.0",
        "1.0",
        "1.0",
        ship="未提及",
        note="中國、俄羅斯海軍2艘艦艇經宮古海峽往返東海與太平洋航行。",
        country="中國、俄羅斯",
    ),
    # Osumi + Miyako: 6.2° apart, allowed
    japan_row("2026/03/05", "0.0", "0.0", "1.0", "0.0", "0.0", "1.0", "1.0", "0.0", "1.0", "0.0", country="中國"),
    # flagged on the day of a report whose mention the upstream log calls a back-reference: kept, logged
    japan_row("2026/03/10", "0.0", "0.0", "1.0", "1.0", "0.0", "0.0", "0.0", "1.0", "0.0", "0.0", country="中國"),
    japan_row("2026/03/14", yonaguni="0.0", miyako="0.0", osumi="0.0", tsushima="1.0", country="俄羅斯"),  # backfilled
]

CONFLICT_LOG = {
    "generated_at": "2026-08-20 00:20:32",
    "backfilled": [{"date": "2026/03/14", "strait": "對馬", "source": "p20260318_01.pdf"}],
    "conflicts": [],
    "suppressed": [
        {
            "kind": "suppressed",
            "source": "p20260310_01.pdf",
            "mentions": [
                {
                    "strait": "對馬",
                    "reason": "身分識別、なお+明示日期",
                    "sentence": "なお、これらの艦艇は３月５日（木）に対馬海峡を南西進したものと同一である",
                    "explicit_dates": ["３月５日"],
                }
            ],
        },
        {
            "kind": "suppressed",
            "source": "p20260305_02.pdf",
            "mentions": [  # flag 0 that day: nothing to report
                {"strait": "與那國", "reason": "身分識別", "sentence": "…", "explicit_dates": []}
            ],
        },
    ],
}


def write_conflict_log(root: Path, log: dict | str = CONFLICT_LOG) -> Path:
    path = root / japan_mod.CONFLICT_LOG.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(log if isinstance(log, str) else json.dumps(log, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


# --- PLA Tracker records.csv -------------------------------------------------------------------------

TRACKER_HEADER = "date,aircraft_total,median_line_cross,cross_rate,aircraft_type,ships_total,activity_start,activity_end,special_event"
TRACKER_ROWS = [
    '2024-05-20,10,4,40.0,manned,5,,,"三、中共空飄氣球活動： \n中共空飄氣球計偵獲2顆。"',  # embedded newline
    "2024-05-21,0,0,,zero,3,,,",
    "2024-05-22,6,6,100.0,Mixed,8,13:00,15:40,越線：北部空域",
    "2024-05-23,49,18,36.7,Manned,19,06:00,06:00,",
    "2024-05-24,9,6,67.0,UAV,16,,,",  # rounded rate (66.7 -> 67.0) is within tolerance
]


def write_tracker(root: Path, rows: list[str] = TRACKER_ROWS) -> Path:
    path = root / pla_tracker.RECORDS.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([TRACKER_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


# --- MOF tables 8, 9, 10 --------------------------------------------------------------------------------

# label -> partner -> (exports, imports); ROC 113 = 2024, months after 113年 are 2024's, 114 = 2025
TRADE_VALUES: dict[str, dict[str, tuple[float, float]]] = {
    "112年": {
        "total": (1000.0, 800.0),
        "china_hk": (350.0, 160.0),
        "us": (180.0, 90.0),
        "asean": (170.0, 100.0),
        "japan": (60.0, 120.0),
        "korea": (40.0, 70.0),
        "europe": (90.0, 110.0),
    },
    "113年": {
        "total": (1100.0, 900.0),
        "china_hk": (330.0, 180.0),
        "us": (260.0, 100.0),
        "asean": (200.0, 110.0),
        "japan": (55.0, 125.0),
        "korea": (45.0, 95.0),
        "europe": (85.0, 105.0),
    },
    "11月": {
        "total": (95.0, 80.0),
        "china_hk": (28.0, 16.0),
        "us": (22.0, 8.0),
        "asean": (17.0, 9.0),
        "japan": (5.0, 11.0),
        "korea": (4.0, 9.0),
        "europe": (7.0, 9.0),
    },
    "12月": {
        "total": (100.0, 85.0),
        "china_hk": (30.0, 17.0),
        "us": (24.0, 9.0),
        "asean": (18.0, 10.0),
        "japan": (5.0, 12.0),
        "korea": (4.0, 9.0),
        "europe": (8.0, 9.0),
    },
    "114年1-2月": {
        "total": (210.0, 170.0),
        "china_hk": (55.0, 33.0),
        "us": (60.0, 18.0),
        "asean": (40.0, 22.0),
        "japan": (11.0, 24.0),
        "korea": (9.0, 19.0),
        "europe": (16.0, 18.0),
    },
    "1月": {
        "total": (100.0, 80.0),
        "china_hk": (26.0, 16.0),
        "us": (28.0, 8.0),
        "asean": (19.0, 10.0),
        "japan": (5.0, 12.0),
        "korea": (4.0, 9.0),
        "europe": (8.0, 9.0),
    },
    "2月": {
        "total": (110.0, 90.0),
        "china_hk": (29.0, 17.0),
        "us": (32.0, 10.0),
        "asean": (21.0, 12.0),
        "japan": (6.0, 12.0),
        "korea": (5.0, 10.0),
        "europe": (8.0, 9.0),
    },
}
BALANCE_ONLY = {"asia": 150.0, "singapore": 20.0, "middle_east": -30.0}
CHANGE_ROWS = ["較上月增減", "較上年同月增減", "較上年同期增減"]
EXPORT_IMPORT_COLUMNS = {  # partner -> (value column, share column or None, yoy column)
    "total": ("B", None, "C"),
    "china_hk": ("D", "E", "F"),
    "us": ("G", "H", "I"),
    "asean": ("J", "K", "L"),
    "japan": ("M", None, "N"),
    "korea": ("O", None, "P"),
    "europe": ("Q", None, "R"),
}
HEADERS = {
    "total": "合\u3000計",
    "china_hk": "中國大陸與香港",
    "us": "美\u3000國",
    "asean": "東\u3000協",
    "japan": "日\u3000本",
    "korea": "南\u3000韓",
    "europe": "歐\u3000洲",
}
BALANCE_COLUMNS = {
    "total": "B",
    "asia": "C",
    "china_hk": "D",
    "japan": "E",
    "asean": "F",
    "singapore": "G",
    "korea": "H",
    "us": "I",
    "europe": "J",
    "middle_east": "K",
}


def _export_import_workbook(path: Path, flow: str, values=TRADE_VALUES) -> None:
    index = 0 if flow == "export" else 1
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "表8" if flow == "export" else "表9"
    sheet["A1"] = (
        "表8、我國對主要國家/地區出口金額及年增率" if flow == "export" else "表9、我國自主要國家/地區進口金額及年增率"
    )
    sheet["R3"] = "單位：百萬美元；％"
    sheet["A4"] = "年(月)別"
    share_word = "占總出口" if flow == "export" else "占總進口"
    for partner, (value_col, share_col, yoy_col) in EXPORT_IMPORT_COLUMNS.items():
        sheet[f"{value_col}4"] = HEADERS[partner]
        sheet[f"{yoy_col}5"] = "年增率"
        if share_col:
            sheet[f"{share_col}5"] = share_word
    row = 6
    for label, partners in values.items():
        sheet[f"A{row}"] = label
        total = partners["total"][index]
        for partner, (value_col, share_col, yoy_col) in EXPORT_IMPORT_COLUMNS.items():
            sheet[f"{value_col}{row}"] = partners[partner][index]
            sheet[f"{yoy_col}{row}"] = 1.5  # a published YoY rate
            if share_col:
                sheet[f"{share_col}{row}"] = 100 * partners[partner][index] / total
        row += 1
    for label in CHANGE_ROWS:
        sheet[f"A{row}"] = label
        sheet[f"B{row}"] = 1.0
        row += 1
    sheet[f"A{row}"] = "說明：東協包括新加坡、馬來西亞、菲律賓、泰國、印尼、越南、汶萊、寮國、緬甸及柬埔寨。"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def _balance_workbook(path: Path, values=TRADE_VALUES) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "表10"
    sheet["A1"] = "表10、對主要國家/地區出入超"
    sheet["K3"] = "單位：百萬美元"
    sheet["A4"] = "年(月)別"
    for partner, cell in (
        ("total", "B4"),
        ("asia", "C4"),
        ("us", "I4"),
        ("europe", "J4"),
        ("middle_east", "K4"),
        ("china_hk", "D5"),
        ("japan", "E5"),
        ("asean", "F5"),
        ("korea", "H5"),
        ("singapore", "G6"),
    ):
        sheet[cell] = {
            "asia": "亞\u3000洲",
            "middle_east": "中\u3000東",
            "singapore": "新加坡 ",
            "china_hk": "中國大陸\n與香港",
        }.get(partner, HEADERS.get(partner))
    row = 7
    for label, partners in values.items():
        sheet[f"A{row}"] = label
        for partner, column in BALANCE_COLUMNS.items():
            if partner in partners:
                exports, imports = partners[partner]
                sheet[f"{column}{row}"] = exports - imports
            else:
                sheet[f"{column}{row}"] = BALANCE_ONLY[partner]
        row += 1
    for label in CHANGE_ROWS:
        sheet[f"A{row}"] = label
        row += 1
    sheet[f"A{row}"] = "說明：入超項下之增減比較。"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def write_trade_prelim(root: Path, values=TRADE_VALUES) -> dict[str, Path]:
    paths = {flow: root / file.path for flow, file in trade_mof_prelim.FILES.items()}
    _export_import_workbook(paths["export"], "export", values)
    _export_import_workbook(paths["import"], "import", values)
    _balance_workbook(paths["balance"], values)
    return paths


# --- HS 8542 exports by destination -------------------------------------------------------------------

HS_HEADER = "\ufeffYear,Country,HS Code,Description,Export Value (USD)"
HS_ROWS = [
    "2023,中國大陸,85423100002, Processors and controllers,1000000.0",
    "2023,中國大陸,85423200118, Memories,500000.0",
    "2023,香港,85423100002, Processors and controllers,2000000.0",
    "2023,美國,85423100002, Processors and controllers,0",  # a real zero
    "2023,丹麥,85423100002, Processors and controllers,1500.5",
    "2024,中國大陸,85423100002, Processors and controllers,3000000.0",
    "2025,中國大陸,85423100002, Processors and controllers,1250000.0",
]


def write_hs8542(root: Path, rows: list[str] = HS_ROWS) -> Path:
    path = root / trade_hs8542.EXPORTS.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([HS_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def write_japan_trade_raw(root: Path) -> Path:
    """Everything the Japan-side, PLA Tracker and trade loaders need beside pla_daily's two files (which conftest writes)."""
    write_conflict_log(root)
    write_tracker(root)
    write_trade_prelim(root)
    write_hs8542(root)
    return root
