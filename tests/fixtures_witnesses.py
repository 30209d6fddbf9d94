"""Small witness files for the report-day alignment: madeye reports, The Reporter's traced maps, and
project catalogs (press reports, corrections, reporting eras) written by the tests themselves."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import settings
from loaders import flight_tracks, mnd_reports

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


def write_witness_raw(root: Path) -> Path:
    write_madeye(root)
    write_tracks(root)
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
