"""Small witness files for the report-day alignment: madeye reports, The Reporter's traced maps, and
project catalogs (press reports, corrections, reporting eras) written by the tests themselves."""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
from pathlib import Path

import settings
from loaders import flight_tracks, japan_tracks, mnd_reports

# report day -> (aircraft, crossed median, entered ADIZ, vessels, official ships, regions)
MADEYE_DAYS = {
    "2024-05-20": (10, 4, 4, 5, 1, ["southwest"]),
    "2024-05-21": (0, 0, 0, 3, 0, []),
}


def madeye_report(day: str, values: tuple) -> dict:
    aircraft, crossed, entered, vessels, official, regions = values
    prev = f"{day[:8]}{int(day[8:]) - 1:02d}"
    return {
        "date": day,
        "period": {"start": f"{prev}T06:00:00+08:00", "end": f"{day}T06:00:00+08:00"},
        "aircraft": {"total": aircraft, "crossed_median": crossed, "entered_adiz": entered, "adiz_regions": regions},
        "vessels": {"naval": vessels, "official": official},
        "map_image": f"assets/maps/{day}.jpg",
        "positions": {"source": "zones", "aircraft": [], "vessels": []},
        "source_url": f"https://www.mnd.gov.tw/news/plaact/{80000 + int(day[8:])}",
    }


def write_madeye(root: Path, days: dict[str, tuple] = MADEYE_DAYS) -> Path:
    folder = root / mnd_reports.DAILY_DIR
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["date,aircraft_total,crossed_median,entered_adiz,vessels_naval,vessels_official,map_image"]
    for day, values in days.items():
        (folder / f"{day}.json").write_text(json.dumps(madeye_report(day, values), indent=2), encoding="utf-8")
        aircraft, crossed, entered, vessels, official, _ = values
        lines.append(f"{day},{aircraft},{crossed},{entered},{vessels},{official},maps/{day}.jpg")
    (root / mnd_reports.SUMMARY.path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _collection(features: list[dict]) -> str:
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": p,
                    "geometry": {"type": "LineString", "coordinates": [[120, 23], [121, 24]]},
                }
                for p in features
            ],
        },
        ensure_ascii=False,
    )


def write_tracks(root: Path) -> None:
    """One traced day per file; the aircraft drawn never exceed the fixture's daily totals."""
    files = dict(
        zip(
            (f.path for f in flight_tracks.SOURCE.files),
            (
                [{"dates_fixed": "20240520", "num": "3", "機型中文": "殲-16機"}],
                [{"date": "2024-05-23", "num": "12", "aircraft_type": "殲-10機"}],
                [
                    {"date": "2024-05-25", "category": "polygon_#each", "description": "0800-1700時主戰機計20架次"},
                    {"date": "2024-05-25", "category": "polygon_#separate", "description": "0800-1700時主戰機計20架次"},
                ],
            ),
        )
    )
    for path, features in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_collection(features), encoding="utf-8")


