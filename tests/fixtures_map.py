"""Small raw files for the map loaders (navigation warnings, transits, Natural Earth land), written by tests.

Laid out like shared/data/raw so `write_map_raw(root)` can join the MND files of `good_raw` and the
whole refresh runs on test data. Rows mimic the real upstream formats (see the loader docstrings).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import py7zr

WARNING_COLUMNS = [
    "publish_date",
    "title",
    "channel",
    "time_periods",
    "coordinate_count",
    "coordinates",
    "coordinates_raw",
    "content_preview",
    "url",
    "scraped_at",
    "start_date",
    "end_date",
]

POLYGON_TEXT = (
    "闽航警1/26，台湾海峡，7月23日0600时至1800时，在以下四点连线范围内进行实弹射击："
    "1）23-41.00N、117-31.00E 2）23-36.00N、117-28.00E 3）23-35.00N、117-30.00E "
    "4）23-38.00N、117-36.00E 禁止进入。"
)
POLYGON_DECIMAL = "23.6833,117.5167; 23.6,117.4667; 23.5833,117.5; 23.6333,117.6"
POLYGON_RAW = "23-41.00N 117-31.00E; 23-36.00N 117-28.00E; 23-35.00N 117-30.00E; 23-38.00N 117-36.00E"

CIRCLE_TEXT = "琼航警2/26，南海，自7月2日至7月3日，在以19-36.00N 110-55.80E为中心，5.4海里为半径的圆形区域内进行火箭发射，禁止驶入。"


def warning_row(**overrides: str) -> dict[str, str]:
    """One well-formed polygon notice; override any field to break it."""
    row = {
        "publish_date": "2026-07-22",
        "title": "军事演习—闽航警1/26",
        "channel": "福建海事局",
        "time_periods": "07/23 0600-1800",
        "coordinate_count": "4",
        "coordinates": POLYGON_DECIMAL,
        "coordinates_raw": POLYGON_RAW,
        "content_preview": POLYGON_TEXT,
        "url": "https://www.msa.gov.cn/html/cnmsa/hxaq/article/2026/aaa.html?hav=TOKEN1",
        "scraped_at": "2026-07-22T10:00:00",
        "start_date": "2026-07-23",
        "end_date": "2026-07-23",
    }
    row.update(overrides)
    return row


def circle_row(**overrides: str) -> dict[str, str]:
    return warning_row(
        **{
            "title": "火箭发射—琼航警2/26",
            "channel": "海南海事局",
            "time_periods": "07/02-07/03 每日 2050-2250",
            "coordinate_count": "1",
            "coordinates": "19.6,110.93",
            "coordinates_raw": "19-36.00N 110-55.80E",
            "content_preview": CIRCLE_TEXT,
            "url": "https://www.msa.gov.cn/page/article.do?articleId=bbb&channelId=X",
            "publish_date": "2026-06-30",
            "start_date": "2026-07-02",
            "end_date": "2026-07-03",
            **overrides,
        }
    )


def write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")  # upstream files carry a BOM
    return path


def write_warnings(root: Path, rows: list[dict[str, str]]) -> Path:
    return write_csv(
        root / "pla-data-dashboard" / "navigation_warnings" / "military_exercises.csv", WARNING_COLUMNS, rows
    )


TRANSIT_HEADER = (
    "Date,Year,Ships,Country,Sorties_D0,Sorties_Total_5d,Sorties_Prev_5d,Increase,,Ship_Type,"
    "Hull_Number,Mission_Note,Date_Precision,Date_Note,Source,Country_Confidence,"
)


def transit_line(
    date: str = "2024/10/20",
    year: str = "2024",
    ship: str = "加拿大海軍巡防艦「溫哥華號」（HMCS Vancouver）",
    country: str = "Canada",
    url8: str = "",
    ship_type: str = "巡防艦",
    precision: str = "exact",
    confidence: str = "high",
    url_last: str = "",
) -> str:
    return f"{date},{year},{ship},{country},0.0,1.0,0.0,1.0,{url8},{ship_type},,,{precision},,,{confidence},{url_last}"


GOOD_TRANSITS = [
    transit_line(),
    transit_line(
        "2026/3/2",
        "2026",
        "5艘共艦台海周邊活動國軍嚴密監控",
        "CN",
        "https://www.cna.com.tw/news/aipl/1.aspx",
        "",
        "",
        "",
    ),
    transit_line(
        "2026/8/22",
        "2026",
        "美國第七艦隊證實P-8A軍機飛越台海",
        "US",
        "",
        "",
        "exact",
        "medium",
        "https://www.cna.com.tw/news/aopl/2.aspx",
    ),
]


def write_transits(root: Path, lines: list[str]) -> Path:
    path = root / "pla-data-dashboard" / "naval_transits.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\ufeff" + "\n".join([TRANSIT_HEADER, *lines]) + "\n", encoding="utf-8")
    return path


# A "Taiwan" and a "Kinmen" box, plus land far outside the map region (must be clipped away).
TEST_LAND = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"featurecla": "Land"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[120.1, 22.0], [121.9, 22.0], [121.9, 25.3], [120.1, 25.3], [120.1, 22.0]]],
            },
        },
        {
            "type": "Feature",
            "properties": {"featurecla": "Land"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[118.2, 24.4], [118.5, 24.4], [118.5, 24.5], [118.2, 24.5], [118.2, 24.4]]],
            },
        },
        {
            "type": "Feature",
            "properties": {"featurecla": "Land"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]]],
            },
        },
    ],
}


def write_land(root: Path, collection: dict | None = None, member: str = "ne_10m_land.json") -> Path:
    path = root / "natural-earth" / "10m" / "physical" / "ne_10m_land.7z"
    path.parent.mkdir(parents=True, exist_ok=True)
    with py7zr.SevenZipFile(path, "w") as archive:
        archive.writestr(json.dumps(collection or TEST_LAND), member)
    return path


def write_map_raw(root: Path) -> Path:
    """The map loaders' raw inputs, good ones, under `root` (laid out like shared/data/raw)."""
    write_warnings(root, [warning_row(), circle_row()])
    write_transits(root, GOOD_TRANSITS)
    write_land(root)
    return root