# Japan Joint Staff Office maps as The Reporter traced them (jp_data_cleaned.csv and .geojson): a ship track,
# a drone track, a bomber track repeated from an earlier release ('old'), each as the upstream writes it.
JAPAN_ROWS = [
    {
        "order": "1",
        "type": "LineString",
        "src": "p20220801_02_r_cropped_resized",
        "country": "china",
        "version": "new",
        "category": "arrow",
        "id_num": "$1$",
        "id_content": "7/31_054A江凱II型護衛艦（599）",
        "group_detail": "",
        "shape": "arrow",
        "data": "ship",
        "geometry": {"type": "LineString", "coordinates": [[122.37, 25.57], [122.39, 23.9]]},
        "unique_labels": "['054A江凱II型護衛艦']",
        "file_name": "p20220801_02.pdf",
        "urls": "https://www.mod.go.jp/js/pdf/2022/p20220801_02.pdf",
        "first_page_content": "------令和４年８月１日統合幕僚監部---（お知らせ）中国海軍艦艇の動向について",
        "if_宮古海峽": "",
        "if_遼寧艦": "",
        "if_山東艦": "",
    },
    {
        "order": "2",
        "type": "MultiLineString",
        "src": "p20220805_01_r",
        "country": "china",
        "version": "new",
        "category": "arrow",
        "id_num": "$2$",
        "id_content": "BZK-005偵察型無人機（1機）",
        "group_detail": "",
        "shape": "arrow",
        "data": "flight",
        "geometry": {
            "type": "MultiLineString",
            "coordinates": [[[123.0, 24.0], [124.0, 25.0]], [[124.0, 25.0], [125.0, 25.5]]],
        },
        "unique_labels": "['BZK-005偵察型無人機']",
        "file_name": "p20220805_01.pdf",
        "urls": "https://www.mod.go.jp/js/pdf/2022/p20220805_01.pdf",
        "first_page_content": "中国機の動向について",
        "if_宮古海峽": "宮古海峽",
        "if_遼寧艦": "",
        "if_山東艦": "",
    },
    {
        "order": "3",
        "type": "LineString",
        "src": "p20221130_03_r",
        "country": "both",
        "version": "old",
        "category": "group",
        "id_num": "$3$",
        "id_content": "轟-6轟炸機（2機）",
        "group_detail": "arrow",
        "shape": "arrow",
        "data": "flight",
        "geometry": {"type": "LineString", "coordinates": [[126.0, 27.0], [127.5, 26.0]]},
        "unique_labels": "['轟-6（H-6）']",
        "file_name": "p20221130_03.pdf",
        "urls": "https://www.mod.go.jp/js/pdf/2022/p20221130_03.pdf",
        "first_page_content": "中国及びロシア機の動向について",
        "if_宮古海峽": "",
        "if_遼寧艦": "",
        "if_山東艦": "",
    },
]


def _python_literal(geometry: dict) -> str:
    """A geometry as The Reporter's CSV writes it: a Python dict literal in single quotes."""
    return repr(geometry)


def write_japan_tracks(root: Path, rows: list[dict] = JAPAN_ROWS, *, geojson_rows: list[dict] | None = None) -> None:
    """jp_data_cleaned.csv (no final line break, as upstream) and .geojson (NaN for empty cells, as upstream)."""
    header = [*japan_tracks.COLUMNS, "if_宮古海峽", "if_遼寧艦", "if_山東艦"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_python_literal(row["geometry"]) if c == "geojson" else row[c] for c in header])
    csv_path = root / japan_tracks.CSV.path
    csv_path.parent.mkdir(parents=True, exist_ok=True)
    csv_path.write_text(out.getvalue().rstrip("\n"), encoding="utf-8")

    def prop(value: str, column: str):
        if column == "order":
            return int(value)
        return math.nan if value == "" else value

    features = [
        {
            "type": "Feature",
            "geometry": row["geometry"],
            "properties": {c: prop(row[c], c) for c in header if c != "geojson"},
        }
        for row in (rows if geojson_rows is None else geojson_rows)
    ]
    (root / japan_tracks.GEOJSON.path).write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=2), encoding="utf-8"
    )


def write_witness_raw(root: Path) -> Path:
    write_madeye(root)
    write_tracks(root)
    write_japan_tracks(root)
    return root


def write_catalogs(folder: Path, *, press: str = "reports: []\n", corrections: str = "corrections: []\n") -> Path:
    """Catalogs for fixture data: no press reports or corrections (the real ones are about real days), the real
    reporting eras."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "press_reports.yaml").write_text(press, encoding="utf-8")
    (folder / "corrections.yaml").write_text(corrections, encoding="utf-8")
    shutil.copy(settings.PROJECT_DIR / "data" / "catalog" / "reporting_eras.yaml", folder / "reporting_eras.yaml")
    shutil.copy(settings.PROJECT_DIR / "data" / "catalog" / "aircraft_types.yaml", folder / "aircraft_types.yaml")
    return folder
